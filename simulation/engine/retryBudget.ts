/**
 * A retry budget over one edge (gRPC's retry throttling, Envoy's and Finagle's retry
 * budgets): a retry is sent only while the retries of the last `window` seconds, itself
 * included, stay within `ratio` × the calls made over the edge in that window.
 *
 * The window slides in `steps` buckets, as Finagle's windowed counter does, so the state
 * is a fixed pair of arrays and the loop allocates nothing: the counts cover the current
 * bucket and the `steps − 1` before it, a window between (steps − 1)/steps and all of
 * `window` long.
 */

export const budgetSteps = 16;

export class RetryBudget {
  private readonly calls = new Float64Array(budgetSteps);
  private readonly retries = new Float64Array(budgetSteps);
  private readonly width: number;
  /** The bucket number (time ÷ width) the last count fell in. */
  private bucket = 0;
  private callSum = 0;
  private retrySum = 0;

  constructor(
    private readonly ratio: number,
    window: number,
  ) {
    this.width = window / budgetSteps;
  }

  /** A call (its first try) made at `now`. */
  call(now: number): void {
    this.advance(now);
    this.calls[this.bucket % budgetSteps]++;
    this.callSum++;
  }

  /** Whether a retry at `now` is within the budget; if it is, it is counted. */
  admit(now: number): boolean {
    this.advance(now);
    // The slack keeps float rounding of ratio × calls (0.2 × 5 = 1.0000000000000002) from deciding a tie.
    if (this.retrySum + 1 > this.ratio * this.callSum + 1e-9) return false;
    this.retries[this.bucket % budgetSteps]++;
    this.retrySum++;
    return true;
  }

  private advance(now: number): void {
    const b = Math.floor(now / this.width);
    if (b === this.bucket) return;
    // Buckets that fell out of the window are emptied; past a whole window, all of them.
    const stale = Math.min(b - this.bucket, budgetSteps);
    for (let k = 1; k <= stale; k++) {
      const slot = (this.bucket + k) % budgetSteps;
      this.callSum -= this.calls[slot]!;
      this.retrySum -= this.retries[slot]!;
      this.calls[slot] = 0;
      this.retries[slot] = 0;
    }
    this.bucket = b;
  }
}
