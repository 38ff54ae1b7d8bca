/**
 * Whether a file's text can be opened in the editor at all: valid JSON, migrated to
 * the current version, with the structure the editor needs to show it (nodes with
 * ids, kinds and positions, edges between ids, run settings). Values may still be
 * invalid; the editor then lists them. The desktop host asks the same question
 * before it lists a file among the recent ones.
 */
import { migrate } from './migrate';
import { nodeKinds } from './schema';

export type ReadOutcome = { ok: true; doc: unknown } | { ok: false; problem: string };

/** The migrated document, or the reason the editor cannot show it. */
export function readScenarioText(text: string): ReadOutcome {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, problem: jsonProblem(text, e) };
  }
  const m = migrate(raw);
  if (m.issues.length) return { ok: false, problem: m.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ') };
  const structural = structuralProblem(m.doc);
  return structural ? { ok: false, problem: structural } : { ok: true, doc: m.doc };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function jsonProblem(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const at = /position (\d+)/.exec(message);
  if (at) {
    const pos = Number(at[1]);
    const before = text.slice(0, pos);
    const line = before.split('\n').length;
    const column = pos - before.lastIndexOf('\n');
    return `not valid JSON (line ${line}, column ${column}): ${message}`;
  }
  return `not valid JSON: ${message}`;
}

function structuralProblem(doc: unknown): string | null {
  if (!isObject(doc)) return 'not a scenario object';
  if (!Array.isArray(doc.nodes)) return 'nodes: must be a list of nodes';
  if (!Array.isArray(doc.edges)) return 'edges: must be a list of calls';
  if (!isObject(doc.run)) return 'run: must be an object with the run settings';
  const ids = new Set<string>();
  for (const [i, n] of doc.nodes.entries()) {
    if (!isObject(n)) return `nodes[${i}]: must be an object`;
    if (typeof n.id !== 'string') return `nodes[${i}].id: must be a string`;
    if (ids.has(n.id)) return `nodes[${i}].id: "${n.id}" is used twice`;
    ids.add(n.id);
    if (!(nodeKinds as readonly string[]).includes(n.kind as string)) return `nodes[${i}].kind: must be one of ${nodeKinds.join(', ')}`;
    if (!isObject(n.position) || typeof n.position.x !== 'number' || typeof n.position.y !== 'number') return `nodes[${i}].position: must be {"x": number, "y": number}`;
    if (n.kind === 'source' && !isObject(n.arrival)) return `nodes[${i}].arrival: a source needs an arrival process`;
  }
  for (const [i, e] of doc.edges.entries()) {
    if (!isObject(e) || typeof e.from !== 'string' || typeof e.to !== 'string') return `edges[${i}]: must be {"from": id, "to": id, …}`;
  }
  return null;
}
