/**
 * Small builders for test scenarios: nodes get a label and a canvas position for
 * free, and every scenario goes through the real validator, so a test can never
 * run a model the product would refuse to open.
 */
import type { Dist, Scenario } from '../../simulation/model/schema';
import { assertScenario } from '../../simulation/model/validate';

export type Fields = Record<string, unknown>;

export interface ScenarioSpec {
  name?: string;
  classes?: string[];
  nodes: Fields[];
  edges: Fields[];
  run: { duration: number; warmup?: number; replications?: number; seed?: number; confidence?: number };
  slo?: Fields;
  faults?: Fields[];
  hosts?: Fields[];
  events?: Fields[];
}

export const exponential = (mean: number): Dist => ({ dist: 'exponential', mean });
export const constant = (value: number): Dist => ({ dist: 'constant', value });

export function poissonSource(id: string, rate: number, extra: Fields = {}): Fields {
  return { id, kind: 'source', arrival: { process: 'poisson', rate }, ...extra };
}

export function service(id: string, work: Dist | Fields, extra: Fields = {}): Fields {
  return { id, kind: 'service', work, ...extra };
}

export function edge(from: string, to: string, extra: Fields = {}): Fields {
  return { from, to, ...extra };
}

/** Validates the scenario exactly as a file would be; throws with every issue otherwise. */
export function build(spec: ScenarioSpec): Scenario {
  return assertScenario({
    format: 'headroom/scenario',
    version: 1,
    name: spec.name ?? 'test',
    ...(spec.classes ? { classes: spec.classes.map((id) => ({ id })) } : {}),
    nodes: spec.nodes.map((n, i) => ({ label: String(n.id), position: { x: 200 * i, y: 0 }, ...n })),
    edges: spec.edges,
    run: spec.run,
    ...(spec.slo ? { slo: spec.slo } : {}),
    ...(spec.faults ? { faults: spec.faults } : {}),
    ...(spec.hosts ? { hosts: spec.hosts } : {}),
    ...(spec.events ? { events: spec.events } : {}),
  });
}

/** A one-station model: a Poisson source calling one service. */
export function singleStation(rate: number, serviceFields: Fields, run: ScenarioSpec['run'], sourceExtra: Fields = {}, edgeExtra: Fields = {}): Scenario {
  return build({
    nodes: [poissonSource('users', rate, sourceExtra), { id: 'svc', kind: 'service', ...serviceFields }],
    edges: [edge('users', 'svc', edgeExtra)],
    run,
  });
}
