/** File → Import a load test: which reader a file goes to, its errors with the place, the fit through the caller's runner, the table, the curves and what Apply writes. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Scenario, ServiceNode } from '../../../simulation/model/schema';
import { parseScenario } from '../../../simulation/model/validate';
import { runReplicationsInProcess } from '../../../simulation/runner/runScenario';
import { calibratableNodes, calibratedNodes, fitCurves, fitLoadTest, fitReplications, fitTableRows, readLoadTest } from './importLoadTest';

const root = join(import.meta.dirname, '..', '..', '..');
const fixture = (name: string) => ({ name, text: readFileSync(join(root, 'tests/fixtures/loadtests', name), 'utf8') });
const parsed = parseScenario(JSON.parse(readFileSync(join(root, 'assets/examples/fastapi-stack.headroom.json'), 'utf8')));
if (!parsed.ok) throw new Error('the example does not validate');
const model: Scenario = parsed.scenario;
const locustMap = { '/items/{id}': 'read', '/orders': 'write' };

function counting() {
  const seen: Scenario[] = [];
  return { seen, run: async (s: Scenario) => (seen.push(s), runReplicationsInProcess(s)) };
}

describe('readLoadTest', () => {
  it('sends each file to its tool: Locust history with its stats beside it, k6 JSON, JMeter .jtl', () => {
    const locust = readLoadTest([fixture('fastapi_stats.csv'), fixture('fastapi_stats_history.csv')], 'en');
    expect(locust.ok && locust.measurement.tool).toBe('locust');
    // The stats file gives the endpoints with whole-test percentiles; this history has only the aggregate.
    const alone = readLoadTest([fixture('fastapi_stats_history.csv')], 'en');
    expect(locust.ok && locust.measurement.endpoints[0]!.p95).toBeGreaterThan(0);
    expect(alone.ok && alone.measurement.endpoints).toHaveLength(0);
    const k6 = readLoadTest([fixture('fastapi-k6-summary.json')], 'en');
    expect(k6.ok && k6.measurement.tool).toBe('k6');
    const jtl = readLoadTest([fixture('fastapi-results.jtl')], 'en');
    expect(jtl.ok && jtl.measurement.tool).toBe('jmeter');
  });

  it('names the file and line of a bad row, in English and Chinese', () => {
    const lines = fixture('fastapi_stats_history.csv').text.split('\n');
    lines[5] = lines[5]!.split(',').slice(0, 3).join(',');
    const bad = { name: 'cut_stats_history.csv', text: lines.join('\n') };
    const en = readLoadTest([bad], 'en');
    expect(en.ok).toBe(false);
    expect(!en.ok && en.error).toMatch(/^cut_stats_history\.csv:6: /);
    const zh = readLoadTest([bad], 'zh-CN');
    expect(!zh.ok && zh.error).toMatch(/cut_stats_history\.csv/);
    expect(!zh.ok && zh.error).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('fitLoadTest', () => {
  it('replays through the given runner and gives the table, the verdict and the curves', async () => {
    const read = readLoadTest([fixture('fastapi_stats.csv'), fixture('fastapi_stats_history.csv')], 'en');
    if (!read.ok) throw new Error(read.error);
    const { seen, run } = counting();
    const out = await fitLoadTest(model, read.measurement, { map: locustMap, calibrate: [] }, run, 'en');
    if (!out.ok) throw new Error(out.error);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.run.replications).toBe(fitReplications);
    expect(seen[0]!.run.duration).toBeCloseTo(read.measurement.duration, 6);
    const rows = fitTableRows(out.document.fit);
    // Overall, read and write: six figures each.
    expect(rows).toHaveLength(18);
    expect(rows.map((r) => r.cls)).toEqual([...Array(6).fill(null), ...Array(6).fill('read'), ...Array(6).fill('write')]);
    const tp = rows.find((r) => r.cls === null && r.metric === 'throughput')!;
    expect(tp.measured).toBeCloseTo(read.measurement.total.requests / read.measurement.duration, 6);
    // The unchanged model is faster than the system was (the fixture's api works 1.5× longer).
    const mean = rows.find((r) => r.cls === 'read' && r.metric === 'mean')!;
    expect(mean.difference!).toBeLessThan(-0.15);
    expect(mean.inside).toBe(false);
    expect(out.verdict).toMatch(/^Verdict: the model reproduces the test only within \d+\.\d%/);
    const curves = fitCurves(out.document.fit)!;
    // The file's 60 windows of 2 s, merged into 12 stretches of 10 s, so each has a measured interval.
    expect(curves.start).toHaveLength(12);
    expect(curves.throughput.measured).toHaveLength(curves.start.length);
    // The band is the simulated range for one test: around the simulated curve, the measured throughput inside it.
    curves.throughput.simulated.forEach((v, k) => {
      expect(curves.throughput.band.lower[k]!).toBeLessThan(v);
      expect(curves.throughput.band.upper[k]!).toBeGreaterThan(v);
    });
    expect(curves.p95).not.toBeNull();
    expect(curves.interval).toBeGreaterThan(0);
  });

  it('a k6 summary has no time: no curves; an unknown class in the mapping is the error to show', async () => {
    const read = readLoadTest([fixture('fastapi-k6-summary.json')], 'en');
    if (!read.ok) throw new Error(read.error);
    const out = await fitLoadTest(model, read.measurement, { map: { 'GET /items/{id}': 'read', 'POST /orders': 'write' }, calibrate: [] }, counting().run, 'zh-CN');
    if (!out.ok) throw new Error(out.error);
    expect(fitCurves(out.document.fit)).toBeNull();
    expect(out.verdict).toMatch(/^结论：/);
    const bad = await fitLoadTest(model, read.measurement, { map: { 'GET /items/{id}': 'reads' }, calibrate: [] }, counting().run, 'en');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toContain('reads');
  });

  it('calibrating api scales only api’s work, by the factor the fit reports', async () => {
    const read = readLoadTest([fixture('fastapi_stats.csv'), fixture('fastapi_stats_history.csv')], 'en');
    if (!read.ok) throw new Error(read.error);
    expect(calibratableNodes(model)).toContain('api');
    expect(calibratableNodes(model)).not.toContain('clients');
    const { seen, run } = counting();
    const out = await fitLoadTest(model, read.measurement, { map: locustMap, calibrate: ['api'] }, run, 'en');
    if (!out.ok) throw new Error(out.error);
    expect(seen.length).toBeGreaterThan(1);
    const factor = out.document.calibration!.factors.api!;
    expect(factor).toBeGreaterThan(1.2);
    expect(factor).toBeLessThan(1.8);
    const nodes = calibratedNodes(model, out.calibrated!, ['api']);
    const before = model.nodes.find((n) => n.id === 'api') as ServiceNode;
    const after = nodes.find((n) => n.id === 'api') as ServiceNode;
    expect(JSON.stringify(after.work)).not.toBe(JSON.stringify(before.work));
    // Everything else is the open model's, not the replay's (its source keeps its own arrivals).
    nodes.forEach((n, k) => {
      if (n.id !== 'api') expect(n).toBe(model.nodes[k]);
    });
  });
});
