/**
 * CoDel (Controlled Delay, RFC 8289) over a node's wait lines: `shed: {"codel": {"target",
 * "interval"}}`. Each replica's line for a worker is one CoDel queue. When a worker frees and
 * takes the next request, that request's sojourn (now − its arrival at the node) is compared
 * with `target`: once sojourns have stayed at or above it for a whole `interval`, the queue
 * enters the dropping state and drops the request being taken (the caller sees it rejected),
 * the next drop following after interval ÷ √count, count the drops of this dropping spell, so
 * the drop rate rises until waits come back below target. As in the RFC:
 *
 * - state changes only when a request is taken from the line (no timers);
 * - a request with no other request waiting behind it is never judged above target (the
 *   RFC's "less than one packet's worth of bytes queued"), so a worker is never left idle by a
 *   drop when the line has only that request;
 * - re-entering the dropping state soon after leaving it (within 16 intervals) starts again
 *   from the drop rate reached last time (count − lastcount), the Linux variant the RFC gives.
 *
 * Plain functions over typed arrays, one slot a replica, so the event loop allocates nothing;
 * the engine passes its visit arrays (`next`, `arrive`) in at each call, as it may regrow them.
 */

/** `firstAbove` when sojourns are below target (times are never negative). */
const BELOW = -1;

export class CodelState {
  /** When sojourns above target will have lasted an interval; BELOW while they are below. */
  readonly firstAbove: Float64Array;
  /** In the dropping state: when the next drop is due. */
  readonly dropNext: Float64Array;
  /** Drops in the current (or last) dropping spell. */
  readonly count: Int32Array;
  /** `count` when the last spell began, for the re-entry rule. */
  readonly lastCount: Int32Array;
  readonly dropping: Uint8Array;
  /** Out: set by the last take, whether its request may be dropped. */
  okToDrop = false;
  /** Out: the requests the last {@link codelTake} dropped, in line order, linked through the visits' `next`; −1 when none. */
  droppedHead = -1;
  private droppedTail = -1;

  /** The engine's wait lines per replica slot: head, tail and length (fixed for the run). */
  constructor(
    readonly head: Int32Array,
    readonly tail: Int32Array,
    readonly len: Int32Array,
  ) {
    const slots = head.length;
    this.firstAbove = new Float64Array(slots).fill(BELOW);
    this.dropNext = new Float64Array(slots);
    this.count = new Int32Array(slots);
    this.lastCount = new Int32Array(slots);
    this.dropping = new Uint8Array(slots);
  }

  /** Appends a dropped visit to the out-list. */
  drop(v: number, next: Int32Array): void {
    next[v] = -1;
    if (this.droppedTail < 0) this.droppedHead = v;
    else next[this.droppedTail] = v;
    this.droppedTail = v;
  }

  clearDropped(): void {
    this.droppedHead = -1;
    this.droppedTail = -1;
  }
}

/** RFC 8289's control law: the next drop after `t` comes interval ÷ √count later. */
export function controlLaw(t: number, interval: number, count: number): number {
  return t + interval / Math.sqrt(count);
}

/** RFC 8289's `dodequeue`: unlinks the head of line r and judges its sojourn; sets `c.okToDrop`. */
function takeHead(c: CodelState, r: number, now: number, target: number, interval: number, next: Int32Array, arrive: Float64Array): number {
  c.okToDrop = false;
  const v = c.head[r]!;
  if (v < 0) {
    c.firstAbove[r] = BELOW;
    return -1;
  }
  const after = next[v]!;
  c.head[r] = after;
  if (after < 0) c.tail[r] = -1;
  c.len[r]--;
  if (now - arrive[v]! < target || c.len[r] === 0) c.firstAbove[r] = BELOW;
  else if (c.firstAbove[r] === BELOW) c.firstAbove[r] = now + interval;
  else if (now >= c.firstAbove[r]!) c.okToDrop = true;
  return v;
}

/**
 * RFC 8289's `dequeue` for a worker freed at replica slot r: the request it serves (unlinked
 * from the line, its `len` counted down), or −1 when the line is empty or every request left was dropped. The dropped
 * ones are unlinked too and listed from `c.droppedHead`; the caller answers them.
 */
export function codelTake(c: CodelState, r: number, now: number, target: number, interval: number, next: Int32Array, arrive: Float64Array): number {
  c.clearDropped();
  let v = takeHead(c, r, now, target, interval, next, arrive);
  if (v < 0) {
    c.dropping[r] = 0;
    return -1;
  }
  if (c.dropping[r] !== 0) {
    if (!c.okToDrop) c.dropping[r] = 0;
    while (c.dropping[r] !== 0 && now >= c.dropNext[r]!) {
      c.drop(v, next);
      c.count[r]++;
      v = takeHead(c, r, now, target, interval, next, arrive);
      if (!c.okToDrop) c.dropping[r] = 0;
      else c.dropNext[r] = controlLaw(c.dropNext[r]!, interval, c.count[r]!);
    }
  } else if (c.okToDrop) {
    c.drop(v, next);
    v = takeHead(c, r, now, target, interval, next, arrive);
    c.dropping[r] = 1;
    // Back in the dropping state soon after leaving it: start from the drop rate that controlled the line last time.
    const delta = c.count[r]! - c.lastCount[r]!;
    c.count[r] = delta > 1 && now - c.dropNext[r]! < 16 * interval ? delta : 1;
    c.dropNext[r] = controlLaw(now, interval, c.count[r]!);
    c.lastCount[r] = c.count[r]!;
  }
  return v;
}
