/**
 * Student-t quantiles against published table values and the closed forms for one and
 * two degrees of freedom, and the replication interval built on them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { meanInterval, studentTCdf, studentTQuantile } from './studentT';

describe('studentTQuantile', () => {
  // Standard t tables (e.g. NIST/SEMATECH e-Handbook, table 1.3.6.7.2), to 3 decimals.
  const table: [number, number, number][] = [
    [0.975, 1, 12.706],
    [0.975, 2, 4.303],
    [0.975, 4, 2.776],
    [0.975, 9, 2.262],
    [0.975, 30, 2.042],
    [0.95, 9, 1.833],
    [0.995, 4, 4.604],
    [0.99, 1, 31.821],
    [0.9995, 9, 4.781],
    [0.9, 100, 1.29],
  ];
  it.each(table)('t(%s, df %s) = %s', (p, df, t) => {
    expect(Math.abs(studentTQuantile(p, df) - t)).toBeLessThan(6e-4);
  });

  it('df = 1 is the Cauchy distribution: t = tan(π(p − ½))', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.51, max: 0.999, noNaN: true }), (p) => {
        const exact = Math.tan(Math.PI * (p - 0.5));
        return Math.abs(studentTQuantile(p, 1) - exact) <= 1e-8 * exact;
      }),
    );
  });

  it('df = 2 has the closed form t = (2p − 1)·√(2 / (1 − (2p − 1)²))', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.51, max: 0.999, noNaN: true }), (p) => {
        const a = 2 * p - 1;
        const exact = a * Math.sqrt(2 / (1 - a * a));
        return Math.abs(studentTQuantile(p, 2) - exact) <= 1e-8 * exact;
      }),
    );
  });

  it('tends to the normal quantile as df grows', () => {
    expect(studentTQuantile(0.975, 1e7)).toBeCloseTo(1.959963985, 5);
  });

  it('is symmetric, 0 at the median, and inverts the cdf', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 0.999, noNaN: true }), fc.integer({ min: 1, max: 200 }), (p, df) => {
        const t = studentTQuantile(p, df);
        return Math.abs(t + studentTQuantile(1 - p, df)) <= 1e-9 * Math.max(1, Math.abs(t)) && Math.abs(studentTCdf(t, df) - p) < 1e-9;
      }),
    );
    expect(studentTQuantile(0.5, 5)).toBe(0);
  });
});

describe('meanInterval', () => {
  it('1, 2, 3, 4, 5 at 95%: 3 ± t(0.975, 4)·√2.5/√5', () => {
    const m = meanInterval([1, 2, 3, 4, 5], 0.95);
    expect(m.mean).toBe(3);
    expect(m.halfWidth).toBeCloseTo(2.7764451052 * Math.sqrt(2.5 / 5), 8);
    expect(m.low).toBeCloseTo(3 - m.halfWidth, 12);
    expect(m.high).toBeCloseTo(3 + m.halfWidth, 12);
  });

  it('one value has zero width; none gives zeros', () => {
    expect(meanInterval([4.2], 0.95)).toEqual({ mean: 4.2, low: 4.2, high: 4.2, halfWidth: 0 });
    expect(meanInterval([], 0.95)).toEqual({ mean: 0, low: 0, high: 0, halfWidth: 0 });
  });

  it('identical values have zero width; a higher confidence is wider', () => {
    expect(meanInterval([2, 2, 2], 0.99).halfWidth).toBe(0);
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 2, maxLength: 20 }), (xs) => {
        return meanInterval(xs, 0.99).halfWidth >= meanInterval(xs, 0.9).halfWidth;
      }),
    );
  });
});
