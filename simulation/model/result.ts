/**
 * The result document of `headroom run --json` (shared/spec/cli-and-results.md),
 * with Headroom's optional additions marked. Times in seconds, rates per second.
 */
import type { Finding } from '../findings/finding';

export type Interval = [number, number];

export interface LatencySummary {
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  p999: number;
  max: number;
}

export interface NodeResult {
  kind: string;
  replicas: number;
  throughput: number;
  /** Busy workers ÷ workers in [0, 1]; null when workers are unlimited (spec version 1.1). */
  utilization: number | null;
  /** Busy CPUs ÷ CPUs in [0, 1]; null when CPUs are unlimited, and for queues (spec version 1.1). */
  cpuUtilization: number | null;
  inFlight: number;
  queueLength: number;
  waitTime: number;
  responseTime: number;
  rejected: number;
  /** services */
  cpuWaitTime?: number;
  /** caches */
  hitRatio?: number;
  /** queues */
  backlog?: number;
  /**
   * Added: on a node with `contention`, how much contention stretched its own work over
   * the measured window: the stretched time ÷ the drawn time (a time-weighted mean of
   * f(n); 1 is none).
   */
  contentionStretch?: number;
  /** Added: arrivals at the node per second (the offered rate it saw). */
  arrivalRate: number;
  /** Added: share of arrivals that failed here (replica down, open breaker). */
  failed: number;
  /** Added: Student-t interval of utilization over replications (null with `utilization`). */
  utilizationCi: Interval | null;
  /** Added: capacity of one replica in workers and CPUs (null: unlimited). */
  workers: number | null;
  cpus: number | null;
  /** Added (version 1.1): where the node's held workers' time goes; absent when no worker was held. */
  holding?: NodeHolding;
}

/**
 * Shares of the time the node's workers were held (busy), which add up to 1: its own
 * work on a CPU, waiting for a CPU, waiting for a slot of one of its call pools, and
 * waiting on each sync callee (by callee id; tries, backoffs and the callee's own
 * waiting included). A caller whose workers look saturated mostly because of its
 * callees is held up by them rather than short of workers: see `bottleneck.heldUp`.
 * Each share is the mean over replications of that replication's share.
 */
export interface NodeHolding {
  own: number;
  cpuWait: number;
  poolWait: number;
  callees: Record<string, number>;
}

/**
 * The limited resource that is saturated at the bottleneck: its workers doing their own
 * work (a database's are its `connections`), its CPUs, one of its call pools (`pool`,
 * added in version 1.1, with `poolTo` naming the callee), its rate limit (`rateLimit`,
 * added in version 1.1), or, at a consumer with at least as many workers as the queue it
 * consumes has partitions, those partitions (`partitions`, added for issue 10 §7, with
 * `partitionsOf` naming the queue): more consumer workers or replicas would sit idle.
 */
export type BottleneckResource = 'workers' | 'cpus' | 'connections' | 'pool' | 'rateLimit' | 'partitions';

/** Added (version 1.1): a node whose workers are held mostly waiting on a callee on the way to the bottleneck. */
export interface HeldUpNode {
  node: string;
  /** Its workers' utilization (busy ÷ workers). */
  heldShare: number;
  /** The sync callee it waits on most, and the share of its held time spent waiting on it. */
  waitingOn: string;
  waitShare: number;
}

export interface Bottleneck {
  node: string;
  /** How busy the bottleneck's resource is (busy ÷ capacity; for a rate limit, admitted ÷ allowed). */
  utilization: number;
  explanation: string;
  /** Added: the share of end-to-end latency spent in or waiting for the node. */
  latencyShare: number;
  /** Added: which of the node's resources is saturated. */
  resource: BottleneckResource;
  /** Added (version 1.1): with `resource: 'pool'`, the callee whose pool it is. */
  poolTo?: string;
  /** Added: with `resource: 'partitions'`, the queue whose partitions limit the consumer, their count, and the consumer's workers over all its replicas. */
  partitionsOf?: string;
  partitions?: number;
  consumers?: number;
  /** Added: the share of the node's arrivals its resource turned away, when rejections (a burst above a rate limit, a full queue) are what make it the bottleneck. */
  rejected?: number;
  /** Added: contention's mean stretch of the node's own work, when contention is what makes it the bottleneck: its callers' workers are held on its stretched work while its own resources have room. */
  contentionStretch?: number;
  /** Added (version 1.1): the callers held up by the bottleneck, nearest first. */
  heldUp?: HeldUpNode[];
}

/**
 * Added (issue 11 §4): time from a request's creation until the last work it caused ended
 * (async calls, messages and their consumers, retries, background work), over the
 * requests the latency covers (answered OK in the measured window). Requests whose work
 * was still going on at the end are in it at their age then, so each figure is at most
 * the true one.
 */
export interface CompletionFigures extends LatencySummary {
  /** Student-t intervals across replications, as `latencyCi`. */
  ci: { mean: Interval; p50: Interval; p95: Interval; p99: Interval };
  /** Measured requests per second. */
  rate: number;
  /** Requests per replication (mean) whose work was still going on at the end of the run. */
  unfinished: number;
  /** `unfinished` ÷ the measured requests. */
  unfinishedShare: number;
  /**
   * The figures that are only lower bounds: a percentile pq once more than 1 − q of the
   * requests were unfinished (the unfinished alone could then fill its tail), and `mean`
   * and `max` with p99.
   */
  lowerBound: (keyof LatencySummary)[];
}

/** Added: completion of the requests that took one publisher → queue → consumer path. */
export interface CompletionPathFigures extends CompletionFigures {
  /** Node ids: publisher, queue, consumer. */
  path: [string, string, string];
}

/** Added: `summary.completion`, present when the model has async work (without it, completion is `latency`). */
export interface CompletionSummary extends CompletionFigures {
  sources: Record<string, CompletionFigures>;
  paths: CompletionPathFigures[];
}

export interface ClassResult {
  throughput: number;
  latency: LatencySummary;
  errorRate: number;
  /** Added: present with `summary.completion`. */
  completion?: CompletionFigures;
}

/** Added: met (every stated bound held in a sound run), notMet, or none (no bound stated, and the run was sound). */
export type SloVerdict = 'met' | 'notMet' | 'none';

/** Added: one reason a run does not meet its SLO. */
export interface SloReason {
  reason: 'stoppedEarly' | 'unstable' | 'noCompletions' | 'bound' | 'zeroTimeLoop' | 'unfinished';
  /** With `unstable`: the node whose queue or backlog grows; with `zeroTimeLoop`: a node on the loop. */
  node?: string;
  /** With `bound`: which bound was missed (a key of `slo`); with `unfinished`, the completion bound whose figure is only a lower bound. */
  key?: string;
}

export interface SloCheck {
  bound: number;
  actual: number;
  met: boolean;
  /** Added, on `maxBacklog` bounds: the queue the figure is of. */
  node?: string;
  /** Added, on latency bounds: true when no request completed, so `actual` (0) measures nothing and the bound is not met. */
  unmeasured?: boolean;
  /** Added, on `completion.*` bounds: the figure is only a lower bound (too many requests unfinished at the end), so the bound is not met even when the figure is below it. */
  lowerBound?: boolean;
}

/** Added: series over simulated time (warm-up included), means over replications. */
export interface TimeSeries {
  interval: number;
  start: number[];
  throughput: number[];
  errorRate: number[];
  p99: number[];
  /** `utilization` is busy workers ÷ workers per interval, null for a node with unlimited workers. */
  nodes: Record<string, { queueLength: number[]; utilization: number[] | null; replicas: number[] }>;
}

/**
 * Added: one event of the scenario's timeline as the run saw it (means over replications).
 * `end`: when its action finished (the replica back, the replica promoted, the rollout's last
 * new pod ready and last old pod drained, the flushed cache warm again); `recovered`: the
 * first moment from `end` on from which the run's error rate and p99 stayed back at their
 * level before the event for `hold` s (see analysis/eventMarks.ts). Null: not within the run.
 */
export interface EventMark {
  at: number;
  node: string;
  action: 'restart' | 'failover' | 'deploy' | 'flush';
  replica?: number;
  end: number | null;
  recovered: number | null;
  /** The worst bucket from `at` until recovered (or the end of the run): error rate and p99. */
  worst: { errorRate: number; p99: number };
  /** What "back" meant: the baseline before the event and the limits it allowed. */
  baseline: { errorRate: number; p99: number; errorRateLimit: number; p99Limit: number; from: number; hold: number } | null;
}

/**
 * Added (issue 10 §5): one shared host (`hosts` in the scenario) as the run saw it. Its
 * utilization is busy CPUs ÷ CPUs over all its copies (`cpus` × `replicas`), time-averaged
 * over the measured window: the own work of every node on it, which holds one of its CPUs
 * while it runs.
 */
export interface HostResult {
  cpus: number;
  replicas: number;
  /** Busy CPUs ÷ CPUs, in [0, 1]: the mean over replications of each one's figure. */
  utilization: number;
  /** Student-t interval of `utilization` over replications, as the nodes' `utilizationCi`. */
  utilizationCi: Interval;
  /** The nodes on the host, in scenario order, with each one's busy CPUs ÷ the host's CPUs (they add up to `utilization`). */
  nodes: Record<string, number>;
}

export interface LatencyHistogram {
  /** bucket lower edges in seconds; the last bucket is open-ended */
  lower: number[];
  upper: number[];
  /** share of successful requests in each bucket, over all replications */
  share: number[];
}

export interface ResultDocument {
  format: 'headroom/result';
  version: 1;
  scenario: string;
  run: { duration: number; warmup: number; replications: number; seed: number; confidence: number };
  summary: {
    offered: number;
    throughput: number;
    throughputCi: Interval;
    latency: LatencySummary;
    latencyCi: { mean: Interval; p50: Interval; p95: Interval; p99: Interval };
    errorRate: number;
    errorRateCi: Interval;
    errors: { rejected: number; timedOut: number; failed: number };
    sloMet: boolean;
    /** Added: each stated SLO bound with the measured value. */
    slo: Record<string, SloCheck>;
    /** Added: the verdict in three states; `sloMet` is false exactly when it is `notMet`. */
    sloVerdict: SloVerdict;
    /** Added: why the SLO is not met (empty when it is met or there is none). */
    sloReasons: SloReason[];
    /** Added (issue 11 §4): when requests' async work finished; absent when the model has none. */
    completion?: CompletionSummary;
  };
  classes: Record<string, ClassResult>;
  nodes: Record<string, NodeResult>;
  /** Added (issue 10 §5): the scenario's shared hosts by id; absent when it has none. */
  hosts?: Record<string, HostResult>;
  /** The node whose own limited resource is the most saturated, found along sync holding (version 1.1). */
  bottleneck: Bottleneck | null;
  stable: boolean;
  warnings: string[];
  /** Added: every warning and explanation as data (code, node, figures); `warnings` holds the English sentences of those of severity `warning`. */
  findings: Finding[];
  /** Added: cost per hour of the nodes' `cost` fields at their mean replica counts. */
  cost: { currency: string; perHour: number; perMillionRequests: number | null } | null;
  /**
   * Added: calls per second over each edge, in the order of the scenario's `edges`; with a
   * `pool`, its connections in use ÷ its connections (over every caller replica and shard).
   */
  edges: { from: string; to: string; rate: number; poolUtilization?: number }[];
  timeSeries: TimeSeries;
  /** Added: the scenario's `events`, each with when it ended and when the run recovered from it; absent without events. */
  events?: EventMark[];
  latencyHistogram: LatencyHistogram;
  /** `requests` (added): requests created in the measured windows of all replications. */
  stats: { requests: number; events: number; wallSeconds: number; eventsPerSecond: number };
  /** Added: replications that stopped early, and the measured window they had (see `findings`). */
  earlyStop?: { replications: number[]; measured: number; measuredFrom: number; warmupCutShort: boolean };
}

export type VaryValue = number | string | boolean;

/**
 * Added: what broke at the lowest rate that missed the SLO (`bracket[1]`), judged on its
 * replication 0: the node whose queue grew without bound there, else that run's
 * bottleneck. It is the node whose capacity limits the point when the run at the
 * capacity itself shows no saturated resource (contention, a collapse just above it).
 */
export interface CapacityLimit {
  rate: number;
  node: string | null;
  /**
   * `unstable`: the node could not keep up; `bottleneck`: its resource was the most
   * saturated; `heldUp`: the node that could not keep up (`caller`) spent most of its
   * workers' time waiting on this one (`waitShare`), so this one's latency is the lever;
   * `bound`: an SLO bound was missed with no node saturated.
   */
  why: 'unstable' | 'bottleneck' | 'heldUp' | 'bound';
  caller?: string;
  waitShare?: number;
  utilization: number | null;
  resource?: BottleneckResource;
}

export interface SweepPoint {
  /** Position in the full grid (row-major over `vary`), kept so shards can be merged. */
  index: number;
  values: Record<string, VaryValue>;
  result: ResultDocument;
  /** With `load.find: "max"`: the highest rate of the source that met the SLO. */
  /**
   * `evaluations`: candidate rates confirmed (judged on all replications, or on replication
   * 0 where it decides alone); `screened` (added): rates first judged on replication 0 alone.
   */
  capacity?: { source: string; rate: number; bracket: [number, number | null]; evaluations: number; screened?: number; limit?: CapacityLimit };
}

export interface ScalingVerdict {
  path: string;
  /** The varied replica counts, in the order of `capacity`. */
  replicas: number[];
  capacity: number[];
  usl: { sigma: number; kappa: number; peak: number | null; lambda: number; sigmaCi: Interval | null; kappaCi: Interval | null } | null;
  paysOffUntil: number | null;
  explanation: string;
  /** Added: the verdict as data (`scaling.single`, `scaling.allPay`, `scaling.turn`); `explanation` is its English sentence with ids. */
  finding?: Finding;
  /** Added: the step where scaling stopped paying, in numbers (null when every step paid). */
  turn: {
    from: number;
    to: number;
    growth: number;
    /** `resource` and `heldUp` added in version 1.1: the saturated resource of the point after the turn, and the callers it held up. */
    bottleneck: { node: string; utilization: number; resource?: BottleneckResource; heldUp?: HeldUpNode[] } | null;
  } | null;
  /** Added: capacity per hour of cost at each point, when the nodes have costs. */
  costPerHour?: number[];
}

export interface SweepDocument {
  format: 'headroom/sweep';
  version: 1;
  scenario: string;
  vary: { path: string; values: VaryValue[] }[];
  load?: { source: string; find: 'max' };
  points: SweepPoint[];
  /** Added: grid points not simulated because their workers do not fit in the service's `memory` (the finding says by how much). */
  invalid?: { index: number; values: Record<string, VaryValue>; finding: Finding }[];
  scaling?: ScalingVerdict;
  /** Added: the recommendation as data (codes `sweep.*` of `findings/tables/scaling.ts`). */
  recommendation?: Finding;
  /** Present on a shard's output only; `headroom merge` removes it. */
  shard?: { index: number; count: number; points: number; scenarioDigest?: string };
}
