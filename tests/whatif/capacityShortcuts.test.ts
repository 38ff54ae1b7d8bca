/**
 * The capacity search's shortcuts against the search without any, on a small model
 * shaped like the FastAPI example: an API whose replicas are varied, and behind it an
 * asynchronous queue whose one consumer saturates at 200/s, so that the last point is
 * limited by the consumer (the ceiling path) and the others by the API's p99.
 *
 * - The exhaustive search judges every candidate rate by the full verdict (every
 *   replication to its end, no screen, no early stop, no guess) and bisects to the same
 *   precision. The fast search (runPoint) must agree within that precision, and its own
 *   bracket must hold under the full verdict: met at the stated capacity, missed at the
 *   bracket's other end.
 * - With the screen stop taken out of every task, the search must take the same path and
 *   give the same document: stopping a clearly failed run changes what it costs, not what
 *   it says.
 * - `headroom sweep` gives the same bytes on one thread and on two.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { SweepDocument, SweepPoint } from '../../simulation/model/result';
import type { Scenario } from '../../simulation/model/schema';
import { setPath } from '../../simulation/model/paths';
import type { WorkerPool } from '../../simulation/runner/pool';
import { findMaxRate } from '../../simulation/whatif/capacity';
import { runPoint, sweepGrid } from '../../simulation/whatif/sweep';
import { replicate } from '../helpers/replicate';
import { cli, inProcessPool, queueNode, scenario, service, source, tempDir } from './helpers';

const precision = 0.02;

const model = scenario({
  name: 'API and worker queue',
  nodes: [
    source('clients', { process: 'poisson', rate: 60 }),
    service('api', { replicas: 1, workers: 8, cpus: 2, queue: 200, work: { dist: 'lognormal', mean: 0.02, cv: 1 } }),
    queueNode('jobs', { latency: { dist: 'constant', value: 0.0005 }, capacity: 50000 }),
    service('worker', { replicas: 1, workers: 4, cpus: 2, work: { dist: 'exponential', mean: 0.01 } }),
  ],
  edges: [
    { from: 'clients', to: 'api' },
    { from: 'api', to: 'jobs', mode: 'async' },
    { from: 'jobs', to: 'worker' },
  ],
  run: { duration: 60, warmup: 5, replications: 3, seed: 11 },
  slo: { p99: 0.2, errorRate: 0.001 },
  whatIf: { vary: [{ path: 'nodes.api.replicas', values: [1, 2, 3] }], load: { source: 'clients', find: 'max' } },
});

const ratePath = 'nodes.clients.arrival.rate';

function fullVerdict(s: Scenario, rate: number): boolean {
  return replicate(setPath(s, ratePath, rate)).combined.summary.sloMet;
}

/** A pool whose tasks lose their screen stop (`keep` false), counting the runs the stop ended. */
function pool(keep: boolean): { pool: WorkerPool; stopped: () => number } {
  const p = inProcessPool(2);
  const run = p.run.bind(p);
  let stopped = 0;
  p.run = (task, ...rest) => {
    const { screenStop, ...plain } = task;
    return run(keep && screenStop ? { ...plain, screenStop } : plain, ...rest).then((tally) => {
      if (tally.screenStopped) stopped++;
      return tally;
    });
  };
  return { pool: p, stopped: () => stopped };
}

/** A point without its wall-clock figures, the one thing two equal searches may differ in. */
function untimed(p: SweepPoint): SweepPoint {
  return { ...p, result: { ...p.result, stats: { ...p.result.stats, wallSeconds: 0, eventsPerSecond: 0 } } };
}

async function fastPoints(keep: boolean): Promise<{ points: SweepPoint[]; stopped: number }> {
  const { pool: p, stopped } = pool(keep);
  try {
    const points: SweepPoint[] = [];
    for (const point of sweepGrid(model, model.whatIf!.vary!)) points.push(await runPoint(p, model, point, undefined, () => {}));
    return { points, stopped: stopped() };
  } finally {
    p.dispose();
  }
}

describe('capacity search shortcuts (small FastAPI-like model)', () => {
  it('agree with the exhaustive search within the precision, on brackets the full verdict upholds; the screen stop changes nothing', async () => {
    const fast = await fastPoints(true);
    const grid = sweepGrid(model, model.whatIf!.vary!);
    for (const [k, point] of grid.entries()) {
      const p = fast.points[k]!;
      const c = p.capacity!;
      const exhaustive = await findMaxRate(async (rate) => ({ met: fullVerdict(point.scenario, rate), result: null }), { start: 60, precision });
      const where = `api.replicas = ${String(point.values['nodes.api.replicas'])}`;
      expect(Math.abs(c.rate - exhaustive.rate) / exhaustive.rate, `${where}: fast ${c.rate}, exhaustive ${exhaustive.rate}`).toBeLessThanOrEqual(precision * (1 + 1e-9));
      expect(fullVerdict(point.scenario, c.rate), `${where}: met at ${c.rate}`).toBe(true);
      expect(c.bracket[1]).not.toBeNull();
      expect(fullVerdict(point.scenario, c.bracket[1]!), `${where}: missed at ${c.bracket[1]}`).toBe(false);
      expect(c.bracket[1]! / c.rate).toBeLessThanOrEqual(1 + precision * (1 + 1e-9));
    }
    // The consumer saturates at 200/s: with three API replicas it is the limit (its queue grows without bound).
    expect(fast.points[2]!.capacity!.rate).toBeLessThanOrEqual(200);
    expect(['jobs', 'worker']).toContain(fast.points[2]!.capacity!.limit?.node);
    expect(fast.points[0]!.capacity!.limit?.node).toBe('api');

    const plain = await fastPoints(false);
    expect(plain.stopped).toBe(0);
    // Not vacuous: the search met runs that the stop ended.
    expect(fast.stopped).toBeGreaterThan(0);
    expect(JSON.stringify(fast.points.map(untimed))).toBe(JSON.stringify(plain.points.map(untimed)));
  }, 120_000);

  describe('headroom sweep', () => {
    const tmp = tempDir('shortcuts');
    afterAll(() => tmp.remove());

    it('gives the same document on one thread and on two', async () => {
      const file = tmp.write('queue.headroom.json', model);
      const one = await cli(['sweep', file, '--json', '-', '--no-timing', '--threads', '1']);
      const two = await cli(['sweep', file, '--json', '-', '--no-timing', '--threads', '2']);
      expect(one.code, one.stderr).toBe(0);
      expect(two.code, two.stderr).toBe(0);
      expect((JSON.parse(one.stdout) as SweepDocument).points).toHaveLength(3);
      expect(two.stdout).toBe(one.stdout);
    }, 120_000);
  });
});
