/**
 * Parallel calls (`group` and `join` on edges) against order statistics worked out by hand.
 *
 * The callees are pure delays: external nodes with unlimited workers, so each call takes
 * exactly its own exponential draw, independent of every other call, and the caller (a
 * service whose own work is 0 and whose workers are unlimited) answers exactly when its
 * group is settled. Its response time is then the group's: for independent X ~ exp(a),
 * Y ~ exp(b), E[max] = 1/a + 1/b − 1/(a + b) (join "all") and E[min] = 1/(a + b)
 * ("any"); for three iid exp(μ), the second to answer comes at 1/(3μ) + 1/(2μ) (the
 * gaps between order statistics of exponentials are exponential with rates 3μ, 2μ, μ).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileScenario } from '../../simulation/engine/compile';
import { Engine } from '../../simulation/engine/engine';
import { TraceRecorder } from '../../simulation/engine/traces';
import type { Scenario } from '../../simulation/model/schema';
import { assertScenario } from '../../simulation/model/validate';
import { build, constant, edge, exponential, poissonSource, service, type Fields } from '../helpers/build';
import { expectNear, per, replicate, spread } from '../helpers/replicate';

const lambda = 100;

/** A source calling `api`, which calls each of `callees` (id → mean) as one group with `join`. */
function fanOut(callees: Record<string, number>, join: unknown, extra: { faults?: Fields[]; edge?: Fields; seed?: number } = {}) {
  const ids = Object.keys(callees);
  return build({
    nodes: [poissonSource('users', lambda), service('api', constant(0)), ...ids.map((id) => ({ id, kind: 'external', latency: exponential(callees[id]!) }))],
    edges: [edge('users', 'api'), ...ids.map((id, i) => edge('api', id, { group: 'fanout', ...(i === 0 && join !== undefined ? { join } : {}), ...extra.edge }))],
    run: { duration: 200, warmup: 5, replications: 8, seed: extra.seed ?? 11 },
    ...(extra.faults ? { faults: extra.faults } : {}),
  });
}

/** Logged so the closing note can quote theory against the simulation. */
function report(label: string, values: readonly number[], theory: number): void {
  const s = spread(values, 0.95);
  console.log(`${label}: theory ${theory.toFixed(5)} s, simulated ${s.mean.toFixed(5)} ± ${s.halfWidth.toFixed(5)} s (95%, ${s.n} replications)`);
}

describe('a group of parallel calls', () => {
  const a = 10;
  const b = 20;

  it('join "all" of exp(a) and exp(b): the caller answers after E[max] = 1/a + 1/b − 1/(a + b)', () => {
    const r = replicate(fanOut({ x: 1 / a, y: 1 / b }, undefined));
    const theory = 1 / a + 1 / b - 1 / (a + b);
    const values = per(r, (d) => d.nodes.api!.responseTime);
    report('join all, E[max]', values, theory);
    expectNear('E[max]', values, theory, { bias: 0.003, precision: 0.02 });
    // Not the sum (sequential calls) nor the larger mean: the test could tell them apart.
    expect(Math.abs(spread(values).mean - (1 / a + 1 / b))).toBeGreaterThan(0.02);
    expectNear('end-to-end mean', per(r, (d) => d.summary.latency.mean), theory, { bias: 0.003, precision: 0.02 });
    expect(r.combined.summary.errorRate).toBe(0);
  });

  it('join "any" of exp(a) and exp(b): E[min] = 1/(a + b)', () => {
    const r = replicate(fanOut({ x: 1 / a, y: 1 / b }, 'any'));
    const theory = 1 / (a + b);
    const values = per(r, (d) => d.nodes.api!.responseTime);
    report('join any, E[min]', values, theory);
    expectNear('E[min]', values, theory, { bias: 0.003, precision: 0.02 });
    // Both members are still called every time: the loser's work goes on unheard.
    expect(r.combined.nodes.x!.arrivalRate).toBeCloseTo(lambda, -1);
    expect(r.combined.nodes.y!.arrivalRate).toBeCloseTo(lambda, -1);
  });

  it('quorum 2 of 3 iid exp(μ): the second order statistic, 1/(3μ) + 1/(2μ)', () => {
    const mu = 10;
    const r = replicate(fanOut({ x: 1 / mu, y: 1 / mu, z: 1 / mu }, { quorum: 2 }));
    const theory = 1 / (3 * mu) + 1 / (2 * mu);
    const values = per(r, (d) => d.nodes.api!.responseTime);
    report('quorum 2 of 3, 2nd order statistic', values, theory);
    expectNear('E[X(2)]', values, theory, { bias: 0.003, precision: 0.02 });
  });

  it('a member that always fails makes "all" fail and leaves "any" to the other member', () => {
    // `bad` is down for the whole run: every call to it fails at once (no replica to take it).
    const faults = [{ node: 'bad', at: 0, for: 1e6 }];
    const all = replicate(fanOut({ good: 1 / a, bad: 1 / b }, 'all', { faults }));
    expect(all.combined.summary.errorRate).toBe(1);
    expect(all.combined.summary.errors.failed).toBe(1);
    const any = replicate(fanOut({ good: 1 / a, bad: 1 / b }, 'any', { faults }));
    expect(any.combined.summary.errorRate).toBe(0);
    // The group answers when the one member that can succeed does: its own mean, 1/a.
    expectNear('any with one failing member', per(any, (d) => d.nodes.api!.responseTime), 1 / a, { bias: 0.003, precision: 0.02 });
  });

  it('a quorum fails as soon as it cannot be reached, and succeeds while it can', () => {
    const mu = 10;
    const oneDown = replicate(fanOut({ x: 1 / mu, y: 1 / mu, bad: 1 / mu }, { quorum: 2 }, { faults: [{ node: 'bad', at: 0, for: 1e6 }] }));
    expect(oneDown.combined.summary.errorRate).toBe(0);
    // The two that can answer must both: E[max] of two iid exp(μ) = 1.5/μ.
    expectNear('quorum 2 with one member down', per(oneDown, (d) => d.nodes.api!.responseTime), 1.5 / mu, { bias: 0.003, precision: 0.02 });
    const twoDown = replicate(
      fanOut({ x: 1 / mu, bad: 1 / mu, worse: 1 / mu }, { quorum: 2 }, { faults: [{ node: 'bad', at: 0, for: 1e6 }, { node: 'worse', at: 0, for: 1e6 }] }),
    );
    expect(twoDown.combined.summary.errorRate).toBe(1);
  });

  it('each member keeps its own timeout: "any" with a member slower than its timeout answers from the other', () => {
    // x answers in exactly 0.05 s; y takes 1 s but times out at 0.2 s. "all" then times out at 0.2 s, "any" answers at 0.05 s.
    const scenario = (join: string) =>
      build({
        nodes: [poissonSource('users', lambda), service('api', constant(0)), { id: 'x', kind: 'external', latency: constant(0.05) }, { id: 'y', kind: 'external', latency: constant(1) }],
        edges: [edge('users', 'api'), edge('api', 'x', { group: 'g', join }), edge('api', 'y', { group: 'g', timeout: 0.2 })],
        run: { duration: 50, warmup: 2, replications: 2, seed: 3 },
      });
    const all = replicate(scenario('all'));
    expect(all.combined.summary.errors.timedOut).toBe(1);
    const any = replicate(scenario('any'));
    expect(any.combined.summary.errorRate).toBe(0);
    expect(any.combined.nodes.api!.responseTime).toBeCloseTo(0.05, 9);
  });

  it('a group is one step at its first member’s place: calls before and after it are made in order', () => {
    // api: pre (0.01) → group {x 0.05, y 0.02} → post (0.03), each constant: 0.01 + 0.05 + 0.03.
    const r = replicate(
      build({
        nodes: [
          poissonSource('users', lambda),
          service('api', constant(0)),
          ...(['pre', 'x', 'post', 'y'] as const).map((id) => ({ id, kind: 'external', latency: constant({ pre: 0.01, x: 0.05, y: 0.02, post: 0.03 }[id]) })),
        ],
        edges: [edge('users', 'api'), edge('api', 'pre'), edge('api', 'x', { group: 'g' }), edge('api', 'post'), edge('api', 'y', { group: 'g' })],
        run: { duration: 20, warmup: 1, replications: 1, seed: 1 },
      }),
    );
    expect(r.combined.nodes.api!.responseTime).toBeCloseTo(0.09, 9);
  });

  it('a member with calls: 2 makes them one after the other within its branch', () => {
    const r = replicate(
      build({
        nodes: [poissonSource('users', lambda), service('api', constant(0)), { id: 'x', kind: 'external', latency: constant(0.03) }, { id: 'y', kind: 'external', latency: constant(0.05) }],
        edges: [edge('users', 'api'), edge('api', 'x', { group: 'g', calls: 2 }), edge('api', 'y', { group: 'g' })],
        run: { duration: 20, warmup: 1, replications: 1, seed: 1 },
      }),
    );
    expect(r.combined.nodes.api!.responseTime).toBeCloseTo(0.06, 9);
    expect(r.combined.nodes.x!.arrivalRate / r.combined.nodes.y!.arrivalRate).toBeCloseTo(2, 1);
  });

  it('a source’s own calls can be a group too, and a cache on a miss sends its group without a worker', () => {
    const r = replicate(
      build({
        nodes: [
          poissonSource('users', lambda),
          { id: 'x', kind: 'external', latency: constant(0.05) },
          { id: 'y', kind: 'cache', latency: constant(0.001), hitRatio: 0 },
          { id: 'a', kind: 'external', latency: constant(0.01) },
          { id: 'b', kind: 'external', latency: constant(0.03) },
        ],
        edges: [edge('users', 'x', { group: 'g' }), edge('users', 'y', { group: 'g' }), edge('y', 'a', { group: 'miss', join: 'any' }), edge('y', 'b', { group: 'miss' })],
        run: { duration: 20, warmup: 1, replications: 1, seed: 4 },
      }),
    );
    // y: 1 ms of its own, then the faster of a and b (10 ms), all below x's 50 ms.
    expect(r.combined.nodes.y!.responseTime).toBeCloseTo(0.011, 9);
    expect(r.combined.summary.latency.mean).toBeCloseTo(0.05, 9);
  });

  it('the caller’s held worker is split between the members in its holding breakdown', () => {
    const r = replicate(
      build({
        nodes: [poissonSource('users', 20), service('api', constant(0), { workers: 50 }), { id: 'x', kind: 'external', latency: constant(0.05) }, { id: 'y', kind: 'external', latency: constant(0.05) }],
        edges: [edge('users', 'api'), edge('api', 'x', { group: 'g' }), edge('api', 'y', { group: 'g' })],
        run: { duration: 50, warmup: 1, replications: 1, seed: 2 },
      }),
    );
    const callees = r.combined.nodes.api!.holding!.callees;
    expect(callees.x).toBeCloseTo(0.5, 6);
    expect(callees.y).toBeCloseTo(0.5, 6);
  });
});

describe('the FastAPI gather example', () => {
  const example = assertScenario(JSON.parse(readFileSync(new URL('../../assets/examples/fastapi-gather.headroom.json', import.meta.url), 'utf8')));
  const short = (s: Scenario): Scenario => ({ ...s, run: { ...s.run, duration: 60, warmup: 5, replications: 3 } });
  it('waits for the slowest of its three calls, not their sum', () => {
    const parallel = replicate(short(example)).combined;
    const sequential = replicate(short({ ...example, edges: example.edges.map(({ group: _group, ...e }) => e) })).combined;
    const nodes = parallel.nodes;
    const slowest = Math.max(nodes['users-svc']!.responseTime, nodes.recs!.responseTime, nodes.inventory!.responseTime);
    const sum = nodes['users-svc']!.responseTime + nodes.recs!.responseTime + nodes.inventory!.responseTime;
    // The page: the gateway, the handler's own work and the wire come on top of the group.
    expect(nodes.api!.responseTime).toBeGreaterThan(slowest);
    expect(nodes.api!.responseTime).toBeLessThan(sum);
    expect(sequential.nodes.api!.responseTime - parallel.nodes.api!.responseTime).toBeGreaterThan(0.5 * (sum - slowest));
  });

  it('traces the three calls as children of the handler’s span, sent at the same instant', () => {
    const model = compileScenario(short(example));
    const recorder = new TraceRecorder(40);
    const engine = new Engine(model, 0, { traces: recorder });
    while (!engine.run(1 << 20)) {
      /* keep going */
    }
    const index = (id: string) => model.nodes.findIndex((n) => n.id === id);
    const members = new Set([index('users-svc'), index('recs'), index('inventory')]);
    const apiSpans = recorder.finished.filter((sp) => sp.node === index('api'));
    expect(apiSpans.length).toBeGreaterThan(30);
    for (const api of apiSpans) {
      const children = recorder.finished.filter((sp) => sp.trace === api.trace && sp.parent === api.span);
      expect(children.map((c) => c.node).sort()).toEqual([...members].sort());
      // Sent together after the handler's own work, each after the same 0.5 ms on the wire.
      for (const c of children) expect(c.start).toBeCloseTo(children[0]!.start, 12);
      expect(api.end).toBeCloseTo(Math.max(...children.map((c) => c.end)), 12);
    }
  });
});
