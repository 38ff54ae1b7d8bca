/**
 * The timeline's events in the result: when each ended, as the engine recorded it, and
 * when the run recovered from it, judged on the time series (means over replications).
 *
 * The recovery rule: the baseline is the buckets wholly within the 60 s before the event
 * (after the warm-up when there are such buckets); an error rate or p99 is back when it is
 * at most the larger of the baseline's worst bucket and its mean × 1.25 (+ 0.5 percentage
 * points for the error rate), and the run has recovered at the first moment from the
 * event's end from which both stay back for three buckets (or every bucket left). Same
 * tolerance as the resilience check, without its intervals: a marker needs a moment, not a verdict.
 */
import { EventAction, type CompiledModel } from '../engine/compile';
import type { EventMark, TimeSeries } from '../model/result';
import type { ReplicationTally } from '../stats/tally';

const actionNames = ['restart', 'failover', 'deploy', 'flush'] as const;
const baselineSeconds = 60;
const holdBuckets = 3;
const p99Tolerance = 1.25;
const errorRateSlack = 0.005;

export function eventMarks(model: CompiledModel, reps: readonly ReplicationTally[], ts: TimeSeries): EventMark[] {
  return model.events.map((e, i) => {
    const ends = reps.map((t) => t.eventEnds?.[i] ?? null);
    const end = ends.some((x) => x === null) ? null : ends.reduce<number>((s, x) => s + x!, 0) / ends.length;
    const judged = recovery(ts, e.at, end, model.warmup);
    return {
      at: e.at,
      node: model.nodes[e.node]!.id,
      action: actionNames[e.action],
      ...(e.action === EventAction.Restart ? { replica: e.replica } : {}),
      end,
      ...judged,
    };
  });
}

function recovery(ts: TimeSeries, at: number, end: number | null, warmup: number): Pick<EventMark, 'recovered' | 'worst' | 'baseline'> {
  const w = ts.interval;
  const buckets = ts.start.length;
  const wholeBefore = (from: number) => {
    const first = Math.ceil(from / w - 1e-9);
    const last = Math.floor(at / w + 1e-9) - 1;
    return last >= first ? { first, last } : null;
  };
  const range = wholeBefore(Math.max(warmup, at - baselineSeconds)) ?? wholeBefore(Math.max(0, at - baselineSeconds));
  const fromAt = Math.min(buckets, Math.floor(at / w + 1e-9));
  const worstFrom = (to: number) => ({
    errorRate: Math.max(0, ...ts.errorRate.slice(fromAt, to)),
    p99: Math.max(0, ...ts.p99.slice(fromAt, to)),
  });
  if (range === null) return { recovered: null, worst: worstFrom(buckets), baseline: null };
  const base = (xs: number[]) => xs.slice(range.first, range.last + 1);
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const errorRate = mean(base(ts.errorRate));
  const p99 = mean(base(ts.p99));
  const errorRateLimit = Math.max(errorRate + errorRateSlack, ...base(ts.errorRate));
  const p99Limit = Math.max(p99 * p99Tolerance, ...base(ts.p99));
  const baseline = { errorRate, p99, errorRateLimit, p99Limit, from: range.first * w, hold: holdBuckets * w };
  if (end === null) return { recovered: null, worst: worstFrom(buckets), baseline };
  const back = (b: number) => ts.errorRate[b]! <= errorRateLimit + 1e-12 && ts.p99[b]! <= p99Limit + 1e-12;
  for (let k = Math.floor(end / w + 1e-9); k < buckets; k++) {
    let held = true;
    for (let b = k; b < Math.min(buckets, k + holdBuckets); b++) held &&= back(b);
    if (held) {
      const recovered = Math.max(end, k * w);
      return { recovered, worst: worstFrom(Math.max(fromAt + 1, k)), baseline };
    }
  }
  return { recovered: null, worst: worstFrom(buckets), baseline };
}
