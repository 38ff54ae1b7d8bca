/**
 * The timeline of events (`events`): restarts, failovers, rolling deploys and flushes,
 * checked against figures known by construction (a replica count over time, calls that
 * must all go downstream, writes that fail exactly while the primary is being replaced)
 * and stated invariants (a drain loses nothing; a deploy never has fewer ready pods than
 * maxUnavailable allows). Tolerances as in features.test.ts. The Redis failover and rolling
 * deploy examples are run and held to what their descriptions state.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { build, edge, exponential, poissonSource, service, type Fields } from '../helpers/build';
import { expectNear, per, replicate } from '../helpers/replicate';
import type { ResultDocument } from '../../simulation/model/result';
import type { Scenario } from '../../simulation/model/schema';
import { assertScenario, parseScenario } from '../../simulation/model/validate';
import { runScenarioInProcess } from '../../simulation/runner/runScenario';

const run = { duration: 60, warmup: 0, replications: 10, seed: 77 };
const failedCount = (d: { summary: { errors: { failed: number }; offered: number } }, seconds: number) => d.summary.errors.failed * d.summary.offered * seconds;

function twoReplicas(events: Fields[]) {
  return build({
    nodes: [poissonSource('users', 400), service('svc', exponential(0.005), { replicas: 2, workers: 4 })],
    edges: [edge('users', 'svc')],
    run,
    events,
  });
}

describe('restart', () => {
  it('one of two replicas down for D s at a load one replica carries: only its in-flight requests fail, throughput is conserved', () => {
    const r = replicate(twoReplicas([{ at: 20, node: 'svc', action: 'restart', replica: 0, down: 10 }]));
    const d = r.combined;
    // Only what replica 0 held at t = 20: on average λ/2 × E[S] = 1 request.
    for (const rep of r.perRep) expect(failedCount(rep, run.duration)).toBeLessThan(8);
    expect(d.summary.errors.rejected).toBe(0);
    expect(d.summary.errors.timedOut).toBe(0);
    // Every request that did not fail completed: what arrived is what was served.
    expectNear('throughput ÷ offered', per(r, (x) => x.summary.throughput / x.summary.offered), 1, { biasAbs: 0.002, precision: 0.01 });
    expect(d.nodes.svc!.replicas).toBeCloseTo(2 - 10 / run.duration, 9);
    expect(d.events).toEqual([expect.objectContaining({ at: 20, node: 'svc', action: 'restart', replica: 0, end: 30 })]);
    expect(d.events![0]!.recovered).not.toBeNull();
  });

  it('a cold restart makes the replica\'s own work slower during its warm-up, then not', () => {
    const cold = replicate(twoReplicas([{ at: 20, node: 'svc', action: 'restart', down: 1, warmup: 30, coldFactor: 5 }]));
    const warm = replicate(twoReplicas([{ at: 20, node: 'svc', action: 'restart', down: 1 }]));
    // Mean factor over the warm-up is 1 + (5 − 1)/2 = 3 on half the work for 30 s of 60: the CPU busy time grows by about half.
    const busy = (x: typeof cold) => x.combined.nodes.svc!.cpuUtilization!;
    expect(busy(cold) / busy(warm)).toBeGreaterThan(1.3);
    expect(busy(cold) / busy(warm)).toBeLessThan(1.7);
  });
});

describe('rolling deploy', () => {
  const pods = 4;
  const startup = 5;
  const deploy = (extra: Fields) =>
    build({
      nodes: [poissonSource('users', 300), service('svc', exponential(0.005), { replicas: pods, workers: 2 })],
      edges: [edge('users', 'svc')],
      run,
      events: [{ at: 20, node: 'svc', action: 'deploy', startup, ...extra }],
    });

  it('maxUnavailable 1, maxSurge 0 over N pods takes N × startup, never has fewer than N − 1 ready, and its drain loses nothing', () => {
    const r = replicate(deploy({ maxUnavailable: 1, maxSurge: 0 }));
    const d = r.combined;
    const mark = d.events![0]!;
    // The last new pod is ready N × startup after the start; each old pod's drain ends before that.
    expect(mark.end).toBeCloseTo(20 + pods * startup, 9);
    const replicas = d.timeSeries.nodes.svc!.replicas;
    expect(Math.min(...replicas)).toBeGreaterThanOrEqual(pods - 1 - 1e-9);
    // Exactly one pod short for the whole rollout: a new pod is ready at the instant the next old one drains.
    expect(d.nodes.svc!.replicas).toBeCloseTo(pods - (pods * startup) / run.duration, 9);
    expect(d.summary.errorRate).toBe(0);
  });

  it('maxSurge 1, maxUnavailable 0 keeps every pod ready and replaces one pod per startup', () => {
    const r = replicate(deploy({ maxUnavailable: 0, maxSurge: 1 }));
    const d = r.combined;
    // Here an old pod drains only once its new one is ready, so the last drain ends the rollout.
    expect(d.events![0]!.end).toBeGreaterThanOrEqual(20 + pods * startup);
    expect(d.events![0]!.end).toBeLessThan(20 + pods * startup + 0.1);
    expect(Math.min(...d.timeSeries.nodes.svc!.replicas)).toBeGreaterThanOrEqual(pods - 1e-9);
    expect(d.nodes.svc!.replicas).toBeCloseTo(pods, 9);
    expect(d.summary.errorRate).toBe(0);
  });

  it('percentages resolve as Kubernetes does: 25% of 4 is one pod each way, two pods per round', () => {
    const r = replicate(deploy({}));
    expect(r.combined.events![0]!.end).toBeGreaterThanOrEqual(20 + (pods / 2) * startup);
    expect(r.combined.events![0]!.end).toBeLessThan(20 + (pods / 2) * startup + 0.1);
    expect(Math.min(...r.combined.timeSeries.nodes.svc!.replicas)).toBeGreaterThanOrEqual(pods - 1 - 1e-9);
  });
});

describe('failover', () => {
  const lambda = 200;
  const writeShare = 0.3;
  const database = (whileDown: string) =>
    build({
      classes: ['read', 'write'],
      nodes: [
        poissonSource('users', lambda, { mix: { read: 1 - writeShare, write: writeShare } }),
        // Unlimited workers: the writes held at the database hold the api's workers, which would make reads wait too.
        service('api', exponential(0.001), { replicas: 2 }),
        { id: 'db', kind: 'database', replicas: 2, workers: 16, latency: exponential(0.004), writes: ['write'] },
      ],
      edges: [edge('users', 'api'), edge('api', 'db')],
      run,
      events: [{ at: 20, node: 'db', action: 'failover', promotion: 10, whileDown }],
    });

  it('"fail": writes fail for the promotion, reads go on at the read replica, and the errors stop after it', () => {
    const r = replicate(database('fail'));
    const d = r.combined;
    expectNear('write error rate', per(r, (x) => x.classes.write!.errorRate), 10 / run.duration, { biasAbs: 0.004, precision: 0.1 });
    // Reads lose only what the primary held at the failure: they are on the read replica.
    expect(d.classes.read!.errorRate).toBeLessThan(0.001);
    const ts = d.timeSeries;
    const during = ts.start.map((t, b) => ({ t, e: ts.errorRate[b]! })).filter((x) => x.t >= 20 && x.t + ts.interval <= 30);
    for (const x of during) expect(x.e).toBeGreaterThan(writeShare * 0.7);
    const after = ts.start.map((t, b) => ({ t, e: ts.errorRate[b]! })).filter((x) => x.t >= 30);
    for (const x of after) expect(x.e).toBe(0);
    expect(d.events![0]).toMatchObject({ action: 'failover', end: 30 });
    expect(d.events![0]!.recovered).toBeGreaterThanOrEqual(30);
    // The promoted read replica left the read pool: 2 instances until 20, 1 for the promotion, 1 after.
    expect(d.nodes.db!.replicas).toBeCloseTo((2 * 20 + 1 * 40) / run.duration, 2);
  });

  it('"wait": writes wait for the promotion instead of failing', () => {
    const r = replicate(database('wait'));
    const d = r.combined;
    for (const rep of r.perRep) expect(failedCount(rep, run.duration)).toBeLessThan(10);
    // A write arriving just after the failure waits the whole promotion.
    expect(d.classes.write!.latency.max).toBeGreaterThan(9);
    expect(d.classes.write!.latency.max).toBeLessThan(10.5);
    expect(d.classes.read!.latency.max).toBeLessThan(1);
  });
});

describe('cache onError and flush', () => {
  const lambda = 300;
  const hitRatio = 0.8;
  const cached = (cache: Fields, events: Fields[]) =>
    build({
      nodes: [
        poissonSource('users', lambda),
        { id: 'redis', kind: 'cache', workers: 8, latency: exponential(0.0005), hitRatio, ...cache },
        { id: 'db', kind: 'database', workers: 32, latency: exponential(0.004) },
      ],
      edges: [edge('users', 'redis'), edge('redis', 'db')],
      run,
      events,
    });
  const callRate = (d: { edges: { from: string; to: string; rate: number }[] }) => d.edges.find((e) => e.from === 'redis' && e.to === 'db')!.rate;

  it('bypass: while the cache is down every lookup goes to the database, and none fails', () => {
    const r = replicate(cached({ onError: 'bypass' }, [{ at: 20, node: 'redis', action: 'failover', promotion: 10 }]));
    // Misses outside the outage, every lookup inside it.
    expectNear('db calls/s', per(r, callRate), lambda * ((1 - hitRatio) * 50 + 10) / run.duration, { bias: 0.01, precision: 0.05 });
    for (const rep of r.perRep) expect(failedCount(rep, run.duration)).toBeLessThan(6);
  });

  it('fail (the default): lookups fail while the cache is down', () => {
    const r = replicate(cached({}, [{ at: 20, node: 'redis', action: 'failover', promotion: 10 }]));
    expectNear('errors.failed', per(r, (d) => d.summary.errors.failed), 10 / run.duration, { biasAbs: 0.003, precision: 0.05 });
    expectNear('db calls/s', per(r, callRate), (lambda * (1 - hitRatio) * 50) / run.duration, { bias: 0.01, precision: 0.05 });
  });

  it('a flush drops a keyless hit ratio to 0 and it climbs back linearly over warm s', () => {
    const r = replicate(cached({}, [{ at: 20, node: 'redis', action: 'flush', warm: 20 }]));
    // The ramp loses half of warm × hitRatio: hits over the run are hitRatio × (60 − 10) s.
    expectNear('hit ratio', per(r, (d) => d.nodes.redis!.hitRatio!), (hitRatio * 50) / run.duration, { biasAbs: 0.002, precision: 0.02 });
    expect(r.combined.events![0]).toMatchObject({ action: 'flush', end: 40 });
    expect(r.combined.summary.errorRate).toBe(0);
  });
});

describe('validating events', () => {
  const scenario = (events: Fields[], extra: Record<string, Fields> = {}) => ({
    format: 'headroom/scenario',
    version: 1,
    name: 'events',
    nodes: [
      { id: 'users', label: 'users', position: { x: 0, y: 0 }, kind: 'source', arrival: { process: 'poisson', rate: 10 } },
      { id: 'api', label: 'api', position: { x: 1, y: 0 }, kind: 'service', work: exponential(0.01), replicas: 2, ...extra.api },
      { id: 'redis', label: 'redis', position: { x: 2, y: 0 }, kind: 'cache', hitRatio: 0.5 },
    ],
    edges: [edge('users', 'api'), edge('api', 'redis')],
    run: { duration: 100 },
    events,
  });
  const problems = (events: Fields[], extra?: Record<string, Fields>) => {
    const r = parseScenario(scenario(events, extra));
    return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`);
  };

  it('accepts each action on a node of its kind', () => {
    expect(
      problems([
        { at: 10, node: 'api', action: 'restart', down: 5 },
        { at: 20, node: 'api', action: 'deploy', startup: 5, maxSurge: '25%', maxUnavailable: 0 },
        { at: 30, node: 'redis', action: 'failover' },
        { at: 40, node: 'redis', action: 'flush' },
      ]),
    ).toEqual([]);
  });

  it('names the event and field of each mistake', () => {
    expect(problems([{ at: 10, node: 'apii', action: 'restart', down: 5 }])).toEqual([expect.stringMatching(/^events\[0\]\.node: .*"apii".*"api"/)]);
    expect(problems([{ at: 10, node: 'api', action: 'flush' }])).toEqual(['events[0].node: "api" is a service: "flush" applies to a cache']);
    expect(problems([{ at: 100, node: 'api', action: 'restart', down: 5 }])).toEqual([expect.stringMatching(/^events\[0\]\.at: 100 s is at or after the end of the run/)]);
    expect(problems([{ at: 10, node: 'api', action: 'restart', replica: 2, down: 5 }])).toEqual([expect.stringMatching(/^events\[0\]\.replica: /)]);
    expect(problems([{ at: 10, node: 'api', action: 'deploy', startup: 5, maxSurge: 'a lot' }])).toEqual([expect.stringMatching(/^events\[0\]\.maxSurge: must be a number of pods/)]);
    expect(problems([{ at: 10, node: 'api', action: 'reboot' }])).toEqual(['events[0].action: must be one of "restart", "failover", "deploy", "flush", not "reboot"']);
    expect(problems([5 as unknown as Fields])).toEqual([expect.stringMatching(/^events\[0\]: must be an event with "action"/)]);
    expect(problems([{ at: 10, node: 'api', action: 'deploy', startup: 5 }], { api: { workers: 4, autoscale: { min: 1, max: 4, targetUtilization: 0.7 } } })).toEqual([expect.stringMatching(/^events\[0\]\.node: .*autoscaled/)]);
  });

  it('refuses two events on one replica at once, and allows them on different replicas or one after the other', () => {
    expect(problems([{ at: 10, node: 'api', action: 'restart', down: 20 }, { at: 20, node: 'api', action: 'restart', down: 5 }])).toEqual([
      'events[1].at: overlaps events[0] (10–30 s) on the same replica of "api": give the second one a later "at"',
    ]);
    // A deploy touches every pod: its plan (2 rounds of 5 s here) overlaps any restart within it.
    expect(problems([{ at: 10, node: 'api', action: 'deploy', startup: 5 }, { at: 15, node: 'api', action: 'restart', replica: 1, down: 5 }])).toHaveLength(1);
    expect(problems([{ at: 10, node: 'api', action: 'restart', replica: 0, down: 20 }, { at: 20, node: 'api', action: 'restart', replica: 1, down: 5 }])).toEqual([]);
    expect(problems([{ at: 10, node: 'api', action: 'restart', down: 10 }, { at: 20, node: 'api', action: 'restart', down: 5 }])).toEqual([]);
  });
});

describe('the shipped timeline examples do what their descriptions say', () => {
  const example = (name: string) => JSON.parse(readFileSync(new URL(`../../assets/examples/${name}.headroom.json`, import.meta.url), 'utf8')) as Scenario;
  const runIt = (s: Scenario) => runScenarioInProcess(assertScenario({ ...s, run: { ...s.run, replications: 2 } }));
  const over = (r: ResultDocument, series: readonly number[], from: number, to: number) => series.filter((_, i) => r.timeSeries.start[i]! >= from && r.timeSeries.start[i]! < to);

  it('Redis failover with bypass: no lookup fails, and MySQL takes every lookup for the 20 s promotion; with "fail" that share of requests fails instead', () => {
    const file = example('redis-failover');
    const bypass = runIt(file);
    const failing = runIt({ ...file, nodes: file.nodes.map((n) => (n.id === 'redis' ? { ...n, onError: 'fail' as const } : n)) });
    const { measured, outage, rate, hit } = { measured: file.run.duration, outage: 20, rate: 200, hit: 0.92 };
    expect(bypass.events![0]).toMatchObject({ action: 'failover', at: 100, end: 120 });
    expect(bypass.summary.errorRate).toBeLessThan(file.slo!.errorRate!);
    // Misses outside the outage, every lookup inside it.
    const dbRate = (r: ResultDocument) => r.edges.find((e) => e.from === 'redis' && e.to === 'mysql')!.rate;
    expect(dbRate(bypass) / ((rate * ((1 - hit) * (measured - outage) + outage)) / measured)).toBeCloseTo(1, 1);
    expect(dbRate(failing) / ((rate * (1 - hit) * (measured - outage)) / measured)).toBeCloseTo(1, 1);
    // Failing lookups while the primary is replaced: the outage's share of the measured window.
    expect(failing.summary.errorRate).toBeGreaterThan(0.9 * (outage / measured));
    expect(failing.summary.errorRate).toBeLessThan(1.1 * (outage / measured));
  }, 60_000);

  it('rolling deploy at 80% load: ready pods dip to replicas − maxUnavailable (8) and the queue and p99 rise; maxUnavailable 0 keeps all 10 and a lower p99', () => {
    const file = example('rolling-deploy');
    const rollout = runIt(file);
    const surgeOnly = runIt({ ...file, events: file.events!.map((e) => (e.action === 'deploy' ? { ...e, maxUnavailable: 0 } : e)) });
    const during = (r: ResultDocument, series: readonly number[]) => over(r, series, 80, r.events![0]!.end!);
    const before = (r: ResultDocument, series: readonly number[]) => over(r, series, 30, 80);
    const api = (r: ResultDocument) => r.timeSeries.nodes.api!;
    const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(Math.min(...during(rollout, api(rollout).replicas))).toBeCloseTo(8, 5);
    expect(Math.min(...before(rollout, api(rollout).replicas))).toBe(10);
    expect(Math.min(...during(surgeOnly, api(surgeOnly).replicas))).toBeGreaterThanOrEqual(10);
    expect(mean(during(rollout, api(rollout).queueLength))).toBeGreaterThan(2 * mean(before(rollout, api(rollout).queueLength)));
    expect(Math.max(...during(rollout, rollout.timeSeries.p99))).toBeGreaterThan(Math.max(...before(rollout, rollout.timeSeries.p99)));
    expect(Math.max(...during(surgeOnly, surgeOnly.timeSeries.p99))).toBeLessThan(Math.max(...during(rollout, rollout.timeSeries.p99)));
    // Without unavailable pods the rollout takes one round per startup per surge pod: longer.
    expect(surgeOnly.events![0]!.end!).toBeGreaterThan(rollout.events![0]!.end!);
  }, 60_000);
});
