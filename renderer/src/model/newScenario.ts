/**
 * What a fresh document looks like, and free ids for what is added to it (a freshly
 * placed node starts from its kind's view, renderer/src/kinds).
 */
import type { Scenario } from '../../../simulation/model/schema';

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
