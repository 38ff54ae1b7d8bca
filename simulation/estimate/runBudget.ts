/**
 * What a run will cost before it starts: the memory its engines allocate and the events
 * they process, from the scenario alone. Each bound of `valueLimits.ts` is sensible on its
 * own, but their product is not (10,000 replicas × 1,024 shards; a million requests a
 * second for 30 days), so a run is refused up front, naming the field to change, rather
 * than dying of "Array buffer allocation failed" or running for a week. Pure: the host
 * says how much memory the machine can give.
 */
import { bytesPerKey } from '../engine/cacheKeys';
import { maxLiveVisits } from '../engine/engine';
import type { Finding } from '../findings/finding';
import type { Scenario } from '../model/schema';
import { kindOf } from '../model/kinds';
import { estimate } from './estimate';

/** Events one run may process in all (≈ half an hour at the engine's speed on one core). */
export const eventBudget = 2e10;

// Sizes of what one engine allocates, from `engine.ts`: typed arrays per replica slot, per live
// request (visit), one latency histogram per class (LogHistogram(10): 55,298 float64 buckets)
// and per-class time series; the base covers the code, the tallies and the result document.
const bytesPerSlot = 64;
const bytesPerVisit = 96;
const bytesPerClassHistogram = 55_298 * 8;
const bytesPerSeriesCell = 8 * 4 * 120;
const baseBytes = 64 * 1024 * 1024;
/** Events per request at a node: its arrival, its CPU turn, its answer. */
const eventsPerVisit = 3;

export interface RunCost {
  /** Peak bytes of all engines running at once. */
  bytes: number;
  /** Events over all replications. */
  events: number;
  /** The node whose replica slots cost the most memory, with its slots. */
  largestNode: { id: string; slots: number } | null;
}

/** Replica slots of a node as the engine allocates them: its largest replica count times its shards. */
function slotsOf(n: Scenario['nodes'][number]): number {
  const kind = kindOf(n);
  return kind.peakReplicas(n) * kind.groups(n);
}

/** The cost of running `s` with `threads` engines at once. */
export function runCost(s: Scenario, threads = 1): RunCost {
  const replications = s.run.replications ?? 1;
  const concurrent = Math.max(1, Math.min(threads, replications));
  const classes = s.classes?.length ?? 1;
  let slots = 0;
  let largestNode: RunCost['largestNode'] = null;
  for (const n of s.nodes) {
    const k = slotsOf(n);
    slots += k;
    if (k > 1 && (largestNode === null || k > largestNode.slots)) largestNode = { id: n.id, slots: k };
  }
  // A closed population is live all the time; open load is capped by the engine's early stop.
  const users = s.nodes.reduce((a, n) => a + (n.kind === 'source' && n.arrival.process === 'closed' ? n.arrival.users : 0), 0);
  const visits = Math.min(maxLiveVisits, users + slots) + Math.min(maxLiveVisits, users);
  // A keyed cache's typed arrays, one set per engine (compile drops a maxKeys that evicts nothing).
  const keyBytes = s.nodes.reduce((a, n) => (n.kind === 'cache' && n.keys !== undefined ? a + n.keys.count * bytesPerKey({ maxKeys: n.maxKeys !== undefined && n.maxKeys < n.keys.count ? n.maxKeys : Infinity, singleFlight: n.singleFlight ?? false }) : a), 0);
  const perEngine = slots * bytesPerSlot + visits * bytesPerVisit + classes * bytesPerClassHistogram + classes * (s.nodes.length + 1) * bytesPerSeriesCell + keyBytes;
  const bytes = baseBytes + concurrent * perEngine;

  const horizon = (s.run.warmup ?? 0) + s.run.duration;
  const e = estimate(s);
  const visitsPerSecond = Object.values(e.nodes).reduce((a, n) => a + (Number.isFinite(n.arrivalRate) ? n.arrivalRate : 0), 0);
  const events = visitsPerSecond * eventsPerVisit * horizon * replications;
  return { bytes, events, largestNode };
}

/**
 * Why `s` cannot run within `memoryBytes` and the event budget, as a finding naming the
 * field to change; undefined when it can.
 */
export function runRefusal(s: Scenario, memoryBytes: number, threads = 1): Finding | undefined {
  const cost = runCost(s, threads);
  if (cost.bytes > memoryBytes) {
    const big = cost.largestNode as RunCost['largestNode'];
    return {
      code: 'runNeedsTooMuchMemory',
      severity: 'warning',
      ...(big ? { node: big.id } : {}),
      figures: { bytes: cost.bytes, available: memoryBytes, slots: big?.slots ?? 0, threads },
    };
  }
  if (cost.events > eventBudget) {
    return {
      code: 'runHasTooManyEvents',
      severity: 'warning',
      figures: { events: cost.events, budget: eventBudget, duration: (s.run.warmup ?? 0) + s.run.duration, replications: s.run.replications ?? 1 },
    };
  }
  return undefined;
}
