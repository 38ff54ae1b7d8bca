/**
 * `headroom plan` on a model whose per-node capacities are exact.
 *
 * users (constant arrivals, rate R) → api (service, 1 worker per replica, constant
 * 10 ms of work, round-robin) → db (database, 1 worker per instance, constant 15 ms,
 * reads balanced over every instance with `readsOnPrimary`).
 *
 * An api replica holds its worker through the sync db call: 10 + 15 = 25 ms while db
 * does not queue. Round-robin hands each of a api replicas a request every a/R s, and
 * each of d db instances one every d/R s (the db's arrivals are the source's shifted
 * by 10 ms). Everything is deterministic, so nothing ever waits while
 *   a/R ≥ 25 ms  ⇔  a ≥ 0.025 R      and      d/R ≥ 15 ms  ⇔  d ≥ 0.015 R,
 * and with fewer a queue grows without bound (by the overload fraction × elapsed
 * time). At R = 230: a ≥ 5.75 → 6 and d ≥ 3.45 → 4. The SLO p99 ≤ 100 ms holds exactly
 * when nothing queues (latency 25 ms); one replica fewer on either node overloads it
 * by 15% (5 api: 230 × 25 ms / 5 = 1.15; 3 db: 230 × 15 ms / 3 = 1.15) and over 22 s
 * the queue reaches seconds. So the cheapest — and the only locally minimal —
 * assignment is api × 6, db × 4.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { CapacityPlan } from '../../simulation/whatif/plan';
import { cli, database, scenario, service, source, tempDir } from './helpers';

const model = scenario({
  name: 'plan me',
  nodes: [
    source('users', { process: 'constant', rate: 100 }),
    service('api', { replicas: 1, workers: 1, work: { dist: 'constant', value: 0.01 }, cost: 0.1 }),
    database('db', { replicas: 1, workers: 1, readsOnPrimary: true, latency: { dist: 'constant', value: 0.015 }, cost: 0.5 }),
  ],
  edges: [
    { from: 'users', to: 'api' },
    { from: 'api', to: 'db' },
  ],
  run: { duration: 20, warmup: 2, replications: 1, seed: 1 },
  slo: { p99: 0.1 },
  cost: { currency: 'USD' },
});

const tmp = tempDir('plan');
afterAll(() => tmp.remove());
const file = tmp.write('plan.headroom.json', model);

async function plan(args: string[]): Promise<{ code: number | null; plan: CapacityPlan; stderr: string }> {
  const r = await cli(['plan', file, ...args, '--json', '-', '--no-timing', '--threads', '1']);
  return { code: r.code, plan: JSON.parse(r.stdout) as CapacityPlan, stderr: r.stderr };
}

async function meets(load: number, api: number, db: number): Promise<number | null> {
  const r = await cli(['run', file, '--set', `nodes.users.arrival.rate=${load}`, '--set', `nodes.api.replicas=${api}`, '--set', `nodes.db.replicas=${db}`, '--check', '--threads', '1']);
  return r.code;
}

describe('headroom plan', () => {
  it('at 230 req/s finds api × 6, db × 4, and that plan is locally minimal (verified by running it)', async () => {
    const { code, plan: p, stderr } = await plan(['--load', '230', '--nodes', 'api,db', '--check']);
    expect(code, stderr).toBe(0);
    expect(p.found).toBe(true);
    expect(p.source).toBe('users');
    expect(p.load).toBe(230);
    expect(p.assignment).toEqual({ api: { replicas: 6, workers: 1 }, db: { replicas: 4, workers: 1 } });
    expect(p.result.summary.sloMet).toBe(true);
    expect(p.result.summary.latency.p99).toBeCloseTo(0.025, 4);
    // Cost: 6 × 0.1 + 4 × 0.5 per hour.
    expect(p.costPerHour).toBeCloseTo(2.6, 9);
    expect(p.explanation).toMatch(/^at 230 req\/s, api×6 .*db×4 .*meets the SLO/);
    // The evidence: some step ran exactly this assignment and met the SLO.
    expect(p.steps.some((s) => s.sloMet && s.assignment.api!.replicas === 6 && s.assignment.db!.replicas === 4)).toBe(true);
    // Independently, with the plain `run --check`: the plan meets the SLO, and one
    // replica fewer on either planned node misses it.
    const [asPlanned, lessApi, lessDb] = await Promise.all([meets(230, 6, 4), meets(230, 5, 4), meets(230, 6, 3)]);
    expect(asPlanned).toBe(0);
    expect(lessApi).toBe(3);
    expect(lessDb).toBe(3);
  });

  it('a planned node at 1 replica cannot go lower: replicas 0 is not a valid scenario', async () => {
    // At 50 req/s: api ≥ 0.025 × 50 = 1.25 → 2; db ≥ 0.75 → 1.
    const { plan: p } = await plan(['--load', '50', '--nodes', 'api,db']);
    expect(p.found).toBe(true);
    expect(p.assignment).toEqual({ api: { replicas: 2, workers: 1 }, db: { replicas: 1, workers: 1 } });
    const [lessApi, zeroDb] = await Promise.all([meets(50, 1, 1), meets(50, 2, 0)]);
    expect(lessApi).toBe(3);
    expect(zeroDb).toBe(1);
  });

  it('an impossible load within --max-replicas: found false, exit 3 with --check (0 without)', async () => {
    // api would need 6 replicas at 230 req/s; at most 4 are allowed.
    const checked = await plan(['--load', '230', '--nodes', 'api,db', '--max-replicas', '4', '--check']);
    expect(checked.code).toBe(3);
    expect(checked.plan.found).toBe(false);
    expect(checked.plan.result.summary.sloMet).toBe(false);
    expect(checked.plan.explanation).toContain('no assignment within 4 replicas per node met the SLO at 230 req/s');
    // It gave api all it could before giving up.
    expect(checked.plan.assignment.api!.replicas).toBe(4);
    const unchecked = await plan(['--load', '230', '--nodes', 'api,db', '--max-replicas', '4']);
    expect(unchecked.code).toBe(0);
    expect(unchecked.plan.found).toBe(false);
  });

  it('rejects unknown or unsizeable nodes (exit 1) and a missing --load (exit 2)', async () => {
    const unknown = await cli(['plan', file, '--load', '10', '--nodes', 'nope', '--threads', '1']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('plan: no node "nope"');
    const src = await cli(['plan', file, '--load', '10', '--nodes', 'users', '--threads', '1']);
    expect(src.code).toBe(1);
    expect(src.stderr).toContain('users is a source');
    const noLoad = await cli(['plan', file, '--nodes', 'api']);
    expect(noLoad.code).toBe(2);
  });
});
