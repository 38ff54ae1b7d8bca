/**
 * `summary.completion` (issue 11 §4) from the replications' completion tallies: each
 * figure per replication, then the mean and a Student-t interval across replications,
 * as the latency's; and the `slo.completion.*` checks.
 */
import { completionPaths, completionSources, maxCompletionPaths } from '../engine/completion';
import type { CompiledModel } from '../engine/compile';
import type { CompletionFigures, CompletionSummary, Interval, LatencySummary, ResultDocument, SloCheck } from '../model/result';
import type { Scenario } from '../model/schema';
import { LogHistogram, type EncodedHistogram } from '../stats/histogram';
import { meanInterval, mean } from '../stats/studentT';
import type { ReplicationTally } from '../stats/tally';

const percentiles = [
  ['p50', 0.5],
  ['p90', 0.9],
  ['p95', 0.95],
  ['p99', 0.99],
  ['p999', 0.999],
] as const;

/**
 * The figures that can only be lower bounds: percentile q once the unfinished share
 * exceeds 1 − q (those requests alone could then make up its whole tail), `mean` and
 * `max` along with p99. Below that share each unfinished request still enters at its age,
 * so the figure is at most the true one, and no more than that share can be misplaced.
 */
export function lowerBoundKeys(unfinishedShare: number): (keyof LatencySummary)[] {
  const keys: (keyof LatencySummary)[] = [];
  for (const [key, q] of percentiles) if (unfinishedShare > 1 - q + 1e-12) keys.push(key);
  if (unfinishedShare > 0.01 + 1e-12) {
    keys.unshift('mean');
    keys.push('max');
  }
  return keys;
}

interface PerRep {
  summary: LatencySummary;
  total: number;
  unfinished: number;
  measured: number;
}

function perRep(e: EncodedHistogram, unfinished: number, measured: number): PerRep {
  const h = LogHistogram.decode(e);
  const summary: LatencySummary = { mean: h.mean(), p50: 0, p90: 0, p95: 0, p99: 0, p999: 0, max: h.total > 0 ? h.max : 0 };
  for (const [key, q] of percentiles) summary[key] = h.quantile(q);
  return { summary, total: h.total, unfinished, measured };
}

function figures(reps: readonly PerRep[], confidence: number): CompletionFigures {
  const ci = (pick: (s: LatencySummary) => number): Interval => {
    const m = meanInterval(
      reps.map((r) => pick(r.summary)),
      confidence,
    );
    return [m.low, m.high];
  };
  const pick = (k: keyof LatencySummary) => mean(reps.map((r) => r.summary[k]));
  const total = reps.reduce((s, r) => s + r.total, 0);
  const unfinished = reps.reduce((s, r) => s + r.unfinished, 0);
  const unfinishedShare = total > 0 ? unfinished / total : 0;
  return {
    mean: pick('mean'),
    p50: pick('p50'),
    p90: pick('p90'),
    p95: pick('p95'),
    p99: pick('p99'),
    p999: pick('p999'),
    max: pick('max'),
    ci: { mean: ci((s) => s.mean), p50: ci((s) => s.p50), p95: ci((s) => s.p95), p99: ci((s) => s.p99) },
    rate: mean(reps.map((r) => (r.measured > 0 ? r.total / r.measured : 0))),
    unfinished: unfinished / Math.max(1, reps.length),
    unfinishedShare,
    lowerBound: lowerBoundKeys(unfinishedShare),
  };
}

function merged(list: readonly EncodedHistogram[]): EncodedHistogram {
  const all = new LogHistogram(list[0]?.subBits ?? 10);
  for (const e of list) all.add(LogHistogram.decode(e));
  return all.encode();
}

/** `summary.completion` and each class's `completion`; null when the model has no async work (no tally has completion). */
export function completionResults(model: CompiledModel, reps: readonly ReplicationTally[]): { summary: CompletionSummary; classes: CompletionFigures[] } | null {
  if (reps.length === 0 || reps.some((t) => t.completion === undefined)) return null;
  const c = model.confidence;
  const overall = figures(
    reps.map((t) => perRep(merged(t.completion!.classes), t.completion!.unfinishedClasses.reduce((a, b) => a + b, 0), t.measured)),
    c,
  );
  const classes = model.classIds.map((_, k) => figures(reps.map((t) => perRep(t.completion!.classes[k]!, t.completion!.unfinishedClasses[k]!, t.measured)), c));
  const sources: Record<string, CompletionFigures> = {};
  completionSources(model).forEach((node, i) => {
    sources[model.nodes[node]!.id] = figures(reps.map((t) => perRep(t.completion!.sources[i]!, t.completion!.unfinishedSources[i]!, t.measured)), c);
  });
  const paths = completionPaths(model)
    .slice(0, maxCompletionPaths)
    .map((p, i) => ({
      path: [model.nodes[p.publisher]!.id, model.nodes[p.queue]!.id, model.nodes[p.consumer]!.id] as [string, string, string],
      ...figures(reps.map((t) => perRep(t.completion!.paths[i]!, t.completion!.unfinishedPaths[i]!, t.measured)), c),
    }));
  return { summary: { ...overall, sources, paths }, classes };
}

/**
 * `slo.completion.<key>` checks. Without async work completion is the latency, so the
 * bounds are checked against it. A figure that is only a lower bound cannot meet its
 * bound: the check is marked `lowerBound` and missed (verdict.ts says why).
 */
export function completionChecks(slo: Scenario['slo'], summary: ResultDocument['summary'], checks: Record<string, SloCheck>): void {
  const bounds = slo?.completion;
  if (!bounds) return;
  const figures = summary.completion;
  const completed = summary.throughput > 0;
  for (const key of ['mean', 'p50', 'p95', 'p99'] as const) {
    const bound = bounds[key];
    if (bound === undefined) continue;
    const actual = figures ? figures[key] : summary.latency[key];
    const lowerBound = figures?.lowerBound.includes(key) ?? false;
    if (!completed) checks[`completion.${key}`] = { bound, actual, met: false, unmeasured: true };
    else checks[`completion.${key}`] = { bound, actual, met: actual <= bound && !lowerBound, ...(lowerBound ? { lowerBound: true } : {}) };
  }
}
