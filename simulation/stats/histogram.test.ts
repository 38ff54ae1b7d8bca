/**
 * The latency histogram: nearest-rank percentiles within the 0.1% the result format
 * promises, merging equal to recording everything in one, and a lossless round trip
 * through the message form (including JSON, which turns ±Infinity into null).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LogHistogram } from './histogram';

/** Exact nearest-rank percentile: the smallest value with at least q·n values at or below it. */
function nearestRank(sorted: readonly number[], q: number): number {
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1]!;
}

// The documented range: from about a nanosecond (2^-30 s) to about 194 days (2^24 s).
const value = fc.oneof(
  fc.double({ min: 2 ** -30, max: 2 ** 24 * 0.999, noNaN: true }),
  fc.double({ min: 1e-4, max: 10, noNaN: true }),
  fc.constant(0),
);
const quantiles = [0.5, 0.9, 0.95, 0.99, 0.999, 1];

function firstDifference(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) return 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

function filled(values: readonly number[]): LogHistogram {
  const h = new LogHistogram(10);
  for (const v of values) h.record(v);
  return h;
}

describe('LogHistogram quantiles', () => {
  it('are within 0.1% of the exact nearest-rank value', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 400 }), fc.double({ min: 0.001, max: 1, noNaN: true }), (values, q) => {
        const h = filled(values);
        const sorted = [...values].sort((a, b) => a - b);
        for (const p of [...quantiles, q]) {
          const exact = nearestRank(sorted, p);
          const got = h.quantile(p);
          expect(Math.abs(got - exact), `q=${p} exact=${exact} got=${got}`).toBeLessThanOrEqual(exact * 1e-3);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('hold on large exponential samples (latency-like data)', () => {
    let s = 12345;
    const values: number[] = [];
    for (let i = 0; i < 100_000; i++) {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      values.push(-0.05 * Math.log((s + 1) / 2 ** 32));
    }
    const h = filled(values);
    const sorted = [...values].sort((a, b) => a - b);
    for (const p of [0.001, 0.25, 0.5, 0.9, 0.99, 0.999, 0.9999, 1]) {
      const exact = nearestRank(sorted, p);
      expect(Math.abs(h.quantile(p) - exact)).toBeLessThanOrEqual(exact * 1e-3);
    }
    expect(h.mean()).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 12);
    expect(h.min).toBe(sorted[0]);
    expect(h.max).toBe(sorted[sorted.length - 1]);
  });

  it('are ordered in q', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 200 }), (values) => {
        const h = filled(values);
        const qs = quantiles.map((p) => h.quantile(p));
        return qs.every((x, i) => i === 0 || qs[i - 1]! <= x) && Math.abs(qs[qs.length - 1]! - h.max) <= h.max * 1e-3;
      }),
    );
  });

  it('an empty histogram answers 0', () => {
    const h = new LogHistogram(10);
    expect(h.quantile(0.99)).toBe(0);
    expect(h.mean()).toBe(0);
  });
});

describe('LogHistogram merge and transport', () => {
  it('merging equals recording everything into one', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 200 }), fc.array(value, { maxLength: 200 }), (xs, ys) => {
        const merged = filled(xs);
        merged.add(filled(ys));
        const all = filled([...xs, ...ys]);
        expect(firstDifference(merged.counts, all.counts)).toBe(-1);
        expect(merged.total).toBe(all.total);
        expect(merged.min).toBe(all.min);
        expect(merged.max).toBe(all.max);
        // Sums are added in a different order: equal up to rounding.
        expect(Math.abs(merged.sum - all.sum)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(all.sum)));
        for (const p of quantiles) expect(merged.quantile(p)).toBe(all.quantile(p));
      }),
      { numRuns: 150 },
    );
  });

  it('merging is order-independent', () => {
    fc.assert(
      fc.property(fc.array(fc.array(value, { maxLength: 50 }), { minLength: 1, maxLength: 6 }), (parts) => {
        const forward = new LogHistogram(10);
        for (const p of parts) forward.add(filled(p));
        const backward = new LogHistogram(10);
        for (const p of [...parts].reverse()) backward.add(filled(p));
        return quantiles.every((q) => forward.quantile(q) === backward.quantile(q)) && forward.total === backward.total;
      }),
      { numRuns: 100 },
    );
  });

  it('encode → JSON → decode loses nothing', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 300 }), (values) => {
        const h = filled(values);
        const back = LogHistogram.decode(JSON.parse(JSON.stringify(h.encode())));
        expect(firstDifference(back.counts, h.counts)).toBe(-1);
        expect([back.total, back.min, back.max, back.sum]).toEqual([h.total, h.min, h.max, h.sum]);
        for (const p of quantiles) expect(back.quantile(p)).toBe(h.quantile(p));
      }),
      { numRuns: 150 },
    );
  });

  it('refuses to merge histograms of different precision', () => {
    expect(() => new LogHistogram(10).add(new LogHistogram(6))).toThrow();
  });
});
