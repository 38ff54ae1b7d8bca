/**
 * A cache's keys (`keys`, `ttl`, `maxKeys`, `singleFlight`): the hit ratio emerges from
 * the load instead of being a fixed number. Each lookup draws a key from the popularity
 * law; the key is present once a miss has loaded it (when the miss's downstream calls
 * answered OK) until `ttl` s after that load or until it is the least recently used of
 * more than `maxKeys` keys. One key space per cache node, shared by its replicas, as a
 * sharded cluster keeps each key in one place.
 *
 * Memory is typed arrays sized once, nothing per lookup: 8 bytes per key for the expiry
 * time, 8 more with `maxKeys` (the LRU list's two links), 4 more with `singleFlight` (the
 * head of the key's waiters), so at most 20 bytes per key — 10 million keys take 200 MB.
 * The Zipf law is drawn by rejection-inversion (Hörmann and Derflinger, 1996, as Apache
 * Commons RNG does it) in O(1) memory and O(1) expected time: no table per key.
 *
 * Choices the brief leaves open, stated once:
 * - A hit does not renew the key's ttl (Redis GET does not touch a key's expiry); a load does.
 * - A key that expired counts toward `maxKeys` until a lookup finds it expired or it
 *   reaches the LRU's tail, as Redis reclaims expired keys lazily.
 * - `flushKeys` empties the key space at once; a load already in flight still stores its
 *   key when it answers (the client writes what it read from the database), and its
 *   single-flight waiters still wait for it.
 * - With `singleFlight`, the waiters of a load share its outcome, as Go's
 *   singleflight.Do gives every caller the first one's result: if the load fails
 *   (rejected, timed out, failed), every waiter fails with the same cause and the key
 *   stays absent, so the next lookup starts a new load.
 */
import { exp, log } from '../random/exactMath';
import type { Rng } from '../random/rng';
import { heldOut, lostKey, shareThreshold, type KeyHold } from './partialFlush';

export interface CompiledKeys {
  count: number;
  /** The Zipf exponent s (P(key k) ∝ k^−s, k = 1 the most popular); 0: uniform. */
  zipf: number;
  /** Seconds a loaded key stays; Infinity: until evicted. */
  ttl: number;
  /** Most keys kept (LRU beyond); Infinity: no eviction. */
  maxKeys: number;
  singleFlight: boolean;
}

/** Bytes of typed arrays per key for these options (README: "bytes per key"). */
export function bytesPerKey(k: Pick<CompiledKeys, 'maxKeys' | 'singleFlight'>): number {
  return 8 + (k.maxKeys !== Infinity ? 8 : 0) + (k.singleFlight ? 4 : 0);
}

/** ln(1 + x) accurate for small x (Goldberg's correction, from `log` alone). */
function log1p(x: number): number {
  const u = 1 + x;
  return u === 1 ? x : (log(u) * x) / (u - 1);
}

/** e^x − 1 accurate for small x (Kahan's correction, from `exp` and `log`). */
function expm1(x: number): number {
  const u = exp(x);
  if (u === 1) return x;
  const um1 = u - 1;
  return um1 === -1 ? -1 : (um1 * x) / log(u);
}

/** log1p(x) ÷ x, continuous at 0. */
function helper1(x: number): number {
  return Math.abs(x) > 1e-8 ? log1p(x) / x : 1 - x * (0.5 - x * (1 / 3 - 0.25 * x));
}

/** (e^x − 1) ÷ x, continuous at 0. */
function helper2(x: number): number {
  return Math.abs(x) > 1e-8 ? expm1(x) / x : 1 + x * 0.5 * (1 + (x / 3) * (1 + 0.25 * x));
}

/**
 * Zipf on {1, …, n} with exponent s > 0 by rejection-inversion: inverts the integral H of
 * h(x) = x^−s over [1.5 − 1, n + 0.5] and accepts k = round(x) when the draw falls under
 * h(k); the acceptance rate is above 90 % for every s, so a draw takes about one loop.
 */
export class ZipfSampler {
  private readonly hX1: number;
  private readonly hN: number;
  private readonly squeeze: number;

  constructor(
    private readonly n: number,
    private readonly s: number,
  ) {
    this.hX1 = this.hIntegral(1.5) - 1;
    this.hN = this.hIntegral(n + 0.5);
    this.squeeze = 2 - this.hIntegralInverse(this.hIntegral(2.5) - this.h(2));
  }

  /** A key in [0, n): rank − 1. */
  next(rng: Rng): number {
    for (;;) {
      const u = this.hN + rng.next() * (this.hX1 - this.hN);
      const x = this.hIntegralInverse(u);
      let k = Math.floor(x + 0.5);
      if (k < 1) k = 1;
      else if (k > this.n) k = this.n;
      if (k - x <= this.squeeze || u >= this.hIntegral(k + 0.5) - this.h(k)) return k - 1;
    }
  }

  private hIntegral(x: number): number {
    const logX = log(x);
    return helper2((1 - this.s) * logX) * logX;
  }

  private h(x: number): number {
    return exp(-this.s * log(x));
  }

  private hIntegralInverse(x: number): number {
    let t = x * (1 - this.s);
    if (t < -1) t = -1;
    return exp(helper1(t) * x);
  }
}

/** No load of the key is in flight (single flight); −1 is a load in flight with no waiter; ≥ 0 the first waiter. */
const NO_LOAD = -2;

export class KeyedCache {
  readonly count: number;
  readonly singleFlight: boolean;
  private readonly ttl: number;
  private readonly maxKeys: number;
  private readonly zipf: ZipfSampler | null;
  /** When each key expires; 0: absent (a load at t ≥ 0 with ttl > 0 always stores more). */
  private readonly expires: Float64Array;
  /** LRU list, most recent at the head; null without maxKeys. */
  private readonly prev: Int32Array | null;
  private readonly nextKey: Int32Array | null;
  private head = -1;
  private tail = -1;
  /** Keys in the LRU list (stored, expired ones not yet dropped included). */
  size = 0;
  /** Per key: NO_LOAD, −1 (a load in flight), or the first waiter, chained through the engine's `vNext`. */
  private readonly waiters: Int32Array | null;
  /** Lasting flushes (`for`) whose lost keys are not stored yet (partialFlush.ts). */
  private readonly holds: KeyHold[] = [];

  constructor(k: CompiledKeys) {
    this.count = k.count;
    this.singleFlight = k.singleFlight;
    this.ttl = k.ttl;
    this.maxKeys = k.maxKeys;
    this.zipf = k.zipf > 0 ? new ZipfSampler(k.count, k.zipf) : null;
    this.expires = new Float64Array(k.count);
    const lru = k.maxKeys !== Infinity;
    this.prev = lru ? new Int32Array(k.count) : null;
    this.nextKey = lru ? new Int32Array(k.count) : null;
    this.waiters = k.singleFlight ? new Int32Array(k.count).fill(NO_LOAD) : null;
  }

  /** The key of one lookup, drawn from the popularity law. */
  draw(rng: Rng): number {
    if (this.zipf !== null) return this.zipf.next(rng);
    const k = Math.floor(rng.next() * this.count);
    return k < this.count ? k : this.count - 1;
  }

  /** Whether the key is present at `now`; a hit makes it the most recently used, an expired key is dropped. */
  lookup(key: number, now: number): boolean {
    const e = this.expires[key]!;
    if (e === 0) return false;
    if (e <= now) {
      this.expires[key] = 0;
      if (this.prev !== null) this.unlink(key);
      return false;
    }
    if (this.prev !== null && this.head !== key) {
      this.unlink(key);
      this.pushFront(key);
    }
    return true;
  }

  /** A load answered OK: the key is present for `ttl` s, most recently used; the LRU's tail goes past maxKeys. */
  store(key: number, now: number): void {
    if (this.holds.length > 0 && heldOut(this.holds, key, now)) return;
    const was = this.expires[key]!;
    this.expires[key] = now + this.ttl;
    if (this.prev === null) return;
    if (was !== 0) {
      if (this.head === key) return;
      this.unlink(key);
    }
    this.pushFront(key);
    while (this.size > this.maxKeys) {
      const t = this.tail;
      this.unlink(t);
      this.expires[t] = 0;
    }
  }

  /**
   * A miss of `key` by visit `v`: true when it is to wait for a load in flight (single
   * flight), chained in front of the key's waiters through `next`; false when it loads.
   */
  join(key: number, v: number, next: Int32Array): boolean {
    const w = this.waiters;
    if (w === null) return false;
    const first = w[key]!;
    if (first === NO_LOAD) {
      w[key] = -1;
      return false;
    }
    next[v] = first;
    w[key] = v;
    return true;
  }

  /** The load of `key` ended: the first of its waiters (−1: none), who are no longer the key's. */
  settle(key: number): number {
    const w = this.waiters;
    if (w === null) return -1;
    const first = w[key]!;
    w[key] = NO_LOAD;
    return first;
  }

  /** A waiter ended before the load did (its replica failed): takes it out of the key's list. */
  leave(key: number, v: number, next: Int32Array): void {
    const w = this.waiters!;
    let cur = w[key]!;
    let before = -1;
    while (cur >= 0 && cur !== v) {
      before = cur;
      cur = next[cur]!;
    }
    if (cur < 0) return;
    // The last waiter's link is −1, which is also "a load in flight, no waiter".
    if (before < 0) w[key] = next[v]!;
    else next[before] = next[v]!;
  }

  /** Whether the key is present at `now`, touching nothing (tests, the inspector). */
  has(key: number, now: number): boolean {
    const e = this.expires[key]!;
    return e !== 0 && e > now;
  }

  /** Every key gone at once (the `events` timeline's `flush`); loads in flight go on. */
  flushKeys(): void {
    this.expires.fill(0);
    this.head = -1;
    this.tail = -1;
    this.size = 0;
  }

  /**
   * A flush of `share` of the keys, chosen by `salt` (partialFlush.ts), that keeps them
   * out until `until`; a share of 1 is `flushKeys`.
   */
  flush(share: number, salt: number, until: number, now: number): void {
    const threshold = shareThreshold(share);
    if (share >= 1) this.flushKeys();
    else {
      for (let k = 0; k < this.count; k++) {
        if (this.expires[k] === 0 || !lostKey(k, salt, threshold)) continue;
        this.expires[k] = 0;
        if (this.prev !== null) this.unlink(k);
      }
    }
    if (until > now) this.holds.push({ until, salt, threshold });
  }

  private unlink(key: number): void {
    const prev = this.prev!;
    const next = this.nextKey!;
    const p = prev[key]!;
    const n = next[key]!;
    if (p >= 0) next[p] = n;
    else this.head = n;
    if (n >= 0) prev[n] = p;
    else this.tail = p;
    this.size--;
  }

  private pushFront(key: number): void {
    const prev = this.prev!;
    const next = this.nextKey!;
    prev[key] = -1;
    next[key] = this.head;
    if (this.head >= 0) prev[this.head] = key;
    else this.tail = key;
    this.head = key;
    this.size++;
  }
}
