/**
 * Two kinds of path over a scenario. Override paths (`nodes.api.replicas`,
 * `edges.2.timeout`, `run.duration`) are what people type in `--set`, `--vary`
 * and `whatIf.vary`: nodes are named by id, not by index, because ids survive
 * reordering and indices do not. JSON paths (`nodes[2].workers`) are what the
 * validator prints, pointing at the exact place in the file.
 *
 * Setting never mutates and never validates: callers re-run `parseScenario` on
 * the result, so one set of rules decides what a valid override is.
 */
import type { Scenario } from './schema';
import { issueOf, type FileFinding } from './findingIssue';

export { formatJsonPath } from './jsonPath';

/** Thrown when an override path is malformed or names a node, edge or element that does not exist. */
export class PathError extends Error {
  override name = 'PathError';
  /** The problem as data, for a reader in another language; the message is its English sentence. */
  readonly finding: FileFinding;
  constructor(
    readonly path: string,
    code: string,
    figures: FileFinding['figures'] = {},
  ) {
    const finding = { code, figures };
    super(`${path}: ${issueOf(path, finding).message}`);
    this.finding = finding;
  }
}

/** Edit distance counting a swap of neighbours as one edit (optimal string alignment), for "did you mean" hints. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push(Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const d = (i: number, j: number) => rows[i]?.[j] ?? Infinity;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d(i - 1, j) + 1, d(i, j - 1) + 1, d(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d(i - 2, j - 2) + 1);
      row[j] = best;
    }
  }
  return d(a.length, b.length);
}

/** How far a "did you mean" search looks: words longer than `maxLength` get no hint, and only the first `maxCandidates` candidates are compared. */
export const suggestionLimits = { maxLength: 64, maxCandidates: 2000 } as const;

/**
 * The candidate closest to `word` when it is close enough to be a plausible typo
 * (one edit for short words, up to a third of the length for longer ones), else undefined.
 */
export function nearest(word: string, candidates: Iterable<string>): string | undefined {
  // A hint is for typos in names people type; bounding both sides keeps a hostile file
  // (a 20,000-character id, 10,000 edges to missing nodes) from costing seconds per hint.
  if (word.length > suggestionLimits.maxLength) return undefined;
  const budget = Math.max(1, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  let compared = 0;
  for (const c of candidates) {
    if (compared++ >= suggestionLimits.maxCandidates) break;
    if (Math.abs(c.length - word.length) > budget) continue;
    const d = c.toLowerCase() === word.toLowerCase() ? 0.5 : editDistance(word, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return bestDistance <= budget ? best : undefined;
}

const forbiddenSegments = new Set(['__proto__', 'prototype', 'constructor']);
const fixedRoots = new Set(['format', 'version']);

type Container = Record<string, unknown> | unknown[];

function isContainer(v: unknown): v is Container {
  return typeof v === 'object' && v !== null;
}

function splitPath(path: string): string[] {
  const segments = path.split('.');
  if (path.trim() === '' || segments.some((s) => s === '')) {
    throw new PathError(path, 'pathMalformed');
  }
  for (const s of segments) {
    if (forbiddenSegments.has(s)) throw new PathError(path, 'pathNotAField', { segment: s });
  }
  const root = segments[0] ?? '';
  if (fixedRoots.has(root)) throw new PathError(path, 'pathFixedRoot', { root });
  return segments;
}

function arrayIndex(path: string, seg: string, arr: readonly unknown[], what: string): number {
  if (!/^\d+$/.test(seg)) throw new PathError(path, 'pathIndexNotNumber', { segment: seg, list: what });
  const i = Number(seg);
  if (i >= arr.length) throw new PathError(path, 'pathNoElement', { list: what, index: i, count: arr.length });
  return i;
}

/**
 * Resolves the container holding the last segment of `path`, following node ids for
 * `nodes.<id>` and indices for arrays. With `create`, missing intermediate objects are
 * created (so `slo.p99` works on a file without `slo`); the document must then be a copy.
 */
function locate(doc: Record<string, unknown>, path: string, create: boolean): { parent: Container; key: string | number } | undefined {
  const segments = splitPath(path);
  let cur: unknown = doc;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i] ?? '';
    const last = i === segments.length - 1;
    let key: string | number;
    if (i === 1 && segments[0] === 'nodes') {
      const nodes = Array.isArray(cur) ? cur : [];
      const idx = nodes.findIndex((n) => isContainer(n) && (n as Record<string, unknown>).id === seg);
      if (idx < 0) {
        const ids = nodes.flatMap((n) => (isContainer(n) && typeof (n as Record<string, unknown>).id === 'string' ? [(n as { id: string }).id] : []));
        throw new PathError(path, 'noSuchNode', { id: seg, suggestion: nearest(seg, ids) ?? null });
      }
      if (last) throw new PathError(path, 'pathWholeNode', { id: seg });
      key = idx;
    } else if (Array.isArray(cur)) {
      key = arrayIndex(path, seg, cur, segments[i - 1] ?? 'items');
      if (last) return { parent: cur, key };
    } else {
      key = seg;
      if (last) return { parent: cur as Record<string, unknown>, key };
    }
    const container = cur as Record<string | number, unknown>;
    let next = container[key];
    if (next === undefined) {
      if (!create) return undefined;
      next = {};
      container[key] = next;
    }
    if (!isContainer(next)) {
      throw new PathError(path, 'pathHasNoFields', { prefix: segments.slice(0, i + 1).join('.'), value: JSON.stringify(next) ?? 'undefined' });
    }
    cur = next;
  }
  return undefined;
}

function asRecord(s: Scenario): Record<string, unknown> {
  return s as unknown as Record<string, unknown>;
}

/**
 * Reads the value at an override path (`nodes.api.work.mean`, `edges.0.timeout`,
 * `run.duration`); undefined when the field is not set.
 * @throws PathError when the path is malformed or its node, edge or element does not exist.
 */
export function getPath(s: Scenario, path: string): unknown {
  const at = locate(asRecord(s), path, false);
  if (at === undefined) return undefined;
  return (at.parent as Record<string | number, unknown>)[at.key];
}

function deepCopy<T>(v: T): T {
  if (Array.isArray(v)) return v.map(deepCopy) as T;
  if (isContainer(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = deepCopy(x);
    return out as T;
  }
  return v;
}

/**
 * Returns a deep copy of `s` with the field at `path` set to `value`; `s` is left untouched.
 * Missing intermediate objects are created; `null` removes the field (so
 * `nodes.api.workers=null` means unlimited workers again). The result is not validated.
 * @example setPath(s, 'nodes.api.replicas', 8)
 * @throws PathError when the path is malformed or its node, edge or element does not exist.
 */
export function setPath(s: Scenario, path: string, value: unknown): Scenario {
  const copy = deepCopy(s);
  const at = locate(asRecord(copy), path, true);
  if (at === undefined) throw new PathError(path, 'pathCannotBeSet');
  if (Array.isArray(at.parent)) {
    if (value === null) at.parent.splice(at.key as number, 1);
    else at.parent[at.key as number] = deepCopy(value);
  } else if (value === null) {
    delete at.parent[at.key as string];
  } else {
    at.parent[at.key as string] = deepCopy(value);
  }
  return copy;
}

/**
 * Checks that an override path resolves on `s` without changing anything: the problem
 * when it does not, else undefined. A field that is merely unset is fine.
 */
export function checkPath(s: Scenario, path: string): FileFinding | undefined {
  try {
    const probe = deepCopy(s);
    locate(asRecord(probe), path, true);
    return undefined;
  } catch (e) {
    return e instanceof PathError ? e.finding : { code: 'fileUnreadable', figures: { detail: String(e) } };
  }
}

const numberText = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Reads a command-line value: numbers (`8`, `0.25`, `1e3`), `true`/`false`, `null`,
 * JSON objects, arrays and quoted strings; anything else is the text itself.
 * @throws Error when the text starts like JSON (`{`, `[`) but is not valid JSON.
 */
export function parseCliValue(text: string): unknown {
  const t = text.trim();
  if (numberText.test(t)) return Number(t);
  if (t === 'true') return true;
  if (t === 'false') return false;
  if (t === 'null') return null;
  if (t.startsWith('{') || t.startsWith('[') || t.startsWith('"')) {
    try {
      return JSON.parse(t) as unknown;
    } catch (e) {
      throw new Error(`${JSON.stringify(text)} looks like JSON but is not valid JSON: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
  }
  return text;
}

const replicaPath = /^nodes\.[A-Za-z0-9_-]+\.replicas$/;

/** True for `nodes.<id>.replicas`: sweeps over such a path get a scale-out analysis. */
export function isReplicaPath(path: string): boolean {
  return replicaPath.test(path);
}
