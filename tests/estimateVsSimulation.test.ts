/**
 * The instant estimate against the simulation it stands in for. On open models the
 * operational laws are exact for means (utilization = λ·S/c, arrival rates through
 * the call graph), so the estimate must agree with the simulated utilization and
 * arrival rates within the simulation's noise; on a closed model it is an upper bound.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { estimate } from '../simulation/estimate/estimate';
import { assertScenario } from '../simulation/model/validate';
import { setPath } from '../simulation/model/paths';
import { runScenarioInProcess } from '../simulation/runner/runScenario';

const dir = join(__dirname, 'fixtures/validation');
const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ name: f.replace('.json', ''), scenario: assertScenario(JSON.parse(readFileSync(join(dir, f), 'utf8')).scenario) }));

describe('instant estimate vs simulation', () => {
  for (const c of cases.filter((x) => x.name !== 'closed' && x.name !== 'mm1k')) {
    it(`${c.name}: offered utilization equals the simulated utilization`, () => {
      // Shorter runs than the validation's: ±0.02 absolute covers the noise of 5 × 500 s at ρ ≤ 0.8.
      const s = setPath(c.scenario, 'run.duration', 500);
      const sim = runScenarioInProcess(s);
      const est = estimate(s);
      expect(Math.abs(est.nodes.svc!.utilization! - sim.nodes.svc!.utilization!)).toBeLessThan(0.02);
      expect(Math.abs(est.nodes.svc!.arrivalRate - sim.nodes.svc!.arrivalRate) / est.nodes.svc!.arrivalRate).toBeLessThan(0.02);
    });
  }

  it('mm1k: the estimate offers 0.9, the simulation serves less (a finite queue rejects)', () => {
    const s = setPath(cases.find((c) => c.name === 'mm1k')!.scenario, 'run.duration', 500);
    const sim = runScenarioInProcess(s);
    const est = estimate(s);
    expect(est.nodes.svc!.utilization!).toBeCloseTo(0.9, 6);
    expect(sim.nodes.svc!.utilization!).toBeLessThan(est.nodes.svc!.utilization!);
  });

  it('closed: the estimate bounds the simulated throughput from above', () => {
    const s = cases.find((c) => c.name === 'closed')!.scenario;
    const sim = runScenarioInProcess(setPath(s, 'run.duration', 500));
    const est = estimate(s);
    expect(est.nodes.svc!.arrivalRate).toBeGreaterThanOrEqual(sim.nodes.svc!.arrivalRate * 0.98);
  });

  it('wire time and geometric call counts: without queueing the estimate is the simulated mean', () => {
    const at = { x: 0, y: 0 };
    const s = assertScenario({
      format: 'headroom/scenario',
      version: 1,
      name: 'hops',
      nodes: [
        { id: 'users', label: 'users', position: at, kind: 'source', arrival: { process: 'poisson', rate: 40 } },
        { id: 'api', label: 'api', position: at, kind: 'service', workers: 50, work: { dist: 'exponential', mean: 0.004 } },
        { id: 'ext', label: 'ext', position: at, kind: 'external', latency: { dist: 'exponential', mean: 0.01 } },
      ],
      edges: [
        { from: 'users', to: 'api' },
        { from: 'api', to: 'ext', calls: { mean: 2, dist: 'geometric' }, latency: { dist: 'exponential', mean: 0.02 } },
      ],
      run: { duration: 300, replications: 3, seed: 5 },
    });
    const sim = runScenarioInProcess(s);
    const est = estimate(s);
    expect(est.nodes.users!.holdTime).toBeCloseTo(0.004 + 2 * (0.02 + 0.01), 12);
    expect(Math.abs(est.nodes.users!.holdTime - sim.summary.latency.mean) / est.nodes.users!.holdTime).toBeLessThan(0.03);
    expect(Math.abs(est.nodes.ext!.arrivalRate - sim.nodes.ext!.arrivalRate) / est.nodes.ext!.arrivalRate).toBeLessThan(0.03);
    expect(Math.abs(est.nodes.api!.workerUtilization! - sim.nodes.api!.utilization!)).toBeLessThan(0.005);
  });

  it('a cache and database chain: rates and utilizations through hit ratios and held workers', () => {
    const s = assertScenario(JSON.parse(readFileSync(join(__dirname, '../bench/models/m3.headroom.json'), 'utf8')));
    const short = setPath(setPath(s, 'run.duration', 100), 'run.replications', 3);
    const sim = runScenarioInProcess(short);
    const est = estimate(short);
    for (const id of ['api', 'cache', 'db']) {
      const e = est.nodes[id]!;
      const m = sim.nodes[id]!;
      expect(Math.abs(e.arrivalRate - m.arrivalRate) / e.arrivalRate, `${id} arrival rate`).toBeLessThan(0.03);
    }
    // Own work only: CPU utilization has no queueing in it, so the laws are exact.
    expect(Math.abs(est.nodes.api!.cpuUtilization! - sim.nodes.api!.cpuUtilization!)).toBeLessThan(0.02);
    expect(Math.abs(est.nodes.db!.utilization! - sim.nodes.db!.utilization!)).toBeLessThan(0.02);
    // Held workers include waiting on callees, which the estimate takes without queueing: a lower bound.
    expect(est.nodes.api!.workerUtilization!).toBeLessThanOrEqual(sim.nodes.api!.utilization! + 0.01);
  });
});
