/**
 * Stopping a capacity search's screening run once it has clearly failed. The search
 * (simulation/whatif/sweep.ts) counts a candidate as missed without its other
 * replications when replication 0 alone misses a bound by far (p99 over 1.5× its bound,
 * error rate over 3×). A run that far past its bound usually shows it long before its
 * end, and the rest of it is spent in the slowest, most overloaded state the search
 * visits. This rule ends such a run as soon as its full-length verdict is settled:
 *
 * - p99 over a threshold X is settled once more than 1% of all the successful requests
 *   the measured window can still end with, plus one, have already taken longer than X
 *   (counted in histogram buckets wholly above X, so the final nearest-rank percentile,
 *   which reports a bucket's midpoint, is above X too);
 * - the error rate over X is settled once the errors so far exceed X times all the
 *   requests that can still end in the window.
 *
 * "Can still end" is every request ended so far, every request alive now, and an upper
 * bound on the arrivals still to come: the mean at each source's highest rate over the
 * rest of the window plus six standard deviations of a Poisson count (exceeded about once
 * in a billion). Only open sources have such a bound; a model with a closed source or a
 * timeline of events gets no rule, and its runs go to their end. The check runs when a
 * time-series bucket closes, a fixed simulated instant, so where a run stops depends
 * only on the scenario and its seed, never on threads or timing.
 */
import { ArrivalKind, type CompiledModel } from './compile';
import type { LogHistogram } from '../stats/histogram';

/** What a screening run may stop on: the "missed by far" thresholds of the search. */
export interface ScreenStopSpec {
  /** Stop once the run's p99 (all classes, seconds) is certain to end above this. */
  p99Above?: number;
  /** Stop once the run's error rate is certain to end above this. */
  errorRateAbove?: number;
}

/** What the engine shows the rule at a bucket's close: its request counts in the measured window. */
export interface ScreenView {
  now: number;
  endTime: number;
  /** Per class: successful requests' latencies in the measured window. */
  latency: readonly LogHistogram[];
  ok: Float64Array;
  ended: Float64Array;
  /** Per class: requests alive at their source now. */
  rootsLive: Float64Array;
}

/** Standard deviations above the mean of a Poisson count taken as its upper bound. */
const poissonSigmas = 6;

export class ScreenStop {
  private constructor(
    private readonly spec: ScreenStopSpec,
    /** Sum over sources of the highest arrival rate each can reach. */
    private readonly peakRate: number,
  ) {}

  /** The rule for a model, or null when the model's future arrivals have no bound here (or nothing would be checked). */
  static forModel(model: CompiledModel, spec: ScreenStopSpec | undefined): ScreenStop | null {
    if (!spec || (spec.p99Above === undefined && spec.errorRateAbove === undefined)) return null;
    if (model.events.length > 0) return null;
    let peakRate = 0;
    for (const n of model.nodes) {
      const s = n.source;
      if (!s) continue;
      if (s.arrival === ArrivalKind.Closed) return null;
      const scale = Math.max(1, ...s.profileScale);
      peakRate += Math.max(s.rate, s.burstRate) * scale;
    }
    return Number.isFinite(peakRate) ? new ScreenStop(spec, peakRate) : null;
  }

  /** Why the run can stop now (its verdict settled), or null to run on. */
  check(v: ScreenView): string | null {
    const remaining = Math.max(0, v.endTime - v.now);
    const mean = this.peakRate * remaining;
    const future = mean + poissonSigmas * Math.sqrt(mean) + poissonSigmas;
    let ok = 0;
    let ended = 0;
    let live = 0;
    for (let c = 0; c < v.ok.length; c++) {
      ok += v.ok[c]!;
      ended += v.ended[c]!;
      live += v.rootsLive[c]!;
    }
    const p99Above = this.spec.p99Above;
    if (p99Above !== undefined) {
      const okAtMost = ok + live + future;
      const slow = v.latency.reduce((sum, h) => sum + countAbove(h, p99Above), 0);
      if (slow >= 0.01 * okAtMost + 1) return `p99 certain to exceed ${p99Above} s`;
    }
    const errorRateAbove = this.spec.errorRateAbove;
    if (errorRateAbove !== undefined) {
      const endedAtMost = ended + live + future;
      if (ended - ok > errorRateAbove * endedAtMost) return `error rate certain to exceed ${errorRateAbove}`;
    }
    return null;
  }
}

/** Samples in buckets whose smallest value is above x (so each of them is above x, and so is any midpoint reported for them). */
function countAbove(h: LogHistogram, x: number): number {
  if (h.total === 0 || !(h.max > x)) return 0;
  let i = h.bucketOf(x) + 1;
  // bucketOf(x) holds x itself; the next bucket starts at or above x, and must start strictly above it.
  while (i < h.counts.length && !(h.lowerBound(i) > x)) i++;
  // Nothing lies above the largest sample's bucket: the walk stops there, not at the top of the range.
  const last = Math.min(h.counts.length - 1, h.bucketOf(h.max));
  let n = 0;
  for (; i <= last; i++) n += h.counts[i]!;
  return n;
}
