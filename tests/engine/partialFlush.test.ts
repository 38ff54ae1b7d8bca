/**
 * A flush's `share` and `for` against known answers and stated invariants: the hash is
 * murmur3's fmix32; a share of 1 is the
 * full flush and `for: 0` the instant one, to the last number; a share of 0.5 loses about
 * half the keys (within four binomial standard deviations), a different half in each
 * replication and the same half for the same seed; while a flush lasts no lost key is
 * stored and the kept ones are; a keyless cache hits (1 − share) × its ratio while held,
 * and overlapping flushes multiply.
 */
import { describe, expect, it } from 'vitest';
import { compileScenario } from '../../simulation/engine/compile';
import { KeyedCache } from '../../simulation/engine/cacheKeys';
import { Engine } from '../../simulation/engine/engine';
import { flushSalt } from '../../simulation/engine/partialFlush';
import { fmix32, hashString } from '../../simulation/random/rng';
import { parseScenario } from '../../simulation/model/validate';
import { build, constant, edge, exponential, poissonSource, type Fields } from '../helpers/build';
import { expectNear, per, replicate } from '../helpers/replicate';

function allStored(count: number): KeyedCache {
  const c = new KeyedCache({ count, zipf: 0, ttl: Infinity, maxKeys: Infinity, singleFlight: false });
  for (let k = 0; k < count; k++) c.store(k, 0);
  return c;
}

const present = (c: KeyedCache, now: number) => Array.from({ length: c.count }, (_, k) => k).filter((k) => c.has(k, now));

describe('the choice of keys', () => {
  it('is murmur3 fmix32, the finisher of the stream names’ hash (checked against BigInt in rng.test.ts)', () => {
    expect(fmix32(0)).toBe(0);
    expect(fmix32(1)).toBe(0x514e28b7);
    for (const x of [2, 0x7fffffff, 0x80000000, 0xdeadbeef, 0xffffffff, 123456789]) expect(fmix32(x)).toBe(hashString('', x));
  });

  it('a share of 0.5 loses about half the keys, a share of 1 all of them, and another salt another half', () => {
    const n = 10_000;
    const lostWith = (share: number, salt: number) => {
      const c = allStored(n);
      c.flush(share, salt, -Infinity, 1);
      return new Set(Array.from({ length: n }, (_, k) => k).filter((k) => !c.has(k, 1)));
    };
    // Binomial(n, p): sd √(n p (1 − p)); four of them bound it.
    for (const [share, salt] of [
      [0.5, 1],
      [0.5, 0x9e3779b9],
      [0.1, 7],
      [0.9, 42],
    ] as const) {
      const lost = lostWith(share, salt).size;
      expect(Math.abs(lost - n * share)).toBeLessThanOrEqual(4 * Math.sqrt(n * share * (1 - share)));
    }
    expect(lostWith(1, 5).size).toBe(n);
    const a = lostWith(0.5, 1);
    const b = lostWith(0.5, 2);
    const both = [...a].filter((k) => b.has(k)).length;
    // Independent halves share about a quarter of the keys.
    expect(Math.abs(both - n / 4)).toBeLessThanOrEqual(4 * Math.sqrt(n * 0.25 * 0.75));
    expect([...lostWith(0.5, 1)]).toEqual([...a]);
  });

  it('a lasting flush stores no lost key until it ends, and the kept keys as usual', () => {
    const c = allStored(1000);
    c.flush(0.5, 11, 10, 0);
    const kept = present(c, 0);
    for (let k = 0; k < 1000; k++) c.store(k, 5);
    expect(present(c, 5)).toEqual(kept);
    for (let k = 0; k < 1000; k++) c.store(k, 10);
    expect(present(c, 10)).toHaveLength(1000);
  });

  it('the salt is the replication’s own: the same for the same seed, another for another replication or event', () => {
    expect(flushSalt(8, 1, 'cache', 0)).toBe(flushSalt(8, 1, 'cache', 0));
    expect(new Set([flushSalt(8, 1, 'cache', 0), flushSalt(9, 2, 'cache', 0), flushSalt(8, 1, 'cache', 1), flushSalt(8, 1, 'redis', 0)]).size).toBe(4);
  });
});

describe('a keyed flush in the engine', () => {
  // 100 keys each looked up once a second, no ttl: without a flush each key misses once; after a flush at 50 s
  // every lost key is looked up again within the remaining 50 s (missing one has odds e^−50), so misses − 100 = keys lost.
  const keyed = (events: Fields[], replications = 1, seed = 76) =>
    build({
      nodes: [poissonSource('users', 100), { id: 'cache', kind: 'cache', latency: constant(0), keys: { count: 100, popularity: 'uniform' } }, { id: 'db', kind: 'database', latency: constant(0) }],
      edges: [edge('users', 'cache'), edge('cache', 'db')],
      run: { duration: 100, warmup: 0, replications, seed },
      events,
    });
  const misses = (r: ReturnType<typeof replicate>) => r.tallies.map((t) => t.nodes[1]!.lookups - t.nodes[1]!.hits);

  it('share 1 is the full flush and for 0 the instant one, to the last number', () => {
    const plain = replicate(keyed([{ at: 50, node: 'cache', action: 'flush' }], 3));
    const explicit = replicate(keyed([{ at: 50, node: 'cache', action: 'flush', share: 1, for: 0 }], 3));
    expect(explicit.combined).toEqual(plain.combined);
    expect(misses(plain)).toEqual([200, 200, 200]);
    const half = replicate(keyed([{ at: 50, node: 'cache', action: 'flush', share: 0.5 }], 3));
    expect(replicate(keyed([{ at: 50, node: 'cache', action: 'flush', share: 0.5, for: 0 }], 3)).combined).toEqual(half.combined);
  });

  it('share 0.5 loses about half the keys, another half in each replication, the same for the same seed', () => {
    const r = replicate(keyed([{ at: 50, node: 'cache', action: 'flush', share: 0.5 }], 8));
    const lost = misses(r).map((m) => m - 100);
    // Binomial(100, 0.5): sd 5.
    for (const l of lost) expect(Math.abs(l - 50)).toBeLessThanOrEqual(20);
    expect(new Set(lost).size).toBeGreaterThan(1);
    expect(misses(replicate(keyed([{ at: 50, node: 'cache', action: 'flush', share: 0.5 }], 8)))).toEqual(misses(r));
  });

  it('for T s: every lookup of a lost key misses meanwhile, then each loads once more', () => {
    const s = keyed([{ at: 50, node: 'cache', action: 'flush', for: 10 }], 3);
    const window = replicate({ ...s, run: { ...s.run, warmup: 50, duration: 10 } });
    for (const d of window.perRep) expect(d.nodes.cache!.hitRatio).toBe(0);
    const r = replicate(s);
    expect(r.combined.events![0]).toMatchObject({ action: 'flush', end: 60 });
    // 100 first loads, every lookup in [50, 60), and 100 loads after it.
    const inside = window.tallies.map((t) => t.nodes[1]!.lookups);
    expect(misses(r)).toEqual(inside.map((l) => 200 + l));
  });

  it('the flush is the engine’s own, whatever ran before: an engine stepped by hand gives the same tally', () => {
    const model = compileScenario(keyed([{ at: 50, node: 'cache', action: 'flush', share: 0.3, for: 5 }]));
    const once = (step: number) => {
      const e = new Engine(model, 0);
      while (!e.run(step)) {
        /* to the end */
      }
      return e.tally();
    };
    expect(once(1)).toEqual(once(100_000));
  });
});

describe('a keyless flush', () => {
  const hitRatio = 0.8;
  const cached = (events: Fields[], window: { warmup: number; duration: number }) =>
    build({
      nodes: [poissonSource('users', 300), { id: 'redis', kind: 'cache', workers: 8, latency: exponential(0.0005), hitRatio }, { id: 'db', kind: 'database', workers: 32, latency: exponential(0.004) }],
      edges: [edge('users', 'redis'), edge('redis', 'db')],
      run: { ...window, replications: 10, seed: 5 },
      events,
    });
  const hits = (events: Fields[], window: { warmup: number; duration: number }) => per(replicate(cached(events, window)), (d) => d.nodes.redis!.hitRatio!);

  it('hits (1 − share) × its ratio while held, its own ratio after (warm 0), and the ramp over warm', () => {
    const half = [{ at: 20, node: 'redis', action: 'flush', share: 0.5, for: 10, warm: 0 }];
    expectNear('held', hits(half, { warmup: 20, duration: 10 }), 0.5 * hitRatio, { biasAbs: 0.002, precision: 0.03 });
    expectNear('after', hits(half, { warmup: 30, duration: 20 }), hitRatio, { biasAbs: 0.002, precision: 0.02 });
    // 10 s at 0.4, then 20 s climbing from 0.4 to 0.8 (mean 0.6): (4 + 12) ÷ 30.
    const ramp = [{ at: 20, node: 'redis', action: 'flush', share: 0.5, for: 10, warm: 20 }];
    expectNear('held then warming', hits(ramp, { warmup: 20, duration: 30 }), 16 / 30, { biasAbs: 0.003, precision: 0.02 });
  });

  it('overlapping flushes compound: two half flushes leave a quarter of the ratio', () => {
    const two = [
      { at: 20, node: 'redis', action: 'flush', share: 0.5, for: 10, warm: 0 },
      { at: 20, node: 'redis', action: 'flush', share: 0.5, for: 10, warm: 0 },
    ];
    expectNear('both held', hits(two, { warmup: 20, duration: 10 }), 0.25 * hitRatio, { biasAbs: 0.002, precision: 0.04 });
  });
});

describe('validating share and for', () => {
  const file = (flush: Fields) => ({
    format: 'headroom/scenario',
    version: 1,
    name: 'flush',
    nodes: [
      { id: 'users', label: 'users', position: { x: 0, y: 0 }, kind: 'source', arrival: { process: 'poisson', rate: 10 } },
      { id: 'redis', label: 'redis', position: { x: 2, y: 0 }, kind: 'cache', hitRatio: 0.5 },
    ],
    edges: [edge('users', 'redis')],
    run: { duration: 100 },
    events: [{ at: 10, node: 'redis', action: 'flush', ...flush }],
  });
  const problems = (flush: Fields) => {
    const r = parseScenario(file(flush));
    return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`);
  };

  it('names the field of each mistake', () => {
    expect(problems({ share: 0.25, for: 30 })).toEqual([]);
    expect(problems({ share: 1, for: 0 })).toEqual([]);
    expect(problems({ share: 0 })).toEqual(['events[0].share: must be in (0, 1]']);
    expect(problems({ share: 1.5 })).toEqual(['events[0].share: must be in (0, 1]']);
    expect(problems({ share: 'half' })).toEqual(['events[0].share: must be a number']);
    expect(problems({ for: -1 })).toEqual(['events[0].for: must be 0 or more']);
  });
});
