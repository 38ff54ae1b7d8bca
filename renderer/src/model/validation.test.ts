/** Validator issues land on the node, edge or setting they name; files load or are refused with a reason. */
import { describe, expect, it } from 'vitest';
import type { ServiceNode } from '../../../simulation/model/schema';
import { newAutoscale, withMetric } from '../fields/AutoscaleEditor';
import { emptyScenario } from './newScenario';
import { newNode } from '../kinds';
import { indexIssues, issueFor, loadScenarioText, validateScenario } from './validation';
import { formatIssue } from '../../../simulation/model/validate';

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

describe('warnings in the reader\'s language', () => {
  it('words a warning that carries a finding in Chinese, naming the node by its label', () => {
    const s = emptyScenario();
    const api = { ...(newNode('service', { x: 0, y: 0 }, new Set(), '异步 API') as ServiceNode), workers: 800, cpus: 4 };
    s.nodes.push(newNode('source', { x: 0, y: 0 }, new Set(), 'u'), api);
    s.edges.push({ from: 'users', to: 'service' });
    api.autoscale = { min: 2, max: 12, targetUtilization: 0.7 };
    expect(issueFor(validateScenario(s, 'zh-CN').nodes.get('service'), 'autoscale.metric')).toMatch(/^异步 API：自动扩缩按忙碌的工作槽计数.*请把扩缩指标改为 CPU 利用率/);
    expect(issueFor(validateScenario(s, 'en').nodes.get('service'), 'autoscale.metric')).toMatch(/^异步 API: the autoscaler counts busy workers, but 800 workers per replica on 4 CPUs/);
    // What the inspector creates when autoscaling is switched on scales on CPU, with no warning.
    api.autoscale = newAutoscale(api);
    expect(api.autoscale.metric).toBe('cpu');
    expect(validateScenario(s, 'zh-CN').warnings).toEqual([]);
  });
});

describe('bounds in the units of the inspector\'s fields', () => {
  const wired = () => {
    const s = emptyScenario();
    s.nodes.push(newNode('source', { x: 0, y: 0 }, new Set(), 'u'), newNode('service', { x: 0, y: 0 }, new Set(), 's'), newNode('cache', { x: 0, y: 0 }, new Set(), 'c'));
    s.edges.push({ from: 'users', to: 'service' }, { from: 'service', to: 'cache' });
    return s;
  };

  it('a hit ratio of 150% is refused in percent, as its field shows it', () => {
    const s = wired();
    (s.nodes[2] as { hitRatio: number }).hitRatio = 1.5;
    expect(issueFor(validateScenario(s).nodes.get('cache'), 'hitRatio')).toBe('must be between 0% and 100% (it is 150%)');
    expect(issueFor(validateScenario(s, 'zh-CN').nodes.get('cache'), 'hitRatio')).toBe('必须在 0% 到 100% 之间（当前为 150%）');
  });

  it('a work mean of 1e12 ms is refused in milliseconds', () => {
    const s = wired();
    (s.nodes[1] as ServiceNode).work = { dist: 'exponential', mean: 1e9 };
    expect(issueFor(validateScenario(s).nodes.get('service'), 'work')).toBe('mean: must be at most 3,600,000 ms (it is 1,000,000,000,000 ms)');
  });

  it('replicas 1e9 is an error on the field, not "Model valid"', () => {
    const s = wired();
    (s.nodes[1] as ServiceNode).replicas = 1e9;
    const idx = validateScenario(s);
    expect(idx.all).toHaveLength(1);
    expect(issueFor(idx.nodes.get('service'), 'replicas')).toBe('must be at most 10,000 (it is 1,000,000,000)');
  });
});

describe('choosing the autoscale metric', () => {
  const s = emptyScenario();
  s.nodes.push(
    newNode('source', { x: 0, y: 0 }, new Set(), 'u'),
    newNode('queue', { x: 0, y: 0 }, new Set(), 'q'),
    { ...newNode('queue', { x: 0, y: 0 }, new Set(), 'q'), id: 'tasks' },
    newNode('service', { x: 0, y: 0 }, new Set(), 's'),
  );
  s.edges.push({ from: 'users', to: 'queue', mode: 'async' }, { from: 'tasks', to: 'service' });
  const a = { min: 1, max: 4, metric: 'cpu' as const, targetUtilization: 0.5, interval: 10, scaleDownStabilization: 300 };
  it('keeps the rule and the windows, gives the new metric its target and drops the old one', () => {
    expect(withMetric(a, 'rps', s, 'service')).toEqual({ min: 1, max: 4, metric: 'rps', targetRps: 100, interval: 10, scaleDownStabilization: 300 });
    expect(withMetric(a, 'workers', s, 'service')).toEqual({ ...a, metric: 'workers' });
  });
  it('picks the queue that delivers to the node for the backlog', () => {
    expect(withMetric(a, 'backlog', s, 'service')).toEqual({ min: 1, max: 4, metric: 'backlog', queue: 'tasks', targetBacklog: 20, interval: 10, scaleDownStabilization: 300 });
    s.nodes[3] = { ...(s.nodes[3] as ServiceNode), autoscale: withMetric(a, 'backlog', s, 'service') };
    expect(validateScenario(s).all).toEqual([]);
  });
});

describe('loading files', () => {
  it('refuses text that is not JSON, naming the place', () => {
    const r = loadScenarioText('{"format": "headroom/scenario",\n  oops}');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(formatIssue(r.issue)).toMatch(/not valid JSON/);
  });
  it('refuses another kind of document', () => {
    const r = loadScenarioText(JSON.stringify({ format: 'headroom/result', version: 1 }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(formatIssue(r.issue)).toMatch(/format/);
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
    if (!r.ok) expect(formatIssue(r.issue)).toMatch(/nodes\[0\]/);
  });
});

describe('hostile files in the editor', () => {
  // A 40 KB file like this once froze the page for 50 s: the editor re-validates on every
  // edit, and each pass ran "did you mean" over 20,000 × 20,000 characters.
  it('opens a file with a 20,000-character id aimed at a 20,000-character unknown node, and re-validates it quickly', () => {
    const s = emptyScenario();
    const long = 'x'.repeat(20_000);
    s.nodes.push(newNode('source', { x: 0, y: 0 }, new Set(), 'users'), { ...newNode('service', { x: 0, y: 0 }, new Set(), long), id: long } as never);
    s.edges.push({ from: 'users', to: `${long}y` });
    const started = performance.now();
    const r = loadScenarioText(JSON.stringify(s));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.issues.map(formatIssue)).toContain('nodes[1].id: is 20,000 characters long; at most 128 are allowed here');
    for (let edit = 0; edit < 20; edit++) validateScenario(r.scenario);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
