/**
 * Editing one node or one call as JSON, for the fields the inspector has no control
 * for. Text the editor could not show is refused with the reason and changes
 * nothing; text it can show is applied as one edit even when some values are
 * invalid, and the validator then lists those, as when a file with problems opens.
 */
import { produce, type Draft } from 'immer';
import type { Edge, Scenario, ScenarioNode } from '../../../simulation/model/schema';
import { idPattern } from '../../../simulation/model/schema';
import { readScenarioText } from '../../../simulation/model/openable';
import type { Issue } from '../../../simulation/model/issue';
import { renameNode } from './operations';

export type JsonProblem =
  | { code: 'syntax'; line: number; column: number }
  | { code: 'syntaxAnywhere' }
  | { code: 'notObject' }
  | { code: 'idInvalid' }
  | { code: 'idTaken'; id: string }
  | { code: 'unknownNode'; field: 'from' | 'to'; id: string }
  /** What the editor's file loader says it cannot show (its own words). */
  | { code: 'structure'; issue: Issue };

export type JsonEdit = { ok: true; apply: (d: Draft<Scenario>) => void } | { ok: false; problem: JsonProblem };

export function itemJson(item: ScenarioNode | Edge): string {
  return JSON.stringify(item, null, 2);
}

function parseObject(text: string): { ok: true; value: Record<string, unknown> } | { ok: false; problem: JsonProblem } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    // Engines say where in their own words and language; the position is all we keep.
    const at = /position (\d+)/.exec(e instanceof Error ? e.message : '');
    if (!at) return { ok: false, problem: { code: 'syntaxAnywhere' } };
    const before = text.slice(0, Number(at[1]));
    return { ok: false, problem: { code: 'syntax', line: before.split('\n').length, column: before.length - before.lastIndexOf('\n') } };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, problem: { code: 'notObject' } };
  return { ok: true, value: value as Record<string, unknown> };
}

/** Applies the edit to a copy first: the document only ever receives something the editor can show. */
function checked(s: Scenario, apply: (d: Draft<Scenario>) => void): JsonEdit {
  const next = produce(s, apply);
  const read = readScenarioText(JSON.stringify(next));
  return read.ok ? { ok: true, apply } : { ok: false, problem: { code: 'structure', issue: read.issue } };
}

/** Replaces node `id` by the object in `text`; a changed id renames the node everywhere it is named. */
export function nodeJsonEdit(s: Scenario, id: string, text: string): JsonEdit & { id?: string } {
  const parsed = parseObject(text);
  if (!parsed.ok) return parsed;
  const node = parsed.value as unknown as ScenarioNode;
  const newId = typeof node.id === 'string' ? node.id : id;
  if (newId !== id) {
    if (!idPattern.test(newId)) return { ok: false, problem: { code: 'idInvalid' } };
    if (s.nodes.some((n) => n.id === newId)) return { ok: false, problem: { code: 'idTaken', id: newId } };
  }
  const old = s.nodes.find((n) => n.id === id);
  // Left out, the position stays where the node is on the canvas.
  const replacement = { ...node, id: newId, ...(node.position === undefined && old ? { position: old.position } : {}) };
  const edit = checked(s, (d) => {
    if (newId !== id) renameNode(d, id, newId);
    const i = d.nodes.findIndex((n) => n.id === newId);
    if (i >= 0) d.nodes[i] = replacement as Draft<ScenarioNode>;
  });
  return edit.ok ? { ...edit, id: newId } : edit;
}

/** Replaces the call at `index` by the object in `text`; both ends must name nodes of the model. */
export function edgeJsonEdit(s: Scenario, index: number, text: string): JsonEdit {
  const parsed = parseObject(text);
  if (!parsed.ok) return parsed;
  const edge = parsed.value as unknown as Edge;
  for (const field of ['from', 'to'] as const) {
    const end = edge[field];
    if (typeof end === 'string' && !s.nodes.some((n) => n.id === end)) return { ok: false, problem: { code: 'unknownNode', field, id: end } };
  }
  return checked(s, (d) => {
    d.edges[index] = edge as Draft<Edge>;
  });
}
