/**
 * Single stations and small networks against exact queueing theory.
 *
 * How the tolerances work (see tests/helpers/replicate.ts): each scenario runs
 * several independent replications; the theory value must lie inside the 99.9%
 * Student-t interval of their mean, widened by a small allowance for the bias of a
 * finite run (the transient after warm-up and the requests cut off at the end: of
 * order E[R]/duration, well under 1% here). The same check also demands that the
 * interval be narrow (`precision`, a few percent of the value), so a wrong engine
 * cannot pass by being noisy. Run lengths were chosen for that precision at a total
 * of roughly a million requests per scenario.
 */
import { describe, expect, it } from 'vitest';
import { build, constant, edge, exponential, poissonSource, service, singleStation } from '../helpers/build';
import { erlangC, gim1Response, mm1k, mmcQueueLength, mmcWait, mva, pkResponse } from '../helpers/queueing';
import { expectNear, per, replicate } from '../helpers/replicate';

const mu = 100;
const work = exponential(1 / mu);

describe('M/M/c', () => {
  it('M/M/2 matches Erlang C: wait, response, queue length, utilization', () => {
    const lambda = 140;
    const r = replicate(singleStation(lambda, { workers: 2, work }, { duration: 1500, warmup: 20, replications: 10, seed: 11 }));
    const wq = mmcWait(lambda, mu, 2);
    expect(erlangC(2, 1.4)).toBeCloseTo(0.5765, 4); // table value, checks the helper itself
    expectNear('waitTime', per(r, (d) => d.nodes.svc!.waitTime), wq, { bias: 0.01, precision: 0.05 });
    expectNear('latency.mean', per(r, (d) => d.summary.latency.mean), wq + 1 / mu, { bias: 0.01, precision: 0.03 });
    expectNear('queueLength', per(r, (d) => d.nodes.svc!.queueLength), mmcQueueLength(lambda, mu, 2), { bias: 0.01, precision: 0.05 });
    expectNear('utilization', per(r, (d) => d.nodes.svc!.utilization!), lambda / (2 * mu), { bias: 0.002, precision: 0.01 });
  });

  it('two single-worker replicas: a random split is two M/M/1 at λ/2; round-robin is E2/M/1 and better', () => {
    const lambda = 140;
    const run = { duration: 1200, warmup: 20, replications: 10, seed: 12 };
    const random = replicate(singleStation(lambda, { replicas: 2, workers: 1, balance: 'random', work }, run));
    const rr = replicate(singleStation(lambda, { replicas: 2, workers: 1, balance: 'round-robin', work }, run));
    const mm1 = 1 / (mu - lambda / 2);
    // Each replica sees every other arrival: Erlang-2 interarrivals with LST (λ/(λ+s))².
    const e2m1 = gim1Response((s) => (lambda / (lambda + s)) ** 2, mu);
    expectNear('random latency.mean', per(random, (d) => d.summary.latency.mean), mm1, { bias: 0.01, precision: 0.04 });
    expectNear('round-robin latency.mean', per(rr, (d) => d.summary.latency.mean), e2m1, { bias: 0.01, precision: 0.04 });
    expect(rr.combined.summary.latency.mean).toBeLessThan(random.combined.summary.latency.mean);
    // …and no split can beat one shared queue (M/M/2).
    expect(rr.combined.summary.latency.mean).toBeGreaterThan(mmcWait(lambda, mu, 2) + 1 / mu);
    expect(random.combined.nodes.svc!.replicas).toBe(2);
  });
});

describe('M/G/1 (Pollaczek–Khinchine)', () => {
  const cases = [
    // name, service distribution, λ, E[S], E[S²]
    ['uniform [0, 20 ms]', { dist: 'uniform', min: 0, max: 0.02 }, 60, 0.01, 0.02 ** 2 / 3],
    ['lognormal cv 1.5', { dist: 'lognormal', mean: 0.01, cv: 1.5 }, 50, 0.01, 0.01 ** 2 * (1 + 1.5 ** 2)],
    ['hyperexponential cv 2', { dist: 'hyperexponential', mean: 0.01, cv: 2 }, 50, 0.01, 0.01 ** 2 * (1 + 2 ** 2)],
    ['erlang-4', { dist: 'erlang', mean: 0.01, k: 4 }, 70, 0.01, 0.01 ** 2 * (1 + 1 / 4)],
  ] as const;
  it.each(cases)('%s', (_name, dist, lambda, meanS, secondMoment) => {
    // Heavy tails converge slowly: longer runs for the high-variance services.
    const duration = secondMoment / meanS ** 2 > 3 ? 4000 : 1200;
    const r = replicate(singleStation(lambda, { workers: 1, work: dist }, { duration, warmup: 20, replications: 10, seed: 13 }));
    const response = pkResponse(lambda, meanS, secondMoment);
    expectNear('latency.mean', per(r, (d) => d.summary.latency.mean), response, { bias: 0.01, precision: 0.04 });
    expectNear('waitTime', per(r, (d) => d.nodes.svc!.waitTime), response - meanS, { bias: 0.01, precision: 0.06 });
    expectNear('utilization', per(r, (d) => d.nodes.svc!.utilization!), lambda * meanS, { bias: 0.002, precision: 0.02 });
  });
});

describe('M/M/1', () => {
  it('p99 of the response time is ln(100)/(μ − λ), p50 is ln(2)/(μ − λ)', () => {
    const lambda = 50;
    const r = replicate(singleStation(lambda, { workers: 1, work }, { duration: 1200, warmup: 10, replications: 10, seed: 14 }));
    // Response time of FCFS M/M/1 is exponential with rate μ − λ. The histogram adds
    // at most 0.1% (documented precision): inside the bias allowance.
    expectNear('p99', per(r, (d) => d.summary.latency.p99), Math.log(100) / (mu - lambda), { bias: 0.005, precision: 0.04 });
    expectNear('p50', per(r, (d) => d.summary.latency.p50), Math.log(2) / (mu - lambda), { bias: 0.005, precision: 0.03 });
    expectNear('p90', per(r, (d) => d.summary.latency.p90), Math.log(10) / (mu - lambda), { bias: 0.005, precision: 0.03 });
    // The document's own interval for p99 (95%) holds the combined mean.
    const [lo, hi] = r.combined.summary.latencyCi.p99;
    expect(lo).toBeLessThanOrEqual(r.combined.summary.latency.p99);
    expect(hi).toBeGreaterThanOrEqual(r.combined.summary.latency.p99);
  });

  it('M/M/1/5 (one worker, four waiting places) at ρ = 1.2 rejects the blocking probability', () => {
    const lambda = 120;
    const r = replicate(singleStation(lambda, { workers: 1, queue: 4, work }, { duration: 400, warmup: 10, replications: 10, seed: 15 }));
    const t = mm1k(lambda, mu, 5);
    expectNear('nodes.svc.rejected', per(r, (d) => d.nodes.svc!.rejected), t.blocking, { bias: 0.005, precision: 0.04 });
    expectNear('errors.rejected', per(r, (d) => d.summary.errors.rejected), t.blocking, { bias: 0.005, precision: 0.04 });
    expectNear('latency.mean', per(r, (d) => d.summary.latency.mean), t.response, { bias: 0.005, precision: 0.03 });
    expectNear('utilization', per(r, (d) => d.nodes.svc!.utilization!), t.utilization, { bias: 0.002, precision: 0.02 });
    expectNear('throughput', per(r, (d) => d.summary.throughput), lambda * (1 - t.blocking), { bias: 0.002, precision: 0.02 });
    expect(r.combined.stable).toBe(true);
  });

  it('D/D/1 with service shorter than the gap never waits', () => {
    const s = build({
      nodes: [{ id: 'users', kind: 'source', arrival: { process: 'constant', rate: 50 } }, service('svc', constant(0.015), { workers: 1 })],
      edges: [edge('users', 'svc')],
      run: { duration: 100, warmup: 1, replications: 2, seed: 16 },
    });
    const r = replicate(s).combined;
    expect(r.nodes.svc!.waitTime).toBe(0);
    expect(r.nodes.svc!.queueLength).toBe(0);
    expect(r.summary.latency.mean).toBeCloseTo(0.015, 12);
    expect(r.summary.latency.max).toBeCloseTo(0.015, 12);
    expect(Math.abs(r.summary.latency.p99 - 0.015)).toBeLessThanOrEqual(0.015 * 1e-3);
    expect(r.nodes.svc!.utilization).toBeCloseTo(50 * 0.015, 3);
    // Exactly one arrival every 20 ms: 100 s hold 5000 of them (± the one at the edge).
    expect(Math.abs(r.summary.offered * 100 - 5000)).toBeLessThanOrEqual(1);
  });

  it('workers = 8, cpus = 1 is an M/M/1 in its CPU', () => {
    const lambda = 70;
    const rho = lambda / mu;
    const r = replicate(singleStation(lambda, { workers: 8, cpus: 1, work }, { duration: 1200, warmup: 20, replications: 10, seed: 17 }));
    // FCFS for a worker, then FCFS for the one CPU, no preemption: the CPU serves in
    // arrival order, so the sojourn is that of M/M/1 whatever the worker limit.
    expectNear('latency.mean', per(r, (d) => d.summary.latency.mean), 1 / (mu - lambda), { bias: 0.01, precision: 0.04 });
    expectNear('inFlight', per(r, (d) => d.nodes.svc!.inFlight), rho / (1 - rho), { bias: 0.01, precision: 0.05 });
    expectNear('cpuUtilization', per(r, (d) => d.nodes.svc!.cpuUtilization!), rho, { bias: 0.002, precision: 0.02 });
    // Busy workers = min(N, 8) with N geometric: E[min(N, 8)] = Σ_{k=1..8} ρ^k.
    const busy = (rho * (1 - rho ** 8)) / (1 - rho);
    expectNear('utilization', per(r, (d) => d.nodes.svc!.utilization!), busy / 8, { bias: 0.005, precision: 0.03 });
    // Waiting for a worker needs N ≥ 8 on arrival: P = ρ^8; the CPU wait is the rest of M/M/1's wait.
    expect(r.combined.nodes.svc!.cpuWaitTime!).toBeGreaterThan(0);
  });
});

describe('networks', () => {
  it('a source calling two M/M/1 services in turn sees the sum of their response times (Jackson tandem)', () => {
    const lambda = 50;
    const s = build({
      nodes: [poissonSource('users', lambda), service('a', exponential(0.01), { workers: 1 }), service('b', exponential(0.0125), { workers: 1 })],
      edges: [edge('users', 'a'), edge('users', 'b')],
      run: { duration: 1200, warmup: 20, replications: 10, seed: 18 },
    });
    const r = replicate(s);
    // b's arrivals are a's departures: Poisson by Burke's theorem.
    const ra = 1 / (100 - lambda);
    const rb = 1 / (80 - lambda);
    expectNear('a.responseTime', per(r, (d) => d.nodes.a!.responseTime), ra, { bias: 0.01, precision: 0.04 });
    expectNear('b.responseTime', per(r, (d) => d.nodes.b!.responseTime), rb, { bias: 0.01, precision: 0.04 });
    expectNear('latency.mean', per(r, (d) => d.summary.latency.mean), ra + rb, { bias: 0.01, precision: 0.04 });
  });

  it('a closed loop over two stations matches exact MVA', () => {
    const users = 8;
    const think = 0.5;
    const demands = [0.03, 0.05];
    const s = build({
      nodes: [
        { id: 'users', kind: 'source', arrival: { process: 'closed', users, thinkTime: exponential(think) } },
        service('s1', exponential(demands[0]!), { workers: 1 }),
        service('s2', exponential(demands[1]!), { workers: 1 }),
      ],
      edges: [edge('users', 's1'), edge('users', 's2')],
      run: { duration: 1600, warmup: 20, replications: 10, seed: 19 },
    });
    const t = mva(users, think, demands);
    // The helper against the validation case's published numbers (closed.json).
    expect(mva(10, 1, [0.05]).throughput).toBeCloseTo(9.240736627358542, 10);
    const r = replicate(s);
    expectNear('throughput', per(r, (d) => d.summary.throughput), t.throughput, { bias: 0.003, precision: 0.02 });
    expectNear('latency.mean', per(r, (d) => d.summary.latency.mean), t.response, { bias: 0.01, precision: 0.03 });
    expectNear('s2.responseTime', per(r, (d) => d.nodes.s2!.responseTime), t.perStation[1]!, { bias: 0.01, precision: 0.04 });
    expectNear('s2.utilization', per(r, (d) => d.nodes.s2!.utilization!), t.throughput * demands[1]!, { bias: 0.003, precision: 0.02 });
  });

  it('a broker feeding c single-worker consumers is one FCFS queue: M/M/c', () => {
    const lambda = 240;
    const c = 3;
    const s = build({
      nodes: [poissonSource('users', lambda), { id: 'broker', kind: 'queue', latency: constant(0) }, service('consumers', work, { replicas: c, workers: 1 })],
      edges: [edge('users', 'broker', { mode: 'async' }), edge('broker', 'consumers')],
      run: { duration: 1100, warmup: 20, replications: 10, seed: 20 },
    });
    const r = replicate(s);
    expectNear('broker.waitTime', per(r, (d) => d.nodes.broker!.waitTime), mmcWait(lambda, mu, c), { bias: 0.01, precision: 0.06 });
    expectNear('broker.backlog', per(r, (d) => d.nodes.broker!.backlog!), mmcQueueLength(lambda, mu, c), { bias: 0.01, precision: 0.07 });
    expectNear('consumers.utilization', per(r, (d) => d.nodes.consumers!.utilization!), lambda / (c * mu), { bias: 0.002, precision: 0.02 });
    expectNear('broker.throughput', per(r, (d) => d.nodes.broker!.throughput), lambda, { bias: 0.002, precision: 0.01 });
    // The consumers never queue on their own: the broker hands over only to a free worker.
    expect(r.combined.nodes.consumers!.waitTime).toBe(0);
  });

  it('a connection pool of 1 in front of an unlimited external is an M/M/1', () => {
    const lambda = 60;
    const s = build({
      nodes: [poissonSource('users', lambda), service('svc', constant(0)), { id: 'ext', kind: 'external', latency: work }],
      edges: [edge('users', 'svc'), edge('svc', 'ext', { pool: 1 })],
      run: { duration: 1200, warmup: 20, replications: 10, seed: 21 },
    });
    const r = replicate(s);
    expectNear('latency.mean', per(r, (d) => d.summary.latency.mean), 1 / (mu - lambda), { bias: 0.01, precision: 0.04 });
    expectNear('ext.responseTime', per(r, (d) => d.nodes.ext!.responseTime), 1 / mu, { bias: 0.003, precision: 0.02 });
    expectNear('ext.inFlight', per(r, (d) => d.nodes.ext!.inFlight), lambda / mu, { bias: 0.003, precision: 0.02 });
  });
});
