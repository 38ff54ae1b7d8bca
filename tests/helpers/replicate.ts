/**
 * Runs a scenario's replications in this thread with the product's own engine and
 * aggregation, and keeps each replication's result apart, so a test can judge any
 * figure (not only those the result document gives an interval for) by its spread
 * over independent replications.
 */
import { expect } from 'vitest';
import { compileScenario } from '../../simulation/engine/compile';
import type { ResultDocument } from '../../simulation/model/result';
import type { Scenario } from '../../simulation/model/schema';
import { runReplication } from '../../simulation/runner/replicationTask';
import { aggregate } from '../../simulation/analysis/aggregate';
import { studentTQuantile } from '../../simulation/stats/studentT';
import type { ReplicationTally } from '../../simulation/stats/tally';

export interface Replicated {
  /** One result document per replication, each aggregated from that replication alone. */
  perRep: ResultDocument[];
  /** The document the CLI would produce (all replications together). */
  combined: ResultDocument;
  tallies: ReplicationTally[];
}

export function replicate(scenario: Scenario): Replicated {
  const model = compileScenario(scenario);
  const tallies: ReplicationTally[] = [];
  for (let r = 0; r < model.replications; r++) {
    const tally = runReplication(model, r);
    if (!tally) throw new Error('replication was cancelled');
    tallies.push(tally);
  }
  return {
    perRep: tallies.map((t) => aggregate(scenario, model, [t], { wallSeconds: 0 })),
    combined: aggregate(scenario, model, tallies, { wallSeconds: 0 }),
    tallies,
  };
}

export interface Spread {
  mean: number;
  /** Half-width of the Student-t interval at `level` over the replications. */
  halfWidth: number;
  n: number;
}

export function spread(values: readonly number[], level = 0.999): Spread {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
  return { mean, halfWidth: studentTQuantile(1 - (1 - level) / 2, n - 1) * (sd / Math.sqrt(n)), n };
}

export interface NearOptions {
  /**
   * Allowance for the bias of a finite run (start-up transient after warm-up, the
   * requests cut off at the window's end), relative to the theory value.
   */
  bias?: number;
  /** The same allowance as an absolute amount (for values near 0). */
  biasAbs?: number;
  /**
   * The run must be long enough to be a real test: the interval's half-width may be
   * at most this fraction of the theory value.
   */
  precision: number;
}

/**
 * The theory value must lie within the 99.9% Student-t interval of the replication
 * means, widened by a small bias allowance; and that interval must be narrow enough
 * (`precision`) that a wrong engine could not pass by being noisy.
 */
export function expectNear(label: string, values: readonly number[], theory: number, opts: NearOptions): void {
  const s = spread(values);
  const allowed = s.halfWidth + (opts.bias ?? 0) * Math.abs(theory) + (opts.biasAbs ?? 0);
  const detail = `${label}: mean over ${s.n} replications ${s.mean.toPrecision(6)} ± ${s.halfWidth.toPrecision(3)} (99.9%), theory ${theory.toPrecision(6)}, allowed |diff| ≤ ${allowed.toPrecision(3)}`;
  expect(Math.abs(s.mean - theory), detail).toBeLessThanOrEqual(allowed);
  expect(s.halfWidth, `${detail}; the run is too short to tell (half-width above ${opts.precision} × theory)`).toBeLessThanOrEqual(opts.precision * Math.abs(theory) + (opts.biasAbs ?? 0));
}

/** Values of one figure across the replications. */
export function per(r: Replicated, pick: (doc: ResultDocument) => number): number[] {
  return r.perRep.map(pick);
}
