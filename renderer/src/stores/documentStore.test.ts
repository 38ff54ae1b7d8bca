/** Undo/redo of every kind of edit, one step per gesture, and dirty tracking. */
import { describe, expect, it } from 'vitest';
import { createStores } from './context';
import { isDirty } from './documentStore';
import { emptyScenario } from '../model/newScenario';
import { newNode } from '../kinds';
import { addNode, connect, copyItems, deleteItems, moveNodes, pasteItems, renameNode, reorderCall, setNodeField, renameClass, removeClass } from '../model/operations';
import { edgeKeys } from '../model/edgeKeys';

function setup() {
  const stores = createStores(emptyScenario());
  const doc = () => stores.document.getState();
  const add = (kind: Parameters<typeof newNode>[0], x = 0) => {
    const node = newNode(kind, { x, y: 0 }, new Set(doc().scenario.nodes.map((n) => n.id)), kind);
    doc().edit((d) => addNode(d, node));
    return node.id;
  };
  return { stores, doc, add };
}

describe('document store', () => {
  it('undoes and redoes adding nodes', () => {
    const { doc, add } = setup();
    add('source');
    add('service', 200);
    expect(doc().scenario.nodes.map((n) => n.id)).toEqual(['users', 'service']);
    doc().undo();
    expect(doc().scenario.nodes.map((n) => n.id)).toEqual(['users']);
    doc().redo();
    expect(doc().scenario.nodes.map((n) => n.id)).toEqual(['users', 'service']);
  });

  it('a drag of many position changes is one undo step', () => {
    const { doc, add } = setup();
    const id = add('service');
    doc().beginGesture();
    for (let i = 1; i <= 20; i++) doc().edit((d) => moveNodes(d, { [id]: { x: i * 5, y: i } }));
    doc().endGesture();
    expect(doc().scenario.nodes[0]!.position).toEqual({ x: 100, y: 20 });
    expect(doc().past).toHaveLength(2);
    doc().undo();
    expect(doc().scenario.nodes[0]!.position).toEqual({ x: 0, y: 0 });
    doc().redo();
    expect(doc().scenario.nodes[0]!.position).toEqual({ x: 100, y: 20 });
  });

  it('typing into one field is one step; another field starts a new one', () => {
    const { doc, add } = setup();
    const id = add('service');
    for (const v of [1, 12, 120]) doc().edit((d) => setNodeField(d, id, ['workers'], v), { key: `field:${id}:workers` });
    doc().edit((d) => setNodeField(d, id, ['cpus'], 2), { key: `field:${id}:cpus` });
    expect(doc().past).toHaveLength(3);
    doc().undo();
    expect(doc().scenario.nodes[0]).toMatchObject({ workers: 120 });
    doc().undo();
    expect(doc().scenario.nodes[0]).toMatchObject({ workers: 8 });
  });

  it('undoes connecting, keeping a caller’s calls together in drawing order', () => {
    const { doc, add } = setup();
    add('source');
    add('service');
    add('cache');
    add('database');
    doc().edit((d) => void connect(d, 'users', 'service'));
    doc().edit((d) => void connect(d, 'service', 'cache'));
    doc().edit((d) => void connect(d, 'cache', 'db'));
    doc().edit((d) => void connect(d, 'service', 'db'));
    expect(doc().scenario.edges.map((e) => `${e.from}>${e.to}`)).toEqual(['users>service', 'service>cache', 'service>db', 'cache>db']);
    expect(doc().edit((d) => void connect(d, 'service', 'cache'))).toBe(false);
    expect(doc().edit((d) => void connect(d, 'service', 'users'))).toBe(false);
    doc().undo();
    expect(doc().scenario.edges).toHaveLength(3);
    doc().edit((d) => void reorderCall(d, 1, 1));
    expect(doc().scenario.edges.map((e) => `${e.from}>${e.to}`)).toEqual(['users>service', 'service>cache', 'cache>db']);
  });

  it('queue targets get async calls', () => {
    const { doc, add } = setup();
    add('service');
    add('queue');
    doc().edit((d) => void connect(d, 'service', 'queue'));
    expect(doc().scenario.edges[0]!.mode).toBe('async');
  });

  it('deleting a node removes its calls and faults; undo brings all back', () => {
    const { doc, add } = setup();
    add('source');
    add('service');
    doc().edit((d) => void connect(d, 'users', 'service'));
    doc().edit((d) => void (d.faults = [{ node: 'service', at: 10, for: 5 }]));
    doc().edit((d) => deleteItems(d, ['service'], []));
    expect(doc().scenario.nodes).toHaveLength(1);
    expect(doc().scenario.edges).toHaveLength(0);
    expect(doc().scenario.faults).toBeUndefined();
    doc().undo();
    expect(doc().scenario.nodes).toHaveLength(2);
    expect(doc().scenario.edges).toHaveLength(1);
    expect(doc().scenario.faults).toHaveLength(1);
  });

  it('deletes a selected edge by key', () => {
    const { doc, add } = setup();
    add('source');
    add('service');
    doc().edit((d) => void connect(d, 'users', 'service'));
    const key = edgeKeys(doc().scenario.edges)[0]!;
    expect(key).toBe('users->service');
    doc().edit((d) => deleteItems(d, [], [key]));
    expect(doc().scenario.edges).toHaveLength(0);
    doc().undo();
    expect(doc().scenario.edges).toHaveLength(1);
  });

  it('paste gives new ids, keeps inner calls, and undoes in one step', () => {
    const { doc, add } = setup();
    add('service');
    add('database');
    doc().edit((d) => void connect(d, 'service', 'db'));
    const clip = copyItems(doc().scenario, ['service', 'db']);
    let ids: string[] = [];
    doc().edit((d) => {
      ids = pasteItems(d, clip, { x: 40, y: 40 });
    });
    expect(ids).toEqual(['service-2', 'db-2']);
    expect(doc().scenario.edges.map((e) => `${e.from}>${e.to}`)).toEqual(['service>db', 'service-2>db-2']);
    expect(doc().scenario.nodes.find((n) => n.id === 'db-2')!.position).toEqual({ x: 40, y: 40 });
    doc().undo();
    expect(doc().scenario.nodes).toHaveLength(2);
  });

  it('renaming a node updates calls, faults and what-if paths', () => {
    const { doc, add } = setup();
    add('source');
    add('service');
    doc().edit((d) => void connect(d, 'users', 'service'));
    doc().edit((d) => {
      d.faults = [{ node: 'service', at: 1, for: 1 }];
      d.whatIf = { vary: [{ path: 'nodes.service.replicas', values: [1, 2] }], load: { source: 'users', find: 'max' } };
    });
    expect(doc().edit((d) => void renameNode(d, 'service', 'api'))).toBe(true);
    const s = doc().scenario;
    expect(s.edges[0]!.to).toBe('api');
    expect(s.faults![0]!.node).toBe('api');
    expect(s.whatIf!.vary![0]!.path).toBe('nodes.api.replicas');
    expect(doc().edit((d) => void renameNode(d, 'api', 'users'))).toBe(false);
  });

  it('renames and removes request classes everywhere', () => {
    const { doc, add } = setup();
    add('source');
    add('database');
    doc().edit((d) => {
      d.classes = [{ id: 'read' }, { id: 'write' }];
      const src = d.nodes[0]!;
      if (src.kind === 'source') src.mix = { read: 0.8, write: 0.2 };
      const db = d.nodes[1]!;
      if (db.kind === 'database') {
        db.writes = ['write'];
        db.latency = { byClass: { write: { dist: 'constant', value: 0.01 } }, default: { dist: 'constant', value: 0.001 } };
      }
      d.edges.push({ from: 'users', to: 'db', classes: ['write'] });
    });
    doc().edit((d) => void renameClass(d, 'write', 'put'));
    let s = doc().scenario;
    expect(s.nodes[0]).toMatchObject({ mix: { read: 0.8, put: 0.2 } });
    expect(s.nodes[1]).toMatchObject({ writes: ['put'], latency: { byClass: { put: { dist: 'constant', value: 0.01 } } } });
    expect(s.edges[0]!.classes).toEqual(['put']);
    doc().edit((d) => removeClass(d, 'put'));
    s = doc().scenario;
    expect(s.nodes[0]).toMatchObject({ mix: { read: 0.8 } });
    expect(s.nodes[1]).not.toHaveProperty('writes');
    expect(s.edges[0]).not.toHaveProperty('classes');
  });

  it('tracks dirty state against the saved state, through undo and redo', () => {
    const { doc, add } = setup();
    expect(isDirty(doc())).toBe(false);
    add('service');
    expect(isDirty(doc())).toBe(true);
    doc().markSaved('a.headroom.json', 'h1');
    expect(isDirty(doc())).toBe(false);
    add('cache');
    expect(isDirty(doc())).toBe(true);
    doc().undo();
    expect(isDirty(doc())).toBe(false);
    doc().undo();
    expect(isDirty(doc())).toBe(true);
    doc().redo();
    expect(isDirty(doc())).toBe(false);
    doc().load(emptyScenario(), { fileName: 'b', handle: null, dirty: true });
    expect(isDirty(doc())).toBe(true);
    expect(doc().past).toHaveLength(0);
  });

  it('an edit that changes nothing is not a step', () => {
    const { doc, add } = setup();
    const id = add('service');
    expect(doc().edit((d) => moveNodes(d, { [id]: { x: 0, y: 0 } }))).toBe(false);
    expect(doc().past).toHaveLength(1);
  });
});

describe('runs store: stale results', () => {
  it('marks results stale when the model changes, not when a node only moves', async () => {
    const { stores, doc, add } = setup();
    const id = add('service');
    const runs = () => stores.runs.getState();
    runs().start(doc().scenario);
    runs().finished({ summary: {} } as never);
    expect(runs().stale).toBe(false);
    doc().edit((d) => moveNodes(d, { [id]: { x: 50, y: 50 } }));
    doc().edit((d) => setNodeField(d, id, ['label'], 'API'));
    expect(runs().stale).toBe(false);
    doc().edit((d) => setNodeField(d, id, ['workers'], 3));
    expect(runs().stale).toBe(true);
    doc().undo();
    expect(runs().stale).toBe(false);
  });

  it('a result that arrives after the model changed is stale at once', () => {
    const { stores, doc, add } = setup();
    const id = add('service');
    stores.runs.getState().start(doc().scenario);
    doc().edit((d) => setNodeField(d, id, ['workers'], 3));
    stores.runs.getState().finished({ summary: {} } as never);
    expect(stores.runs.getState().stale).toBe(true);
  });
});
