/**
 * What-if sweeps as the editor sees them: the unit a varied field is typed in
 * (the inspector's: ms, %, req/s), values typed as a list or a from–to–step range
 * in that unit, values to start from when the user picks a field, applying one
 * point of a sweep to the document, and what differs between two configurations.
 * The file keeps seconds and fractions; everything here converts at the edge.
 */
import type { Draft } from 'immer';
import type { Scenario } from '../../../simulation/model/schema';
import type { VaryValue } from '../../../simulation/model/result';
import { getPath } from '../../../simulation/model/paths';
import { fromDisplay, toDisplay, type Unit } from './units';
import { setIn, setNodeField } from './operations';

export interface VaryField {
  unit: Unit;
  integer: boolean;
}

/** Display unit of a varied path, matching the inspector field it comes from. */
export function varyField(path: string): VaryField {
  if (/\.arrival\.(rate|burstRate)$|\.rateLimit\.rate$/.test(path)) return { unit: 'rps', integer: false };
  if (/\.(hitRatio|shardSkew|targetUtilization)(\.default|\.byClass\.[^.]+)?$|\.circuitBreaker\.errorRate$/.test(path)) return { unit: 'percent', integer: false };
  // Checked before the integer fields: a uniform distribution's min and max are times.
  if (/\.(latency|work|thinkTime)(\.default|\.byClass\.[^.]+)?\.(mean|value|min|max)$/.test(path) || /\.(timeout|backoff)$/.test(path)) return { unit: 'ms', integer: false };
  if (/^run\.(duration|warmup)$|\.(burstEvery|burstLength|interval|startup|cooldown|window|openFor|at|for)$/.test(path)) return { unit: 's', integer: false };
  if (/\.(replicas|workers|cpus|queue|shards|capacity|pool|users|minCalls|min|max)$/.test(path) || /^run\.(replications|seed)$/.test(path)) return { unit: 'plain', integer: true };
  return { unit: 'plain', integer: false };
}

/** Rounds away binary noise so 0.1 + 0.2 steps read 0.3, not 0.30000000000000004. */
const clean = (x: number, digits = 12) => Number(x.toPrecision(digits));

/** Upper bound on a range's length: a sweep point is a whole simulation (or a capacity search). */
export const maxRangePoints = 50;

export type RangeError = 'notNumbers' | 'step' | 'order' | 'tooMany' | 'whole';

/** Expands from–to–step, typed in display units, into file values; `to` is included when the steps land on it. */
export function expandRange(from: number, to: number, step: number, field: VaryField): { ok: true; values: number[] } | { ok: false; error: RangeError } {
  if (![from, to, step].every(Number.isFinite)) return { ok: false, error: 'notNumbers' };
  if (step <= 0) return { ok: false, error: 'step' };
  if (to < from) return { ok: false, error: 'order' };
  const count = Math.floor((to - from) / step + 1e-9) + 1;
  if (count > maxRangePoints) return { ok: false, error: 'tooMany' };
  const shown = Array.from({ length: count }, (_, i) => clean(from + i * step));
  if (field.integer && shown.some((v) => !Number.isInteger(v))) return { ok: false, error: 'whole' };
  return { ok: true, values: shown.map((v) => fromDisplay(v, field.unit)) };
}

/** The from–to–step a list of values was made from, in display units, when it is evenly spaced (3 values or more). */
export function inferRange(values: readonly VaryValue[], field: VaryField): { from: number; to: number; step: number } | null {
  if (values.length < 3 || !values.every((v) => typeof v === 'number')) return null;
  const shown = (values as number[]).map((v) => toDisplay(v, field.unit));
  const step = clean(shown[1]! - shown[0]!);
  if (!(step > 0)) return null;
  for (let i = 1; i < shown.length; i++) if (Math.abs(shown[i]! - shown[i - 1]! - step) > 1e-9 * Math.max(1, Math.abs(step))) return null;
  return { from: shown[0]!, to: shown[shown.length - 1]!, step };
}

/**
 * Reads a typed list ("1, 2, 4, 8" or "50 100 200") in display units. Numbers are
 * required for numeric fields; other fields take true/false and words (a balance policy).
 */
export function parseValueList(text: string, field: VaryField, numeric: boolean): { ok: true; values: VaryValue[] } | { ok: false; bad: string } {
  const tokens = text
    .split(/[,;\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (tokens.length === 0) return { ok: false, bad: '' };
  const values: VaryValue[] = [];
  for (const token of tokens) {
    const n = Number(token);
    if (token !== '' && Number.isFinite(n)) {
      if (field.integer && !Number.isInteger(n)) return { ok: false, bad: token };
      values.push(fromDisplay(n, field.unit));
    } else if (numeric) return { ok: false, bad: token };
    else values.push(token === 'true' ? true : token === 'false' ? false : token);
  }
  return { ok: true, values };
}

export function displayValue(value: VaryValue, field: VaryField): string {
  return typeof value === 'number' ? String(toDisplay(value, field.unit)) : String(value);
}

export function formatValueList(values: readonly VaryValue[], field: VaryField): string {
  return values.map((v) => displayValue(v, field)).join(', ');
}

function currentValue(s: Scenario, path: string): unknown {
  try {
    return getPath(s, path);
  } catch {
    return undefined;
  }
}

const round3 = (x: number) => clean(x, 3);

/**
 * Values to start a new sweep of `path` from, around what the model has now: a
 * 1…N range for counts (the shape a scale-out analysis wants), half to double for
 * rates and times, the usual band for ratios.
 */
export function suggestValues(s: Scenario, path: string): VaryValue[] {
  const field = varyField(path);
  const now = currentValue(s, path);
  if (now !== undefined && typeof now !== 'number') return typeof now === 'string' || typeof now === 'boolean' ? [now] : [1, 2, 4];
  if (field.integer) {
    const c = now ?? 1;
    const to = Math.max(4, 2 * c);
    const step = Math.max(1, Math.ceil(to / 8));
    const from = /\.replicas$/.test(path) ? 1 : step;
    const out: number[] = [];
    for (let v = from; v <= to; v += step) out.push(v);
    return out;
  }
  if (field.unit === 'percent') {
    const h = now ?? 0.8;
    return [...new Set([0.5, 0.6, 0.7, 0.8, 0.9, round3(h)])].filter((v) => v >= 0 && v <= 1).sort((a, b) => a - b);
  }
  const v = now !== undefined && now > 0 ? now : field.unit === 'ms' ? 0.01 : field.unit === 'rps' ? 100 : 1;
  if (field.unit === 'rps') {
    const step = round3(v / 4);
    return Array.from({ length: 7 }, (_, i) => clean(2 * step + i * step));
  }
  return [round3(v / 2), round3(v), round3(v * 1.5), round3(v * 2)];
}

/** Sets every path of a sweep point on a draft, so loading a point is one undo step. */
export function applyPoint(d: Draft<Scenario>, values: Record<string, VaryValue>): void {
  for (const [path, value] of Object.entries(values)) {
    const seg = path.split('.');
    if (seg[0] === 'nodes' && seg.length > 2) setNodeField(d, seg[1]!, seg.slice(2), value);
    else if (seg[0] === 'edges' && seg.length > 2) {
      const edge = d.edges[Number(seg[1])];
      if (edge) setIn(edge as unknown as Record<string, unknown>, seg.slice(2), value);
    } else setIn(d as unknown as Record<string, unknown>, seg, value);
  }
}

/** Whether the model is at this point of the sweep (every varied path has the point's value). */
export function pointMatches(s: Scenario, values: Record<string, VaryValue>): boolean {
  return Object.entries(values).every(([path, v]) => currentValue(s, path) === v);
}

export interface ConfigDifference {
  /** Override path: `nodes.api.replicas`, `edges.2.timeout`, `slo.p99`. */
  path: string;
  a: unknown;
  b: unknown;
}

const ignoredTop = new Set(['$schema', 'format', 'version', 'name', 'description', 'whatIf', 'run']);
const ignoredInNode = new Set(['position', 'label', 'description']);
const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function walk(path: string, a: unknown, b: unknown, out: ConfigDifference[], ignore?: Set<string>): void {
  if (JSON.stringify(a) === JSON.stringify(b)) return;
  // A distribution or rate limit that changed kind reads better whole than field by field.
  const wholeDist = isObject(a) && isObject(b) && 'dist' in a && 'dist' in b && a.dist !== b.dist;
  if (isObject(a) && isObject(b) && !wholeDist) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) if (!ignore?.has(k)) walk(path ? `${path}.${k}` : k, a[k], b[k], out);
    return;
  }
  out.push({ path, a, b });
}

/**
 * What the simulation would see differently between two configurations, as
 * override paths. Run settings are left out: a paired comparison runs both with
 * the baseline's.
 */
export function configDifferences(a: Scenario, b: Scenario): ConfigDifference[] {
  const out: ConfigDifference[] = [];
  const ids = [...new Set([...a.nodes.map((n) => n.id), ...b.nodes.map((n) => n.id)])];
  for (const id of ids) {
    const na = a.nodes.find((n) => n.id === id);
    const nb = b.nodes.find((n) => n.id === id);
    if (!na || !nb) out.push({ path: `nodes.${id}`, a: na ? 'present' : undefined, b: nb ? 'present' : undefined });
    else walk(`nodes.${id}`, na, nb, out, ignoredInNode);
  }
  const edgeKey = (e: Scenario['edges'][number]) => `${e.from}>${e.to}`;
  const keys = [...new Set([...a.edges.map(edgeKey), ...b.edges.map(edgeKey)])];
  for (const key of keys) {
    const ia = a.edges.findIndex((e) => edgeKey(e) === key);
    const ib = b.edges.findIndex((e) => edgeKey(e) === key);
    if (ia < 0 || ib < 0) out.push({ path: `edges.${ia < 0 ? ib : ia}`, a: ia < 0 ? undefined : 'present', b: ib < 0 ? undefined : 'present' });
    else walk(`edges.${ib}`, a.edges[ia], b.edges[ib], out);
  }
  const rest = (s: Scenario) => Object.fromEntries(Object.entries(s).filter(([k]) => !ignoredTop.has(k) && k !== 'nodes' && k !== 'edges'));
  walk('', rest(a), rest(b), out);
  return out;
}
