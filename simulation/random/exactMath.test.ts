import { describe, expect, it } from 'vitest';
import { exp, log } from './exactMath';

const bits = new Float64Array(1);
const words = new BigInt64Array(bits.buffer);
/** Distance in units in the last place between two finite doubles of the same sign. */
function ulps(a: number, b: number): number {
  bits[0] = a;
  const x = words[0]!;
  bits[0] = b;
  const y = words[0]!;
  return Number(x > y ? x - y : y - x);
}

/** A fixed spread of inputs over many orders of magnitude (a plain LCG: the test must not depend on Math.random). */
function inputs(n: number, scale: (u: number) => number): number[] {
  let x = 0x9e3779b9;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out.push(scale((x + 0.5) / 4294967296));
  }
  return out;
}

describe('log and exp that give the same bits on every engine', () => {
  it('log is within one ulp of Math.log from subnormals to the largest double', () => {
    let worst = 0;
    for (const x of inputs(200_000, (u) => Math.pow(2, -1074 + u * 2097))) worst = Math.max(worst, ulps(log(x), Math.log(x)));
    for (const x of inputs(200_000, (u) => 0.5 + u)) worst = Math.max(worst, ulps(log(x), Math.log(x)));
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('exp is within one ulp of Math.exp over its whole finite range, subnormal results included', () => {
    let worst = 0;
    for (const x of inputs(200_000, (u) => -745 + u * 1454)) worst = Math.max(worst, ulps(exp(x), Math.exp(x)));
    for (const x of inputs(200_000, (u) => (u - 0.5) * 2)) worst = Math.max(worst, ulps(exp(x), Math.exp(x)));
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('the special values', () => {
    expect(log(1)).toBe(0);
    expect(log(0)).toBe(-Infinity);
    expect(log(-1)).toBeNaN();
    expect(log(NaN)).toBeNaN();
    expect(log(Infinity)).toBe(Infinity);
    expect(log(Number.MIN_VALUE)).toBeCloseTo(-744.4400719213812, 12);
    expect(log(Math.E)).toBeCloseTo(1, 15);
    expect(exp(0)).toBe(1);
    expect(exp(-Infinity)).toBe(0);
    expect(exp(Infinity)).toBe(Infinity);
    expect(exp(NaN)).toBeNaN();
    expect(exp(710)).toBe(Infinity);
    expect(exp(-746)).toBe(0);
    expect(exp(1)).toBeCloseTo(Math.E, 15);
    expect(exp(log(123.456))).toBeCloseTo(123.456, 12);
  });
});
