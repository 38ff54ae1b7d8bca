/** Cutting a test into windows for figures over time: the same rule for every tool. */
import { nearestRank, type MeasuredWindow } from './measurement';

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
  const windows: MeasuredWindow[] = Array.from({ length: n }, (_, k) => ({ start: edges[k]!, end: edges[k + 1]!, requests: 0, failures: 0, started: 0, users: null, p99: null, mean: null }));
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
    w.mean = sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : null;
  });
  return windows;
}
