/**
 * What one replication measured, in raw sums, counts, time integrals and histograms:
 * the form that crosses thread boundaries. Turning tallies into means, percentiles
 * and confidence intervals happens once, in replication order, in `aggregate.ts`.
 */
import type { EncodedHistogram } from './histogram';

/** Why and where a replication stopped before the end of its run. */
export interface EarlyStop {
  at: number;
  limit: number;
  /** The node with the most requests waiting at the stop, and how many. */
  node: string;
  waiting: number;
}

/** A run stopped because simulated time stood still: too many events at one instant. */
export interface ZeroTimeLoop {
  at: number;
  /** The events the instant took before the stop. */
  events: number;
  /** The node of the event that went over the budget: on the loop. */
  node: string;
}

export interface NodeTally {
  arrivals: number;
  completions: number;
  rejected: number;
  failed: number;
  waitSum: number;
  waitCount: number;
  responseSum: number;
  responseCount: number;
  cpuWaitSum: number;
  cpuWaitCount: number;
  lookups: number;
  hits: number;
  /** Time sync-path requests spent in or waiting for this node (not its callees). */
  exclusiveTime: number;
  /** A contended node's own work as drawn and as contention stretched it (0 without `contention`): their ratio is the mean stretch. */
  ownDrawn: number;
  ownStretched: number;
  /** The same per class (by class index); absent in tallies from before it was counted. */
  exclusiveByClass?: number[];
  /** Time integrals over the measured window, [warm-up, end). */
  busyWorkersArea: number;
  busyCpusArea: number;
  inFlightArea: number;
  waitingArea: number;
  workerCapacityArea: number;
  cpuCapacityArea: number;
  replicasArea: number;
  /**
   * Where held workers' time goes besides their own work (which is `busyCpusArea`) and
   * their sync calls (`ReplicationTally.heldCallArea`): waiting for a CPU, and for a slot
   * of one of the node's call pools.
   */
  heldCpuWaitArea: number;
  heldPoolWaitArea: number;
  /** Number waiting for a worker (a broker: its backlog) when the window opened and closed. */
  waitingAtStart: number;
  waitingAtEnd: number;
  /** Number holding a worker while waiting for a CPU when the window opened and closed. */
  cpuWaitingAtStart: number;
  cpuWaitingAtEnd: number;
  /** Requests in the node (waiting or held) when the window opened and closed. */
  inFlightAtStart: number;
  inFlightAtEnd: number;
}

export interface ClassTally {
  created: number;
  ended: number;
  ok: number;
  rejected: number;
  timedOut: number;
  failed: number;
  /** Requests of this class alive at their source when the window opened and closed. */
  inFlightAtStart: number;
  inFlightAtEnd: number;
  latency: EncodedHistogram;
}

/**
 * When requests' caused work was all done (engine/completion.ts); absent when the model
 * has no async work, where completion is latency.
 */
export interface CompletionTally {
  /** By class index, by source (in the model's order of sources) and by consumer path (engine/completion.ts `completionPaths`). */
  classes: EncodedHistogram[];
  sources: EncodedHistogram[];
  paths: EncodedHistogram[];
  /** Requests still with work in progress at the end (they are in the histograms at their age then). */
  unfinishedClasses: number[];
  unfinishedSources: number[];
  unfinishedPaths: number[];
}

export interface SeriesTally {
  interval: number;
  /** Per bucket over the whole run, warm-up included. */
  ok: number[];
  ended: number[];
  errors: number[];
  p99: number[];
  /** Per bucket, the answers' p95 (absent in tallies made by hand). */
  p95?: number[];
  nodes: { waitingArea: number[]; busyArea: number[]; capacityArea: number[]; replicasArea: number[] }[];
}

export interface ReplicationTally {
  replication: number;
  /** Length of the measured window actually simulated (shorter if stopped early). */
  measured: number;
  events: number;
  /** Simulated time at which measuring started (the warm-up's end unless an overload cut it short). */
  measuredFrom: number;
  /** Why the replication stopped before the end, if it did. */
  stoppedEarly: string | null;
  /** The same, as data. */
  earlyStop: EarlyStop | null;
  /** Set when the run stopped on a loop of zero-time steps (then `stoppedEarly` is set too). */
  zeroTimeLoop?: ZeroTimeLoop | null;
  /** Set when a capacity search's screen rule stopped the run, its SLO missed by far (then `stoppedEarly` is set too). */
  screenStopped?: true;
  /** An overload opened the measured window before the warm-up ended. */
  warmupCutShort: boolean;
  nodes: NodeTally[];
  classes: ClassTally[];
  series: SeriesTally;
  /** Calls made over each edge (by edge index) during the measured window */
  edgeCalls: number[];
  /** Per edge: the integral of the caller's workers held while their visit waits on that sync call (backoffs between tries included). */
  heldCallArea: number[];
  /** Per edge: the integral of its pool's connections in use (0 for an edge without a pool). */
  poolInUseArea: number[];
  /** Per edge: visits waiting for a slot of its pool when the window opened and closed (0 without a pool). */
  poolWaitingAtStart: number[];
  poolWaitingAtEnd: number[];
  /** Added (issue 11 §4): completion of requests' async work; absent without async work. */
  completion?: CompletionTally;
  /** Per event of the timeline, when it ended (null: not within the run); absent without events. */
  eventEnds?: (number | null)[];
}
