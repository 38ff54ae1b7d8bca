/**
 * The metastability panel's setup as plain functions: which triggers the model allows
 * (and on which nodes), with the core's reason when it refuses one; and the typed ranges
 * turned into the map's options, or the field that is wrong and why. A share (a fault's
 * replicas down, a flush's hits lost) is typed in percent.
 */
import { FindingError } from '../../../simulation/findings/error';
import type { Finding } from '../../../simulation/findings/finding';
import type { Scenario } from '../../../simulation/model/schema';
import { kindOf } from '../../../simulation/model/kinds';
import { sizeBound, spread, withFlush, type MetaTrigger, type MetastabilityOptions } from '../../../simulation/whatif/metastability';

/** What the user set up in the panel, as typed (ranges stay text until they parse). */
export interface MetaSetup {
  trigger: MetaTrigger;
  /** The node a fault takes down or the cache a flush empties; the source a spike raises. */
  node: string;
  sizeFrom: string;
  sizeTo: string;
  sizeCount: string;
  forFrom: string;
  forTo: string;
  forCount: string;
  within: string;
}

export const defaultMetaSetup: MetaSetup = { trigger: 'spike', node: '', sizeFrom: '1.1', sizeTo: '1.7', sizeCount: '4', forFrom: '5', forTo: '15', forCount: '3', within: '60' };

/** Most values on one axis, as the command line allows. */
export const mostPerAxis = 12;

export interface TriggerChoice {
  trigger: MetaTrigger;
  /** Nodes the trigger can act on: open sources for a spike, nodes with replicas for a fault, caches for a flush. */
  nodes: string[];
  /** Why a node cannot take the trigger, by node (the core's refusal). */
  refused: Record<string, Finding>;
  /** Why the trigger cannot be used at all: an app reason key, or the core's finding. */
  disabled: { key: string } | { finding: Finding } | null;
}

/** The core's refusal of a trigger on a node; a model the flush cannot be built from (being edited, not valid) is refused too. */
function refusal(node: string, f: () => unknown): Finding | null {
  try {
    f();
    return null;
  } catch (e) {
    return e instanceof FindingError && e.finding ? e.finding : { code: 'metaFlushInvalid', severity: 'warning', figures: { node } };
  }
}

export function triggerChoices(s: Scenario): TriggerChoice[] {
  const open = s.nodes.filter((n) => n.kind === 'source' && n.arrival.process !== 'closed').map((n) => n.id);
  const replicated = s.nodes.filter((n) => kindOf(n).replicated).map((n) => n.id);
  const caches = s.nodes.filter((n) => n.kind === 'cache').map((n) => n.id);
  const at = (s.run.warmup ?? 0) + 30;
  const refused: Record<string, Finding> = {};
  for (const id of caches) {
    const why = refusal(id, () => withFlush(s, id, 0.5, at, 5));
    if (why) refused[id] = why;
  }
  const flushable = caches.filter((id) => !refused[id]);
  const firstRefusal = caches.map((id) => refused[id]).find(Boolean);
  return [
    { trigger: 'spike', nodes: open, refused: {}, disabled: open.length === 0 ? { key: 'meta.why.noOpenSource' } : null },
    { trigger: 'fault', nodes: replicated, refused: {}, disabled: replicated.length === 0 ? { key: 'meta.why.noReplicas' } : null },
    { trigger: 'flush', nodes: caches, refused, disabled: caches.length === 0 ? { key: 'meta.why.noCache' } : flushable.length === 0 ? { finding: firstRefusal! } : null },
  ];
}

/** Sizes as typed: a factor for a spike, percent for the shares. */
export function defaultSizes(trigger: MetaTrigger): Pick<MetaSetup, 'sizeFrom' | 'sizeTo' | 'sizeCount'> {
  return trigger === 'spike' ? { sizeFrom: '1.1', sizeTo: '1.7', sizeCount: '4' } : trigger === 'fault' ? { sizeFrom: '25', sizeTo: '100', sizeCount: '4' } : { sizeFrom: '25', sizeTo: '100', sizeCount: '4' };
}

export type SetupField = 'size' | 'for' | 'within' | 'node';
export type SetupError = 'notNumbers' | 'order' | 'count' | 'share' | 'positive' | 'nonNegative' | 'node';

export type ParsedSetup = { ok: true; options: MetastabilityOptions; points: number } | { ok: false; field: SetupField; error: SetupError };

function axis(from: string, to: string, count: string, field: SetupField, scale: number, high: number | null, zero = false): { ok: true; values: number[] } | { ok: false; field: SetupField; error: SetupError } {
  const low = Number(from.trim() === '' ? NaN : from);
  const top = Number(to.trim() === '' ? NaN : to);
  const n = Number(count.trim() === '' ? NaN : count);
  if (!Number.isFinite(low) || !Number.isFinite(top)) return { ok: false, field, error: 'notNumbers' };
  if (low > top) return { ok: false, field, error: 'order' };
  if (!Number.isInteger(n) || n < 1 || n > mostPerAxis) return { ok: false, field, error: 'count' };
  const values = [...new Set(spread(low / scale, top / scale, n))];
  if (values.some((v) => v < 0 || (v === 0 && !zero))) return { ok: false, field, error: high !== null ? 'share' : zero ? 'nonNegative' : 'positive' };
  if (high !== null && values.some((v) => v > high)) return { ok: false, field, error: 'share' };
  return { ok: true, values };
}

/** The typed setup as the map's options, checked as the command line checks its flags. */
export function parseSetup(setup: MetaSetup, choice: TriggerChoice): ParsedSetup {
  const bound = sizeBound(setup.trigger);
  const sizes = axis(setup.sizeFrom, setup.sizeTo, setup.sizeCount, 'size', bound.high === null ? 1 : 100, bound.high);
  if (!sizes.ok) return sizes;
  // An instant flush (for 0) is a column only a flush can have; the core refuses it on a keyless cache, as on the command line.
  const durations = axis(setup.forFrom, setup.forTo, setup.forCount, 'for', 1, null, setup.trigger === 'flush');
  if (!durations.ok) return durations;
  const within = Number(setup.within.trim() === '' ? NaN : setup.within);
  if (!Number.isFinite(within) || within <= 0) return { ok: false, field: 'within', error: 'positive' };
  const node = choice.nodes.includes(setup.node) ? setup.node : choice.nodes.length === 1 || setup.trigger !== 'spike' ? choice.nodes.find((id) => !choice.refused[id]) : undefined;
  if (setup.trigger !== 'spike' && node === undefined) return { ok: false, field: 'node', error: 'node' };
  const options: MetastabilityOptions = { trigger: setup.trigger, sizes: sizes.values, durations: durations.values, within, ...(setup.trigger === 'spike' ? (node ? { source: node } : {}) : { node }) };
  return { ok: true, options, points: sizes.values.length * durations.values.length };
}
