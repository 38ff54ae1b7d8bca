/**
 * Each time-series bucket's latency percentiles, from the answers it saw: p99 for the
 * result's charts, p95 for the fit's figures over time (`headroom fit` compares a load
 * test's p95 per stretch). The histogram is emptied for the next bucket.
 */
import type { LogHistogram } from '../stats/histogram';
import type { SeriesTally } from '../stats/tally';

export function closeBucketPercentiles(h: LogHistogram, s: SeriesTally, b: number): void {
  s.p99[b] = h.total > 0 ? h.quantile(0.99) : 0;
  if (s.p95) s.p95[b] = h.total > 0 ? h.quantile(0.95) : 0;
  h.counts.fill(0);
  h.total = 0;
  h.min = Infinity;
  h.max = -Infinity;
  h.sum = 0;
}
