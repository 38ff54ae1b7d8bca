/**
 * Paired comparison of two scenarios (or two variants of one) with common random
 * numbers: replication r of both runs with the same seed, so the noise they share
 * cancels in the difference, and each metric's difference gets a Student-t interval
 * over the per-replication differences. That interval is what tells a user whether
 * a change really helped: "p99 −18 ms ± 4 ms; throughput +3.1% ± 0.4%".
 */
import type { CompiledModel } from '../engine/compile';
import { numberFormats, type NumberLanguage } from '../locale/language';
import { formatPercent } from '../locale/units';
import type { Interval } from '../model/result';
import type { Scenario } from '../model/schema';
import { displayedUtilization, resourceShare, type DisplayedUtilization, type UtilizationFigures, type UtilizationResource } from '../measures/utilization';
import { endToEnd, nodeFigures } from '../analysis/aggregate';
import { meanInterval } from '../stats/studentT';
import type { ReplicationTally } from '../stats/tally';

export interface MetricDifference {
  a: number;
  b: number;
  /** b − a, mean over replications, with its interval */
  difference: number;
  differenceCi: Interval;
  /** (b − a) / a, with the interval of the per-replication ratios */
  relative: number;
  relativeCi: Interval;
  /** The interval excludes 0: the change is real at the chosen confidence. */
  significant: boolean;
}

export interface CompareDocument {
  format: 'headroom/compare';
  version: 1;
  a: string;
  b: string;
  replications: number;
  seed: number;
  confidence: number;
  metrics: Record<string, MetricDifference>;
  nodes: Record<string, NodeComparison>;
  /** One readable line per metric. */
  lines: string[];
}

/** One node's utilization on both sides, in the displayed meaning (`measures/utilization.ts`). */
export interface NodeComparison {
  a: DisplayedUtilization;
  b: DisplayedUtilization;
  /** The resource both sides limit that the difference is of: the one B shows, else the one A shows. */
  resource: UtilizationResource | null;
  /** Paired difference of the busy share of `resource`; null when the sides limit no common resource. */
  utilization: MetricDifference | null;
}

const latencyKeys = ['mean', 'p50', 'p95', 'p99'] as const;

function difference(a: number[], b: number[], confidence: number): MetricDifference {
  const d = a.map((x, i) => b[i]! - x);
  const rel = a.map((x, i) => (x !== 0 ? (b[i]! - x) / x : 0));
  const di = meanInterval(d, confidence);
  const ri = meanInterval(rel, confidence);
  const meanA = a.reduce((s, x) => s + x, 0) / a.length;
  const meanB = b.reduce((s, x) => s + x, 0) / b.length;
  return {
    a: meanA,
    b: meanB,
    difference: di.mean,
    differenceCi: [di.low, di.high],
    relative: ri.mean,
    relativeCi: [ri.low, ri.high],
    significant: di.low > 0 || di.high < 0,
  };
}

function utilizationFigures(kind: string, f: ReturnType<typeof nodeFigures>): UtilizationFigures {
  return { kind, utilization: f.utilization, cpuUtilization: f.cpuUtilization, inFlight: f.inFlight, backlog: f.queueLength };
}

/** The replications' mean, null where the resource is unlimited (it is in every replication or in none). */
function meanFigures(list: UtilizationFigures[]): UtilizationFigures {
  const avg = (pick: (f: UtilizationFigures) => number | null | undefined) => {
    const values = list.map(pick);
    return values.some((v) => v === null || v === undefined) ? null : values.reduce<number>((s, v) => s + v!, 0) / values.length;
  };
  return { kind: list[0]?.kind ?? 'service', utilization: avg((f) => f.utilization), cpuUtilization: avg((f) => f.cpuUtilization), inFlight: avg((f) => f.inFlight) ?? 0, backlog: avg((f) => f.backlog) ?? undefined };
}

function signed(text: string, value: number): string {
  return value > 0 ? `+${text}` : value < 0 ? `−${text.replace(/^-/, '')}` : text;
}

export function compareTallies(
  a: { scenario: Scenario; model: CompiledModel; tallies: ReplicationTally[] },
  b: { scenario: Scenario; model: CompiledModel; tallies: ReplicationTally[] },
): CompareDocument {
  const confidence = a.model.confidence;
  // Pairs are replication r of each: every figure below is taken in replication order.
  const ta = [...a.tallies].sort((x, y) => x.replication - y.replication);
  const tb = [...b.tallies].sort((x, y) => x.replication - y.replication);
  const ea = ta.map(endToEnd);
  const eb = tb.map(endToEnd);
  const metrics: Record<string, MetricDifference> = {};
  metrics.throughput = difference(ea.map((r) => r.throughput), eb.map((r) => r.throughput), confidence);
  for (const k of latencyKeys) metrics[k] = difference(ea.map((r) => r.latency[k]), eb.map((r) => r.latency[k]), confidence);
  metrics.errorRate = difference(ea.map((r) => r.errorRate), eb.map((r) => r.errorRate), confidence);

  const nodes: CompareDocument['nodes'] = {};
  for (const na of a.model.nodes) {
    const nb = b.model.nodes.find((n) => n.id === na.id);
    if (!nb || na.kind === 0) continue;
    const figuresA = ta.map((t) => utilizationFigures(na.kindName, nodeFigures(na, t)));
    const figuresB = tb.map((t) => utilizationFigures(nb.kindName, nodeFigures(nb, t)));
    const shownA = displayedUtilization(meanFigures(figuresA));
    const shownB = displayedUtilization(meanFigures(figuresB));
    const common = (r: UtilizationResource | null) => r !== null && figuresA.every((f) => resourceShare(f, r) !== null) && figuresB.every((f) => resourceShare(f, r) !== null);
    const resource = common(shownB.resource) ? shownB.resource : common(shownA.resource) ? shownA.resource : null;
    nodes[na.id] = {
      a: shownA,
      b: shownB,
      resource,
      utilization: resource && difference(figuresA.map((f) => resourceShare(f, resource)!), figuresB.map((f) => resourceShare(f, resource)!), confidence),
    };
  }

  return {
    format: 'headroom/compare',
    version: 1,
    a: a.scenario.name,
    b: b.scenario.name,
    replications: a.model.replications,
    seed: a.model.seed,
    confidence,
    metrics,
    nodes,
    lines: compareLines(metrics, 'en'),
  };
}

const compareWords = {
  en: { throughput: 'throughput', errorRate: 'error rate', points: ' (points)', notSignificant: ' (not significant)', latency: { mean: 'mean', p50: 'p50', p95: 'p95', p99: 'p99' } },
  'zh-CN': { throughput: '吞吐量', errorRate: '错误率', points: '（百分点）', notSignificant: '（不显著）', latency: { mean: '均值', p50: 'p50', p95: 'p95', p99: 'p99' } },
} as const;

/** One readable line per metric, in the reader's language (the document's `lines` are the English). */
export function compareLines(metrics: Readonly<Record<string, MetricDifference>>, lang: NumberLanguage): string[] {
  const w = compareWords[lang];
  const n = numberFormats(lang);
  const half = (ci: Interval) => (ci[1] - ci[0]) / 2;
  const lines: string[] = [];
  const t = metrics.throughput!;
  lines.push(`${w.throughput} ${signed(formatPercent(t.relative, 1), t.relative)} ± ${formatPercent(half(t.relativeCi), 1)}${t.significant ? '' : w.notSignificant}`);
  for (const k of latencyKeys) {
    const m = metrics[k]!;
    lines.push(`${w.latency[k]} ${signed(n.duration(m.difference), m.difference)} ± ${n.duration(half(m.differenceCi))}${m.significant ? '' : w.notSignificant}`);
  }
  const e = metrics.errorRate!;
  lines.push(`${w.errorRate} ${signed(formatPercent(e.difference, 2), e.difference)} ± ${formatPercent(half(e.differenceCi), 2)}${w.points}${e.significant ? '' : w.notSignificant}`);
  return lines;
}
