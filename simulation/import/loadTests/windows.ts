/** Cutting a test into windows for figures over time: the same rule for every tool. */
import { batchPercentile, maxBatches, nearestRank, type MeasuredBatch, type MeasuredWindow } from './measurement';

/** At most this many windows over a test; a window is never shorter than a second. */
export const maxWindows = 60;

/** Window edges over [0, duration]: equal widths of at least `step` seconds (the file's own resolution), at most {@link maxWindows}. */
export function windowEdges(duration: number, step: number): number[] {
  const width = Math.max(step, 1, duration / maxWindows);
  const count = Math.max(1, Math.round(duration / width));
  return Array.from({ length: count + 1 }, (_, k) => (duration * k) / count);
}

/** Index of the window holding time t (the last one holds the end). */
export function windowOf(edges: readonly number[], t: number): number {
  const n = edges.length - 1;
  const duration = edges[n]!;
  if (duration <= 0) return 0;
  return Math.min(n - 1, Math.max(0, Math.floor((t / duration) * n)));
}

/** Windows from individual samples (JMeter): counts, nearest-rank p99 and mean of each window's ended requests. */
export function sampleWindows(samples: readonly { start: number; end: number; elapsed: number; ok: boolean; threads: number | null }[], duration: number): MeasuredWindow[] {
  const edges = windowEdges(duration, 1);
  const n = edges.length - 1;
  const lat: number[][] = Array.from({ length: n }, () => []);
  const windows: MeasuredWindow[] = Array.from({ length: n }, (_, k) => ({ start: edges[k]!, end: edges[k + 1]!, requests: 0, failures: 0, started: 0, users: null, p99: null, p95: null, mean: null }));
  for (const s of samples) {
    const w = windows[windowOf(edges, s.end)]!;
    w.requests++;
    if (!s.ok) w.failures++;
    lat[windowOf(edges, s.end)]!.push(s.elapsed);
    windows[windowOf(edges, s.start)]!.started++;
    if (s.threads !== null) {
      const at = windows[windowOf(edges, s.start)]!;
      at.users = Math.max(at.users ?? 0, s.threads);
    }
  }
  windows.forEach((w, k) => {
    const sorted = lat[k]!.sort((a, b) => a - b);
    w.p99 = nearestRank(sorted, 0.99);
    w.p95 = nearestRank(sorted, 0.95);
    w.mean = sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : null;
  });
  return windows;
}

/** Batch edges over [0, duration]: at most {@link maxBatches} equal batches, none shorter than `minWidth` seconds. */
export function batchEdges(duration: number, minWidth: number): number[] {
  const count = Math.min(maxBatches, Math.max(1, Math.floor(duration / Math.max(minWidth, 1e-9))));
  return Array.from({ length: count + 1 }, (_, k) => (duration * k) / count);
}

/** Batches from individual samples (JMeter), each sample in the batch it ended in. */
export function sampleBatches(samples: readonly { end: number; elapsed: number; ok: boolean }[], duration: number): MeasuredBatch[] {
  const edges = batchEdges(duration, 1);
  const n = edges.length - 1;
  const lat: number[][] = Array.from({ length: n }, () => []);
  const failures = new Array<number>(n).fill(0);
  for (const s of samples) {
    const k = windowOf(edges, s.end);
    lat[k]!.push(s.elapsed);
    if (!s.ok) failures[k]!++;
  }
  return lat.map((list, k) => {
    const sorted = list.sort((a, b) => a - b);
    return {
      duration: edges[k + 1]! - edges[k]!,
      requests: sorted.length,
      failures: failures[k]!,
      mean: sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : null,
      p50: batchPercentile(sorted, 0.5),
      p95: batchPercentile(sorted, 0.95),
      p99: batchPercentile(sorted, 0.99),
    };
  });
}
