/**
 * Resilience check: a spike on top of the base load, then back to the base. Does the
 * system recover — queues drain and p99 returns to its level before the spike —
 * within the stated time, or does it stay degraded (a retry storm, a backlog that
 * never drains)? The verdict comes with the evidence: the level before, the worst
 * during, the level at the end, and when it came back.
 */
import { formatDuration, formatPercent } from '../format/units';
import type { ResultDocument } from '../model/result';
import type { Scenario } from '../model/schema';

export interface ResilienceOptions {
  source?: string;
  /** Spike height as a multiple of the base rate. */
  factor: number;
  /** Spike start, simulated seconds from the start of the run. */
  at: number;
  duration: number;
  /** Recovery must happen within this many seconds after the spike ends. */
  within: number;
  /** p99 counts as recovered within this factor of its level before the spike. */
  tolerance?: number;
}

export interface ResilienceVerdict {
  format: 'headroom/resilience';
  version: 1;
  scenario: string;
  recovers: boolean;
  /** Seconds from the end of the spike until p99 and queues were back, or null. */
  recoveryTime: number | null;
  before: { p99: number; throughput: number; errorRate: number };
  worst: { p99: number; errorRate: number };
  end: { p99: number; throughput: number; errorRate: number };
  evidence: string[];
  result: ResultDocument;
}

/** The scenario with a spike profile on the source and a run long enough to see the end. */
export function withSpike(base: Scenario, o: ResilienceOptions): { scenario: Scenario; source: string } {
  const open = base.nodes.filter((n) => n.kind === 'source' && n.arrival.process !== 'closed');
  const sourceId = o.source ?? (open.length === 1 ? open[0]!.id : undefined);
  if (!sourceId) throw new Error('resilience: name the source to spike (--source)');
  const ramp = Math.min(5, o.duration / 10);
  const end = o.at + o.duration;
  const horizon = end + o.within * 1.5 + 10;
  const warmup = base.run.warmup ?? 0;
  // The verdict compares with the level before the spike: there must be time to measure it.
  const baseline = Math.max(10, o.duration);
  if (o.at < warmup + baseline) throw new Error(`resilience: the spike must start at least ${baseline} s after the warm-up (${warmup} s) so the level before it can be measured: use --at ${warmup + baseline} or later`);
  const nodes = base.nodes.map((n) =>
    n.id === sourceId && n.kind === 'source'
      ? { ...n, profile: [ { at: 0, scale: 1 }, { at: o.at, scale: 1 }, { at: o.at + ramp, scale: o.factor }, { at: end, scale: o.factor }, { at: end + ramp, scale: 1 } ] }
      : n,
  );
  const duration = Math.max(base.run.duration, horizon - warmup);
  return { scenario: { ...base, nodes, run: { ...base.run, duration } }, source: sourceId };
}

function meanOf(xs: number[]): number {
  return xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;
}

export function judgeResilience(scenario: Scenario, r: ResultDocument, o: ResilienceOptions): ResilienceVerdict {
  const ts = r.timeSeries;
  const tolerance = o.tolerance ?? 1.25;
  const warmup = r.run.warmup;
  const spikeEnd = o.at + o.duration;
  const idx = (from: number, to: number) => ts.start.map((t, i) => (t >= from && t + ts.interval <= to ? i : -1)).filter((i) => i >= 0);
  const beforeIdx = idx(Math.max(warmup, o.at - Math.max(60, o.duration * 2)), o.at);
  const duringIdx = idx(o.at, spikeEnd + ts.interval);
  const afterIdx = ts.start.map((t, i) => (t >= spikeEnd ? i : -1)).filter((i) => i >= 0);
  const queue = (i: number) => Object.values(ts.nodes).reduce((s, n) => s + (n.queueLength[i] ?? 0), 0);
  const before = { p99: meanOf(beforeIdx.map((i) => ts.p99[i]!)), throughput: meanOf(beforeIdx.map((i) => ts.throughput[i]!)), errorRate: meanOf(beforeIdx.map((i) => ts.errorRate[i]!)) };
  const beforeQueue = meanOf(beforeIdx.map(queue));
  const worstP99 = Math.max(0, ...duringIdx.concat(afterIdx).map((i) => ts.p99[i]!));
  const worstErrors = Math.max(0, ...duringIdx.concat(afterIdx).map((i) => ts.errorRate[i]!));
  const healthy = (i: number) => ts.p99[i]! <= before.p99 * tolerance + 1e-9 && queue(i) <= beforeQueue * tolerance + 1 && ts.errorRate[i]! <= before.errorRate + 0.005;
  // Recovered at the first bucket from which every later bucket is healthy.
  let recoveredAt: number | null = null;
  for (let k = afterIdx.length - 1; k >= 0; k--) {
    if (!healthy(afterIdx[k]!)) break;
    recoveredAt = ts.start[afterIdx[k]!]!;
  }
  const lastIdx = afterIdx.slice(-3);
  const end = { p99: meanOf(lastIdx.map((i) => ts.p99[i]!)), throughput: meanOf(lastIdx.map((i) => ts.throughput[i]!)), errorRate: meanOf(lastIdx.map((i) => ts.errorRate[i]!)) };
  const recoveryTime = recoveredAt === null ? null : Math.max(0, recoveredAt - spikeEnd);
  const recovers = recoveryTime !== null && recoveryTime <= o.within;
  const evidence = [
    `before the spike: p99 ${formatDuration(before.p99)}, ${Math.round(before.throughput)} req/s, errors ${formatPercent(before.errorRate, 2)}`,
    `worst during and after: p99 ${formatDuration(worstP99)}, errors ${formatPercent(worstErrors, 2)}`,
    `at the end of the run: p99 ${formatDuration(end.p99)}, ${Math.round(end.throughput)} req/s, errors ${formatPercent(end.errorRate, 2)}`,
    recoveryTime === null
      ? `p99 and queues did not return within ${Math.round((tolerance - 1) * 100)}% of their level before the spike by the end of the run: the system stays degraded`
      : `back to the level before the spike ${formatDuration(recoveryTime)} after the spike ended (limit ${formatDuration(o.within)})`,
  ];
  return { format: 'headroom/resilience', version: 1, scenario: scenario.name, recovers, recoveryTime, before, worst: { p99: worstP99, errorRate: worstErrors }, end, evidence, result: r };
}
