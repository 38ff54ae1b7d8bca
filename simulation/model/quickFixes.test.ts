/** The validator's quick fixes: the one obvious repair, attached to the issue it repairs. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findSyncCycles, parseScenario, type Issue } from './validate';
import { estimate } from '../estimate/estimate';
import type { Scenario } from './schema';

const shop = (): Record<string, unknown> & { nodes: Record<string, unknown>[]; edges: Record<string, unknown>[] } =>
  JSON.parse(readFileSync(new URL('./fixtures/shop.headroom.json', import.meta.url), 'utf8'));

function issues(doc: unknown): Issue[] {
  const r = parseScenario(doc);
  if (r.ok) throw new Error('expected problems');
  return r.issues;
}

describe('quick fixes', () => {
  it('renames a misspelt field to the one it was meant to be', () => {
    const doc = shop();
    const api = doc.nodes[2]!;
    api.workrs = api.workers;
    delete api.workers;
    expect(issues(doc)).toContainEqual(expect.objectContaining({ path: 'nodes[2]', message: expect.stringContaining('did you mean "workers"') as string, fix: { kind: 'renameField', from: 'workrs', to: 'workers' } }));
  });

  it('offers no rename onto a field that is already there', () => {
    const doc = shop();
    doc.nodes[2]!.workrs = 3;
    expect(issues(doc).find((i) => i.message.includes('workrs'))?.fix).toBeUndefined();
  });

  it('sets a value out of range to the nearest allowed one', () => {
    const doc = shop();
    (doc.nodes[4] as { hitRatio: unknown }).hitRatio = 1.5;
    expect(issues(doc)).toContainEqual(expect.objectContaining({ path: 'nodes[4].hitRatio', fix: { kind: 'setValue', value: 1 } }));
  });

  it('sets a whole number below its exclusive bound to the next whole number', () => {
    const doc = shop();
    doc.nodes[2]!.replicas = 0;
    const fix = issues(doc).find((i) => i.path === 'nodes[2].replicas')?.fix;
    expect(fix).toEqual({ kind: 'setValue', value: 1 });
  });

  it('corrects a misspelt choice', () => {
    const doc = shop();
    (doc.nodes[3] as { work: { dist: string } }).work.dist = 'exponental';
    expect(issues(doc).find((i) => i.path.startsWith('nodes[3].work'))?.fix).toEqual({ kind: 'setValue', value: 'exponential' });
  });

  it('removes the edge that closes a sync cycle', () => {
    const doc = shop();
    doc.edges.push({ from: 'auth', to: 'api' });
    const closing = doc.edges.length - 1;
    expect(issues(doc)).toContainEqual(expect.objectContaining({ path: `edges[${closing}]`, message: 'sync calls form a cycle: api → auth → api', fix: { kind: 'removeEdge', edge: closing } }));
    const [cycle] = findSyncCycles(doc as unknown as Scenario);
    expect(cycle?.edges.sort()).toEqual([2, closing].sort());
  });
});

describe('the estimate on a sync cycle', () => {
  it('gives the cycle the load it receives and does not push it round again', () => {
    const doc = shop();
    const plain = estimate(doc as unknown as Scenario);
    doc.edges.push({ from: 'auth', to: 'api' });
    const looped = estimate(doc as unknown as Scenario);
    expect(looped.nodes.api!.arrivalRate).toBeCloseTo(plain.nodes.api!.arrivalRate, 9);
    expect(looped.nodes.auth!.arrivalRate).toBeCloseTo(plain.nodes.auth!.arrivalRate, 9);
    expect(looped.edges[doc.edges.length - 1]).toBe(0);
  });
});
