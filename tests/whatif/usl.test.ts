/**
 * The Universal Scalability Law fit, C(N) = λN / (1 + σ(N−1) + κN(N−1)).
 *
 * N/C(N) = (1 + σ(N−1) + κN(N−1)) / λ is linear in [1, N−1, N(N−1)], so on curves
 * built exactly from the law the least-squares fit has zero residual and must return
 * the generating (λ, σ, κ) up to rounding. The noisy cases add Gaussian noise to
 * N/C — the regression's own error model — so the 95% intervals are exact t intervals
 * for the linear coefficients and, by the delta method, close to 95% for σ = b/a and
 * κ = c/a when the noise is small next to a.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { studentTQuantile } from '../../simulation/stats/studentT';
import { fitUsl, uslCapacity } from '../../simulation/whatif/usl';
import { rng } from './helpers';

const usl = (lambda: number, sigma: number, kappa: number) => (n: number) => (lambda * n) / (1 + sigma * (n - 1) + kappa * n * (n - 1));
const ns = [1, 2, 4, 8, 16, 32];

function relClose(actual: number, expected: number, rel: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.max(Math.abs(expected), 1e-300));
}

describe('fitUsl on exact curves', () => {
  const cases: [number, number, number][] = [
    [310, 0.03, 0.0004],
    [1000, 0.1, 0.002],
    [50, 0.5, 0.01],
    [120, 0.05, 0], // κ = 0: no coherency cost, no peak
    [200, 0, 0.001], // σ = 0: coherency only
    [75, 0, 0], // linear scaling
  ];

  it.each(cases)('recovers λ=%d σ=%d κ=%d', (lambda, sigma, kappa) => {
    const c = ns.map(usl(lambda, sigma, kappa));
    const fit = fitUsl(ns, c)!;
    expect(fit).not.toBeNull();
    relClose(fit.lambda, lambda, 1e-9);
    // A zero parameter is recovered as 0 (held at 0 if rounding made it a hair negative).
    if (sigma === 0) expect(Math.abs(fit.sigma)).toBeLessThan(1e-12);
    else relClose(fit.sigma, sigma, 1e-9);
    if (kappa === 0) expect(Math.abs(fit.kappa)).toBeLessThan(1e-14);
    else relClose(fit.kappa, kappa, 1e-9);
    expect(fit.sigma).toBeGreaterThanOrEqual(0);
    expect(fit.kappa).toBeGreaterThanOrEqual(0);
    // dC/dN = 0 at N² = (1 − σ)/κ.
    if (kappa > 0) relClose(fit.peak!, Math.sqrt((1 - sigma) / kappa), 1e-8);
    else if (fit.kappa === 0) expect(fit.peak).toBeNull();
    // The fitted curve reproduces the data.
    for (const n of ns) relClose(uslCapacity(fit, n), usl(lambda, sigma, kappa)(n), 1e-9);
  });

  it('the spec example: peak is sqrt((1−σ)/κ) and the curve turns down there', () => {
    const f = usl(310, 0.03, 0.0004);
    const fit = fitUsl([1, 2, 4, 8, 16, 64, 128], [1, 2, 4, 8, 16, 64, 128].map(f))!;
    const peak = Math.sqrt(0.97 / 0.0004); // 49.24…
    relClose(fit.peak!, peak, 1e-8);
    expect(uslCapacity(fit, peak)).toBeGreaterThan(uslCapacity(fit, peak - 1));
    expect(uslCapacity(fit, peak)).toBeGreaterThan(uslCapacity(fit, peak + 1));
  });

  it('property: any λ > 0, σ ∈ [0, 0.9], κ ∈ [0, 0.05] is recovered from five or more points', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1e5, noNaN: true }),
        fc.double({ min: 0.001, max: 0.9, noNaN: true }),
        fc.double({ min: 1e-5, max: 0.05, noNaN: true }),
        fc.uniqueArray(fc.integer({ min: 1, max: 64 }), { minLength: 5, maxLength: 10 }),
        (lambda, sigma, kappa, points) => {
          const fit = fitUsl(points, points.map(usl(lambda, sigma, kappa)))!;
          // Conditioning: N(N−1) up to 4032 next to 1: still well inside 1e-6.
          relClose(fit.lambda, lambda, 1e-6);
          relClose(fit.sigma, sigma, 1e-6);
          relClose(fit.kappa, kappa, 1e-6);
        },
      ),
      { seed: 20240611, numRuns: 200 },
    );
  });

  it('with as many parameters as points there is no residual and no interval', () => {
    const pts = [1, 2, 4];
    const fit = fitUsl(pts, pts.map(usl(100, 0.1, 0.01)))!;
    relClose(fit.sigma, 0.1, 1e-9);
    relClose(fit.kappa, 0.01, 1e-9);
    expect(fit.sigmaCi).toBeNull();
    expect(fit.kappaCi).toBeNull();
  });

  it('needs two usable points; zero capacities and N ≤ 0 are ignored', () => {
    expect(fitUsl([1], [100])).toBeNull();
    expect(fitUsl([1, 2], [100, 0])).toBeNull();
    expect(fitUsl([0, 1], [5, 100])).toBeNull();
    // Two points, linear data: λ exact, no contention.
    const fit = fitUsl([0, 1, 2, 3], [7, 100, 200, 0])!;
    relClose(fit.lambda, 100, 1e-12);
    expect(fit.sigma).toBe(0);
    expect(fit.kappa).toBe(0);
  });
});

describe('fitUsl with noise', () => {
  // y = N/C = (1 + σ(N−1) + κN(N−1))/λ + e, e ~ N(0, s²): exactly the regression's
  // model. s = 2% of 1/λ keeps σ and κ many standard errors above 0 (so they are
  // never clamped) and the delta method accurate; nominal coverage is 95%, and with
  // 50 trials P(≤ 40 covered | p = 0.95) ≈ 0.0002 (binomial), so ≥ 80% is a safe
  // floor that still catches intervals that are far too narrow (e.g. missing the t
  // quantile, or a wrong variance, would give coverage well under 80%).
  const lambda = 100;
  const sigma = 0.05;
  const kappa = 0.002;
  const pts = [1, 2, 3, 4, 6, 8, 12, 16];
  const s = 0.02 / lambda;

  function trial(seed: number) {
    const g = rng(seed);
    const c = pts.map((n) => n / ((1 + sigma * (n - 1) + kappa * n * (n - 1)) / lambda + s * g.normal()));
    return fitUsl(pts, c, 0.95)!;
  }

  it('95% intervals for σ and κ contain the true values in at least 80% of 50 seeded trials', () => {
    let sigmaIn = 0;
    let kappaIn = 0;
    for (let seed = 1; seed <= 50; seed++) {
      const fit = trial(seed);
      expect(fit.sigmaCi).not.toBeNull();
      expect(fit.kappaCi).not.toBeNull();
      if (fit.sigmaCi![0] <= sigma && sigma <= fit.sigmaCi![1]) sigmaIn++;
      if (fit.kappaCi![0] <= kappa && kappa <= fit.kappaCi![1]) kappaIn++;
    }
    expect(sigmaIn).toBeGreaterThanOrEqual(40);
    expect(kappaIn).toBeGreaterThanOrEqual(40);
  });

  it('interval widths match the delta-method standard error (not too wide, not too narrow)', () => {
    // True covariance of the coefficients (a, b, c) = s² (XᵀX)⁻¹; by the delta method
    // Var(κ̂) = Var(c)/a² + c²Var(a)/a⁴ − 2c Cov(a, c)/a³ (and likewise σ̂ with b).
    // The fit estimates s from the residuals (5 dof), so single half-widths scatter
    // around t × se by the factor ŝ/s ~ χ₅/√5 (5%–95% range 0.48–1.49); the median
    // over 50 trials is within 0.75–1.25 of it with overwhelming probability (the
    // median of χ₅/√5 is 0.93). An interval missing the t quantile, or a variance not
    // divided by the dof, would land outside (factors 2.57 and √5 = 2.24).
    const rows = pts.map((n) => [1, n - 1, n * (n - 1)]);
    const xtx = [0, 1, 2].map((i) => [0, 1, 2].map((j) => rows.reduce((acc, r) => acc + r[i]! * r[j]!, 0)));
    const inv = invert3(xtx);
    const a = 1 / lambda;
    const se = (k: 1 | 2, coef: number) => s * Math.sqrt(inv[k]![k]! / a ** 2 + (coef ** 2 * inv[0]![0]!) / a ** 4 - (2 * coef * inv[0]![k]!) / a ** 3);
    const t = studentTQuantile(0.975, pts.length - 3);
    const expectedSigmaHalf = t * se(1, sigma / lambda);
    const expectedKappaHalf = t * se(2, kappa / lambda);
    const sigmaRatios: number[] = [];
    const kappaRatios: number[] = [];
    for (let seed = 1; seed <= 50; seed++) {
      const fit = trial(seed);
      const [slo, shi] = fit.sigmaCi!;
      const [klo, khi] = fit.kappaCi!;
      expect(slo).toBeGreaterThan(0); // far from 0: never clamped, so symmetric
      relClose(fit.kappa - klo, khi - fit.kappa, 1e-9);
      sigmaRatios.push((shi - slo) / 2 / expectedSigmaHalf);
      kappaRatios.push((khi - klo) / 2 / expectedKappaHalf);
    }
    const median = (v: number[]) => [...v].sort((p, q) => p - q)[Math.floor(v.length / 2)]!;
    expect(median(sigmaRatios)).toBeGreaterThan(0.75);
    expect(median(sigmaRatios)).toBeLessThan(1.25);
    expect(median(kappaRatios)).toBeGreaterThan(0.75);
    expect(median(kappaRatios)).toBeLessThan(1.25);
  });
});

function invert3(m: number[][]): number[][] {
  const [[a, b, c], [d, e, f], [g, h, i]] = m as [[number, number, number], [number, number, number], [number, number, number]];
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  return [
    [A / det, -(b * i - c * h) / det, (b * f - c * e) / det],
    [B / det, (a * i - c * g) / det, -(a * f - c * d) / det],
    [C / det, -(a * h - b * g) / det, (a * e - b * d) / det],
  ];
}

describe('fitUsl clamps negative parameters to 0', () => {
  it('superlinear data (σ < 0, κ = 0) gives σ = κ = 0 and λ = 1/mean(N/C)', () => {
    const pts = [1, 2, 4, 8];
    const c = pts.map(usl(100, -0.05, 0));
    const fit = fitUsl(pts, c)!;
    expect(fit.sigma).toBe(0);
    expect(fit.kappa).toBe(0);
    expect(fit.peak).toBeNull();
    // With both held at 0 the model is N/C = 1/λ: least squares gives the mean.
    const meanY = pts.reduce((sum, n, i) => sum + n / c[i]!, 0) / pts.length;
    relClose(fit.lambda, 1 / meanY, 1e-12);
  });

  it('data with κ < 0 (capacity curving up) gives κ = 0 and the σ-only least-squares fit', () => {
    const pts = [1, 2, 4, 8];
    const c = pts.map(usl(100, 0.2, -0.004));
    const fit = fitUsl(pts, c)!;
    expect(fit.kappa).toBe(0);
    expect(fit.kappaCi).toBeNull();
    expect(fit.peak).toBeNull();
    // Simple linear regression of y = N/C on x = N − 1, by hand.
    const xs = pts.map((n) => n - 1);
    const ys = pts.map((n, i) => n / c[i]!);
    const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
    const my = ys.reduce((a, b) => a + b, 0) / ys.length;
    const b = xs.reduce((acc, xv, i) => acc + (xv - mx) * (ys[i]! - my), 0) / xs.reduce((acc, xv) => acc + (xv - mx) ** 2, 0);
    const a = my - b * mx;
    expect(b).toBeGreaterThan(0);
    relClose(fit.lambda, 1 / a, 1e-9);
    relClose(fit.sigma, b / a, 1e-9);
  });

  it('data needing σ < 0 but κ > 0 keep κ and the peak (σ held at 0, not κ)', () => {
    // N/C = 1 − 0.05(N−1) + 0.01·N(N−1): capacity 1, 2.06, 4.12, 6.61, 6.04 at
    // N = 1, 2, 4, 8, 16 — it turns down. Holding the negative σ at 0 leaves the least
    // squares of y = N/C on [1, N(N−1)]; the σ-only line would have a larger residual
    // and no peak.
    const pts = [1, 2, 4, 8, 16];
    const c = pts.map((n) => n / (1 - 0.05 * (n - 1) + 0.01 * n * (n - 1)));
    const fit = fitUsl(pts, c)!;
    const ys = pts.map((n, i) => n / c[i]!);
    const zs = pts.map((n) => n * (n - 1));
    const mz = zs.reduce((a, b) => a + b) / zs.length;
    const my = ys.reduce((a, b) => a + b) / ys.length;
    const cc = zs.reduce((acc, z, i) => acc + (z - mz) * (ys[i]! - my), 0) / zs.reduce((acc, z) => acc + (z - mz) ** 2, 0);
    const a = my - cc * mz;
    expect(fit.sigma).toBe(0);
    expect(fit.sigmaCi).toBeNull();
    relClose(fit.lambda, 1 / a, 1e-9);
    relClose(fit.kappa, cc / a, 1e-9);
    relClose(fit.peak!, Math.sqrt(1 / (cc / a)), 1e-9);
  });

  it('never returns a negative σ, κ or interval end (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 40 }), { minLength: 4, maxLength: 8 }),
        fc.array(fc.double({ min: 1, max: 1000, noNaN: true }), { minLength: 8, maxLength: 8 }),
        (points, caps) => {
          const fit = fitUsl(points, caps.slice(0, points.length));
          if (!fit) return;
          expect(fit.sigma).toBeGreaterThanOrEqual(0);
          expect(fit.kappa).toBeGreaterThanOrEqual(0);
          expect(fit.lambda).toBeGreaterThan(0);
          for (const ci of [fit.sigmaCi, fit.kappaCi]) if (ci) expect(ci[0]).toBeGreaterThanOrEqual(0);
        },
      ),
      { seed: 7, numRuns: 300 },
    );
  });
});
