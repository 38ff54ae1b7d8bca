/**
 * Calibrating several nodes, a factor each: the Locust fixture was written from
 * two-nodes.headroom.json with the API's work × 1.5 and the database's × 0.8, and
 * `fit --calibrate api db` must find both within 10%. Classes that cannot tell the
 * nodes apart make them share one factor, and say so.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { broyden, leastSquaresStep, scaleSpec } from '../../simulation/fit/calibrate';
import { fitScenario } from '../../simulation/fit/fit';
import { formatFitReport } from '../../simulation/fit/report';
import { parseLocust } from '../../simulation/import/loadTests/locust';
import type { Scenario } from '../../simulation/model/schema';
import { parseScenario } from '../../simulation/model/validate';
import { runReplicationsInProcess } from '../../simulation/runner/runScenario';

const dir = join(import.meta.dirname, '..', 'fixtures', 'loadtests');
const text = (name: string) => readFileSync(join(dir, name), 'utf8');
const parsed = parseScenario(JSON.parse(text('two-nodes.headroom.json')));
if (!parsed.ok) throw new Error('two-nodes.headroom.json does not validate');
const model: Scenario = parsed.scenario;
const test = parseLocust({ name: 'two-nodes_stats_history.csv', text: text('two-nodes_stats_history.csv') }, { name: 'two-nodes_stats.csv', text: text('two-nodes_stats.csv') });
const run = async (s: Scenario) => runReplicationsInProcess(s);
/** The factors the fixture was written with (generate.ts). */
const truth = { api: 1.5, db: 0.8 };

describe('least squares over the classes', () => {
  it('solves an exact system, and refuses one whose classes cannot tell the nodes apart', () => {
    const J = [
      [0.02, 0.004],
      [0.005, 0.02],
    ];
    const delta = [0.5, -0.2];
    const d = J.map((row) => row[0]! * delta[0]! + row[1]! * delta[1]!);
    const step = leastSquaresStep(J, d, [1, 3])!;
    expect(step[0]).toBeCloseTo(0.5, 9);
    expect(step[1]).toBeCloseTo(-0.2, 9);
    // The same proportions in both classes, one class only, a node no class visits.
    expect(leastSquaresStep([[0.02, 0.004], [0.01, 0.002]], [1, 1], [1, 1])).toBeNull();
    expect(leastSquaresStep([[0.02, 0.004]], [1], [1])).toBeNull();
    expect(leastSquaresStep([[0.02, 0], [0.01, 0]], [1, 1], [1, 1])).toBeNull();
  });

  it('updates the slopes by Broyden\'s rule so the last step is reproduced exactly', () => {
    const J = broyden([[1, 0], [0, 1]], [0.5, -0.2], [1, 0.3]);
    expect(J[0]![0]! * 0.5 + J[0]![1]! * -0.2).toBeCloseTo(1, 12);
    expect(J[1]![0]! * 0.5 + J[1]![1]! * -0.2).toBeCloseTo(0.3, 12);
  });
});

describe('fit --calibrate api db on a system with different factors', () => {
  it('finds each node\'s own factor within 10% and then reproduces the test', async () => {
    const { document, calibrated } = await fitScenario(model, test, { map: { '/browse': 'browse', '/report': 'report' }, replications: 5, seed: 1, calibrate: ['api', 'db'] }, run);
    expect(document.fit.verdict.kind).toBe('differs');
    const c = document.calibration!;
    expect(c.method).toBe('perNode');
    expect(c.converged).toBe(true);
    expect(Math.abs(c.factors.api! / truth.api - 1)).toBeLessThan(0.1);
    expect(Math.abs(c.factors.db! / truth.db - 1)).toBeLessThan(0.1);
    // One shared factor could not do this: the two move in opposite directions.
    expect(c.factors.api!).toBeGreaterThan(1.2);
    expect(c.factors.db!).toBeLessThan(0.9);
    expect(c.steps.length).toBeLessThanOrEqual(10);
    expect(c.steps[c.chosen]!.factors).toEqual(c.factors);
    expect(c.after.verdict.kind).toBe('reproduces');
    const node = (s: Scenario, id: string) => s.nodes.find((n) => n.id === id)!;
    const api = node(calibrated!, 'api');
    const db = node(calibrated!, 'db');
    const api0 = node(model, 'api');
    const db0 = node(model, 'db');
    if (api.kind !== 'service' || api0.kind !== 'service' || db.kind !== 'database' || db0.kind !== 'database') throw new Error('kinds');
    expect(api.work).toEqual(scaleSpec(api0.work, c.factors.api!));
    expect(db.latency).toEqual(scaleSpec(db0.latency!, c.factors.db!));
    expect(formatFitReport(document, 'en')).toContain(`Calibration, a factor per node (least squares over the classes' mean latencies, ${c.steps.length} runs): api × ${c.factors.api!.toFixed(3)}, db × ${c.factors.db!.toFixed(3)}`);
    expect(formatFitReport(document, 'zh-CN')).toContain(`校准，每个节点一个系数（对各类别的平均延迟做最小二乘，运行 ${c.steps.length} 次）：api × ${c.factors.api!.toFixed(3)}`);
  });

  it('with one timed class the nodes share one factor, and the report says why', async () => {
    const browseOnly = { ...test, endpoints: test.endpoints.filter((e) => e.name === '/browse') };
    const { document } = await fitScenario(model, browseOnly, { map: { '/browse': 'browse' }, replications: 3, seed: 1, calibrate: ['api', 'db'] }, run);
    const c = document.calibration!;
    expect(c.method).toBe('shared');
    expect(c.factors.api).toBe(c.factors.db);
    expect(formatFitReport(document, 'en')).toContain("The classes' latencies cannot tell api, db apart");
    expect(formatFitReport(document, 'zh-CN')).toContain('各类别的延迟无法把 api, db 区分开');
  });
});
