/**
 * The validator's quick fixes applied to the document: each is one edit of the
 * draft, so the editor makes it one undo step.
 */
import type { Draft } from 'immer';
import type { Scenario } from '../../../simulation/model/schema';
import type { Issue, QuickFix } from '../../../simulation/model/validate';
import { deleteItems } from './operations';
import { edgeKeys } from './edgeKeys';

/** Splits a JSON path as the validator writes it (`nodes[2].work.mean`, `a["odd key"]`) into keys and indices. */
export function jsonPathSegments(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  const re = /\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|\.?([^.[\]]+)/g;
  for (let m = re.exec(path); m !== null; m = re.exec(path)) {
    if (m[1] !== undefined) out.push(Number(m[1]));
    else if (m[2] !== undefined) out.push(JSON.parse(m[2]) as string);
    else if (m[3] !== undefined) out.push(m[3]);
  }
  return out;
}

function containerAt(root: unknown, segments: readonly (string | number)[]): Record<string | number, unknown> | undefined {
  let cur: unknown = root;
  for (const seg of segments) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return typeof cur === 'object' && cur !== null ? (cur as Record<string | number, unknown>) : undefined;
}

/** Applies the issue's fix to the draft; false when there is none or the document no longer has what it names. */
export function applyQuickFix(d: Draft<Scenario>, issue: Issue): boolean {
  const fix = issue.fix;
  if (!fix) return false;
  const segments = jsonPathSegments(issue.path);
  switch (fix.kind) {
    case 'renameField': {
      const obj = containerAt(d, segments);
      if (!obj || !(fix.from in obj) || fix.to in obj) return false;
      // Rebuilt in the same order, so the renamed field stays where the author wrote it.
      const entries = Object.entries(obj).map(([k, v]) => [k === fix.from ? fix.to : k, v] as const);
      for (const k of Object.keys(obj)) delete obj[k];
      for (const [k, v] of entries) obj[k] = v;
      return true;
    }
    case 'setValue': {
      const parent = containerAt(d, segments.slice(0, -1));
      const last = segments[segments.length - 1];
      if (!parent || last === undefined) return false;
      parent[last] = fix.value;
      return true;
    }
    case 'removeEdge': {
      const key = edgeKeys(d.edges as Scenario['edges'])[fix.edge];
      if (key === undefined) return false;
      deleteItems(d, [], [key]);
      return true;
    }
  }
}

/** The i18n key and values that describe a fix to the user. */
export function quickFixText(fix: QuickFix): { key: string; values: Record<string, string | number> } {
  switch (fix.kind) {
    case 'renameField':
      return { key: 'quickFix.rename', values: { from: fix.from, to: fix.to } };
    case 'setValue':
      return { key: 'quickFix.setValue', values: { value: String(fix.value) } };
    case 'removeEdge':
      return { key: 'quickFix.removeEdge', values: {} };
  }
}
