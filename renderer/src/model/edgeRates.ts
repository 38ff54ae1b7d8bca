/**
 * The rate of calls over each edge, as the canvas, the edge inspector and the
 * exported diagram show it: measured by the last run while that run is current,
 * the instant estimate otherwise. One rule for all three, so they never disagree.
 */
import type { Edge } from '../../../simulation/model/schema';
import type { ResultDocument } from '../../../simulation/model/result';

/** A call rate and where it came from. */
export interface CallRate {
  rate: number;
  measured: boolean;
}

/**
 * The measured rate of every call, in the order of the model's `edges`, or null when
 * there is no current result or it does not line up call for call with the model
 * (a result from before results carried edge rates, or one for another set of calls).
 */
export function measuredEdgeRates(edges: readonly Edge[], result: ResultDocument | null, stale: boolean): number[] | null {
  if (!result || stale) return null;
  const measured = result.edges as ResultDocument['edges'] | undefined;
  if (!measured || measured.length !== edges.length) return null;
  const aligned = measured.every((m, i) => m.from === edges[i]!.from && m.to === edges[i]!.to);
  return aligned ? measured.map((m) => m.rate) : null;
}

/** The rate to show for call `index`: measured when `measured` has it, else the estimate. */
export function callRate(index: number, measured: readonly number[] | null, estimated: readonly number[]): CallRate {
  const m = measured?.[index];
  return m !== undefined ? { rate: m, measured: true } : { rate: estimated[index] ?? 0, measured: false };
}
