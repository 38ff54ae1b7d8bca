/**
 * RateProfile.advance inverts the integrated rate: checked against an independent
 * exact integral of the piecewise-linear scale, for random profiles (steps, zero
 * stretches, flat ends), both for arbitrary start times and for the forward-only
 * sequence of calls the engine makes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RateProfile } from './rateProfile';

interface Profile {
  at: number[];
  scale: number[];
}

function lerp(p: Profile, i: number, x: number): number {
  const [ta, tb, sa, sb] = [p.at[i]!, p.at[i + 1]!, p.scale[i]!, p.scale[i + 1]!];
  return sa + ((sb - sa) * (x - ta)) / (tb - ta);
}

/** The scale just after x (at a step: the last point's value there). */
function rightLimit(p: Profile, x: number): number {
  const n = p.at.length;
  if (x < p.at[0]!) return p.scale[0]!;
  if (x >= p.at[n - 1]!) return p.scale[n - 1]!;
  let i = n - 1;
  while (p.at[i]! > x) i--;
  return p.at[i] === x ? p.scale[i]! : lerp(p, i, x);
}

/** The scale just before x (at a step: the first point's value there). */
function leftLimit(p: Profile, x: number): number {
  const n = p.at.length;
  if (x <= p.at[0]!) return p.scale[0]!;
  if (x > p.at[n - 1]!) return p.scale[n - 1]!;
  let j = 0;
  while (p.at[j]! < x) j++;
  return p.at[j] === x ? p.scale[j]! : lerp(p, j - 1, x);
}

/** ∫ scale over [t0, t1], exactly: the scale is linear between consecutive breakpoints. */
function integral(p: Profile, t0: number, t1: number): number {
  if (p.at.length === 0) return t1 - t0;
  const cuts = [...new Set([t0, ...p.at.filter((a) => a > t0 && a < t1), t1])].sort((a, b) => a - b);
  let area = 0;
  for (let i = 1; i < cuts.length; i++) {
    const a = cuts[i - 1]!;
    const b = cuts[i]!;
    area += ((rightLimit(p, a) + leftLimit(p, b)) / 2) * (b - a);
  }
  return area;
}

const profileArb: fc.Arbitrary<Profile> = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 100 }), fc.oneof(fc.constant(0), fc.constant(1), fc.double({ min: 0, max: 5, noNaN: true }).map((x) => (x < 1e-6 ? 0 : x)))), { minLength: 1, maxLength: 8 })
  .map((points) => {
    const sorted = [...points].sort((x, y) => x[0] - y[0]);
    return { at: sorted.map((x) => x[0]), scale: sorted.map((x) => x[1]) };
  });

function relClose(a: number, b: number, tol = 1e-7): boolean {
  return Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b));
}

describe('RateProfile.advance', () => {
  it('returns the time at which rate × ∫ scale from t0 reaches the amount', () => {
    fc.assert(
      fc.property(profileArb, fc.double({ min: 0, max: 120, noNaN: true }), fc.double({ min: 0.1, max: 10, noNaN: true }), fc.double({ min: 1e-6, max: 50, noNaN: true }), (p, t0, rate, amount) => {
        const t = new RateProfile(p.at, p.scale).advance(t0, rate, amount);
        if (t === Infinity) {
          // Only when the rate stays at zero for good, before the amount is reached.
          expect(p.scale[p.scale.length - 1]).toBe(0);
          const end = Math.max(t0, p.at[p.at.length - 1]!);
          expect(rate * integral(p, t0, end)).toBeLessThan(amount * (1 + 1e-9));
          return;
        }
        expect(t).toBeGreaterThanOrEqual(t0);
        expect(relClose(rate * integral(p, t0, t), amount), `t=${t} ∫=${rate * integral(p, t0, t)} amount=${amount}`).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('used forward like the engine, the arrivals follow the cumulative integral', () => {
    fc.assert(
      fc.property(profileArb, fc.double({ min: 0.5, max: 5, noNaN: true }), fc.array(fc.double({ min: 1e-3, max: 3, noNaN: true }), { minLength: 1, maxLength: 60 }), (p, rate, amounts) => {
        const profile = new RateProfile(p.at, p.scale);
        let t = 0;
        let total = 0;
        for (const amount of amounts) {
          const next = profile.advance(t, rate, amount);
          if (next === Infinity) return;
          total += amount;
          expect(next).toBeGreaterThanOrEqual(t);
          expect(relClose(rate * integral(p, 0, next), total, 1e-6)).toBe(true);
          t = next;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('without points is a constant rate; scaleAt holds the end values outside the points', () => {
    const flat = new RateProfile([], []);
    expect(flat.isFlat).toBe(true);
    expect(flat.advance(3, 4, 2)).toBe(3.5);
    const p = new RateProfile([10, 20], [2, 4]);
    expect(p.scaleAt(0)).toBe(2);
    expect(p.scaleAt(15)).toBe(3);
    expect(p.scaleAt(99)).toBe(4);
    expect(p.maxScale()).toBe(4);
    // From 0: 2/s·… 2 × 10 = 20 units reach t = 10 exactly.
    expect(p.advance(0, 1, 20)).toBeCloseTo(10, 12);
  });

  it('a step (two points at the same time) switches at once', () => {
    const p = new RateProfile([5, 5], [1, 3]);
    expect(p.advance(0, 1, 5)).toBeCloseTo(5, 12);
    expect(p.advance(0, 1, 8)).toBeCloseTo(6, 12);
  });
});

describe('RateProfile.advance with a zero amount', () => {
  it('returns t0, not NaN, where the scale is 0', () => {
    expect(new RateProfile([10, 20], [0, 1]).advance(0, 5, 0)).toBe(0);
    expect(new RateProfile([0, 20], [0, 1]).advance(0, 5, 0)).toBe(0);
  });
});
