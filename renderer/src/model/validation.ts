/**
 * Validation for the editor: the scenario validator's issues, grouped by the
 * node, edge or setting they point at, so each inspector field can show its own
 * message; and the loader that turns a file's text into a document or a clear
 * reason why not.
 */
import type { Scenario } from '../../../simulation/model/schema';
import { parseScenario, syncCycleIssues, type Issue } from '../../../simulation/model/validate';
import { readScenarioText } from '../../../simulation/model/openable';
import type { Finding, Language } from '../../../simulation/findings/finding';
import { renderFinding, sentenceContext } from '../../../simulation/findings/render';

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

/**
 * Issues that carry a finding, worded in the reader's language (the validator's `message` is
 * English) and in the units the inspector's field shows: a bound on seconds in milliseconds,
 * on a share in percent.
 */
function inLanguage(s: Scenario, issues: Issue[], lang: Language): Issue[] {
  if (!issues.some((i) => i.finding)) return issues;
  const context = sentenceContext(lang, Object.fromEntries(s.nodes.map((n) => [n.id, n.label || n.id])));
  return issues.map((i) => (i.finding ? { ...i, message: renderFinding(inEditorUnits(i.finding), context) } : i));
}

function inEditorUnits(f: Finding): Finding {
  const shown = f.figures.editorUnit;
  return typeof shown === 'string' ? { ...f, figures: { ...f.figures, unit: shown } } : f;
}

export function indexIssues(s: Scenario, issues: Issue[], warnings: Issue[] = [], lang: Language = 'en'): IssueIndex {
  issues = inLanguage(s, issues, lang);
  warnings = inLanguage(s, warnings, lang);
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

export function validateScenario(s: Scenario, lang: Language = 'en'): IssueIndex {
  const r = parseScenario(s);
  if (r.ok) return indexIssues(s, [], r.warnings, lang);
  // Schema problems stop the validator before its checks between fields; a cycle is worth knowing about at once.
  const listed = new Set(r.issues.map((i) => `${i.path}\u0000${i.message}`));
  let cycles: Issue[] = [];
  try {
    cycles = syncCycleIssues(s).filter((i) => !listed.has(`${i.path}\u0000${i.message}`));
  } catch {
    // A document too broken to walk has its schema problems to fix first.
  }
  return indexIssues(s, [...r.issues, ...cycles], [], lang);
}

/** Message for a field: exact path first, then anything under it ("work" shows "work.mean"). */
export function issueFor(map: Map<string, string> | undefined, field: string): string | undefined {
  if (!map) return undefined;
  const exact = map.get(field);
  if (exact !== undefined) return exact;
  for (const [k, v] of map) if (k.startsWith(`${field}.`) || k.startsWith(`${field}[`)) return `${k.slice(field.length + 1) || k}: ${v}`;
  return undefined;
}

export type LoadResult = { ok: true; scenario: Scenario; issues: Issue[] } | { ok: false; issue: Issue };

/**
 * Reads a file's text. A file whose structure the editor can show opens even when
 * some values are invalid (the inspector then points at them); anything else is
 * refused with the reason, and the open document stays as it was.
 */
export function loadScenarioText(text: string): LoadResult {
  const read = readScenarioText(text);
  if (!read.ok) return read;
  const parsed = parseScenario(read.doc);
  return parsed.ok ? { ok: true, scenario: parsed.scenario, issues: [] } : { ok: true, scenario: read.doc as Scenario, issues: parsed.issues };
}
