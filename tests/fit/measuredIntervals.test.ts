/**
 * The measured side's intervals (batch means over the test's stretches) and the rule
 * that judges a difference with both intervals: the measured intervals cover the true
 * figures of an M/M/1 system about as often as they say; a ramp is not noise; a k6
 * summary has none and falls back to the model's spread; a noisier system than the
 * model widens the noise.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { batchFigures, batchHalfWidth, predictionLevel } from '../../simulation/fit/compare';
import { scaleNodes } from '../../simulation/fit/calibrate';
import { fitScenario } from '../../simulation/fit/fit';
import { formatFitReport } from '../../simulation/fit/report';
import { parseJmeter } from '../../simulation/import/loadTests/jmeter';
import { parseK6 } from '../../simulation/import/loadTests/k6';
import { parseLocust } from '../../simulation/import/loadTests/locust';
import type { Measurement } from '../../simulation/import/loadTests/measurement';
import type { Scenario } from '../../simulation/model/schema';
import { parseScenario } from '../../simulation/model/validate';
import { runReplicationsInProcess } from '../../simulation/runner/runScenario';
import { meanInterval } from '../../simulation/stats/studentT';
import { singleStation, exponential } from '../helpers/build';
import { simulatedRequests, toJtl } from '../helpers/loadTests';

const dir = join(import.meta.dirname, '..', 'fixtures', 'loadtests');
const text = (name: string) => readFileSync(join(dir, name), 'utf8');

describe('batch means', () => {
  it('take a steady ramp for no noise and alternating values for much', () => {
    // A straight line: every successive difference is 1, so σ̂² = 1/2, far below the spread of 1…8.
    const ramp = batchHalfWidth([1, 2, 3, 4, 5, 6, 7, 8], 0.95)!;
    const spread = meanInterval([1, 2, 3, 4, 5, 6, 7, 8], 0.95).halfWidth;
    expect(ramp).toBeLessThan(spread / 3);
    // Alternating by 2: σ̂² = 2, four times the ramp's.
    expect(batchHalfWidth([1, 3, 1, 3, 1, 3, 1, 3], 0.95)!).toBeCloseTo(ramp * 2, 12);
    expect(batchHalfWidth([1, 2, 3, 4], 0.95)).toBeNull();
  });

  it('cover an M/M/1 system\'s true mean latency and throughput about as often as they say', () => {
    // ρ = 0.5: mean response 1/(μ − λ) = 20 ms, 50 answers a second.
    let meanCovered = 0;
    let throughputCovered = 0;
    let p50Covered = 0;
    const tests = 40;
    for (let seed = 1; seed <= tests; seed++) {
      const s = singleStation(50, { work: exponential(0.01), workers: 1, cpus: 1 }, { duration: 60, warmup: 0, replications: 1, seed });
      const m = parseJmeter(toJtl(simulatedRequests(s), {}, 1.7e12, () => 10), 'mm1.jtl');
      const half = (metric: 'mean' | 'throughput' | 'p50') => batchHalfWidth(batchFigures(m.total.batches, metric), 0.95)!;
      if (Math.abs(m.total.mean! - 0.02) <= half('mean')) meanCovered++;
      if (Math.abs(m.total.requests / m.duration - 50) <= half('throughput')) throughputCovered++;
      // The response time of M/M/1 is exponential with mean 20 ms: median 20·ln 2 ms (the .jtl keeps whole ms).
      if (Math.abs(m.total.p50! - 0.02 * Math.LN2) <= half('p50') + 0.0005) p50Covered++;
    }
    for (const covered of [meanCovered, throughputCovered, p50Covered]) {
      expect(covered / tests).toBeGreaterThan(0.8);
      expect(covered / tests).toBeLessThanOrEqual(1);
    }
  });
});

describe('the readers give batches where the file has time', () => {
  it('JMeter: 20 batches whose counts add up to the endpoint\'s', () => {
    const m = parseJmeter(text('fastapi-results.jtl'), 'results.jtl');
    for (const e of [m.total, ...m.endpoints]) {
      expect(e.batches).toHaveLength(20);
      expect(e.batches!.reduce((a, b) => a + b.requests, 0)).toBe(e.requests);
      const weighted = e.batches!.reduce((a, b) => a + (b.mean ?? 0) * b.requests, 0) / e.requests;
      expect(weighted).toBeCloseTo(e.mean!, 9);
    }
    // A p99 only in batches of 100 requests or more: the writes' batches (about 20 each) have none.
    const writes = m.endpoints.find((e) => e.name === 'POST /orders')!;
    expect(writes.batches!.every((b) => b.p99 === null)).toBe(true);
    expect(m.total.batches!.filter((b) => b.p99 !== null).length).toBeGreaterThan(10);
  });

  it('Locust: batches of ten seconds (its "current" percentiles\' window) from the Aggregated rows; per endpoint only with --csv-full-history', () => {
    const history = { name: 'fastapi_stats_history.csv', text: text('fastapi_stats_history.csv') };
    const m = parseLocust(history, { name: 'fastapi_stats.csv', text: text('fastapi_stats.csv') });
    expect(m.total.batches).toHaveLength(12);
    expect(m.total.batches!.every((b) => b.duration === 10)).toBe(true);
    expect(m.total.batches!.reduce((a, b) => a + b.requests, 0)).toBe(m.total.requests);
    expect(m.endpoints.every((e) => e.batches === undefined)).toBe(true);
    const lines = history.text.trim().split('\n');
    const full = [...lines, ...lines.slice(1).map((l) => l.replace(',,Aggregated,', ',GET,/items/{id},'))].join('\n');
    const withEndpoints = parseLocust({ name: 'full_stats_history.csv', text: full }, null);
    expect(withEndpoints.endpoints[0]!.batches!.reduce((a, b) => a + b.requests, 0)).toBe(withEndpoints.endpoints[0]!.requests);
  });

  it('k6: a summary has no time, so no batches', () => {
    const m = parseK6(text('fastapi-k6-summary.json'), 'summary.json');
    expect(m.total.batches).toBeUndefined();
    expect(m.endpoints.every((e) => e.batches === undefined)).toBe(true);
  });
});

describe('the rule with both intervals', () => {
  const parsed = parseScenario(JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'assets/examples/fastapi-stack.headroom.json'), 'utf8')));
  if (!parsed.ok) throw new Error('the example does not validate');
  const model: Scenario = parsed.scenario;
  const map = { 'GET /items/{id}': 'read', 'POST /orders': 'write' };
  const run = async (s: Scenario) => runReplicationsInProcess(s);
  const options = { map, replications: 5, seed: 1, calibrate: [] };
  const sut = (factor: number): Scenario => ({ ...scaleNodes(model, ['api'], factor), run: { duration: 60, warmup: 0, replications: 1, seed: 3 } });
  const test = (factor: number) => parseJmeter(toJtl(simulatedRequests(sut(factor)), { read: 'GET /items/{id}', write: 'POST /orders' }, 1.7e12, () => 40), 't.jtl');

  it('without a measured interval is the model\'s prediction interval; with one, never narrower', async () => {
    const m = test(1);
    const bare: Measurement = { ...m, total: { ...m.total, batches: undefined }, endpoints: m.endpoints.map((e) => ({ ...e, batches: undefined })) };
    const without = (await fitScenario(model, bare, options, run)).document.fit;
    const withBatches = (await fitScenario(model, m, options, run)).document.fit;
    for (const [k, r] of without.overall.rows.entries()) {
      expect(r.measuredCi).toBeNull();
      expect(r.noise).toBeCloseTo(r.prediction[1] - r.simulated, 12);
      expect(withBatches.overall.rows[k]!.noise).toBeGreaterThanOrEqual(r.noise - 1e-12);
    }
    expect(withBatches.overall.rows.find((r) => r.metric === 'mean')!.measuredCi).not.toBeNull();
  });

  it('a system noisier than the model widens the noise: a 20 % difference is then within it', async () => {
    const m = test(1.2);
    const before = (await fitScenario(model, m, options, run)).document.fit.overall.rows.find((r) => r.metric === 'mean')!;
    expect(before.inside).toBe(false);
    // The same test, its batches' means swinging ±60 % around the whole test's: a system that noisy cannot be told from the model by 20 %.
    const noisy: Measurement = { ...m, total: { ...m.total, batches: m.total.batches!.map((b, k) => ({ ...b, mean: m.total.mean! * (k % 2 ? 1.6 : 0.4) })) } };
    const after = (await fitScenario(model, noisy, options, run)).document.fit.overall.rows.find((r) => r.metric === 'mean')!;
    expect(after.difference).toBeCloseTo(before.difference!, 12);
    expect(after.noise).toBeGreaterThan(before.noise * 3);
    expect(after.inside).toBe(true);
    const own = batchHalfWidth(batchFigures(noisy.total.batches, 'mean'), predictionLevel)!;
    expect(after.noise).toBeGreaterThanOrEqual(own);
  });

  it('the report shows the measured intervals and says how they were had, or that a k6 summary has none', async () => {
    const { document } = await fitScenario(model, test(1), options, run);
    const en = formatFitReport(document, 'en');
    expect(en).toContain('Measured intervals: batch means over 20 stretches of 3.0 s');
    expect(formatFitReport(document, 'zh-CN')).toContain('实测区间：把测试分成 20 段');
    const k6 = parseK6(text('fastapi-k6-summary.json'), 'summary.json');
    const fitted = await fitScenario(model, k6, options, run);
    expect(formatFitReport(fitted.document, 'en')).toContain('A k6 summary has only whole-test aggregates: no measured interval can be had');
    expect(formatFitReport(fitted.document, 'zh-CN')).toContain('k6 汇总只有整个测试的汇总数字');
  });
});
