import { produce } from 'immer';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../../simulation/model/schema';
import { filledByHand, toFillFieldOf } from './toFill';

const scenario = {
  format: 'headroom/scenario',
  version: 1,
  name: 'imported',
  nodes: [
    { id: 'clients', label: 'clients', kind: 'source', position: { x: 0, y: 0 }, arrival: { process: 'poisson', rate: 5 }, toFill: ['arrival'] },
    { id: 'api', label: 'api', kind: 'service', position: { x: 0, y: 0 }, replicas: 1, workers: 1, cpus: 1, work: { dist: 'constant', value: 0.01 }, toFill: ['replicas', 'workers', 'cpus'] },
  ],
  edges: [{ from: 'clients', to: 'api' }],
  run: { duration: 10 },
} as Scenario;

describe('toFill in the app', () => {
  it('maps an inspector path to the field it fills', () => {
    expect(toFillFieldOf('replicas')).toBe('replicas');
    expect(toFillFieldOf('arrival.rate')).toBe('arrival');
    expect(toFillFieldOf('rateLimit.rate')).toBeNull();
  });

  it('typing a capacity takes it off the node’s list, the list goes once empty, other edits leave it', () => {
    let s = produce(scenario, (d) => filledByHand(d, 'api', 'workers'));
    expect(s.nodes[1]!.toFill).toEqual(['replicas', 'cpus']);
    s = produce(s, (d) => filledByHand(d, 'api', 'label'));
    expect(s.nodes[1]!.toFill).toEqual(['replicas', 'cpus']);
    s = produce(s, (d) => {
      filledByHand(d, 'api', 'replicas');
      filledByHand(d, 'api', 'cpus');
      filledByHand(d, 'clients', 'arrival.rate');
    });
    expect(s.nodes[1]!.toFill).toBeUndefined();
    expect(s.nodes[0]!.toFill).toBeUndefined();
  });
});
