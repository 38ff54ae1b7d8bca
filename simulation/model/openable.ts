/**
 * Whether a file's text can be opened in the editor at all: valid JSON, migrated to
 * the current version, with the structure the editor needs to show it (nodes with
 * ids, kinds and positions, edges between ids, run settings). Values may still be
 * invalid; the editor then lists them. The desktop host asks the same question
 * before it lists a file among the recent ones.
 */
import { knownKind } from './kinds';
import { issueOf, type FileFinding } from './findingIssue';
import type { Issue } from './issue';
import { migrate } from './migrate';
import { nodeKinds } from './schema';

/** Failure: the reason, worded by `formatIssue` or, for a reader in another language, `formatIssueIn`. */
export type ReadOutcome = { ok: true; doc: unknown } | { ok: false; issue: Issue };

const refused = (issue: Issue): ReadOutcome => ({ ok: false, issue });

/** The migrated document, or the reason the editor cannot show it. */
export function readScenarioText(text: string): ReadOutcome {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return refused(issueOf('', jsonProblem(text, e)));
  }
  const m = migrate(raw);
  const first = m.issues[0];
  if (first !== undefined) return refused(first);
  const structural = structuralProblem(m.doc);
  return structural ? refused(issueOf(structural.path, structural)) : { ok: true, doc: m.doc };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What a JSON syntax error's sentence quotes: the parser's (English) detail, and the line, the column and a cut-off end, which every language can say. */
export function jsonSyntaxFigures(text: string, error: unknown): FileFinding['figures'] {
  // Newer V8 ends its message with "(line 3 column 7)"; the sentence says where itself.
  const detail = (error instanceof Error ? error.message : String(error)).replace(/\s*\(line \d+ column \d+\)$/, '');
  const truncated = /end of JSON input|Unterminated string/i.test(detail);
  const at = /position (\d+)/.exec(detail);
  // A file cut off ends mid-value: the place to look is its end, which the parser does not name.
  if (!at && !truncated) return { detail, truncated };
  const pos = at ? Number(at[1]) : text.length;
  const before = text.slice(0, pos);
  return { detail, truncated, line: before.split('\n').length, column: pos - before.lastIndexOf('\n') };
}

function jsonProblem(text: string, error: unknown): FileFinding {
  return { code: 'openNotJson', figures: jsonSyntaxFigures(text, error) };
}

type Structural = FileFinding & { path: string };

function structuralProblem(doc: unknown): Structural | null {
  const at = (path: string, code: string, figures: FileFinding['figures'] = {}): Structural => ({ path, code, figures });
  if (!isObject(doc)) return at('', 'openNotScenario');
  if (!Array.isArray(doc.nodes)) return at('nodes', 'openNeedsList', { list: 'nodes' });
  if (!Array.isArray(doc.edges)) return at('edges', 'openNeedsList', { list: 'edges' });
  if (!isObject(doc.run)) return at('run', 'openNeedsRun');
  const ids = new Set<string>();
  for (const [i, n] of doc.nodes.entries()) {
    if (!isObject(n)) return at(`nodes[${i}]`, 'wrongType', { types: 'object' });
    if (typeof n.id !== 'string') return at(`nodes[${i}].id`, 'mustBeString');
    if (ids.has(n.id)) return at(`nodes[${i}].id`, 'openIdTwice', { id: n.id });
    ids.add(n.id);
    if (!(nodeKinds as readonly string[]).includes(n.kind as string)) return at(`nodes[${i}].kind`, 'notOneOf', { options: nodeKinds.map((k) => `"${k}"`).join(', ') });
    if (!isObject(n.position) || typeof n.position.x !== 'number' || typeof n.position.y !== 'number') return at(`nodes[${i}].position`, 'openBadPosition');
    if (knownKind(n.kind as string)?.source === true && !isObject(n.arrival)) return at(`nodes[${i}].arrival`, 'openSourceNeedsArrival');
  }
  for (const [i, e] of doc.edges.entries()) {
    if (!isObject(e) || typeof e.from !== 'string' || typeof e.to !== 'string') return at(`edges[${i}]`, 'openBadEdge');
  }
  return null;
}
