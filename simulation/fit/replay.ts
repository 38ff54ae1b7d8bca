/**
 * The load test's shape as the scenario's load: which class each endpoint is, and the
 * source's arrivals over the test's length. Pure.
 *
 * Endpoints to classes: `--map NAME=CLASS` first; else the class whose id is the
 * endpoint's name; else the class whose label is; else, when the scenario has one
 * class, that class. An endpoint that maps to none is left out of the replay (its
 * requests are reported as not replayed).
 *
 * Arrivals: open (Poisson) by default, at the test's measured request rate (failures
 * included) over time — the rate of each window as a `profile` point at its middle —
 * and the measured mix of classes. Closed only when asked (`--replay closed`) or for a
 * Locust test whose user count never changes: N users as in the file, with an
 * exponential think time Z from Little's law for a closed loop, Z = N·T/requests − mean
 * latency (Locust does not record its wait_time); a ramp of users does not map onto
 * one closed population, so it is replayed open.
 */
import type { Dist, Scenario, ScenarioNode, SourceNode } from '../model/schema';
import { FindingError, problem } from '../findings/error';
import { mergeBatches, type MeasuredEndpoint, type Measurement } from '../import/loadTests/measurement';

export class FitInputError extends FindingError {}

export type MappingRule = 'map' | 'id' | 'label' | 'onlyClass';

export interface EndpointMapping {
  endpoint: string;
  requests: number;
  cls: string | null;
  rule: MappingRule | null;
}

export type ReplayMode = 'open' | 'closed';

export interface Replay {
  mode: ReplayMode;
  source: string;
  /** Open: the mean arrival rate; closed: the users' resulting rate (measured). */
  rate: number;
  users: number | null;
  thinkTime: number | null;
  /** Profile points written (open, with windows). */
  profilePoints: number;
  mix: Record<string, number>;
  /** Share of the test's requests whose endpoint maps to no class, so not replayed. */
  notReplayed: number;
  /** A closed replay was asked for but the file gives no user count, or Little's law no positive think time: replayed open. */
  closedFallback: boolean;
}

export function scenarioClasses(s: Scenario): { id: string; label?: string }[] {
  return s.classes && s.classes.length > 0 ? s.classes : [{ id: 'default' }];
}

export function mapEndpoints(s: Scenario, m: Measurement, map: Readonly<Record<string, string>>): EndpointMapping[] {
  const classes = scenarioClasses(s);
  const ids = new Set(classes.map((c) => c.id));
  for (const [name, cls] of Object.entries(map)) {
    if (!ids.has(cls)) throw new FitInputError(problem('fitMapUnknownClass', { name, cls, classes: [...ids].join(', ') }));
  }
  return m.endpoints.map((e) => {
    const found = (cls: string | undefined, rule: MappingRule) => ({ endpoint: e.name, requests: e.requests, cls: cls ?? null, rule: cls === undefined ? null : rule });
    if (Object.hasOwn(map, e.name)) return found(map[e.name], 'map');
    if (ids.has(e.name)) return found(e.name, 'id');
    const byLabel = classes.find((c) => c.label === e.name);
    if (byLabel) return found(byLabel.id, 'label');
    if (classes.length === 1) return found(classes[0]!.id, 'onlyClass');
    return found(undefined, 'map');
  });
}

/** Each class's measured figures: its endpoints merged (percentiles only when one endpoint is the class). */
export function classMeasurements(m: Measurement, mapping: readonly EndpointMapping[]): Map<string, MeasuredEndpoint> {
  const out = new Map<string, MeasuredEndpoint>();
  m.endpoints.forEach((e, k) => {
    const cls = mapping[k]!.cls;
    if (cls === null) return;
    const before = out.get(cls);
    if (!before) {
      out.set(cls, { ...e, name: cls });
      return;
    }
    const requests = before.requests + e.requests;
    const mean = before.mean !== null && e.mean !== null && requests > 0 ? (before.mean * before.requests + e.mean * e.requests) / requests : null;
    out.set(cls, { name: cls, requests, failures: before.failures + e.failures, mean, p50: null, p95: null, p99: null, batches: mergeBatches(before.batches, e.batches) });
  });
  return out;
}

function sourceOf(s: Scenario, id: string | undefined): SourceNode {
  const sources = s.nodes.filter((n): n is SourceNode => n.kind === 'source');
  const chosen = id === undefined ? (sources.length === 1 ? sources[0] : undefined) : sources.find((n) => n.id === id);
  if (!chosen) throw new FitInputError(problem('fitSource', { count: id === undefined ? sources.length : 0, sources: sources.map((n) => n.id).join(', ') }));
  return chosen;
}

/** Whether a Locust test kept one user count all along (then it maps onto a closed source). */
export function constantUsers(m: Measurement): number | null {
  const users = m.windows.map((w) => w.users);
  if (m.tool !== 'locust' || users.length === 0 || users.some((u) => u === null)) return null;
  const first = users[0]!;
  return first > 0 && users.every((u) => u === first) ? first : null;
}

export interface ReplayOptions {
  source?: string;
  mode?: ReplayMode;
  replications: number;
  seed: number;
}

export function replayScenario(s: Scenario, m: Measurement, mapping: readonly EndpointMapping[], options: ReplayOptions): { scenario: Scenario; replay: Replay } {
  const source = sourceOf(s, options.source);
  const T = m.duration;
  const endpointRequests = m.endpoints.reduce((a, e) => a + e.requests, 0);
  const mapped = mapping.filter((x) => x.cls !== null).reduce((a, x) => a + x.requests, 0);
  if (m.endpoints.length > 0 && mapped === 0) {
    throw new FitInputError(problem('fitNoMatch', { endpoints: m.endpoints.map((e) => e.name).slice(0, 8).join(', '), classes: scenarioClasses(s).map((c) => c.id).join(', ') }));
  }
  const share = m.endpoints.length > 0 && endpointRequests > 0 ? mapped / endpointRequests : 1;
  const mix: Record<string, number> = {};
  if (m.endpoints.length > 0) for (const x of mapping) if (x.cls !== null) mix[x.cls] = (mix[x.cls] ?? 0) + x.requests / mapped;
  const finalMix = m.endpoints.length > 0 ? mix : (source.mix ?? { [scenarioClasses(s)[0]!.id]: 1 });
  const rate = (m.total.requests / T) * share;
  const users = options.mode === 'open' ? null : constantUsers(m);
  const wantClosed = options.mode === 'closed' || users !== null;
  let arrival: SourceNode['arrival'];
  let profile: SourceNode['profile'];
  let replay: Replay;
  const closedUsers = users ?? (options.mode === 'closed' ? Math.max(0, ...m.windows.map((w) => w.users ?? 0)) : 0);
  const think = closedUsers > 0 && m.total.mean !== null ? (closedUsers * T) / (m.total.requests * share) - m.total.mean : -1;
  if (wantClosed && closedUsers > 0 && think > 0) {
    const thinkTime: Dist = { dist: 'exponential', mean: think };
    arrival = { process: 'closed', users: Math.round(closedUsers), thinkTime };
    replay = { mode: 'closed', source: source.id, rate, users: Math.round(closedUsers), thinkTime: think, profilePoints: 0, mix: finalMix, notReplayed: 1 - share, closedFallback: false };
  } else {
    arrival = { process: 'poisson', rate };
    const total = m.total.requests / T;
    profile = m.windows.length > 1 ? m.windows.map((w) => ({ at: (w.start + w.end) / 2, scale: w.started / Math.max(1e-9, w.end - w.start) / total })) : undefined;
    replay = { mode: 'open', source: source.id, rate, users: null, thinkTime: null, profilePoints: profile?.length ?? 0, mix: finalMix, notReplayed: 1 - share, closedFallback: wantClosed };
  }
  const { profile: _oldProfile, ...rest } = source;
  void _oldProfile;
  const replayed: SourceNode = { ...rest, arrival, mix: finalMix, ...(profile ? { profile } : {}) };
  const nodes: ScenarioNode[] = s.nodes.map((n) => (n.id === source.id ? replayed : n));
  // Other sources keep their own load: they were running during the test too, or were not; the file says which.
  return {
    scenario: { ...s, nodes, run: { ...s.run, duration: T, warmup: 0, replications: options.replications, seed: options.seed } },
    replay,
  };
}
