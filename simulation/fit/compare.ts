/**
 * Measured versus simulated, figure by figure. Each simulated figure is the mean over
 * replications with its Student-t interval; beside it is the prediction interval for
 * one more replication, mean ± t·s·√(1 + 1/R) at 99%: one replication of the replay has
 * the test's length and load, so a model that is right puts the measurement inside it
 * (99% rather than the scenario's confidence, because a fit judges a dozen figures at
 * once and one in twenty would otherwise fall outside by chance alone).
 *
 * Each measured figure has its own interval where the file lets it: batch means over
 * the test cut into equal stretches (up to twenty, `maxBatches`; Locust's history rows,
 * JMeter's samples), the figure ± t·σ̂/√B with σ̂² the mean squared successive difference
 * of the batches' figures over two, so that a ramp's slow change of level is not taken
 * for noise. A k6 summary has only whole-test aggregates: no measured interval.
 *
 * Within the noise (✓), the rule: |measured − simulated| ≤ √(m² + s²) at 99%, where s
 * is the simulated mean's half-width, t·sd/√R, and m the measured figure's: the larger of
 * its own batch-means half-width and the model's spread for one test of this length,
 * t·sd. The measurement is one test, and whichever is noisier, the system or the model,
 * sets how far one test may fall; without a measured interval m is the model's spread
 * and the rule is the prediction interval above.
 *
 * Throughput counts successful requests per second on both sides. Simulated latency
 * covers successful requests (the result format's rule); load-test tools time failures
 * too, which matters only when many fail.
 *
 * The verdict: X is the largest relative difference of throughput, mean and p95 over
 * the judged rows (overall, and each class with at least {@link minRequests} measured
 * requests); the test is too short to judge under {@link minDuration} seconds or
 * {@link minRequests} requests. Figures over time (overTime.ts) and error rates are
 * shown, not judged.
 */
import type { CompiledModel } from '../engine/compile';
import { mergeBatches, type MeasuredBatch, type MeasuredEndpoint, type Measurement } from '../import/loadTests/measurement';
import { endToEnd } from '../analysis/aggregate';
import type { ReplicationTally } from '../stats/tally';
import type { Finding } from '../findings/finding';
import { overTimeComparison, type FitWindow } from './overTime';
import { batchFigures, fitRow, fitMetrics, judgedMetrics, minDuration, minRequests, type FitMetric, type FitRow } from './figures';

export * from './figures';

export interface FitGroup {
  /** Class id, or null for overall. */
  cls: string | null;
  requests: number;
  judged: boolean;
  rows: FitRow[];
}

export type { FitWindow } from './overTime';

export type VerdictKind = 'reproduces' | 'differs' | 'tooShort';

export interface FitVerdict {
  kind: VerdictKind;
  /** The largest relative difference over the judged figures (null when too short). */
  within: number | null;
  worst: { cls: string | null; metric: FitMetric } | null;
  /** The largest relative noise (the rule's √(m² + s²)) of a judged figure: how far chance alone may take it. */
  noise: number | null;
  outside: number;
  judged: number;
  /** With tooShort: why. */
  short?: { duration: number; requests: number };
}

export interface FitComparison {
  overall: FitGroup;
  classes: FitGroup[];
  overTime: FitWindow[];
  verdict: FitVerdict;
  /** The replay's warnings as findings (its result document's `findings` of severity warning): a queue that grows without bound, an early stop. */
  warnings: Finding[];
  /** Replications of the replay that stopped early (the model could not serve the load): their figures cover the time before. */
  stoppedEarly: number;
  /** Mean latency over the measured classes, weighted by their measured requests: what calibration matches. */
  meanLatency: { measured: number | null; simulated: number; perReplication: number[] };
}

type Figures = { throughput: number; mean: number; p50: number; p95: number; p99: number; errorRate: number };

function measuredFigures(e: MeasuredEndpoint, duration: number): Record<FitMetric, number | null> {
  return {
    throughput: (e.requests - e.failures) / duration,
    mean: e.mean,
    p50: e.p50,
    p95: e.p95,
    p99: e.p99,
    errorRate: e.requests > 0 ? e.failures / e.requests : null,
  };
}

function group(cls: string | null, measured: MeasuredEndpoint, perRep: readonly Figures[], duration: number, confidence: number, long: boolean): FitGroup {
  const figures = measuredFigures(measured, duration);
  return {
    cls,
    requests: measured.requests,
    judged: long && measured.requests >= minRequests,
    rows: fitMetrics.map((metric) => fitRow(metric, figures[metric], batchFigures(measured.batches, metric), perRep.map((f) => f[metric]), confidence)),
  };
}

export function compareFit(m: Measurement, classMeasured: ReadonlyMap<string, MeasuredEndpoint>, model: CompiledModel, tallies: readonly ReplicationTally[], confidence: number): FitComparison {
  const figures = tallies.map((t) => endToEnd(t));
  const long = m.duration >= minDuration && m.total.requests >= minRequests;
  const classes: FitGroup[] = [];
  for (const [cls, measured] of classMeasured) {
    const k = model.classIds.indexOf(cls);
    if (k < 0) continue;
    const perRep = figures.map((f) => {
      const c = f.classes[k]!;
      return { throughput: c.throughput, mean: c.latency.mean, p50: c.latency.p50, p95: c.latency.p95, p99: c.latency.p99, errorRate: c.errorRate };
    });
    classes.push(group(cls, measured, perRep, m.duration, confidence, long));
  }
  // Overall over what was replayed: the mapped endpoints, or the whole test when it has none.
  const everyMapped = m.endpoints.length === 0 || [...classMeasured.values()].reduce((a, e) => a + e.requests, 0) === m.endpoints.reduce((a, e) => a + e.requests, 0);
  const mergedOverall: MeasuredEndpoint =
    classMeasured.size === 0 || everyMapped
      ? m.total
      : (() => {
          const list = [...classMeasured.values()];
          const requests = list.reduce((a, e) => a + e.requests, 0);
          const timed = list.filter((e) => e.mean !== null);
          const mean = timed.length === list.length && requests > 0 ? timed.reduce((a, e) => a + e.mean! * e.requests, 0) / requests : null;
          const batches = list.slice(1).reduce<MeasuredBatch[] | undefined>((a, e) => mergeBatches(a, e.batches), list[0]!.batches);
          return { name: '', requests, failures: list.reduce((a, e) => a + e.failures, 0), mean, p50: null, p95: null, p99: null, batches };
        })();
  const overall = group(null, mergedOverall, figures.map((f) => ({ throughput: f.throughput, mean: f.latency.mean, p50: f.latency.p50, p95: f.latency.p95, p99: f.latency.p99, errorRate: f.errorRate })), m.duration, confidence, long);

  const judgedRows: { cls: string | null; r: FitRow }[] = [];
  for (const g of [overall, ...classes]) if (g.judged) for (const r of g.rows) if (judgedMetrics.includes(r.metric) && r.difference !== null) judgedRows.push({ cls: g.cls, r });
  let verdict: FitVerdict;
  if (!long || judgedRows.length === 0) {
    verdict = { kind: 'tooShort', within: null, worst: null, noise: null, outside: 0, judged: 0, short: { duration: m.duration, requests: m.total.requests } };
  } else {
    const worst = judgedRows.reduce((a, b) => (Math.abs(b.r.difference!) > Math.abs(a.r.difference!) ? b : a));
    const noise = Math.max(...judgedRows.map(({ r }) => (r.simulated > 0 ? r.noise / r.simulated : 0)));
    const outside = judgedRows.filter(({ r }) => r.inside === false).length;
    verdict = { kind: outside === 0 ? 'reproduces' : 'differs', within: Math.abs(worst.r.difference!), worst: { cls: worst.cls, metric: worst.r.metric }, noise, outside, judged: judgedRows.length };
  }

  // What calibration matches: the measured classes' mean latency, weighted by their measured requests.
  const timed = classes.filter((g) => g.rows[1]!.measured !== null);
  const weights = timed.map((g) => g.requests);
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const perReplication = figures.map((f) =>
    weightSum > 0 ? timed.reduce((a, g, i) => a + weights[i]! * f.classes[model.classIds.indexOf(g.cls!)]!.latency.mean, 0) / weightSum : f.latency.mean,
  );
  const measuredMean = weightSum > 0 ? timed.reduce((a, g, i) => a + weights[i]! * g.rows[1]!.measured!, 0) / weightSum : mergedOverall.mean;
  return {
    overall,
    classes,
    overTime: overTimeComparison(m, tallies, confidence),
    verdict,
    stoppedEarly: tallies.filter((t) => t.stoppedEarly !== null).length,
    warnings: [],
    meanLatency: { measured: measuredMean, simulated: perReplication.reduce((a, b) => a + b, 0) / Math.max(1, perReplication.length), perReplication },
  };
}
