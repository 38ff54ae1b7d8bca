/**
 * The fit where the answer is known: a load test written from the model itself fits
 * within its noise; one written from the model with the API's work × 1.5 does not, and
 * calibrating the API finds a factor near 1.5. Also the rules the README states: how
 * endpoints map to classes, when the replay is closed, when a test is too short.
 */
import { describe, expect, it } from 'vitest';
import { errorText } from '../../simulation/findings/error';
import { scaleSpec } from '../../simulation/fit/calibrate';
import { fitScenario, type FitOptions } from '../../simulation/fit/fit';
import { formatFitReport } from '../../simulation/fit/report';
import { FitInputError } from '../../simulation/fit/replay';
import { parseLocust } from '../../simulation/import/loadTests/locust';
import type { Measurement } from '../../simulation/import/loadTests/measurement';
import { parseScenario } from '../../simulation/model/validate';
import { simulatedRequests, toLocust } from '../helpers/loadTests';
import { jmeterTest, map, model, names, run, systemUnderTest } from '../helpers/fastapiFit';

const options = (extra: Partial<FitOptions> = {}): FitOptions => ({ map, replications: 5, seed: 1, calibrate: [], ...extra });

describe('fit to a test of the model itself', () => {
  it('reproduces it within its noise: every judged figure inside its prediction interval', async () => {
    const { document } = await fitScenario(model, jmeterTest(1), options(), run);
    const v = document.fit.verdict;
    expect(v.kind).toBe('reproduces');
    expect(v.judged).toBe(9);
    expect(v.within!).toBeLessThan(0.1);
    expect(v.within!).toBeLessThan(v.noise!);
    expect(document.replay.mode).toBe('open');
    expect(document.replay.profilePoints).toBe(60);
    // The replay follows the ramp: the first windows carry about a quarter of the load.
    const first = document.fit.overTime[0]!;
    expect(first.simulated.throughput).toBeLessThan(document.fit.overTime.at(-1)!.simulated.throughput * 0.5);
    expect(Math.abs(first.simulated.throughput - first.measured.throughput)).toBeLessThan(0.5 * first.measured.throughput);
  });

  it('gives the same document for the same seed', async () => {
    const test = jmeterTest(1, 60);
    const a = await fitScenario(model, test, options(), run);
    const b = await fitScenario(model, test, options(), run);
    expect(JSON.stringify(b.document)).toBe(JSON.stringify(a.document));
  });
});

describe('fit to a system whose API works 1.5 times longer', () => {
  it('differs beyond noise, and calibrating api finds a factor near 1.5 that then reproduces the test', async () => {
    const { document, calibrated } = await fitScenario(model, jmeterTest(1.5), options({ calibrate: ['api'] }), run);
    expect(document.fit.verdict.kind).toBe('differs');
    expect(document.fit.verdict.outside).toBeGreaterThan(3);
    const mean = document.fit.overall.rows.find((r) => r.metric === 'mean')!;
    expect(mean.difference!).toBeLessThan(-0.2);
    const c = document.calibration!;
    expect(c.converged).toBe(true);
    expect(c.factors.api!).toBeGreaterThan(1.35);
    expect(c.factors.api!).toBeLessThan(1.65);
    expect(c.steps.length).toBeLessThanOrEqual(8);
    expect(c.after.verdict.kind).toBe('reproduces');
    // The calibrated scenario is the file's, with api's work scaled and nothing else changed.
    const api = calibrated!.nodes.find((n) => n.id === 'api')!;
    const original = model.nodes.find((n) => n.id === 'api')!;
    if (api.kind !== 'service' || original.kind !== 'service') throw new Error('api is a service');
    expect(api.work).toEqual(scaleSpec(original.work, c.factors.api!));
    expect(calibrated!.run).toEqual(model.run);
    expect(parseScenario(calibrated).ok).toBe(true);
    const text = formatFitReport(document, 'en');
    expect(text).toContain(`Calibration: api work × ${c.factors.api!.toFixed(3)}`);
    expect(formatFitReport(document, 'zh-CN')).toContain(`校准：api 的工作时间 × ${c.factors.api!.toFixed(3)}`);
  });
});

describe('the rules', () => {
  it('maps endpoints by --map, then class id, then class label, and reports what maps to nothing', async () => {
    const test = jmeterTest(1, 40);
    const relabelled: Measurement = { ...test, endpoints: test.endpoints.map((e) => ({ ...e, name: e.name === 'GET /items/{id}' ? 'read' : 'Write (POST/PUT)' })) };
    const { document } = await fitScenario(model, relabelled, options({ map: {} }), run);
    expect(document.mapping.map((m) => [m.endpoint, m.cls, m.rule])).toEqual([
      ['read', 'read', 'id'],
      ['Write (POST/PUT)', 'write', 'label'],
    ]);
    const partly: Measurement = { ...test, endpoints: [...test.endpoints, { name: 'GET /health', requests: test.total.requests, failures: 0, mean: 0.001, p50: null, p95: null, p99: null }] };
    const half = await fitScenario(model, partly, options(), run);
    expect(half.document.mapping.at(-1)).toMatchObject({ endpoint: 'GET /health', cls: null });
    expect(half.document.replay.notReplayed).toBeCloseTo(0.5, 6);
    // Only the mapped share of the measured rate is replayed.
    expect(half.document.replay.rate).toBeCloseTo((0.5 * test.total.requests) / test.duration, 6);
    expect(formatFitReport(half.document, 'en')).toContain('GET /health → no class');
  });

  it('refuses a map onto no class, endpoints that match nothing, and a node that cannot be calibrated', async () => {
    const test = jmeterTest(1, 40);
    const refusal = async (o: FitOptions) => {
      try {
        await fitScenario(model, test, o, run);
      } catch (error) {
        expect(error).toBeInstanceOf(FitInputError);
        return errorText(error, 'en');
      }
      throw new Error('expected a refusal');
    };
    expect(await refusal(options({ map: { 'GET /items/{id}': 'reads' } }))).toBe('--map GET /items/{id}=reads: the scenario has no class "reads" (its classes: read, write)');
    expect(await refusal(options({ map: {} }))).toMatch(/^no endpoint of the test is a class of the scenario \(endpoints: GET \/items\/\{id\}, POST \/orders; classes: read, write\)/);
    expect(await refusal(options({ calibrate: ['apii'] }))).toBe('--calibrate apii: the scenario has no node "apii"');
    expect(await refusal(options({ calibrate: ['clients'] }))).toBe('--calibrate clients: the node has no work or latency to scale');
  });

  it('replays a Locust test of constant users as a closed loop, with the think time of Little\'s law', async () => {
    const requests = simulatedRequests({ ...systemUnderTest(1, 60, 5), nodes: systemUnderTest(1, 60, 5).nodes.map((n) => (n.kind === 'source' ? { ...n, profile: undefined } : n)) });
    const files = toLocust(requests, names, 1_765_000_000, 60, () => 40);
    const m = parseLocust({ name: 'c_stats_history.csv', text: files.history }, { name: 'c_stats.csv', text: files.stats });
    const { document } = await fitScenario(model, m, options({ map: { '/items/{id}': 'read', '/orders': 'write' } }), run);
    expect(document.replay.mode).toBe('closed');
    expect(document.replay.users).toBe(40);
    const expected = (40 * m.duration) / m.total.requests - m.total.mean!;
    expect(document.replay.thinkTime!).toBeCloseTo(expected, 9);
    // Little's law holds on the simulated side too: about the same throughput.
    const tp = document.fit.overall.rows[0]!;
    expect(Math.abs(tp.difference!)).toBeLessThan(0.05);
    const open = await fitScenario(model, m, options({ map: { '/items/{id}': 'read', '/orders': 'write' }, mode: 'open' }), run);
    expect(open.document.replay.mode).toBe('open');
    expect(open.document.replay.closedFallback).toBe(false);
    // A JMeter file has threads, not Locust's users: asked for closed, it is replayed open and says so.
    const jmeter = await fitScenario(model, { ...jmeterTest(1, 40), windows: [] }, options({ mode: 'closed' }), run);
    expect(jmeter.document.replay).toMatchObject({ mode: 'open', closedFallback: true });
    expect(formatFitReport(jmeter.document, 'en')).toContain('A closed replay is not possible here');
  });

  it('calls a test under 30 s too short to judge', async () => {
    const { document } = await fitScenario(model, jmeterTest(1, 20), options(), run);
    expect(document.fit.verdict.kind).toBe('tooShort');
    expect(formatFitReport(document, 'en')).toMatch(/Verdict: the test is too short to judge \(2\d s, \d+ requests; at least 30 s and 200 requests are needed\)/);
  });
});
