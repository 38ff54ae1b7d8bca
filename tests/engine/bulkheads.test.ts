/**
 * Retry jitter and budgets, bulkhead pools, and closed users that ramp (issue 11 points
 * 3 and 6), each against a known answer or a stated invariant:
 * - jitter: a callee that rejects every try makes a request's stay at its caller the sum
 *   of its backoff waits, so Little's law on the caller measures the mean wait;
 * - a retry budget of r caps retries at r × calls in a storm that would retry every call;
 * - a pool of c with no queue in front of a Poisson stream is Erlang's loss system;
 * - a pool's queue and timeout bound each call's wait;
 * - closed users in a delay-dominated model send N(t) ÷ (Z + R) requests per second.
 */
import { describe, expect, it } from 'vitest';
import { compileScenario } from '../../simulation/engine/compile';
import { UserCount } from '../../simulation/engine/closedUsers';
import { runReplication } from '../../simulation/runner/replicationTask';
import { build, constant, edge, exponential, poissonSource, service } from '../helpers/build';
import { mm1k } from '../helpers/queueing';
import { expectNear, per, replicate } from '../helpers/replicate';

/** Erlang's loss formula B(c, a) by its stable recursion B(k) = a·B(k−1) ÷ (k + a·B(k−1)). */
function erlangB(c: number, a: number): number {
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b;
}

/** users → api → wall, where the wall (a gateway whose bucket never refills in time) rejects every try. */
function rejectingWall(lambda: number, retries: Record<string, unknown>, run = { duration: 400, warmup: 1, replications: 8, seed: 71 }) {
  return build({
    nodes: [poissonSource('users', lambda), service('api', constant(0)), { id: 'wall', kind: 'gateway', rateLimit: { rate: 1e-9, burst: 1 } }],
    edges: [edge('users', 'api'), edge('api', 'wall', { retries })],
    run,
  });
}

describe('retry jitter', () => {
  const lambda = 50;
  const backoff = 0.1;
  const max = 3;
  // Waits before retries 1…3 are backoff × 1, 2, 4 at most.
  const full = backoff * (2 ** max - 1);
  it.each([
    ['none', full],
    ['full', full / 2],
    ['equal', (3 * full) / 4],
  ] as const)('%s jitter: the mean total wait before the call fails is %f s', (jitter, wait) => {
    const r = replicate(rejectingWall(lambda, { max, backoff, jitter }));
    // Little's law at the caller: requests in it = λ × (their stay, which is only the waits).
    expectNear(`api in flight (${jitter})`, per(r, (d) => d.nodes.api!.inFlight), lambda * wait, { bias: 0.01, precision: 0.03 });
    expect(r.combined.summary.errorRate).toBe(1);
  });

  it('full jitter spreads the first retry uniformly over [0, backoff]: its mean wait is backoff ÷ 2', () => {
    const r = replicate(rejectingWall(lambda, { max: 1, backoff, jitter: 'full' }));
    expectNear('api in flight', per(r, (d) => d.nodes.api!.inFlight), (lambda * backoff) / 2, { bias: 0.01, precision: 0.03 });
  });

  it('"none" and no jitter at all give the same numbers, bit for bit', () => {
    const a = replicate(rejectingWall(lambda, { max, backoff }, { duration: 50, warmup: 1, replications: 1, seed: 3 })).tallies;
    const b = replicate(rejectingWall(lambda, { max, backoff, jitter: 'none' }, { duration: 50, warmup: 1, replications: 1, seed: 3 })).tallies;
    expect(b).toEqual(a);
  });
});

describe('retry budget', () => {
  const lambda = 100;
  const tries = (budget: Record<string, unknown> | undefined) => {
    const s = rejectingWall(lambda, { max: 3, backoff: 0.01, ...(budget ? { budget } : {}) }, { duration: 200, warmup: 5, replications: 4, seed: 72 });
    const model = compileScenario(s);
    return [0, 1, 2, 3].map((rep) => {
      const t = runReplication(model, rep)!;
      const calls = t.edgeCalls[1]!;
      // The wall is called by this edge only: its arrivals are the tries, and tries − calls the retries.
      return (t.nodes[2]!.arrivals - calls) / calls;
    });
  };

  it('without a budget every failed call is retried 3 times', () => {
    for (const share of tries(undefined)) expect(share).toBeCloseTo(3, 2);
  });

  it('a budget of 0.2 holds retries to at most 20% of calls (and uses it, since every call wants more)', () => {
    for (const share of tries({ ratio: 0.2, window: 10 })) {
      // The window slides in 16 steps, so the calls it counts are of 15/16 to 16/16 of it: a little slack either way.
      expect(share).toBeLessThanOrEqual(0.2 * 1.02);
      expect(share).toBeGreaterThan(0.2 * 0.9);
    }
  });

  it('a budget of 0 sends no retry', () => {
    for (const share of tries({ ratio: 0, window: 10 })) expect(share).toBe(0);
  });
});

describe('bulkhead pools', () => {
  it('a pool of c with no queue before a Poisson stream loses calls as Erlang B(c, λ ÷ μ)', () => {
    const lambda = 40;
    const mu = 10;
    const c = 5;
    const s = build({
      nodes: [poissonSource('users', lambda), { id: 'ext', kind: 'external', latency: exponential(1 / mu) }],
      edges: [edge('users', 'ext', { pool: { size: c, queue: 0 } })],
      run: { duration: 2000, warmup: 10, replications: 8, seed: 73 },
    });
    const r = replicate(s);
    const b = erlangB(c, lambda / mu);
    expect(b).toBeCloseTo(0.1991, 4); // the table value of B(5, 4), which checks the helper
    expectNear('blocking probability', per(r, (d) => d.summary.errorRate), b, { bias: 0.005, precision: 0.03 });
  });

  const overloaded = (pool: Record<string, unknown>) =>
    build({
      nodes: [poissonSource('users', 20), service('api', constant(0)), service('db', constant(0.1))],
      edges: [edge('users', 'api'), edge('api', 'db', { pool })],
      run: { duration: 300, warmup: 5, replications: 3, seed: 74 },
    });

  it('no pool wait is longer than the pool timeout: every answered call took at most timeout + its work', () => {
    const timeout = 0.25;
    const r = replicate(overloaded({ size: 1, timeout }));
    for (const d of r.perRep) {
      // Twice the pool's 10/s is offered, so about half the calls wait too long and are rejected.
      expect(d.summary.errorRate).toBeGreaterThan(0.4);
      // The histogram's documented precision is 0.1%.
      expect(d.summary.latency.max).toBeLessThanOrEqual((timeout + 0.1) * 1.001);
      expect(d.summary.latency.max).toBeGreaterThan(timeout);
    }
  });

  it('a pool queue of q bounds the wait at q calls ahead: latency at most (q + 1) × the work', () => {
    const r = replicate(overloaded({ size: 1, queue: 2 }));
    for (const d of r.perRep) {
      expect(d.summary.errorRate).toBeGreaterThan(0.4);
      expect(d.summary.latency.max).toBeLessThanOrEqual(3 * 0.1 * 1.001);
      expect(d.summary.latency.max).toBeGreaterThan(2 * 0.1 * 0.999);
    }
  });

  it('without queue or timeout the overloaded pool queues without bound (the contrast)', () => {
    const d = replicate(overloaded({ size: 1 })).combined;
    expect(d.summary.errorRate).toBe(0);
    expect(d.summary.latency.max).toBeGreaterThan(10);
  });

  it('{"size": n} is the number n, bit for bit', () => {
    const run = { duration: 60, warmup: 5, replications: 1, seed: 5 };
    const of = (pool: unknown) =>
      replicate(
        build({
          nodes: [poissonSource('users', 8), service('api', constant(0)), service('db', exponential(0.1), { workers: 4 })],
          edges: [edge('users', 'api'), edge('api', 'db', { pool })],
          run,
        }),
      ).tallies;
    expect(of({ size: 1 })).toEqual(of(1));
  });
});

describe('closed users that ramp', () => {
  it('counts users × scale rounded, one change at a time, and steps at once', () => {
    const count = new UserCount([0, 10, 20, 20], [0, 1, 1, 0.25], 4);
    expect(count.count).toBe(0);
    const changes: [number, number][] = [];
    for (let t = count.next(0); t < Infinity; t = count.next(t)) changes.push([t, count.take()]);
    // 4 × t ÷ 10 reaches k + ½ at t = 2.5 (k + ½): 1.25, 3.75, 6.25, 8.75; then the step to 1 at 20.
    expect(changes).toEqual([
      [1.25, 1],
      [3.75, 2],
      [6.25, 3],
      [8.75, 4],
      [20, 1],
    ]);
  });

  it('throughput follows N(t) ÷ (Z + R) in each step of the profile, up and down', () => {
    const think = 1;
    const work = 0.01;
    const users = 100;
    const s = build({
      nodes: [
        {
          id: 'users',
          kind: 'source',
          arrival: { process: 'closed', users, thinkTime: exponential(think) },
          profile: [
            { at: 0, scale: 1 },
            { at: 100, scale: 1 },
            { at: 100, scale: 3 },
            { at: 200, scale: 3 },
            { at: 200, scale: 2 },
          ],
        },
        service('api', constant(work)),
      ],
      edges: [edge('users', 'api')],
      run: { duration: 300, warmup: 0, replications: 4, seed: 75 },
    });
    const r = replicate(s);
    const series = r.combined.timeSeries!;
    const step = (from: number, to: number) => {
      // The buckets inside the step, past the few seconds a change takes to settle (a think time or two).
      const values = series.throughput.filter((_, k) => series.start[k]! >= from + 5 && series.start[k]! + series.interval <= to);
      return values.reduce((a, b) => a + b, 0) / values.length;
    };
    for (const [from, to, n] of [
      [0, 100, 100],
      [100, 200, 300],
      [200, 300, 200],
    ] as const) {
      const theory = n / (think + work);
      expect(Math.abs(step(from, to) - theory) / theory, `${from}–${to} s: ${step(from, to).toFixed(1)}/s against ${theory.toFixed(1)}/s`).toBeLessThan(0.03);
    }
    // Users leave between requests, never in the middle of one.
    expect(r.combined.summary.errorRate).toBe(0);
  });

  it('a linear ramp from 0 to N users averages N ÷ 2 ÷ (Z + R) requests per second', () => {
    const s = build({
      nodes: [
        { id: 'users', kind: 'source', arrival: { process: 'closed', users: 200, thinkTime: exponential(0.5) }, profile: [{ at: 0, scale: 0 }, { at: 200, scale: 1 }] },
        service('api', constant(0)),
      ],
      edges: [edge('users', 'api')],
      run: { duration: 200, warmup: 0, replications: 6, seed: 76 },
    });
    const r = replicate(s);
    // With R = 0 every user present is thinking, and an exponential think ends at rate 1 ÷ Z
    // whenever it began, so the rate at t is N(t) ÷ Z and its mean over the ramp N ÷ 2 ÷ Z.
    const theory = 200 / 2 / 0.5;
    expectNear('throughput', per(r, (d) => d.summary.throughput), theory, { bias: 0.005, precision: 0.02 });
  });
});

describe('shedding a full queue', () => {
  const lambda = 150;
  const mu = 100;
  const k = 5;
  const station = (shed: 'newest' | 'oldest') =>
    build({
      nodes: [poissonSource('users', lambda), service('svc', exponential(1 / mu), { workers: 1, queue: k - 1, shed })],
      edges: [edge('users', 'svc')],
      run: { duration: 1000, warmup: 10, replications: 8, seed: 77 },
    });

  it('"oldest" refuses as many as "newest" (the count in the node is the same M/M/1/K process), and the answered ones waited less', () => {
    const theory = mm1k(lambda, mu, k);
    const oldest = replicate(station('oldest'));
    const newest = replicate(station('newest'));
    expectNear('oldest: rejected share', per(oldest, (d) => d.summary.errorRate), theory.blocking, { bias: 0.01, precision: 0.03 });
    expectNear('newest: rejected share', per(newest, (d) => d.summary.errorRate), theory.blocking, { bias: 0.01, precision: 0.03 });
    expectNear('newest: latency.mean', per(newest, (d) => d.summary.latency.mean), theory.response, { bias: 0.01, precision: 0.03 });
    // Same seed, same draws in the same order: the count in the node follows the very same path.
    expect(oldest.combined.summary.errorRate).toBe(newest.combined.summary.errorRate);
    // Pushed out, the requests that waited longest never count as answered: the rest waited less than under "newest".
    expect(oldest.combined.summary.latency.mean).toBeLessThan(0.8 * theory.response);
  });
});
