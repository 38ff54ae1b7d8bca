/**
 * The number of users of a closed source whose `profile` changes it over time: the
 * source's `users` × the profile's piecewise-linear scale, rounded to the nearest whole
 * user (halves up). The engine asks for one change at a time, so a ramp to a million
 * users costs no table, and a step (two points at one time) changes the count at once.
 */

export class UserCount {
  /** Users now: the count the last change set. */
  count: number;
  /** The count at the time the last `next` returned. */
  nextCount = 0;
  /** The segment (ending at point k) the last change fell in; time only moves forward. */
  private k = 1;

  constructor(
    private readonly at: readonly number[],
    private readonly scale: readonly number[],
    private readonly users: number,
  ) {
    // Before the first point its scale holds, so the count at time 0 is the first point's.
    this.count = Math.round(users * scale[0]!);
  }

  /** Makes the change `next` found the current count. */
  take(): number {
    this.count = this.nextCount;
    return this.count;
  }

  /** The time after `t` at which the count next changes (Infinity: never); `nextCount` is the count from then. */
  next(t: number): number {
    const at = this.at;
    const sc = this.scale;
    const u = this.users;
    const n = this.count;
    for (let i = this.k; i < at.length; i++) {
      const ta = at[i - 1]!;
      const tb = at[i]!;
      if (tb < t) continue;
      if (tb === ta) {
        // A step: taken once, at its time.
        this.k = i + 1;
        const target = Math.round(u * sc[i]!);
        if (target !== n) {
          this.nextCount = target;
          return tb;
        }
        continue;
      }
      const from = Math.max(t, ta);
      const xa = u * (sc[i - 1]! + ((sc[i]! - sc[i - 1]!) * (from - ta)) / (tb - ta));
      const xb = u * sc[i]!;
      // Rising, the count gains a user where users × scale reaches n + ½; falling, it loses one below n − ½.
      const threshold = xb > xa ? n + 0.5 : n - 0.5;
      if ((xb > xa && xb >= threshold) || (xb < xa && xb < threshold)) {
        this.k = i;
        this.nextCount = xb > xa ? n + 1 : n - 1;
        return Math.min(tb, Math.max(from, from + ((threshold - xa) / (xb - xa)) * (tb - from)));
      }
    }
    this.k = at.length;
    return Infinity;
  }
}
