/**
 * Universal Scalability Law fit: C(N) = λN / (1 + σ(N−1) + κN(N−1)).
 *
 * N/C(N) is linear in (1/λ, σ/λ, κ/λ), so the fit is ordinary least squares on
 * regressors [1, N−1, N(N−1)], with σ and κ held at 0 when the data would make them
 * negative (a contention or coherency cost below zero means "none measurable"). The
 * intervals come from the regression's covariance by the delta method; with as many
 * parameters as points there is no residual, and no interval.
 */
import { studentTQuantile } from '../stats/studentT';
import { uslFactor, uslPeak } from '../stats/uslLaw';
import { solve } from '../stats/solve';

/** x², by multiplication: `**` is not pinned to the last bit across JavaScript engines (tests/architecture/sameBits). */
const square = (x: number) => x * x;

export interface UslFit {
  lambda: number;
  sigma: number;
  kappa: number;
  sigmaCi: [number, number] | null;
  kappaCi: [number, number] | null;
  /** N of highest capacity, or null when capacity never turns down (κ = 0). */
  peak: number | null;
}

function invert(a: number[][]): number[][] | null {
  const n = a.length;
  const columns: number[][] = [];
  for (let j = 0; j < n; j++) {
    const col = solve(a, Array.from({ length: n }, (_, i) => (i === j ? 1 : 0)));
    if (!col) return null;
    columns.push(col);
  }
  return Array.from({ length: n }, (_, i) => columns.map((c) => c[i]!));
}

interface Regression {
  coef: number[];
  covariance: number[][] | null;
  dof: number;
}

function regress(rows: number[][], y: number[]): Regression | null {
  const p = rows[0]!.length;
  const xtx = Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => rows.reduce((s, r) => s + r[i]! * r[j]!, 0)));
  const xty = Array.from({ length: p }, (_, i) => rows.reduce((s, r, k) => s + r[i]! * y[k]!, 0));
  const coef = solve(xtx, xty);
  if (!coef) return null;
  const dof = rows.length - p;
  let covariance: number[][] | null = null;
  if (dof > 0) {
    const rss = rows.reduce((s, r, k) => s + square(y[k]! - r.reduce((t, x, i) => t + x * coef[i]!, 0)), 0);
    const inv = invert(xtx);
    if (inv) covariance = inv.map((row) => row.map((v) => (v * rss) / dof));
  }
  return { coef, covariance, dof };
}

export function fitUsl(n: readonly number[], capacity: readonly number[], confidence = 0.95): UslFit | null {
  const pts = n.map((x, i) => [x, capacity[i]!] as const).filter(([x, c]) => x > 0 && c > 0);
  if (pts.length < 2) return null;
  const y = pts.map(([x, c]) => x / c);
  const variants: [boolean, boolean][] = [
    [true, true],
    [true, false],
    [false, true],
    [false, false],
  ];
  // Of the fits whose σ and κ come out non-negative, the one with the smallest residual:
  // data that would need σ < 0 still keeps its κ (and its peak), and vice versa. Among
  // fits that are as good (within rounding), the one with fewer parameters: two points
  // on a straight line are linear scaling, not a curve with a peak.
  const tolerance = 1e-12 * y.reduce((sum, v) => sum + v * v, 0);
  let best: { fit: UslFit; rss: number; parameters: number } | null = null;
  for (const [withSigma, withKappa] of variants) {
    const rows = pts.map(([x]) => [1, ...(withSigma ? [x - 1] : []), ...(withKappa ? [x * (x - 1)] : [])]);
    if (rows.length < rows[0]!.length) continue;
    const fit = regress(rows, y);
    if (!fit) continue;
    const a = fit.coef[0]!;
    const b = withSigma ? fit.coef[1]! : 0;
    const c = withKappa ? fit.coef[withSigma ? 2 : 1]! : 0;
    if (a <= 0 || b < 0 || c < 0) continue;
    const rss = rows.reduce((sum, r, k) => sum + square(y[k]! - r.reduce((t, x, i) => t + x * fit.coef[i]!, 0)), 0);
    const parameters = rows[0]!.length;
    if (best !== null && !(rss < best.rss - tolerance || (rss <= best.rss + tolerance && parameters < best.parameters))) continue;
    const sigma = b / a;
    const kappa = c / a;
    const interval = (index: number | null, value: number): [number, number] | null => {
      if (index === null || !fit.covariance) return null;
      const cov = fit.covariance;
      const coefficient = fit.coef[index]!;
      const variance = cov[index]![index]! / (a * a) + (coefficient * coefficient * cov[0]![0]!) / (a * a * a * a) - (2 * coefficient * cov[0]![index]!) / (a * a * a);
      const half = studentTQuantile(1 - (1 - confidence) / 2, fit.dof) * Math.sqrt(Math.max(0, variance));
      return [Math.max(0, value - half), value + half];
    };
    best = {
      rss,
      parameters,
      fit: {
        lambda: 1 / a,
        sigma,
        kappa,
        sigmaCi: withSigma ? interval(1, sigma) : null,
        kappaCi: withKappa ? interval(withSigma ? 2 : 1, kappa) : null,
        peak: uslPeak(sigma, kappa),
      },
    };
  }
  return best?.fit ?? null;
}

export function uslCapacity(fit: UslFit, n: number): number {
  return (fit.lambda * n) / uslFactor(fit.sigma, fit.kappa, n);
}
