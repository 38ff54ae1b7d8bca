/**
 * The instant estimate against queueing theory: the validation cases' offered
 * utilizations, and hand-computed rates for caches, queues, databases and shards.
 */
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Scenario, ScenarioNode, Edge } from '../model/schema';
import { estimate, profileScale } from './estimate';

const fixtureDirs = [join(process.cwd(), 'tests/fixtures/validation'), join(process.cwd(), '../shared/validation')];
const dir = fixtureDirs.find((d) => existsSync(d) && readdirSync(d).some((f) => f.endsWith('.json')));

function validationCase(name: string): Scenario {
  if (!dir) throw new Error('validation fixtures not found');
  return JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')).scenario as Scenario;
}

function scenario(nodes: ScenarioNode[], edges: Edge[], extra: Partial<Scenario> = {}): Scenario {
  return { format: 'headroom/scenario', version: 1, name: 't', nodes, edges, run: { duration: 100 }, ...extra };
}
const pos = { x: 0, y: 0 };
const exp = (mean: number) => ({ dist: 'exponential' as const, mean });

describe('estimate: validation cases', () => {
  it('M/M/1 at 0.8', () => {
    const e = estimate(validationCase('mm1'));
    expect(e.nodes.svc!.utilization).toBeCloseTo(0.8, 10);
    expect(e.nodes.svc!.arrivalRate).toBeCloseTo(80, 10);
    expect(e.nodes.svc!.overloaded).toBe(false);
    expect(e.bottleneck?.node).toBe('svc');
  });
  it('M/M/4 at 0.8', () => {
    expect(estimate(validationCase('mmc')).nodes.svc!.utilization).toBeCloseTo(0.8, 10);
  });
  it('M/D/1 at 0.8', () => {
    expect(estimate(validationCase('md1')).nodes.svc!.utilization).toBeCloseTo(0.8, 10);
  });
  it('M/M/1/K offered 0.9 (the queue limit does not change offered load)', () => {
    expect(estimate(validationCase('mm1k')).nodes.svc!.utilization).toBeCloseTo(0.9, 10);
  });
  it('closed loop: rate is the upper bound N / (Z + D), above the exact MVA value', () => {
    const e = estimate(validationCase('closed'));
    expect(e.approximate).toBe(true);
    expect(e.nodes.svc!.arrivalRate).toBeCloseTo(10 / 1.05, 10);
    expect(e.nodes.svc!.utilization!).toBeGreaterThanOrEqual(0.4620368313679271);
    expect(e.nodes.svc!.utilization!).toBeLessThan(1);
  });
});

describe('estimate: closed users that ramp', () => {
  it('the mean load comes from the time-average users, the peak utilization from the peak', () => {
    const s = scenario(
      [
        // 10 users for the first half, 30 for the second: 20 on average, 30 at the peak.
        { id: 'users', kind: 'source', label: 'u', position: pos, arrival: { process: 'closed', users: 10, thinkTime: exp(0.95) }, profile: [{ at: 0, scale: 1 }, { at: 50, scale: 1 }, { at: 50, scale: 3 }] },
        { id: 'svc', kind: 'service', label: 's', position: pos, workers: 100, work: exp(0.05) },
      ],
      [{ from: 'users', to: 'svc' }],
    );
    const e = estimate(s);
    expect(e.nodes.svc!.arrivalRate).toBeCloseTo(20 / 1, 10);
    expect(e.nodes.svc!.utilization).toBeCloseTo((20 * 0.05) / 100, 10);
    expect(e.nodes.svc!.peakUtilization).toBeCloseTo((30 * 0.05) / 100, 10);
  });
  it('a step (two points at one time) holds the value before it up to it', () => {
    expect(profileScale([{ at: 0, scale: 1 }, { at: 50, scale: 1 }, { at: 50, scale: 3 }], 100)).toEqual({ mean: 2, peak: 3 });
    expect(profileScale([{ at: 20, scale: 0 }, { at: 60, scale: 2 }], 100).mean).toBeCloseTo((0 * 20 + 1 * 40 + 2 * 40) / 100, 12);
  });
});

describe('estimate: propagation', () => {
  const chain = (hitRatio: number) =>
    scenario(
      [
        { id: 'users', kind: 'source', label: 'u', position: pos, arrival: { process: 'poisson', rate: 1000 } },
        { id: 'gw', kind: 'gateway', label: 'g', position: pos, workers: 100, latency: { dist: 'constant', value: 0.001 } },
        { id: 'api', kind: 'service', label: 'a', position: pos, replicas: 4, workers: 10, cpus: 2, work: exp(0.004) },
        { id: 'cache', kind: 'cache', label: 'c', position: pos, workers: 1, latency: { dist: 'constant', value: 0.0002 }, hitRatio },
        { id: 'db', kind: 'database', label: 'd', position: pos, workers: 20, latency: exp(0.01) },
      ],
      [
        { from: 'users', to: 'gw' },
        { from: 'gw', to: 'api' },
        { from: 'api', to: 'cache', calls: 2 },
        { from: 'cache', to: 'db' },
      ],
    );

  it('cache misses only reach the database; calls multiply', () => {
    const e = estimate(chain(0.8));
    expect(e.nodes.cache!.arrivalRate).toBeCloseTo(2000, 8);
    expect(e.nodes.db!.arrivalRate).toBeCloseTo(400, 8);
    expect(e.edges).toEqual([1000, 1000, 2000, expect.closeTo(400, 8)]);
    // cache: single worker held only for the lookup: 2000 × 0.2 ms
    expect(e.nodes.cache!.workerUtilization).toBeCloseTo(0.4, 8);
    // db: 400 × 10 ms / 20 workers
    expect(e.nodes.db!.utilization).toBeCloseTo(0.2, 8);
    // api holds its worker across 2 cache lookups, each missing 20% into a 10 ms query
    const hold = 0.004 + 2 * (0.0002 + 0.2 * 0.01);
    expect(e.nodes.api!.workerUtilization).toBeCloseTo((1000 * hold) / 40, 8);
    expect(e.nodes.api!.cpuUtilization).toBeCloseTo((1000 * 0.004) / 8, 8);
    // gateway holds a worker for its latency plus the whole api response
    expect(e.nodes.gw!.workerUtilization).toBeCloseTo((1000 * (0.001 + hold)) / 100, 8);
    expect(e.nodes.gw!.cpuUtilization).toBeCloseTo((1000 * 0.001) / 100, 8);
    expect(e.bottleneck?.node).toBe('api');
  });

  it('marks a node offered more than it can serve', () => {
    const s = chain(0);
    const e = estimate(s);
    // 2000 queries/s × 10 ms over 20 connections = 1.0
    expect(e.nodes.db!.utilization).toBeCloseTo(1, 8);
    expect(e.nodes.db!.overloaded).toBe(true);
  });

  it('classes filter edges, per-class work, hit ratios and database writes', () => {
    const s = scenario(
      [
        { id: 'src', kind: 'source', label: 's', position: pos, arrival: { process: 'poisson', rate: 100 }, mix: { read: 0.75, write: 0.25 } },
        {
          id: 'api',
          kind: 'service',
          label: 'a',
          position: pos,
          workers: 10,
          work: { byClass: { read: exp(0.01) }, default: exp(0.02) },
        },
        { id: 'c', kind: 'cache', label: 'c', position: pos, latency: exp(0.001), hitRatio: { byClass: { read: 0.5 }, default: 0 } },
        { id: 'db', kind: 'database', label: 'd', position: pos, replicas: 3, workers: 5, latency: exp(0.01), writes: ['write'] },
      ],
      [
        { from: 'src', to: 'api' },
        { from: 'api', to: 'c', classes: ['read'] },
        { from: 'api', to: 'db', classes: ['write'] },
        { from: 'c', to: 'db' },
      ],
      { classes: [{ id: 'read' }, { id: 'write' }] },
    );
    const e = estimate(s);
    expect(e.nodes.api!.byClass).toEqual({ read: 75, write: 25 });
    expect(e.nodes.c!.arrivalRate).toBeCloseTo(75, 8);
    expect(e.nodes.db!.byClass.read).toBeCloseTo(37.5, 8);
    expect(e.nodes.db!.byClass.write).toBeCloseTo(25, 8);
    // writes: 25/s × 10 ms on the primary's 5 workers = 0.05; reads: 37.5/s over 2 replicas = 0.0375
    expect(e.nodes.db!.utilization).toBeCloseTo(0.05, 8);
    expect(e.nodes.api!.cpuUtilization).toBeCloseTo((75 * 0.01 + 25 * 0.02) / 10, 8);
  });

  it('shard skew loads the hottest shard', () => {
    const s = scenario(
      [
        { id: 'src', kind: 'source', label: 's', position: pos, arrival: { process: 'constant', rate: 400 } },
        { id: 'db', kind: 'database', label: 'd', position: pos, workers: 10, latency: exp(0.01), shards: 4, shardSkew: 0.5 },
      ],
      [{ from: 'src', to: 'db' }],
    );
    // hottest share (1 + 0.5 × 3) / 4 = 0.625 → 250/s × 10 ms / 10 workers
    expect(estimate(s).nodes.db!.utilization).toBeCloseTo(0.25, 8);
  });

  it('a queue fans out to every subscription; async calls do not hold the caller', () => {
    const s = scenario(
      [
        { id: 'src', kind: 'source', label: 's', position: pos, arrival: { process: 'poisson', rate: 50 } },
        { id: 'api', kind: 'service', label: 'a', position: pos, workers: 1, work: exp(0.01) },
        { id: 'q', kind: 'queue', label: 'q', position: pos },
        { id: 'w1', kind: 'service', label: 'w1', position: pos, workers: 2, work: exp(0.02) },
        { id: 'w2', kind: 'service', label: 'w2', position: pos, workers: 1, work: exp(0.03) },
      ],
      [
        { from: 'src', to: 'api' },
        { from: 'api', to: 'q', mode: 'async' },
        { from: 'q', to: 'w1' },
        { from: 'q', to: 'w2' },
      ],
    );
    const e = estimate(s);
    expect(e.nodes.w1!.arrivalRate).toBe(50);
    expect(e.nodes.w2!.arrivalRate).toBe(50);
    expect(e.nodes.api!.utilization).toBeCloseTo(0.5, 8);
    expect(e.nodes.w2!.utilization).toBeCloseTo(1.5, 8);
    expect(e.nodes.w2!.overloaded).toBe(true);
    expect(e.nodes.q!.utilization).toBeNull();
  });

  it('a gateway rate limit caps what passes', () => {
    const s = scenario(
      [
        { id: 'src', kind: 'source', label: 's', position: pos, arrival: { process: 'poisson', rate: 500 } },
        { id: 'gw', kind: 'gateway', label: 'g', position: pos, rateLimit: { rate: 200 } },
        { id: 'api', kind: 'service', label: 'a', position: pos, workers: 4, work: exp(0.01) },
      ],
      [
        { from: 'src', to: 'gw' },
        { from: 'gw', to: 'api' },
      ],
    );
    const e = estimate(s);
    expect(e.nodes.gw!.rateLimited).toBeCloseTo(300, 8);
    expect(e.nodes.api!.arrivalRate).toBeCloseTo(200, 8);
    expect(e.nodes.gw!.utilization).toBeNull();
  });

  it('profiles: time-average and peak multipliers', () => {
    expect(profileScale(undefined, 100)).toEqual({ mean: 1, peak: 1 });
    const p = profileScale(
      [
        { at: 0, scale: 1 },
        { at: 50, scale: 1 },
        { at: 60, scale: 3 },
        { at: 70, scale: 1 },
      ],
      100,
    );
    expect(p.peak).toBe(3);
    expect(p.mean).toBeCloseTo(1.2, 10);
  });

  it('bursty sources use the time-average rate', () => {
    const s = scenario(
      [
        { id: 'src', kind: 'source', label: 's', position: pos, arrival: { process: 'bursty', rate: 10, burstRate: 100, burstEvery: 90, burstLength: 10 } },
        { id: 'api', kind: 'service', label: 'a', position: pos, workers: 1, work: exp(0.01) },
      ],
      [{ from: 'src', to: 'api' }],
    );
    const e = estimate(s);
    expect(e.nodes.api!.arrivalRate).toBeCloseTo(19, 8);
    expect(e.nodes.api!.peakUtilization).toBeCloseTo(1, 8);
  });

  it('survives cycles and dangling edges', () => {
    const s = scenario(
      [
        { id: 'src', kind: 'source', label: 's', position: pos, arrival: { process: 'poisson', rate: 1 } },
        { id: 'a', kind: 'service', label: 'a', position: pos, workers: 1, work: exp(0.01) },
        { id: 'b', kind: 'service', label: 'b', position: pos, workers: 1, work: exp(0.01) },
      ],
      [
        { from: 'src', to: 'a' },
        { from: 'a', to: 'b', calls: 0.5 },
        { from: 'b', to: 'a' },
        { from: 'a', to: 'nowhere' },
      ],
    );
    const e = estimate(s);
    // The cycle a → b → a is invalid; its load is what enters it, not that load pushed round it again.
    expect(e.nodes.a!.arrivalRate).toBeCloseTo(1, 12);
    expect(e.nodes.b!.arrivalRate).toBeCloseTo(0.5, 12);
    expect(e.edges[2]).toBe(0);
    expect(Number.isFinite(e.nodes.a!.utilization!)).toBe(true);
  });
});

describe('estimate: invalid values', () => {
  const model = (apiWork: number, cacheHit: number, calls = 1) =>
    scenario(
      [
        { id: 'src', kind: 'source', label: 's', position: pos, arrival: { process: 'poisson', rate: 100 } },
        { id: 'gw', kind: 'gateway', label: 'g', position: pos, workers: 50, latency: exp(0.001) },
        { id: 'api', kind: 'service', label: 'a', position: pos, workers: 10, work: exp(apiWork) },
        { id: 'c', kind: 'cache', label: 'c', position: pos, workers: 10, latency: exp(0.001), hitRatio: cacheHit },
      ],
      [
        { from: 'src', to: 'gw' },
        { from: 'gw', to: 'api', calls },
        { from: 'gw', to: 'c' },
      ],
    );

  it('marks a node with a value outside its bound as invalid instead of estimating it with that value', () => {
    const e = estimate(model(1e9, 0.5));
    expect(e.nodes.api).toMatchObject({ invalid: true, utilization: null, arrivalRate: 0 });
    // The rest is estimated as before, and the bottleneck is not the invalid node.
    expect(e.nodes.gw!.invalid).toBeUndefined();
    expect(e.nodes.gw!.arrivalRate).toBeCloseTo(100, 10);
    expect(e.nodes.c!.arrivalRate).toBeCloseTo(100, 10);
    expect(e.bottleneck?.node).not.toBe('api');
    expect(e.edges).toHaveLength(3);
    expect(e.edges[1]).toBe(0);
  });

  it('a hit ratio of 1.5 is not used either', () => {
    const e = estimate(model(0.01, 1.5));
    expect(e.nodes.c!.invalid).toBe(true);
    expect(e.nodes.api!.utilization).toBeCloseTo(0.1, 10);
  });

  it('0 workers, which the schema refuses, is not estimated as an overload nor named the bottleneck', () => {
    const s = model(0.01, 0.5);
    const zeroWorkers = { ...s, nodes: s.nodes.map((n) => (n.id === 'api' ? { ...n, workers: 0 } : n)) };
    const e = estimate(zeroWorkers);
    expect(e.nodes.api).toMatchObject({ invalid: true, overloaded: false });
    expect(e.bottleneck?.node).not.toBe('api');
  });

  it('a call with an out-of-range count leaves its caller unestimated', () => {
    const e = estimate(model(0.01, 0.5, 1e9));
    expect(e.nodes.gw!.invalid).toBe(true);
    expect(e.nodes.api!.arrivalRate).toBe(0);
    expect(Object.values(e.nodes).every((n) => Number.isFinite(n.arrivalRate))).toBe(true);
  });
});

describe('estimate: network per hop and geometric call counts', () => {
  const chain = (call: Partial<Edge>) =>
    scenario(
      [
        { id: 'users', label: 'u', position: pos, kind: 'source', arrival: { process: 'poisson', rate: 40 } },
        { id: 'api', label: 'a', position: pos, kind: 'service', workers: 10, work: { dist: 'constant', value: 0.004 } },
        { id: 'db', label: 'd', position: pos, kind: 'database', workers: 4, latency: exp(0.01) },
      ],
      [{ from: 'users', to: 'api' }, { from: 'api', to: 'db', ...call }],
    );
  it('a call waits its wire time on top of the callee, and the caller holds its worker through it; the callee does not', () => {
    const e = estimate(chain({ latency: { dist: 'constant', value: 0.03 } }));
    expect(e.nodes.api!.holdTime).toBeCloseTo(0.004 + 0.03 + 0.01, 12);
    expect(e.nodes.users!.holdTime).toBeCloseTo(0.044, 12);
    expect(e.nodes.api!.workerUtilization).toBeCloseTo((40 * 0.044) / 10, 12);
    expect(e.nodes.db!.holdTime).toBeCloseTo(0.01, 12);
    expect(e.nodes.db!.workerUtilization).toBeCloseTo((40 * 0.01) / 4, 12);
  });
  it('uses the mean of any wire distribution, per class', () => {
    expect(estimate(chain({ latency: exp(0.02) })).nodes.users!.holdTime).toBeCloseTo(0.004 + 0.02 + 0.01, 12);
    const uniform = estimate(chain({ latency: { byClass: {}, default: { dist: 'uniform', min: 0.01, max: 0.03 } } }));
    expect(uniform.nodes.api!.holdTime).toBeCloseTo(0.004 + 0.02 + 0.01, 12);
  });
  it('a geometric count carries its mean: m·λ calls, m times (wire + callee) per visit', () => {
    const e = estimate(chain({ calls: { mean: 2.5, dist: 'geometric' }, latency: { dist: 'constant', value: 0.03 } }));
    expect(e.edges[1]).toBeCloseTo(2.5 * 40, 12);
    expect(e.nodes.db!.arrivalRate).toBeCloseTo(100, 12);
    expect(e.nodes.api!.holdTime).toBeCloseTo(0.004 + 2.5 * (0.03 + 0.01), 12);
    expect(e.nodes.db!.workerUtilization).toBeCloseTo((100 * 0.01) / 4, 12);
  });
});

describe('estimate: contention, database cpus and background work', () => {
  const chain = (api: Partial<ScenarioNode>, db: Partial<ScenarioNode>) =>
    scenario(
      [
        { id: 'users', label: 'u', position: pos, kind: 'source', arrival: { process: 'poisson', rate: 40 } },
        { id: 'api', label: 'a', position: pos, kind: 'service', workers: 10, work: { dist: 'constant', value: 0.004 }, ...api } as ScenarioNode,
        { id: 'db', label: 'd', position: pos, kind: 'database', workers: 100, latency: exp(0.01), ...db } as ScenarioNode,
      ],
      [{ from: 'users', to: 'api' }, { from: 'api', to: 'db' }],
    );
  it('background work adds to the node’s busy workers and CPUs, not to anyone’s latency', () => {
    const e = estimate(chain({ background: { dist: 'constant', value: 0.02 } }, {}));
    expect(e.nodes.users!.holdTime).toBeCloseTo(0.004 + 0.01, 12);
    expect(e.nodes.api!.ownTime).toBeCloseTo(0.004, 12);
    expect(e.nodes.api!.workerUtilization).toBeCloseTo((40 * (0.004 + 0.01 + 0.02)) / 10, 12);
    expect(e.nodes.api!.cpuUtilization).toBeCloseTo((40 * (0.004 + 0.02)) / 10, 12);
  });
  it('a database’s cpus are a limit of their own, beside its connections', () => {
    const e = estimate(chain({}, { cpus: 2, replicas: 2, readsOnPrimary: true }));
    expect(e.nodes.db!.cpuUtilization).toBeCloseTo((20 * 0.01) / 2, 12);
    expect(e.nodes.db!.workerUtilization).toBeCloseTo((20 * 0.01) / 100, 12);
    expect(e.nodes.db!.utilization).toBeCloseTo(0.1, 12);
    // Without cpus they are the connections, as before.
    expect(estimate(chain({}, {})).nodes.db!.cpuUtilization).toBeCloseTo((40 * 0.01) / 100, 12);
  });
  it('contention scales own work by f(n) at n = 1 + λ·S per replica, at most the CPUs', () => {
    // db: λ = 40 on one instance, S = 10 ms: n = 1.4, f = 1 + 0.1·0.4 + 0.05·1.4·0.4 = 1.068.
    const f = 1 + 0.1 * 0.4 + 0.05 * 1.4 * 0.4;
    const e = estimate(chain({}, { contention: { serial: 0.1, crosstalk: 0.05 } }));
    expect(e.nodes.db!.ownTime).toBeCloseTo(0.01 * f, 12);
    expect(e.nodes.users!.holdTime).toBeCloseTo(0.004 + 0.01 * f, 12);
    expect(e.nodes.db!.workerUtilization).toBeCloseTo((40 * 0.01 * f) / 100, 12);
    // Capped at one CPU: n = 1 and nothing is scaled.
    expect(estimate(chain({}, { cpus: 1, contention: { serial: 0.1, crosstalk: 0.05 } })).nodes.db!.ownTime).toBeCloseTo(0.01, 12);
    // Over 4 replicas each sees λ = 10: n = 1.1.
    const spread = estimate(chain({}, { replicas: 4, readsOnPrimary: true, contention: { serial: 0.1, crosstalk: 0.05 } }));
    expect(spread.nodes.db!.ownTime).toBeCloseTo(0.01 * (1 + 0.1 * 0.1 + 0.05 * 1.1 * 0.1), 12);
  });
});

describe('estimate: parallel calls', () => {
  // api calls users-svc (0.03), recs (0.05 + a 0.01 wire) and inventory (0.02, twice) as one group, then audit (0.004) on its own.
  const fanOut = (join?: Edge['join']) =>
    scenario(
      [
        { id: 'users', label: 'u', position: pos, kind: 'source', arrival: { process: 'poisson', rate: 50 } },
        { id: 'api', label: 'a', position: pos, kind: 'service', workers: 20, work: { dist: 'constant', value: 0.002 } },
        { id: 'profile', label: 'p', position: pos, kind: 'service', workers: 10, work: exp(0.03) },
        { id: 'recs', label: 'r', position: pos, kind: 'external', latency: exp(0.05) },
        { id: 'inventory', label: 'i', position: pos, kind: 'database', workers: 10, latency: exp(0.02) },
        { id: 'audit', label: 'l', position: pos, kind: 'external', latency: exp(0.004) },
      ],
      [
        { from: 'users', to: 'api' },
        { from: 'api', to: 'profile', group: 'page', ...(join ? { join } : {}) },
        { from: 'api', to: 'audit' },
        { from: 'api', to: 'recs', group: 'page', latency: { dist: 'constant', value: 0.01 } },
        { from: 'api', to: 'inventory', group: 'page', calls: 2 },
      ],
    );
  // Member means: profile 0.03, recs 0.06, inventory 2 × 0.02 = 0.04.
  it('a group takes the largest member mean with join "all" (a lower bound of E[max]), other calls add as before', () => {
    const e = estimate(fanOut());
    expect(e.nodes.api!.holdTime).toBeCloseTo(0.002 + 0.06 + 0.004, 12);
    expect(e.nodes.users!.holdTime).toBeCloseTo(0.066, 12);
    expect(e.nodes.api!.workerUtilization).toBeCloseTo((50 * 0.066) / 20, 12);
  });
  it('the smallest with "any", the k-th smallest with a quorum', () => {
    expect(estimate(fanOut('any')).nodes.api!.holdTime).toBeCloseTo(0.002 + 0.03 + 0.004, 12);
    expect(estimate(fanOut({ quorum: 2 })).nodes.api!.holdTime).toBeCloseTo(0.002 + 0.04 + 0.004, 12);
    expect(estimate(fanOut({ quorum: 3 })).nodes.api!.holdTime).toBeCloseTo(0.002 + 0.06 + 0.004, 12);
  });
  it('every member still gets its calls: the rates do not change', () => {
    const e = estimate(fanOut('any'));
    expect(e.nodes.profile!.arrivalRate).toBeCloseTo(50, 12);
    expect(e.nodes.recs!.arrivalRate).toBeCloseTo(50, 12);
    expect(e.nodes.inventory!.arrivalRate).toBeCloseTo(100, 12);
    expect(e.nodes.inventory!.workerUtilization).toBeCloseTo((100 * 0.02) / 10, 12);
  });
});

describe('estimate: weighted and heterogeneous replicas', () => {
  const at = (lambda: number, fields: Partial<ScenarioNode & { kind: 'service' }>) =>
    estimate(
      scenario(
        [
          { id: 'users', kind: 'source', label: 'u', position: pos, arrival: { process: 'poisson', rate: lambda } },
          { id: 'svc', kind: 'service', label: 's', position: pos, work: exp(0.01), workers: 1, ...fields } as ScenarioNode,
        ],
        [{ from: 'users', to: 'svc' }],
      ),
    ).nodes.svc!;

  it('the busiest replica’s utilization: share weight ÷ Σ weights, capacity × speed', () => {
    // 150/s over weights [2, 1, 1]: the first replica takes 75/s of 10 ms work.
    expect(at(150, { replicas: 3, balance: 'weighted', weights: [2, 1, 1] }).utilization).toBeCloseTo(0.75, 12);
    // Speeds [2, 1] under round robin: the slow replica's 75/s × 10 ms; weighted [2, 1]: both at 0.5.
    expect(at(150, { replicas: 2, speed: [2, 1] }).utilization).toBeCloseTo(0.75, 12);
    expect(at(150, { replicas: 2, speed: [2, 1], balance: 'weighted', weights: [2, 1] }).utilization).toBeCloseTo(0.5, 12);
    expect(at(70, { speed: [2] }).utilization).toBeCloseTo(0.35, 12);
  });

  it('no per-replica fields: the plain figure, to the bit', () => {
    expect(at(150, { replicas: 3, speed: [1, 1, 1] }).utilization).toBe(at(150, { replicas: 3 }).utilization);
  });
});

describe('estimate: weighted and heterogeneous database instances', () => {
  const reads = (fields: Partial<ScenarioNode & { kind: 'database' }>) =>
    estimate(
      scenario(
        [
          { id: 'users', kind: 'source', label: 'u', position: pos, arrival: { process: 'poisson', rate: 100 } },
          { id: 'db', kind: 'database', label: 'd', position: pos, latency: exp(0.01), workers: 4, replicas: 3, ...fields } as ScenarioNode,
        ],
        [{ from: 'users', to: 'db' }],
      ),
    ).nodes.db!;
  it('reads share the read replicas by weight; an instance’s work is divided by its speed', () => {
    // Weights [1, 3, 1]: replica 1 takes 3/4 of the reads (the primary's weight counts only with readsOnPrimary).
    expect(reads({ balance: 'weighted', weights: [1, 3, 1] }).utilization).toBeCloseTo((100 * 0.75 * 0.01) / 4, 12);
    expect(reads({ balance: 'weighted', weights: [2, 1, 1], readsOnPrimary: true }).utilization).toBeCloseTo((100 * 0.5 * 0.01) / 4, 12);
    // Speeds [1, 2, 1], even reads over the two replicas: the slow one at 50/s × 10 ms.
    expect(reads({ speed: [1, 2, 1] }).utilization).toBeCloseTo((50 * 0.01) / 4, 12);
    expect(reads({ speed: [1, 0.5, 1] }).utilization).toBeCloseTo((50 * 0.02) / 4, 12);
  });
});

describe('estimate: shared hosts and partitions', () => {
  const pair = (scale: number, host: { cpus: number; replicas?: number }, replicas = 1) =>
    estimate(
      scenario(
        [
          { id: 'ua', kind: 'source', label: 'a', position: pos, arrival: { process: 'poisson', rate: 30 * scale } },
          { id: 'ub', kind: 'source', label: 'b', position: pos, arrival: { process: 'poisson', rate: 20 * scale } },
          { id: 'app', kind: 'service', label: 'app', position: pos, work: exp(0.01), host: 'pod', replicas },
          { id: 'sidecar', kind: 'service', label: 'sc', position: pos, work: { dist: 'constant', value: 0.02 }, host: 'pod', replicas },
        ],
        [{ from: 'ua', to: 'app' }, { from: 'ub', to: 'sidecar' }],
        { hosts: [{ id: 'pod', ...host }] },
      ),
    );
  it('a host’s utilization is the sum of its nodes’ CPU demand over its CPUs, per copy', () => {
    const e = pair(1, { cpus: 1 });
    expect(e.hosts!.pod).toBeCloseTo(30 * 0.01 + 20 * 0.02, 12);
    expect(e.nodes.app!.hostUtilization).toBeCloseTo(0.7, 12);
    expect(e.nodes.sidecar!.utilization).toBeCloseTo(0.7, 12);
    expect(e.nodes.app!.overloaded).toBe(false);
    const twice = pair(2, { cpus: 1 });
    expect(twice.nodes.app!.utilization).toBeCloseTo(1.4, 12);
    expect(twice.nodes.app!.overloaded).toBe(true);
    expect(twice.bottleneck?.utilization).toBeCloseTo(1.4, 12);
    // Two copies, two replicas each: half the demand on each copy.
    expect(pair(2, { cpus: 1, replicas: 2 }, 2).hosts!.pod).toBeCloseTo(0.7, 12);
  });

  const consumer = (queue: Record<string, unknown>, workers?: number) =>
    estimate(
      scenario(
        [
          { id: 'p', kind: 'source', label: 'p', position: pos, arrival: { process: 'poisson', rate: 70 } },
          { id: 'q', kind: 'queue', label: 'q', position: pos, ...queue } as ScenarioNode,
          { id: 'w', kind: 'service', label: 'w', position: pos, work: exp(0.03), ...(workers === undefined ? {} : { workers }) },
        ],
        [{ from: 'p', to: 'q', mode: 'async' }, { from: 'q', to: 'w' }],
      ),
    ).nodes.w!;
  it('a consumer’s usable workers are min(workers × replicas, partitions), the hottest partition by its skew', () => {
    expect(consumer({}, 6).utilization).toBeCloseTo((70 * 0.03) / 6, 12);
    expect(consumer({ partitions: 3 }, 6).utilization).toBeCloseTo((70 * 0.03) / 3, 12);
    expect(consumer({ partitions: 12 }, 6).utilization).toBeCloseTo((70 * 0.03) / 6, 12);
    expect(consumer({ partitions: 3 }).utilization).toBeCloseTo((70 * 0.03) / 3, 12);
    // Skew 0.25 over 3: the hot partition takes half the messages, one at a time.
    const skewed = consumer({ partitions: 3, partitionSkew: 0.25 }, 6);
    expect(skewed.utilization).toBeCloseTo(70 * 0.5 * 0.03, 12);
    expect(skewed.overloaded).toBe(true);
  });
});

describe('estimate: CoDel shedding', () => {
  it('is of offered load: an overloaded node with CoDel shows utilization 2 and passes every call on, as without it', () => {
    const chain = (shed?: { codel: { target?: number; interval?: number } }) =>
      scenario(
        [
          { id: 'users', kind: 'source', label: 'u', position: pos, arrival: { process: 'poisson', rate: 200 } },
          { id: 'api', kind: 'service', label: 'a', position: pos, workers: 1, work: exp(0.01), ...(shed ? { shed } : {}) },
          { id: 'db', kind: 'database', label: 'd', position: pos, latency: exp(0.002), workers: 10 },
        ],
        [
          { from: 'users', to: 'api' },
          { from: 'api', to: 'db' },
        ],
      );
    const plain = estimate(chain());
    const codel = estimate(chain({ codel: {} }));
    expect(codel.nodes.api!.utilization).toBeCloseTo(2 + 200 * 0.002, 10);
    expect(codel.nodes.api!.overloaded).toBe(true);
    expect(codel.nodes.db!.arrivalRate).toBeCloseTo(200, 10);
    expect(codel).toEqual(plain);
  });
});
