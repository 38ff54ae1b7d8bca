/**
 * Overload: a queue that grows without bound must be reported (stable = false, a
 * warning naming the node), and a run whose live requests would exhaust memory must
 * stop early at the engine's cap, with bounded work, and say so.
 */
import { describe, expect, it } from 'vitest';
import { compileScenario } from '../../simulation/engine/compile';
import { Engine, maxLiveVisits } from '../../simulation/engine/engine';
import { build, edge, exponential, poissonSource, service, singleStation } from '../helpers/build';
import { replicate } from '../helpers/replicate';

/** A cache that misses every time, its misses sharing one connection to a 20 ms database (capacity 50/s). */
function cacheBehindOneConnection(rate: number) {
  return build({
    nodes: [poissonSource('users', rate), { id: 'cache', kind: 'cache', workers: 1, hitRatio: 0, latency: exponential(0.0005) }, service('db', exponential(0.02))],
    edges: [edge('users', 'cache'), edge('cache', 'db', { pool: 1 })],
    run: { duration: 20, warmup: 2, replications: 2, seed: 65 },
  });
}

describe('stability', () => {
  it('an M/M/1 at ρ = 1.3 is unstable, and the warning names the node', () => {
    // The queue grows by λ − μ = 30/s: 600 over 20 s, far above both thresholds
    // (100, and 2% of the 2,600 arrivals).
    const r = replicate(singleStation(130, { workers: 1, work: exponential(0.01) }, { duration: 20, warmup: 2, replications: 2, seed: 61 })).combined;
    expect(r.stable).toBe(false);
    expect(r.warnings.some((w) => w.startsWith('svc'))).toBe(true);
    expect(r.nodes.svc!.utilization).toBeGreaterThan(0.99);
    // Throughput is capped by the service rate.
    expect(r.summary.throughput).toBeLessThan(105);
  });

  it('an M/M/1 at ρ = 0.8 over the same window is stable and warns about nothing', () => {
    const r = replicate(singleStation(80, { workers: 1, work: exponential(0.01) }, { duration: 20, warmup: 2, replications: 2, seed: 61 })).combined;
    expect(r.stable).toBe(true);
    expect(r.warnings).toEqual([]);
  });

  it('an unstable broker backlog is reported as a backlog', () => {
    const s = build({
      nodes: [poissonSource('users', 200), { id: 'broker', kind: 'queue' }, service('worker', exponential(0.01), { workers: 1 })],
      edges: [edge('users', 'broker', { mode: 'async' }), edge('broker', 'worker')],
      run: { duration: 20, warmup: 0, replications: 1, seed: 62 },
    });
    const r = replicate(s).combined;
    expect(r.stable).toBe(false);
    expect(r.warnings.find((w) => w.startsWith('broker'))).toMatch(/backlog/);
  });

  it('an asyncio server whose one CPU is offered 1.5× its capacity is unstable, and the warning says CPUs', () => {
    // Unlimited workers: nobody waits for a worker, everyone waits for the CPU (its line grows by about 50/s).
    const r = replicate(singleStation(150, { cpus: 1, work: exponential(0.01) }, { duration: 20, warmup: 2, replications: 2, seed: 64 })).combined;
    expect(r.stable).toBe(false);
    expect(r.warnings.find((w) => w.startsWith('svc'))).toMatch(/CPUs 100%/);
    expect(r.nodes.svc!.queueLength).toBe(0);
  });

  it("a cache whose misses overload their one-connection pool is unstable, and the warning names the pool", () => {
    // Misses give the cache's worker back and queue for the pool: 80 misses/s against 50/s of connection.
    const r = replicate(cacheBehindOneConnection(80)).combined;
    expect(r.stable).toBe(false);
    expect(r.warnings.find((w) => w.startsWith('cache'))).toMatch(/connection pool to db 100% busy/);
    expect(r.edges[1]!.poolUtilization).toBeGreaterThan(0.99);
    expect(r.edges[0]!.poolUtilization).toBeUndefined();
  });

  it('the same cache at 60% of its pool is stable', () => {
    const r = replicate(cacheBehindOneConnection(30)).combined;
    expect(r.stable).toBe(true);
    expect(r.edges[1]!.poolUtilization).toBeGreaterThan(0.5);
    expect(r.edges[1]!.poolUtilization).toBeLessThan(0.7);
  });

  it(`a run that would hold more than maxLiveVisits (${maxLiveVisits}) requests stops early, unstable`, () => {
    // 10^6 arrivals/s into one worker of mean 1 s: every request stays, each as two
    // live visits (the source's and the service's), so the cap is reached after about
    // maxLiveVisits / 2 arrivals, well within the first simulated second.
    const s = singleStation(1e6, { workers: 1, work: exponential(1) }, { duration: 10, warmup: 0, replications: 1, seed: 63 });
    const model = compileScenario(s);
    const engine = new Engine(model, 0);
    let chunks = 0;
    while (!engine.run(250_000)) chunks++;
    const tally = engine.tally();
    expect(tally.stoppedEarly).toMatch(/stopped at t=/);
    expect(tally.stoppedEarly).toMatch(/svc/);
    expect(tally.measured).toBeGreaterThan(0);
    expect(tally.measured).toBeLessThan(s.run.duration);
    // Bounded work: about one arrival event and one source event per request up to the cap.
    expect(engine.events).toBeLessThan(3 * maxLiveVisits);
    expect(chunks).toBeLessThan(50);
  });

  it('the result of a capped run is unstable and explains why', () => {
    const s = singleStation(1e6, { workers: 1, work: exponential(1) }, { duration: 10, warmup: 0, replications: 1, seed: 63 });
    const r = replicate(s).combined;
    expect(r.stable).toBe(false);
    expect(r.warnings[0]).toMatch(/^stopped early in 1 of 1 replications/);
    // Rates are over the time actually simulated, not the requested duration.
    expect(r.summary.offered).toBeGreaterThan(0.9e6);
    expect(r.summary.offered).toBeLessThan(1.1e6);
  });
});
