/** Varied fields in the inspector's units: ranges, lists, suggestions, loading a point, differences. */
import { describe, expect, it } from 'vitest';
import { produce } from 'immer';
import type { Scenario } from '../../../simulation/model/schema';
import { applyPoint, configDifferences, expandRange, formatValueList, inferRange, parseValueList, pointMatches, suggestValues, varyField } from './whatIf';

function shop(): Scenario {
  return {
    format: 'headroom/scenario',
    version: 1,
    name: 'Shop',
    nodes: [
      { id: 'users', kind: 'source', label: 'Users', position: { x: 0, y: 0 }, arrival: { process: 'poisson', rate: 200 } },
      { id: 'api', kind: 'service', label: 'API', position: { x: 200, y: 0 }, replicas: 4, workers: 8, work: { dist: 'exponential', mean: 0.02 } },
      { id: 'cache', kind: 'cache', label: 'Cache', position: { x: 400, y: 0 }, hitRatio: 0.8, latency: { dist: 'constant', value: 0.001 } },
    ],
    edges: [
      { from: 'users', to: 'api' },
      { from: 'api', to: 'cache', timeout: 0.5 },
    ],
    run: { duration: 60 },
  } as Scenario;
}

describe('varied fields', () => {
  it('take the unit the inspector shows', () => {
    expect(varyField('nodes.api.replicas')).toEqual({ unit: 'plain', integer: true });
    expect(varyField('nodes.api.workers')).toEqual({ unit: 'plain', integer: true });
    expect(varyField('nodes.users.arrival.rate')).toEqual({ unit: 'rps', integer: false });
    expect(varyField('nodes.cache.hitRatio')).toEqual({ unit: 'percent', integer: false });
    expect(varyField('nodes.api.work.mean')).toEqual({ unit: 'ms', integer: false });
    expect(varyField('nodes.db.latency.max')).toEqual({ unit: 'ms', integer: false });
    expect(varyField('nodes.api.autoscale.max')).toEqual({ unit: 'plain', integer: true });
    expect(varyField('edges.1.timeout')).toEqual({ unit: 'ms', integer: false });
    expect(varyField('run.duration')).toEqual({ unit: 's', integer: false });
    expect(varyField('edges.0.calls')).toEqual({ unit: 'plain', integer: false });
  });
});

describe('ranges', () => {
  it('expand from–to–step typed in milliseconds into seconds, without float noise', () => {
    expect(expandRange(10, 30, 5, varyField('nodes.api.work.mean'))).toEqual({ ok: true, values: [0.01, 0.015, 0.02, 0.025, 0.03] });
  });
  it('expand percentages into fractions and include the end when the steps land on it', () => {
    expect(expandRange(50, 90, 10, varyField('nodes.cache.hitRatio'))).toEqual({ ok: true, values: [0.5, 0.6, 0.7, 0.8, 0.9] });
    expect(expandRange(0.1, 0.3, 0.1, varyField('edges.0.calls'))).toEqual({ ok: true, values: [0.1, 0.2, 0.3] });
    expect(expandRange(1, 10, 4, varyField('nodes.api.replicas'))).toEqual({ ok: true, values: [1, 5, 9] });
  });
  it('refuse a bad step, a reversed range, too many points and fractions of a count', () => {
    const replicas = varyField('nodes.api.replicas');
    expect(expandRange(1, 8, 0, replicas)).toEqual({ ok: false, error: 'step' });
    expect(expandRange(8, 1, 1, replicas)).toEqual({ ok: false, error: 'order' });
    expect(expandRange(1, 1000, 1, replicas)).toEqual({ ok: false, error: 'tooMany' });
    expect(expandRange(1, 2, 0.5, replicas)).toEqual({ ok: false, error: 'whole' });
    expect(expandRange(Number('x'), 2, 1, replicas)).toEqual({ ok: false, error: 'notNumbers' });
  });
  it('are recognised again in evenly spaced values, in display units', () => {
    expect(inferRange([0.01, 0.015, 0.02], varyField('nodes.api.work.mean'))).toEqual({ from: 10, to: 20, step: 5 });
    expect(inferRange([1, 2, 4, 8], varyField('nodes.api.replicas'))).toBeNull();
    expect(inferRange([1, 2], varyField('nodes.api.replicas'))).toBeNull();
  });
});

describe('lists', () => {
  it('read numbers in display units, separated by commas or spaces', () => {
    expect(parseValueList('50, 100 200', varyField('nodes.users.arrival.rate'), true)).toEqual({ ok: true, values: [50, 100, 200] });
    expect(parseValueList('80; 90', varyField('nodes.cache.hitRatio'), true)).toEqual({ ok: true, values: [0.8, 0.9] });
    expect(parseValueList('1, 2.5', varyField('nodes.api.replicas'), true)).toEqual({ ok: false, bad: '2.5' });
    expect(parseValueList('1, x', varyField('nodes.api.replicas'), true)).toEqual({ ok: false, bad: 'x' });
    expect(parseValueList(' ', varyField('nodes.api.replicas'), true)).toEqual({ ok: false, bad: '' });
  });
  it('take words and booleans for fields that are not numbers', () => {
    expect(parseValueList('random, least-connections', varyField('nodes.api.balance'), false)).toEqual({ ok: true, values: ['random', 'least-connections'] });
    expect(parseValueList('true false', varyField('nodes.db.readsOnPrimary'), false)).toEqual({ ok: true, values: [true, false] });
  });
  it('show in display units', () => {
    expect(formatValueList([0.005, 0.01], varyField('nodes.api.work.mean'))).toBe('5, 10');
  });
});

describe('suggested values', () => {
  it('sweep replicas from 1 to twice the current count', () => {
    expect(suggestValues(shop(), 'nodes.api.replicas')).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
  it('go from half to double the current rate or time', () => {
    expect(suggestValues(shop(), 'nodes.users.arrival.rate')).toEqual([100, 150, 200, 250, 300, 350, 400]);
    expect(suggestValues(shop(), 'nodes.api.work.mean')).toEqual([0.01, 0.02, 0.03, 0.04]);
  });
  it('cover the usual band of a ratio, and work for fields that are not set yet', () => {
    expect(suggestValues(shop(), 'nodes.cache.hitRatio')).toEqual([0.5, 0.6, 0.7, 0.8, 0.9]);
    expect(suggestValues(shop(), 'nodes.cache.workers')).toEqual([1, 2, 3, 4]);
  });
});

describe('points', () => {
  it('are applied on a draft by node id, edge index and run field', () => {
    const next = produce(shop(), (d) => applyPoint(d, { 'nodes.api.replicas': 2, 'nodes.users.arrival.rate': 50, 'edges.1.timeout': 0.25, 'run.duration': 30 }));
    expect(next.nodes[1]).toMatchObject({ replicas: 2 });
    expect(next.nodes[0]).toMatchObject({ arrival: { rate: 50 } });
    expect(next.edges[1]!.timeout).toBe(0.25);
    expect(next.run.duration).toBe(30);
  });
  it('match the model when every varied path has the point’s value', () => {
    expect(pointMatches(shop(), { 'nodes.api.replicas': 4, 'nodes.cache.hitRatio': 0.8 })).toBe(true);
    expect(pointMatches(shop(), { 'nodes.api.replicas': 2 })).toBe(false);
    expect(pointMatches(shop(), { 'nodes.gone.replicas': 2 })).toBe(false);
  });
});

describe('configuration differences', () => {
  it('list what the simulation sees differently, not positions, labels or run settings', () => {
    const b = produce(shop(), (d) => {
      const api = d.nodes[1]!;
      if (api.kind === 'service') {
        api.replicas = 6;
        api.label = 'Renamed';
        api.position = { x: 9, y: 9 };
      }
      d.run.duration = 5;
      d.edges[1]!.timeout = 1;
      d.slo = { p99: 0.2 };
    });
    expect(configDifferences(shop(), b)).toEqual([
      { path: 'nodes.api.replicas', a: 4, b: 6 },
      { path: 'edges.1.timeout', a: 0.5, b: 1 },
      { path: 'slo', a: undefined, b: { p99: 0.2 } },
    ]);
    expect(configDifferences(shop(), shop())).toEqual([]);
  });
});
