/**
 * The future-event list against a plain reference model: events come out by time,
 * ties by insertion order, whatever mix of `schedule`, `pushNow` and `next` made them,
 * with many ties, through heap and FIFO growth.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from './eventQueue';

interface Pending {
  time: number;
  seq: number;
  kind: number;
  a: number;
  b: number;
}

/** The contract, written as simply as possible: a list searched for its minimum. */
class Reference {
  now = 0;
  private pending: Pending[] = [];
  private seq = 0;

  schedule(at: number, kind: number, a: number, b: number): void {
    this.pending.push({ time: Math.max(at, this.now), seq: this.seq++, kind, a, b });
  }

  next(until: number): Pending | null {
    if (this.pending.length === 0) return null;
    let best = 0;
    for (let i = 1; i < this.pending.length; i++) {
      const p = this.pending[i]!;
      const q = this.pending[best]!;
      if (p.time < q.time || (p.time === q.time && p.seq < q.seq)) best = i;
    }
    const e = this.pending[best]!;
    // Events due now run whatever `until` says; a later one only if before `until`.
    if (e.time > this.now && e.time >= until) return null;
    this.pending.splice(best, 1);
    this.now = e.time;
    return e;
  }

  get length(): number {
    return this.pending.length;
  }
}

type Op = { op: 'schedule'; dt: number; kind: number } | { op: 'now'; kind: number } | { op: 'next'; until: number };

// Few distinct delays, so ties are common; 0 schedules "now" through `schedule`.
const delay = fc.constantFrom(0, 0, 0.5, 1, 1, 2, 3, 0.1 + 0.2, 0.3);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('schedule' as const), dt: delay, kind: fc.nat(20) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('now' as const), kind: fc.nat(20) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('next' as const), until: fc.constantFrom(Infinity, Infinity, 0.5, 1, 2, 5) }) },
);

function replay(ops: Op[], capacity: number): void {
  const q = new EventQueue(capacity);
  const ref = new Reference();
  let id = 0;
  const check = (until: number) => {
    const expected = ref.next(until);
    const got = q.next(until);
    expect(got).toBe(expected !== null);
    if (expected) {
      expect([q.now, q.kind, q.a, q.b]).toEqual([expected.time, expected.kind, expected.a, expected.b]);
    }
    expect(q.now).toBe(ref.now);
  };
  for (const o of ops) {
    if (o.op === 'schedule') {
      q.schedule(q.now + o.dt, o.kind, id, 7 * id + 1);
      ref.schedule(ref.now + o.dt, o.kind, id, 7 * id + 1);
      id++;
    } else if (o.op === 'now') {
      q.pushNow(o.kind, id, 7 * id + 1);
      ref.schedule(ref.now, o.kind, id, 7 * id + 1);
      id++;
    } else check(o.until);
    expect(q.length).toBe(ref.length);
  }
  while (ref.length > 0) check(Infinity);
  expect(q.next(Infinity)).toBe(false);
}

describe('EventQueue ordering', () => {
  it('pops in (time, insertion) order for random schedules with ties and pushNow', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 300 }), (ops) => replay(ops, 1024)),
      { numRuns: 300 },
    );
  });

  it('keeps the order while the heap grows from a tiny capacity', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 50, maxLength: 400 }), (ops) => replay(ops, 1)),
      { numRuns: 100 },
    );
  });

  it('keeps FIFO order for "now" events across the ring growing while wrapped', () => {
    const q = new EventQueue();
    let pushed = 0;
    let popped = 0;
    for (let i = 0; i < 1000; i++) q.pushNow(0, pushed++, 0);
    for (let i = 0; i < 700; i++) {
      expect(q.next(Infinity)).toBe(true);
      expect(q.a).toBe(popped++);
    }
    // The ring's head is now at 700: this grows it while its contents wrap around.
    for (let i = 0; i < 3000; i++) q.pushNow(0, pushed++, 0);
    while (q.next(Infinity)) expect(q.a).toBe(popped++);
    expect(popped).toBe(pushed);
  });

  it('serves events already due in the heap before later "now" events', () => {
    const q = new EventQueue();
    q.schedule(1, 1, 0, 0);
    q.schedule(1, 2, 0, 0);
    expect(q.next(Infinity)).toBe(true); // t = 1, kind 1
    q.pushNow(3, 0, 0); // scheduled after kind 2, at the same time
    q.schedule(0.5, 4, 0, 0); // in the past: runs now, after kind 3
    const kinds: number[] = [];
    while (q.next(Infinity)) kinds.push(q.kind);
    expect(kinds).toEqual([2, 3, 4]);
    expect(q.now).toBe(1);
  });

  it('next(until) leaves events at or after `until` and does not move the clock', () => {
    const q = new EventQueue();
    q.schedule(5, 1, 0, 0);
    expect(q.next(5)).toBe(false);
    expect(q.now).toBe(0);
    expect(q.peekTime()).toBe(5);
    expect(q.next(5.0001)).toBe(true);
    expect(q.now).toBe(5);
    expect(q.peekTime()).toBe(Infinity);
  });
});
