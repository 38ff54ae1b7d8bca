/**
 * How the file's windows become stretches over time (simulation/fit/overTime.ts), and
 * the band where the answer is known: a test of the model itself stays inside it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scaleNodes } from '../../simulation/fit/calibrate';
import { fitScenario } from '../../simulation/fit/fit';
import { maxStretches, overTimeInside, stretchSizes } from '../../simulation/fit/overTime';
import { parseJmeter } from '../../simulation/import/loadTests/jmeter';
import type { Measurement } from '../../simulation/import/loadTests/measurement';
import type { Scenario, SourceNode } from '../../simulation/model/schema';
import { parseScenario } from '../../simulation/model/validate';
import { runReplicationsInProcess } from '../../simulation/runner/runScenario';
import { simulatedRequests, toJtl } from '../helpers/loadTests';
import { minBatches } from '../../simulation/fit/compare';

describe('stretchSizes', () => {
  it('merges windows into at most a dozen stretches of at least five, shared out evenly', () => {
    expect(stretchSizes(60)).toEqual(Array(12).fill(5));
    // 57 windows: eleven stretches (57 ÷ 5), the two left over going to the first two.
    expect(stretchSizes(57)).toEqual([6, 6, 5, 5, 5, 5, 5, 5, 5, 5, 5]);
    for (const n of [10, 11, 19, 23, 57, 60, 61, 240]) {
      const sizes = stretchSizes(n);
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(n);
      expect(sizes.length).toBeLessThanOrEqual(maxStretches);
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(minBatches);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });

  it('keeps too few windows as they are: no stretch could hold five', () => {
    expect(stretchSizes(9)).toEqual(Array(9).fill(1));
    expect(stretchSizes(1)).toEqual([1]);
    expect(stretchSizes(0)).toEqual([]);
  });
});

describe('the figures over time, where the answer is known', () => {
  const root = join(import.meta.dirname, '..', '..');
  const parsed = parseScenario(JSON.parse(readFileSync(join(root, 'assets/examples/fastapi-stack.headroom.json'), 'utf8')));
  if (!parsed.ok) throw new Error('the example does not validate');
  const model: Scenario = parsed.scenario;
  const names = { read: 'GET /items/{id}', write: 'POST /orders' };
  const map = { 'GET /items/{id}': 'read', 'POST /orders': 'write' };
  const run = async (s: Scenario) => runReplicationsInProcess(s);
  /** A JMeter test of the model with api's work × factor, ramped up over 30 s. */
  const jmeterTest = (factor: number, duration: number, seed: number): Measurement => {
    const s = scaleNodes(model, ['api'], factor);
    const system: Scenario = {
      ...s,
      nodes: s.nodes.map((n) => (n.kind === 'source' ? ({ ...n, profile: [{ at: 0, scale: 0.25 }, { at: 30, scale: 1 }] } satisfies SourceNode) : n)),
      run: { duration, warmup: 0, replications: 1, seed },
    };
    return parseJmeter(toJtl(simulatedRequests(system), names, 1.7e12, () => 40), 'test.jtl');
  };
  const fit = async (m: Measurement) => (await fitScenario(model, m, { map, replications: 5, seed: 1, calibrate: [] }, run)).document.fit.overTime;

  it('a test of the model itself stays inside the band; with the API 1.5 times slower its p95 leaves it', async () => {
    const right = await fit(jmeterTest(1, 120, 7));
    expect(right).toHaveLength(12);
    const inside = overTimeInside(right);
    // A 99% range, 12 stretches: one outside by chance is already rare.
    expect(inside.throughput.inside).toBeGreaterThanOrEqual(11);
    expect(inside.p95.inside).toBeGreaterThanOrEqual(10);
    for (const w of right) expect(w.figures.throughput.measuredCi).not.toBeNull();
    const slow = overTimeInside(await fit(jmeterTest(1.5, 120, 7)));
    expect(slow.throughput.inside).toBeGreaterThanOrEqual(10);
    expect(slow.p95.inside).toBeLessThanOrEqual(4);
  });

  it('a test of 8 windows keeps them as they are, with no measured interval', async () => {
    const short = await fit(jmeterTest(1, 8, 3));
    expect(short).toHaveLength(8);
    for (const w of short) {
      expect(w.windows).toBe(1);
      expect(w.figures.throughput.measuredCi).toBeNull();
      expect(w.figures.throughput.prediction[1]).toBeGreaterThan(w.figures.throughput.prediction[0]);
    }
  });
});
