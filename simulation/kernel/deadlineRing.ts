/**
 * Deadlines that all share one delay (an edge's timeout, a source's client timeout),
 * kept in a FIFO ring instead of the event heap. With a fixed delay, deadlines come
 * due in the order they were set, so only the ring's head needs a heap event; and
 * since most timeouts are cancelled (the call answered first), they leave the ring
 * for free when their time comes instead of costing a heap push and pop each.
 */

export class DeadlineRing {
  private at = new Float64Array(256);
  private visit = new Int32Array(256);
  private token = new Int32Array(256);
  private head = 0;
  private count = 0;
  /** Whether a heap event for the head is pending. */
  armed = false;

  get length(): number {
    return this.count;
  }

  push(at: number, visit: number, token: number): void {
    if (this.count === this.at.length) this.grow();
    const slot = (this.head + this.count) & (this.at.length - 1);
    this.at[slot] = at;
    this.visit[slot] = visit;
    this.token[slot] = token;
    this.count++;
  }

  /** Deadline of the oldest entry (Infinity when empty). */
  peek(): number {
    return this.count > 0 ? this.at[this.head]! : Infinity;
  }

  headVisit(): number {
    return this.visit[this.head]!;
  }

  headToken(): number {
    return this.token[this.head]!;
  }

  shift(): void {
    this.head = (this.head + 1) & (this.at.length - 1);
    this.count--;
  }

  private grow(): void {
    const cap = this.at.length;
    const at = new Float64Array(cap * 2);
    const visit = new Int32Array(cap * 2);
    const token = new Int32Array(cap * 2);
    for (let i = 0; i < this.count; i++) {
      const slot = (this.head + i) & (cap - 1);
      at[i] = this.at[slot]!;
      visit[i] = this.visit[slot]!;
      token[i] = this.token[slot]!;
    }
    this.at = at;
    this.visit = visit;
    this.token = token;
    this.head = 0;
  }
}
