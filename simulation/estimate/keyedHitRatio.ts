/**
 * The hit ratio a keyed cache (`keys`, `ttl`, `maxKeys`) settles at under a given lookup
 * rate, for the instant estimate. Lookups are taken as independent draws from the
 * popularity law at a steady rate (the independent reference model), and a miss's load
 * as instant, so the figure is what the simulation approaches when loads are short
 * beside the ttl and the time between lookups of a key:
 *
 * - `ttl` T alone: a key with lookup rate λ is loaded by a miss, then hit for T s, so it
 *   hits λT ÷ (1 + λT) of its lookups (a renewal cycle: one miss, then λT hits on average).
 * - `maxKeys` C alone (LRU): the Che approximation. A key stays while it is looked up
 *   again within the characteristic time T_C, so it hits 1 − e^(−λ T_C), with T_C
 *   solving Σ (1 − e^(−λᵢ T_C)) = C over the keys; within 1–2 % of exact LRU for Zipf laws.
 * - Both: each key hits the smaller of the two, with T_C solving the same sum of the
 *   smaller shares (a key present by the LRU's reckoning may have expired already).
 * - Neither: every key, once loaded, stays: 1 in the steady state.
 *
 * Sums over millions of keys are cut to O(log n) terms: the first `exactRanks` ranks one
 * by one, the rest in geometric bands of ratio `bandRatio` whose keys share one
 * popularity, the integral of k^−s over the band divided by its width.
 */
import { exp, log } from '../random/exactMath';

export interface KeySpace {
  count: number;
  /** Zipf exponent; 0: uniform. */
  zipf: number;
  ttl: number;
  maxKeys: number;
}

const exactRanks = 2000;
const bandRatio = 1.01;

/** Bands of ranks (first rank, keys in it, each one's share of lookups), built once per estimate. */
interface Bands {
  keys: Float64Array;
  share: Float64Array;
}

/** ∫ x^−s dx over [a, b]. */
function powerIntegral(a: number, b: number, s: number): number {
  if (Math.abs(s - 1) < 1e-12) return log(b) - log(a);
  return (exp((1 - s) * log(b)) - exp((1 - s) * log(a))) / (1 - s);
}

function bandsOf(count: number, s: number): Bands {
  const keys: number[] = [];
  const weight: number[] = [];
  const top = Math.min(count, exactRanks);
  for (let k = 1; k <= top; k++) {
    keys.push(1);
    weight.push(exp(-s * log(k)));
  }
  let a = top + 1;
  while (a <= count) {
    const b = Math.min(count, Math.max(a, Math.floor(a * bandRatio)));
    const m = b - a + 1;
    keys.push(m);
    // The band's ranks a…b stand for [a − ½, b + ½]: the mean of k^−s over it.
    weight.push(powerIntegral(a - 0.5, b + 0.5, s) / m);
    a = b + 1;
  }
  let total = 0;
  for (let i = 0; i < keys.length; i++) total += keys[i]! * weight[i]!;
  return { keys: Float64Array.from(keys), share: Float64Array.from(weight, (w) => w / total) };
}

/** A key's hit share under ttl T at lookup rate λ: λT ÷ (1 + λT). */
export function ttlHitShare(lambda: number, ttl: number): number {
  if (ttl === Infinity) return lambda > 0 ? 1 : 0;
  return (lambda * ttl) / (1 + lambda * ttl);
}

/**
 * The Che characteristic time: T with Σ mᵢ · share(λ pᵢ, T) = C, by bisection on a
 * logarithmic scale (the sum grows with T from 0 towards the key count).
 */
function characteristicTime(b: Bands, rate: number, capacity: number, ttl: number): number {
  const occupancy = (t: number) => {
    let sum = 0;
    for (let i = 0; i < b.keys.length; i++) {
      const lambda = rate * b.share[i]!;
      sum += b.keys[i]! * Math.min(1 - exp(-lambda * t), ttlHitShare(lambda, ttl));
    }
    return sum;
  };
  let lo = 1e-12;
  let hi = 1;
  while (occupancy(hi) < capacity && hi < 1e15) hi *= 4;
  if (occupancy(hi) < capacity) return Infinity;
  for (let i = 0; i < 100 && hi / lo > 1 + 1e-10; i++) {
    const mid = Math.sqrt(lo * hi);
    if (occupancy(mid) < capacity) lo = mid;
    else hi = mid;
  }
  return Math.sqrt(lo * hi);
}

/** The steady hit ratio of a keyed cache looked up `rate` times per second (see the module's note). */
export function keyedHitRatio(k: KeySpace, rate: number): number {
  if (!(rate > 0)) return 0;
  const b: Bands = k.zipf > 0 ? bandsOf(k.count, k.zipf) : { keys: Float64Array.of(k.count), share: Float64Array.of(1 / k.count) };
  const lru = k.maxKeys < k.count;
  const tc = lru ? characteristicTime(b, rate, k.maxKeys, k.ttl) : Infinity;
  let hit = 0;
  for (let i = 0; i < b.keys.length; i++) {
    const p = b.share[i]!;
    const lambda = rate * p;
    const byTtl = ttlHitShare(lambda, k.ttl);
    hit += b.keys[i]! * p * (tc === Infinity ? byTtl : Math.min(1 - exp(-lambda * tc), byTtl));
  }
  return Math.min(1, Math.max(0, hit));
}
