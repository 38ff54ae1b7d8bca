/**
 * Where the capacity search starts: the rate of the varied source at which the instant
 * estimate's busiest node saturates. Utilization grows in proportion to a source's rate
 * (operational laws), so one estimate at the file's rate is enough. It is a guess, not an
 * answer: other sources' load, rate limits and latency bounds that bind before saturation
 * all make the true capacity lower, which the search finds by stepping down from it.
 */
import { estimate } from '../estimate/estimate';
import type { Scenario } from '../model/schema';

/** Below saturation: a latency bound usually binds a little before the busiest node is full. */
const startBelowSaturation = 0.9;

/** The rate of the source at which the busiest node saturates, or null when nothing in the model is limited. */
export function saturationRate(scenario: Scenario, rate: number): number | null {
  if (!(rate > 0)) return null;
  let busiest = 0;
  for (const node of Object.values(estimate(scenario).nodes)) busiest = Math.max(busiest, node.peakUtilization ?? 0);
  const saturation = rate / busiest;
  return busiest > 0 && Number.isFinite(saturation) ? saturation : null;
}

/** The starting rate, or null when nothing in the model is limited (the search then doubles from the file's rate). */
export function capacityGuess(scenario: Scenario, rate: number): number | null {
  const saturation = saturationRate(scenario, rate);
  return saturation === null ? null : startBelowSaturation * saturation;
}
