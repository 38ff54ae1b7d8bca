import { describe, expect, it } from 'vitest';
import { renderFinding, sentenceContext } from '../findings/render';
import type { Scenario } from '../model/schema';
import { eventBudget, runCost, runRefusal } from './runBudget';

const pos = { x: 0, y: 0 };
function model(db: { replicas: number; shards: number }, rate = 100, run: Scenario['run'] = { duration: 60 }): Scenario {
  return {
    format: 'headroom/scenario',
    version: 1,
    name: 'budget',
    nodes: [
      { id: 'src', kind: 'source', label: 's', position: pos, arrival: { process: 'poisson', rate } },
      { id: 'db', kind: 'database', label: 'Orders DB', position: pos, latency: { dist: 'exponential', mean: 0.001 }, ...db },
    ],
    edges: [{ from: 'src', to: 'db' }],
    run,
  };
}
const gb = 1e9;

describe('run budget', () => {
  it('a small model costs little and is not refused', () => {
    const cost = runCost(model({ replicas: 2, shards: 2 }));
    expect(cost.bytes).toBeLessThan(0.2 * gb);
    // 100 requests/s for 60 s, each made at the source and visiting the database: 3 events per visit.
    expect(cost.events).toBeCloseTo(2 * 100 * 60 * 3, 6);
    expect(runRefusal(model({ replicas: 2, shards: 2 }), 8 * gb)).toBeUndefined();
  });

  it("a keyed cache's key space counts at its stated bytes per key, once per engine", () => {
    const plain = model({ replicas: 1, shards: 1 });
    const cache = { id: 'c', kind: 'cache' as const, label: 'c', position: pos, keys: { count: 10_000_000 }, maxKeys: 1_000_000, singleFlight: true };
    const keyed: Scenario = { ...plain, nodes: [...plain.nodes, cache], edges: [...plain.edges, { from: 'src', to: 'c' }], run: { duration: 60, replications: 2 } };
    const without: Scenario = { ...keyed, nodes: [...plain.nodes, { ...cache, keys: undefined, maxKeys: undefined, singleFlight: undefined, hitRatio: 0.5 }] };
    expect(runCost(keyed, 2).bytes - runCost(without, 2).bytes).toBe(2 * 10_000_000 * 20);
  });

  it('memory grows with replicas × shards and the engines running at once', () => {
    const big = model({ replicas: 10_000, shards: 1_024 });
    expect(runCost(big).largestNode).toEqual({ id: 'db', slots: 10_240_000 });
    const four = { ...big, run: { duration: 60, replications: 4 } };
    expect(runCost(four, 4).bytes).toBeGreaterThan(3.5 * runCost(four, 1).bytes - 0.5 * gb);
    // More threads than replications run no more engines.
    expect(runCost(big, 4).bytes).toBe(runCost(big, 1).bytes);
    // About 0.9 GB an engine: one fits in 2 GB, four do not.
    expect(runRefusal(four, 2 * gb, 1)).toBeUndefined();
    const refusal = runRefusal(four, 2 * gb, 4);
    expect(refusal?.code).toBe('runNeedsTooMuchMemory');
    const en = renderFinding(refusal!, sentenceContext('en', { db: 'Orders DB' }));
    expect(en).toContain('replicas of Orders DB');
    expect(en).toContain('Orders DB');
    expect(en).toContain('--threads');
    expect(renderFinding(refusal!, sentenceContext('zh-CN', { db: 'Orders DB' }))).toContain('请减少 Orders DB 的副本数');
  });

  it('events grow with rate × duration × replications, over the budget refused naming the fields', () => {
    const huge = model({ replicas: 1, shards: 1 }, 1_000_000, { duration: 86_400, warmup: 0, replications: 100 });
    expect(runCost(huge).events).toBeGreaterThan(eventBudget);
    const refusal = runRefusal(huge, 64 * gb);
    expect(refusal?.code).toBe('runHasTooManyEvents');
    const en = renderFinding(refusal!, sentenceContext('en'));
    expect(en).toMatch(/run\.duration.*run\.replications/);
  });
});
