/**
 * The scale-out verdict. First on hand-made points (the spec's example), then on a
 * simulated model whose capacities follow exactly from its parameters.
 */
import { describe, expect, it } from 'vitest';
import type { ResultDocument, SweepDocument, SweepPoint } from '../../simulation/model/result';
import { runSweep, withScaling } from '../../simulation/whatif/sweep';
import { scalingVerdict } from '../../simulation/whatif/scaling';
import { database, inProcessPool, scenario, service, source } from './helpers';

function fakeResult(throughput: number, bottleneck: { node: string; utilization: number } | null, perHour = 0): ResultDocument {
  return {
    summary: { throughput },
    bottleneck: bottleneck ? { ...bottleneck, explanation: '', latencyShare: 0 } : null,
    cost: perHour > 0 ? { currency: 'USD', perHour, perMillionRequests: null } : null,
  } as unknown as ResultDocument;
}

function point(index: number, replicas: number, capacity: number, bottleneck: { node: string; utilization: number } | null, perHour = 0): SweepPoint {
  return { index, values: { 'nodes.api.replicas': replicas }, result: fakeResult(capacity, bottleneck, perHour), capacity: { source: 'users', rate: capacity, bracket: [capacity, capacity * 1.01], evaluations: 8 } };
}

describe('scalingVerdict on the spec example', () => {
  // Capacities [310, 600.5, 1130.2, 1190] at 1, 2, 4, 8 replicas. The first replica
  // gives 310, so a step pays while it adds ≥ 155 per added replica:
  // 1→2: 290.5/1 ✓; 2→4: 529.7/2 = 264.85 ✓; 4→8: 59.8/4 = 14.95 ✗ → paysOffUntil 4.
  // Growth 4→8 is 1190/1130.2 − 1 = 5.3%, shown as "5%".
  const points = [
    point(0, 1, 310, { node: 'api', utilization: 0.97 }),
    point(1, 2, 600.5, { node: 'api', utilization: 0.95 }),
    point(2, 4, 1130.2, { node: 'api', utilization: 0.93 }),
    point(3, 8, 1190, { node: 'db', utilization: 0.96 }),
  ];

  it('pays off until 4, and names db at 96%', () => {
    const v = scalingVerdict('nodes.api.replicas', points, 0.95);
    expect(v.replicas).toEqual([1, 2, 4, 8]);
    expect(v.capacity).toEqual([310, 600.5, 1130.2, 1190]);
    expect(v.paysOffUntil).toBe(4);
    expect(v.explanation).toBe('from 4 to 8 replicas of api capacity grows 5%: db becomes the bottleneck at 96% utilization');
    expect(v.usl).not.toBeNull();
    expect(v.costPerHour).toBeUndefined();
  });

  it('sorts points by replica count whatever order they come in', () => {
    const shuffled = [points[2]!, points[0]!, points[3]!, points[1]!];
    expect(scalingVerdict('nodes.api.replicas', shuffled, 0.95)).toEqual(scalingVerdict('nodes.api.replicas', points, 0.95));
  });

  it('says the node itself stays the bottleneck when it does (contention)', () => {
    const own = points.map((p, i) => (i === 3 ? point(3, 8, 1190, { node: 'api', utilization: 0.99 }) : p));
    expect(scalingVerdict('nodes.api.replicas', own, 0.95).explanation).toBe('from 4 to 8 replicas of api capacity grows 5%: api itself stays the bottleneck at 99% utilization (contention)');
  });

  it('names what broke just above the capacity when nothing is saturated at it (a callee slowed by contention)', () => {
    const limited = points.map((p, i) =>
      i === 3 ? { ...point(3, 8, 1190, { node: 'api', utilization: 0.72 }), capacity: { source: 'users', rate: 1190, bracket: [1190, 1202] as [number, number], evaluations: 8, limit: { rate: 1202, node: 'db', why: 'heldUp' as const, caller: 'api', waitShare: 0.74, utilization: null } } } : p,
    );
    const v = scalingVerdict('nodes.api.replicas', limited, 0.95);
    expect(v.finding?.code).toBe('scaling.turnAbove');
    expect(v.turn?.bottleneck?.node).toBe('db');
    expect(v.explanation).toBe('from 4 to 8 replicas of api capacity grows 5%: db limits it: at 1,202/s api cannot keep up, its workers 74% of their time waiting on it, while at the capacity the busiest, api, is at only 72% utilization');
    // A bottleneck saturated at the capacity explains the limit itself, whatever broke above it.
    const saturated = limited.map((p, i) => (i === 3 ? { ...p, result: fakeResult(1190, { node: 'api', utilization: 0.97 }) } : p));
    expect(scalingVerdict('nodes.api.replicas', saturated, 0.95).finding?.code).toBe('scaling.turn');
  });

  it('every step paying: paysOffUntil is the largest count', () => {
    const linear = [1, 2, 3, 4].map((n, i) => point(i, n, 100 * n, { node: 'api', utilization: 0.9 }));
    const v = scalingVerdict('nodes.api.replicas', linear, 0.95);
    expect(v.paysOffUntil).toBe(4);
    expect(v.explanation).toBe('every step up to 4 replicas of api still pays off; at 4 the bottleneck is api at 90% utilization');
    // Exactly linear: σ = κ = 0 and λ = 100.
    expect(v.usl!.sigma).toBeLessThan(1e-12);
    expect(v.usl!.kappa).toBeLessThan(1e-12);
    expect(v.usl!.lambda).toBeCloseTo(100, 9);
  });

  it('a step adding exactly half of the first replica still pays (≥, not >)', () => {
    const v = scalingVerdict('nodes.api.replicas', [point(0, 1, 100, null), point(1, 2, 150, null), point(2, 3, 199, null)], 0.95);
    expect(v.paysOffUntil).toBe(2);
    expect(v.explanation).toBe('from 2 to 3 replicas of api capacity grows 33%: no node with a finite capacity limits it');
  });

  it('one point: nothing to compare', () => {
    const v = scalingVerdict('nodes.api.replicas', [point(0, 2, 100, null)], 0.95);
    expect(v.paysOffUntil).toBe(2);
    expect(v.explanation).toBe('one replica count only: nothing to compare');
    expect(v.usl).toBeNull();
  });

  it('reports cost per hour at each point when nodes have costs', () => {
    const costed = [1, 2, 4].map((n, i) => point(i, n, 100 * n, null, 0.5 * n));
    expect(scalingVerdict('nodes.api.replicas', costed, 0.95).costPerHour).toEqual([0.5, 1, 2]);
  });
});

describe('withScaling', () => {
  const doc = (vary: SweepDocument['vary'], points: SweepPoint[]): SweepDocument => ({ format: 'headroom/sweep', version: 1, scenario: 's', vary, points });

  it('adds the verdict only when exactly one varied path is a replica count', () => {
    const pts = [1, 2].map((n, i) => point(i, n, 100 * n, null));
    expect(withScaling(doc([{ path: 'nodes.api.replicas', values: [1, 2] }], pts), 0.95).scaling?.paysOffUntil).toBe(2);
    expect(withScaling(doc([{ path: 'nodes.api.workers', values: [1, 2] }], pts), 0.95).scaling).toBeUndefined();
    expect(withScaling(doc([{ path: 'nodes.api.replicas', values: [1, 2] }, { path: 'nodes.db.replicas', values: [1] }], pts), 0.95).scaling).toBeUndefined();
  });

  it('with another path varied too, takes the verdict along that path’s first value', () => {
    // Grid row-major: workers (outer) × replicas (inner). At workers=1 capacity is
    // linear (paysOffUntil 3); at workers=2 it is flat (would stop at 1).
    const pts: SweepPoint[] = [];
    for (const w of [1, 2])
      for (const n of [1, 2, 3]) {
        const cap = w === 1 ? 100 * n : 100;
        pts.push({ index: pts.length, values: { 'nodes.api.workers': w, 'nodes.api.replicas': n }, result: fakeResult(cap, null) });
      }
    const v = withScaling(doc([{ path: 'nodes.api.workers', values: [1, 2] }, { path: 'nodes.api.replicas', values: [1, 2, 3] }], pts), 0.95).scaling!;
    expect(v.capacity).toEqual([100, 200, 300]);
    expect(v.paysOffUntil).toBe(3);
  });
});

describe('scale-out of a simulated api → db chain with a known knee', () => {
  // Everything deterministic, so every capacity is exact:
  // - arrivals `constant` at rate r, round-robin over R api replicas: each replica gets
  //   a request every R/r s;
  // - api: 1 worker per replica, work constant 10 ms; it holds its worker through the
  //   sync call to db, so a request holds it 10 ms + 4.5 ms = 14.5 ms while db does not
  //   queue; a replica never queues while R/r ≥ 14.5 ms, i.e. r ≤ R/0.0145 = 68.97·R;
  // - db: 1 worker, latency constant 4.5 ms; its arrivals are the source's, shifted by
  //   10 ms, one every 1/r s, so it never queues while r ≤ 1/0.0045 = 222.2/s.
  // Below both limits every request takes exactly 14.5 ms. Above one, a queue grows
  // without bound: by (overload fraction δ) × elapsed time; with warm-up + duration =
  // 22 s, p99 passes the 50 ms SLO once δ·22 s > 35.5 ms, δ > 0.16%. So capacity is
  // C(R) = min(68.97·R, 222.2) within −precision (0.5%) / +0.2%:
  //   R = 1..6 → 68.97, 137.93, 206.90, 222.22, 222.22, 222.22.
  // Half the first replica's capacity is 34.5/s per added replica: steps 1→2, 2→3 add
  // 68.97, 3→4 adds 15.3, so paysOffUntil = 3, and at R = 4 db runs at 100% while each
  // api replica is at 222.2/4 × 14.5 ms = 81%: "db becomes the bottleneck".
  const apiHold = 0.0145;
  const dbLatency = 0.0045;
  const model = scenario({
    name: 'api-db knee',
    nodes: [
      source('users', { process: 'constant', rate: 50 }),
      service('api', { replicas: 1, workers: 1, work: { dist: 'constant', value: 0.01 } }),
      database('db', { replicas: 1, workers: 1, latency: { dist: 'constant', value: dbLatency } }),
    ],
    edges: [
      { from: 'users', to: 'api' },
      { from: 'api', to: 'db' },
    ],
    run: { duration: 20, warmup: 2, replications: 1, seed: 3 },
    slo: { p99: 0.05 },
    whatIf: { vary: [{ path: 'nodes.api.replicas', values: [1, 2, 3, 4, 5, 6] }], load: { source: 'users', find: 'max', precision: 0.005 } },
  });

  it('capacity grows linearly to the db limit; pays off until 3; db becomes the bottleneck', async () => {
    const pool = inProcessPool(1);
    try {
      const doc = await runSweep(pool, model);
      const expected = [1, 2, 3, 4, 5, 6].map((r) => Math.min(r / apiHold, 1 / dbLatency));
      const s = doc.scaling!;
      expect(s.replicas).toEqual([1, 2, 3, 4, 5, 6]);
      s.capacity.forEach((c, i) => {
        expect(c, `capacity at ${i + 1} replicas`).toBeGreaterThanOrEqual(expected[i]! * (1 - 0.005));
        expect(c, `capacity at ${i + 1} replicas`).toBeLessThanOrEqual(expected[i]! * 1.002);
      });
      expect(s.paysOffUntil).toBe(3);
      expect(s.explanation).toContain('from 3 to 4 replicas of api');
      expect(s.explanation).toContain('db becomes the bottleneck');
      expect(s.turn!.bottleneck).toMatchObject({ node: 'db', resource: 'connections' });
      for (const p of doc.points) {
        expect(p.capacity!.source).toBe('users');
        // At the reported rate the SLO is met; 14.5 ms is the least any request takes
        // (at or below the knee every request takes exactly that; just above it, within
        // the +0.16% slack, a slowly growing queue adds up to the SLO's 35.5 ms).
        expect(p.result.summary.sloMet).toBe(true);
        expect(p.result.summary.latency.p50).toBeGreaterThanOrEqual(apiHold * (1 - 1e-3));
        expect(p.result.summary.latency.p99).toBeLessThanOrEqual(0.05);
        if (p.capacity!.rate <= expected[p.index]!) expect(p.result.summary.latency.p99).toBeCloseTo(apiHold, 4);
        expect(p.capacity!.bracket[1]).not.toBeNull();
        expect(p.capacity!.bracket[1]!).toBeGreaterThan(expected[p.index]!);
      }
      // db is the bottleneck from 4 replicas on; api (its one worker held 10 of every 14.5 ms by its own work, the rest by db's plain latency) before.
      expect(doc.points.map((p) => p.result.bottleneck!.node)).toEqual(['api', 'api', 'api', 'db', 'db', 'db']);
    } finally {
      pool.dispose();
    }
  });
});
