/**
 * The node kinds and edge features against what theory (or plain arithmetic on the
 * scenario) says they must do: cache hit ratios, database read/write routing and
 * shard skew, rate profiles, token buckets, timeouts, retries, circuit breakers,
 * faults and autoscaling. Tolerances as in theory.test.ts (99.9% interval over
 * replications plus a stated bias allowance, and a minimum precision); figures that
 * are exact by construction are checked exactly.
 */
import { describe, expect, it } from 'vitest';
import { build, constant, edge, exponential, poissonSource, service, singleStation } from '../helpers/build';
import { mm1k } from '../helpers/queueing';
import { expectNear, per, replicate } from '../helpers/replicate';

const mu = 100;
const work = exponential(1 / mu);

describe('calls', () => {
  it('a sync call holds the caller\'s worker: one worker in front of an external is an M/M/1', () => {
    const lambda = 60;
    const s = build({
      nodes: [poissonSource('users', lambda), service('svc', constant(0), { workers: 1 }), { id: 'ext', kind: 'external', latency: work }],
      edges: [edge('users', 'svc'), edge('svc', 'ext')],
      run: { duration: 1000, warmup: 20, replications: 10, seed: 51 },
    });
    const r = replicate(s);
    expectNear('latency.mean', per(r, (d) => d.summary.latency.mean), 1 / (mu - lambda), { bias: 0.01, precision: 0.04 });
    expectNear('svc.utilization', per(r, (d) => d.nodes.svc!.utilization!), lambda / mu, { bias: 0.003, precision: 0.02 });
    // Its CPU does nothing: the work is 0.
    expect(r.combined.nodes.svc!.cpuUtilization!).toBe(0);
  });

  it('per-class work at one FCFS worker: both classes wait the same P-K wait', () => {
    const lambda = 60;
    const s = build({
      classes: ['small', 'large'],
      nodes: [
        poissonSource('users', lambda, { mix: { small: 0.5, large: 0.5 } }),
        service('svc', { byClass: { small: exponential(0.005), large: exponential(0.015) } }, { workers: 1 }),
      ],
      edges: [edge('users', 'svc')],
      run: { duration: 1000, warmup: 20, replications: 10, seed: 52 },
    });
    const r = replicate(s);
    // Mixture of exponentials: E[S] = 0.01, E[S²] = ½·2·0.005² + ½·2·0.015² = 2.5e-4.
    const wait = (lambda * 2.5e-4) / (2 * (1 - lambda * 0.01));
    expectNear('small latency', per(r, (d) => d.classes.small!.latency.mean), wait + 0.005, { bias: 0.01, precision: 0.05 });
    expectNear('large latency', per(r, (d) => d.classes.large!.latency.mean), wait + 0.015, { bias: 0.01, precision: 0.04 });
    expectNear('small throughput', per(r, (d) => d.classes.small!.throughput), lambda / 2, { bias: 0.002, precision: 0.02 });
  });

  it('`calls` is the mean number of calls per visit, and class filters pick the calls', () => {
    const s = build({
      classes: ['a', 'b'],
      nodes: [
        poissonSource('users', 100, { mix: { a: 0.25, b: 0.75 } }),
        service('svc', constant(0)),
        { id: 'x', kind: 'external', latency: constant(0.001) },
        { id: 'y', kind: 'external', latency: constant(0.001) },
      ],
      edges: [edge('users', 'svc'), edge('svc', 'x', { calls: 2.5 }), edge('svc', 'y', { classes: ['a'], calls: 0.4 })],
      run: { duration: 200, warmup: 0, replications: 6, seed: 53 },
    });
    const r = replicate(s);
    expectNear('x arrivals', per(r, (d) => d.nodes.x!.arrivalRate), 250, { bias: 0.002, precision: 0.02 });
    expectNear('y arrivals', per(r, (d) => d.nodes.y!.arrivalRate), 100 * 0.25 * 0.4, { bias: 0.002, precision: 0.06 });
    // Calls are made one after another: a request of class a spends 2.5 + 0.4 calls × 1 ms.
    expectNear('class a latency', per(r, (d) => d.classes.a!.latency.mean), 0.0029, { bias: 0.002, precision: 0.03 });
    expectNear('class b latency', per(r, (d) => d.classes.b!.latency.mean), 0.0025, { bias: 0.002, precision: 0.03 });
  });

  it('an async call never fails its caller; the callee counts the rejection (Erlang B)', () => {
    const lambda = 75;
    const s = build({
      nodes: [poissonSource('users', lambda), service('svc', constant(0.001)), service('slow', work, { workers: 1, queue: 0 })],
      edges: [edge('users', 'svc'), edge('svc', 'slow', { mode: 'async' })],
      run: { duration: 500, warmup: 10, replications: 8, seed: 54 },
    });
    const r = replicate(s);
    const a = lambda / mu;
    expect(r.combined.summary.errorRate).toBe(0);
    // M/M/1/1: a loss system, blocking a / (1 + a).
    expectNear('slow.rejected', per(r, (d) => d.nodes.slow!.rejected), a / (1 + a), { bias: 0.003, precision: 0.02 });
    // The caller does not wait: its latency is its own 1 ms.
    expect(r.combined.summary.latency.mean).toBeCloseTo(0.001, 9);
  });

  it('a cache holds its worker only for the lookup, not across the miss', () => {
    const lambda = 50;
    const s = build({
      nodes: [poissonSource('users', lambda), { id: 'cache', kind: 'cache', workers: 1, latency: constant(0.001), hitRatio: 0 }, { id: 'db', kind: 'database', latency: exponential(0.05) }],
      edges: [edge('users', 'cache'), edge('cache', 'db')],
      run: { duration: 300, warmup: 10, replications: 6, seed: 55 },
    });
    const r = replicate(s);
    // Had the worker been held for the 50 ms query, one worker could not serve 50/s.
    expectNear('cache.utilization', per(r, (d) => d.nodes.cache!.utilization!), lambda * 0.001, { bias: 0.01, precision: 0.03 });
    expectNear('latency.mean', per(r, (d) => d.summary.latency.mean), 0.001 + 0.05, { bias: 0.003, precision: 0.03 });
    expect(r.combined.nodes.cache!.rejected).toBe(0);
  });
});

describe('sources', () => {
  it('a bursty source averages (r·burstEvery + r2·burstLength) / (burstEvery + burstLength)', () => {
    const s = build({
      nodes: [{ id: 'users', kind: 'source', arrival: { process: 'bursty', rate: 10, burstRate: 100, burstEvery: 5, burstLength: 1 } }, service('svc', constant(0.001))],
      edges: [edge('users', 'svc')],
      run: { duration: 4000, warmup: 0, replications: 10, seed: 56 },
    });
    const r = replicate(s);
    // Each calm + burst cycle (mean 6 s) brings 150 ± 112 requests: ±2.8% per replication.
    expectNear('offered', per(r, (d) => d.summary.offered), (10 * 5 + 100 * 1) / 6, { bias: 0.003, precision: 0.05 });
  });
});

describe('brokers', () => {
  it('a broker of capacity C in front of one single-worker consumer is an M/M/1/(C + 1)', () => {
    const lambda = 90;
    const s = build({
      nodes: [poissonSource('users', lambda), { id: 'broker', kind: 'queue', latency: constant(0), capacity: 4 }, service('c', work, { workers: 1 })],
      edges: [edge('users', 'broker', { mode: 'async' }), edge('broker', 'c')],
      run: { duration: 800, warmup: 10, replications: 8, seed: 57 },
    });
    const r = replicate(s);
    const t = mm1k(lambda, mu, 5);
    expectNear('broker.rejected', per(r, (d) => d.nodes.broker!.rejected), t.blocking, { bias: 0.005, precision: 0.05 });
    expectNear('c.utilization', per(r, (d) => d.nodes.c!.utilization!), t.utilization, { bias: 0.003, precision: 0.02 });
    // The publisher is answered when the broker accepts: a full broker is not its error.
    expect(r.combined.summary.errorRate).toBe(0);
  });

  it('every subscription gets every message (fan-out)', () => {
    const s = build({
      nodes: [poissonSource('users', 50), { id: 'broker', kind: 'queue' }, service('c1', constant(0.001)), service('c2', constant(0.001))],
      edges: [edge('users', 'broker', { mode: 'async' }), edge('broker', 'c1'), edge('broker', 'c2')],
      run: { duration: 100, warmup: 0, replications: 2, seed: 58 },
    });
    const r = replicate(s).combined;
    expect(r.nodes.c1!.arrivalRate).toBeCloseTo(r.summary.offered, 9);
    expect(r.nodes.c2!.arrivalRate).toBeCloseTo(r.summary.offered, 9);
    expect(r.nodes.broker!.throughput).toBeCloseTo(2 * r.summary.offered, 9);
  });
});

describe('cache', () => {
  it('measures the configured hit ratio and sends (1 − h)·λ to the database', () => {
    const lambda = 200;
    const h = 0.8;
    const s = build({
      nodes: [
        poissonSource('users', lambda),
        { id: 'cache', kind: 'cache', workers: 4, latency: constant(0.001), hitRatio: h },
        { id: 'db', kind: 'database', latency: exponential(0.005) },
      ],
      edges: [edge('users', 'cache'), edge('cache', 'db')],
      run: { duration: 300, warmup: 5, replications: 6, seed: 31 },
    });
    const r = replicate(s);
    // Binomial: 60,000 lookups per replication, sd of the ratio 0.0016.
    expectNear('cache.hitRatio', per(r, (d) => d.nodes.cache!.hitRatio!), h, { precision: 0.01 });
    expectNear('db.arrivalRate', per(r, (d) => d.nodes.db!.arrivalRate), (1 - h) * lambda, { bias: 0.002, precision: 0.03 });
    // Every request takes the lookup; a miss adds the database's response.
    expectNear('latency.mean', per(r, (d) => d.summary.latency.mean), 0.001 + (1 - h) * 0.005, { bias: 0.002, precision: 0.03 });
    expect(r.combined.nodes.cache!.throughput).toBeCloseTo(r.combined.summary.throughput, 6);
  });
});

describe('database routing', () => {
  const lambda = 100;
  const writeShare = 0.3;
  const db = (fields: Record<string, unknown>) =>
    build({
      classes: ['read', 'write'],
      nodes: [
        poissonSource('users', lambda, { mix: { read: 1 - writeShare, write: writeShare } }),
        { id: 'db', kind: 'database', replicas: 3, workers: 1, balance: 'random', latency: work, writes: ['write'], ...fields },
      ],
      edges: [edge('users', 'db')],
      run: { duration: 1000, warmup: 20, replications: 10, seed: 32 },
    });
  const lw = lambda * writeShare;
  const lr = lambda * (1 - writeShare);

  it('writes go to the primary, reads are split over the read replicas', () => {
    const r = replicate(db({}));
    // The primary is an M/M/1 at λw; each read replica an M/M/1 at λr/2 (random split of Poisson).
    expectNear('write latency', per(r, (d) => d.classes.write!.latency.mean), 1 / (mu - lw), { bias: 0.01, precision: 0.04 });
    expectNear('read latency', per(r, (d) => d.classes.read!.latency.mean), 1 / (mu - lr / 2), { bias: 0.01, precision: 0.04 });
    expectNear('db.throughput', per(r, (d) => d.nodes.db!.throughput), lambda, { bias: 0.002, precision: 0.01 });
    expect(r.combined.nodes.db!.rejected).toBe(0);
    expect(r.combined.summary.errorRate).toBe(0);
    expect(r.combined.nodes.db!.replicas).toBe(3);
    // One worker per instance, three instances: busy ÷ capacity = λ E[S] / 3 whatever the split.
    expectNear('db.utilization', per(r, (d) => d.nodes.db!.utilization!), (lambda / mu) / 3, { bias: 0.003, precision: 0.02 });
  });

  it('readsOnPrimary spreads reads over every instance, primary included', () => {
    const r = replicate(db({ readsOnPrimary: true }));
    const primary = lw + lr / 3;
    const replica = lr / 3;
    expectNear('write latency', per(r, (d) => d.classes.write!.latency.mean), 1 / (mu - primary), { bias: 0.01, precision: 0.04 });
    const read = (1 / 3) * (1 / (mu - primary)) + (2 / 3) * (1 / (mu - replica));
    expectNear('read latency', per(r, (d) => d.classes.read!.latency.mean), read, { bias: 0.01, precision: 0.04 });
  });

  it('the hottest of S shards takes (1 + k(S − 1)) / S of the requests', () => {
    const shards = 4;
    const skew = 0.5;
    const s = build({
      nodes: [poissonSource('users', lambda), { id: 'db', kind: 'database', workers: 1, shards, shardSkew: skew, latency: work }],
      edges: [edge('users', 'db')],
      run: { duration: 800, warmup: 20, replications: 10, seed: 33 },
    });
    const r = replicate(s);
    const hot = (1 + skew * (shards - 1)) / shards;
    const cold = (1 - hot) / (shards - 1);
    // Each shard is an M/M/1 at its share of λ; the mean response weighs them by share.
    const response = hot / (mu - lambda * hot) + (1 - hot) / (mu - lambda * cold);
    expectNear('db.responseTime', per(r, (d) => d.nodes.db!.responseTime), response, { bias: 0.01, precision: 0.04 });
    expectNear('db.utilization', per(r, (d) => d.nodes.db!.utilization!), lambda / mu / shards, { bias: 0.003, precision: 0.02 });
    // An even split would give 1/(μ − λ/S): the skew must show.
    expect(r.combined.nodes.db!.responseTime).toBeGreaterThan(1.5 / (mu - lambda / shards));
  });
});

describe('rate profiles', () => {
  // Scale 1 until t = 20, up to 3 at t = 40, back to 1 at t = 60. Over the window
  // [10, 70) the integral of the scale is 10 + 40 + 40 + 10 = 100 (trapezoids).
  const profile = [
    { at: 20, scale: 1 },
    { at: 40, scale: 3 },
    { at: 60, scale: 1 },
  ];
  const rate = 10;
  const expected = rate * 100;
  const run = { duration: 60, warmup: 10, replications: 8, seed: 34 };

  it('constant arrivals follow the integral of the rate to within one request', () => {
    const s = build({
      nodes: [{ id: 'users', kind: 'source', arrival: { process: 'constant', rate }, profile }, service('svc', constant(0.001))],
      edges: [edge('users', 'svc')],
      run,
    });
    const r = replicate(s);
    for (const d of r.perRep) expect(Math.abs(d.summary.offered * run.duration - expected)).toBeLessThanOrEqual(1);
  });

  it('Poisson arrivals have the integral of the rate as their mean count', () => {
    const s = build({
      nodes: [poissonSource('users', rate, { profile }), service('svc', constant(0.001))],
      edges: [edge('users', 'svc')],
      run: { ...run, replications: 12 },
    });
    const r = replicate(s);
    // Poisson count: sd √1000 ≈ 32 per replication.
    expectNear('offered × duration', per(r, (d) => d.summary.offered * run.duration), expected, { precision: 0.06 });
    // The peak shows in the time series: the busiest bucket sits near t = 40.
    const tp = r.combined.timeSeries.throughput;
    const peak = tp.indexOf(Math.max(...tp));
    const peakAt = r.combined.timeSeries.start[peak]!;
    expect(peakAt).toBeGreaterThan(30);
    expect(peakAt).toBeLessThan(50);
  });
});

describe('gateway rate limit', () => {
  it('a token bucket of burst 1 admits 1 / (1/rate + 1/λ) per second under Poisson load', () => {
    const lambda = 1000;
    const rate = 100;
    const s = build({
      nodes: [poissonSource('users', lambda), { id: 'gw', kind: 'gateway', rateLimit: { rate, burst: 1 } }],
      edges: [edge('users', 'gw')],
      run: { duration: 100, warmup: 1, replications: 6, seed: 35 },
    });
    const r = replicate(s);
    // After each admission the bucket is empty; it is full again 1/rate later, and
    // the next arrival then comes after an exponential time of mean 1/λ.
    const admitted = 1 / (1 / rate + 1 / lambda);
    expectNear('throughput', per(r, (d) => d.summary.throughput), admitted, { bias: 0.002, precision: 0.01 });
    expectNear('errors.rejected', per(r, (d) => d.summary.errors.rejected), 1 - admitted / lambda, { bias: 0.002, precision: 0.01 });
    expectNear('gw.rejected', per(r, (d) => d.nodes.gw!.rejected), 1 - admitted / lambda, { bias: 0.002, precision: 0.01 });
    expect(r.combined.summary.errors.timedOut + r.combined.summary.errors.failed).toBe(0);
  });

  it('a deep bucket admits the refill rate when the offered load is far above it', () => {
    const s = build({
      nodes: [poissonSource('users', 2000), { id: 'gw', kind: 'gateway', rateLimit: { rate: 50, burst: 20 } }],
      edges: [edge('users', 'gw')],
      run: { duration: 100, warmup: 1, replications: 4, seed: 36 },
    });
    const r = replicate(s);
    // The bucket is never full for long at 40× the rate: the loss to a full bucket is
    // under 1/(1 + λ/rate·…) ≈ 0.1%; the 20 tokens of the initial burst fall in the warm-up.
    expectNear('throughput', per(r, (d) => d.summary.throughput), 50, { bias: 0.005, precision: 0.01 });
  });
});

describe('timeouts', () => {
  const lambda = 50;
  const timeout = 0.03;
  // M/M/1 response time is exponential with rate ν = μ − λ: P(R > T) = e^{−νT}.
  const nu = mu - lambda;
  const pTimeout = Math.exp(-nu * timeout);
  // …and a request that beat the timeout took E[R | R < T] = 1/ν − T e^{−νT} / (1 − e^{−νT}).
  const okLatency = 1 / nu - (timeout * pTimeout) / (1 - pTimeout);
  const run = { duration: 1500, warmup: 10, replications: 10, seed: 37 };

  it('a client timeout ends P(R > T) of the requests as timed out', () => {
    const r = replicate(singleStation(lambda, { workers: 1, work }, run, { timeout }));
    expectNear('errors.timedOut', per(r, (d) => d.summary.errors.timedOut), pTimeout, { bias: 0.005, precision: 0.04 });
    expectNear('latency of answered requests', per(r, (d) => d.summary.latency.mean), okLatency, { bias: 0.005, precision: 0.02 });
    // The service goes on working for the client that left: its queue is unchanged.
    expectNear('svc.responseTime', per(r, (d) => d.nodes.svc!.responseTime), 1 / nu, { bias: 0.01, precision: 0.04 });
    expect(r.combined.summary.latency.max).toBeLessThanOrEqual(timeout);
  });

  it('an edge timeout does the same at the caller, and the callee keeps working', () => {
    const r = replicate(singleStation(lambda, { workers: 1, work }, run, {}, { timeout }));
    expectNear('errors.timedOut', per(r, (d) => d.summary.errors.timedOut), pTimeout, { bias: 0.005, precision: 0.04 });
    expectNear('svc.throughput', per(r, (d) => d.nodes.svc!.throughput), lambda, { bias: 0.002, precision: 0.02 });
    expect(r.combined.summary.latency.max).toBeLessThanOrEqual(timeout);
  });
});

describe('retries', () => {
  it('an immediate retry of a rejected call meets the same full queue: the callee sees λ(1 + P_K)', () => {
    const lambda = 80;
    const k = 3;
    const s = singleStation(lambda, { workers: 1, queue: k - 1, work }, { duration: 400, warmup: 10, replications: 8, seed: 38 }, {}, { retries: { max: 1, backoff: 0 } });
    const r = replicate(s);
    const pk = mm1k(lambda, mu, k).blocking;
    // Backoff 0: the retry arrives at the same instant, nothing has left the queue, so it
    // is rejected too and the queue is still the M/M/1/K of the first tries.
    expectNear('svc.arrivalRate', per(r, (d) => d.nodes.svc!.arrivalRate), lambda * (1 + pk), { bias: 0.003, precision: 0.02 });
    expectNear('errors.rejected', per(r, (d) => d.summary.errors.rejected), pk, { bias: 0.005, precision: 0.05 });
    expectNear('svc.rejected', per(r, (d) => d.nodes.svc!.rejected), (2 * pk) / (1 + pk), { bias: 0.005, precision: 0.05 });
  });

  it('a retry after a backoff finds room more often than not', () => {
    const lambda = 80;
    const run = { duration: 400, warmup: 10, replications: 4, seed: 39 };
    const without = replicate(singleStation(lambda, { workers: 1, queue: 2, work }, run)).combined;
    const withRetry = replicate(singleStation(lambda, { workers: 1, queue: 2, work }, run, {}, { retries: { max: 2, backoff: 0.05 } })).combined;
    // Two retries 50 ms and 100 ms later are nearly independent looks at the queue:
    // the share lost falls to about P_K³ (P_K ≈ 0.16 here); well under half of P_K.
    expect(withRetry.summary.errors.rejected).toBeLessThan(0.5 * without.summary.errors.rejected);
    expect(withRetry.nodes.svc!.arrivalRate).toBeGreaterThan(without.nodes.svc!.arrivalRate);
  });
});

describe('faults and circuit breakers', () => {
  const lambda = 400;
  // Fault at t = 20 for 10 s; no warm-up, so the window is [0, 60).
  const fault = { node: 'svc', at: 20, for: 10 };
  const run = { duration: 60, warmup: 0, replications: 10, seed: 40 };

  it('the only replica down for F seconds fails F/duration of the requests', () => {
    const r = replicate(singleStation(lambda, { workers: 4, work: exponential(0.005) }, run));
    expect(r.combined.summary.errors.failed).toBe(0);
    const faulty = replicate(build({ ...specOf(lambda, 4), faults: [fault], run }));
    expectNear('errors.failed', per(faulty, (d) => d.summary.errors.failed), fault.for / run.duration, { biasAbs: 0.002, precision: 0.05 });
    expect(faulty.combined.nodes.svc!.replicas).toBeCloseTo(1 - fault.for / run.duration, 9);
    expect(faulty.combined.summary.errors.rejected).toBe(0);
  });

  it('one of three replicas down: mean replicas is 3 − F/duration and only the requests inside it fail', () => {
    const s = build({ ...specOf(lambda, 4, 3), faults: [fault], run });
    const r = replicate(s);
    expect(r.combined.nodes.svc!.replicas).toBeCloseTo(3 - fault.for / run.duration, 9);
    // Only the requests held by the replica when it fails: on average λ/3 × E[S] ≈ 0.7.
    const failedCount = r.combined.summary.errors.failed * r.combined.summary.offered * run.duration;
    expect(failedCount).toBeLessThan(8);
    expect(r.combined.timeSeries.nodes.svc!.replicas.some((x) => x < 3)).toBe(true);
  });

  it('a circuit breaker opens on a failing dependency and fails calls fast', () => {
    const breaker = { errorRate: 0.5, window: 2, minCalls: 20, openFor: 4 };
    const s = build({ ...specOf(lambda, 4, 1, { circuitBreaker: breaker }), faults: [fault], run });
    const r = replicate(s);
    // Timeline: the fault starts at 20; failures reach half the calls of the last 2 s
    // at about 21 (window/2); open until 25, a failing trial, open until 29, another
    // failing trial (the fault lasts until 30), open until 33; the trial at ~33
    // succeeds and closes it. So calls fail over [20, 33), not [20, 30).
    const failedSeconds = breaker.window / 2 + 3 * breaker.openFor;
    expectNear('errors.failed', per(r, (d) => d.summary.errors.failed), failedSeconds / run.duration, { biasAbs: 0.004, precision: 0.05 });
    // The callee sees no calls while the breaker is open: about λ·(duration − 12) + trials.
    const reached = lambda * (run.duration - failedSeconds + breaker.window / 2);
    expectNear('svc arrivals', per(r, (d) => d.nodes.svc!.arrivalRate * run.duration), reached, { biasAbs: 30, precision: 0.02 });
    // …and the failures it did see are the ~λ·window/2 before the breaker opened, plus trials.
    expectNear('svc failed arrivals', per(r, (d) => d.nodes.svc!.failed * d.nodes.svc!.arrivalRate * run.duration), lambda * (breaker.window / 2), { biasAbs: 15, precision: 0.3 });
  });
});

describe('database faults', () => {
  const s = (fault: Record<string, unknown>) =>
    build({
      classes: ['read', 'write'],
      nodes: [
        poissonSource('users', 200, { mix: { read: 0.5, write: 0.5 } }),
        { id: 'db', kind: 'database', replicas: 2, workers: 8, latency: exponential(0.002), writes: ['write'] },
      ],
      edges: [edge('users', 'db')],
      faults: [{ node: 'db', at: 20, for: 15, ...fault }],
      run: { duration: 60, warmup: 0, replications: 6, seed: 59 },
    });

  it('a database loses its read replica first, and reads fall back to the primary', () => {
    const r = replicate(s({})).combined;
    // Only the requests inside the read replica when it fails (about 100/s × 2 ms).
    expect(r.summary.errorRate * r.summary.offered * 60).toBeLessThan(5);
    expect(r.classes.write!.errorRate).toBe(0);
    expect(r.nodes.db!.replicas).toBeCloseTo(2 - 15 / 60, 9);
  });

  it('naming replica 0 takes the primary down: writes fail, reads go on', () => {
    const r = replicate(s({ replica: 0 }));
    expectNear('write errorRate', per(r, (d) => d.classes.write!.errorRate), 15 / 60, { biasAbs: 0.002, precision: 0.08 });
    expect(r.combined.classes.read!.errorRate * r.combined.summary.offered * 60).toBeLessThan(5);
  });
});

function specOf(lambda: number, workers: number, replicas = 1, edgeExtra: Record<string, unknown> = {}) {
  return {
    nodes: [poissonSource('users', lambda), service('svc', exponential(0.005), { workers, replicas })],
    edges: [edge('users', 'svc', edgeExtra)],
  };
}

describe('autoscaling', () => {
  it('a load step scales a service out to ceil(busy ÷ (workers × target)) replicas', () => {
    // λ 10 → 60 at t = 100; E[S] = 0.1 s: busy workers 1 → 6. Per replica 4 workers at
    // target 0.6 = 2.4 busy: desired ceil(1/2.4) = 1 before, ceil(6/2.4) = 3 after.
    const s = build({
      nodes: [
        poissonSource('users', 10, { profile: [{ at: 100, scale: 1 }, { at: 100.001, scale: 6 }] }),
        service('svc', exponential(0.1), { workers: 4, replicas: 1, autoscale: { min: 1, max: 6, targetUtilization: 0.6, interval: 10, startup: 10, cooldown: 60 } }),
      ],
      edges: [edge('users', 'svc')],
      run: { duration: 300, warmup: 0, replications: 4, seed: 41 },
    });
    const r = replicate(s).combined;
    const series = r.timeSeries.nodes.svc!.replicas;
    const starts = r.timeSeries.start;
    const interval = r.timeSeries.interval;
    // Before the step (and the first decision that can see it, plus the start-up) only the one replica serves.
    // B = 1 ± 0.15 over a 10 s interval stays below 2.4: no spurious scale-up.
    starts.forEach((t, i) => {
      if (t + interval <= 110) expect(series[i], `replicas at ${t}`).toBe(1);
    });
    // Afterwards it settles at 3 (the mean of the last 100 s, allowing a stray decision).
    const late = series.filter((_, i) => starts[i]! >= 200);
    const lateMean = late.reduce((a, b) => a + b, 0) / late.length;
    expect(lateMean).toBeGreaterThan(2.7);
    expect(lateMean).toBeLessThan(3.5);
    expect(r.nodes.svc!.replicas).toBeGreaterThan(1);
    expect(Math.max(...series)).toBeLessThanOrEqual(6);
    expect(r.stable).toBe(true);
  });
});

describe('sharded database faults', () => {
  const s = (shards: number) =>
    build({
      nodes: [poissonSource('users', 50), { id: 'db', kind: 'database', replicas: 2, shards, workers: 4, latency: exponential(0.005) }],
      edges: [edge('users', 'db')],
      faults: [{ node: 'db', at: 20, for: 15 }],
      run: { duration: 60, warmup: 0, replications: 1, seed: 1 },
    });

  it('one replica down for 15 of 60 s leaves 2 − 15/60 replicas per shard on average, sharded or not', () => {
    expect(replicate(s(1)).combined.nodes.db!.replicas).toBeCloseTo(1.75, 9);
    expect(replicate(s(2)).combined.nodes.db!.replicas).toBeCloseTo(1.75, 9);
    expect(replicate(s(3)).combined.nodes.db!.replicas).toBeCloseTo(1.75, 9);
  });

  it('the replicas series shows the one replica still serving during the fault', () => {
    const series = replicate(s(2)).combined.timeSeries.nodes.db!.replicas;
    expect(Math.min(...series)).toBeCloseTo(1, 9);
  });
});

describe("a request's only hop", () => {
  it('ends the request exactly as a visit at the source waiting on the call would: same figures with rejections and failures', () => {
    // A queue limit rejects, a fault fails requests in flight, and the callee calls on with its worker held.
    const spec = (sourceEdge: Record<string, unknown>) =>
      build({
        nodes: [poissonSource('users', 180), service('api', exponential(0.004), { replicas: 2, workers: 2, queue: 3 }), { id: 'db', kind: 'database', workers: 4, latency: exponential(0.003) }],
        edges: [edge('users', 'api', sourceEdge), edge('api', 'db')],
        faults: [{ node: 'api', at: 20, for: 5 }],
        run: { duration: 60, warmup: 5, replications: 2, seed: 77 },
      });
    // A timeout no call comes near keeps the source's own visit (and its try) in the model.
    const direct = replicate(spec({}));
    const viaSource = replicate(spec({ timeout: 1e6 }));
    expect(direct.combined.summary.errors.rejected).toBeGreaterThan(0);
    expect(direct.combined.summary.errors.failed).toBeGreaterThan(0);
    expect(direct.tallies).toEqual(viaSource.tallies);
  });
});
