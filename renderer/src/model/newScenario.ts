/**
 * What a fresh document and a freshly placed node look like: sensible, valid
 * starting values, so a model is runnable as soon as it is wired up.
 */
import type { NodeKind, Scenario, ScenarioNode } from '../../../simulation/model/schema';

export function emptyScenario(name = 'Untitled'): Scenario {
  return {
    format: 'headroom/scenario',
    version: 1,
    name,
    nodes: [],
    edges: [],
    run: { duration: 300, warmup: 30, replications: 5, seed: 1, confidence: 0.95 },
  };
}

/** A node id not yet taken, derived from a base ("api", "api-2", …). */
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  const clean = base.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'node';
  if (!taken.has(clean)) return clean;
  const stem = clean.replace(/-\d+$/, '');
  for (let i = 2; ; i++) {
    const id = `${stem}-${i}`;
    if (!taken.has(id)) return id;
  }
}

const idBase: Record<NodeKind, string> = {
  source: 'users',
  gateway: 'gateway',
  service: 'service',
  cache: 'cache',
  queue: 'queue',
  database: 'db',
  external: 'external',
};

export function newNode(kind: NodeKind, position: { x: number; y: number }, taken: ReadonlySet<string>, label: string): ScenarioNode {
  const id = uniqueId(idBase[kind], taken);
  const suffix = id.match(/-(\d+)$/)?.[1];
  const base = { id, label: suffix ? `${label} ${suffix}` : label, position: { x: Math.round(position.x), y: Math.round(position.y) } };
  switch (kind) {
    case 'source':
      return { ...base, kind, arrival: { process: 'poisson', rate: 100 } };
    case 'gateway':
      return { ...base, kind, latency: { dist: 'constant', value: 0.001 } };
    case 'service':
      return { ...base, kind, workers: 8, work: { dist: 'exponential', mean: 0.02 } };
    case 'cache':
      return { ...base, kind, workers: 1, latency: { dist: 'constant', value: 0.0005 }, hitRatio: 0.8 };
    case 'queue':
      return { ...base, kind, latency: { dist: 'constant', value: 0.001 } };
    case 'database':
      return { ...base, kind, workers: 20, latency: { dist: 'exponential', mean: 0.005 } };
    case 'external':
      return { ...base, kind, latency: { dist: 'exponential', mean: 0.1 } };
  }
}
