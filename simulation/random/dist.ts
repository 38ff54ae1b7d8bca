/**
 * Distributions compiled to flat numeric records, sampled by one switch.
 *
 * The event loop samples millions of times per second, so a distribution is a small
 * monomorphic object with precomputed parameters rather than a closure per spec.
 */
import type { Dist, DistSpec } from '../model/schema';
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
      return { kind: DistKind.Uniform, mean: (d.min + d.max) / 2, p1: d.min, p2: d.max - d.min, p3: 0, samples: null };
    case 'erlang':
      return { kind: d.mean === 0 ? DistKind.Constant : DistKind.Erlang, mean: d.mean, p1: d.mean / d.k, p2: d.k, p3: 0, samples: null };
    case 'lognormal': {
      const sigma2 = Math.log(1 + d.cv * d.cv);
      return { kind: DistKind.Lognormal, mean: d.mean, p1: Math.log(d.mean) - sigma2 / 2, p2: Math.sqrt(sigma2), p3: 0, samples: null };
    }
    case 'hyperexponential': {
      // Balanced means: p1/mu1 = p2/mu2, which fixes the two phases from mean and cv.
      const c2 = d.cv * d.cv;
      const p = 0.5 * (1 + Math.sqrt((c2 - 1) / (c2 + 1)));
      return { kind: DistKind.Hyperexponential, mean: d.mean, p1: p, p2: d.mean / (2 * p), p3: d.mean / (2 * (1 - p)), samples: null };
    }
    case 'empirical': {
      const samples = Float64Array.from(d.samples);
      const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
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
  if (d.kind === DistKind.Exponential) return -d.p1 * Math.log(rng.nextOpen());
  if (d.kind === DistKind.Constant) return d.p1;
  return sampleOther(d, rng);
}

function sampleOther(d: CompiledDist, rng: Rng): number {
  switch (d.kind) {
    case DistKind.Constant:
      return d.p1;
    case DistKind.Exponential:
      return -d.p1 * Math.log(rng.nextOpen());
    case DistKind.Uniform:
      return d.p1 + d.p2 * rng.next();
    case DistKind.Erlang: {
      let product = 1;
      for (let i = 0; i < d.p2; i++) product *= rng.nextOpen();
      return -d.p1 * Math.log(product);
    }
    case DistKind.Lognormal:
      return Math.exp(d.p1 + d.p2 * standardNormal(rng));
    case DistKind.Hyperexponential:
      return -(rng.next() < d.p1 ? d.p2 : d.p3) * Math.log(rng.nextOpen());
    case DistKind.Empirical:
      return (d.samples as Float64Array)[Math.floor(rng.next() * d.p1)] as number;
  }
}

function standardNormal(rng: Rng): number {
  const spare = rng.spareNormal;
  if (spare === spare) {
    rng.spareNormal = NaN;
    return spare;
  }
  const r = Math.sqrt(-2 * Math.log(rng.nextOpen()));
  const theta = 2 * Math.PI * rng.next();
  rng.spareNormal = r * Math.sin(theta);
  return r * Math.cos(theta);
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
