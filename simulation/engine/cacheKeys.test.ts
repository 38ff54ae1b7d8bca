import { describe, expect, it } from 'vitest';
import { streamFor } from '../random/rng';
import { bytesPerKey, KeyedCache, ZipfSampler } from './cacheKeys';

const keys = (count: number, extra: Partial<{ zipf: number; ttl: number; maxKeys: number; singleFlight: boolean }> = {}) =>
  new KeyedCache({ count, zipf: 0, ttl: Infinity, maxKeys: Infinity, singleFlight: false, ...extra });

describe('ZipfSampler', () => {
  it.each([0.6, 1, 1.4])('draws rank k with probability k^-s / H(n, s) (s = %s)', (s) => {
    const n = 50;
    const draws = 200_000;
    const sampler = new ZipfSampler(n, s);
    const rng = streamFor(7, 0, 'zipf', String(s));
    const seen = new Float64Array(n);
    for (let i = 0; i < draws; i++) seen[sampler.next(rng)]++;
    let h = 0;
    for (let k = 1; k <= n; k++) h += k ** -s;
    // Pearson's chi-square over the 50 ranks: 49 degrees of freedom, 99.99% quantile ≈ 95.
    let chi = 0;
    for (let k = 1; k <= n; k++) {
      const expected = (draws * k ** -s) / h;
      chi += (seen[k - 1]! - expected) ** 2 / expected;
    }
    expect(chi).toBeLessThan(95);
  });

  it('stays within [0, n) for one key and for a very steep law', () => {
    const rng = streamFor(8, 0, 'zipf', 'edge');
    const one = new ZipfSampler(1, 1.2);
    const steep = new ZipfSampler(1000, 9);
    for (let i = 0; i < 1000; i++) {
      expect(one.next(rng)).toBe(0);
      const k = steep.next(rng);
      expect(k >= 0 && k < 1000).toBe(true);
    }
  });
});

describe('KeyedCache', () => {
  it('a key is present from its load until its ttl, and a hit does not renew it', () => {
    const c = keys(10, { ttl: 5 });
    expect(c.lookup(3, 0)).toBe(false);
    c.store(3, 1);
    expect(c.lookup(3, 5.9)).toBe(true);
    expect(c.lookup(3, 6)).toBe(false);
    expect(c.has(3, 6)).toBe(false);
  });

  it('evicts the least recently used beyond maxKeys; a hit makes a key the most recent', () => {
    const c = keys(10, { maxKeys: 3 });
    c.store(0, 0);
    c.store(1, 0);
    c.store(2, 0);
    expect(c.lookup(0, 1)).toBe(true); // order now 0, 2, 1
    c.store(3, 2); // 1 goes
    expect([0, 1, 2, 3].map((k) => c.has(k, 2))).toEqual([true, false, true, true]);
    expect(c.size).toBe(3);
    c.store(4, 3); // 2 goes
    expect([0, 2, 3, 4].map((k) => c.has(k, 3))).toEqual([true, false, true, true]);
  });

  it('flushKeys empties the key space; a load that answers afterwards stores its key again', () => {
    const c = keys(1000, { maxKeys: 100, ttl: 60 });
    for (let k = 0; k < 100; k++) c.store(k, 0);
    c.flushKeys();
    expect(c.size).toBe(0);
    let present = 0;
    for (let k = 0; k < 1000; k++) if (c.lookup(k, 1)) present++;
    expect(present).toBe(0);
    c.store(7, 2);
    expect(c.lookup(7, 3)).toBe(true);
    expect(c.size).toBe(1);
  });

  it('single flight: the first miss loads, the others wait in a list that the load hands back', () => {
    const c = keys(4, { singleFlight: true });
    const next = new Int32Array(8).fill(-1);
    expect(c.join(2, 0, next)).toBe(false);
    expect(c.join(2, 1, next)).toBe(true);
    expect(c.join(2, 5, next)).toBe(true);
    expect(c.join(3, 6, next)).toBe(false);
    c.leave(2, 1, next);
    const first = c.settle(2);
    expect(first).toBe(5);
    expect(next[5]).toBe(-1);
    // The key's load is over: the next miss loads again.
    expect(c.join(2, 4, next)).toBe(false);
  });

  it('states its memory: 8 bytes per key, 16 with LRU, 20 with single flight too', () => {
    expect(bytesPerKey({ maxKeys: Infinity, singleFlight: false })).toBe(8);
    expect(bytesPerKey({ maxKeys: 10, singleFlight: false })).toBe(16);
    expect(bytesPerKey({ maxKeys: 10, singleFlight: true })).toBe(20);
  });

  it('holds ten million keys with LRU and single flight in typed arrays', () => {
    const c = keys(10_000_000, { maxKeys: 5_000_000, singleFlight: true, zipf: 0.9 });
    const rng = streamFor(9, 0, 'big', 'keys');
    for (let i = 0; i < 100_000; i++) {
      const k = c.draw(rng);
      if (!c.lookup(k, i)) c.store(k, i);
    }
    expect(c.size).toBeGreaterThan(0);
    expect(c.size).toBeLessThanOrEqual(5_000_000);
  });
});
