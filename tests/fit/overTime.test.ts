/**
 * How the file's windows become stretches over time (simulation/fit/overTime.ts), and
 * the band where the answer is known: a test of the model itself stays inside it.
 */
import { describe, expect, it } from 'vitest';
import { fitScenario } from '../../simulation/fit/fit';
import { maxStretches, overTimeInside, stretchSizes } from '../../simulation/fit/overTime';
import type { Measurement } from '../../simulation/import/loadTests/measurement';
import { jmeterTest, map, model, run } from '../helpers/fastapiFit';
import { minBatches } from '../../simulation/fit/compare';

describe('stretchSizes', () => {
  it('merges windows into at most a dozen stretches of at least five, shared out evenly', () => {
    expect(stretchSizes(60)).toEqual(Array(12).fill(5));
    // 57 windows: eleven stretches (57 ÷ 5), the two left over going to the first two.
    expect(stretchSizes(57)).toEqual([6, 6, 5, 5, 5, 5, 5, 5, 5, 5, 5]);
    for (const n of [10, 11, 19, 23, 57, 60, 61, 240]) {
      const sizes = stretchSizes(n);
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(n);
      expect(sizes.length).toBeLessThanOrEqual(maxStretches);
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(minBatches);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });

  it('keeps too few windows as they are: no stretch could hold five', () => {
    expect(stretchSizes(9)).toEqual(Array(9).fill(1));
    expect(stretchSizes(1)).toEqual([1]);
    expect(stretchSizes(0)).toEqual([]);
  });
});

describe('the figures over time, where the answer is known', () => {
  const fit = async (m: Measurement) => (await fitScenario(model, m, { map, replications: 5, seed: 1, calibrate: [] }, run)).document.fit.overTime;

  it('a test of the model itself stays inside the band; with the API 1.5 times slower its p95 leaves it', async () => {
    const right = await fit(jmeterTest(1, 120, 7));
    expect(right).toHaveLength(12);
    const inside = overTimeInside(right);
    // A 99% range, 12 stretches: one outside by chance is already rare.
    expect(inside.throughput.inside).toBeGreaterThanOrEqual(11);
    expect(inside.p95.inside).toBeGreaterThanOrEqual(10);
    for (const w of right) expect(w.figures.throughput.measuredCi).not.toBeNull();
    const slow = overTimeInside(await fit(jmeterTest(1.5, 120, 7)));
    expect(slow.throughput.inside).toBeGreaterThanOrEqual(10);
    expect(slow.p95.inside).toBeLessThanOrEqual(4);
  });

  it('a test of 8 windows keeps them as they are, with no measured interval', async () => {
    const short = await fit(jmeterTest(1, 8, 3));
    expect(short).toHaveLength(8);
    for (const w of short) {
      expect(w.windows).toBe(1);
      expect(w.figures.throughput.measuredCi).toBeNull();
      expect(w.figures.throughput.prediction[1]).toBeGreaterThan(w.figures.throughput.prediction[0]);
    }
  });
});
