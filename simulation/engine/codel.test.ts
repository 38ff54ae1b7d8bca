/**
 * CoDel's dequeue (codel.ts) against RFC 8289 worked by hand: a line that never empties,
 * served every 10 time units with target 5 and interval 100 (the functions take any time
 * unit; whole numbers keep the sums exact).
 */
import { describe, expect, it } from 'vitest';
import { CodelState, codelTake, controlLaw } from './codel';

/** One replica slot whose line holds `arrivals` (visit i arrived at arrivals[i]). */
function line(arrivals: number[]) {
  const head = new Int32Array([arrivals.length > 0 ? 0 : -1]);
  const tail = new Int32Array([arrivals.length - 1]);
  const len = new Int32Array([arrivals.length]);
  const next = Int32Array.from(arrivals, (_, i) => (i + 1 < arrivals.length ? i + 1 : -1));
  const arrive = Float64Array.from(arrivals);
  return { c: new CodelState(head, tail, len), next, arrive, len };
}

function dropped(c: CodelState, next: Int32Array): number[] {
  const out: number[] = [];
  for (let d = c.droppedHead; d >= 0; d = next[d]!) out.push(d);
  return out;
}

describe('CoDel dequeue (RFC 8289)', () => {
  it('drops first one interval after sojourns went above target, then at interval ÷ √count', () => {
    const { c, next, arrive } = line(Array.from({ length: 500 }, () => 0));
    const dropTimes: number[] = [];
    for (let now = 10; now <= 450; now += 10) {
      const v = codelTake(c, 0, now, 5, 100, next, arrive);
      expect(v).toBeGreaterThanOrEqual(0);
      for (const _ of dropped(c, next)) dropTimes.push(now);
    }
    // Above target from the first take (t = 10): ok to drop from 110. Next drops due at
    // 110 + 100 = 210, 210 + 100/√2 ≈ 280.7 (taken at 290), + 100/√3 ≈ 338.4 (340),
    // + 100/√4 = 388.4 (390), + 100/√5 ≈ 433.2 (440): one drop per take, as each take is 10 apart.
    expect(dropTimes).toEqual([110, 210, 290, 340, 390, 440]);
    expect(c.count[0]).toBe(6);
    expect(controlLaw(210, 100, 2)).toBeCloseTo(210 + 100 / Math.SQRT2, 12);
  });

  it('drops several at one take when the next drop is overdue, and never the last request waiting', () => {
    const { c, next, arrive, len } = line([0, 0, 0, 0]);
    expect(codelTake(c, 0, 10, 5, 100, next, arrive)).toBe(0); // above target: the clock starts
    expect(codelTake(c, 0, 110, 5, 100, next, arrive)).toBe(2); // ok to drop: 1 dropped, 2 served
    expect(dropped(c, next)).toEqual([1]);
    // 3 is the last one waiting: a drop would idle the worker, so it is served and dropping ends.
    expect(codelTake(c, 0, 500, 5, 100, next, arrive)).toBe(3);
    expect(dropped(c, next)).toEqual([]);
    expect(c.dropping[0]).toBe(0);
    expect(len[0]).toBe(0);
    expect(codelTake(c, 0, 510, 5, 100, next, arrive)).toBe(-1);
  });

  it('serves everything while sojourns stay below target', () => {
    const arrivals = Array.from({ length: 50 }, (_, i) => 10 * i);
    const { c, next, arrive } = line(arrivals);
    for (let i = 0; i < 50; i++) {
      // Each is taken 4 units after it arrived: below the target of 5.
      expect(codelTake(c, 0, 10 * i + 4, 5, 100, next, arrive)).toBe(i);
      expect(c.droppedHead).toBe(-1);
    }
  });

  it('a spell that follows soon after the last starts from the drop rate reached then (count − lastcount)', () => {
    const { c, next, arrive } = line(Array.from({ length: 200 }, () => 0));
    for (let now = 10; now <= 450; now += 10) codelTake(c, 0, now, 5, 100, next, arrive);
    expect(c.count[0]).toBe(6);
    // Leave the dropping state: a request below target.
    arrive[c.head[0]!] = 455;
    codelTake(c, 0, 458, 5, 100, next, arrive);
    expect(c.dropping[0]).toBe(0);
    // Above again from 460, ok to drop at 560 (< 16 intervals after the last drop): count = 6 − 1 = 5.
    for (let now = 460; now <= 560; now += 10) codelTake(c, 0, now, 5, 100, next, arrive);
    expect(c.dropping[0]).toBe(1);
    expect(c.count[0]).toBe(5);
    expect(c.dropNext[0]).toBeCloseTo(560 + 100 / Math.sqrt(5), 9);
  });
});
