/**
 * Every shipped example runs: through the real engine, with results that make sense
 * for the architecture it describes (requests served, nothing NaN, an SLO verdict,
 * a bottleneck named), since these are what a newcomer opens first.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assertScenario } from '../simulation/model/validate';
import { runScenarioInProcess } from '../simulation/runner/runScenario';

const dir = new URL('../assets/examples/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.headroom.json')).sort();

function findNaN(value: unknown, path = ''): string | null {
  if (typeof value === 'number') return Number.isNaN(value) ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findNaN(value[i], `${path}[${i}]`);
      if (hit) return hit;
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const hit = findNaN(v, path ? `${path}.${k}` : k);
      if (hit) return hit;
    }
  }
  return null;
}

describe('examples run', () => {
  for (const file of files) {
    it(file, () => {
      const scenario = assertScenario(JSON.parse(readFileSync(new URL(file, dir), 'utf8')));
      const result = runScenarioInProcess({ ...scenario, run: { ...scenario.run, replications: 2 } });
      expect(findNaN(result)).toBeNull();
      expect(result.summary.throughput).toBeGreaterThan(0);
      expect(result.summary.throughput).toBeLessThanOrEqual(result.summary.offered * 1.01);
      expect(result.bottleneck).not.toBeNull();
      expect(Object.keys(result.nodes).length).toBe(scenario.nodes.filter((n) => n.kind !== 'source').length);
      if (scenario.slo) expect(Object.keys(result.summary.slo).length).toBeGreaterThan(0);
    });
  }
});
