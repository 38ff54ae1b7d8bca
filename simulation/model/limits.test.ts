import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { maxEventsPerInstant } from '../engine/engine';
import { eventBudget } from '../estimate/runBudget';
import { runScenarioInProcess } from '../runner/runScenario';
import { scenarioLimits } from './limits';
import { formatIssue, parseScenario, parseScenarioJson } from './validate';

const at = { x: 0, y: 0 };
function chain(n: number, closeRing: boolean): unknown {
  const nodes: unknown[] = [{ id: 'src', kind: 'source', label: 's', position: at, arrival: { process: 'poisson', rate: 1 } }];
  const edges: unknown[] = [{ from: 'src', to: 'n0' }];
  for (let i = 0; i < n; i++) {
    nodes.push({ id: `n${i}`, kind: 'service', label: `n${i}`, position: at, work: { dist: 'constant', value: 0.001 } });
    if (i > 0) edges.push({ from: `n${i - 1}`, to: `n${i}` });
  }
  if (closeRing) edges.push({ from: `n${n - 1}`, to: 'n0' });
  return { format: 'headroom/scenario', version: 1, name: 'chain', nodes, edges, run: { duration: 1 } };
}

function withClassNamed(id: string): unknown {
  return {
    format: 'headroom/scenario',
    version: 1,
    name: 'proto',
    classes: [{ id }],
    nodes: [
      { id: 'src', kind: 'source', label: 's', position: at, arrival: { process: 'poisson', rate: 200 }, mix: { [id]: 1 } },
      { id, kind: 'service', label: 'a', position: at, workers: 4, work: { byClass: { [id]: { dist: 'exponential', mean: 0.001 } } } },
      { id: 'c', kind: 'cache', label: 'c', position: at, hitRatio: { default: 0.5, byClass: {} } },
    ],
    edges: [
      { from: 'src', to: id },
      { from: id, to: 'c' },
    ],
    run: { duration: 20, replications: 1, seed: 3 },
  };
}

describe('prototype names', () => {
  for (const id of ['constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf']) {
    it(`"${id}" works as a node id and a class name`, () => {
      // Through JSON text, as a file would arrive.
      const outcome = parseScenarioJson(JSON.stringify(withClassNamed(id)));
      expect(outcome.ok ? [] : outcome.issues.map(formatIssue)).toEqual([]);
      if (!outcome.ok) return;
      const result = runScenarioInProcess(outcome.scenario);
      expect(Object.keys(result.nodes).sort()).toEqual(['c', id].sort());
      expect(Object.keys(result.classes)).toEqual([id]);
      // The cache falls back to its default, not to a function found on Object.prototype.
      expect(result.nodes.c?.hitRatio).toBeGreaterThan(0.45);
      expect(result.nodes.c?.hitRatio).toBeLessThan(0.55);
      expect(result.summary.throughput).toBeGreaterThan(150);
    });
  }

  it('refuses "__proto__" as a name, saying so, instead of losing it', () => {
    const outcome = parseScenarioJson(JSON.stringify(withClassNamed('__proto__')));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.issues.map(formatIssue)).toContain('classes[0].id: "__proto__" is reserved and cannot be a name: choose another');
  });

  it('reports a "__proto__" key in a node as an unknown field', () => {
    const doc = withClassNamed('a') as { nodes: Record<string, unknown>[] };
    const text = JSON.stringify(doc).replace('"kind":"cache"', '"__proto__":{"x":1},"kind":"cache"');
    const outcome = parseScenarioJson(text);
    expect(outcome.ok ? [] : outcome.issues.map(formatIssue)).toContain('nodes[2]: unknown field "__proto__"');
  });
});

describe('structural limits', () => {
  it('validates a 10,000-node sync chain without overflowing the stack', () => {
    const outcome = parseScenario(chain(9999, false));
    expect(outcome.ok ? [] : outcome.issues.map(formatIssue)).toEqual([]);
  });

  it('finds the cycle in a long sync ring iteratively', () => {
    const outcome = parseScenario(chain(9999, true));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.issues[0]?.path).toBe('edges[9999]');
    expect(outcome.issues[0]?.message).toMatch(/^sync calls form a cycle: n0 → n1 → .* → n9998 → n0$/);
  });

  it('refuses more nodes than the limit, saying how many', () => {
    const outcome = parseScenario(chain(scenarioLimits.nodes + 5, false));
    expect(outcome.ok ? [] : outcome.issues.map(formatIssue)).toEqual(['nodes: has 10,006 nodes; a scenario may have at most 10,000']);
  });

  it('reports a 10,000-level version-0 file as too deep, not as a stack overflow', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = { a: deep };
    const outcome = parseScenario({ format: 'headroom/scenario', version: 0, name: 'x', nodes: [], edges: [], run: { length: 1 }, description: deep });
    expect(outcome.ok ? [] : outcome.issues.map(formatIssue)).toEqual([`description${'.a'.repeat(63)}: is nested 64 levels deep; a scenario nests at most 64`]);
  });

  it('parses a 10,000-level JSON text to the same plain message', () => {
    const text = `{"format":"headroom/scenario","version":0,"x":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    const outcome = parseScenarioJson(text);
    expect(outcome.ok ? '' : outcome.issues[0]?.message).toBe('is nested 64 levels deep; a scenario nests at most 64');
  });

  it('refuses a 20,000-character id by its length (no edit distance over it)', () => {
    const doc = chain(2, false) as { nodes: { id: string }[]; edges: { to: string }[] };
    const long = 'x'.repeat(20_000);
    (doc.nodes[1] as { id: string }).id = long;
    (doc.edges[0] as { to: string }).to = `${long}y`;
    const outcome = parseScenario(doc);
    expect(outcome.ok ? [] : outcome.issues.map(formatIssue)).toEqual(['nodes[1].id: is 20,000 characters long; at most 128 are allowed here']);
  });

  it('answers 10,000 edges to missing nodes, each with its own path', () => {
    const doc = chain(1000, false) as { edges: { from: string; to: string }[] };
    for (let i = 0; i < 9000; i++) doc.edges.push({ from: 'src', to: `missing${i}` });
    const outcome = parseScenario(doc);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.issues.filter((i) => /^edges\[\d+\]\.to$/.test(i.path))).toHaveLength(9000);
  });

  it('refuses a file larger than the size limit before parsing it', () => {
    const outcome = parseScenarioJson(' '.repeat(scenarioLimits.fileCharacters + 1));
    expect(outcome.ok ? '' : outcome.issues[0]?.message).toBe('is 10.0 million characters; a scenario file may have at most 10 million');
  });

  it('refuses a 10 MB description by its length', () => {
    const doc = chain(1, false) as Record<string, unknown>;
    doc.description = 'd'.repeat(1_000_000);
    const outcome = parseScenario(doc);
    expect(outcome.ok ? [] : outcome.issues.map(formatIssue)).toEqual(['description: is 1,000,000 characters long; at most 10,000 are allowed here']);
  });
});

describe('the README states the structural limits', () => {
  const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8').replace(/\s+/g, ' ');
  const n = (x: number) => x.toLocaleString('en-US');
  const phrases: Record<keyof typeof scenarioLimits, string> = {
    nodes: `${n(scenarioLimits.nodes)} nodes`,
    edges: `${n(scenarioLimits.edges)} edges`,
    classes: `${n(scenarioLimits.classes)} classes`,
    fileCharacters: `${scenarioLimits.fileCharacters / 1e6} million characters`,
    nestingDepth: `${n(scenarioLimits.nestingDepth)} levels of nesting`,
    stringLength: `strings of ${n(scenarioLimits.stringLength)} characters`,
    keyLength: `ids and field names of ${n(scenarioLimits.keyLength)}`,
    listItems: `lists of ${n(scenarioLimits.listItems)} items`,
    objectFields: `objects of ${n(scenarioLimits.objectFields)} fields`,
  };
  it.each(Object.entries(phrases))('%s: "%s"', (_, phrase) => {
    expect(readme).toContain(phrase);
  });

  it('and the limits of a run: its event budget and the events at one instant', () => {
    expect(eventBudget).toBe(2e10);
    expect(readme).toContain('more than 2·10¹⁰ events is refused');
    expect(readme).toContain(`more than ${maxEventsPerInstant.toLocaleString('en-US')} events at one simulated instant`);
  });
});
