/**
 * The deadline ring is a FIFO of (deadline, visit, token): entries leave in the order
 * they came, through growth while wrapped around, and `peek` is the oldest deadline.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DeadlineRing } from './deadlineRing';

describe('DeadlineRing', () => {
  it('is empty at first: no deadline, nothing armed', () => {
    const r = new DeadlineRing();
    expect(r.length).toBe(0);
    expect(r.peek()).toBe(Infinity);
    expect(r.armed).toBe(false);
  });

  it('behaves as a FIFO queue for any mix of pushes and shifts', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(-1), fc.nat(5)), { maxLength: 2000 }), (ops) => {
        const ring = new DeadlineRing();
        const model: [number, number, number][] = [];
        let t = 0;
        let id = 0;
        for (const op of ops) {
          if (op < 0) {
            if (model.length === 0) continue;
            const [at, visit, token] = model.shift()!;
            expect([ring.peek(), ring.headVisit(), ring.headToken()]).toEqual([at, visit, token]);
            ring.shift();
          } else {
            // Deadlines never decrease (one delay, a clock that only moves forward).
            t += op;
            ring.push(t, id, 3 * id + 1);
            model.push([t, id, 3 * id + 1]);
            id++;
          }
          expect(ring.length).toBe(model.length);
          expect(ring.peek()).toBe(model.length > 0 ? model[0]![0] : Infinity);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('keeps order when it grows while wrapped around', () => {
    const ring = new DeadlineRing();
    for (let i = 0; i < 200; i++) ring.push(i, i, i);
    for (let i = 0; i < 150; i++) ring.shift();
    for (let i = 200; i < 1000; i++) ring.push(i, i, i);
    for (let i = 150; i < 1000; i++) {
      expect(ring.headVisit()).toBe(i);
      ring.shift();
    }
    expect(ring.length).toBe(0);
  });
});
