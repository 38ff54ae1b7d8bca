/**
 * The autoscaler's decision, as the Kubernetes Horizontal Pod Autoscaler (and KEDA,
 * which feeds it queue lengths) makes it: plain functions of what the engine measured
 * over one interval, so the rule can be read and tested apart from the event loop.
 * Nothing here allocates.
 */

export const AutoscaleMetric = { Workers: 0, Cpu: 1, Rps: 2, Backlog: 3 } as const;
export type AutoscaleMetric = (typeof AutoscaleMetric)[keyof typeof AutoscaleMetric];

/** The HPA's default `--horizontal-pod-autoscaler-tolerance`: a ratio within 10% of the target changes nothing. */
export const hpaTolerance = 0.1;

/** What one autoscaler tick saw. */
export interface AutoscaleSample {
  /** Replicas the autoscaler owns: serving, starting and failed (the HPA's spec.replicas). */
  current: number;
  /** Replicas that have served for at least a whole interval (ready pods whose metrics count). */
  ready: number;
  /** The rest of `current`: starting, failed and coming back, or serving for less than an interval (not-ready pods). */
  notReady: number;
  /**
   * The measured value, in the unit of the target: for workers the mean busy workers
   * over the interval across the node; for cpu the busy share of its CPUs over the
   * interval; for rps arrivals per second per ready replica; for backlog the queue's
   * backlog (all replicas together) at the tick.
   */
  value: number;
}

/** ceil that forgives the last bits of a product such as 6 × 0.9 / 0.6 = 9.000000000000002 (and never gives −0). */
function ceilCount(x: number): number {
  return Math.max(0, Math.ceil(x - 1e-9));
}

/**
 * The raw recommendation, before stabilization and the [min, max] bounds.
 *
 * workers: Headroom's first rule, ceil(busy workers ÷ target) where the target is busy
 * workers per replica (workers × targetUtilization), with no tolerance, kept so that
 * existing files keep their meaning.
 *
 * cpu and rps: the HPA's Resource and Pods metrics, ratio = value ÷ target averaged over
 * the ready replicas, desired = ceil(ready × ratio), unchanged while |ratio − 1| ≤
 * tolerance. On a scale-up, not-ready replicas count as using nothing (the HPA's rule
 * for unready pods): the ratio is recomputed over ready + not-ready, and when that no
 * longer asks for more, the count stays, so a tick while replicas start does not order
 * them twice. Without a ready replica there is no metric and the count stays.
 *
 * backlog: KEDA's queue-length scaler, an External metric with an AverageValue target:
 * desired = ceil(backlog ÷ target), unchanged while |backlog ÷ (target × current) − 1| ≤
 * tolerance.
 */
export function recommendReplicas(metric: AutoscaleMetric, target: number, tolerance: number, s: AutoscaleSample): number {
  if (metric === AutoscaleMetric.Workers) return ceilCount(s.value / target);
  if (metric === AutoscaleMetric.Backlog) {
    if (s.current > 0 && Math.abs(s.value / (target * s.current) - 1) <= tolerance) return s.current;
    return ceilCount(s.value / target);
  }
  if (s.ready === 0) return s.current;
  const ratio = s.value / target;
  if (ratio > 1 && s.notReady > 0) {
    const rebalanced = (ratio * s.ready) / (s.ready + s.notReady);
    if (rebalanced <= 1 + tolerance) return s.current;
    return Math.max(s.current, ceilCount(rebalanced * (s.ready + s.notReady)));
  }
  if (Math.abs(ratio - 1) <= tolerance) return s.current;
  return ceilCount(ratio * s.ready);
}

/**
 * Past raw recommendations of one autoscaled node, a ring of fixed size, for the HPA's
 * `behavior` stabilization windows: a scale-up goes only as far as the lowest
 * recommendation within the scale-up window, a scale-down only as far as the highest
 * within the scale-down window, so a brief dip or spike does not move the count.
 */
export class RecommendationHistory {
  private readonly at: Float64Array;
  private readonly value: Float64Array;
  private next = 0;
  private size = 0;

  constructor(capacity: number) {
    this.at = new Float64Array(Math.max(1, capacity));
    this.value = new Float64Array(Math.max(1, capacity));
  }

  /** Records this tick's raw recommendation and returns the stabilized one. */
  stabilize(now: number, desired: number, current: number, upWindow: number, downWindow: number): number {
    this.at[this.next] = now;
    this.value[this.next] = desired;
    this.next = (this.next + 1) % this.at.length;
    if (this.size < this.at.length) this.size++;
    let up = desired;
    let down = desired;
    for (let k = 0; k < this.size; k++) {
      // Ticks come every `interval` by repeated addition: forgive the last bits of that sum at the window's edge.
      const age = now - this.at[k]! + 1e-9;
      const v = this.value[k]!;
      if (age < upWindow && v < up) up = v;
      if (age < downWindow && v > down) down = v;
    }
    let recommendation = current;
    if (recommendation < up) recommendation = up;
    if (recommendation > down) recommendation = down;
    return recommendation;
  }
}

/** How many ticks a node's history must hold: every tick younger than the longer window, this one included. */
export function historyCapacity(interval: number, upWindow: number, downWindow: number): number {
  return Math.ceil(Math.max(upWindow, downWindow) / interval) + 1;
}
