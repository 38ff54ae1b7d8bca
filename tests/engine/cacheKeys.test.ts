/**
 * Keyed caches against known answers: a TTL cache under Poisson lookups hits
 * λT ÷ (1 + λT) of each key's lookups; an LRU cache under a Zipf law hits what the Che
 * approximation says, within its known accuracy; single flight keeps at most one load
 * per key in flight, and its waiters share a failed load's outcome. Loads take no time
 * here (the database answers at once) unless a test is about the time a load takes.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileScenario } from '../../simulation/engine/compile';
import { Engine } from '../../simulation/engine/engine';
import { keyedHitRatio } from '../../simulation/estimate/keyedHitRatio';
import { estimate } from '../../simulation/estimate/estimate';
import type { Scenario, SourceNode } from '../../simulation/model/schema';
import { runScenarioInProcess } from '../../simulation/runner/runScenario';
import { assertScenario } from '../../simulation/model/validate';
import { build, constant, edge, poissonSource } from '../helpers/build';
import { expectNear, per, replicate } from '../helpers/replicate';

type Fields = Record<string, unknown>;

function keyedModel(rate: number, cache: Fields, run: { duration: number; warmup: number; replications: number; seed: number }, db: Fields = {}, call: Fields = {}) {
  return build({
    nodes: [poissonSource('users', rate), { id: 'cache', kind: 'cache', latency: constant(0), ...cache }, { id: 'db', kind: 'database', latency: constant(0), ...db }],
    edges: [edge('users', 'cache'), edge('cache', 'db', call)],
    run,
  });
}

/** The Che approximation summed key by key (no bands): T_C with Σ (1 − e^(−λ pᵢ T_C)) = C, then Σ pᵢ (1 − e^(−λ pᵢ T_C)). */
function cheExact(n: number, s: number, capacity: number, rate: number): number {
  const p = Array.from({ length: n }, (_, i) => (i + 1) ** -s);
  const total = p.reduce((a, b) => a + b, 0);
  for (let i = 0; i < n; i++) p[i]! /= total;
  const occupancy = (t: number) => p.reduce((a, pi) => a + 1 - Math.exp(-rate * pi * t), 0);
  let lo = 0;
  let hi = 1;
  while (occupancy(hi) < capacity) hi *= 2;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (occupancy(mid) < capacity) lo = mid;
    else hi = mid;
  }
  return p.reduce((a, pi) => a + pi * (1 - Math.exp(-rate * pi * lo)), 0);
}

describe('keyed caches', () => {
  it('uniform keys with ttl T under Poisson lookups: λT ÷ (1 + λT) per key', () => {
    const count = 200;
    const rate = 100;
    const ttl = 4;
    const lambda = rate / count;
    const theory = (lambda * ttl) / (1 + lambda * ttl);
    const s = keyedModel(rate, { keys: { count, popularity: 'uniform' }, ttl }, { duration: 2000, warmup: 50, replications: 5, seed: 71 });
    const r = replicate(s);
    expectNear('cache.hitRatio', per(r, (d) => d.nodes.cache!.hitRatio!), theory, { bias: 0.002, precision: 0.01 });
    // Every miss loads once: the database sees the misses.
    expectNear('db.arrivalRate', per(r, (d) => d.nodes.db!.arrivalRate), rate * (1 - theory), { bias: 0.005, precision: 0.02 });
    // The estimate says the same.
    expect(estimate(s).nodes.cache!.hitRatio).toBeCloseTo(theory, 9);
  });

  it('Zipf keys with ttl: the per-key renewal share, weighted by popularity', () => {
    const count = 1000;
    const z = 0.9;
    const rate = 400;
    const ttl = 2;
    const w = Array.from({ length: count }, (_, i) => (i + 1) ** -z);
    const h = w.reduce((a, b) => a + b, 0);
    const theory = w.reduce((a, wi) => a + (wi / h) * ((rate * (wi / h) * ttl) / (1 + rate * (wi / h) * ttl)), 0);
    const s = keyedModel(rate, { keys: { count, popularity: { zipf: z } }, ttl }, { duration: 600, warmup: 20, replications: 5, seed: 72 });
    const r = replicate(s);
    expectNear('cache.hitRatio', per(r, (d) => d.nodes.cache!.hitRatio!), theory, { bias: 0.003, precision: 0.01 });
    expect(keyedHitRatio({ count, zipf: z, ttl, maxKeys: Infinity }, rate)).toBeCloseTo(theory, 6);
  });

  it.each([
    [0.8, 10_000, 1000],
    [1.1, 20_000, 500],
  ])('Zipf(%s) over %s keys with an LRU of %s: the Che approximation within 2%%', (z, count, maxKeys) => {
    const rate = 2000;
    const che = cheExact(count, z, maxKeys, rate);
    const s = keyedModel(rate, { keys: { count, popularity: { zipf: z } }, maxKeys }, { duration: 150, warmup: 30, replications: 4, seed: 73 });
    const r = replicate(s);
    // Che's known accuracy for LRU under the independent reference model: about 1–2 % of the hit ratio.
    expectNear('cache.hitRatio', per(r, (d) => d.nodes.cache!.hitRatio!), che, { bias: 0.02, precision: 0.02 });
    // The estimate's banded sum over ranks agrees with the key-by-key sum.
    expect(Math.abs(keyedHitRatio({ count, zipf: z, ttl: Infinity, maxKeys }, rate) - che)).toBeLessThan(2e-3);
  });

  it('never more keys than maxKeys, and no key present before a miss loaded it: a cold cache misses its first lookups', () => {
    const s = keyedModel(50, { keys: { count: 1_000_000, popularity: 'uniform' }, maxKeys: 10 }, { duration: 100, warmup: 0, replications: 1, seed: 74 });
    const r = replicate(s);
    // 5,000 lookups over a million keys: nearly every one is a first lookup.
    expect(r.combined.nodes.cache!.hitRatio!).toBeLessThan(0.001);
  });
});

describe('single flight', () => {
  // Ten keys looked up 100 times a second each; a load takes 0.1 s and the key then stays 1 s.
  const count = 10;
  const rate = 1000;
  const ttl = 1;
  const load = 0.1;
  const run = { duration: 200, warmup: 10, replications: 3, seed: 75 };
  const cache = (singleFlight: boolean) => ({ keys: { count, popularity: 'uniform' }, ttl, ...(singleFlight ? { singleFlight } : {}) });

  it('at most one load per key in flight: loads drop from one per concurrent miss to one per key per ttl + load', () => {
    const without = replicate(keyedModel(rate, cache(false), run, { latency: constant(load) }));
    const withSf = replicate(keyedModel(rate, cache(true), run, { latency: constant(load) }));
    // Invariant: one load per key at a time, so the database holds at most `count` queries at once
    // and starts at most one per key per cycle of load time + ttl (+ the wait for the next lookup).
    for (const d of withSf.perRep) {
      expect(d.nodes.db!.inFlight).toBeLessThanOrEqual(count);
      expect(d.nodes.db!.arrivalRate).toBeLessThanOrEqual(count / (ttl + load) + 1e-9);
    }
    // Without it every lookup during the 0.1 s load goes to the database too: ≈ 1 + 100 × 0.1 loads per cycle.
    const dbWithout = without.combined.nodes.db!.arrivalRate;
    const dbWith = withSf.combined.nodes.db!.arrivalRate;
    expect(dbWithout).toBeGreaterThan(8 * dbWith);
    // The waiters are misses that load nothing: the same hit ratio either way, and every request succeeds.
    expect(Math.abs(without.combined.nodes.cache!.hitRatio! - withSf.combined.nodes.cache!.hitRatio!)).toBeLessThan(0.01);
    expect(withSf.combined.summary.errorRate).toBe(0);
  });

  it('a failed load fails its waiters with the same cause and loads nothing', () => {
    // Every load times out (0.05 s timeout, 0.1 s query): no key is ever present.
    const r = replicate(keyedModel(rate, cache(true), run, { latency: constant(load) }, { timeout: 0.05 }));
    const d = r.combined;
    expect(d.nodes.cache!.hitRatio).toBe(0);
    expect(d.summary.errorRate).toBe(1);
    expect(d.summary.errors.timedOut).toBeGreaterThan(0);
    // One load per key per timeout: the waiters went nowhere.
    expect(d.nodes.db!.arrivalRate).toBeLessThanOrEqual(count / 0.05 + 1e-9);
  });
});

describe('flushKeys', () => {
  it('a flush empties the key space: every key looked up afterwards is loaded once more', () => {
    // 100 keys, each looked up once a second, no ttl: without a flush each key misses once, on its first lookup.
    const s = keyedModel(100, { keys: { count: 100, popularity: 'uniform' } }, { duration: 100, warmup: 0, replications: 1, seed: 76 });
    const model = compileScenario(s);
    const misses = (flushAt: number | null) => {
      const engine = new Engine(model, 0);
      if (flushAt !== null) {
        while (engine.now < flushAt && !engine.run(1)) {
          /* up to the flush */
        }
        engine.flushKeys(model.nodes.findIndex((n) => n.id === 'cache'));
      }
      while (!engine.run(10_000)) {
        /* to the end */
      }
      const t = engine.tally();
      const cache = t.nodes[model.nodes.findIndex((n) => n.id === 'cache')]!;
      return cache.lookups - cache.hits;
    };
    expect(misses(null)).toBe(100);
    // After the flush at 50 s each key is looked up again within the remaining 50 s (missing none has odds e^−50).
    expect(misses(50)).toBe(200);
  });
});

describe('the flash-sale cache avalanche example', () => {
  it('models the avalanche with a flush of its keyed cache at the peak, not with a second source', () => {
    const file = JSON.parse(readFileSync(new URL('../../assets/examples/cache-avalanche.headroom.json', import.meta.url), 'utf8')) as Scenario;
    const cache = file.nodes.find((n) => n.id === 'product-cache');
    expect(cache?.kind === 'cache' && cache.keys !== undefined && cache.ttl !== undefined && cache.hitRatio === undefined).toBe(true);
    expect(file.nodes.filter((n) => n.kind === 'source')).toHaveLength(1);
    const flush = file.events?.find((e) => e.action === 'flush');
    expect(flush?.node).toBe('product-cache');
    // At the peak: the profile is at its highest scale at the flush.
    const profile = (file.nodes[0] as SourceNode).profile!;
    const peak = Math.max(...profile.map((p) => p.scale));
    const before = profile.filter((p) => p.at <= flush!.at).at(-1)!;
    const after = profile.find((p) => p.at >= flush!.at)!;
    expect([before.scale, after.scale]).toEqual([peak, peak]);
  });

  it('single flight cuts the errors, the database calls and the time to recover from a flush at the peak', () => {
    const file = JSON.parse(readFileSync(new URL('../../assets/examples/cache-avalanche.headroom.json', import.meta.url), 'utf8')) as Scenario;
    const variant = (singleFlight: boolean) => {
      const s = assertScenario({ ...file, run: { ...file.run, replications: 3 }, nodes: file.nodes.map((n) => (n.id === 'product-cache' ? { ...n, singleFlight } : n)) });
      return runScenarioInProcess(s);
    };
    const stampede = variant(false);
    const flight = variant(true);
    const flushAt = stampede.events![0]!.at;
    // The flush overloads the database either way; the stampede is what single flight removes.
    expect(stampede.summary.errorRate).toBeGreaterThan(0.15);
    expect(flight.summary.errorRate).toBeLessThan(stampede.summary.errorRate / 2);
    expect(flight.nodes.postgres!.throughput).toBeLessThan(stampede.nodes.postgres!.throughput);
    // Without it every lookup of a page being loaded queries again, and the database's queue keeps the loads slow:
    // the run is back well after the single-flight one (in some replications only once the sale ends at 120 s).
    expect(flight.events![0]!.recovered).not.toBeNull();
    expect(flight.events![0]!.recovered! - flushAt).toBeLessThan(30);
    expect(stampede.events![0]!.recovered ?? Infinity).toBeGreaterThan(flight.events![0]!.recovered! + 5);
  });
});
