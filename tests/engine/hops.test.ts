/**
 * Network per hop (edge `latency`) and stochastic call counts (`calls: {"mean", "dist":
 * "geometric"}`) against answers worked out by hand: the wire adds its mean to the
 * caller's response and nothing to the callee's, it holds the caller's worker, a
 * timeout counts it, and a geometric count has its mean, its rate and its atoms.
 * Tolerances as in theory.test.ts (tests/helpers/replicate.ts).
 */
import { describe, expect, it } from 'vitest';
import type { Dist } from '../../simulation/model/schema';
import { build, constant, edge, exponential, poissonSource, service } from '../helpers/build';
import { expectNear, per, replicate } from '../helpers/replicate';

const mu = 100;
const lambda = 50;
/** Mean response of an M/M/1 at λ, μ. */
const mm1 = 1 / (mu - lambda);

/** users → api (no queueing: unlimited workers, or 100 of them) → db (M/M/1), the call with the given edge fields. */
function chain(apiWork: Dist, callFields: Record<string, unknown>, run: { duration: number; seed: number }, apiFields: Record<string, unknown> = {}) {
  return build({
    nodes: [poissonSource('users', lambda), service('api', apiWork, apiFields), service('db', exponential(1 / mu), { workers: 1 })],
    edges: [edge('users', 'api'), edge('api', 'db', callFields)],
    run: { ...run, warmup: 20, replications: 10 },
  });
}

describe('edge latency', () => {
  it('constant wire time L: the caller waits own + L + W(M/M/1); the callee sees none of it; the caller holds its worker', () => {
    const own = 0.004;
    const L = 0.03;
    const r = replicate(chain(constant(own), { latency: constant(L) }, { duration: 400, seed: 101 }, { workers: 100 }));
    expectNear('latency.mean', per(r, (d) => d.summary.latency.mean), own + L + mm1, { bias: 0.01, precision: 0.03 });
    // The callee is still an M/M/1 at λ: no worker, no wait, no response time of its own spent on the wire.
    expectNear('db responseTime', per(r, (d) => d.nodes.db!.responseTime), mm1, { bias: 0.01, precision: 0.04 });
    expectNear('db utilization', per(r, (d) => d.nodes.db!.utilization!), lambda / mu, { bias: 0.002, precision: 0.02 });
    // Little's law at the caller: λ × (own + L + W) workers busy out of 100.
    expectNear('api utilization', per(r, (d) => d.nodes.api!.utilization!), (lambda * (own + L + mm1)) / 100, { bias: 0.01, precision: 0.03 });
  });

  it('exponential wire time: its mean adds to the response, and its shape shows alone (median L ln 2)', () => {
    const L = 0.02;
    const r = replicate(chain(constant(0), { latency: exponential(L) }, { duration: 400, seed: 102 }));
    expectNear('latency.mean', per(r, (d) => d.summary.latency.mean), L + mm1, { bias: 0.01, precision: 0.03 });
    // Over an edge to an instant callee the response is the wire time alone: exponential, median L ln 2.
    const alone = replicate(
      build({
        nodes: [poissonSource('users', lambda), service('api', constant(0)), service('ext', constant(0))],
        edges: [edge('users', 'api'), edge('api', 'ext', { latency: exponential(L) })],
        run: { duration: 200, warmup: 5, replications: 10, seed: 103 },
      }),
    );
    expectNear('p50', per(alone, (d) => d.summary.latency.p50), L * Math.log(2), { bias: 0.005, precision: 0.03 });
    expectNear('mean', per(alone, (d) => d.summary.latency.mean), L, { bias: 0.005, precision: 0.03 });
  });

  it('a timeout counts the wire time: shorter than L, every try times out; longer, none does', () => {
    const run = { duration: 60, seed: 104 };
    const short = replicate(chain(constant(0), { latency: constant(0.05), timeout: 0.049 }, run));
    expect(short.combined.summary.errorRate).toBe(1);
    expect(short.combined.summary.errors.timedOut).toBeGreaterThan(0);
    const fast = (fields: Record<string, unknown>) =>
      replicate(
        build({
          nodes: [poissonSource('users', lambda), service('api', constant(0)), service('ext', constant(0.001))],
          edges: [edge('users', 'api'), edge('api', 'ext', fields)],
          run: { ...run, warmup: 1, replications: 2 },
        }),
      );
    expect(fast({ latency: constant(0.05), timeout: 0.052 }).combined.summary.errorRate).toBe(0);
    expect(fast({ latency: constant(0.05), timeout: 0.052 }).combined.summary.latency.mean).toBeCloseTo(0.051, 9);
    // …and the same call without the wire time never comes near that timeout.
    expect(fast({ timeout: 0.0015 }).combined.summary.errorRate).toBe(0);
  });

  it('each retry is a try with its own wire time, and a try that timed out on the wire still reaches the callee', () => {
    const r = replicate(
      build({
        nodes: [poissonSource('users', lambda), service('api', constant(0)), service('ext', constant(0.001))],
        edges: [edge('users', 'api'), edge('api', 'ext', { latency: constant(0.05), timeout: 0.02, retries: { max: 2 } })],
        run: { duration: 60, warmup: 1, replications: 4, seed: 108 },
      }),
    );
    expect(r.combined.summary.errorRate).toBe(1);
    expectNear('ext arrivals per request', per(r, (d) => d.nodes.ext!.arrivalRate / d.nodes.api!.arrivalRate), 3, { biasAbs: 0.01, precision: 0.01 });
  });

  it('a pooled call keeps its connection on the wire: one connection is busy λ × (L + S) of the time', () => {
    const L = 0.006;
    const r = replicate(
      build({
        nodes: [poissonSource('users', lambda), service('api', constant(0)), service('ext', constant(0.002))],
        edges: [edge('users', 'api'), edge('api', 'ext', { latency: constant(L), pool: 1 })],
        run: { duration: 300, warmup: 5, replications: 10, seed: 109 },
      }),
    );
    expectNear('poolUtilization', per(r, (d) => d.edges[1]!.poolUtilization!), lambda * (L + 0.002), { bias: 0.005, precision: 0.02 });
  });

  it('an async call reaches the queue after its latency and the caller does not wait for it', () => {
    const L = 0.04;
    const r = replicate(
      build({
        nodes: [
          poissonSource('users', lambda),
          service('api', constant(0.002)),
          { id: 'mq', kind: 'queue', latency: constant(0) },
          service('worker', constant(0.001), { workers: 10 }),
        ],
        edges: [edge('users', 'api'), edge('api', 'mq', { mode: 'async', latency: constant(L) }), edge('mq', 'worker')],
        run: { duration: 60, warmup: 5, replications: 2, seed: 105 },
      }),
    );
    expect(r.combined.summary.latency.mean).toBeCloseTo(0.002, 9);
    // The messages still all arrive (the wire delays them, it does not lose them).
    expect(r.combined.nodes.mq!.arrivalRate).toBeCloseTo(r.combined.nodes.api!.arrivalRate, 0);
    expect(r.combined.nodes.worker!.arrivalRate).toBeGreaterThan(0.95 * lambda);
  });

  it('an async message is sent at once and arrives L later: over a run of T from 0, the queue sees the first T − L', () => {
    const rate = 400;
    const r = replicate(
      build({
        nodes: [poissonSource('users', rate), service('api', constant(0)), { id: 'mq', kind: 'queue', latency: constant(0) }, service('worker', constant(0), { workers: 10 })],
        edges: [edge('users', 'api'), edge('api', 'mq', { mode: 'async', latency: constant(6) }), edge('mq', 'worker')],
        run: { duration: 20, replications: 20, seed: 110 },
      }),
    );
    expectNear('api arrivalRate', per(r, (d) => d.nodes.api!.arrivalRate), rate, { bias: 0.001, precision: 0.02 });
    expectNear('mq arrivalRate', per(r, (d) => d.nodes.mq!.arrivalRate), (rate * (20 - 6)) / 20, { bias: 0.001, precision: 0.02 });
  });
});

describe('geometric call counts', () => {
  it('mean m: m calls per visit, callee arrival rate m·λ, caller response own + m·S over an infinite-server callee', () => {
    const m = 3;
    const s = 0.01;
    const own = 0.002;
    const r = replicate(
      build({
        nodes: [poissonSource('users', lambda), service('api', constant(own)), service('ext', constant(s))],
        edges: [edge('users', 'api'), edge('api', 'ext', { calls: { mean: m, dist: 'geometric' } })],
        run: { duration: 400, warmup: 5, replications: 10, seed: 106 },
      }),
    );
    const callsPerVisit = per(r, (d) => d.edges[1]!.rate / d.nodes.api!.arrivalRate);
    expectNear('calls per visit', callsPerVisit, m, { bias: 0.002, precision: 0.02 });
    expectNear('ext arrivalRate', per(r, (d) => d.nodes.ext!.arrivalRate), m * lambda, { bias: 0.002, precision: 0.02 });
    // Calls one after another to a callee that never queues: E[R] = own + E[N]·S.
    expectNear('latency.mean', per(r, (d) => d.summary.latency.mean), own + m * s, { bias: 0.005, precision: 0.02 });
    // R = own + N·S exactly, so the median sits on an atom of N: P(N ≤ 1) = 1 − q² = 0.4375 < ½ < P(N ≤ 2) = 0.578
    // with q = m ÷ (1 + m). A fixed 3 calls would put it at own + 3S.
    expectNear('p50', per(r, (d) => d.summary.latency.p50), own + 2 * s, { bias: 0.002, precision: 0.01 });
  });

  it('mean 0 makes no call; the fraction rule is unchanged beside it', () => {
    const r = replicate(
      build({
        nodes: [poissonSource('users', lambda), service('api', constant(0.001)), service('a', constant(0.01)), service('b', constant(0.01))],
        edges: [edge('users', 'api'), edge('api', 'a', { calls: { mean: 0, dist: 'geometric' } }), edge('api', 'b', { calls: 1.5 })],
        run: { duration: 200, warmup: 5, replications: 4, seed: 107 },
      }),
    );
    expect(r.combined.nodes.a!.arrivalRate).toBe(0);
    expectNear('b calls per visit', per(r, (d) => d.edges[2]!.rate / d.nodes.api!.arrivalRate), 1.5, { bias: 0.002, precision: 0.03 });
  });
});
