/**
 * The bottleneck of layered models whose answer is known, and the holding breakdown it
 * is found from. Each model is run with two seeds: the verdict must not depend on luck.
 *
 * In every model below the top of the chain has its workers (nearly) all held, which
 * the old rule (the highest utilization) named as the bottleneck; the right answer is
 * the node whose own resource would raise throughput if it had more of it.
 */
import { describe, expect, it } from 'vitest';
import type { ResultDocument } from '../simulation/model/result';
import type { Scenario } from '../simulation/model/schema';
import { runScenarioInProcess } from '../simulation/runner/runScenario';
import { build, constant, edge, exponential, poissonSource, service, type Fields } from './helpers/build';
import { renderFinding, sentenceContext } from '../simulation/findings/render';
import { capacityPlan } from '../simulation/whatif/plan';

const seeds = [1, 7];

function run(scenario: Scenario): ResultDocument {
  return runScenarioInProcess(scenario);
}

/** A chain: each node calls the next one, synchronously. */
function layered(nodes: Fields[], runFor: Scenario['run']): ResultDocument {
  const edges = nodes.slice(1).map((n, k) => edge(String(nodes[k]!.id), String(n.id)));
  return run(build({ nodes, edges, run: runFor }));
}

function database(id: string, latency: number, workers: number, extra: Fields = {}): Fields {
  return { id, kind: 'database', workers, latency: exponential(latency), ...extra };
}

function holdingSum(r: ResultDocument, id: string): number {
  const h = r.nodes[id]!.holding!;
  return h.own + h.cpuWait + h.poolWait + Object.values(h.callees).reduce((s, x) => s + x, 0);
}

describe.each(seeds)('the bottleneck of layered models (seed %i)', (seed) => {
  const runFor = { duration: 40, warmup: 5, replications: 2, seed };

  it('a saturated database behind held api workers: db (connections), api held up by it', () => {
    // db serves at most 8 / 20 ms = 400/s; 450/s are offered. api's CPUs do 2 ms per
    // request: 400 × 2 ms / 8 CPUs = 10% busy, yet its 64 workers are all held.
    const r = layered(
      [poissonSource('users', 450), service('api', exponential(0.002), { replicas: 2, workers: 32, cpus: 4 }), database('db', 0.02, 8)],
      runFor,
    );
    expect(r.nodes.api!.utilization).toBeGreaterThan(0.97);
    expect(r.nodes.api!.cpuUtilization).toBeLessThan(0.2);
    const b = r.bottleneck!;
    expect(b.node).toBe('db');
    expect(b.resource).toBe('connections');
    expect(b.utilization).toBeGreaterThan(0.97);
    expect(b.heldUp?.[0]).toMatchObject({ node: 'api', waitingOn: 'db' });
    expect(b.heldUp![0]!.heldShare).toBeGreaterThan(0.97);
    expect(b.heldUp![0]!.waitShare).toBeGreaterThan(0.9);
    expect(b.explanation).toMatch(/^db is the bottleneck \(connections \d+% busy\); api's workers are \d+% held, \d+% of that time waiting on db/);
    expect(r.findings.find((f) => f.code === 'bottleneck')).toMatchObject({ node: 'db', severity: 'info', figures: { resource: 'connections', heldNode: 'api' } });
  });

  it('a chain of held callers: the database at the end, its callers held up nearest first', () => {
    const r = layered(
      [
        poissonSource('users', 450),
        { id: 'gw', kind: 'gateway', workers: 400, latency: constant(0.0005) },
        service('api', exponential(0.002), { replicas: 2, workers: 32, cpus: 4 }),
        database('db', 0.02, 8),
      ],
      runFor,
    );
    const b = r.bottleneck!;
    expect(b.node).toBe('db');
    expect(b.heldUp?.map((h) => [h.node, h.waitingOn])).toEqual([
      ['api', 'db'],
      ['gw', 'api'],
    ]);
    expect(b.explanation).toContain('(and 1 more caller held up along the chain)');
  });

  it('a connection pool too small: the caller, at its pool, not the idle database', () => {
    // 2 connections per api replica × 2 replicas at 10 ms: at most 400/s reach db, whose 50 connections stay mostly idle.
    const r = run(
      build({
        nodes: [poissonSource('users', 450), service('api', exponential(0.002), { replicas: 2, workers: 64, cpus: 8 }), database('db', 0.01, 50)],
        edges: [edge('users', 'api'), edge('api', 'db', { pool: 2 })],
        run: runFor,
      }),
    );
    const b = r.bottleneck!;
    expect(b.node).toBe('api');
    expect(b.resource).toBe('pool');
    expect(b.poolTo).toBe('db');
    expect(b.utilization).toBeGreaterThan(0.97);
    expect(r.nodes.db!.utilization).toBeLessThan(0.2);
    expect(r.nodes.api!.holding!.poolWait).toBeGreaterThan(0.5);
    expect(b.explanation).toMatch(/^api is the bottleneck \(its connection pool to db \d+% busy\)/);
  });

  it("a sharded database's pool is per shard: its busy share is of every shard's connections, never above 100%", () => {
    // 2 shards × 1 replica, each with a pool of 1 to the ledger (50 ms): 20/s split evenly keeps each pool 10 × 0.05 = 50% busy.
    const r = run(
      build({
        nodes: [poissonSource('users', 20), database('db', 0.001, 16, { shards: 2 }), { id: 'ledger', kind: 'external', latency: constant(0.05) }],
        edges: [edge('users', 'db'), edge('db', 'ledger', { pool: 1 })],
        run: { ...runFor, duration: 200 },
      }),
    );
    const b = r.bottleneck!;
    expect(b.node).toBe('db');
    expect(b.resource).toBe('pool');
    expect(b.utilization).toBeGreaterThan(0.45);
    expect(b.utilization).toBeLessThan(0.55);
  });

  it('a CPU-bound service behind a fast gateway: the service, at its CPUs', () => {
    // svc: 2 replicas × 2 CPUs at 10 ms = 400/s; 420/s offered. The gateway's workers all wait on svc.
    const r = layered(
      [
        poissonSource('users', 420),
        { id: 'gw', kind: 'gateway', workers: 200, latency: constant(0.001) },
        service('svc', exponential(0.01), { replicas: 2, workers: 16, cpus: 2 }),
      ],
      runFor,
    );
    expect(r.nodes.gw!.utilization).toBeGreaterThan(0.97);
    const b = r.bottleneck!;
    expect(b.node).toBe('svc');
    expect(b.resource).toBe('cpus');
    expect(b.heldUp?.map((h) => h.node)).toEqual(['gw']);
  });

  it('a closed population whose users are always busy: the database they wait on', () => {
    // 200 users with a 10 ms think time; db serves 10 / 5 ms = 2000/s, so each request
    // takes about 200 / 2000 − 10 ms = 90 ms and web's 200 workers are ~90% held.
    const r = layered(
      [
        { id: 'users', kind: 'source', arrival: { process: 'closed', users: 200, thinkTime: exponential(0.01) } },
        service('web', exponential(0.001), { workers: 200, cpus: 8 }),
        database('db', 0.005, 10),
      ],
      runFor,
    );
    const b = r.bottleneck!;
    expect(b.node).toBe('db');
    expect(b.utilization).toBeGreaterThan(0.97);
    expect(b.heldUp?.[0]?.node).toBe('web');
  });

  it('too few workers in front of a slow callee with headroom: the caller, at its workers (a software bottleneck)', () => {
    // api: 4 workers, each held 100 ms by an external API without a limit: at most 40/s; 50/s offered.
    const r = layered(
      [poissonSource('users', 50), service('api', constant(0.001), { workers: 4 }), { id: 'ext', kind: 'external', latency: constant(0.1) }],
      runFor,
    );
    const b = r.bottleneck!;
    expect(b.node).toBe('api');
    expect(b.resource).toBe('workers');
    expect(b.utilization).toBeGreaterThan(0.97);
    expect(r.nodes.api!.holding!.callees.ext).toBeGreaterThan(0.95);
  });

  it('a contention collapse: the contended database, though its connections have room and the callers are the ones saturated', () => {
    // db's work stretches by f(n) = 1 + 0.05(n − 1) + 0.02n(n − 1): at most about 650/s (at n ≈ 7), 800/s offered.
    // Once api's 32 workers are all held at db, n ≈ 32 and each query takes f(32) ≈ 22 times its 5 ms.
    const r = layered(
      [
        poissonSource('users', 800),
        service('api', constant(0.001), { workers: 32, cpus: 8 }),
        database('db', 0.005, 64, { contention: { serial: 0.05, crosstalk: 0.02 } }),
      ],
      runFor,
    );
    expect(r.nodes.api!.utilization).toBeGreaterThan(0.97);
    expect(r.nodes.db!.utilization).toBeLessThan(0.6);
    expect(r.nodes.db!.contentionStretch).toBeGreaterThan(10);
    const b = r.bottleneck!;
    expect(b.node).toBe('db');
    expect(b.resource).toBe('connections');
    expect(b.contentionStretch).toBeGreaterThan(10);
    expect(b.heldUp?.[0]).toMatchObject({ node: 'api', waitingOn: 'db' });
    expect(b.explanation).toMatch(/^db is the bottleneck \(contention stretches its work ×[\d.]+, with connections \d+% busy\); api's workers are/);
  });

  it('contention too light to matter leaves the verdict where it was: the caller short of workers', () => {
    const r = layered(
      [
        poissonSource('users', 50),
        service('api', constant(0.001), { workers: 4 }),
        database('db', 0.1, 64, { latency: constant(0.1), contention: { serial: 0.001, crosstalk: 0 } }),
      ],
      runFor,
    );
    expect(r.nodes.db!.contentionStretch).toBeGreaterThan(1);
    expect(r.nodes.db!.contentionStretch).toBeLessThan(1.01);
    expect(r.bottleneck!.node).toBe('api');
    expect(r.bottleneck!.contentionStretch).toBeUndefined();
  });

  it('a rate limit that turns requests away: the gateway, at its rate limit', () => {
    const r = layered(
      [poissonSource('users', 400), { id: 'gw', kind: 'gateway', rateLimit: { rate: 300, burst: 10 }, latency: constant(0.001) }, service('api', exponential(0.002), { workers: 8, cpus: 4 })],
      runFor,
    );
    const b = r.bottleneck!;
    expect(b.node).toBe('gw');
    expect(b.resource).toBe('rateLimit');
    expect(b.utilization).toBeGreaterThan(0.97);
  });

  it('a burst above a rate limit: the gateway, though its mean use over the run is lower than a busy service beside it', () => {
    // Shoppers at 100/s, five times that for 10 s, through a 300/s limit that turns away
    // about a third of the burst; over the run the limit is used about two thirds. A batch
    // job calls api directly at 150/s, so api's workers (12 × 25 ms, at most 480/s) are
    // busier on average, yet never saturated: more api would not raise what users get.
    const shoppers = poissonSource('shoppers', 100, { profile: [{ at: 0, scale: 1 }, { at: 20, scale: 5 }, { at: 30, scale: 1 }] });
    const r = run(
      build({
        nodes: [
          shoppers,
          poissonSource('batch', 150),
          { id: 'gw', kind: 'gateway', rateLimit: { rate: 300, burst: 10 }, latency: constant(0.001) },
          service('api', exponential(0.025), { workers: 12 }),
        ],
        edges: [edge('shoppers', 'gw'), edge('gw', 'api'), edge('batch', 'api')],
        run: runFor,
      }),
    );
    const b = r.bottleneck!;
    expect(r.nodes.gw!.rejected).toBeGreaterThan(0.05);
    expect(r.nodes.api!.utilization!).toBeLessThan(0.9);
    expect(b).toMatchObject({ node: 'gw', resource: 'rateLimit' });
    expect(b.utilization).toBeLessThan(r.nodes.api!.utilization!);
    expect(b.rejected).toBeCloseTo(r.nodes.gw!.rejected, 10);
    expect(b.explanation).toMatch(/^gw is the bottleneck \(its rate limit turns away \d+\.\d% of its arrivals\)/);
  });

  it('a full queue that turns requests away: that node, at its workers', () => {
    const r = layered([poissonSource('users', 500), service('api', exponential(0.02), { workers: 8, queue: 20 })], runFor);
    const b = r.bottleneck!;
    expect(r.nodes.api!.rejected).toBeGreaterThan(0.05);
    expect(b).toMatchObject({ node: 'api', resource: 'workers' });
    expect(b.explanation).toMatch(/^api is the bottleneck \(its queue limit \(workers \d+% busy\) turns away \d+\.\d% of its arrivals\)/);
  });
});

describe('the holding breakdown', () => {
  it('adds up to 1 and matches theory on an M/M/1 CPU and an M/M/1 database', () => {
    // api: unlimited workers, 1 CPU, work exponential 10 ms at 50/s: M/M/1 with ρ = 0.5,
    // so a request waits ρ/(μ − λ) = 10 ms for the CPU and works 10 ms. db: M/M/1 at
    // 10 ms, so the call takes 1/(μ − λ) = 20 ms. Held time per request 40 ms: own 1/4,
    // CPU wait 1/4, db 1/2.
    const r = run(
      build({
        nodes: [poissonSource('users', 50), service('api', exponential(0.01), { cpus: 1 }), database('db', 0.01, 1)],
        edges: [edge('users', 'api'), edge('api', 'db')],
        run: { duration: 2000, warmup: 50, replications: 3, seed: 11 },
      }),
    );
    const h = r.nodes.api!.holding!;
    expect(holdingSum(r, 'api')).toBeCloseTo(1, 9);
    expect(h.own).toBeCloseTo(0.25, 1);
    expect(Math.abs(h.own - 0.25)).toBeLessThan(0.015);
    expect(Math.abs(h.cpuWait - 0.25)).toBeLessThan(0.015);
    expect(Math.abs(h.callees.db! - 0.5)).toBeLessThan(0.02);
    expect(h.poolWait).toBe(0);
    // Own work share = service time ÷ response time, measured the same way.
    expect(Math.abs(h.own - 0.01 / r.nodes.api!.responseTime)).toBeLessThan(0.01);
    // The database does only its own work.
    expect(r.nodes.db!.holding).toEqual({ own: expect.closeTo(1, 9), cpuWait: 0, poolWait: 0, callees: {} });
  });

  it('counts pool waits and retries against the edge they wait on, and adds up to 1 with each', () => {
    const r = run(
      build({
        nodes: [
          poissonSource('users', 300),
          service('api', exponential(0.002), { replicas: 2, workers: 64, cpus: 2 }),
          database('db', 0.01, 4),
          { id: 'cache', kind: 'cache', workers: 1, latency: constant(0.0005), hitRatio: 0.5 },
        ],
        edges: [edge('users', 'api'), edge('api', 'cache'), edge('api', 'db', { pool: 3, timeout: 0.05, retries: { max: 1, backoff: 0.01 } })],
        run: { duration: 30, warmup: 5, replications: 2, seed: 3 },
      }),
    );
    for (const id of ['api', 'db', 'cache']) expect(holdingSum(r, id), id).toBeCloseTo(1, 9);
    const h = r.nodes.api!.holding!;
    expect(h.poolWait).toBeGreaterThan(0);
    expect(Object.keys(h.callees).sort()).toEqual(['cache', 'db']);
  });
});

describe.each(seeds)('a consumer limited by its queue’s partitions (seed %i)', (seed) => {
  // 3 partitions under 6 exponential consumer workers of 30 ms: at most 3 messages in hand,
  // so capacity is 3 ÷ 30 ms = 100/s. At 95/s the partitions are 95% in hand while the
  // workers are under half busy; more workers or replicas would sit idle.
  const S = 0.03;
  const broker = (rate: number, queue: Fields, consumer: Fields) =>
    run(
      build({
        nodes: [poissonSource('producers', rate), { id: 'orders', kind: 'queue', ...queue }, service('worker', exponential(S), consumer)],
        edges: [edge('producers', 'orders', { mode: 'async' }), edge('orders', 'worker')],
        run: { duration: 300, warmup: 30, replications: 3, seed },
      }),
    );

  it('3 partitions, 6 workers, load near 3 workers’ capacity: the partitions are named, and more consumers will not help', () => {
    const rate = 95;
    const r = broker(rate, { partitions: 3 }, { workers: 6 });
    const b = r.bottleneck!;
    expect(b.node).toBe('worker');
    expect(b.resource).toBe('partitions');
    expect(b.partitionsOf).toBe('orders');
    expect(b.partitions).toBe(3);
    expect(b.consumers).toBe(6);
    // In hand: λ·S ÷ 3 by Little's law; the workers are half as busy.
    expect(b.utilization).toBeGreaterThan((rate * S) / 3 - 0.04);
    expect(b.utilization).toBeLessThan((rate * S) / 3 + 0.04);
    expect(r.nodes.worker!.utilization!).toBeLessThan(0.55);
    expect(b.explanation).toContain('the 3 partitions of orders');
    expect(b.explanation).toContain('more consumer workers or replicas will not help');
    expect(b.explanation).not.toMatch(/workers \d+% busy|CPUs \d+% busy/);
    const finding = r.findings.find((f) => f.code === 'bottleneck')!;
    expect(renderFinding(finding, sentenceContext('zh-CN'))).toContain('增加消费者的工作线程或副本无济于事');
    // Doubling the consumer's replicas changes nothing: the same partitions stay the limit.
    const twice = broker(rate, { partitions: 3 }, { workers: 6, replicas: 2 });
    expect(twice.bottleneck!.resource).toBe('partitions');
    expect(twice.bottleneck!.consumers).toBe(12);
    expect(twice.nodes.worker!.throughput).toBeLessThan(3 / S);
  });

  it('without partitions, or with fewer workers than partitions, the workers are the limit as before', () => {
    const plain = broker(95, {}, { workers: 6 });
    expect(plain.bottleneck!.resource).not.toBe('partitions');
    expect(plain.bottleneck!.partitionsOf).toBeUndefined();
    // 2 workers under 3 partitions: the workers bind first (95% busy at 63/s).
    const few = broker(63, { partitions: 3 }, { workers: 2 });
    expect(['workers', 'cpus']).toContain(few.bottleneck!.resource);
    expect(few.bottleneck!.utilization).toBeGreaterThan(0.85);
  });
});

describe('a capacity plan against a partition limit', () => {
  it('does not add consumer replicas beyond the partitions: it says partitions are the limit', async () => {
    // 3 partitions of 30 ms messages take at most 100/s; 110/s is offered, so the backlog grows whatever the replicas.
    const s = build({
      nodes: [poissonSource('producers', 50), { id: 'orders', kind: 'queue', partitions: 3 }, service('worker', exponential(0.03), { workers: 6 })],
      edges: [edge('producers', 'orders', { mode: 'async' }), edge('orders', 'worker')],
      run: { duration: 120, warmup: 10, replications: 2, seed: 3 },
    });
    const plan = await capacityPlan(s, { load: 110, nodes: ['worker'], maxReplicas: 8 }, async (x) => runScenarioInProcess(x));
    expect(plan.found).toBe(false);
    expect(plan.finding.code).toBe('plan.partitionsLimit');
    expect(plan.finding.figures).toMatchObject({ queue: 'orders', partitions: 3 });
    // Only the start was simulated, at the replicas the consumer already had.
    expect(plan.steps).toHaveLength(1);
    expect(plan.assignment.worker!.replicas).toBe(1);
    expect(plan.explanation).toContain('more replicas cannot meet the SLO');
    expect(renderFinding(plan.finding, sentenceContext('zh-CN'))).toContain('应增加分区');
  });
});
