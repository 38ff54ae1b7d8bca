/**
 * The metastability map: a grid of trigger sizes × durations, each point run with the
 * scenario's replications and judged recovered or stuck by the resilience check's rule
 * (`judgeRecovery`: replication means over a sliding window against the level before
 * the trigger, held for a stated time). The map answers where a system that is fine in
 * steady state stops coming back — the boundary, for each duration, at the smallest size
 * that stays stuck — and what keeps it stuck.
 *
 * Triggers, each a transform of the scenario (so every point runs on the ordinary
 * engine and worker pool):
 * - `spike`: the source's rate × size for the duration (`withSpike`);
 * - `fault`: round(size × replicas) replicas of a node down (at least one), with the
 *   scenario's own `faults` field;
 * - `flush`: a flush of the cache in the file's timeline, `share` = size and `for` =
 *   duration (`withFlush`): a keyed cache loses that share of its keys and stores none
 *   of them for the duration, a keyless one's hit ratio falls to (1 − size) × its own.
 *
 * The mechanism of a stuck point is read from what its run measured after the trigger
 * ended against the level before it, by a stated rule (`mechanismOf`).
 */
import { NodeKind, type CompiledModel } from '../engine/compile';
import { FindingError, problem } from '../findings/error';
import type { Finding } from '../findings/finding';
import type { Scenario, ScenarioNode } from '../model/schema';
import { flushSpan, spansMeet } from '../model/events';
import type { ReplicationTally } from '../stats/tally';
import type { SignalLike } from '../runner/cancel';
import type { WorkerPool } from '../runner/pool';
import { runReplications } from '../runner/runScenario';
import { judgedDuration, judgeRecovery, replicationSeries, withSpike, type ReplicationSeries, type SpikedScenario } from './resilience';

export const metaTriggers = ['spike', 'fault', 'flush'] as const;
export type MetaTrigger = (typeof metaTriggers)[number];
export type Mechanism = 'retries' | 'coldCache' | 'backlog' | 'unclear';

export interface MetastabilityOptions {
  trigger: MetaTrigger;
  sizes: readonly number[];
  durations: readonly number[];
  /** Trigger start, simulated seconds from the start of the run (default: the warm-up's end plus the longest duration, at least 30 s). */
  at?: number;
  /** A point recovers when it is back within this many seconds after the trigger ends. */
  within: number;
  /** The node a fault takes down or the cache a flush empties. */
  node?: string;
  /** The source a spike raises (needed only when there are several open sources). */
  source?: string;
  window?: number;
  hold?: number;
}

export interface MetaBacklog {
  node: string;
  /** Requests waiting at the node, mean over the tenth of the run up to the deadline, and over the level before the trigger. */
  waiting: number;
  before: number;
  growing: boolean;
}

export interface MetaPoint {
  index: number;
  size: number;
  duration: number;
  recovers: boolean;
  /** Seconds after the trigger ended until the point was back and stayed back (null: never within the run). */
  recoveryTime: number | null;
  /** Replications that stopped early (an overload past the engine's limit): such a point is stuck. */
  stopped: number;
  /** Share of tries on edges with retries that were retries, after the trigger ended (null: no edge retries). */
  retryShare: number | null;
  /** Hit ratio of every cache after the trigger ended, by id. */
  hitRatio: Record<string, number>;
  backlog: MetaBacklog | null;
  /** What keeps a point stuck; null when it recovers. */
  mechanism: Mechanism | null;
  /** The node the mechanism names, when it names one (the backlog's, the cache's, the retried callee's). */
  mechanismNode: string | null;
}

export interface MetastabilityDocument {
  format: 'headroom/metastability';
  version: 1;
  scenario: string;
  trigger: { kind: MetaTrigger; node: string; at: number; sizeMeans: 'rateFactor' | 'replicaShareDown' | 'hitRatioDrop' | 'keyShareLost'; replicas?: number };
  sizes: number[];
  durations: number[];
  replications: number;
  within: number;
  /** What the level before the trigger was, from a run of the file without it. */
  baseline: { retryShare: number | null; hitRatio: Record<string, number> };
  /** Row-major: sizes down, durations across (the duration varies fastest). */
  points: MetaPoint[];
  /** For each duration, the smallest size that stays stuck (null: every size recovered). */
  boundary: { duration: number; size: number | null }[];
  /** The mechanism of most stuck points (ties in the rule's order), with the node most of them name. */
  mechanism: { kind: Mechanism | null; node: string | null; stuck: number };
  findings: Finding[];
}

export interface MetaProgress {
  fraction: number;
  pointsDone: number;
  points: number;
}

/** Flush-to-hit-ratio and fault sizes are shares; a spike's is a factor on the rate. */
export function sizeBound(trigger: MetaTrigger): { low: number; high: number | null } {
  return trigger === 'spike' ? { low: 0, high: null } : { low: 0, high: 1 };
}

/** The trigger applied to the scenario at one point, as the judge reads it. */
export function triggered(base: Scenario, o: MetastabilityOptions, size: number, duration: number, at: number): SpikedScenario {
  const runFor = { at, duration, within: o.within, window: o.window, hold: o.hold };
  if (o.trigger === 'spike') return withSpike(base, { factor: size, ...runFor, source: o.source });
  const scenario = o.trigger === 'fault' ? withFault(base, o.node!, size, at, duration) : withFlush(base, o.node!, size, at, duration);
  const firstSource = base.nodes.find((n) => n.kind === 'source')!.id;
  return { scenario: { ...scenario, run: { ...scenario.run, duration: judgedDuration(base, runFor) } }, source: firstSource, findings: [] };
}

/** Replicas a fault of this size takes down: round(size × replicas), at least one, at most all. */
export function replicasDown(node: ScenarioNode, size: number): number {
  const replicas = 'replicas' in node && typeof node.replicas === 'number' ? node.replicas : 1;
  return Math.min(replicas, Math.max(1, Math.round(size * replicas)));
}

export function withFault(base: Scenario, nodeId: string, size: number, at: number, duration: number): Scenario {
  const node = base.nodes.find((n) => n.id === nodeId);
  if (!node || node.kind === 'source' || node.kind === 'queue') throw new FindingError(problem('metaFaultNode', { node: nodeId }));
  return { ...base, faults: [...(base.faults ?? []), { node: nodeId, at, for: duration, replicas: replicasDown(node, size) }] };
}

/**
 * A cache flush as one more `flush` event of the file's timeline: `share` = the size (of
 * the keys lost for a keyed cache, of the hit ratio for a keyless one), `for` = the
 * duration (the cache stays flushed that long; a keyed cache stores none of the lost keys
 * meanwhile), `warm` 0 (a keyless cache is back at its hit ratio when the flush ends, as
 * a keyed one is back to loading). So a flush runs on the engine's own timeline
 * (`engine/timeline.ts`, `engine/partialFlush.ts`), keyed caches and closed users alike.
 */
export function withFlush(base: Scenario, cacheId: string, size: number, at: number, duration: number): Scenario {
  const cache = base.nodes.find((n) => n.id === cacheId);
  if (!cache || cache.kind !== 'cache') throw new FindingError(problem('metaFlushNode', { node: cacheId }));
  // A fixed hit ratio of 0 for every class leaves nothing to lose: every point would be the file itself.
  if (cache.keys === undefined && noHits(cache.hitRatio)) throw new FindingError(problem('metaFlushNoHits', { node: cacheId }));
  const flush = { at, node: cacheId, action: 'flush' as const, share: Math.min(1, size), for: duration, warm: 0 };
  const { whatIf: _whatIf, ...rest } = base;
  return { ...rest, events: [...(base.events ?? []), flush] };
}

function noHits(spec: Extract<ScenarioNode, { kind: 'cache' }>['hitRatio']): boolean {
  if (spec === undefined) return true;
  if (typeof spec === 'number') return spec === 0;
  return (spec.default ?? 0) === 0 && Object.values(spec.byClass).every((h) => h === 0);
}

/** What a flush already in the file occupies of a cache: from its start to its end (`for`, then `warm` for a keyless cache). */
export function fileFlushSpans(base: Scenario, cacheId: string): { index: number; from: number; to: number }[] {
  const cache = base.nodes.find((n) => n.id === cacheId);
  const keyed = cache?.kind === 'cache' && cache.keys !== undefined;
  return (base.events ?? []).flatMap((e, index) => (e.action === 'flush' && e.node === cacheId ? [{ index, ...flushSpan(e, keyed) }] : []));
}

/** The points whose flush, [at, at + duration], meets a flush of the file's timeline on the same cache: overlapping flushes compound. */
export function flushOverlaps(base: Scenario, cacheId: string, at: number, grid: readonly { size: number; duration: number }[]): { event: number; from: number; to: number; cells: string[] }[] {
  return fileFlushSpans(base, cacheId)
    .map((s) => ({ event: s.index, from: s.from, to: s.to, cells: grid.filter((g) => spansMeet(s, { from: at, to: at + g.duration })).map((g) => `${g.size}/${g.duration}`) }))
    .filter((o) => o.cells.length > 0);
}

// ---------------------------------------------------------------- what a run measured

/** What the mechanism rule reads from a run's measured window (after the trigger ended: the window opens there). */
export interface WindowMeasures {
  retryShare: number | null;
  retriedCallee: string | null;
  hitRatio: Record<string, number>;
}

export function windowMeasures(model: CompiledModel, tallies: readonly ReplicationTally[]): WindowMeasures {
  const retried = new Set(model.edges.filter((e) => e.sync && e.retries > 0).map((e) => e.to));
  let tries = 0;
  let retries = 0;
  let most = -1;
  let retriedCallee: string | null = null;
  for (const callee of retried) {
    // A node's arrivals count every try; its callers' edge calls count first tries only.
    const arrivals = tallies.reduce((s, t) => s + t.nodes[callee]!.arrivals, 0);
    const first = tallies.reduce((s, t) => s + model.edges.filter((e) => e.to === callee).reduce((a, e) => a + (t.edgeCalls[e.index] ?? 0), 0), 0);
    const r = Math.max(0, arrivals - first);
    tries += arrivals;
    retries += r;
    if (r > most) {
      most = r;
      retriedCallee = model.nodes[callee]!.id;
    }
  }
  const hitRatio: Record<string, number> = {};
  for (const n of model.nodes) {
    if (n.kind !== NodeKind.Cache) continue;
    const lookups = tallies.reduce((s, t) => s + t.nodes[n.index]!.lookups, 0);
    if (lookups > 0) hitRatio[n.id] = tallies.reduce((s, t) => s + t.nodes[n.index]!.hits, 0) / lookups;
  }
  return { retryShare: retried.size === 0 ? null : tries > 0 ? retries / tries : 0, retriedCallee, hitRatio };
}

/**
 * The node with the most requests waiting over the tenth of the run that ends at the
 * deadline (the trigger's end plus the time allowed to recover), against its level before
 * the trigger: a backlog still there when the point should have been back, whether it
 * grows on or drains too slowly.
 */
export function largestBacklog(model: CompiledModel, tallies: readonly ReplicationTally[], baseFrom: number, baseTo: number, deadline: number): MetaBacklog | null {
  const buckets = tallies[0]?.series.ok.length ?? 0;
  const interval = tallies[0]?.series.interval ?? 1;
  const tenth = Math.max(1, Math.floor(buckets / 10));
  const meanWaiting = (node: number, a: number, b: number) => {
    let sum = 0;
    for (const t of tallies) for (let i = Math.max(0, a); i < Math.min(b, buckets); i++) sum += t.series.nodes[node]!.waitingArea[i]!;
    return sum / (tallies.length * Math.max(1, Math.min(b, buckets) - Math.max(0, a)) * interval);
  };
  const first = Math.ceil(baseFrom / interval - 1e-9);
  const last = Math.floor(baseTo / interval + 1e-9);
  const to = Math.min(buckets, Math.max(tenth, Math.round(deadline / interval)));
  let best: MetaBacklog | null = null;
  for (const n of model.nodes) {
    if (n.kind === NodeKind.Source) continue;
    const waiting = meanWaiting(n.index, to - tenth, to);
    if (best !== null && waiting <= best.waiting) continue;
    best = { node: n.id, waiting, before: meanWaiting(n.index, first, last), growing: waiting > meanWaiting(n.index, to - 2 * tenth, to - tenth) };
  }
  return best;
}

/** Ten points more of the tries being retries than before the trigger. */
export const retryShareGain = 0.1;
/** Five points less of the lookups hitting than before the trigger. */
export const hitRatioLoss = 0.05;

/**
 * Why a point stays stuck, the first that holds in this order: retries (the share of
 * tries that are retries is `retryShareGain` above the level before), a cold cache (a
 * cache's hit ratio is `hitRatioLoss` below it), a backlog (a node holds more than twice
 * its waiting before, plus one request, when it should have been back). A retry storm and a cold
 * cache each leave a backlog behind them, so the backlog is named only when neither holds.
 */
export function mechanismOf(after: WindowMeasures, before: WindowMeasures, backlog: MetaBacklog | null): { kind: Mechanism; node: string | null } {
  if (after.retryShare !== null && after.retryShare - (before.retryShare ?? 0) >= retryShareGain) return { kind: 'retries', node: after.retriedCallee };
  for (const [id, h] of Object.entries(after.hitRatio)) if ((before.hitRatio[id] ?? h) - h >= hitRatioLoss) return { kind: 'coldCache', node: id };
  if (backlog && backlog.waiting > 2 * backlog.before + 1) return { kind: 'backlog', node: backlog.node };
  return { kind: 'unclear', node: null };
}

// ---------------------------------------------------------------- the grid

/** `count` values evenly from `low` to `high` (one value when they are equal). */
export function spread(low: number, high: number, count: number): number[] {
  if (count <= 1 || low === high) return [low];
  return Array.from({ length: count }, (_, k) => Number((low + ((high - low) * k) / (count - 1)).toPrecision(6)));
}

/** Default trigger start: the warm-up's end plus room to measure the level before (the longest duration, at least 30 s). */
export function defaultAt(base: Scenario, durations: readonly number[]): number {
  return (base.run.warmup ?? 0) + Math.max(30, ...durations);
}

/**
 * A trigger that lasts 0 s changes something only as a flush of a keyed cache: its keys
 * are lost at once and load back as misses come. A spike or a fault of 0 s does nothing,
 * and so does a keyless flush, whose ratio the map restores with no ramp (`warm` 0).
 */
export function instantMeaningful(base: Scenario, o: Pick<MetastabilityOptions, 'trigger' | 'node'>): boolean {
  if (o.trigger !== 'flush') return false;
  const cache = base.nodes.find((n) => n.id === o.node);
  return cache?.kind === 'cache' && cache.keys !== undefined;
}

/** Refuses what cannot be run before anything runs: the node, and a start too early to measure the level before. */
export function checkMetastability(base: Scenario, o: MetastabilityOptions): number {
  const at = o.at ?? defaultAt(base, o.durations);
  const warmup = base.run.warmup ?? 0;
  const baseline = Math.max(10, ...o.durations);
  if (at < warmup + baseline) throw new FindingError(problem('metaTooEarly', { at, earliest: warmup + baseline }));
  if (o.trigger !== 'spike' && o.node === undefined) throw new FindingError(problem('metaNeedsNode', { trigger: o.trigger }));
  if (o.durations.some((d) => d === 0) && !instantMeaningful(base, o)) throw new FindingError({ ...problem('metaInstantTrigger', { trigger: o.trigger }), ...(o.node === undefined ? {} : { node: o.node }) });
  // Built once, so a wrong node or source is refused before any point runs.
  triggered(base, o, o.sizes[0]!, o.durations[0]!, at);
  return at;
}

export async function runMetastability(
  pool: WorkerPool,
  base: Scenario,
  o: MetastabilityOptions,
  hooks: { onProgress?: (p: MetaProgress) => void; onPoint?: (p: MetaPoint) => void; signal?: SignalLike } = {},
): Promise<MetastabilityDocument> {
  const at = checkMetastability(base, o);
  const grid = o.sizes.flatMap((size) => o.durations.map((duration) => ({ size, duration })));
  const fractions = new Array<number>(grid.length + 1).fill(0);
  let done = 0;
  const report = () => hooks.onProgress?.({ fraction: fractions.reduce((a, b) => a + b, 0) / fractions.length, pointsDone: done, points: grid.length });
  const warmup = base.run.warmup ?? 0;

  // The level before the trigger: the file's model from its warm-up to the trigger's start.
  const { whatIf: _whatIf, ...plain } = base;
  const beforeRun = await runReplications(pool, { ...plain, run: { ...base.run, duration: at - warmup } }, { signal: hooks.signal, priority: 0, onProgress: (p) => ((fractions[0] = p.fraction), report()) });
  const before = windowMeasures(beforeRun.model, beforeRun.tallies);
  fractions[0] = 1;
  report();

  const points = await Promise.all(
    grid.map(async ({ size, duration }, index) => {
      const spiked = triggered(base, o, size, duration, at);
      const end = at + duration;
      // The measured window opens when the trigger ends, so the run's totals are what came after it; the judge reads the series, warm-up included.
      const total = warmup + spiked.scenario.run.duration;
      const scenario = { ...spiked.scenario, run: { ...spiked.scenario.run, warmup: end, duration: total - end } };
      const { model, tallies } = await runReplications(pool, scenario, { signal: hooks.signal, priority: index + 1, onProgress: (p) => ((fractions[index + 1] = p.fraction), report()) });
      const series: ReplicationSeries[] = replicationSeries(model, tallies);
      const verdict = judgeRecovery(spiked, series, { warmup, confidence: model.confidence }, { factor: size, at, duration, within: o.within, window: o.window, hold: o.hold });
      const after = windowMeasures(model, tallies);
      const backlog = largestBacklog(model, tallies, verdict.criteria.baselineFrom, verdict.criteria.baselineTo, end + o.within);
      const mechanism = verdict.recovers ? null : mechanismOf(after, before, backlog);
      const point: MetaPoint = {
        index,
        size,
        duration,
        recovers: verdict.recovers,
        recoveryTime: verdict.recoveryTime,
        stopped: tallies.filter((t) => t.stoppedEarly !== null).length,
        retryShare: after.retryShare,
        hitRatio: after.hitRatio,
        backlog,
        mechanism: mechanism?.kind ?? null,
        mechanismNode: mechanism?.node ?? null,
      };
      fractions[index + 1] = 1;
      done++;
      report();
      hooks.onPoint?.(point);
      return point;
    }),
  );
  return metastabilityDocument(base, o, at, points, before);
}

const mechanismOrder: readonly Mechanism[] = ['retries', 'coldCache', 'backlog', 'unclear'];

/** For each duration the smallest size that stays stuck. */
export function boundaryOf(points: readonly MetaPoint[], durations: readonly number[]): { duration: number; size: number | null }[] {
  return durations.map((duration) => {
    const stuck = points.filter((p) => p.duration === duration && !p.recovers).map((p) => p.size);
    return { duration, size: stuck.length > 0 ? Math.min(...stuck) : null };
  });
}

/** Points that break a monotone map: a stuck point below a size or duration that recovers (noise, or a real non-monotone effect). */
export function nonMonotone(points: readonly MetaPoint[]): MetaPoint[] {
  return points.filter((p) => !p.recovers && points.some((q) => q.recovers && q.size >= p.size && q.duration >= p.duration && (q.size > p.size || q.duration > p.duration)));
}

export function metastabilityDocument(base: Scenario, o: MetastabilityOptions, at: number, points: MetaPoint[], before: WindowMeasures): MetastabilityDocument {
  const node = o.trigger === 'spike' ? triggered(base, o, o.sizes[0]!, o.durations[0]!, at).source : o.node!;
  const boundary = boundaryOf(points, o.durations);
  const stuck = points.filter((p) => !p.recovers);
  const counts = new Map<Mechanism, number>();
  for (const p of stuck) counts.set(p.mechanism!, (counts.get(p.mechanism!) ?? 0) + 1);
  const kind = stuck.length === 0 ? null : mechanismOrder.reduce((best, m) => ((counts.get(m) ?? 0) > (counts.get(best) ?? 0) ? m : best), mechanismOrder[0]!);
  const nodes = new Map<string, number>();
  for (const p of stuck) if (p.mechanism === kind && p.mechanismNode) nodes.set(p.mechanismNode, (nodes.get(p.mechanismNode) ?? 0) + 1);
  const named = [...nodes.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? null;
  const target = base.nodes.find((n) => n.id === node)!;
  const keyed = target.kind === 'cache' && target.keys !== undefined;
  const trigger: MetastabilityDocument['trigger'] = {
    kind: o.trigger,
    node,
    at,
    sizeMeans: o.trigger === 'spike' ? 'rateFactor' : o.trigger === 'fault' ? 'replicaShareDown' : keyed ? 'keyShareLost' : 'hitRatioDrop',
    ...(o.trigger === 'fault' ? { replicas: 'replicas' in target && typeof target.replicas === 'number' ? target.replicas : 1 } : {}),
  };
  const findings: Finding[] = [{ code: 'meta.trigger', node, severity: 'info', figures: { trigger: o.trigger, at, within: o.within, replications: base.run.replications ?? 1, keyed } }];
  if (o.trigger === 'flush') {
    for (const clash of flushOverlaps(base, node, at, points)) {
      findings.push({ code: 'meta.flushesOverlap', node, severity: 'warning', figures: { event: clash.event, from: clash.from, to: clash.to, at, points: clash.cells.length, of: points.length, cells: clash.cells.join(', ') } });
    }
  }
  for (const b of boundary) findings.push({ code: 'meta.boundary', severity: b.size === null ? 'info' : 'warning', figures: { trigger: o.trigger, duration: b.duration, size: b.size, largest: Math.max(...o.sizes) } });
  const odd = nonMonotone(points);
  if (odd.length > 0) findings.push({ code: 'meta.notMonotone', severity: 'warning', figures: { points: odd.length, cells: odd.map((p) => `${p.size}/${p.duration}`).join(', ') } });
  findings.push(
    kind === null
      ? { code: 'meta.allRecover', severity: 'info', figures: { points: points.length } }
      : { code: 'meta.mechanism', severity: 'warning', ...(named ? { node: named } : {}), figures: { mechanism: kind, stuck: counts.get(kind) ?? 0, of: stuck.length, retryGain: retryShareGain, hitLoss: hitRatioLoss } },
  );
  return {
    format: 'headroom/metastability',
    version: 1,
    scenario: base.name,
    trigger,
    sizes: [...o.sizes],
    durations: [...o.durations],
    replications: base.run.replications ?? 1,
    within: o.within,
    baseline: { retryShare: before.retryShare, hitRatio: before.hitRatio },
    points,
    boundary,
    mechanism: { kind, node: named, stuck: stuck.length },
    findings,
  };
}
