/**
 * Edits of the scenario as plain functions over an immer draft, so the canvas,
 * the inspector, the actions and the tests all change the model the same way.
 * Each keeps references consistent: removing or renaming a node updates the
 * edges, faults and what-if entries that name it.
 */
import type { Draft } from 'immer';
import type { Edge, Scenario, ScenarioNode } from '../../../simulation/model/schema';
import { kindOf } from '../../../simulation/model/kinds';
import { edgeKeys } from './edgeKeys';
import { uniqueId } from './newScenario';

type D = Draft<Scenario>;

export function addNode(d: D, node: ScenarioNode): void {
  d.nodes.push(node as Draft<ScenarioNode>);
}

export function moveNodes(d: D, positions: Record<string, { x: number; y: number }>): void {
  for (const n of d.nodes) {
    const p = positions[n.id];
    if (p && (n.position.x !== p.x || n.position.y !== p.y)) n.position = { x: Math.round(p.x), y: Math.round(p.y) };
  }
}

/** Whether a call from → to may be drawn: no self-calls, no calls into a source, no duplicates. */
export function canConnect(s: Scenario, from: string, to: string): boolean {
  if (from === to) return false;
  const target = s.nodes.find((n) => n.id === to);
  if (!target || kindOf(target).source || !s.nodes.some((n) => n.id === from)) return false;
  return !s.edges.some((e) => e.from === from && e.to === to);
}

export function connect(d: D, from: string, to: string): boolean {
  if (!canConnect(d as Scenario, from, to)) return false;
  const target = d.nodes.find((n) => n.id === to)!;
  const edge: Edge = { from, to };
  // Producers hand messages to a broker and go on.
  if (kindOf(target).broker) edge.mode = 'async';
  // Keep the caller's calls together, in the order they were drawn.
  let at = d.edges.length;
  for (let i = d.edges.length - 1; i >= 0; i--) {
    if (d.edges[i]!.from === from) {
      at = i + 1;
      break;
    }
  }
  d.edges.splice(at, 0, edge);
  return true;
}

export function deleteItems(d: D, nodeIds: readonly string[], keys: readonly string[]): void {
  const gone = new Set(nodeIds);
  const keyOf = edgeKeys(d.edges as Edge[]);
  const dropKeys = new Set(keys);
  d.edges = d.edges.filter((e, i) => !dropKeys.has(keyOf[i]!) && !gone.has(e.from) && !gone.has(e.to));
  d.nodes = d.nodes.filter((n) => !gone.has(n.id));
  if (d.faults) {
    d.faults = d.faults.filter((f) => !gone.has(f.node));
    if (d.faults.length === 0) delete d.faults;
  }
  if (d.whatIf?.vary) d.whatIf.vary = d.whatIf.vary.filter((v) => ![...gone].some((id) => v.path.startsWith(`nodes.${id}.`)));
}

export function renameNode(d: D, from: string, to: string): boolean {
  if (from === to || d.nodes.some((n) => n.id === to)) return false;
  const node = d.nodes.find((n) => n.id === from);
  if (!node) return false;
  node.id = to;
  for (const e of d.edges) {
    if (e.from === from) e.from = to;
    if (e.to === from) e.to = to;
  }
  for (const f of d.faults ?? []) if (f.node === from) f.node = to;
  for (const v of d.whatIf?.vary ?? []) if (v.path.startsWith(`nodes.${from}.`)) v.path = `nodes.${to}.${v.path.slice(`nodes.${from}.`.length)}`;
  if (d.whatIf?.load?.source === from) d.whatIf.load.source = to;
  if (d.whatIf?.plan) d.whatIf.plan.nodes = d.whatIf.plan.nodes.map((n) => (n === from ? to : n));
  return true;
}

/** Copies the selected nodes and the edges between them. */
export function copyItems(s: Scenario, nodeIds: readonly string[]): { nodes: ScenarioNode[]; edges: Edge[] } {
  const ids = new Set(nodeIds);
  return {
    nodes: structuredClone(s.nodes.filter((n) => ids.has(n.id))),
    edges: structuredClone(s.edges.filter((e) => ids.has(e.from) && ids.has(e.to))),
  };
}

/** Pastes with fresh ids and an offset; returns the new ids. */
export function pasteItems(d: D, clip: { nodes: ScenarioNode[]; edges: Edge[] }, offset: { x: number; y: number }): string[] {
  const taken = new Set(d.nodes.map((n) => n.id));
  const map = new Map<string, string>();
  for (const n of clip.nodes) {
    const id = uniqueId(n.id, taken);
    taken.add(id);
    map.set(n.id, id);
    const copy = structuredClone(n);
    copy.id = id;
    copy.position = { x: n.position.x + offset.x, y: n.position.y + offset.y };
    d.nodes.push(copy as Draft<ScenarioNode>);
  }
  for (const e of clip.edges) {
    const from = map.get(e.from);
    const to = map.get(e.to);
    if (from && to) d.edges.push({ ...structuredClone(e), from, to } as Draft<Edge>);
  }
  return [...map.values()];
}

/** Moves an edge up or down among its caller's calls (the call order). */
export function reorderCall(d: D, index: number, direction: -1 | 1): number {
  const edge = d.edges[index];
  if (!edge) return index;
  for (let j = index + direction; j >= 0 && j < d.edges.length; j += direction) {
    if (d.edges[j]!.from === edge.from) {
      const other = d.edges[j]!;
      d.edges[j] = edge;
      d.edges[index] = other;
      return j;
    }
  }
  return index;
}

/** Sets a nested field of a node, creating parents; undefined deletes the field. */
export function setNodeField(d: D, id: string, path: readonly string[], value: unknown): void {
  const node = d.nodes.find((n) => n.id === id) as Record<string, unknown> | undefined;
  if (node) setIn(node, path, value);
}

export function setIn(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let obj = target;
  for (const key of path.slice(0, -1)) {
    if (typeof obj[key] !== 'object' || obj[key] === null) obj[key] = {};
    obj = obj[key] as Record<string, unknown>;
  }
  const last = path[path.length - 1]!;
  if (value === undefined) delete obj[last];
  else obj[last] = value;
}

/** Renames a request class everywhere it is named: mixes, per-class maps, edge filters, database writes. */
export function renameClass(d: D, from: string, to: string): boolean {
  if (from === to || !d.classes || d.classes.some((c) => c.id === to)) return false;
  const cls = d.classes.find((c) => c.id === from);
  if (!cls) return false;
  cls.id = to;
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (typeof v !== 'object' || v === null) return;
    const o = v as Record<string, unknown>;
    for (const mapKey of ['byClass', 'mix']) {
      const m = o[mapKey] as Record<string, unknown> | undefined;
      if (m && typeof m === 'object' && from in m) {
        m[to] = m[from];
        delete m[from];
      }
    }
    for (const listKey of ['classes', 'writes']) {
      const l = o[listKey];
      if (Array.isArray(l)) o[listKey] = l.map((x) => (x === from ? to : x));
    }
    for (const [k, x] of Object.entries(o)) if (k !== 'classes' || !Array.isArray(x) || typeof x[0] !== 'object') walk(x);
  };
  walk(d.nodes);
  walk(d.edges);
  return true;
}

/** Removes a request class and every reference to it. */
export function removeClass(d: D, id: string): void {
  if (!d.classes) return;
  d.classes = d.classes.filter((c) => c.id !== id);
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (typeof v !== 'object' || v === null) return;
    const o = v as Record<string, unknown>;
    for (const mapKey of ['byClass', 'mix']) {
      const m = o[mapKey] as Record<string, unknown> | undefined;
      if (m && typeof m === 'object') delete m[id];
    }
    for (const listKey of ['classes', 'writes']) {
      const l = o[listKey];
      if (Array.isArray(l) && l.every((x) => typeof x === 'string')) {
        const next = l.filter((x) => x !== id);
        if (next.length) o[listKey] = next;
        else delete o[listKey];
      }
    }
    Object.values(o).forEach(walk);
  };
  walk(d.nodes);
  walk(d.edges);
  if (d.classes.length === 0) delete d.classes;
}
