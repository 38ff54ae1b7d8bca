/**
 * Distributions: sample means, coefficients of variation and shape checks against
 * the closed forms. With N samples, the mean's standard error is cv·mean/√N; the
 * tolerances below are about five of those (and, for the cv, about four standard
 * errors of the sample variance given the distribution's kurtosis).
 */
import { describe, expect, it } from 'vitest';
import type { Dist } from '../model/schema';
import { compileDist, compileDistByClass, sample } from './dist';
import { streamFor } from './rng';

function draw(d: Dist, n: number, seed = 1): Float64Array {
  const compiled = compileDist(d);
  const rng = streamFor(seed, 0, 'dist-test', d.dist);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = sample(compiled, rng);
  return out;
}

function moments(xs: Float64Array): { mean: number; cv: number } {
  let s = 0;
  for (const x of xs) s += x;
  const mean = s / xs.length;
  let v = 0;
  for (const x of xs) v += (x - mean) ** 2;
  return { mean, cv: Math.sqrt(v / (xs.length - 1)) / mean };
}

const n = 400_000;

describe('sample means and coefficients of variation', () => {
  const cases: [string, Dist, number, number, number][] = [
    // name, dist, mean, cv, cv tolerance (relative)
    ['exponential', { dist: 'exponential', mean: 0.02 }, 0.02, 1, 0.01],
    ['uniform', { dist: 'uniform', min: 0.01, max: 0.03 }, 0.02, 0.01 / Math.sqrt(3) / 0.02, 0.01],
    ['erlang-3', { dist: 'erlang', mean: 0.05, k: 3 }, 0.05, 1 / Math.sqrt(3), 0.01],
    ['erlang-1 is exponential', { dist: 'erlang', mean: 0.05, k: 1 }, 0.05, 1, 0.01],
    ['lognormal cv 0.5', { dist: 'lognormal', mean: 0.1, cv: 0.5 }, 0.1, 0.5, 0.015],
    ['lognormal cv 1.5', { dist: 'lognormal', mean: 0.1, cv: 1.5 }, 0.1, 1.5, 0.05],
    ['hyperexponential cv 2', { dist: 'hyperexponential', mean: 0.01, cv: 2 }, 0.01, 2, 0.03],
    ['hyperexponential cv 4', { dist: 'hyperexponential', mean: 0.01, cv: 4 }, 0.01, 4, 0.04],
  ];
  it.each(cases)('%s', (_name, d, mean, cv, cvTolerance) => {
    const m = moments(draw(d, n));
    expect(Math.abs(m.mean - mean), `mean ${m.mean}`).toBeLessThan((5 * cv * mean) / Math.sqrt(n));
    expect(Math.abs(m.cv - cv) / cv, `cv ${m.cv}`).toBeLessThan(cvTolerance);
    expect(compileDist(d).mean).toBeCloseTo(mean, 12);
  });
});

describe('shapes', () => {
  it('exponential: P(X > mean) = 1/e', () => {
    const xs = draw({ dist: 'exponential', mean: 2 }, n);
    const above = xs.filter((x) => x > 2).length / n;
    // Binomial sd √(p(1−p)/n) = 0.00076.
    expect(Math.abs(above - Math.exp(-1))).toBeLessThan(0.004);
  });

  it('lognormal: the median is mean / √(1 + cv²)', () => {
    const xs = draw({ dist: 'lognormal', mean: 1, cv: 1 }, n).sort();
    const median = xs[n / 2]!;
    expect(Math.abs(median / (1 / Math.SQRT2) - 1)).toBeLessThan(0.01);
  });

  it('balanced hyperexponential: both phases carry half the mean', () => {
    const d = compileDist({ dist: 'hyperexponential', mean: 1, cv: 3 });
    // p1/μ1 = p2/μ2 = mean/2, i.e. p·m1 = (1 − p)·m2 = 0.5 with phase means m1, m2.
    expect(d.p1 * d.p2).toBeCloseTo(0.5, 12);
    expect((1 - d.p1) * d.p3).toBeCloseTo(0.5, 12);
  });

  it('uniform stays inside [min, max], constant is constant', () => {
    expect(draw({ dist: 'uniform', min: 3, max: 4 }, 10_000).every((x) => x >= 3 && x <= 4)).toBe(true);
    expect(draw({ dist: 'constant', value: 0.25 }, 100).every((x) => x === 0.25)).toBe(true);
    expect(draw({ dist: 'exponential', mean: 0 }, 100).every((x) => x === 0)).toBe(true);
    expect(draw({ dist: 'erlang', mean: 0, k: 3 }, 100).every((x) => x === 0)).toBe(true);
  });

  it('empirical resamples the measured values uniformly', () => {
    const samples = [0.1, 0.2, 0.2, 0.7];
    const xs = draw({ dist: 'empirical', samples }, 100_000);
    expect(xs.every((x) => samples.includes(x))).toBe(true);
    const share = (v: number) => xs.filter((x) => x === v).length / xs.length;
    // Each slot 1/4 (sd 0.0014); 0.2 appears twice.
    expect(Math.abs(share(0.1) - 0.25)).toBeLessThan(0.008);
    expect(Math.abs(share(0.2) - 0.5)).toBeLessThan(0.008);
    expect(compileDist({ dist: 'empirical', samples }).mean).toBeCloseTo(0.3, 12);
  });

  it('every distribution is non-negative', () => {
    const all: Dist[] = [
      { dist: 'exponential', mean: 1 },
      { dist: 'uniform', min: 0, max: 1 },
      { dist: 'erlang', mean: 1, k: 5 },
      { dist: 'lognormal', mean: 1, cv: 3 },
      { dist: 'hyperexponential', mean: 1, cv: 5 },
    ];
    for (const d of all) expect(draw(d, 20_000).every((x) => x >= 0 && Number.isFinite(x)), d.dist).toBe(true);
  });
});

describe('per-class distributions', () => {
  it('byClass entries, then default, then the fallback', () => {
    const spec = { byClass: { a: { dist: 'constant', value: 1 } as Dist }, default: { dist: 'constant', value: 2 } as Dist };
    expect(compileDistByClass(spec, ['a', 'b'], { dist: 'constant', value: 0 }).map((d) => d.mean)).toEqual([1, 2]);
    expect(compileDistByClass({ byClass: { a: { dist: 'constant', value: 1 } } }, ['a', 'b'], { dist: 'constant', value: 0 }).map((d) => d.mean)).toEqual([1, 0]);
    expect(compileDistByClass(undefined, ['a'], { dist: 'constant', value: 0 }).map((d) => d.mean)).toEqual([0]);
  });
});

describe('the edges of each parameter', () => {
  const m = 100_000;
  // Erlang's cv is 1/√k; its mean is exact at any k. 1 and 500 are the validator's bounds; above them the sampler must still hold.
  it.each([1, 2, 33, 500, 650, 10_000, 1e6, 1e12])('erlang k = %d: the mean and cv of theory, never an infinite time', (k) => {
    const xs = draw({ dist: 'erlang', mean: 0.2, k }, m);
    const got = moments(xs);
    const cv = 1 / Math.sqrt(k);
    expect(xs.every((x) => Number.isFinite(x) && x > 0)).toBe(true);
    expect(Math.abs(got.mean - 0.2)).toBeLessThan((5 * cv * 0.2) / Math.sqrt(m));
    expect(Math.abs(got.cv - cv) / cv).toBeLessThan(0.03);
  });

  it('erlang at k = 32 and k = 33 (the two samplers) agree on mean and cv', () => {
    const a = moments(draw({ dist: 'erlang', mean: 1, k: 32 }, m));
    const b = moments(draw({ dist: 'erlang', mean: 1, k: 33 }, m));
    expect(Math.abs(a.mean - 1)).toBeLessThan(5 / Math.sqrt(32 * m));
    expect(Math.abs(b.mean - 1)).toBeLessThan(5 / Math.sqrt(33 * m));
    expect(Math.abs(a.cv - 1 / Math.sqrt(32)) * Math.sqrt(32)).toBeLessThan(0.02);
    expect(Math.abs(b.cv - 1 / Math.sqrt(33)) * Math.sqrt(33)).toBeLessThan(0.02);
  });

  it.each([1e-300, 1e-6, 1e3, 1e100, 1e200, 1e308, Number.MAX_VALUE])('lognormal cv = %d compiles to finite parameters and finite samples', (cv) => {
    const d = compileDist({ dist: 'lognormal', mean: 1, cv });
    expect(Number.isFinite(d.p1) && Number.isFinite(d.p2)).toBe(true);
    // ln(1 + cv²), computed without overflow.
    expect(d.p2 * d.p2).toBeCloseTo(cv < 1e150 ? Math.log1p(cv * cv) : 2 * Math.log(cv), 6);
    expect(draw({ dist: 'lognormal', mean: 1, cv }, 1000).every((x) => Number.isFinite(x) && x >= 0)).toBe(true);
  });

  it('lognormal with a tiny cv is the constant mean', () => {
    expect(draw({ dist: 'lognormal', mean: 3, cv: 1e-9 }, 1000).every((x) => Math.abs(x - 3) < 1e-6)).toBe(true);
  });

  it.each([1 + 1e-12, 1.5, 10, 1e4, 1e8, 1e100, 1e200, 1e308])('hyperexponential cv = %d: weights add up to 1, both phases carry half the mean, no NaN', (cv) => {
    const d = compileDist({ dist: 'hyperexponential', mean: 2, cv });
    expect([d.p1, d.p2, d.p3].every(Number.isFinite)).toBe(true);
    expect(d.p1 * d.p2).toBeCloseTo(1, 9);
    if (d.p1 < 1) expect((1 - d.p1) * d.p3).toBeCloseTo(1, 3);
    expect(draw({ dist: 'hyperexponential', mean: 2, cv }, 1000).every((x) => Number.isFinite(x) && x >= 0)).toBe(true);
  });

  it('hyperexponential cv = 10: the mean and cv of theory', () => {
    const xs = draw({ dist: 'hyperexponential', mean: 1, cv: 10 }, 2_000_000);
    const got = moments(xs);
    expect(Math.abs(got.mean - 1)).toBeLessThan((5 * 10) / Math.sqrt(2_000_000));
    expect(Math.abs(got.cv - 10) / 10).toBeLessThan(0.15);
  });

  it('uniform and empirical near the largest double keep a finite mean', () => {
    expect(compileDist({ dist: 'uniform', min: 1e308, max: 1.7e308 }).mean).toBeCloseTo(1.35e308, -300);
    expect(compileDist({ dist: 'empirical', samples: [1.7e308, 1.7e308, 1.5e308] }).mean).toBeCloseTo(1.6333e308, -304);
  });
});
