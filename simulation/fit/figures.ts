/**
 * One figure measured against simulated, the rule compare.ts states: the simulated mean
 * over replications with its Student-t interval and the 99% prediction interval for one
 * more replication, the measured figure with its batch-means interval, and whether the
 * difference lies within the noise. The whole test's rows (compare.ts) and each stretch
 * over time (overTime.ts) are made here.
 */
import type { MeasuredBatch } from '../import/loadTests/measurement';
import type { Interval } from '../model/result';
import { meanInterval, studentTQuantile } from '../stats/studentT';

export const minDuration = 30;
export const minRequests = 200;
export const predictionLevel = 0.99;
/** Fewest batches a measured interval rests on. */
export const minBatches = 5;

export type FitMetric = 'throughput' | 'mean' | 'p50' | 'p95' | 'p99' | 'errorRate';
export const fitMetrics: readonly FitMetric[] = ['throughput', 'mean', 'p50', 'p95', 'p99', 'errorRate'];
/** The figures the verdict's X is taken over. */
export const judgedMetrics: readonly FitMetric[] = ['throughput', 'mean', 'p95'];

export interface FitRow {
  metric: FitMetric;
  measured: number | null;
  simulated: number;
  ci: Interval;
  prediction: Interval;
  /** The measured figure ± its batch-means half-width at the scenario's confidence; null when the file gives none (a k6 summary) or fewer than {@link minBatches} batches have the figure. */
  measuredCi: Interval | null;
  /** Batches the measured interval rests on (0 without one). */
  batches: number;
  /** The half-width at 99% the judgement uses, √(m² + s²) (see the rule above). */
  noise: number;
  /** (simulated − measured) ÷ measured; for errorRate the difference itself (a share). Null without a measured figure. */
  difference: number | null;
  inside: boolean | null;
}

const tQuantile = (level: number, df: number) => studentTQuantile(1 - (1 - level) / 2, df);

/** Half-width of a batch-means interval at `level`, or null with fewer than {@link minBatches} batches. */
export function batchHalfWidth(values: readonly number[], level: number): number | null {
  const b = values.length;
  if (b < minBatches) return null;
  let squares = 0;
  for (let k = 1; k < b; k++) squares += (values[k]! - values[k - 1]!) ** 2;
  return (tQuantile(level, b - 1) * Math.sqrt(squares / (2 * (b - 1)))) / Math.sqrt(b);
}

/** One metric's figure per batch, leaving out the batches that lack it. */
export function batchFigures(batches: readonly MeasuredBatch[] | undefined, metric: FitMetric): number[] {
  if (!batches) return [];
  const out: number[] = [];
  for (const b of batches) {
    if (metric === 'throughput') out.push((b.requests - b.failures) / b.duration);
    else if (metric === 'errorRate') {
      if (b.requests > 0) out.push(b.failures / b.requests);
    } else if (b[metric] !== null) out.push(b[metric]!);
  }
  return out;
}

export function fitRow(metric: FitMetric, measured: number | null, batches: readonly number[], values: readonly number[], confidence: number): FitRow {
  const m = meanInterval(values, confidence);
  const n = values.length;
  let sd = 0;
  if (n > 1) sd = Math.sqrt(values.reduce((a, v) => a + (v - m.mean) ** 2, 0) / (n - 1));
  const t = n > 1 ? tQuantile(predictionLevel, n - 1) : 0;
  const half = t * sd * Math.sqrt(1 + 1 / n);
  const prediction: Interval = [m.mean - half, m.mean + half];
  const difference = measured === null ? null : metric === 'errorRate' ? m.mean - measured : measured > 0 ? (m.mean - measured) / measured : null;
  const own = measured === null ? null : batchHalfWidth(batches, predictionLevel);
  const shown = measured === null ? null : batchHalfWidth(batches, confidence);
  const test = Math.max(own ?? 0, t * sd);
  const noise = Math.sqrt(test ** 2 + (n > 0 ? (t * sd) ** 2 / n : 0));
  return {
    metric,
    measured,
    simulated: m.mean,
    ci: [m.low, m.high],
    prediction,
    measuredCi: measured === null || shown === null ? null : [measured - shown, measured + shown],
    batches: shown === null ? 0 : batches.length,
    noise,
    difference,
    inside: measured === null ? null : Math.abs(measured - m.mean) <= noise + 1e-12,
  };
}

