/**
 * The future-event list: a binary min-heap on (time, insertion order) in parallel
 * typed arrays, plus a FIFO for events due "now".
 *
 * Ties are broken by insertion order, so equal-time events (constant service times,
 * constant arrivals) run in the order they were scheduled, on every machine. Events
 * scheduled for the current instant skip the heap: everything already in the heap
 * at that instant was scheduled earlier, so serving the heap's due events first and
 * then the FIFO is exactly (time, insertion order), at a fraction of the cost.
 *
 * An event is (time, kind, a, b): the engine decides what the two integers mean
 * (typically a visit slot and its generation, so stale events can be recognised and
 * dropped instead of searched for and removed).
 */

export class EventQueue {
  private time: Float64Array;
  private order: Float64Array;
  private kinds: Int32Array;
  private as: Int32Array;
  private bs: Int32Array;
  private size = 0;
  private inserted = 0;

  private fifoKind: Int32Array;
  private fifoA: Int32Array;
  private fifoB: Int32Array;
  private fifoHead = 0;
  private fifoCount = 0;

  /** The clock: time of the event last taken. */
  now = 0;
  /** The event last taken. */
  kind = 0;
  a = 0;
  b = 0;

  constructor(capacity = 1024) {
    this.time = new Float64Array(capacity);
    this.order = new Float64Array(capacity);
    this.kinds = new Int32Array(capacity);
    this.as = new Int32Array(capacity);
    this.bs = new Int32Array(capacity);
    // The FIFO is a ring indexed with a mask: its size stays a power of two.
    this.fifoKind = new Int32Array(1024);
    this.fifoA = new Int32Array(1024);
    this.fifoB = new Int32Array(1024);
  }

  get length(): number {
    return this.size + this.fifoCount;
  }

  /** Time of the next event, or Infinity when none is pending. */
  peekTime(): number {
    if (this.fifoCount > 0) return this.now;
    return this.size > 0 ? this.time[0]! : Infinity;
  }

  schedule(at: number, kind: number, a: number, b: number): void {
    if (at <= this.now) {
      this.pushNow(kind, a, b);
      return;
    }
    if (this.size === this.time.length) this.growHeap();
    const seq = this.inserted++;
    let hole = this.size++;
    const time = this.time;
    const order = this.order;
    while (hole > 0) {
      const parent = (hole - 1) >> 1;
      const pt = time[parent]!;
      if (pt < at || (pt === at && order[parent]! < seq)) break;
      this.move(parent, hole);
      hole = parent;
    }
    time[hole] = at;
    order[hole] = seq;
    this.kinds[hole] = kind;
    this.as[hole] = a;
    this.bs[hole] = b;
  }

  pushNow(kind: number, a: number, b: number): void {
    if (this.fifoCount === this.fifoKind.length) this.growFifo();
    const cap = this.fifoKind.length;
    const slot = (this.fifoHead + this.fifoCount) & (cap - 1);
    this.fifoKind[slot] = kind;
    this.fifoA[slot] = a;
    this.fifoB[slot] = b;
    this.fifoCount++;
  }

  /**
   * Takes the next event into (now, kind, a, b). Returns false when nothing is
   * pending or the next event lies beyond `until` (the clock then stays put).
   */
  next(until: number): boolean {
    if (this.size > 0 && this.time[0]! <= this.now) {
      this.popHeap();
      return true;
    }
    if (this.fifoCount > 0) {
      const slot = this.fifoHead;
      this.kind = this.fifoKind[slot]!;
      this.a = this.fifoA[slot]!;
      this.b = this.fifoB[slot]!;
      this.fifoHead = (slot + 1) & (this.fifoKind.length - 1);
      this.fifoCount--;
      return true;
    }
    if (this.size === 0 || this.time[0]! >= until) return false;
    this.popHeap();
    return true;
  }

  private popHeap(): void {
    const time = this.time;
    const order = this.order;
    this.now = time[0]!;
    this.kind = this.kinds[0]!;
    this.a = this.as[0]!;
    this.b = this.bs[0]!;
    const last = --this.size;
    if (last === 0) return;
    const lt = time[last]!;
    const lo = order[last]!;
    let hole = 0;
    for (;;) {
      let child = 2 * hole + 1;
      if (child >= last) break;
      const right = child + 1;
      if (right < last) {
        const ct = time[child]!;
        const rt = time[right]!;
        if (rt < ct || (rt === ct && order[right]! < order[child]!)) child = right;
      }
      const ct = time[child]!;
      if (lt < ct || (lt === ct && lo < order[child]!)) break;
      this.move(child, hole);
      hole = child;
    }
    time[hole] = lt;
    order[hole] = lo;
    this.kinds[hole] = this.kinds[last]!;
    this.as[hole] = this.as[last]!;
    this.bs[hole] = this.bs[last]!;
  }

  private move(from: number, to: number): void {
    this.time[to] = this.time[from]!;
    this.order[to] = this.order[from]!;
    this.kinds[to] = this.kinds[from]!;
    this.as[to] = this.as[from]!;
    this.bs[to] = this.bs[from]!;
  }

  private growHeap(): void {
    const n = this.time.length * 2;
    this.time = grow(this.time, new Float64Array(n));
    this.order = grow(this.order, new Float64Array(n));
    this.kinds = grow(this.kinds, new Int32Array(n));
    this.as = grow(this.as, new Int32Array(n));
    this.bs = grow(this.bs, new Int32Array(n));
  }

  private growFifo(): void {
    const cap = this.fifoKind.length;
    const kinds = new Int32Array(cap * 2);
    const as = new Int32Array(cap * 2);
    const bs = new Int32Array(cap * 2);
    for (let i = 0; i < this.fifoCount; i++) {
      const slot = (this.fifoHead + i) & (cap - 1);
      kinds[i] = this.fifoKind[slot]!;
      as[i] = this.fifoA[slot]!;
      bs[i] = this.fifoB[slot]!;
    }
    this.fifoKind = kinds;
    this.fifoA = as;
    this.fifoB = bs;
    this.fifoHead = 0;
  }
}

function grow<T extends Float64Array | Int32Array>(old: T, fresh: T): T {
  fresh.set(old);
  return fresh;
}
