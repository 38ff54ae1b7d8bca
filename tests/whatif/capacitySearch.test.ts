/**
 * `findMaxRate` against a deterministic, monotone `evaluate` (met ⇔ rate ≤ θ), where
 * every answer is known exactly: the reported rate is met and within `precision`
 * (relative) below θ, the bracket straddles θ, the budget caps the evaluations, and
 * the number of evaluations follows from the doubling/halving and bisection steps.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findMaxRate } from '../../simulation/whatif/capacity';

function threshold(theta: number) {
  const calls: number[] = [];
  const evaluate = async (rate: number) => {
    calls.push(rate);
    return { met: rate <= theta, result: { rate } };
  };
  return { calls, evaluate };
}

describe('findMaxRate from a guess (firstStep)', () => {
  it('a good guess brackets in two runs with growing steps, and bisects the narrow bracket', async () => {
    const { calls, evaluate } = threshold(1000);
    const found = await findMaxRate(evaluate, { start: 950, firstStep: 0.1, precision: 0.02 });
    // 950 met, 1045 missed: a 10% bracket needs 3 halvings to reach 2%.
    expect(calls.slice(0, 2)).toEqual([950, 1045]);
    expect(found.evaluations).toBe(5);
    expect(found.rate).toBeLessThanOrEqual(1000);
    expect((found.bracket[1]! - found.rate) / found.rate).toBeLessThanOrEqual(0.02);
  });

  it('a guess far off costs a few steps more, each twice the last', async () => {
    const { calls, evaluate } = threshold(10_000);
    const found = await findMaxRate(evaluate, { start: 100, firstStep: 0.1, precision: 0.02 });
    const factors = calls.slice(1, 6).map((rate, k) => rate / calls[k]!);
    expect(factors.map((f) => Number(f.toFixed(6)))).toEqual([1.1, 1.2, 1.4, 1.8, 2.6]);
    expect(found.rate).toBeLessThanOrEqual(10_000);
    expect((10_000 - found.rate) / found.rate).toBeLessThanOrEqual(0.02);
    expect(found.evaluations).toBeLessThan(20);
  });

  it('a guess above θ steps down the same way', async () => {
    const { calls, evaluate } = threshold(500);
    const found = await findMaxRate(evaluate, { start: 900, firstStep: 0.1, precision: 0.02 });
    expect(calls[1]).toBeCloseTo(900 / 1.1, 9);
    expect(found.rate).toBeLessThanOrEqual(500);
    expect((500 - found.rate) / found.rate).toBeLessThanOrEqual(0.02);
  });
});

describe('findMaxRate with a ceiling (the estimate\'s saturation rate)', () => {
  it('met at the ceiling, steps on at the precision instead of leaping past it', async () => {
    const { calls, evaluate } = threshold(1010);
    const found = await findMaxRate(evaluate, { start: 900, firstStep: 0.1, precision: 0.02, ceiling: 1000 });
    // 900 and 990 met; the next step (×1.2) would pass the ceiling, which is tried instead and met; then ×1.02 misses.
    expect(calls.map((r) => Number(r.toFixed(6)))).toEqual([900, 990, 1000, 1020]);
    expect(found.rate).toBe(1000);
    expect(found.bracket).toEqual([1000, 1020]);
  });

  it('a ceiling far below θ costs steps that grow again from the precision', async () => {
    const { calls, evaluate } = threshold(5000);
    const found = await findMaxRate(evaluate, { start: 900, firstStep: 0.1, precision: 0.02, ceiling: 1000 });
    const factors = calls.slice(3, 7).map((rate, k) => rate / calls[k + 2]!);
    expect(factors.map((f) => Number(f.toFixed(6)))).toEqual([1.02, 1.04, 1.08, 1.16]);
    expect(found.rate).toBeLessThanOrEqual(5000);
    expect((5000 - found.rate) / found.rate).toBeLessThanOrEqual(0.02);
  });

  it('property: with any ceiling the answer is still within precision of θ', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.double({ min: 1, max: 1e5, noNaN: true }),
        fc.double({ min: 1, max: 1e5, noNaN: true }),
        fc.double({ min: 0.05, max: 20, noNaN: true }),
        async (theta, start, ceilingOverStart) => {
          const { evaluate } = threshold(theta);
          const found = await findMaxRate(evaluate, { start, firstStep: 0.1, min: 1e-3, max: 1e7, precision: 0.02, ceiling: start * ceilingOverStart });
          expect(found.rate).toBeLessThanOrEqual(theta);
          expect((theta - found.rate) / found.rate).toBeLessThanOrEqual(0.02 * (1 + 1e-9));
          expect(found.bracket[1]!).toBeGreaterThan(theta);
          expect(found.evaluations).toBeLessThan(40);
        },
      ),
      { seed: 7, numRuns: 300 },
    );
  });
});

describe('findMaxRate with a known threshold', () => {
  it('start below θ: doubles to bracket, then bisects to the precision', async () => {
    const { calls, evaluate } = threshold(777);
    const found = await findMaxRate(evaluate, { start: 100, precision: 0.01 });
    // 100, 200, 400 met; 800 missed → bracket [400, 800]; bisection to 1%.
    expect(calls.slice(0, 4)).toEqual([100, 200, 400, 800]);
    expect(found.rate).toBeLessThanOrEqual(777);
    expect((777 - found.rate) / found.rate).toBeLessThanOrEqual(0.01);
    expect(found.bracket[0]).toBe(found.rate);
    expect(found.bracket[1]).toBeGreaterThan(777);
    expect((found.bracket[1]! - found.bracket[0]) / found.bracket[0]).toBeLessThanOrEqual(0.01);
    expect(found.result).toEqual({ rate: found.rate });
    expect(found.evaluations).toBe(calls.length);
    // Bisection from a relative width of 1 to ≤ 1%: at most ceil(log2(100)) = 7 halvings.
    expect(calls.length - 4).toBeLessThanOrEqual(7);
  });

  it('start above θ: halves to bracket, then bisects', async () => {
    const { calls, evaluate } = threshold(7.3);
    const found = await findMaxRate(evaluate, { start: 100, precision: 0.001 });
    // 100, 50, 25, 12.5 missed; 6.25 met → bracket [6.25, 12.5].
    expect(calls.slice(0, 5)).toEqual([100, 50, 25, 12.5, 6.25]);
    expect(found.rate).toBeLessThanOrEqual(7.3);
    expect((7.3 - found.rate) / found.rate).toBeLessThanOrEqual(0.001);
    expect(found.bracket[1]).toBeGreaterThan(7.3);
    expect(calls.length - 5).toBeLessThanOrEqual(Math.ceil(Math.log2(1000)));
  });

  it('start exactly at θ counts as met (the bound is inclusive)', async () => {
    const { calls, evaluate } = threshold(64);
    const found = await findMaxRate(evaluate, { start: 64, precision: 0.05 });
    expect(calls.slice(0, 2)).toEqual([64, 128]);
    expect(found.rate).toBe(64);
    expect(found.bracket[0]).toBe(64);
  });

  it('never met: rate 0, no result, bracket [0, lowest rate tried], stops at min', async () => {
    const { calls, evaluate } = threshold(-1);
    const found = await findMaxRate(evaluate, { start: 100 });
    // Default min = start/1024 = 100/2^10: exactly ten halvings after the first try.
    expect(calls).toEqual(Array.from({ length: 11 }, (_, k) => 100 / 2 ** k));
    expect(found).toEqual({ rate: 0, bracket: [0, 100 / 1024], evaluations: 11, result: null });
  });

  it('always met: stops at max with an open bracket', async () => {
    const { calls, evaluate } = threshold(Infinity);
    const found = await findMaxRate(evaluate, { start: 10, max: 80 });
    expect(calls).toEqual([10, 20, 40, 80]);
    expect(found).toEqual({ rate: 80, bracket: [80, null], evaluations: 4, result: { rate: 80 } });
  });

  it('min and max clamp the start and the search', async () => {
    const { calls, evaluate } = threshold(1000);
    const found = await findMaxRate(evaluate, { start: 5000, min: 2, max: 3000, precision: 0.02 });
    expect(calls[0]).toBe(3000);
    expect(found.rate).toBeLessThanOrEqual(1000);
    expect((1000 - found.rate) / found.rate).toBeLessThanOrEqual(0.02);
    const low = threshold(0.5);
    const lowFound = await findMaxRate(low.evaluate, { start: 4, min: 1 });
    expect(low.calls).toEqual([4, 2, 1]);
    expect(lowFound.rate).toBe(0);
    expect(lowFound.bracket).toEqual([0, 1]);
  });

  it('respects the evaluation budget, returning the best rate met so far', async () => {
    for (const budget of [1, 2, 3, 5, 8]) {
      const { calls, evaluate } = threshold(777);
      const found = await findMaxRate(evaluate, { start: 100, precision: 1e-9, maxEvaluations: budget });
      expect(calls.length).toBe(budget);
      expect(found.evaluations).toBe(budget);
      const met = calls.filter((r) => r <= 777);
      expect(found.rate).toBe(Math.max(...met));
    }
  });

  it('property: for any θ, start and precision the answer is within precision of θ, in few evaluations', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.double({ min: 0.01, max: 1e6, noNaN: true }),
        fc.double({ min: 0.01, max: 1e6, noNaN: true }),
        fc.constantFrom(0.1, 0.02, 0.005, 0.001),
        async (theta, start, precision) => {
          const { calls, evaluate } = threshold(theta);
          const found = await findMaxRate(evaluate, { start, min: 1e-3, max: 1e7, precision });
          expect(found.rate).toBeLessThanOrEqual(theta);
          expect(found.rate).toBeGreaterThan(0);
          expect((theta - found.rate) / found.rate).toBeLessThanOrEqual(precision);
          expect(found.bracket[1]).not.toBeNull();
          expect(found.bracket[1]!).toBeGreaterThan(theta);
          // Bracketing takes at most |log2(θ/start)| + 2 tries, bisection at most
          // ceil(log2(1/precision)) (the first bracket has relative width 1).
          const bound = Math.floor(Math.abs(Math.log2(theta / start))) + 2 + Math.ceil(Math.log2(1 / precision));
          expect(calls.length).toBeLessThanOrEqual(bound);
          expect(found.evaluations).toBe(calls.length);
          expect(found.result).toEqual({ rate: found.rate });
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });
});
