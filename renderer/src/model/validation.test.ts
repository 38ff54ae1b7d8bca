/** Validator issues land on the node, edge or setting they name; files load or are refused with a reason. */
import { describe, expect, it } from 'vitest';
import { emptyScenario, newNode } from './newScenario';
import { indexIssues, issueFor, loadScenarioText, validateScenario } from './validation';

describe('issue mapping', () => {
  it('maps JSON paths to node ids and field paths', () => {
    const s = emptyScenario();
    s.nodes.push(newNode('source', { x: 0, y: 0 }, new Set(), 'u'), newNode('service', { x: 0, y: 0 }, new Set(), 's'));
    const idx = indexIssues(s, [
      { path: 'nodes[1].workers', message: 'must be a positive integer' },
      { path: 'nodes[1].work.mean', message: 'must be 0 or more' },
      { path: 'edges[0].timeout', message: 'must be greater than 0' },
      { path: 'run.duration', message: 'must be a number' },
    ]);
    expect(issueFor(idx.nodes.get('service'), 'workers')).toBe('must be a positive integer');
    expect(issueFor(idx.nodes.get('service'), 'work')).toBe('mean: must be 0 or more');
    expect(issueFor(idx.edges.get(0), 'timeout')).toBe('must be greater than 0');
    expect(idx.other.get('run.duration')).toBe('must be a number');
  });
  it('validates a fresh model of new nodes as valid once wired', () => {
    const s = emptyScenario();
    s.nodes.push(newNode('source', { x: 0, y: 0 }, new Set(), 'u'), newNode('service', { x: 0, y: 0 }, new Set(), 's'));
    s.edges.push({ from: 'users', to: 'service' });
    expect(validateScenario(s).all).toEqual([]);
    const bad = structuredClone(s);
    (bad.nodes[1] as { workers: number }).workers = 0;
    expect(validateScenario(bad).nodes.get('service')?.get('workers')).toMatch(/positive integer/);
  });
});

describe('loading files', () => {
  it('refuses text that is not JSON, naming the place', () => {
    const r = loadScenarioText('{"format": "headroom/scenario",\n  oops}');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toMatch(/not valid JSON/);
  });
  it('refuses another kind of document', () => {
    const r = loadScenarioText(JSON.stringify({ format: 'headroom/result', version: 1 }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toMatch(/format/);
  });
  it('opens a structurally sound file with invalid values, listing them', () => {
    const s = emptyScenario();
    s.nodes.push(newNode('source', { x: 0, y: 0 }, new Set(), 'u'), { ...newNode('service', { x: 0, y: 0 }, new Set(), 's'), workers: -1 } as never);
    s.edges.push({ from: 'users', to: 'service' });
    const r = loadScenarioText(JSON.stringify(s));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.issues.some((i) => i.path === 'nodes[1].workers')).toBe(true);
  });
  it('refuses nodes it cannot draw', () => {
    const r = loadScenarioText(JSON.stringify({ ...emptyScenario(), nodes: [{ id: 'a', kind: 'teapot', position: { x: 0, y: 0 } }] }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toMatch(/nodes\[0\]/);
  });
});
