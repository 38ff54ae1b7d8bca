/**
 * Capacity at the SLO: the highest arrival rate of one source at which the SLO still
 * holds. The search brackets the answer by stepping up or down from a starting rate,
 * then bisects until the bracket is narrower than `precision` (relative). From a good
 * guess (the rate at which the instant estimate saturates) small first steps that grow
 * bracket the answer in two or three runs and keep far-overloaded runs, the slowest of
 * all, out of the search; without a guess every step doubles or halves.
 *
 * Simulation noise is handled by common random numbers: every candidate rate runs
 * with the same seeds, and a source's arrival times are its random draws divided by
 * the rate, so a higher rate replays the same requests closer together. For
 * first-come-first-served systems latency then grows with the rate along the same
 * sample path, and the met/missed answer is monotone in the rate: bisection cannot be
 * sent the wrong way by noise between candidates. The answer is the highest rate that
 * was seen to meet the SLO, with its bracket.
 */

export interface CapacitySearchOptions {
  start: number;
  min?: number;
  max?: number;
  precision?: number;
  maxEvaluations?: number;
  /**
   * The first bracketing step, relative (0.1: ±10%); each further step in the same
   * direction is twice as large, so a wrong guess costs a few steps more, not many.
   * Without it every step doubles or halves the rate.
   */
  firstStep?: number;
}

export interface CapacityFound<R> {
  /** Highest rate that met the SLO (0 when even the lowest tried missed it). */
  rate: number;
  /** [highest rate met, lowest rate missed]; the second is null when none missed. */
  bracket: [number, number | null];
  evaluations: number;
  /** The run at `rate` (null when no rate met the SLO). */
  result: R | null;
}

export async function findMaxRate<R>(evaluate: (rate: number) => Promise<{ met: boolean; result: R }>, o: CapacitySearchOptions): Promise<CapacityFound<R>> {
  const precision = o.precision ?? 0.02;
  const min = o.min ?? o.start / 1024;
  const max = o.max ?? o.start * 1024;
  const budget = o.maxEvaluations ?? 40;
  const state: { evaluations: number; met: { rate: number; result: R } | null; missed: number | null } = { evaluations: 0, met: null, missed: null };
  const tryRate = async (rate: number): Promise<boolean> => {
    state.evaluations++;
    const outcome = await evaluate(rate);
    if (outcome.met) state.met = { rate, result: outcome.result };
    else state.missed = rate;
    return outcome.met;
  };

  let step = o.firstStep ?? 1;
  const nextStep = () => {
    const factor = 1 + step;
    if (o.firstStep !== undefined) step *= 2;
    return factor;
  };
  let rate = Math.min(max, Math.max(min, o.start));
  if (await tryRate(rate)) {
    while (state.missed === null && rate < max && state.evaluations < budget) {
      rate = Math.min(max, rate * nextStep());
      await tryRate(rate);
    }
  } else {
    while (state.met === null && rate > min && state.evaluations < budget) {
      rate = Math.max(min, rate / nextStep());
      await tryRate(rate);
    }
  }
  while (state.met !== null && state.missed !== null && state.evaluations < budget && (state.missed - state.met.rate) / state.met.rate > precision) {
    await tryRate((state.met.rate + state.missed) / 2);
  }
  const found = state.met;
  return { rate: found?.rate ?? 0, bracket: [found?.rate ?? 0, state.missed], evaluations: state.evaluations, result: found?.result ?? null };
}
