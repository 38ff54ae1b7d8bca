/**
 * Measured versus simulated over the test's time, each figure with its intervals.
 *
 * The file's windows (up to 60, as short as its rows: Locust's are 2 s in the fixture)
 * are too short to carry a measured interval alone, so neighbours are merged into
 * stretches of at least {@link minBatches} windows, at most {@link maxStretches} of them,
 * the windows shared out evenly. Inside a stretch its windows are the batches: the
 * measured throughput and error rate get a batch-means interval (successive differences,
 * as for the whole test, see compare.ts). A test of fewer than 2 × minBatches windows
 * keeps its windows as they are, with no measured interval (the report says so).
 * Measured percentiles over time have none: Locust's history percentiles are its
 * sliding ten-second ones, so neighbouring windows share requests and are not batches.
 *
 * The simulated figures are the replications' mean with the Student-t interval at the
 * scenario's confidence and the 99% prediction interval for one replication: one
 * replication of the replay is one such test, so a right model puts the measured curve
 * inside the band. A stretch's simulated throughput and error rate come from the run's
 * buckets (120 over the replay) by their overlap with it; its p95 and p99 are the
 * answer-weighted mean of the buckets' percentiles: close, not exact. Over time, figures
 * are shown and counted, not judged (the verdict rests on the whole test).
 */
import type { MeasuredBatch, MeasuredWindow, Measurement } from '../import/loadTests/measurement';
import type { ReplicationTally } from '../stats/tally';
import type { Interval } from '../model/result';
import { meanInterval } from '../stats/studentT';
import { batchFigures, fitRow, minBatches, type FitRow } from './figures';

/** Most stretches over a test: about the dozen rows a report shows. */
export const maxStretches = 12;

export type WindowMetric = 'throughput' | 'p95' | 'p99' | 'errorRate';
export const windowMetrics: readonly WindowMetric[] = ['throughput', 'p95', 'p99', 'errorRate'];

export interface FitWindow {
  start: number;
  end: number;
  /** The file's windows merged into this stretch. */
  windows: number;
  measured: { throughput: number; errorRate: number | null; p95: number | null; p99: number | null; users: number | null };
  simulated: { throughput: number; throughputCi: Interval; errorRate: number; p95: number; p99: number };
  /** Each figure measured against simulated with its intervals (the rows of compare.ts: `ci`, `prediction`, `measuredCi`, `inside`). */
  figures: Record<WindowMetric, FitRow>;
}

/** How the file's windows are grouped into stretches: sizes in order. */
export function stretchSizes(windows: number): number[] {
  if (windows < 2 * minBatches) return Array.from({ length: windows }, () => 1);
  const count = Math.min(maxStretches, Math.floor(windows / minBatches));
  const base = Math.floor(windows / count);
  const extra = windows - base * count;
  return Array.from({ length: count }, (_, k) => base + (k < extra ? 1 : 0));
}

/** A request-weighted mean of the windows' figure, or null when none has it. */
function weighted(part: readonly MeasuredWindow[], f: (w: MeasuredWindow) => number | null | undefined): number | null {
  let sum = 0;
  let weight = 0;
  for (const w of part) {
    const v = f(w);
    if (v === null || v === undefined) continue;
    sum += v * Math.max(1, w.requests);
    weight += Math.max(1, w.requests);
  }
  return weight > 0 ? sum / weight : null;
}

type Simulated = Record<WindowMetric, number>;

function simulatedOver(t: ReplicationTally, start: number, end: number): Simulated {
  const s = t.series;
  let ok = 0;
  let ended = 0;
  let errors = 0;
  let p95 = 0;
  let p99 = 0;
  let weight = 0;
  for (let b = 0; b < s.ok.length; b++) {
    const from = b * s.interval;
    const overlap = Math.max(0, Math.min(end, from + s.interval) - Math.max(start, from)) / s.interval;
    if (overlap <= 0) continue;
    ok += overlap * s.ok[b]!;
    ended += overlap * s.ended[b]!;
    errors += overlap * s.errors[b]!;
    const w = overlap * s.ok[b]!;
    p95 += w * (s.p95?.[b] ?? s.p99[b]!);
    p99 += w * s.p99[b]!;
    weight += w;
  }
  return { throughput: ok / (end - start), errorRate: ended > 0 ? errors / ended : 0, p95: weight > 0 ? p95 / weight : 0, p99: weight > 0 ? p99 / weight : 0 };
}

export function overTimeComparison(m: Measurement, tallies: readonly ReplicationTally[], confidence: number): FitWindow[] {
  if (m.windows.length === 0 || tallies.length === 0) return [];
  const out: FitWindow[] = [];
  let first = 0;
  for (const size of stretchSizes(m.windows.length)) {
    const part = m.windows.slice(first, first + size);
    first += size;
    const start = part[0]!.start;
    const end = part.at(-1)!.end;
    const requests = part.reduce((a, w) => a + w.requests, 0);
    const failures = part.reduce((a, w) => a + w.failures, 0);
    const measured = {
      throughput: (requests - failures) / (end - start),
      errorRate: requests > 0 ? failures / requests : null,
      p95: weighted(part, (w) => w.p95),
      p99: weighted(part, (w) => w.p99),
      users: part.at(-1)!.users,
    };
    // The stretch's own windows are its batches (one window alone is none: fitRow then gives no measured interval).
    const batches: MeasuredBatch[] = size > 1 ? part.map((w) => ({ duration: w.end - w.start, requests: w.requests, failures: w.failures, mean: w.mean, p50: null, p95: null, p99: null })) : [];
    const perRep = tallies.map((t) => simulatedOver(t, start, end));
    const figures = Object.fromEntries(
      windowMetrics.map((metric) => [metric, fitRow(metric, measured[metric], batchFigures(batches, metric), perRep.map((r) => r[metric]), confidence)]),
    ) as Record<WindowMetric, FitRow>;
    const mean = (k: WindowMetric) => perRep.reduce((a, r) => a + r[k], 0) / perRep.length;
    const tp = meanInterval(perRep.map((r) => r.throughput), confidence);
    out.push({
      start,
      end,
      windows: size,
      measured,
      simulated: { throughput: tp.mean, throughputCi: [tp.low, tp.high], errorRate: mean('errorRate'), p95: mean('p95'), p99: mean('p99') },
      figures,
    });
  }
  return out;
}

/** Per figure, how many stretches have a measurement and how many of those lie inside the model's noise. */
export function overTimeInside(windows: readonly FitWindow[]): Record<WindowMetric, { inside: number; of: number }> {
  return Object.fromEntries(
    windowMetrics.map((metric) => {
      const measured = windows.filter((w) => w.figures[metric].inside !== null);
      return [metric, { inside: measured.filter((w) => w.figures[metric].inside).length, of: measured.length }];
    }),
  ) as Record<WindowMetric, { inside: number; of: number }>;
}
