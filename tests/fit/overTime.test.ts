/** How the file's windows become stretches over time (simulation/fit/overTime.ts). */
import { describe, expect, it } from 'vitest';
import { maxStretches, stretchSizes } from '../../simulation/fit/overTime';
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
