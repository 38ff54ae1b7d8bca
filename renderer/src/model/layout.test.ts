/** Auto-layout by call depth. */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../../simulation/model/schema';
import { emptyScenario } from './newScenario';
import { newNode } from '../kinds';
import { layerGap, layeredLayout } from './layout';

describe('layered layout', () => {
  it('puts each node one layer right of its deepest caller', () => {
    const s: Scenario = emptyScenario();
    const taken = new Set<string>();
    for (const k of ['source', 'gateway', 'service', 'cache', 'database'] as const) {
      const n = newNode(k, { x: 999, y: 999 }, taken, k);
      taken.add(n.id);
      s.nodes.push(n);
    }
    s.edges.push({ from: 'users', to: 'gateway' }, { from: 'gateway', to: 'service' }, { from: 'service', to: 'cache' }, { from: 'cache', to: 'db' }, { from: 'service', to: 'db' });
    const p = layeredLayout(s);
    expect(p.users!.x).toBe(0);
    expect(p.gateway!.x).toBe(layerGap);
    expect(p.service!.x).toBe(2 * layerGap);
    expect(p.cache!.x).toBe(3 * layerGap);
    expect(p.db!.x).toBe(4 * layerGap);
  });
  it('survives cycles and isolated nodes', () => {
    const s: Scenario = emptyScenario();
    s.nodes.push(newNode('service', { x: 0, y: 0 }, new Set(), 'a'), newNode('service', { x: 0, y: 0 }, new Set(['service']), 'b'), newNode('cache', { x: 0, y: 0 }, new Set(), 'c'));
    s.edges.push({ from: 'service', to: 'service-2' }, { from: 'service-2', to: 'service' });
    const p = layeredLayout(s);
    expect(Object.keys(p).sort()).toEqual(['cache', 'service', 'service-2']);
  });
});
