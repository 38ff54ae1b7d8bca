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
  /**
   * The first rate to try above `start` when `start` meets the SLO, instead of a step
   * from it: the screened bracket's other end, whose replication 0 has already run (a
   * rate computed again from `start` could differ in its last bit and miss that run).
   */
  firstUp?: number;
  /**
   * A rate the steps up do not jump over: the first step that would pass it tries it
   * instead (the estimate's saturation rate, just above which a bound usually breaks), so
   * the bracket found is narrow rather than one far-overloaded step wide. When the ceiling
   * meets the SLO, the steps beyond it start again at `precision` (and grow as before).
   */
  ceiling?: number;
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
  let growing = o.firstStep !== undefined;
  const nextStep = () => {
    const factor = 1 + step;
    if (growing) step *= 2;
    return factor;
  };
  let rate = Math.min(max, Math.max(min, o.start));
  if (await tryRate(rate)) {
    if (o.firstUp !== undefined && o.firstUp > rate && rate < max && state.evaluations < budget) {
      rate = Math.min(max, o.firstUp);
      await tryRate(rate);
    }
    while (state.missed === null && rate < max && state.evaluations < budget) {
      const next = rate * nextStep();
      const toCeiling = o.ceiling !== undefined && rate < o.ceiling && next > o.ceiling;
      rate = Math.min(max, toCeiling ? o.ceiling! : next);
      // Met at the ceiling, the answer is most likely just above it (a node a little past its
      // saturation grows its queue too slowly for one run to show): steps start again at the
      // precision and grow, instead of leaping into far overload and bisecting all the way back.
      if (toCeiling) {
        step = precision;
        growing = true;
      }
      await tryRate(rate);
    }
  } else {
    while (state.met === null && rate > min && state.evaluations < budget) {
      rate = Math.max(min, rate / nextStep());
      await tryRate(rate);
    }
  }
  // The tolerance keeps a step of exactly `precision` (rate × (1 + precision)) from
  // reading as wider than it by rounding, which would cost one more run for nothing.
  while (state.met !== null && state.missed !== null && state.evaluations < budget && (state.missed - state.met.rate) / state.met.rate > precision * (1 + 1e-9)) {
    await tryRate((state.met.rate + state.missed) / 2);
  }
  const found = state.met;
  return { rate: found?.rate ?? 0, bracket: [found?.rate ?? 0, state.missed], evaluations: state.evaluations, result: found?.result ?? null };
}

export interface StagedCapacityFound<R> extends CapacityFound<R> {
  /** Rates judged by the screen (replication 0 alone) before any was confirmed. */
  screened: number;
}

/**
 * The search in two stages. The screen (replication 0 alone, a fifth of a candidate with
 * five replications) brackets and bisects the answer to `precision`; then `confirm` (all
 * replications, the verdict that counts) judges the two ends of that bracket, and only
 * when it disagrees with the screen searches on from there with steps that start at
 * `precision`. The answer therefore rests on confirmed verdicts alone, as in `findMaxRate`:
 * the highest rate confirmed to meet the SLO, and the lowest confirmed to miss it, at most
 * `precision` apart. Both stages see only this point's own runs, so the path does not
 * depend on threads or on what other points do.
 */
export async function findMaxRateStaged<R>(
  screen: (rate: number) => Promise<boolean>,
  confirm: (rate: number) => Promise<{ met: boolean; result: R }>,
  o: CapacitySearchOptions,
): Promise<StagedCapacityFound<R>> {
  const screened = await findMaxRate(async (rate) => ({ met: await screen(rate), result: null }), o);
  const [low, high] = screened.bracket;
  const precision = o.precision ?? 0.02;
  const min = o.min ?? o.start / 1024;
  const max = o.max ?? o.start * 1024;
  const confirmed =
    low > 0
      ? await findMaxRate(confirm, { ...o, ceiling: undefined, min, max, start: low, firstStep: precision, ...(high !== null ? { firstUp: high } : {}) })
      : // The screen met nowhere down to `min`: the confirmation starts at the lowest rate it tried.
        await findMaxRate(confirm, { ...o, ceiling: undefined, min, max, start: high ?? min, firstStep: precision });
  return { ...confirmed, screened: screened.evaluations };
}
