/**
 * Resilience check: a spike on top of the base load, then back to the base. Does the
 * system recover — queues drain, p99 and the error rate return to their level before
 * the spike — within the stated time, or does it stay degraded (a retry storm, a
 * backlog that never drains)?
 *
 * One time bucket of one replication is noise: a burst of a few requests in a quiet
 * system breaks any per-bucket rule long after the real recovery. So every figure is
 * judged as the replications' mean over a sliding window, with its Student-t interval,
 * against the baseline before the spike measured with the same statistics, and the
 * system counts as recovered only once that has held for a stated time. Dips shorter
 * than the hold time are noise; a longer one after a recovery is a relapse. The
 * verdict says what it compared, as findings (sentences in `findings/tables/resilience.ts`).
 */
import { NodeKind, type CompiledModel } from '../engine/compile';
import { FindingError, problem } from '../findings/error';
import { RateProfile } from '../engine/rateProfile';
import type { Finding } from '../findings/finding';
import { renderFinding, sentenceContext } from '../findings/render';
import { nodeLabels } from '../format/present';
import type { ResultDocument } from '../model/result';
import type { Scenario } from '../model/schema';
import { meanInterval, type MeanInterval } from '../stats/studentT';
import type { ReplicationTally } from '../stats/tally';

export interface ResilienceOptions {
  source?: string;
  /** Spike height as a multiple of the base rate. */
  factor: number;
  /** Spike start, simulated seconds from the start of the run. */
  at: number;
  duration: number;
  /** Recovery must happen within this many seconds after the spike ends. */
  within: number;
  /** p99 and queues count as recovered within this factor of their level before the spike. */
  tolerance?: number;
  /** Seconds of the sliding window each judgement averages (the window that starts at the moment judged). */
  window?: number;
  /** Seconds the recovered state must hold before it counts. */
  hold?: number;
}

export type RecoveryMetric = 'p99' | 'queue' | 'errorRate';

/** One figure as the verdict compared it: the baseline with its interval, and the limit a window's mean must stay under. */
export interface RecoveryCriterion {
  metric: RecoveryMetric;
  baseline: MeanInterval;
  limit: number;
}

export interface ResilienceVerdict {
  format: 'headroom/resilience';
  version: 1;
  scenario: string;
  recovers: boolean;
  /** Seconds from the end of the spike until every figure was back and stayed back for `hold`, or null. */
  recoveryTime: number | null;
  /** Added: the same, judged on the lower and the upper ends of the intervals (null: the upper ends never came back). */
  recoveryRange: [number, number | null] | null;
  /** Added: what was compared. */
  criteria: { window: number; hold: number; tolerance: number; confidence: number; replications: number; baselineFrom: number; baselineTo: number; figures: RecoveryCriterion[] };
  before: { p99: number; throughput: number; errorRate: number };
  worst: { p99: number; errorRate: number };
  end: { p99: number; throughput: number; errorRate: number };
  /** Added: the verdict and its evidence as data; `evidence` holds their English sentences. */
  findings: Finding[];
  evidence: string[];
  result: ResultDocument;
}

/** The scenario with the spike, and what the spike changed that the verdict must mention. */
export interface SpikedScenario {
  scenario: Scenario;
  source: string;
  findings: Finding[];
}

/** One replication's series, as the judge reads them (per time bucket, warm-up included). */
export interface ReplicationSeries {
  interval: number;
  ok: readonly number[];
  ended: readonly number[];
  errors: readonly number[];
  p99: readonly number[];
  /** Requests waiting, summed over every node, integrated over each bucket (request·seconds). */
  waitingArea: readonly number[];
  stoppedEarly: boolean;
}

const defaultTolerance = 1.25;
/** Waiting requests and error share that count as "the same" however small the baseline: a queue of 0.02 is not broken by 1. */
const queueSlack = 1;
const errorRateSlack = 0.005;

/** The scenario with a spike profile on the source and a run long enough to see the end. */
export function withSpike(base: Scenario, o: ResilienceOptions): SpikedScenario {
  const open = base.nodes.filter((n) => n.kind === 'source' && n.arrival.process !== 'closed');
  const sourceId = o.source ?? (open.length === 1 ? open[0]!.id : undefined);
  if (!sourceId) throw new FindingError(problem('resilienceWhichSource'));
  const spiked = base.nodes.find((n) => n.id === sourceId);
  if (!spiked || spiked.kind !== 'source') throw new FindingError(problem('resilienceNotSource', { source: sourceId }));
  const ramp = Math.min(5, o.duration / 10);
  const end = o.at + o.duration;
  const warmup = base.run.warmup ?? 0;
  // The verdict compares with the level before the spike: there must be time to measure it.
  const baseline = Math.max(10, o.duration);
  if (o.at < warmup + baseline) throw new FindingError(problem('resilienceSpikeTooEarly', { baseline, warmup }));
  const nodes = base.nodes.map((n) =>
    n.id === sourceId && n.kind === 'source'
      ? { ...n, profile: [ { at: 0, scale: 1 }, { at: o.at, scale: 1 }, { at: o.at + ramp, scale: o.factor }, { at: end, scale: o.factor }, { at: end + ramp, scale: 1 } ] }
      : n,
  );
  const duration = judgedDuration(base, o);
  const findings: Finding[] = spiked.profile ? [{ code: 'resilience.profileReplaced', node: sourceId, severity: 'warning', figures: {} }] : [];
  return { scenario: { ...base, nodes, run: { ...base.run, duration } }, source: sourceId, findings };
}

/**
 * The run's `duration` (after its warm-up) for a change from `at` lasting `duration`:
 * long enough to judge a recovery at the limit, the hold time and a window after it.
 */
export function judgedDuration(base: Scenario, o: Pick<ResilienceOptions, 'at' | 'duration' | 'within' | 'window' | 'hold'>): number {
  const window = o.window ?? defaultWindow(o.within);
  const horizon = o.at + o.duration + o.within + Math.max(o.within / 2, holdSeconds(o, window) + window) + 10;
  return Math.max(base.run.duration, horizon - (base.run.warmup ?? 0));
}

function defaultWindow(within: number): number {
  return Math.min(10, within / 6);
}

function holdSeconds(o: Pick<ResilienceOptions, 'within' | 'hold'>, window: number): number {
  return o.hold ?? Math.max(window, o.within / 4);
}

/** The judge's view of each replication's tally. */
export function replicationSeries(model: CompiledModel, tallies: readonly ReplicationTally[]): ReplicationSeries[] {
  const counted = model.nodes.filter((n) => n.kind !== NodeKind.Source);
  return tallies.map((t) => ({
    interval: t.series.interval,
    ok: t.series.ok,
    ended: t.series.ended,
    errors: t.series.errors,
    p99: t.series.p99,
    waitingArea: t.series.ok.map((_, b) => counted.reduce((s, n) => s + t.series.nodes[n.index]!.waitingArea[b]!, 0)),
    stoppedEarly: t.stoppedEarly !== null,
  }));
}

/** A figure of one replication over buckets [a, b]; null when it is undefined there (no request completed, for p99). */
function windowValue(metric: RecoveryMetric, s: ReplicationSeries, a: number, b: number): number | null {
  let sum = 0;
  let count = 0;
  let errors = 0;
  let ended = 0;
  for (let i = a; i <= b; i++) {
    if (metric === 'p99') {
      if (s.ok[i]! > 0) {
        sum += s.p99[i]!;
        count++;
      }
    } else if (metric === 'queue') sum += s.waitingArea[i]!;
    else {
      errors += s.errors[i]!;
      ended += s.ended[i]!;
    }
  }
  if (metric === 'p99') return count > 0 ? sum / count : null;
  if (metric === 'queue') return sum / ((b - a + 1) * s.interval);
  return ended > 0 ? errors / ended : 0;
}

function acrossReplications(metric: RecoveryMetric, series: readonly ReplicationSeries[], a: number, b: number, confidence: number): MeanInterval | null {
  const values: number[] = [];
  for (const s of series) {
    const v = windowValue(metric, s, a, b);
    if (v === null) return null;
    values.push(v);
  }
  return meanInterval(values, confidence);
}

const metrics: readonly RecoveryMetric[] = ['queue', 'errorRate', 'p99'];

function limitOf(metric: RecoveryMetric, baseline: MeanInterval, tolerance: number): number {
  // The baseline's upper end: a window is not held to a level the baseline itself may not reach.
  if (metric === 'queue') return baseline.high * tolerance + queueSlack;
  if (metric === 'errorRate') return baseline.high + errorRateSlack;
  return baseline.high * tolerance;
}

type Side = 'mean' | 'low' | 'high';

/**
 * The first moment from which every window stayed within the limits for the hold
 * time, ignoring later dips shorter than the hold; a longer dip is a relapse and the
 * search starts again after it.
 */
function firstHeld(healthy: readonly boolean[], holdBuckets: number): { at: number | null; relapse: { recoveredAt: number; from: number } | null } {
  let at: number | null = null;
  let relapse: { recoveredAt: number; from: number } | null = null;
  let good = 0;
  let bad = 0;
  let badFrom = 0;
  for (let j = 0; j < healthy.length; j++) {
    if (healthy[j]) {
      good++;
      bad = 0;
      if (at === null && good > holdBuckets) at = j - holdBuckets;
    } else {
      good = 0;
      if (bad === 0) badFrom = j;
      bad++;
      if (at !== null && bad > holdBuckets) {
        relapse = { recoveredAt: at, from: badFrom };
        at = null;
      }
    }
  }
  return { at, relapse };
}

/** Other sources whose load changes while the verdict measures: their changes show up as if they were the spike's. */
function overlappingProfiles(scenario: Scenario, spiked: string, from: number, to: number): Finding[] {
  const findings: Finding[] = [];
  for (const n of scenario.nodes) {
    if (n.kind !== 'source' || n.id === spiked || !n.profile) continue;
    const points = [...n.profile].sort((p, q) => p.at - q.at);
    const profile = new RateProfile(points.map((p) => p.at), points.map((p) => p.scale));
    const times = [from, ...points.map((p) => p.at).filter((t) => t > from && t < to), to];
    const scales = times.map((t) => profile.scaleAt(t));
    let first = -1;
    let last = -1;
    for (let i = 0; i + 1 < times.length; i++) {
      if (Math.abs(scales[i + 1]! - scales[i]!) > 1e-9) {
        if (first < 0) first = i;
        last = i + 1;
      }
    }
    if (first < 0) continue;
    findings.push({
      code: 'resilience.otherProfile',
      node: n.id,
      severity: 'warning',
      figures: { from: times[first]!, to: times[last]!, minScale: Math.min(...scales), maxScale: Math.max(...scales), spanFrom: from, spanTo: to },
    });
  }
  return findings;
}

/** The mean over replications of a bucket figure, bucket by bucket. */
function bucketMeans(series: readonly ReplicationSeries[], f: (s: ReplicationSeries, i: number) => number): number[] {
  const n = series[0]?.ok.length ?? 0;
  return Array.from({ length: n }, (_, i) => series.reduce((sum, s) => sum + f(s, i), 0) / series.length);
}

export function judgeRecovery(
  spiked: SpikedScenario,
  series: readonly ReplicationSeries[],
  run: { warmup: number; confidence: number },
  o: ResilienceOptions,
): Omit<ResilienceVerdict, 'format' | 'version' | 'scenario' | 'evidence' | 'result'> {
  if (series.length === 0) throw new Error('resilience: no replication to judge');
  const interval = series[0]!.interval;
  const buckets = series[0]!.ok.length;
  const tolerance = o.tolerance ?? defaultTolerance;
  const spikeEnd = o.at + o.duration;
  const startOf = (i: number) => i * interval;

  // The window, in whole buckets from the moment judged on (a window ahead of it, so a
  // backlog still draining is not averaged with the quiet before it), and the hold.
  const width = Math.max(1, Math.round((o.window ?? Math.max(3 * interval, defaultWindow(o.within))) / interval));
  const window = width * interval;
  const holdBuckets = Math.max(0, Math.ceil(holdSeconds(o, window) / interval - 1e-9));
  const hold = holdBuckets * interval;

  // The baseline: the buckets wholly between the warm-up and the spike, at most 60 s (or twice the spike) of them.
  const baselineFrom = Math.max(run.warmup, o.at - Math.max(60, o.duration * 2));
  const firstBase = Math.ceil(baselineFrom / interval - 1e-9);
  const lastBase = Math.floor(o.at / interval + 1e-9) - 1;
  if (lastBase < firstBase) throw new FindingError(problem('resilienceNoBaseline'));
  const criteria: RecoveryCriterion[] = metrics.map((metric) => {
    const baseline = acrossReplications(metric, series, firstBase, lastBase, run.confidence) ?? { mean: 0, low: 0, high: 0, halfWidth: 0 };
    return { metric, baseline, limit: limitOf(metric, baseline, tolerance) };
  });

  // Judge every window from the end of the spike on that lies wholly inside the run.
  const firstJudged = Math.ceil(spikeEnd / interval - 1e-9);
  const lastJudged = buckets - width;
  const judged: { metric: RecoveryMetric; stat: MeanInterval | null }[][] = [];
  for (let k = firstJudged; k <= lastJudged; k++) judged.push(criteria.map((c) => ({ metric: c.metric, stat: acrossReplications(c.metric, series, k, k + width - 1, run.confidence) })));
  const within = (side: Side) => judged.map((w) => w.every((x, m) => x.stat !== null && x.stat[side] <= criteria[m]!.limit + 1e-12));
  const timeAfterSpike = (j: number) => Math.max(0, startOf(firstJudged + j) - spikeEnd);
  const held = firstHeld(within('mean'), holdBuckets);
  const earliest = firstHeld(within('low'), holdBuckets).at;
  const latest = firstHeld(within('high'), holdBuckets).at;

  const stopped = series.filter((s) => s.stoppedEarly).length;
  const recoveryTime = held.at === null ? null : timeAfterSpike(held.at);
  const recovers = recoveryTime !== null && recoveryTime <= o.within && stopped === 0;

  // The evidence in numbers: before (the baseline), the worst bucket mean during and after, the last three buckets.
  const p99 = bucketMeans(series, (s, i) => s.p99[i]!);
  const errorRate = bucketMeans(series, (s, i) => (s.ended[i]! > 0 ? s.errors[i]! / s.ended[i]! : 0));
  const throughput = bucketMeans(series, (s, i) => s.ok[i]! / interval);
  const baselineOf = (m: RecoveryMetric) => criteria.find((c) => c.metric === m)!.baseline.mean;
  const baseThroughput = meanInterval(series.map((s) => s.ok.slice(firstBase, lastBase + 1).reduce((a, b) => a + b, 0) / ((lastBase - firstBase + 1) * interval)), run.confidence).mean;
  const before = { p99: baselineOf('p99'), throughput: baseThroughput, errorRate: baselineOf('errorRate') };
  const fromSpike = Math.floor(o.at / interval);
  const worst = { p99: Math.max(0, ...p99.slice(fromSpike)), errorRate: Math.max(0, ...errorRate.slice(fromSpike)) };
  const tail = (xs: number[]) => xs.slice(-3).reduce((a, b) => a + b, 0) / Math.max(1, xs.slice(-3).length);
  const end = { p99: tail(p99), throughput: tail(throughput), errorRate: tail(errorRate) };

  const runEnd = buckets * interval;
  const findings: Finding[] = [
    { code: 'resilience.spike', node: spiked.source, severity: 'info', figures: { factor: o.factor, at: o.at, duration: o.duration } },
    ...spiked.findings,
    ...overlappingProfiles(spiked.scenario, spiked.source, baselineFrom, runEnd),
  ];
  if (series.length === 1) findings.push({ code: 'resilience.oneReplication', severity: 'warning', figures: {} });
  for (const c of criteria) {
    findings.push({
      code: 'resilience.baseline',
      severity: 'info',
      figures: { metric: c.metric, mean: c.baseline.mean, low: c.baseline.low, high: c.baseline.high, limit: c.limit, from: startOf(firstBase), to: startOf(lastBase + 1), window, replications: series.length, confidence: run.confidence },
    });
  }
  findings.push({ code: 'resilience.before', severity: 'info', figures: { ...before } });
  findings.push({ code: 'resilience.worst', severity: 'info', figures: { ...worst } });
  findings.push({ code: 'resilience.end', severity: 'info', figures: { ...end } });
  if (held.relapse && held.at === null) {
    // A window ahead sees a degradation coming by its last bucket: it began about then.
    findings.push({ code: 'resilience.relapsed', severity: 'warning', figures: { recoveredAt: timeAfterSpike(held.relapse.recoveredAt), from: timeAfterSpike(held.relapse.from + width - 1), hold } });
  }
  if (recoveryTime === null) {
    // Say which figure is still out at the last window judged, or that it came back too late to hold.
    const last = judged.at(-1);
    const out = last?.find((x, m) => x.stat === null || x.stat.mean > criteria[m]!.limit + 1e-12);
    const outLimit = out ? criteria.find((c) => c.metric === out.metric)!.limit : null;
    findings.push({
      code: 'resilience.degraded',
      severity: 'warning',
      figures: { metric: out?.metric ?? null, value: out?.stat?.mean ?? null, limit: outLimit, window, hold },
    });
  } else if (recoveryTime <= o.within) {
    findings.push({ code: 'resilience.recovered', severity: 'info', figures: { recoveryTime, earliest: earliest === null ? null : timeAfterSpike(earliest), latest: latest === null ? null : timeAfterSpike(latest), hold, within: o.within, replications: series.length } });
  } else {
    findings.push({ code: 'resilience.late', severity: 'warning', figures: { recoveryTime, hold, within: o.within } });
  }
  // An early stop overrides whatever the windows showed: it is the verdict, so it comes last.
  if (stopped > 0) findings.push({ code: 'resilience.stoppedEarly', severity: 'warning', figures: { stopped, replications: series.length } });
  return {
    recovers,
    recoveryTime,
    recoveryRange: recoveryTime === null || earliest === null ? null : [timeAfterSpike(earliest), latest === null ? null : timeAfterSpike(latest)],
    criteria: { window, hold, tolerance, confidence: run.confidence, replications: series.length, baselineFrom: startOf(firstBase), baselineTo: startOf(lastBase + 1), figures: criteria },
    before,
    worst,
    end,
    findings,
  };
}

export function judgeResilience(spiked: SpikedScenario, result: ResultDocument, series: readonly ReplicationSeries[], o: ResilienceOptions): ResilienceVerdict {
  const verdict = judgeRecovery(spiked, series, result.run, o);
  const english = sentenceContext('en', nodeLabels(spiked.scenario));
  return {
    format: 'headroom/resilience',
    version: 1,
    scenario: spiked.scenario.name,
    ...verdict,
    evidence: verdict.findings.map((f) => renderFinding(f, english)),
    result,
  };
}
