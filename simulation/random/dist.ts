/**
 * Distributions compiled to flat numeric records, sampled by one switch.
 *
 * The event loop samples millions of times per second, so a distribution is a small
 * monomorphic object with precomputed parameters rather than a closure per spec.
 */
import type { Dist, DistSpec } from '../model/schema';
import { exp, log } from './exactMath';
import type { Rng } from './rng';

export const enum DistKind {
  Constant = 0,
  Exponential = 1,
  Uniform = 2,
  Erlang = 3,
  Lognormal = 4,
  Hyperexponential = 5,
  Empirical = 6,
}

export interface CompiledDist {
  kind: DistKind;
  mean: number;
  /** kind-specific parameters */
  p1: number;
  p2: number;
  p3: number;
  samples: Float64Array | null;
}

export function compileDist(d: Dist): CompiledDist {
  switch (d.dist) {
    case 'constant':
      return { kind: DistKind.Constant, mean: d.value, p1: d.value, p2: 0, p3: 0, samples: null };
    case 'exponential':
      return { kind: d.mean === 0 ? DistKind.Constant : DistKind.Exponential, mean: d.mean, p1: d.mean, p2: 0, p3: 0, samples: null };
    case 'uniform':
      return { kind: DistKind.Uniform, mean: d.min / 2 + d.max / 2, p1: d.min, p2: d.max - d.min, p3: 0, samples: null };
    case 'erlang':
      return { kind: d.mean === 0 ? DistKind.Constant : DistKind.Erlang, mean: d.mean, p1: d.mean / d.k, p2: d.k, p3: 0, samples: null };
    case 'lognormal': {
      const sigma2 = lognormalSigma2(d.cv);
      return { kind: DistKind.Lognormal, mean: d.mean, p1: log(d.mean) - sigma2 / 2, p2: Math.sqrt(sigma2), p3: 0, samples: null };
    }
    case 'hyperexponential': {
      // Balanced means: p1/mu1 = p2/mu2, which fixes the two phases from mean and cv.
      const { p, q } = hyperexponentialPhases(d.cv);
      return { kind: DistKind.Hyperexponential, mean: d.mean, p1: p, p2: d.mean / (2 * p), p3: p === 1 ? 0 : d.mean / 2 / q, samples: null };
    }
    case 'empirical': {
      const samples = Float64Array.from(d.samples);
      // A running mean, since a sum of samples near 1e308 overflows.
      let mean = 0;
      for (let i = 0; i < samples.length; i++) mean += ((samples[i] as number) - mean) / (i + 1);
      return { kind: DistKind.Empirical, mean, p1: samples.length, p2: 0, p3: 0, samples };
    }
  }
}

/**
 * One draw. The two commonest kinds are answered here, in a function small enough
 * for V8 to inline at every call site (an inlined double is never boxed); the rest
 * go through the full switch.
 */
export function sample(d: CompiledDist, rng: Rng): number {
  if (d.kind === DistKind.Exponential) return -d.p1 * log(rng.nextOpen());
  if (d.kind === DistKind.Constant) return d.p1;
  return sampleOther(d, rng);
}

function sampleOther(d: CompiledDist, rng: Rng): number {
  switch (d.kind) {
    case DistKind.Constant:
      return d.p1;
    case DistKind.Exponential:
      return -d.p1 * log(rng.nextOpen());
    case DistKind.Uniform:
      return d.p1 + d.p2 * rng.next();
    case DistKind.Erlang: {
      // A product of k uniforms is exact and cheap for small k but underflows to 0 (an
      // infinite time) once k passes about 620, so larger shapes draw a gamma variate.
      if (d.p2 > erlangProductMaxK) return d.p1 * gammaVariate(d.p2, rng);
      let product = 1;
      for (let i = 0; i < d.p2; i++) product *= rng.nextOpen();
      return -d.p1 * log(product);
    }
    case DistKind.Lognormal:
      return exp(d.p1 + d.p2 * standardNormal(rng));
    case DistKind.Hyperexponential:
      return -(rng.next() < d.p1 ? d.p2 : d.p3) * log(rng.nextOpen());
    case DistKind.Empirical:
      return (d.samples as Float64Array)[Math.floor(rng.next() * d.p1)] as number;
  }
}

/** Above this shape an Erlang sample is one gamma variate rather than a product of k uniforms. */
const erlangProductMaxK = 32;

/**
 * Gamma(shape, 1) for shape >= 1 (Marsaglia and Tsang, 2000): constant expected cost
 * (fewer than 1.05 tries on average) for any shape, and no underflow.
 */
function gammaVariate(shape: number, rng: Rng): number {
  const dd = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * dd);
  for (;;) {
    const x = standardNormal(rng);
    const t = 1 + c * x;
    if (t <= 0) continue;
    const v = t * t * t;
    const u = rng.nextOpen();
    if (u < 1 - 0.0331 * x * x * x * x || log(u) < 0.5 * x * x + dd * (1 - v + log(v))) return dd * v;
  }
}

/** ln(1 + cv²) without squaring cv when the square would overflow (above 1e150, ln(1 + 1/cv²) is 1/cv² to the last bit). */
export function lognormalSigma2(cv: number): number {
  return cv < 1e150 ? log(1 + cv * cv) : 2 * log(cv) + 1 / (cv * cv);
}

/**
 * The balanced two-phase weights (p + q = 1) for a coefficient of variation cv > 1,
 * with q computed directly: as 1 - p it rounds to 0 for cv above about 1e8, and
 * cv² overflows above about 1e154.
 */
export function hyperexponentialPhases(cv: number): { p: number; q: number } {
  if (cv >= 1e150) return { p: 1, q: 0.5 / (cv * cv) };
  const c2 = cv * cv;
  const r = Math.sqrt((c2 - 1) / (c2 + 1));
  return { p: 0.5 * (1 + r), q: 1 / ((c2 + 1) * (1 + r)) };
}

/**
 * Marsaglia's polar method rather than Box–Muller: it needs no sine or cosine, whose last bit
 * differs between JavaScript engines (recent V8 takes them from libm, older from fdlibm), so a
 * scenario gives the same bytes in the CLI's Node and in the app's Chromium. Log and square root
 * are the same everywhere.
 */
function standardNormal(rng: Rng): number {
  const spare = rng.spareNormal;
  if (spare === spare) {
    rng.spareNormal = NaN;
    return spare;
  }
  let u: number;
  let v: number;
  let s: number;
  do {
    u = 2 * rng.next() - 1;
    v = 2 * rng.next() - 1;
    s = u * u + v * v;
  } while (s >= 1 || s === 0);
  const scale = Math.sqrt((-2 * log(s)) / s);
  rng.spareNormal = v * scale;
  return u * scale;
}

/**
 * One compiled distribution per class index for a spec that may be per-class.
 * A class with neither its own entry nor a default gets `fallback` (usually 0 work).
 */
export function compileDistByClass(spec: DistSpec | undefined, classIds: readonly string[], fallback: Dist): CompiledDist[] {
  if (spec === undefined) return classIds.map(() => compileDist(fallback));
  if ('byClass' in spec) {
    return classIds.map((id) => compileDist((Object.hasOwn(spec.byClass, id) ? spec.byClass[id] : undefined) ?? spec.default ?? fallback));
  }
  const compiled = compileDist(spec);
  return classIds.map(() => compiled);
}
