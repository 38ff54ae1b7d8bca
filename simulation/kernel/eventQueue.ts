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
  // The heap holds only each event's time and its slot; the rest of the event stays in its
  // slot, so sifting moves two numbers per level instead of five.
  private time: Float64Array;
  private slotOf: Int32Array;
  private size = 0;
  private inserted = 0;

  // Per slot: insertion order (the tie-break) and the event's integers. Free slots form a stack.
  private order: Float64Array;
  private kinds: Int32Array;
  private as: Int32Array;
  private bs: Int32Array;
  private freeSlots: Int32Array;
  private freeCount: number;

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
    this.slotOf = new Int32Array(capacity);
    this.order = new Float64Array(capacity);
    this.kinds = new Int32Array(capacity);
    this.as = new Int32Array(capacity);
    this.bs = new Int32Array(capacity);
    this.freeSlots = new Int32Array(capacity);
    for (let i = 0; i < capacity; i++) this.freeSlots[i] = capacity - 1 - i;
    this.freeCount = capacity;
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
    if (this.freeCount === 0) this.grow();
    const slot = this.freeSlots[--this.freeCount]!;
    const seq = this.inserted++;
    this.order[slot] = seq;
    this.kinds[slot] = kind;
    this.as[slot] = a;
    this.bs[slot] = b;
    this.siftUp(this.size++, at, slot, seq);
  }

  /** Puts the event (at, slot, seq) at `hole` or above it, moving later events down. */
  private siftUp(hole: number, at: number, slot: number, seq: number): void {
    const time = this.time;
    const slotOf = this.slotOf;
    const order = this.order;
    while (hole > 0) {
      const parent = (hole - 1) >> 1;
      const pt = time[parent]!;
      if (pt < at || (pt === at && order[slotOf[parent]!]! < seq)) break;
      time[hole] = pt;
      slotOf[hole] = slotOf[parent]!;
      hole = parent;
    }
    time[hole] = at;
    slotOf[hole] = slot;
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
    const slotOf = this.slotOf;
    const order = this.order;
    const top = slotOf[0]!;
    this.now = time[0]!;
    this.kind = this.kinds[top]!;
    this.a = this.as[top]!;
    this.b = this.bs[top]!;
    this.freeSlots[this.freeCount++] = top;
    const last = --this.size;
    if (last === 0) return;
    const lt = time[last]!;
    const ls = slotOf[last]!;
    // Floyd's pop: the hole goes down the smaller children to the bottom, one comparison a
    // level, and the last event, which belongs near the bottom anyway, comes up from there.
    let hole = 0;
    for (;;) {
      let child = 2 * hole + 1;
      if (child >= last) break;
      const right = child + 1;
      if (right < last) {
        const ct = time[child]!;
        const rt = time[right]!;
        if (rt < ct || (rt === ct && order[slotOf[right]!]! < order[slotOf[child]!]!)) child = right;
      }
      time[hole] = time[child]!;
      slotOf[hole] = slotOf[child]!;
      hole = child;
    }
    this.siftUp(hole, lt, ls, order[ls]!);
  }

  /** Every slot is taken (as many events as the heap can hold): double both. */
  private grow(): void {
    const cap = this.time.length;
    const n = cap * 2;
    this.time = grow(this.time, new Float64Array(n));
    this.slotOf = grow(this.slotOf, new Int32Array(n));
    this.order = grow(this.order, new Float64Array(n));
    this.kinds = grow(this.kinds, new Int32Array(n));
    this.as = grow(this.as, new Int32Array(n));
    this.bs = grow(this.bs, new Int32Array(n));
    this.freeSlots = new Int32Array(n);
    for (let i = 0; i < cap; i++) this.freeSlots[i] = n - 1 - i;
    this.freeCount = cap;
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
