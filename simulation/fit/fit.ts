/**
 * `headroom fit`: replay a load test against the scenario, compare figure by figure,
 * and (with calibration) scale named nodes' work until the mean latency matches. The
 * document it returns is `fit --json`'s (README, "Model versus measurement").
 */
import type { CompiledModel } from '../engine/compile';
import type { Measurement } from '../import/loadTests/measurement';
import type { Scenario } from '../model/schema';
import { aggregate } from '../analysis/aggregate';
import { meanInterval } from '../stats/studentT';
import type { ReplicationTally } from '../stats/tally';
import { boundedFactor, broyden, checkCalibrationNodes, classExclusive, exclusivePerRequest, leastSquaresStep, maxRuns, maxRunsPerNode, nextFactor, scaleEach, scaleNodes, type CalibrationStep } from './calibrate';
import { compareFit, type FitComparison } from './compare';
import { classMeasurements, mapEndpoints, replayScenario, type EndpointMapping, type Replay, type ReplayMode } from './replay';

export type Runner = (s: Scenario) => Promise<{ model: CompiledModel; tallies: ReplicationTally[] }>;

export interface FitOptions {
  map: Readonly<Record<string, string>>;
  source?: string;
  mode?: ReplayMode;
  replications: number;
  seed: number;
  calibrate: readonly string[];
}

export interface Calibration {
  nodes: string[];
  /**
   * How the factors were found: `single` for one node; `perNode`, a factor each, least
   * squares over the classes' mean latencies; `shared`, several nodes the classes cannot
   * tell apart, so one factor for all of them.
   */
  method: 'single' | 'perNode' | 'shared';
  /** The multiplier on each node's work means. */
  factors: Record<string, number>;
  steps: CalibrationStep[];
  /** The step whose factors were kept. */
  chosen: number;
  measuredMean: number;
  converged: boolean;
  /** The comparison at the chosen factor. */
  after: FitComparison;
}

export interface FitDocument {
  format: 'headroom/fit';
  version: 1;
  scenario: string;
  test: { tool: Measurement['tool']; file: string; duration: number; requests: number; failures: number; windows: number };
  replay: Replay;
  mapping: EndpointMapping[];
  replications: number;
  confidence: number;
  fit: FitComparison;
  calibration: Calibration | null;
}

export async function fitScenario(s: Scenario, m: Measurement, options: FitOptions, run: Runner): Promise<{ document: FitDocument; calibrated: Scenario | null }> {
  checkCalibrationNodes(s, options.calibrate);
  const mapping = mapEndpoints(s, m, options.map);
  const measuredByClass = classMeasurements(m, mapping);
  const { scenario: replayed, replay } = replayScenario(s, m, mapping, options);
  const confidence = s.run.confidence ?? 0.95;
  const compare = async (scenario: Scenario) => {
    const { model, tallies } = await run(scenario);
    const comparison = compareFit(m, measuredByClass, model, tallies, confidence);
    // The result's own warnings (a queue that grows without bound, an early stop): a replay the model cannot keep up with.
    const warnings = aggregate(scenario, model, tallies, { wallSeconds: 0 }).findings.filter((f) => f.severity === 'warning');
    return { comparison: { ...comparison, warnings }, model, tallies };
  };
  const first = await compare(replayed);
  let calibration: Calibration | null = null;
  let calibrated: Scenario | null = null;
  const target = first.comparison.meanLatency.measured;
  if (options.calibrate.length > 0 && target !== null && target > 0) {
    const nodes = [...options.calibrate];
    const each = nodes.length > 1 ? await calibrateEach(nodes, replayed, first, compare) : null;
    calibration = each ?? (await calibrateShared(nodes, replayed, first, compare, target, confidence));
    calibrated = scaleEach(s, calibration.factors);
  }
  return {
    document: {
      format: 'headroom/fit',
      version: 1,
      scenario: s.name,
      test: { tool: m.tool, file: m.file, duration: m.duration, requests: m.total.requests, failures: m.total.failures, windows: m.windows.length },
      replay,
      mapping,
      replications: options.replications,
      confidence,
      fit: first.comparison,
      calibration,
    },
    calibrated,
  };
}

type Compared = { comparison: FitComparison; model: CompiledModel; tallies: ReplicationTally[] };
type Compare = (s: Scenario) => Promise<Compared>;

/** One factor for every named node, matched on the request-weighted mean latency (see calibrate.ts). */
async function calibrateShared(nodes: string[], replayed: Scenario, first: Compared, compare: Compare, target: number, confidence: number): Promise<Calibration> {
  const steps: CalibrationStep[] = [{ factor: 1, simulatedMean: first.comparison.meanLatency.simulated }];
  const outcomes = [first.comparison];
  const close = (c: FitComparison) => {
    const interval = meanInterval(c.meanLatency.perReplication, confidence);
    return Math.abs(c.meanLatency.simulated - target) <= Math.max(0.01 * target, interval.halfWidth);
  };
  let exclusive = exclusivePerRequest(first.model, first.tallies, nodes);
  while (!close(outcomes.at(-1)!) && steps.length < maxRuns) {
    const factor = nextFactor(steps, target, exclusive);
    if (steps.some((st) => Math.abs(st.factor - factor) < 1e-9 * factor)) break;
    const next = await compare(scaleNodes(replayed, nodes, factor));
    exclusive = exclusivePerRequest(next.model, next.tallies, nodes);
    steps.push({ factor, simulatedMean: next.comparison.meanLatency.simulated });
    outcomes.push(next.comparison);
  }
  let best = 0;
  steps.forEach((st, k) => {
    if (Math.abs(st.simulatedMean - target) < Math.abs(steps[best]!.simulatedMean - target)) best = k;
  });
  const factor = steps[best]!.factor;
  for (const st of steps) st.factors = Object.fromEntries(nodes.map((n) => [n, st.factor]));
  return { nodes, method: nodes.length > 1 ? 'shared' : 'single', factors: Object.fromEntries(nodes.map((n) => [n, factor])), steps, chosen: best, measuredMean: target, converged: close(outcomes[best]!), after: outcomes[best]! };
}

/**
 * A factor per node, least squares over the classes' mean latencies (see calibrate.ts);
 * null when the classes cannot tell the nodes apart, for the shared factor instead.
 */
async function calibrateEach(nodes: string[], replayed: Scenario, first: Compared, compare: Compare): Promise<Calibration | null> {
  const timed = first.comparison.classes.filter((g) => (g.rows[1]!.measured ?? 0) > 0);
  const targets = timed.map((g) => g.rows[1]!.measured!);
  const weights = timed.map((g) => g.requests);
  const indices = timed.map((g) => first.model.classIds.indexOf(g.cls!));
  const meansOf = (c: FitComparison) => timed.map((g) => c.classes.find((x) => x.cls === g.cls)!.rows[1]!.simulated);
  // Within 1%, or within the measured and simulated means' intervals together.
  const close = (c: FitComparison) =>
    timed.every((g, i) => {
      const r = c.classes.find((x) => x.cls === g.cls)!.rows[1]!;
      const m = r.measuredCi ? (r.measuredCi[1] - r.measuredCi[0]) / 2 : 0;
      const sim = (r.ci[1] - r.ci[0]) / 2;
      return Math.abs(r.simulated - targets[i]!) <= Math.max(0.01 * targets[i]!, Math.sqrt(m * m + sim * sim));
    });
  let factors = nodes.map(() => 1);
  let means = meansOf(first.comparison);
  let J = classExclusive(first.model, first.tallies, indices, nodes);
  if (leastSquaresStep(J, targets.map((t, i) => t - means[i]!), weights) === null) return null;
  const record = (f: readonly number[], c: FitComparison): CalibrationStep => ({
    factor: f[0]!,
    simulatedMean: c.meanLatency.simulated,
    factors: Object.fromEntries(nodes.map((n, i) => [n, f[i]!])),
    classMeans: Object.fromEntries(timed.map((g, i) => [g.cls!, meansOf(c)[i]!])),
  });
  const steps = [record(factors, first.comparison)];
  const outcomes = [first.comparison];
  while (!close(outcomes.at(-1)!) && steps.length < maxRunsPerNode) {
    const delta = leastSquaresStep(J, targets.map((t, i) => t - means[i]!), weights);
    if (delta === null) break;
    const next = factors.map((f, n) => boundedFactor(f, delta[n]!));
    if (next.every((f, n) => Math.abs(f / factors[n]! - 1) < 1e-3)) break;
    const ran = await compare(scaleEach(replayed, Object.fromEntries(nodes.map((n, i) => [n, next[i]!]))));
    const moved = meansOf(ran.comparison);
    J = broyden(J, next.map((f, n) => f - factors[n]!), moved.map((m, c) => m - means[c]!));
    factors = next;
    means = moved;
    steps.push(record(factors, ran.comparison));
    outcomes.push(ran.comparison);
  }
  const misfit = (c: FitComparison) => meansOf(c).reduce((a, m, i) => a + weights[i]! * (m - targets[i]!) ** 2, 0);
  let best = 0;
  outcomes.forEach((c, k) => {
    if (misfit(c) < misfit(outcomes[best]!)) best = k;
  });
  return { nodes, method: 'perNode', factors: steps[best]!.factors!, steps, chosen: best, measuredMean: first.comparison.meanLatency.measured!, converged: close(outcomes[best]!), after: outcomes[best]! };
}
