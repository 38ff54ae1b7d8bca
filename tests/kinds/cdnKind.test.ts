/**
 * Adding a node kind is one simulation module: the fixture `cdn` kind (cdnKind.ts),
 * registered here only, compiles, runs on the engine's cache station and reports its
 * own result extras, with no edit to compile, aggregate or validate.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allKinds, kindNamed, registerKind, unregisterKind } from '../../simulation/model/kinds';
import { compileScenario } from '../../simulation/engine/compile';
import { runScenarioInProcess } from '../../simulation/runner/runScenario';
import type { Scenario } from '../../simulation/model/schema';
import { edge, poissonSource, service } from '../helpers/build';
import { estimate } from '../../simulation/estimate/estimate';
import { cdnKind } from './cdnKind';

const origin = service('origin', { dist: 'exponential', mean: 0.02 }, { workers: 4 });
// Not through `build`, which validates: the schema's union admits the registered built-in kinds only (see the README).
const scenarioWith = (front: Record<string, unknown>): Scenario =>
  ({
    format: 'headroom/scenario',
    version: 1,
    name: 'edge in front of an origin',
    nodes: [poissonSource('users', 80), front, origin].map((n, i) => ({ label: String(n.id), position: { x: 200 * i, y: 0 }, ...n })),
    edges: [edge('users', 'edge'), edge('edge', 'origin')],
    run: { duration: 200, warmup: 20, seed: 11 },
  }) as unknown as Scenario;
const cdn = scenarioWith({ id: 'edge', kind: 'cdn', edgeLatency: { dist: 'constant', value: 0.004 }, offload: 0.7, workers: 50 });
const cache = scenarioWith({ id: 'edge', kind: 'cache', latency: { dist: 'constant', value: 0.004 }, hitRatio: 0.7, workers: 50 });

describe('a node kind added in one module', () => {
  beforeAll(() => registerKind(cdnKind));
  afterAll(() => unregisterKind('cdn'));

  it('joins the registry the callers iterate', () => {
    expect(allKinds().map((k) => k.kind)).toContain('cdn');
    expect(kindNamed('cdn').station).toBe('cache');
    expect(() => registerKind(cdnKind)).toThrow(/twice/);
  });

  it('compiles onto the cache station with its own parameters', () => {
    const node = compileScenario(cdn).nodes[1]!;
    const asCache = compileScenario(cache).nodes[1]!;
    expect(node.kindName).toBe('cdn');
    expect(node.kind).toBe(asCache.kind);
    expect(node.hitRatio).toEqual([0.7]);
    expect(node.meanWork).toEqual([0.004]);
  });

  it('runs as the cache it is made of, to the bit, and reports under its own name with its extras', () => {
    const a = runScenarioInProcess(cdn);
    const b = runScenarioInProcess(cache);
    const { kind, ...figures } = a.nodes.edge!;
    const { kind: cacheKindName, ...cacheFigures } = b.nodes.edge!;
    expect(kind).toBe('cdn');
    expect(cacheKindName).toBe('cache');
    expect(figures).toEqual(cacheFigures);
    expect(figures.hitRatio).toBeGreaterThan(0.65);
    expect(figures.hitRatio).toBeLessThan(0.75);
    // The origin sees only the misses.
    expect(a.nodes.origin!.arrivalRate).toBeCloseTo(80 * 0.3, 0);
  });

  it('gets the instant estimate of the station it runs on, from its own parameters', () => {
    const a = estimate(cdn);
    const b = estimate(cache);
    expect(a.nodes.edge).toEqual(b.nodes.edge);
    // 30% of 80/s miss on to the origin: 24/s × 20 ms over 4 workers.
    expect(a.nodes.origin!.arrivalRate).toBeCloseTo(24, 9);
    expect(a.nodes.origin!.utilization).toBeCloseTo((24 * 0.02) / 4, 9);
  });

  it('is unknown once unregistered', () => {
    unregisterKind('cdn');
    expect(() => kindNamed('cdn')).toThrow(/unknown node kind/);
    registerKind(cdnKind);
  });
});
