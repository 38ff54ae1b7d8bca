/**
 * The FastAPI example as the system a load test measured, for the fit's tests: the model
 * with the API's work × factor, ramped up over 30 s, and a JMeter test written from it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scaleNodes } from '../../simulation/fit/calibrate';
import { parseJmeter } from '../../simulation/import/loadTests/jmeter';
import type { Measurement } from '../../simulation/import/loadTests/measurement';
import type { Scenario, SourceNode } from '../../simulation/model/schema';
import { parseScenario } from '../../simulation/model/validate';
import { runReplicationsInProcess } from '../../simulation/runner/runScenario';
import { simulatedRequests, toJtl } from './loadTests';

const root = join(import.meta.dirname, '..', '..');
const parsed = parseScenario(JSON.parse(readFileSync(join(root, 'assets/examples/fastapi-stack.headroom.json'), 'utf8')));
if (!parsed.ok) throw new Error('the example does not validate');
export const model: Scenario = parsed.scenario;
export const names = { read: 'GET /items/{id}', write: 'POST /orders' };
export const map = { 'GET /items/{id}': 'read', 'POST /orders': 'write' };
export const run = async (s: Scenario) => runReplicationsInProcess(s);

/** The system under test: the model with api's work × factor, ramped up over 30 s, one run of `duration` s. */
export function systemUnderTest(factor: number, duration: number, seed: number): Scenario {
  const s = scaleNodes(model, ['api'], factor);
  return {
    ...s,
    nodes: s.nodes.map((n) => (n.kind === 'source' ? ({ ...n, profile: [{ at: 0, scale: 0.25 }, { at: 30, scale: 1 }] } satisfies SourceNode) : n)),
    run: { duration, warmup: 0, replications: 1, seed },
  };
}

export function jmeterTest(factor: number, duration = 120, seed = 99): Measurement {
  return parseJmeter(toJtl(simulatedRequests(systemUnderTest(factor, duration, seed)), names, 1.7e12, () => 40), 'test.jtl');
}

