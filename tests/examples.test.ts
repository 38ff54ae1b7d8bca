/**
 * The shipped example scenarios and the queueing-theory validation cases must open
 * without a single problem or warning, and the examples must stay small enough to run
 * in a couple of seconds (their load is budgeted here, from the file alone).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Scenario, SourceNode } from '../simulation/model/schema';
import { formatIssue, parseScenario } from '../simulation/model/validate';

const examplesDir = new URL('../assets/examples/', import.meta.url);
const validationDir = new URL('./fixtures/validation/', import.meta.url);

const exampleFiles = readdirSync(examplesDir).filter((f) => f.endsWith('.headroom.json')).sort();
const validationFiles = readdirSync(validationDir).filter((f) => f.endsWith('.json')).sort();
const readJson = (dir: URL, name: string): unknown => JSON.parse(readFileSync(new URL(name, dir), 'utf8'));

function parseClean(doc: unknown): Scenario {
  const outcome = parseScenario(doc);
  if (!outcome.ok) expect.fail(outcome.issues.map(formatIssue).join('\n'));
  expect(outcome.warnings.map(formatIssue)).toEqual([]);
  return outcome.scenario;
}

/** Requests a source sends over [0, end), integrating its piecewise-linear profile. */
function requestsSent(src: SourceNode, end: number): number {
  if (src.arrival.process === 'closed') return 0;
  const points = src.profile ?? [{ at: 0, scale: 1 }];
  const scaleAt = (t: number): number => {
    const first = points[0];
    const last = points[points.length - 1];
    if (first === undefined || last === undefined) return 1;
    if (t <= first.at) return first.scale;
    if (t >= last.at) return last.scale;
    for (let i = 1; i < points.length; i++) {
      const a = points[i - 1];
      const b = points[i];
      if (a !== undefined && b !== undefined && t <= b.at) return b.at === a.at ? b.scale : a.scale + ((b.scale - a.scale) * (t - a.at)) / (b.at - a.at);
    }
    return last.scale;
  };
  const mean = src.arrival.process === 'bursty' ? Math.max(src.arrival.rate, src.arrival.burstRate) : src.arrival.rate;
  let total = 0;
  const step = 0.5;
  for (let t = 0; t < end; t += step) total += mean * scaleAt(t + step / 2) * step;
  return total;
}

describe('example scenarios', () => {
  it('are the ten documented files', () => {
    expect(exampleFiles).toEqual([
      'cache-avalanche.headroom.json',
      'django-monolith.headroom.json',
      'django-services.headroom.json',
      'fastapi-gather.headroom.json',
      'fastapi-stack.headroom.json',
      'flash-sale.headroom.json',
      'qps-linear.headroom.json',
      'redis-failover.headroom.json',
      'retry-storm.headroom.json',
      'rolling-deploy.headroom.json',
    ]);
  });

  describe.each(exampleFiles)('%s', (file) => {
    const doc = readJson(examplesDir, file);

    it('parses with no issues and no warnings', () => {
      parseClean(doc);
    });

    it('has a name, a description, an SLO, costs and run settings', () => {
      const s = parseClean(doc);
      expect(s.name.length).toBeGreaterThan(0);
      expect(s.description?.length ?? 0).toBeGreaterThan(80);
      expect(s.slo).toBeDefined();
      expect(s.cost?.currency).toBe('USD');
      expect(s.run.replications ?? 1).toBeGreaterThanOrEqual(5);
    });

    it('lays nodes out on distinct points, left to right', () => {
      const s = parseClean(doc);
      const points = s.nodes.map((n) => `${n.position.x},${n.position.y}`);
      expect(new Set(points).size).toBe(points.length);
      const x = new Map(s.nodes.map((n) => [n.id, n.position.x]));
      for (const e of s.edges) expect(x.get(e.to) ?? 0, `${e.from} → ${e.to}`).toBeGreaterThan(x.get(e.from) ?? 0);
    });

    it('stays within about 300,000 requests over all replications', () => {
      const s = parseClean(doc);
      const end = (s.run.warmup ?? 0) + s.run.duration;
      const perReplication = s.nodes.filter((n): n is SourceNode => n.kind === 'source').reduce((sum, n) => sum + requestsSent(n, end), 0);
      expect(perReplication * (s.run.replications ?? 1)).toBeLessThanOrEqual(300_000);
      expect(perReplication).toBeGreaterThan(1000);
    });
  });
});

describe('validation cases', () => {
  it('are the five queueing-theory cases', () => {
    expect(validationFiles).toEqual(['closed.json', 'md1.json', 'mm1.json', 'mm1k.json', 'mmc.json']);
  });

  it.each(validationFiles)('%s holds a scenario that parses cleanly', (file) => {
    const doc = readJson(validationDir, file) as { scenario: unknown; expect: Record<string, unknown> };
    parseClean(doc.scenario);
    expect(Object.keys(doc.expect).length).toBeGreaterThan(0);
  });
});
