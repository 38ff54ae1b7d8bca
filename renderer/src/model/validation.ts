/**
 * Validation for the editor: the scenario validator's issues, grouped by the
 * node, edge or setting they point at, so each inspector field can show its own
 * message; and the loader that turns a file's text into a document or a clear
 * reason why not.
 */
import type { Scenario } from '../../../simulation/model/schema';
import { parseScenario, syncCycleIssues, type Issue } from '../../../simulation/model/validate';
import { migrate } from '../../../simulation/model/migrate';
import { nodeKinds } from '../../../simulation/model/schema';

export type { Issue };

export interface IssueIndex {
  all: Issue[];
  warnings: Issue[];
  /** Issues by node id, keyed by the field path inside the node ("workers", "work.mean"). */
  nodes: Map<string, Map<string, string>>;
  /** Issues by edge index, keyed by field path inside the edge. */
  edges: Map<number, Map<string, string>>;
  /** Issues elsewhere, keyed by their full path ("run.duration", "slo.p99"). */
  other: Map<string, string>;
  /** Messages of the issues that only say a part is not connected yet, shown softly while the user builds. */
  unconnected: Set<string>;
}

const nodePath = /^nodes\[(\d+)\](?:\.(.*))?$/;
const edgePath = /^edges\[(\d+)\](?:\.(.*))?$/;

export function indexIssues(s: Scenario, issues: Issue[], warnings: Issue[] = []): IssueIndex {
  const index: IssueIndex = { all: issues, warnings, nodes: new Map(), edges: new Map(), other: new Map(), unconnected: new Set() };
  for (const issue of [...issues, ...warnings]) {
    if (issue.unconnected) index.unconnected.add(issue.message);
    const n = nodePath.exec(issue.path);
    if (n) {
      const id = s.nodes[Number(n[1])]?.id ?? `#${n[1]}`;
      const m = index.nodes.get(id) ?? new Map<string, string>();
      const field = n[2] ?? '';
      if (!m.has(field)) m.set(field, issue.message);
      index.nodes.set(id, m);
      continue;
    }
    const e = edgePath.exec(issue.path);
    if (e) {
      const i = Number(e[1]);
      const m = index.edges.get(i) ?? new Map<string, string>();
      const field = e[2] ?? '';
      if (!m.has(field)) m.set(field, issue.message);
      index.edges.set(i, m);
      continue;
    }
    if (!index.other.has(issue.path)) index.other.set(issue.path, issue.message);
  }
  return index;
}

export function validateScenario(s: Scenario): IssueIndex {
  const r = parseScenario(s);
  if (r.ok) return indexIssues(s, [], r.warnings);
  // Schema problems stop the validator before its checks between fields; a cycle is worth knowing about at once.
  const listed = new Set(r.issues.map((i) => `${i.path}\u0000${i.message}`));
  let cycles: Issue[] = [];
  try {
    cycles = syncCycleIssues(s).filter((i) => !listed.has(`${i.path}\u0000${i.message}`));
  } catch {
    // A document too broken to walk has its schema problems to fix first.
  }
  return indexIssues(s, [...r.issues, ...cycles]);
}

/** Message for a field: exact path first, then anything under it ("work" shows "work.mean"). */
export function issueFor(map: Map<string, string> | undefined, field: string): string | undefined {
  if (!map) return undefined;
  const exact = map.get(field);
  if (exact !== undefined) return exact;
  for (const [k, v] of map) if (k.startsWith(`${field}.`) || k.startsWith(`${field}[`)) return `${k.slice(field.length + 1) || k}: ${v}`;
  return undefined;
}

export type LoadResult = { ok: true; scenario: Scenario; issues: Issue[] } | { ok: false; problem: string };

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

/**
 * Reads a file's text. A file whose structure the editor can show opens even when
 * some values are invalid (the inspector then points at them); anything else is
 * refused with the reason, and the open document stays as it was.
 */
export function loadScenarioText(text: string): LoadResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, problem: jsonProblem(text, e) };
  }
  const parsed = parseScenario(raw);
  if (parsed.ok) return { ok: true, scenario: parsed.scenario, issues: [] };
  const m = migrate(raw);
  if (m.issues.length) return { ok: false, problem: m.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ') };
  const doc = m.doc;
  const structural = structuralProblem(doc);
  if (structural) return { ok: false, problem: structural };
  return { ok: true, scenario: doc as Scenario, issues: parsed.issues };
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
