/** A node or call edited as JSON: applied as one edit when the editor can show it, refused with the reason otherwise. */
import { describe, expect, it } from 'vitest';
import { produce } from 'immer';
import type { Scenario } from '../../../simulation/model/schema';
import { emptyScenario } from './newScenario';
import { newNode } from '../kinds';
import { edgeJsonEdit, itemJson, nodeJsonEdit } from './jsonEdit';
import { formatIssue } from '../../../simulation/model/validate';
import { validateScenario } from './validation';

function model(): Scenario {
  const s = emptyScenario();
  s.nodes.push(newNode('source', { x: 0, y: 0 }, new Set(), 'Users'), newNode('service', { x: 300, y: 0 }, new Set(), 'API'));
  s.edges.push({ from: 'users', to: 'service' });
  s.whatIf = { vary: [{ path: 'nodes.service.replicas', values: [1, 2] }] };
  return s;
}

const applied = (s: Scenario, edit: ReturnType<typeof nodeJsonEdit>) => {
  if (!edit.ok) throw new Error(`refused: ${JSON.stringify(edit.problem)}`);
  return produce(s, edit.apply);
};

describe('node as JSON', () => {
  it('sets a field the inspector has no control for, keeping the position when it is left out', () => {
    const s = model();
    const node = JSON.parse(itemJson(s.nodes[1]!));
    delete node.position;
    node.workers = 3;
    node.description = 'gunicorn, 3 sync workers';
    const next = applied(s, nodeJsonEdit(s, 'service', JSON.stringify(node)));
    expect(next.nodes[1]).toMatchObject({ workers: 3, description: 'gunicorn, 3 sync workers', position: { x: 300, y: 0 } });
    expect(s.nodes[1]).not.toHaveProperty('description');
  });

  it('renames through the id, so calls and what-if paths follow', () => {
    const s = model();
    const edit = nodeJsonEdit(s, 'service', itemJson({ ...s.nodes[1]!, id: 'api' }));
    const next = applied(s, edit);
    expect(edit.ok && edit.id).toBe('api');
    expect(next.edges[0]).toEqual({ from: 'users', to: 'api' });
    expect(next.whatIf?.vary?.[0]?.path).toBe('nodes.api.replicas');
  });

  it('refuses text that is not JSON, not an object, a taken or malformed id, or a node the editor cannot show', () => {
    const s = model();
    expect(nodeJsonEdit(s, 'service', '{\n  "id": "service",\n  "workers": 3,,\n}')).toEqual({ ok: false, problem: { code: 'syntax', line: 3, column: 16 } });
    expect(nodeJsonEdit(s, 'service', '[1]')).toEqual({ ok: false, problem: { code: 'notObject' } });
    expect(nodeJsonEdit(s, 'service', itemJson({ ...s.nodes[1]!, id: 'users' }))).toEqual({ ok: false, problem: { code: 'idTaken', id: 'users' } });
    expect(nodeJsonEdit(s, 'service', itemJson({ ...s.nodes[1]!, id: 'a b' }))).toEqual({ ok: false, problem: { code: 'idInvalid' } });
    const noKind = nodeJsonEdit(s, 'service', JSON.stringify({ ...s.nodes[1]!, kind: 'lambda' }));
    expect(noKind.ok === false && noKind.problem.code === 'structure' && formatIssue(noKind.problem.issue)).toMatch(/nodes\[1\]\.kind: must be one of/);
  });

  it('applies a misspelt field or a value out of range, which the validator then names, as when a file opens', () => {
    const s = model();
    const misspelt = applied(s, nodeJsonEdit(s, 'service', JSON.stringify({ ...s.nodes[1]!, workrs: 4 })));
    expect(validateScenario(misspelt).nodes.get('service')?.get('')).toMatch(/"workrs".*"workers"/);
    const zero = applied(s, nodeJsonEdit(s, 'service', JSON.stringify({ ...s.nodes[1]!, workers: 0 })));
    expect(validateScenario(zero).nodes.get('service')?.get('workers')).toMatch(/positive integer/);
  });
});

describe('call as JSON', () => {
  it('replaces the call, and refuses an end that names no node', () => {
    const s = model();
    const ok = edgeJsonEdit(s, 0, JSON.stringify({ from: 'users', to: 'service', timeout: 2, retries: { max: 1 } }));
    expect(ok.ok && produce(s, ok.apply).edges[0]).toEqual({ from: 'users', to: 'service', timeout: 2, retries: { max: 1 } });
    expect(edgeJsonEdit(s, 0, JSON.stringify({ from: 'users', to: 'db' }))).toEqual({ ok: false, problem: { code: 'unknownNode', field: 'to', id: 'db' } });
    expect(edgeJsonEdit(s, 0, JSON.stringify({ from: 'users' })).ok).toBe(false);
  });
});
