/**
 * The discrete-event engine: one replication of one compiled model.
 *
 * A request's stay at a node is a *visit*. Visits live in parallel typed arrays
 * (struct of arrays, recycled through a free list), queues are linked lists through
 * `vNext`, and the future-event list holds (time, kind, visit, generation) in typed
 * arrays too, so the loop allocates nothing per event. A visit's generation changes
 * whenever something it waited for stops mattering (a try ended, the visit ended),
 * which turns every cancellation — a timeout that lost its race, the answer of a
 * call that already timed out — into a cheap "stale, drop it" check when the event
 * comes up, instead of a search through the heap.
 *
 * Semantics follow shared/spec/scenario-format.md; the places where the spec leaves
 * a choice are noted where they are made.
 */
import { closeBucketPercentiles } from './bucketPercentiles';
import { DeadlineRing } from '../kernel/deadlineRing';
import { EventQueue } from '../kernel/eventQueue';
import { sample } from '../random/dist';
import { log } from '../random/exactMath';
import { streamFor, type Rng } from '../random/rng';
import { LogHistogram } from '../stats/histogram';
import type { ClassTally, EarlyStop, NodeTally, ZeroTimeLoop, ReplicationTally, SeriesTally } from '../stats/tally';
import { AutoscaleMetric, RecommendationHistory, historyCapacity, recommendReplicas, type AutoscaleSample } from './autoscale';
import { ArrivalKind, Balance, Jitter, Join, NodeKind, type CompiledEdge, type CompiledModel, type CompiledNode } from './compile';
import { RateProfile } from './rateProfile';
import { RetryBudget } from './retryBudget';
import { CodelState, codelTake } from './codel';
import { UserCount } from './closedUsers';
import { HostCpus } from './hosts';
import { Partitions } from './partitions';
import { KeyedCache } from './cacheKeys';
import type { TraceRecorder } from './traces';
import { CompletionTracker, hasAsyncWork } from './completion';
import { Timeline, type TimelineHost } from './timeline';
import { flushSalt } from './partialFlush';
import { ScreenStop, type ScreenStopSpec } from './screenStop';

// Event kinds.
/** Nested answers handled on the stack before the rest wait in a list; far deeper than any real call chain. */
const maxAnswerDepth = 256;

const E_ARRIVE = 0;
const E_WORK_DONE = 1;
const E_SOURCE_NEXT = 2;
const E_THINK_DONE = 3;
const E_CALL_TIMEOUT = 4;
const E_RETRY = 5;
const E_CLIENT_TIMEOUT = 6;
const E_ACCEPTED = 7;
const E_AUTOSCALE = 8;
const E_REPLICA_READY = 9;
const E_FAULT_START = 10;
const E_FAULT_END = 11;
const E_WINDOW_START = 12;
const E_SAMPLE = 13;
/** A pool wait reached the edge's pool `timeout`. */
const E_POOL_TIMEOUT = 14;
/** A closed source's user count changes (its `profile`). */
const E_USERS = 15;
/** A step of an event of the timeline (`events`): `a` the event, `b` the step (see timeline.ts). */
const E_TIMELINE = 16;

// Visit states.
const S_FREE = 0;
const S_PENDING = 1;
const S_WAIT_WORKER = 2;
const S_WAIT_CPU = 3;
const S_WORKING = 4;
const S_CALLING = 5;
const S_POOL_WAIT = 6;
const S_BACKOFF = 7;
const S_ACCEPTING = 8;
const S_BACKLOG = 9;
/**
 * Waiting on a group of parallel calls. Its calls-left count is then the answers the group
 * still needs, and its try count the failures it can still take (see startGroup).
 */
const S_GROUP = 10;
/** A keyed cache's miss waiting for the load of its key already in flight (`singleFlight`). */
const S_KEY_WAIT = 11;

// Visit flags.
const F_SYNC_PATH = 1;
const F_HOLDS_WORKER = 2;
const F_HOLDS_POOL = 4;
const F_ROOT = 8;
const F_HOLDS_CPU = 16;
/**
 * The visit is its request's only hop: the source's one plain sync call (one call, no
 * timeout, retry, pool or breaker, and no client timeout) needs no visit of its own at
 * the source, since nothing can happen to it between the callee's answer and the
 * request's end. The visit ends the request itself (see `directEdge`).
 */
const F_REQUEST = 32;
/**
 * The visit is a service's `background` work: the worker of a visit that has answered
 * its caller, going on with work after the reply. It has no caller, makes no calls, and
 * counts in the node's busy workers and CPUs but in none of its request figures.
 */
const F_BACKGROUND = 64;
/**
 * The visit is one member of a group of parallel calls: it stands for the caller on that
 * member's edge (at the caller's node and replica, holding no worker), makes its calls,
 * tries and retries as the caller would, and answers the caller when done. It counts in
 * no node figure, and a trace shows its callees under the caller's span.
 */
const F_MEMBER = 128;

// Replica states.
const R_ABSENT = 0;
const R_SERVING = 1;
const R_STARTING = 2;
const R_DRAINING = 3;
const R_DOWN = 4;

// Outcomes; the error causes are also the classes of `errors`.
const OK = 0;
const REJECTED = 1;
const TIMED_OUT = 2;
const FAILED = 3;

// Integrated quantities per node.
const Q_BUSY_W = 0;
const Q_BUSY_C = 1;
const Q_IN_FLIGHT = 2;
const Q_WAITING = 3;
const Q_CAP_W = 4;
const Q_CAP_C = 5;
const Q_REPLICAS = 6;
/** Workers held by a visit waiting for a CPU, and waiting for a slot of a call's pool. */
const Q_HELD_CPU_WAIT = 7;
const Q_HELD_POOL_WAIT = 8;
const Q_COUNT = 9;
// After the nodes' quantities, two per edge: workers held while their visit waits on that sync
// call, and the edge's pool connections in use; then one per group of parallel calls: workers
// held while their visit waits on that group.
// A visit's own work needs no quantity of its own: it is the busy-CPU integral.

/** Live visits beyond which a replication stops early as unstable: bounds memory. */
export const maxLiveVisits = 1_500_000;
/**
 * Live visits past which a replication still in its warm-up starts measuring at once:
 * an overload that will hit the cap never reaches the steady state the warm-up waits
 * for, and a stop before the window opens would measure nothing (every figure zero).
 */
export const overloadWindowVisits = maxLiveVisits / 2;
/**
 * Events one instant of simulated time may take before the run stops. Only a loop of
 * zero-time steps (an async cycle with no work, a queue subscribed to itself, a closed
 * user with no think time and no work) gets near it; otherwise time never moves on.
 */
export const maxEventsPerInstant = 5_000_000;


interface Breaker {
  errorRate: number;
  window: number;
  minCalls: number;
  openFor: number;
  /** 0 closed, 1 open, 2 half-open with a trial in flight */
  state: number;
  openUntil: number;
  /** The half-open trial: its visit and the generation of its try. */
  trialVisit: number;
  trialGen: number;
  times: number[];
  failures: number[];
  head: number;
  failed: number;
}

/** What the engine counts per node; the time integrals are added when it reports. */
type NodeCounters = Pick<
  NodeTally,
  'arrivals' | 'completions' | 'rejected' | 'failed' | 'waitSum' | 'waitCount' | 'responseSum' | 'responseCount' | 'cpuWaitSum' | 'cpuWaitCount' | 'lookups' | 'hits' | 'ownDrawn' | 'ownStretched'
>;

/** The sum of `count` figures of `values` from `from`, in order. */
function sumOf(values: Float64Array, from: number, count: number): number {
  let s = 0;
  for (let i = from; i < from + count; i++) s += values[i]!;
  return s;
}

function newCounters(): NodeCounters {
  return { arrivals: 0, completions: 0, rejected: 0, failed: 0, waitSum: 0, waitCount: 0, responseSum: 0, responseCount: 0, cpuWaitSum: 0, cpuWaitCount: 0, lookups: 0, hits: 0, ownDrawn: 0, ownStretched: 0 };
}

export interface EngineOptions {
  /** Buckets of the time series over the whole run. */
  seriesBuckets?: number;
  /** Records a sample of requests span by span (`--traces`); absent, the engine records nothing. */
  traces?: TraceRecorder;
  /** A capacity search's screening run: stop once it has clearly missed its SLO (screenStop.ts). */
  screenStop?: ScreenStopSpec;
}

export class Engine {
  private readonly q = new EventQueue(4096);
  private readonly nodes: CompiledNode[];
  private readonly edges: CompiledEdge[];
  private readonly nClasses: number;
  /** When measuring started: the warm-up's end, or earlier when an overload cut the warm-up short. */
  private windowStart: number;
  readonly endTime: number;
  private measuring = false;
  events = 0;
  private live = 0;
  stoppedEarly: string | null = null;
  /** How many answers are being handled on the stack right now (see answerCaller). */
  private answerDepth = 0;
  /** Answers put off because the stack was deep: (parent, parent generation, outcome) triples. */
  private readonly deferredAnswers: number[] = [];
  earlyStop: EarlyStop | null = null;
  zeroTimeLoop: ZeroTimeLoop | null = null;
  private readonly screenStop: ScreenStop | null;
  /** Set when the screen rule stopped the run (then `stoppedEarly` is set too). */
  screenStopped = false;
  private instant = -1;
  private eventsThisInstant = 0;
  warmupCutShort = false;

  // Visits.
  private cap = 0;
  private vNode = new Int32Array(0);
  private vReplica = new Int32Array(0);
  private vClass = new Int32Array(0);
  private vParent = new Int32Array(0);
  private vParentGen = new Int32Array(0);
  /** For a visit flagged F_REQUEST, the source its request came from. */
  private vSource = new Int32Array(0);
  private vGen = new Int32Array(0);
  private vSerial = new Int32Array(0);
  private vNext = new Int32Array(0);
  private vCursor = new Int32Array(0);
  private vCallsLeft = new Int32Array(0);
  private vEdge = new Int32Array(0);
  private vTry = new Int32Array(0);
  private vState = new Uint8Array(0);
  private vFlags = new Uint8Array(0);
  private vArrive = new Float64Array(0);
  private vMark = new Float64Array(0);
  /** The holding quantity the visit counts in now (a worker held waiting on something), or -1. */
  private vHolding = new Int32Array(0);
  /** A keyed cache's miss: the key it loads or waits for; −1 otherwise (set at the miss, reset when the visit ends). */
  private vKey = new Int32Array(0);
  private freeHead = -1;
  private serial = 0;
  private readonly tracer: TraceRecorder | null;
  /** When each request's caused work is all done; null when the model has no async work (completion is then latency). */
  private readonly completion: CompletionTracker | null;

  // Replicas (global slots).
  private readonly replicaBase: Int32Array;
  private readonly rState: Uint8Array;
  private readonly rBusyW: Int32Array;
  private readonly rBusyC: Int32Array;
  private readonly rIn: Int32Array;
  private readonly rWaitHead: Int32Array;
  private readonly rWaitTail: Int32Array;
  private readonly rWaitLen: Int32Array;
  private readonly rCpuHead: Int32Array;
  private readonly rCpuTail: Int32Array;
  private readonly rEpoch: Int32Array;
  /** When each replica last began serving (0 for those serving from the start). */
  private readonly rReadyAt: Float64Array;
  private readonly rNode: Int32Array;
  private readonly rrNext: Int32Array;
  /** Smooth weighted round robin's current score per replica slot. */
  private readonly wrrScore: Float64Array;
  private readonly candidates: Int32Array;
  /** Shared hosts' CPUs (`hosts.ts`); null when no node is on a host. */
  private readonly hosts: HostCpus | null;
  /** CoDel's state per replica slot when a node sheds by waiting time (codel.ts); null otherwise. */
  private readonly codel: CodelState | null;
  /** Queues' partitions (`partitions.ts`); null when no queue has any. */
  private readonly parts: Partitions | null;

  // Per node.
  private readonly qValue: Float64Array;
  private readonly qArea: Float64Array;
  private readonly qLast: Float64Array;
  private readonly qAreaAtStart: Float64Array;
  private readonly tokens: Float64Array;
  private readonly tokensAt: Float64Array;
  private readonly held: Float64Array;
  private readonly counters: NodeCounters[];
  /**
   * Exclusive time per node and class, node-major (`fit --calibrate` with several nodes
   * splits each class's latency by it); a node's total is the sum of its classes, taken
   * when it reports, so the loop writes one figure.
   */
  private readonly classExclusive: Float64Array;
  private readonly waitingAtStart: Float64Array;
  private readonly serviceRng: Rng[];
  private readonly routeRng: Rng[];
  private readonly arrivalRng: Rng[];
  /** Per (source, class): the edge of its request's only hop when that hop can be the request (F_REQUEST), else -1. */
  private readonly directEdge: Int32Array;
  private readonly profiles: (RateProfile | null)[];
  private readonly burstState: Uint8Array;
  private readonly burstSwitchAt: Float64Array;
  private readonly lastScaleChange: Float64Array;
  /** The autoscaler's marks at its last tick: the area of what it measures, the area of CPU capacity, arrivals. */
  private readonly autoscaleAreaAt: Float64Array;
  private readonly autoscaleCapAreaAt: Float64Array;
  private readonly autoscaleArrivalsAt: Float64Array;
  /** Arrivals at each node since the start, warm-up included (the counters count only the window). */
  private readonly arrivalsSeen: Float64Array;
  private readonly autoscaleHistory: (RecommendationHistory | null)[];
  private readonly autoscaleSample: AutoscaleSample = { current: 0, ready: 0, notReady: 0, value: 0 };
  /** Per node: a cache's key space (`keys`), null otherwise. */
  private readonly keyed: (KeyedCache | null)[];

  // Per edge.
  private readonly poolBase: Int32Array;
  private readonly pInUse: Int32Array;
  private readonly pHead: Int32Array;
  private readonly pTail: Int32Array;
  private readonly subHead: Int32Array;
  private readonly subTail: Int32Array;
  private readonly subLen: Int32Array;
  private readonly breakers: (Breaker | null)[];
  private readonly callTimeouts: (DeadlineRing | null)[];
  private readonly clientTimeouts: (DeadlineRing | null)[];
  private readonly faultReplicas: number[][] = [];
  /** The scenario's events, and caches that bypass; null without either, so the paths that ask it test one field. */
  private readonly timeline: Timeline | null;
  private readonly callRng: Rng[];
  /** Draws of each edge's wire time; null for an edge without `latency`, which draws nothing. */
  private readonly latencyRng: (Rng | null)[];
  /** Calls made over each edge in the window (tries and retries not counted twice). */
  private readonly edgeCalls: Float64Array;
  /** Per pool slot: calls waiting for it (bounded by the pool's `queue`). */
  private readonly pWaitLen: Int32Array;
  private readonly poolTimeouts: (DeadlineRing | null)[];
  private readonly budgets: (RetryBudget | null)[];
  /** Draws of each edge's retry jitter; null without jitter, which draws nothing. */
  private readonly jitterRng: (Rng | null)[];
  /** Closed sources with a profile: their user count over time, users present, and users to leave at their next request's end or think's end. */
  private readonly userCounts: (UserCount | null)[];
  private readonly usersPresent: Int32Array;
  private readonly usersLeaving: Int32Array;

  // Requests (at sources), per class.
  private readonly created: Float64Array;
  private readonly ended: Float64Array;
  private readonly ok: Float64Array;
  private readonly causes: Float64Array;
  private readonly latency: LogHistogram[];
  /** Requests alive at their source, per class; and that count when the window opened. */
  private readonly rootsLive: Float64Array;
  private readonly rootsLiveAtStart: Float64Array;
  private readonly inFlightAtStart: Float64Array;
  private readonly cpuWaitingAtStart: Float64Array;
  private readonly poolWaitingAtStart: Float64Array;

  // Time series.
  private readonly seriesInterval: number;
  private readonly series: SeriesTally;
  private readonly bucketLatency = new LogHistogram(6);
  /** Per-bucket request counts, copied into `series` when the engine reports. */
  private readonly seriesOk: Float64Array;
  private readonly seriesEnded: Float64Array;
  private readonly seriesErrors: Float64Array;
  private bucket = 0;
  private readonly seriesAreaMark: Float64Array;

  constructor(
    private readonly model: CompiledModel,
    private readonly replication: number,
    options: EngineOptions = {},
  ) {
    this.nodes = model.nodes;
    this.edges = model.edges;
    this.nClasses = model.classIds.length;
    this.tracer = options.traces ?? null;
    this.completion = hasAsyncWork(model) ? new CompletionTracker(model) : null;
    this.windowStart = model.warmup;
    this.endTime = model.warmup + model.duration;
    const seed = model.seed + replication;
    const nNodes = this.nodes.length;

    let slots = 0;
    this.replicaBase = new Int32Array(nNodes + 1);
    for (const n of this.nodes) {
      this.replicaBase[n.index] = slots;
      slots += n.kind === NodeKind.Source || n.kind === NodeKind.Queue ? 1 : n.slots * n.groups;
    }
    this.replicaBase[nNodes] = slots;
    this.rState = new Uint8Array(slots);
    this.rBusyW = new Int32Array(slots);
    this.rBusyC = new Int32Array(slots);
    this.rIn = new Int32Array(slots);
    this.rWaitHead = new Int32Array(slots).fill(-1);
    this.rWaitTail = new Int32Array(slots).fill(-1);
    this.rWaitLen = new Int32Array(slots);
    this.rCpuHead = new Int32Array(slots).fill(-1);
    this.rCpuTail = new Int32Array(slots).fill(-1);
    this.rEpoch = new Int32Array(slots);
    this.rReadyAt = new Float64Array(slots);
    this.rNode = new Int32Array(slots);
    for (const n of this.nodes) this.rNode.fill(n.index, this.replicaBase[n.index]!, this.replicaBase[n.index + 1]!);
    this.rrNext = new Int32Array(slots);
    this.wrrScore = new Float64Array(slots);
    this.hosts = HostCpus.of(model, this.replicaBase);
    this.codel = this.nodes.some((n) => n.codelInterval > 0) ? new CodelState(this.rWaitHead, this.rWaitTail, this.rWaitLen) : null;
    this.parts = Partitions.of(model);
    this.candidates = new Int32Array(Math.max(1, slots));

    const quantities = nNodes * Q_COUNT + 2 * this.edges.length + model.groups.length;
    this.qValue = new Float64Array(quantities);
    this.qArea = new Float64Array(quantities);
    this.qLast = new Float64Array(quantities);
    this.qAreaAtStart = new Float64Array(quantities);
    this.tokens = new Float64Array(nNodes);
    this.tokensAt = new Float64Array(nNodes);
    this.held = new Float64Array(nNodes);
    this.counters = this.nodes.map(() => newCounters());
    this.classExclusive = new Float64Array(nNodes * this.nClasses);
    this.waitingAtStart = new Float64Array(nNodes);
    this.serviceRng = this.nodes.map((n) => streamFor(seed, replication, n.id, 'service'));
    this.routeRng = this.nodes.map((n) => streamFor(seed, replication, n.id, 'route'));
    this.arrivalRng = this.nodes.map((n) => streamFor(seed, replication, n.id, 'arrival'));
    this.screenStop = ScreenStop.forModel(model, options.screenStop);
    this.profiles = this.nodes.map((n) => (n.source && n.source.profileAt.length > 0 ? new RateProfile(n.source.profileAt, n.source.profileScale) : null));
    this.burstState = new Uint8Array(nNodes);
    this.burstSwitchAt = new Float64Array(nNodes);
    this.lastScaleChange = new Float64Array(nNodes).fill(-Infinity);
    this.autoscaleAreaAt = new Float64Array(nNodes);
    this.autoscaleCapAreaAt = new Float64Array(nNodes);
    this.autoscaleArrivalsAt = new Float64Array(nNodes);
    this.arrivalsSeen = new Float64Array(nNodes);
    this.keyed = this.nodes.map((n) => (n.keys !== null ? new KeyedCache(n.keys) : null));
    this.autoscaleHistory = this.nodes.map((n) => {
      const a = n.autoscale;
      return a && (a.scaleUpWindow > 0 || a.scaleDownWindow > 0) ? new RecommendationHistory(historyCapacity(a.interval, a.scaleUpWindow, a.scaleDownWindow)) : null;
    });

    const nEdges = this.edges.length;
    this.poolBase = new Int32Array(nEdges + 1);
    let poolSlots = 0;
    for (const e of this.edges) {
      this.poolBase[e.index] = poolSlots;
      if (e.pool !== Infinity) {
        const caller = this.nodes[e.from]!;
        poolSlots += this.replicaBase[caller.index + 1]! - this.replicaBase[caller.index]!;
      }
    }
    this.pInUse = new Int32Array(poolSlots);
    this.pHead = new Int32Array(poolSlots).fill(-1);
    this.pTail = new Int32Array(poolSlots).fill(-1);
    this.pWaitLen = new Int32Array(poolSlots);
    this.poolTimeouts = this.edges.map((e) => (e.pool !== Infinity && e.poolTimeout !== Infinity ? new DeadlineRing() : null));
    this.budgets = this.edges.map((e) => (e.budgetWindow > 0 && e.retries > 0 ? new RetryBudget(e.budgetRatio, e.budgetWindow) : null));
    this.jitterRng = this.edges.map((e) => (e.jitter !== Jitter.None && e.retries > 0 ? streamFor(seed, replication, `${this.nodes[e.from]!.id}>${this.nodes[e.to]!.id}#${e.index}`, 'jitter') : null));
    this.userCounts = this.nodes.map((n) => (n.source && n.source.arrival === ArrivalKind.Closed && n.source.profileAt.length > 0 ? new UserCount(n.source.profileAt, n.source.profileScale, n.source.users) : null));
    this.usersPresent = new Int32Array(nNodes);
    this.usersLeaving = new Int32Array(nNodes);
    this.subHead = new Int32Array(nEdges).fill(-1);
    this.subTail = new Int32Array(nEdges).fill(-1);
    this.subLen = new Int32Array(nEdges);
    this.breakers = this.edges.map((e) =>
      e.breaker ? { ...e.breaker, state: 0, openUntil: 0, trialVisit: -1, trialGen: 0, times: [], failures: [], head: 0, failed: 0 } : null,
    );
    this.edgeCalls = new Float64Array(nEdges);
    this.callTimeouts = this.edges.map((e) => (e.timeout !== Infinity ? new DeadlineRing() : null));
    this.clientTimeouts = this.nodes.map((n) => (n.source && n.source.timeout !== Infinity ? new DeadlineRing() : null));
    this.callRng = this.edges.map((e) => streamFor(seed, replication, `${this.nodes[e.from]!.id}>${this.nodes[e.to]!.id}#${e.index}`, 'calls'));
    this.latencyRng = this.edges.map((e) => (e.latency ? streamFor(seed, replication, `${this.nodes[e.from]!.id}>${this.nodes[e.to]!.id}#${e.index}`, 'latency') : null));
    this.directEdge = new Int32Array(nNodes * this.nClasses).fill(-1);
    for (const n of this.nodes) {
      if (!n.source || n.source.timeout !== Infinity) continue;
      n.callsByClass.forEach((list, cls) => {
        const e = list.length === 1 ? this.edges[list[0]!]! : null;
        // A broker answers at acceptance and its visit goes on as messages: it cannot end a request.
        const plain = e !== null && e.sync && e.group < 0 && e.callsWhole === 1 && e.callsExtra === 0 && e.latency === null && e.timeout === Infinity && e.retries === 0 && e.pool === Infinity && e.breaker === null;
        if (plain && this.nodes[e.to]!.kind !== NodeKind.Queue) this.directEdge[n.index * this.nClasses + cls] = e.index;
      });
    }

    const c = this.nClasses;
    this.created = new Float64Array(c);
    this.ended = new Float64Array(c);
    this.ok = new Float64Array(c);
    this.causes = new Float64Array(c * 4);
    this.latency = model.classIds.map(() => new LogHistogram(10));
    this.rootsLive = new Float64Array(c);
    this.rootsLiveAtStart = new Float64Array(c);
    this.inFlightAtStart = new Float64Array(nNodes);
    this.cpuWaitingAtStart = new Float64Array(nNodes);
    this.poolWaitingAtStart = new Float64Array(nEdges);

    const buckets = options.seriesBuckets ?? 120;
    this.seriesInterval = this.endTime / buckets;
    this.series = {
      interval: this.seriesInterval,
      ok: new Array<number>(buckets).fill(0),
      ended: new Array<number>(buckets).fill(0),
      errors: new Array<number>(buckets).fill(0),
      p99: new Array<number>(buckets).fill(0),
      p95: new Array<number>(buckets).fill(0),
      nodes: this.nodes.map(() => ({
        waitingArea: new Array<number>(buckets).fill(0),
        busyArea: new Array<number>(buckets).fill(0),
        capacityArea: new Array<number>(buckets).fill(0),
        replicasArea: new Array<number>(buckets).fill(0),
      })),
    };
    this.seriesAreaMark = new Float64Array(nNodes * Q_COUNT);
    this.seriesOk = new Float64Array(buckets);
    this.seriesEnded = new Float64Array(buckets);
    this.seriesErrors = new Float64Array(buckets);

    this.timeline = model.events.length > 0 || model.nodes.some((n) => n.bypass) ? new Timeline(model, this.replicaBase, this.timelineHost(), this.endTime) : null;
    this.growVisits(1024);
    this.start();
  }

  // ---------------------------------------------------------------- setup

  private start(): void {
    const q = this.q;
    for (const n of this.nodes) {
      const base = this.replicaBase[n.index]!;
      if (n.kind === NodeKind.Source) {
        this.startSource(n);
        continue;
      }
      if (n.kind === NodeKind.Queue) {
        this.rState[base] = R_SERVING;
        continue;
      }
      for (let g = 0; g < n.groups; g++) {
        for (let r = 0; r < n.replicas; r++) this.rState[base + g * n.slots + r] = R_SERVING;
      }
      this.bump(n.index, Q_REPLICAS, n.replicas);
      if (n.workers !== Infinity) this.bump(n.index, Q_CAP_W, n.replicas * n.groups * n.workers);
      if (n.cpus !== Infinity) this.bump(n.index, Q_CAP_C, n.replicas * n.groups * n.cpus);
      this.tokens[n.index] = n.rateLimitBurst;
      if (n.autoscale) q.schedule(n.autoscale.interval, E_AUTOSCALE, n.index, 0);
    }
    this.model.faults.forEach((f, i) => q.schedule(f.at, E_FAULT_START, i, 0));
    if (this.timeline !== null) this.timeline.start();
    if (this.windowStart > 0) q.schedule(this.windowStart, E_WINDOW_START, 0, 0);
    else this.openWindow();
    // One sample event at a time: a heap holding every future sample would make each
    // push and pop of the busy events deeper for nothing.
    if (this.series.ok.length > 1) q.schedule(this.seriesInterval, E_SAMPLE, 1, 0);
  }

  private startSource(n: CompiledNode): void {
    const s = n.source!;
    const rng = this.arrivalRng[n.index]!;
    if (s.arrival === ArrivalKind.Closed) {
      const count = this.userCounts[n.index];
      const users = count ? count.count : s.users;
      this.usersPresent[n.index] = users;
      for (let u = 0; u < users; u++) this.q.schedule(sample(s.thinkTime[0]!, rng), E_THINK_DONE, n.index, 0);
      if (count) this.scheduleUsersChange(n.index, count, 0);
      return;
    }
    if (s.arrival === ArrivalKind.Bursty) this.burstSwitchAt[n.index] = -s.burstEvery * log(rng.nextOpen());
    const t = this.nextArrivalTime(n, 0);
    if (t < Infinity) this.q.schedule(t, E_SOURCE_NEXT, n.index, 0);
  }

  private nextArrivalTime(n: CompiledNode, from: number): number {
    const s = n.source!;
    const rng = this.arrivalRng[n.index]!;
    const profile = this.profiles[n.index];
    if (s.arrival === ArrivalKind.Constant) return profile ? profile.advance(from, s.rate, 1) : from + 1 / s.rate;
    if (s.arrival === ArrivalKind.Poisson) {
      const amount = -log(rng.nextOpen());
      return profile ? profile.advance(from, s.rate, amount) : from + amount / s.rate;
    }
    // Bursty (Markov-modulated Poisson): memorylessness lets us redraw at each switch.
    let t = from;
    for (;;) {
      const rate = this.burstState[n.index] === 1 ? s.burstRate : s.rate;
      const amount = -log(rng.nextOpen());
      const next = profile ? profile.advance(t, rate, amount) : t + amount / rate;
      const switchAt = this.burstSwitchAt[n.index]!;
      if (next <= switchAt) return next;
      t = switchAt;
      const bursting = this.burstState[n.index] === 0;
      this.burstState[n.index] = bursting ? 1 : 0;
      this.burstSwitchAt[n.index] = t - (bursting ? s.burstLength : s.burstEvery) * log(rng.nextOpen());
      if (t >= this.endTime) return Infinity;
    }
  }

  // ---------------------------------------------------------------- running

  /**
   * Processes up to `maxEvents` events. Returns true when the replication is over.
   * Chunking lets hosts report progress and honour cancellation between chunks.
   */
  run(maxEvents: number): boolean {
    const q = this.q;
    const end = this.endTime;
    let budget = maxEvents;
    while (budget-- > 0) {
      if (!q.next(end)) {
        this.finish();
        return true;
      }
      const a = q.a;
      const b = q.b;
      if (q.now !== this.instant) {
        this.instant = q.now;
        this.eventsThisInstant = 0;
      } else if (++this.eventsThisInstant > maxEventsPerInstant) {
        this.stopZeroTimeLoop(q.kind, a);
        return true;
      }
      switch (q.kind) {
        case E_ARRIVE:
          if (this.vGen[a] === b) {
            // After the wire (an edge's latency) the visit's stay at the callee begins now, not when it was sent.
            this.vArrive[a] = q.now;
            this.arrive(a);
          }
          break;
        case E_WORK_DONE:
          if (this.vGen[a] === b) this.workDone(a);
          break;
        case E_SOURCE_NEXT:
          this.sourceArrival(a);
          break;
        case E_THINK_DONE:
          if (this.usersLeaving[a]! > 0) this.userLeaves(a);
          else this.newRequest(this.nodes[a]!);
          break;
        case E_CALL_TIMEOUT:
          this.callDeadlines(a);
          break;
        case E_RETRY:
          if (this.vGen[a] === b) this.startTry(a);
          break;
        case E_CLIENT_TIMEOUT:
          this.clientDeadlines(a);
          break;
        case E_ACCEPTED:
          if (this.vGen[a] === b) this.accepted(a);
          break;
        case E_AUTOSCALE:
          this.autoscale(this.nodes[a]!);
          break;
        case E_REPLICA_READY:
          if (this.rEpoch[a] === b && this.rState[a] === R_STARTING) this.replicaReady(a);
          break;
        case E_FAULT_START:
          this.faultStart(a);
          break;
        case E_FAULT_END:
          this.faultEnd(a);
          break;
        case E_WINDOW_START:
          this.openWindow();
          break;
        case E_SAMPLE:
          this.closeBucket(a);
          if (this.screenStop !== null && this.measuring && this.stopScreen(this.screenStop)) return true;
          break;
        case E_POOL_TIMEOUT:
          this.poolDeadlines(a);
          break;
        case E_USERS:
          this.usersChange(a);
          break;
        case E_TIMELINE:
          this.timeline!.step(a, b);
          break;
      }
      if (this.live > overloadWindowVisits) {
        if (!this.measuring) {
          this.windowStart = this.q.now;
          this.warmupCutShort = true;
          this.openWindow();
        }
        if (this.live > maxLiveVisits) {
          this.stopEarly();
          return true;
        }
      }
    }
    return false;
  }

  get now(): number {
    return this.q.now;
  }

  /** Every key of a keyed cache gone at once, for tests that flush mid-run by hand (the timeline's `flush` goes through `flushShare`); a node without `keys` has none to lose. */
  flushKeys(node: number): void {
    this.keyed[node]?.flushKeys();
  }

  /** A flush event's share of a keyed cache's keys, chosen by this replication's salt for the event, kept out until `until`. */
  private flushShare(node: number, event: number, share: number, until: number): void {
    this.keyed[node]?.flush(share, flushSalt(this.model.seed + this.replication, this.replication, this.nodes[node]!.id, event), until, this.q.now);
  }

  private stopEarly(): void {
    let worst = this.nodes[0]!;
    let most = -1;
    for (const n of this.nodes) {
      const waiting = this.qValue[n.index * Q_COUNT + Q_WAITING]!;
      if (waiting > most) {
        most = waiting;
        worst = n;
      }
    }
    this.earlyStop = { at: this.q.now, limit: maxLiveVisits, node: worst.id, waiting: most };
    this.stoppedEarly = `stopped at t=${this.q.now.toFixed(1)} s with more than ${maxLiveVisits.toLocaleString('en-US')} requests in the system; ${worst.id} had ${most} waiting`;
    this.finish();
  }

  /** Ends a screening run whose SLO is already settled as missed by far (screenStop.ts); true when it did. */
  private stopScreen(rule: ScreenStop): boolean {
    const why = rule.check({ now: this.q.now, endTime: this.endTime, latency: this.latency, ok: this.ok, ended: this.ended, rootsLive: this.rootsLive });
    if (why === null) return false;
    this.screenStopped = true;
    this.stoppedEarly = `stopped at t=${this.q.now.toFixed(1)} s: ${why}`;
    this.finish();
    return true;
  }

  /** Ends a run whose clock stands still, naming the node of the event that went over the budget. */
  private stopZeroTimeLoop(kind: number, a: number): void {
    const visitEvent = kind === E_ARRIVE || kind === E_WORK_DONE || kind === E_RETRY || kind === E_ACCEPTED;
    const nodeEvent = kind === E_SOURCE_NEXT || kind === E_THINK_DONE || kind === E_USERS;
    const node = this.nodes[visitEvent ? this.vNode[a]! : nodeEvent ? a : 0]!;
    this.zeroTimeLoop = { at: this.q.now, events: maxEventsPerInstant, node: node.id };
    this.stoppedEarly = `stopped at t=${this.q.now.toFixed(1)} s: more than ${maxEventsPerInstant.toLocaleString('en-US')} events at one instant (a loop of zero-time steps through ${node.id})`;
    this.finish();
  }

  // ---------------------------------------------------------------- visits

  private growVisits(capacity: number): void {
    const old = this.cap;
    const grow32 = (a: Int32Array) => {
      const b = new Int32Array(capacity);
      b.set(a);
      return b;
    };
    const grow8 = (a: Uint8Array) => {
      const b = new Uint8Array(capacity);
      b.set(a);
      return b;
    };
    const grow64 = (a: Float64Array) => {
      const b = new Float64Array(capacity);
      b.set(a);
      return b;
    };
    this.vNode = grow32(this.vNode);
    this.vReplica = grow32(this.vReplica);
    this.vClass = grow32(this.vClass);
    this.vParent = grow32(this.vParent);
    this.vParentGen = grow32(this.vParentGen);
    this.vSource = grow32(this.vSource);
    this.vGen = grow32(this.vGen);
    this.vSerial = grow32(this.vSerial);
    this.vNext = grow32(this.vNext);
    this.vCursor = grow32(this.vCursor);
    this.vCallsLeft = grow32(this.vCallsLeft);
    this.vEdge = grow32(this.vEdge);
    this.vTry = grow32(this.vTry);
    this.vState = grow8(this.vState);
    this.vFlags = grow8(this.vFlags);
    this.vArrive = grow64(this.vArrive);
    this.vMark = grow64(this.vMark);
    this.vHolding = grow32(this.vHolding);
    this.vKey = grow32(this.vKey);
    this.vKey.fill(-1, old);
    if (this.tracer !== null) this.tracer.grow(capacity);
    if (this.completion !== null) this.completion.grow(capacity);
    for (let i = capacity - 1; i >= old; i--) {
      this.vNext[i] = this.freeHead;
      this.freeHead = i;
    }
    this.cap = capacity;
  }

  private newVisit(node: number, cls: number, parent: number, flags: number): number {
    if (this.freeHead < 0) this.growVisits(this.cap * 2);
    const v = this.freeHead;
    this.freeHead = this.vNext[v]!;
    this.vNext[v] = -1;
    this.vNode[v] = node;
    this.vClass[v] = cls;
    this.vParent[v] = parent;
    this.vParentGen[v] = parent >= 0 ? this.vGen[parent]! : 0;
    this.vSerial[v] = ++this.serial;
    // The call cursor, calls left and try count are set when calls begin.
    this.vReplica[v] = -1;
    this.vEdge[v] = -1;
    this.vHolding[v] = -1;
    this.vFlags[v] = flags;
    this.vState[v] = S_PENDING;
    this.vArrive[v] = this.q.now;
    this.live++;
    if (this.completion !== null) this.completion.opened(v, parent, parent >= 0 ? this.vNode[parent]! : -1);
    if (this.tracer !== null) {
      if (flags & F_MEMBER) this.tracer.member(v, parent);
      else this.tracer.opened(v, parent, (flags & (F_ROOT | F_REQUEST)) !== 0, (flags & F_ROOT) !== 0, this.measuring, this.q.now);
    }
    return v;
  }

  private freeVisit(v: number): void {
    if (this.completion !== null) this.completion.freed(v, this.q.now);
    this.vGen[v] = (this.vGen[v]! + 1) | 0;
    this.vState[v] = S_FREE;
    this.vNext[v] = this.freeHead;
    this.freeHead = v;
    this.live--;
  }

  // ---------------------------------------------------------------- statistics

  private bump(node: number, quantity: number, delta: number): void {
    this.bumpAt(node * Q_COUNT + quantity, delta);
  }

  private bumpAt(i: number, delta: number): void {
    const now = this.q.now;
    this.qArea[i] += this.qValue[i]! * (now - this.qLast[i]!);
    this.qLast[i] = now;
    this.qValue[i] += delta;
  }

  private areaNow(i: number): number {
    return this.qArea[i]! + this.qValue[i]! * (this.q.now - this.qLast[i]!);
  }

  private areaSinceWindow(i: number): number {
    return this.areaNow(i) - this.qAreaAtStart[i]!;
  }

  /**
   * Moves a visit's held worker to another holding quantity (-1: none, or its own work,
   * which the busy-CPU integral already counts). Only a visit that holds a worker is
   * counted, so a cache's miss, which gives its worker back before calling, is not.
   */
  private holding(v: number, quantity: number): void {
    const was = this.vHolding[v]!;
    if (was === quantity) return;
    if (was >= 0) this.bumpAt(was, -1);
    if (quantity >= 0 && this.vFlags[v]! & F_HOLDS_WORKER) {
      this.bumpAt(quantity, 1);
      this.vHolding[v] = quantity;
    } else this.vHolding[v] = -1;
  }

  private callHolding(e: CompiledEdge): number {
    return this.nodes.length * Q_COUNT + e.index;
  }

  private poolInUse(e: CompiledEdge): number {
    return this.nodes.length * Q_COUNT + this.edges.length + e.index;
  }

  private groupHolding(group: number): number {
    return this.nodes.length * Q_COUNT + 2 * this.edges.length + group;
  }

  private openWindow(): void {
    // The scheduled warm-up end after an overload already opened the window.
    if (this.measuring) return;
    this.measuring = true;
    for (let i = 0; i < this.qArea.length; i++) this.qAreaAtStart[i] = this.areaNow(i);
    for (const n of this.nodes) {
      this.waitingAtStart[n.index] = this.waitingOf(n);
      this.inFlightAtStart[n.index] = this.qValue[n.index * Q_COUNT + Q_IN_FLIGHT]!;
      this.cpuWaitingAtStart[n.index] = this.cpuWaitingOf(n);
    }
    for (const e of this.edges) this.poolWaitingAtStart[e.index] = this.poolWaitingOf(e);
    this.rootsLiveAtStart.set(this.rootsLive);
  }

  /** Number waiting for a worker; for a broker its backlog (both are kept in Q_WAITING). */
  private waitingOf(n: CompiledNode): number {
    return this.qValue[n.index * Q_COUNT + Q_WAITING]!;
  }

  /** Number holding a worker while they wait for a CPU (every such visit holds one, so the holding count is it). */
  private cpuWaitingOf(n: CompiledNode): number {
    return this.qValue[n.index * Q_COUNT + Q_HELD_CPU_WAIT]!;
  }

  /**
   * Number waiting for a slot of the edge's pool, held worker or not (a cache's miss waits
   * without one). Walked rather than kept, because it is read only when the window opens
   * and closes, and the hot loop should not pay for it.
   */
  private poolWaitingOf(e: CompiledEdge): number {
    if (e.pool === Infinity) return 0;
    let count = 0;
    const first = this.poolBase[e.index]!;
    const slots = this.replicaBase[e.from + 1]! - this.replicaBase[e.from]!;
    for (let p = first; p < first + slots; p++) for (let v = this.pHead[p]!; v >= 0; v = this.vNext[v]!) count++;
    return count;
  }


  private closeBucket(next: number): void {
    const b = next - 1;
    this.bucket = next;
    if (next + 1 < this.series.ok.length) this.q.schedule((next + 1) * this.seriesInterval, E_SAMPLE, next + 1, 0);
    const s = this.series;
    closeBucketPercentiles(this.bucketLatency, s, b);
    for (const n of this.nodes) {
      const base = n.index * Q_COUNT;
      const sn = s.nodes[n.index]!;
      const waitingArea = this.areaNow(base + Q_WAITING);
      const busyArea = this.areaNow(base + (n.workers === Infinity ? Q_IN_FLIGHT : Q_BUSY_W));
      const capArea = this.areaNow(base + Q_CAP_W);
      const replicasArea = this.areaNow(base + Q_REPLICAS);
      sn.waitingArea[b] = waitingArea - this.seriesAreaMark[base + Q_WAITING]!;
      sn.busyArea[b] = busyArea - this.seriesAreaMark[base + Q_BUSY_W]!;
      sn.capacityArea[b] = capArea - this.seriesAreaMark[base + Q_CAP_W]!;
      sn.replicasArea[b] = replicasArea - this.seriesAreaMark[base + Q_REPLICAS]!;
      this.seriesAreaMark[base + Q_WAITING] = waitingArea;
      this.seriesAreaMark[base + Q_BUSY_W] = busyArea;
      this.seriesAreaMark[base + Q_CAP_W] = capArea;
      this.seriesAreaMark[base + Q_REPLICAS] = replicasArea;
    }
  }

  // ---------------------------------------------------------------- sources

  private sourceArrival(node: number): void {
    const n = this.nodes[node]!;
    this.newRequest(n);
    const s = n.source!;
    // The common case (Poisson, no profile) inline; everything else in nextArrivalTime.
    const t =
      s.arrival === ArrivalKind.Poisson && this.profiles[node] === null
        ? this.q.now - log(this.arrivalRng[node]!.nextOpen()) / s.rate
        : this.nextArrivalTime(n, this.q.now);
    if (t < this.endTime) this.q.schedule(t, E_SOURCE_NEXT, node, 0);
  }

  private newRequest(n: CompiledNode): void {
    const s = n.source!;
    let cls = s.mixClass[0]!;
    if (s.mixClass.length > 1) {
      const u = this.routeRng[n.index]!.next();
      let k = 0;
      while (k < s.mixCumulative.length - 1 && u >= s.mixCumulative[k]!) k++;
      cls = s.mixClass[k]!;
    }
    const direct = this.directEdge[n.index * this.nClasses + cls]!;
    if (direct >= 0) {
      this.directRequest(n, cls, this.edges[direct]!);
      return;
    }
    const v = this.newVisit(n.index, cls, -1, F_ROOT | F_SYNC_PATH);
    if (this.completion !== null) this.completion.began(v, n.index, cls, this.q.now);
    this.rootsLive[cls]++;
    this.vReplica[v] = this.replicaBase[n.index]!;
    if (this.measuring) {
      this.created[cls]++;
      this.counters[n.index]!.arrivals++;
    }
    if (s.timeout !== Infinity) {
      const ring = this.clientTimeouts[n.index]!;
      ring.push(this.q.now + s.timeout, v, this.vSerial[v]!);
      this.arm(ring, E_CLIENT_TIMEOUT, n.index);
    }
    this.vState[v] = S_WORKING;
    this.beginCalls(v);
  }

  /**
   * A request whose only hop is its visit at the callee: the same counts, draws and
   * events as a visit at the source making the call, without that visit.
   */
  private directRequest(n: CompiledNode, cls: number, e: CompiledEdge): void {
    this.rootsLive[cls]++;
    if (this.measuring) {
      this.created[cls]++;
      this.counters[n.index]!.arrivals++;
      this.edgeCalls[e.index]++;
    }
    const v = this.newVisit(e.to, cls, -1, F_SYNC_PATH | F_REQUEST);
    if (this.completion !== null) this.completion.began(v, n.index, cls, this.q.now);
    this.vSource[v] = n.index;
    // The visit the source would have had counts as live too, so overload limits trip where they did.
    this.live++;
    this.arrive(v);
  }

  /** A request ended at its source, however it ended. */
  private requestEnded(source: number, cls: number, arrivedAt: number, outcome: number): void {
    const node = this.nodes[source]!;
    const now = this.q.now;
    this.rootsLive[cls]--;
    if (this.measuring) {
      this.ended[cls]++;
      if (outcome === OK) {
        this.ok[cls]++;
        this.latency[cls]!.record(now - arrivedAt);
      } else this.causes[cls * 4 + outcome]++;
    }
    const b = this.bucket;
    this.seriesEnded[b]++;
    if (outcome === OK) {
      this.seriesOk[b]++;
      this.bucketLatency.record(now - arrivedAt);
    } else this.seriesErrors[b]++;
    const s = node.source!;
    if (s.arrival === ArrivalKind.Closed) {
      if (this.usersLeaving[source]! > 0) this.userLeaves(source);
      else this.q.schedule(now + sample(s.thinkTime[cls]!, this.arrivalRng[node.index]!), E_THINK_DONE, node.index, 0);
    }
  }

  /**
   * The profile changes a closed source's user count. New users start with a think time,
   * as the first ones do; when the count drops, users leave at their next boundary (a
   * request ended, answered or failed, or a think time ended), so no request in flight is cut.
   */
  private usersChange(node: number): void {
    const count = this.userCounts[node]!;
    const target = count.take();
    let present = this.usersPresent[node]! - this.usersLeaving[node]!;
    if (target < present) this.usersLeaving[node] += present - target;
    else {
      // Users about to leave stay first, then new ones come.
      const stay = Math.min(this.usersLeaving[node]!, target - present);
      this.usersLeaving[node] -= stay;
      present += stay;
      const s = this.nodes[node]!.source!;
      const rng = this.arrivalRng[node]!;
      for (; present < target; present++) {
        this.usersPresent[node]++;
        this.q.schedule(this.q.now + sample(s.thinkTime[0]!, rng), E_THINK_DONE, node, 0);
      }
    }
    this.scheduleUsersChange(node, count, this.q.now);
  }

  private scheduleUsersChange(node: number, count: UserCount, from: number): void {
    const t = count.next(from);
    if (t < this.endTime) this.q.schedule(t, E_USERS, node, 0);
  }

  private userLeaves(node: number): void {
    this.usersLeaving[node]--;
    this.usersPresent[node]--;
  }

  // ---------------------------------------------------------------- arrival and service

  private arrive(v: number): void {
    const node = this.vNode[v]!;
    const n = this.nodes[node]!;
    this.events++;
    const c = this.counters[node]!;
    if (this.measuring) c.arrivals++;
    this.arrivalsSeen[node]++;
    if (n.kind === NodeKind.Queue) {
      this.arriveAtBroker(v, n);
      return;
    }
    if (n.rateLimitRate !== Infinity && !this.takeToken(n)) {
      this.reject(v, n);
      return;
    }
    const r = this.chooseReplica(n, this.vClass[v]!, false);
    if (r < 0) {
      if (this.timeline !== null && this.timeline.noReplica(v, n)) return;
      if (this.measuring) c.failed++;
      this.vState[v] = S_WORKING;
      this.endVisit(v, FAILED);
      return;
    }
    this.vReplica[v] = r;
    this.rIn[r]++;
    this.bump(node, Q_IN_FLIGHT, 1);
    if (this.rBusyW[r]! < n.workers) {
      this.takeWorker(v, n, r);
    } else if (this.rWaitLen[r]! < n.queue) {
      this.appendWaiting(v, r);
      this.rWaitLen[r]++;
      this.bump(node, Q_WAITING, 1);
    } else if (n.shedOldest && this.rWaitLen[r]! > 0) {
      this.shedOldest(v, n, r);
    } else {
      this.rIn[r]--;
      this.bump(node, Q_IN_FLIGHT, -1);
      this.vReplica[v] = -1;
      this.reject(v, n);
    }
  }

  /**
   * `shed: "oldest"`: the arrival takes the last place of the full queue and the request
   * that has waited longest leaves it rejected, so the queue's length (and the node's
   * rejections) are as with `newest`; only which request is refused differs.
   */
  private shedOldest(v: number, n: CompiledNode, r: number): void {
    const old = this.rWaitHead[r]!;
    const after = this.vNext[old]!;
    this.rWaitHead[r] = after;
    if (after < 0) this.rWaitTail[r] = -1;
    this.appendWaiting(v, r);
    this.rIn[r]--;
    this.bump(n.index, Q_IN_FLIGHT, -1);
    this.vReplica[old] = -1;
    this.reject(old, n);
  }

  /** Puts a visit last in its replica's line for a worker (the caller counts it). */
  private appendWaiting(v: number, r: number): void {
    this.vState[v] = S_WAIT_WORKER;
    this.vNext[v] = -1;
    const tail = this.rWaitTail[r]!;
    if (tail < 0) this.rWaitHead[r] = v;
    else this.vNext[tail] = v;
    this.rWaitTail[r] = v;
  }

  private reject(v: number, n: CompiledNode): void {
    if (this.measuring) this.counters[n.index]!.rejected++;
    this.vState[v] = S_WORKING;
    this.endVisit(v, REJECTED);
  }

  private takeToken(n: CompiledNode): boolean {
    const i = n.index;
    const now = this.q.now;
    const tokens = Math.min(n.rateLimitBurst, this.tokens[i]! + (now - this.tokensAt[i]!) * n.rateLimitRate);
    this.tokensAt[i] = now;
    if (tokens >= 1 - 1e-9) {
      this.tokens[i] = tokens - 1;
      return true;
    }
    this.tokens[i] = tokens;
    return false;
  }

  private takeWorker(v: number, n: CompiledNode, r: number): void {
    const now = this.q.now;
    this.rBusyW[r]++;
    this.bump(n.index, Q_BUSY_W, 1);
    this.vFlags[v] |= F_HOLDS_WORKER;
    if (this.measuring) {
      const c = this.counters[n.index]!;
      c.waitSum += now - this.vArrive[v]!;
      c.waitCount++;
    }
    this.needCpu(v, n, r);
  }

  /** A visit holding a worker starts its own work, or waits for a CPU of its replica. */
  private needCpu(v: number, n: CompiledNode, r: number): void {
    if (n.host >= 0) this.needHostCpu(v, n, r);
    else if (this.rBusyC[r]! < n.cpus) this.takeCpu(v, n, r);
    else {
      this.vState[v] = S_WAIT_CPU;
      this.holding(v, n.index * Q_COUNT + Q_HELD_CPU_WAIT);
      this.vMark[v] = this.q.now;
      this.vNext[v] = -1;
      const tail = this.rCpuTail[r]!;
      if (tail < 0) this.rCpuHead[r] = v;
      else this.vNext[tail] = v;
      this.rCpuTail[r] = v;
    }
  }

  private takeCpu(v: number, n: CompiledNode, r: number): void {
    const now = this.q.now;
    if (this.vState[v] === S_WAIT_CPU && this.measuring) {
      const c = this.counters[n.index]!;
      c.cpuWaitSum += now - this.vMark[v]!;
      c.cpuWaitCount++;
    } else if (this.measuring) this.counters[n.index]!.cpuWaitCount++;
    this.holding(v, -1);
    this.rBusyC[r]++;
    this.bump(n.index, Q_BUSY_C, 1);
    this.vFlags[v] |= F_HOLDS_CPU;
    this.vState[v] = S_WORKING;
    if (this.tracer !== null) this.tracer.working(v, now);
    const cls = this.vClass[v]!;
    const d = (this.vFlags[v]! & F_BACKGROUND) === 0 ? n.work[cls]! : n.background![cls]!;
    let time = sample(d, this.serviceRng[n.index]!);
    if (n.contended) {
      // n counts the visits of this replica doing their own work, this one included, as it starts.
      const k = this.rBusyC[r]!;
      const stretched = time * (1 + n.serial * (k - 1) + n.crosstalk * k * (k - 1));
      if (this.measuring) {
        const c = this.counters[n.index]!;
        c.ownDrawn += time;
        c.ownStretched += stretched;
      }
      time = stretched;
    }
    if (n.speed !== null) time /= n.speed[(r - this.replicaBase[n.index]!) % n.slots]!;
    if (this.timeline !== null) time *= this.timeline.workScale(r, now);
    this.q.schedule(now + time, E_WORK_DONE, v, this.vGen[v]!);
  }

  private releaseCpu(n: CompiledNode, r: number): void {
    if (n.host >= 0) {
      this.releaseHostCpu(n, r);
      return;
    }
    this.rBusyC[r]--;
    this.bump(n.index, Q_BUSY_C, -1);
    const next = this.rCpuHead[r]!;
    if (next >= 0) {
      const after = this.vNext[next]!;
      this.rCpuHead[r] = after;
      if (after < 0) this.rCpuTail[r] = -1;
      this.takeCpu(next, n, r);
    }
  }

  /**
   * Own work on a shared host (`hosts.ts`): one of the replica's own `cpus` first, counting
   * its visits in the host's line, else the replica's line; then a CPU of the host copy,
   * else the host's line, one for all its nodes.
   */
  private needHostCpu(v: number, n: CompiledNode, r: number): void {
    const hosts = this.hosts!;
    if (this.rBusyC[r]! + hosts.waiting[r]! >= n.cpus) {
      this.startCpuWait(v, n);
      hosts.pushReplica(r, v, this.vNext, this.rCpuHead, this.rCpuTail);
      return;
    }
    const copy = hosts.copyOf[r]!;
    if (hosts.free[copy]! > 0) {
      hosts.free[copy]--;
      this.takeCpu(v, n, r);
      return;
    }
    this.startCpuWait(v, n);
    hosts.waiting[r]++;
    hosts.push(copy, v, this.vNext);
  }

  /** A visit starts waiting for a CPU; one coming from its replica's line to the host's keeps its first mark, so its wait counts both. */
  private startCpuWait(v: number, n: CompiledNode): void {
    if (this.vState[v] === S_WAIT_CPU) return;
    this.vState[v] = S_WAIT_CPU;
    this.holding(v, n.index * Q_COUNT + Q_HELD_CPU_WAIT);
    this.vMark[v] = this.q.now;
  }

  private releaseHostCpu(n: CompiledNode, r: number): void {
    const hosts = this.hosts!;
    this.rBusyC[r]--;
    this.bump(n.index, Q_BUSY_C, -1);
    this.giveHostCpu(hosts.copyOf[r]!);
    // The replica's own limit may now let the first of its line on to the host.
    if (this.rBusyC[r]! + hosts.waiting[r]! < n.cpus) {
      const next = hosts.popReplica(r, this.vNext, this.rCpuHead, this.rCpuTail);
      if (next >= 0) this.needHostCpu(next, n, r);
    }
  }

  /** A host CPU comes free: the first in the host's line takes it, whichever node it is of. */
  private giveHostCpu(copy: number): void {
    const hosts = this.hosts!;
    const w = hosts.pop(copy, this.vNext);
    if (w < 0) {
      hosts.free[copy]++;
      return;
    }
    const wr = this.vReplica[w]!;
    hosts.waiting[wr]--;
    this.takeCpu(w, this.nodes[this.vNode[w]!]!, wr);
  }

  private workDone(v: number): void {
    const node = this.vNode[v]!;
    const n = this.nodes[node]!;
    const r = this.vReplica[v]!;
    const now = this.q.now;
    this.vFlags[v] &= ~F_HOLDS_CPU;
    if (this.tracer !== null) this.tracer.worked(v, now);
    this.releaseCpu(n, r);
    if (this.vFlags[v]! & F_BACKGROUND) {
      this.backgroundDone(v, n, r);
      return;
    }
    if (this.measuring && this.vFlags[v]! & F_SYNC_PATH) {
      this.classExclusive[node * this.nClasses + this.vClass[v]!] += now - this.vArrive[v]!;
    }
    if (n.kind === NodeKind.Cache) {
      const c = this.counters[node]!;
      // With `keys` the lookup draws a key and hits when it is present; otherwise a fixed share hits.
      const keys = n.keys !== null ? this.keyed[node]! : null;
      const key = keys !== null ? keys.draw(this.routeRng[node]!) : -1;
      const hit = keys !== null ? keys.lookup(key, now) : this.routeRng[node]!.next() < n.hitRatio[this.vClass[v]!]! * (this.timeline === null ? 1 : this.timeline.hitScale(node, now));
      if (this.measuring) {
        c.lookups++;
        if (hit) c.hits++;
      }
      if (hit) {
        this.endVisit(v, OK);
        return;
      }
      // A miss gives the cache's worker back before the caller goes to the database.
      this.releaseWorker(v, n, r);
      if (keys !== null) {
        this.vKey[v] = key;
        // Single flight with a load of this key in flight: wait for it rather than load again.
        if (keys.join(key, v, this.vNext)) {
          this.vState[v] = S_KEY_WAIT;
          return;
        }
      }
    }
    this.beginCalls(v);
  }

  /**
   * A keyed cache's miss ends: a load that answered OK stores its key; a single-flight
   * load hands back its waiters (−1: none) to be given its outcome; a waiter that ends
   * first (its replica failed) leaves the key's list.
   */
  private keyedEnd(v: number, keys: KeyedCache, state: number, outcome: number): number {
    const key = this.vKey[v]!;
    this.vKey[v] = -1;
    if (state === S_KEY_WAIT) {
      keys.leave(key, v, this.vNext);
      return -1;
    }
    if (outcome === OK) keys.store(key, this.q.now);
    return keys.settle(key);
  }

  /** The waiters of a single-flight load share its outcome (as Go's singleflight.Do gives every caller the first one's result). */
  private wakeKeyWaiters(first: number, outcome: number): void {
    let w = first;
    while (w >= 0) {
      const next = this.vNext[w]!;
      this.vKey[w] = -1;
      this.vNext[w] = -1;
      this.endVisit(w, outcome);
      w = next;
    }
  }

  /**
   * The worker of a visit that answered OK goes on with the service's `background` work:
   * a visit of its own that keeps the worker (and the replica occupied) and needs a CPU.
   */
  private startBackground(n: CompiledNode, r: number, cls: number): void {
    const b = this.newVisit(n.index, cls, -1, F_HOLDS_WORKER | F_BACKGROUND);
    this.vReplica[b] = r;
    this.rIn[r]++;
    this.needCpu(b, n, r);
  }

  private backgroundDone(v: number, n: CompiledNode, r: number): void {
    this.holding(v, -1);
    this.releaseWorker(v, n, r);
    this.rIn[r]--;
    if (this.rState[r] === R_DRAINING && this.rIn[r] === 0) this.retireReplica(n, r);
    this.freeVisit(v);
  }

  private releaseWorker(v: number, n: CompiledNode, r: number): void {
    this.vFlags[v] &= ~F_HOLDS_WORKER;
    this.rBusyW[r]--;
    this.bump(n.index, Q_BUSY_W, -1);
    if (this.rState[r] !== R_SERVING && this.rState[r] !== R_DRAINING) return;
    if (n.codelInterval > 0) {
      this.codelRelease(n, r);
      return;
    }
    const next = this.rWaitHead[r]!;
    if (next >= 0) {
      const after = this.vNext[next]!;
      this.rWaitHead[r] = after;
      if (after < 0) this.rWaitTail[r] = -1;
      this.rWaitLen[r]--;
      this.bump(n.index, Q_WAITING, -1);
      this.takeWorker(next, n, r);
    } else if (n.fedBy.length > 0 && this.rState[r] === R_SERVING) {
      this.pullMessage(n, r);
    }
  }

  /**
   * `shed: {"codel": …}`: the freed worker takes its next request by CoDel (codel.ts). The
   * requests CoDel drops leave rejected, counted in the node's `rejected`, once the worker
   * has its request, so what their callers do next sees a consistent replica.
   */
  private codelRelease(n: CompiledNode, r: number): void {
    const c = this.codel!;
    const waiting = this.rWaitLen[r]!;
    const next = codelTake(c, r, this.q.now, n.codelTarget, n.codelInterval, this.vNext, this.vArrive);
    if (waiting > this.rWaitLen[r]!) this.bump(n.index, Q_WAITING, this.rWaitLen[r]! - waiting);
    if (next >= 0) this.takeWorker(next, n, r);
    else if (n.fedBy.length > 0 && this.rState[r] === R_SERVING) this.pullMessage(n, r);
    let d = c.droppedHead;
    while (d >= 0) {
      const after = this.vNext[d]!;
      this.rIn[r]--;
      this.bump(n.index, Q_IN_FLIGHT, -1);
      this.vReplica[d] = -1;
      this.reject(d, n);
      d = after;
    }
  }

  // ---------------------------------------------------------------- calls

  private beginCalls(v: number): void {
    this.vCursor[v] = -1;
    this.vCallsLeft[v] = 0;
    this.nextCall(v);
  }

  /** Makes the visit's next call in edge order, or completes it when none is left. */
  private nextCall(v: number): void {
    if (this.vFlags[v]! & F_MEMBER) {
      this.memberNextCall(v);
      return;
    }
    const n = this.nodes[this.vNode[v]!]!;
    const list = n.callsByClass[this.vClass[v]!]!;
    for (;;) {
      let left = this.vCallsLeft[v]!;
      while (left <= 0) {
        const cursor = this.vCursor[v]! + 1;
        if (cursor >= list.length) {
          this.endVisit(v, OK);
          return;
        }
        this.vCursor[v] = cursor;
        const e = this.edges[list[cursor]!]!;
        if (e.group >= 0) {
          this.startGroup(v, list, cursor, e.group);
          return;
        }
        left = e.callsExtra === 0 ? e.callsWhole : this.drawCalls(e);
      }
      this.vCallsLeft[v] = left - 1;
      const e = this.edges[list[this.vCursor[v]!]!]!;
      if (this.measuring) this.edgeCalls[e.index]++;
      if (!e.sync) {
        if (this.tracer !== null) this.tracer.from(v);
        if (this.completion !== null) this.completion.from(v, n.index);
        this.send(e, -1, this.vClass[v]!, 0);
        if (this.tracer !== null) this.tracer.from(-1);
        if (this.completion !== null) this.completion.from(-1, -1);
        continue;
      }
      this.vEdge[v] = e.index;
      this.vTry[v] = 0;
      const budget = this.budgets[e.index];
      if (budget !== null) budget.call(this.q.now);
      this.startTry(v);
      return;
    }
  }

  /**
   * Sends every member of the group at `first` in the visit's call list at once. The caller
   * waits (holding its worker, if it has one) until enough members answered OK — all, one,
   * or the quorum — or so many failed that this can no longer happen; the member whose
   * failure decides it gives the caller its outcome. Members left running go on to their
   * end, retries included (as `asyncio.gather` leaves its other awaitables running), and
   * their answers are ignored: the caller's generation moves on when the group is settled.
   */
  private startGroup(v: number, list: Int32Array, first: number, group: number): void {
    let end = first + 1;
    while (end < list.length && this.edges[list[end]!]!.group === group) end++;
    const size = end - first;
    const g = this.model.groups[group]!;
    const need = g.join === Join.All ? size : g.join === Join.Any ? 1 : Math.min(g.quorum, size);
    this.vCursor[v] = end - 1;
    this.vCallsLeft[v] = need;
    this.vTry[v] = size - need;
    this.vState[v] = S_GROUP;
    this.holding(v, this.groupHolding(group));
    // Every member exists before any is sent: an answer at once (a rejection) can settle the
    // group and move the caller on, and a member made after that would take the caller's
    // next step for its own. The members are chained through vNext until they start.
    const node = this.vNode[v]!;
    const cls = this.vClass[v]!;
    const flags = F_MEMBER | (this.vFlags[v]! & F_SYNC_PATH);
    let head = -1;
    let tail = -1;
    for (let i = first; i < end; i++) {
      const m = this.newVisit(node, cls, v, flags);
      this.vReplica[m] = this.vReplica[v]!;
      this.vEdge[m] = list[i]!;
      if (tail < 0) head = m;
      else this.vNext[tail] = m;
      tail = m;
    }
    for (let m = head; m >= 0; ) {
      const next = this.vNext[m]!;
      this.vNext[m] = -1;
      const e = this.edges[this.vEdge[m]!]!;
      this.vCallsLeft[m] = e.callsExtra === 0 ? e.callsWhole : this.drawCalls(e);
      this.vState[m] = S_WORKING;
      this.memberNextCall(m);
      m = next;
    }
  }

  /** A member makes its edge's calls one after another, then answers its caller. */
  private memberNextCall(m: number): void {
    const left = this.vCallsLeft[m]!;
    if (left <= 0) {
      this.endVisit(m, OK);
      return;
    }
    this.vCallsLeft[m] = left - 1;
    if (this.measuring) this.edgeCalls[this.vEdge[m]!]++;
    this.vTry[m] = 0;
    this.startTry(m);
  }

  /** A member of the group the caller waits on has ended. */
  private memberAnswered(v: number, outcome: number): void {
    if (outcome === OK) {
      const left = this.vCallsLeft[v]! - 1;
      this.vCallsLeft[v] = left;
      if (left > 0) return;
      this.vGen[v] = (this.vGen[v]! + 1) | 0;
      this.vState[v] = S_WORKING;
      this.nextCall(v);
      return;
    }
    const spare = this.vTry[v]! - 1;
    this.vTry[v] = spare;
    if (spare >= 0) return;
    this.vGen[v] = (this.vGen[v]! + 1) | 0;
    this.endVisit(v, outcome);
  }

  /** Calls of one visit over an edge whose count is not a whole number: a fraction's one more, or a geometric draw. */
  private drawCalls(e: CompiledEdge): number {
    const rng = this.callRng[e.index]!;
    if (e.callsExtra > 0) return e.callsWhole + (rng.next() < e.callsExtra ? 1 : 0);
    if (e.callsLogMore === -Infinity) return 0;
    // Geometric on {0, 1, …}: P(⌊ln U ÷ ln q⌋ ≥ n) = P(U ≤ qⁿ) = qⁿ, with q = mean ÷ (1 + mean).
    return Math.floor(log(rng.nextOpen()) / e.callsLogMore);
  }

  /**
   * A new visit arrives at the callee at once, or after the edge's wire time. Callers
   * must be in a consistent state before sending: a rejected or failed arrival answers
   * them synchronously.
   */
  private send(e: CompiledEdge, parent: number, cls: number, flags: number): void {
    const child = this.newVisit(e.to, cls, parent, flags);
    if (e.latency !== null) this.arriveAfterWire(e, child, cls);
    else this.arrive(child);
  }

  /** The visit reaches the callee after one draw of the edge's wire time. */
  private arriveAfterWire(e: CompiledEdge, child: number, cls: number): void {
    this.q.schedule(this.q.now + sample(e.latency![cls]!, this.latencyRng[e.index]!), E_ARRIVE, child, this.vGen[child]!);
  }

  private startTry(v: number): void {
    const e = this.edges[this.vEdge[v]!]!;
    const breaker = this.breakers[e.index];
    if (breaker !== null && !this.breakerAdmits(breaker, v)) {
      this.vState[v] = S_CALLING;
      this.tryEnded(v, e, FAILED, false);
      return;
    }
    if (e.pool !== Infinity) {
      const p = this.poolSlot(e, v);
      if (this.pInUse[p]! >= e.pool) {
        if (this.pWaitLen[p]! >= e.poolQueue) {
          this.poolRejects(v, e);
          return;
        }
        this.pWaitLen[p]++;
        if (e.poolTimeout !== Infinity) {
          const ring = this.poolTimeouts[e.index]!;
          ring.push(this.q.now + e.poolTimeout, v, this.vGen[v]!);
          this.arm(ring, E_POOL_TIMEOUT, e.index);
        }
        this.vState[v] = S_POOL_WAIT;
        this.holding(v, e.from * Q_COUNT + Q_HELD_POOL_WAIT);
        this.vMark[v] = this.q.now;
        this.vNext[v] = -1;
        const tail = this.pTail[p]!;
        if (tail < 0) this.pHead[p] = v;
        else this.vNext[tail] = v;
        this.pTail[p] = v;
        return;
      }
      this.pInUse[p]++;
      this.bumpAt(this.poolInUse(e), 1);
      this.vFlags[v] |= F_HOLDS_POOL;
    }
    this.sendTry(v, e);
  }

  /**
   * A bulkhead refuses the try: its pool's queue is full, or the wait reached the pool's
   * timeout. The try ends rejected (so retries and the breaker see it as any rejection),
   * and a backoff after it waits in the call's holding, as after a sent try.
   */
  private poolRejects(v: number, e: CompiledEdge): void {
    this.vState[v] = S_CALLING;
    this.holding(v, this.callHolding(e));
    this.tryEnded(v, e, REJECTED, true);
  }

  private poolDeadlines(edge: number): void {
    const ring = this.poolTimeouts[edge]!;
    ring.armed = false;
    const now = this.q.now;
    const e = this.edges[edge]!;
    while (ring.length > 0 && ring.peek() <= now) {
      const v = ring.headVisit();
      const gen = ring.headToken();
      ring.shift();
      // The same generation also covers the try the wait led to, so only a visit still waiting is refused.
      if (this.vGen[v] === gen && this.vState[v] === S_POOL_WAIT) {
        this.removeFromPoolQueue(v);
        this.poolRejects(v, e);
      }
    }
    this.arm(ring, E_POOL_TIMEOUT, edge);
  }

  private poolSlot(e: CompiledEdge, v: number): number {
    return this.poolBase[e.index]! + this.vReplica[v]! - this.replicaBase[e.from]!;
  }

  /**
   * Sends one try of a sync call. `deferred` makes the callee's arrival an event at this
   * instant instead of a direct call: a pool handing its slot down a long line of
   * waiters must not recurse once per waiter when each try fails at once.
   */
  private sendTry(v: number, e: CompiledEdge, deferred = false): void {
    this.vState[v] = S_CALLING;
    // Backing off before a retry stays in this holding too: the callee's answer is what it waits for.
    this.holding(v, this.callHolding(e));
    // The timeout first: if the callee answers at once, the answer moves the generation on
    // and leaves this timeout stale, as it should be.
    if (e.timeout !== Infinity) {
      const ring = this.callTimeouts[e.index]!;
      ring.push(this.q.now + e.timeout, v, this.vGen[v]!);
      this.arm(ring, E_CALL_TIMEOUT, e.index);
    }
    const cls = this.vClass[v]!;
    const child = this.newVisit(e.to, cls, v, this.vFlags[v]! & F_SYNC_PATH);
    // The whole wire time of the try (there and back) comes before the callee gets it; the caller's timeout, set above, counts it.
    if (e.latency !== null) this.arriveAfterWire(e, child, cls);
    else if (deferred) this.q.pushNow(E_ARRIVE, child, this.vGen[child]!);
    else this.arrive(child);
  }

  /** Gives a deadline ring one heap event, at its head, unless it has one. */
  private arm(ring: DeadlineRing, kind: number, index: number): void {
    if (ring.armed || ring.length === 0) return;
    ring.armed = true;
    this.q.schedule(ring.peek(), kind, index, 0);
  }

  private callDeadlines(edge: number): void {
    const ring = this.callTimeouts[edge]!;
    ring.armed = false;
    const now = this.q.now;
    while (ring.length > 0 && ring.peek() <= now) {
      const v = ring.headVisit();
      const gen = ring.headToken();
      ring.shift();
      if (this.vGen[v] === gen) this.callTimedOut(v);
    }
    this.arm(ring, E_CALL_TIMEOUT, edge);
  }

  private clientDeadlines(node: number): void {
    const ring = this.clientTimeouts[node]!;
    ring.armed = false;
    const now = this.q.now;
    while (ring.length > 0 && ring.peek() <= now) {
      const v = ring.headVisit();
      const serial = ring.headToken();
      ring.shift();
      if (this.vSerial[v] === serial && this.vState[v] !== S_FREE) this.endVisit(v, TIMED_OUT);
    }
    this.arm(ring, E_CLIENT_TIMEOUT, node);
  }

  private releasePool(v: number, e: CompiledEdge): void {
    if (!(this.vFlags[v]! & F_HOLDS_POOL)) return;
    this.vFlags[v] &= ~F_HOLDS_POOL;
    const p = this.poolSlot(e, v);
    this.pInUse[p]--;
    const next = this.pHead[p]!;
    if (next < 0) this.bumpAt(this.poolInUse(e), -1);
    else {
      const after = this.vNext[next]!;
      this.pHead[p] = after;
      if (after < 0) this.pTail[p] = -1;
      this.pWaitLen[p]--;
      this.pInUse[p]++;
      this.vFlags[next] |= F_HOLDS_POOL;
      if (this.measuring && this.vFlags[next]! & F_SYNC_PATH) {
        this.classExclusive[e.to * this.nClasses + this.vClass[next]!] += this.q.now - this.vMark[next]!;
      }
      this.sendTry(next, e, true);
    }
  }

  /** The callee answered a try that the caller was still waiting for. */
  private answered(parent: number, outcome: number): void {
    if (this.vState[parent] === S_GROUP) {
      this.memberAnswered(parent, outcome);
      return;
    }
    const e = this.edges[this.vEdge[parent]!]!;
    this.tryEnded(parent, e, outcome, true);
  }

  private callTimedOut(v: number): void {
    const e = this.edges[this.vEdge[v]!]!;
    this.tryEnded(v, e, TIMED_OUT, true);
  }

  private tryEnded(v: number, e: CompiledEdge, outcome: number, counted: boolean): void {
    const tryGen = this.vGen[v]!;
    // The generation moves on: whichever of answer and timeout comes second is stale.
    this.vGen[v] = (tryGen + 1) | 0;
    this.releasePool(v, e);
    const breaker = this.breakers[e.index];
    if (breaker !== null && counted) this.breakerRecord(breaker, outcome !== OK, v, tryGen);
    if (outcome === OK) {
      this.vState[v] = S_WORKING;
      this.nextCall(v);
      return;
    }
    if ((outcome === REJECTED || outcome === TIMED_OUT) && this.vTry[v]! < e.retries) {
      // A retry over the budget is not sent: the call fails as its last try ended.
      const budget = this.budgets[e.index];
      if (budget === null || budget.admit(this.q.now)) {
        const attempt = ++this.vTry[v]!;
        this.vState[v] = S_BACKOFF;
        const wait = e.backoff * Math.pow(2, attempt - 1);
        this.q.schedule(this.q.now + (e.jitter === Jitter.None ? wait : this.jittered(e, wait)), E_RETRY, v, this.vGen[v]!);
        return;
      }
    }
    this.endVisit(v, outcome);
  }

  /** Full jitter waits uniform on [0, wait]; equal jitter half of it, then uniform on the other half (AWS's backoff note). */
  private jittered(e: CompiledEdge, wait: number): number {
    const u = this.jitterRng[e.index]!.next();
    return e.jitter === Jitter.Full ? u * wait : 0.5 * wait * (1 + u);
  }

  // ---------------------------------------------------------------- ending a visit

  /**
   * Ends a visit: frees what it holds, answers its caller, and recycles it. A call
   * still in flight goes on at the callee, unanswered (its parent generation is stale).
   */
  private endVisit(v: number, outcome: number): void {
    const node = this.vNode[v]!;
    const n = this.nodes[node]!;
    const state = this.vState[v]!;
    const now = this.q.now;
    // A member has no span of its own: its callees' spans hang under the caller's.
    if (this.tracer !== null && (this.vFlags[v]! & F_MEMBER) === 0) this.tracer.closed(v, node, this.vClass[v]!, outcome, now);
    const keyWaiters = n.keys !== null && this.vKey[v]! >= 0 ? this.keyedEnd(v, this.keyed[node]!, state, outcome) : -1;
    if ((state === S_CALLING || state === S_POOL_WAIT) && this.vEdge[v]! >= 0) {
      // A half-open breaker's trial that is abandoned counts as failed, or the breaker would wait for it forever.
      const b = this.breakers[this.vEdge[v]!];
      if (b && b.state === 2 && b.trialVisit === v && b.trialGen === this.vGen[v]) this.breakerRecord(b, true, v, this.vGen[v]!);
    }
    if (state === S_POOL_WAIT) this.removeFromPoolQueue(v);
    else if (this.vFlags[v]! & F_HOLDS_POOL) this.releasePool(v, this.edges[this.vEdge[v]!]!);
    this.holding(v, -1);
    const flags = this.vFlags[v]!;
    if (flags & F_MEMBER) {
      const parent = this.vParent[v]!;
      const parentGen = this.vParentGen[v]!;
      this.freeVisit(v);
      if (this.vGen[parent] === parentGen) this.answerCaller(parent, parentGen, outcome);
      return;
    }
    if (flags & F_ROOT) {
      if (this.completion !== null) this.completion.answered(v, outcome === OK && this.measuring, now);
      this.requestEnded(node, this.vClass[v]!, this.vArrive[v]!, outcome);
      this.freeVisit(v);
      return;
    }
    // A consumer visit's partition is free again before its worker looks for the next message.
    const freed = this.parts !== null ? this.parts.release(v) : -1;
    const r = this.vReplica[v]!;
    if (r >= 0 && n.kind !== NodeKind.Queue) {
      if (flags & F_HOLDS_WORKER) {
        // The worker passes to the background work before it could take a waiting request.
        if (outcome === OK && n.background !== null) {
          this.vFlags[v] = flags & ~F_HOLDS_WORKER;
          if (this.completion !== null) this.completion.from(v, node);
          this.startBackground(n, r, this.vClass[v]!);
          if (this.completion !== null) this.completion.from(-1, -1);
        } else this.releaseWorker(v, n, r);
      }
      this.rIn[r]--;
      this.bump(node, Q_IN_FLIGHT, -1);
      if (this.rState[r] === R_DRAINING && this.rIn[r] === 0) this.retireReplica(n, r);
    }
    if (freed >= 0) this.partitionFreed(freed);
    this.events++;
    if (outcome === OK) {
      if (this.measuring) {
        const c = this.counters[node]!;
        c.completions++;
        c.responseSum += now - this.vArrive[v]!;
        c.responseCount++;
      }
    }
    const parent = this.vParent[v]!;
    this.freeVisit(v);
    if (parent >= 0 && this.vGen[parent] === this.vParentGen[v]) this.answerCaller(parent, this.vParentGen[v]!, outcome);
    else if (flags & F_REQUEST) {
      this.live--;
      if (this.completion !== null) this.completion.answered(v, outcome === OK && this.measuring, now);
      this.requestEnded(this.vSource[v]!, this.vClass[v]!, this.vArrive[v]!, outcome);
    }
    if (keyWaiters >= 0) this.wakeKeyWaiters(keyWaiters, outcome);
  }

  /**
   * Answers a caller. An answer that ends the caller's visit answers its own caller in
   * turn, so a long sync chain unwinds as deep recursion; past a depth no ordinary
   * model reaches, the answer waits in a list drained by the outermost call (the same
   * instant, so the same outcome) and a 10,000-hop chain cannot overflow the stack.
   */
  private answerCaller(parent: number, parentGen: number, outcome: number): void {
    if (this.answerDepth >= maxAnswerDepth) {
      this.deferredAnswers.push(parent, parentGen, outcome);
      return;
    }
    this.answerDepth++;
    this.answered(parent, outcome);
    this.answerDepth--;
    if (this.answerDepth > 0) return;
    const deferred = this.deferredAnswers;
    while (deferred.length > 0) {
      const deferredOutcome = deferred.pop()!;
      const gen = deferred.pop()!;
      const caller = deferred.pop()!;
      if (this.vGen[caller] !== gen) continue;
      this.answerDepth++;
      this.answered(caller, deferredOutcome);
      this.answerDepth--;
    }
  }

  private removeFromPoolQueue(v: number): void {
    const e = this.edges[this.vEdge[v]!]!;
    const p = this.poolSlot(e, v);
    let prev = -1;
    let cur = this.pHead[p]!;
    while (cur >= 0 && cur !== v) {
      prev = cur;
      cur = this.vNext[cur]!;
    }
    if (cur < 0) return;
    this.pWaitLen[p]--;
    const after = this.vNext[v]!;
    if (prev < 0) this.pHead[p] = after;
    else this.vNext[prev] = after;
    if (this.pTail[p] === v) this.pTail[p] = prev;
  }

  // ---------------------------------------------------------------- brokers

  private arriveAtBroker(v: number, n: CompiledNode): void {
    if (this.held[n.index]! >= n.capacity) {
      if (this.measuring) this.counters[n.index]!.rejected++;
      this.vState[v] = S_WORKING;
      this.endVisit(v, REJECTED);
      return;
    }
    this.held[n.index]++;
    this.vReplica[v] = this.replicaBase[n.index]!;
    this.bump(n.index, Q_IN_FLIGHT, 1);
    this.vState[v] = S_ACCEPTING;
    if (this.tracer !== null) this.tracer.atBroker(v, this.q.now);
    const d = n.work[this.vClass[v]!]!;
    this.q.schedule(this.q.now + sample(d, this.serviceRng[n.index]!), E_ACCEPTED, v, this.vGen[v]!);
  }

  /** The broker has the message: answer the publisher, then fan out to subscriptions. */
  private accepted(v: number): void {
    const node = this.vNode[v]!;
    const n = this.nodes[node]!;
    const cls = this.vClass[v]!;
    const arrivedAt = this.vArrive[v]!;
    const tracer = this.tracer;
    if (tracer !== null) {
      tracer.worked(v, this.q.now);
      tracer.from(v);
      tracer.closed(v, node, cls, OK, this.q.now);
    }
    this.held[node]--;
    this.bump(node, Q_IN_FLIGHT, -1);
    const parent = this.vParent[v]!;
    if (parent >= 0 && this.vGen[parent] === this.vParentGen[v]) {
      this.vParent[v] = -1;
      this.answered(parent, OK);
    }
    const subscriptions = n.callsByClass[cls]!;
    if (subscriptions.length === 0) {
      if (tracer !== null) tracer.from(-1);
      this.freeVisit(v);
      return;
    }
    // One key per message: every subscription (consumer group) sees it in the same partition.
    const partition = n.partitions > 0 ? Partitions.draw(n, this.routeRng[node]!.next()) : -1;
    for (let i = 0; i < subscriptions.length; i++) {
      const e = this.edges[subscriptions[i]!]!;
      const m = i === 0 ? v : this.newVisit(node, cls, -1, 0);
      if (this.completion !== null) this.completion.queued(m, i > 0 ? v : -1, e.index);
      if (tracer !== null) tracer.queued(m);
      this.vParent[m] = -1;
      this.vFlags[m] = 0;
      this.vArrive[m] = arrivedAt;
      this.vEdge[m] = e.index;
      this.vState[m] = S_BACKLOG;
      this.vNext[m] = -1;
      this.held[node]++;
      this.bump(node, Q_IN_FLIGHT, 1);
      this.bump(node, Q_WAITING, 1);
      if (partition >= 0) this.parts!.push(e.index, partition, m, this.vNext);
      else {
        const tail = this.subTail[e.index]!;
        if (tail < 0) this.subHead[e.index] = m;
        else this.vNext[tail] = m;
        this.subTail[e.index] = m;
      }
      this.subLen[e.index]++;
      if (partition >= 0 && this.parts!.ready(e.index, this.vArrive) < 0) continue;
      const consumer = this.nodes[e.to]!;
      const r = this.chooseReplica(consumer, cls, true);
      if (r >= 0) this.handOff(e, consumer, r);
    }
    if (tracer !== null) tracer.from(-1);
  }

  /** A consumer replica with a free worker takes the oldest message of its subscriptions. */
  private pullMessage(n: CompiledNode, r: number): void {
    for (let i = 0; i < n.fedBy.length; i++) {
      const e = this.edges[n.fedBy[i]!]!;
      if (this.subLen[e.index]! > 0 && (!e.partitioned || this.parts!.ready(e.index, this.vArrive) >= 0)) {
        this.handOff(e, n, r);
        return;
      }
    }
  }

  private handOff(e: CompiledEdge, consumer: CompiledNode, r: number): void {
    // A partitioned subscription's message is the one `ready` found.
    const m = e.partitioned ? this.parts!.take(this.vNext) : this.subHead[e.index]!;
    if (!e.partitioned) {
      const after = this.vNext[m]!;
      this.subHead[e.index] = after;
      if (after < 0) this.subTail[e.index] = -1;
    }
    this.subLen[e.index]--;
    const broker = e.from;
    const now = this.q.now;
    this.held[broker]--;
    this.bump(broker, Q_IN_FLIGHT, -1);
    this.bump(broker, Q_WAITING, -1);
    // The hand-off is the broker's completion and the consumer's arrival.
    this.events += 2;
    if (this.measuring) {
      const c = this.counters[broker]!;
      c.completions++;
      c.waitSum += now - this.vArrive[m]!;
      c.waitCount++;
      c.responseSum += now - this.vArrive[m]!;
      c.responseCount++;
      this.counters[consumer.index]!.arrivals++;
    }
    this.arrivalsSeen[consumer.index]++;
    // The message becomes a fresh visit at the consumer, which already has a free worker.
    this.vNode[m] = consumer.index;
    this.vReplica[m] = r;
    this.vArrive[m] = now;
    this.vEdge[m] = -1;
    this.vGen[m] = (this.vGen[m]! + 1) | 0;
    this.rIn[r]++;
    this.bump(consumer.index, Q_IN_FLIGHT, 1);
    if (this.tracer !== null) this.tracer.handedOff(m, now);
    this.takeWorker(m, consumer, r);
  }

  /** A partition is free again: its oldest waiting message (or an older one's) goes to a consumer replica with a free worker. */
  private partitionFreed(slot: number): void {
    const parts = this.parts!;
    const e = this.edges[parts.edgeOf[slot]!]!;
    const m = parts.ready(e.index, this.vArrive);
    if (m < 0) return;
    const consumer = this.nodes[e.to]!;
    const r = this.chooseReplica(consumer, this.vClass[m]!, true);
    if (r >= 0) this.handOff(e, consumer, r);
  }

  // ---------------------------------------------------------------- balancing

  /**
   * Picks a serving replica for a new request (or, with `needFreeWorker`, for a
   * broker hand-off: only replicas with a free worker). Returns -1 if there is none.
   */
  private chooseReplica(n: CompiledNode, cls: number, needFreeWorker: boolean): number {
    const base = this.replicaBase[n.index]!;
    if (n.kind !== NodeKind.Database) return this.pick(n, base, 0, n.slots, needFreeWorker);
    let group = 0;
    if (n.groups > 1) {
      const u = this.routeRng[n.index]!.next();
      const hot = (1 + n.shardSkew * (n.groups - 1)) / n.groups;
      group = u < hot ? 0 : Math.min(n.groups - 1, 1 + Math.floor(((u - hot) / (1 - hot)) * (n.groups - 1)));
    }
    const start = base + group * n.slots;
    if (n.isWrite[cls] || n.slots === 1) return this.pick(n, start, 0, 1, needFreeWorker);
    if (n.readsOnPrimary) return this.pick(n, start, 0, n.slots, needFreeWorker);
    const replica = this.pick(n, start, 1, n.slots, needFreeWorker);
    return replica >= 0 ? replica : this.pick(n, start, 0, 1, needFreeWorker);
  }

  private pick(n: CompiledNode, start: number, from: number, to: number, needFreeWorker: boolean): number {
    const rState = this.rState;
    const span = to - from;
    if (span === 1) {
      const r = start + from;
      return rState[r] === R_SERVING && (!needFreeWorker || this.rBusyW[r]! < n.workers) ? r : -1;
    }
    switch (n.balance) {
      case Balance.RoundRobin: {
        const k = this.rrNext[start]!;
        for (let tries = 0; tries < span; tries++) {
          const r = start + from + ((k + tries) % span);
          if (rState[r] === R_SERVING && (!needFreeWorker || this.rBusyW[r]! < n.workers)) {
            this.rrNext[start] = (k + tries + 1) % span;
            return r;
          }
        }
        return -1;
      }
      case Balance.Weighted: {
        // nginx's smooth weighted round robin over the replicas that can take the request:
        // each adds its weight to its score, the highest score wins (ties to the lower-numbered)
        // and gives back the total, so picks interleave in proportion without a random draw.
        const w = n.weights!;
        const score = this.wrrScore;
        let best = -1;
        let total = 0;
        for (let i = from; i < to; i++) {
          const r = start + i;
          if (rState[r] !== R_SERVING || (needFreeWorker && this.rBusyW[r]! >= n.workers)) continue;
          const weight = w[i]!;
          score[r] += weight;
          total += weight;
          if (best < 0 || score[r]! > score[best]!) best = r;
        }
        if (best >= 0) score[best] -= total;
        return best;
      }
      case Balance.LeastConnections: {
        let best = -1;
        for (let i = from; i < to; i++) {
          const r = start + i;
          if (rState[r] !== R_SERVING || (needFreeWorker && this.rBusyW[r]! >= n.workers)) continue;
          if (best < 0 || this.rIn[r]! < this.rIn[best]!) best = r;
        }
        return best;
      }
      default: {
        let count = 0;
        for (let i = from; i < to; i++) {
          const r = start + i;
          if (rState[r] === R_SERVING && (!needFreeWorker || this.rBusyW[r]! < n.workers)) this.candidates[count++] = r;
        }
        if (count === 0) return -1;
        const rng = this.routeRng[n.index]!;
        const i = rng.int(count);
        if (n.balance === Balance.Random || count === 1) return this.candidates[i]!;
        // Two distinct random replicas; the less loaded wins, ties to the lower-numbered.
        let j = rng.int(count - 1);
        if (j >= i) j++;
        const a = this.candidates[Math.min(i, j)]!;
        const b = this.candidates[Math.max(i, j)]!;
        return this.rIn[b]! < this.rIn[a]! ? b : a;
      }
    }
  }

  // ---------------------------------------------------------------- circuit breakers

  private breakerAdmits(b: Breaker, v: number): boolean {
    if (b.state === 0) return true;
    if (b.state === 1 && this.q.now >= b.openUntil) {
      b.state = 2;
      b.openUntil = -1;
      b.trialVisit = v;
      b.trialGen = this.vGen[v]!;
      return true;
    }
    return false;
  }

  /** `v` and `gen` identify the try whose outcome this is. */
  private breakerRecord(b: Breaker, failed: boolean, v: number, gen: number): void {
    const now = this.q.now;
    if (b.state === 2) {
      // Only the trial decides; a slow call sent before the breaker opened does not.
      if (v === b.trialVisit && gen === b.trialGen) {
        if (failed) {
          b.state = 1;
          b.openUntil = now + b.openFor;
        } else {
          b.state = 0;
          b.times.length = 0;
          b.failures.length = 0;
          b.head = 0;
          b.failed = 0;
        }
      }
      return;
    }
    if (b.state === 1) return;
    b.times.push(now);
    b.failures.push(failed ? 1 : 0);
    if (failed) b.failed++;
    while (b.head < b.times.length && b.times[b.head]! <= now - b.window) {
      b.failed -= b.failures[b.head]!;
      b.head++;
    }
    if (b.head > 4096 && b.head * 2 > b.times.length) {
      b.times.splice(0, b.head);
      b.failures.splice(0, b.head);
      b.head = 0;
    }
    const calls = b.times.length - b.head;
    if (calls >= b.minCalls && b.failed >= b.errorRate * calls) {
      b.state = 1;
      b.openUntil = now + b.openFor;
      b.times.length = 0;
      b.failures.length = 0;
      b.head = 0;
      b.failed = 0;
    }
  }

  // ---------------------------------------------------------------- autoscaling

  private autoscale(n: CompiledNode): void {
    const a = n.autoscale!;
    const now = this.q.now;
    const base = this.replicaBase[n.index]!;
    // A replica counts as ready once it has served a whole interval: before that its metric
    // window still covers time it was not serving (the HPA's rule for pods whose CPU sample
    // predates their readiness), so it reports less than it will.
    const servedSince = now - a.interval + 1e-9;
    let current = 0;
    let ready = 0;
    for (let r = 0; r < n.slots; r++) {
      const s = this.rState[base + r];
      if (s === R_SERVING && this.rReadyAt[base + r]! <= servedSince) ready++;
      if (s === R_SERVING || s === R_STARTING || s === R_DOWN) current++;
    }
    const sample = this.autoscaleSample;
    sample.current = current;
    sample.ready = ready;
    sample.notReady = current - ready;
    sample.value = this.autoscaleMeasure(n, ready);
    const raw = recommendReplicas(a.metric, a.target, a.tolerance, sample);
    const history = this.autoscaleHistory[n.index];
    const stabilized = history ? history.stabilize(now, raw, current, a.scaleUpWindow, a.scaleDownWindow) : raw;
    const desired = Math.min(a.max, Math.max(a.min, stabilized));
    if (desired > current) {
      let toStart = desired - current;
      for (let r = 0; r < n.slots && toStart > 0; r++) {
        if (this.rState[base + r] !== R_ABSENT) continue;
        this.rState[base + r] = R_STARTING;
        this.rEpoch[base + r]++;
        this.q.schedule(now + a.startup, E_REPLICA_READY, base + r, this.rEpoch[base + r]!);
        toStart--;
      }
      this.lastScaleChange[n.index] = now;
    } else if (desired < current && now - this.lastScaleChange[n.index]! >= a.cooldown) {
      let toStop = current - desired;
      for (let r = n.slots - 1; r >= 0 && toStop > 0; r--) {
        if (this.rState[base + r] === R_STARTING) {
          this.rState[base + r] = R_ABSENT;
          toStop--;
        }
      }
      for (let r = n.slots - 1; r >= 0 && toStop > 0; r--) {
        if (this.rState[base + r] !== R_SERVING) continue;
        this.rState[base + r] = R_DRAINING;
        this.bump(n.index, Q_REPLICAS, -1);
        if (this.rIn[base + r] === 0) this.retireReplica(n, base + r);
        toStop--;
      }
      this.lastScaleChange[n.index] = now;
    }
    this.q.schedule(now + a.interval, E_AUTOSCALE, n.index, 0);
  }

  /** What the node's autoscale metric measured since the last tick, in the unit of its target (see `AutoscaleSample.value`). */
  private autoscaleMeasure(n: CompiledNode, ready: number): number {
    const a = n.autoscale!;
    const i = n.index;
    switch (a.metric) {
      case AutoscaleMetric.Workers: {
        const area = this.areaNow(i * Q_COUNT + (n.workers !== Infinity ? Q_BUSY_W : Q_BUSY_C));
        const busy = (area - this.autoscaleAreaAt[i]!) / a.interval;
        this.autoscaleAreaAt[i] = area;
        return busy;
      }
      case AutoscaleMetric.Cpu: {
        // Busy CPU-seconds over CPU-seconds present: replicas that joined or left during the interval count for their share of it.
        const busyArea = this.areaNow(i * Q_COUNT + Q_BUSY_C);
        const capArea = this.areaNow(i * Q_COUNT + Q_CAP_C);
        const busy = busyArea - this.autoscaleAreaAt[i]!;
        const capacity = capArea - this.autoscaleCapAreaAt[i]!;
        this.autoscaleAreaAt[i] = busyArea;
        this.autoscaleCapAreaAt[i] = capArea;
        return capacity > 0 ? busy / capacity : 0;
      }
      case AutoscaleMetric.Rps: {
        const arrivals = this.arrivalsSeen[i]! - this.autoscaleArrivalsAt[i]!;
        this.autoscaleArrivalsAt[i] = this.arrivalsSeen[i]!;
        return ready > 0 ? arrivals / a.interval / ready : 0;
      }
      default: {
        if (a.backlogEdges.length === 0) return this.qValue[a.backlogQueue * Q_COUNT + Q_WAITING]!;
        let backlog = 0;
        for (let k = 0; k < a.backlogEdges.length; k++) backlog += this.subLen[a.backlogEdges[k]!]!;
        return backlog;
      }
    }
  }

  private replicaReady(r: number): void {
    const n = this.nodes[this.rNode[r]!]!;
    this.rState[r] = R_SERVING;
    this.rReadyAt[r] = this.q.now;
    this.bump(n.index, Q_REPLICAS, 1);
    if (n.workers !== Infinity) this.bump(n.index, Q_CAP_W, n.workers);
    if (n.cpus !== Infinity) this.bump(n.index, Q_CAP_C, n.cpus);
    if (n.fedBy.length > 0) for (let w = 0; w < n.workers && this.rBusyW[r]! < n.workers; w++) this.pullMessage(n, r);
  }

  /** A draining replica with nothing left in it leaves. */
  private retireReplica(n: CompiledNode, r: number): void {
    this.rState[r] = R_ABSENT;
    if (n.workers !== Infinity) this.bump(n.index, Q_CAP_W, -n.workers);
    if (n.cpus !== Infinity) this.bump(n.index, Q_CAP_C, -n.cpus);
    if (this.timeline !== null) this.timeline.retired(r);
  }

  // ---------------------------------------------------------------- faults

  private faultStart(index: number): void {
    const f = this.model.faults[index]!;
    const n = this.nodes[f.node]!;
    const base = this.replicaBase[n.index]!;
    const chosen: number[] = [];
    if (f.replica >= 0) {
      if (f.replica < n.slots) chosen.push(f.replica);
    } else {
      // Highest-numbered first: a database loses read replicas before its primary.
      for (let r = n.slots - 1; r >= 0 && chosen.length < f.count; r--) if (this.rState[base + r] === R_SERVING) chosen.push(r);
    }
    // `replicas` counts per shard, so only the first shard's copy moves that count.
    for (const r of chosen) for (let g = 0; g < n.groups; g++) this.failReplica(n, base + g * n.slots + r, g === 0);
    this.faultReplicas[index] = chosen;
    this.q.schedule(this.q.now + f.duration, E_FAULT_END, index, 0);
  }

  private failReplica(n: CompiledNode, r: number, countsReplica: boolean): void {
    if (this.rState[r] !== R_SERVING && this.rState[r] !== R_DRAINING) return;
    const wasServing = this.rState[r] === R_SERVING;
    this.rState[r] = R_DOWN;
    if (wasServing && countsReplica) this.bump(n.index, Q_REPLICAS, -1);
    if (n.workers !== Infinity) this.bump(n.index, Q_CAP_W, -n.workers);
    if (n.cpus !== Infinity) this.bump(n.index, Q_CAP_C, -n.cpus);
    // Waiting requests first, so freeing workers below hands nothing to them.
    let w = this.rWaitHead[r]!;
    this.rWaitHead[r] = -1;
    this.rWaitTail[r] = -1;
    const waitingCount = this.rWaitLen[r]!;
    this.rWaitLen[r] = 0;
    if (waitingCount > 0) this.bump(n.index, Q_WAITING, -waitingCount);
    while (w >= 0) {
      const next = this.vNext[w]!;
      this.killVisit(n, w);
      w = next;
    }
    let c = this.rCpuHead[r]!;
    this.rCpuHead[r] = -1;
    this.rCpuTail[r] = -1;
    while (c >= 0) {
      const next = this.vNext[c]!;
      this.killVisit(n, c);
      c = next;
    }
    if (n.host >= 0) this.hosts!.removeReplica(r, this.vNext, this.vReplica, (x) => this.killVisit(n, x));
    for (let v = 0; v < this.cap && this.rIn[r]! > 0; v++) {
      // A group's members are not in the replica's count and are not killed: their caller is, which leaves them unheard.
      if (this.vState[v] !== S_FREE && this.vState[v] !== S_PENDING && this.vReplica[v] === r && this.vNode[v] === n.index && (this.vFlags[v]! & F_MEMBER) === 0) this.killVisit(n, v);
    }
  }

  private killVisit(n: CompiledNode, v: number): void {
    if (this.vFlags[v]! & F_HOLDS_CPU) {
      this.vFlags[v] &= ~F_HOLDS_CPU;
      this.rBusyC[this.vReplica[v]!]--;
      this.bump(n.index, Q_BUSY_C, -1);
      if (n.host >= 0) this.giveHostCpu(this.hosts!.copyOf[this.vReplica[v]!]!);
    }
    // Background work lost with its replica fails no request: its caller was answered already.
    if (this.vFlags[v]! & F_BACKGROUND) {
      this.backgroundDone(v, n, this.vReplica[v]!);
      return;
    }
    if (this.measuring) this.counters[n.index]!.failed++;
    this.endVisit(v, FAILED);
  }

  private faultEnd(index: number): void {
    const f = this.model.faults[index]!;
    const n = this.nodes[f.node]!;
    const base = this.replicaBase[n.index]!;
    for (const r of this.faultReplicas[index] ?? []) {
      for (let g = 0; g < n.groups; g++) {
        const slot = base + g * n.slots + r;
        if (this.rState[slot] !== R_DOWN) continue;
        this.reviveReplica(n, slot, g === 0);
      }
    }
  }

  /** A replica that was down serves again, with empty queues; `countsReplica` as in failReplica. */
  private reviveReplica(n: CompiledNode, slot: number, countsReplica: boolean): void {
    this.rState[slot] = R_SERVING;
    this.rReadyAt[slot] = this.q.now;
    if (countsReplica) this.bump(n.index, Q_REPLICAS, 1);
    if (n.workers !== Infinity) this.bump(n.index, Q_CAP_W, n.workers);
    if (n.cpus !== Infinity) this.bump(n.index, Q_CAP_C, n.cpus);
    if (n.fedBy.length > 0) for (let w = 0; w < n.workers && this.rBusyW[slot]! < n.workers; w++) {
      const before = this.rBusyW[slot]!;
      this.pullMessage(n, slot);
      if (this.rBusyW[slot] === before) break;
    }
  }

  // ---------------------------------------------------------------- timeline

  /** The operations the timeline may use (see timeline.ts), made once. */
  private timelineHost(): TimelineHost {
    return {
      now: () => this.q.now,
      schedule: (at, index, step) => this.q.schedule(at, E_TIMELINE, index, step),
      slotState: (slot) => this.rState[slot]!,
      fail: (n, slot, counts) => this.failReplica(n, slot, counts),
      revive: (n, slot, counts) => this.reviveReplica(n, slot, counts),
      start: (_n, slot) => {
        this.rState[slot] = R_STARTING;
        this.rEpoch[slot]++;
      },
      ready: (slot) => this.replicaReady(slot),
      drain: (n, slot, counts) => this.drainReplica(n, slot, counts),
      bypass: (v, n) => this.bypassCache(v, n),
      hold: (v, n) => this.holdVisit(v, n),
      release: (v, n, gen) => this.releaseHeld(v, n, gen),
      flushKeys: (node, event, share, until) => this.flushShare(node, event, share, until),
    };
  }

  private drainReplica(n: CompiledNode, slot: number, countsReplica: boolean): void {
    const state = this.rState[slot];
    if (state === R_SERVING) {
      this.rState[slot] = R_DRAINING;
      if (countsReplica) this.bump(n.index, Q_REPLICAS, -1);
      if (this.rIn[slot] === 0) this.retireReplica(n, slot);
    } else if (state === R_STARTING || state === R_DOWN) {
      // Nothing of it is counted: a starting pod never served, a down one was taken out by its failure.
      this.rState[slot] = R_ABSENT;
      if (this.timeline !== null) this.timeline.retired(slot);
    }
  }

  /**
   * `onError: "bypass"`: the lookup skips the cache and makes its calls as a miss does.
   * It counts as a lookup that missed, in the first replica (down) so that its pools and
   * counts have a replica to belong to.
   */
  private bypassCache(v: number, n: CompiledNode): void {
    const r = this.replicaBase[n.index]!;
    this.vReplica[v] = r;
    this.rIn[r]++;
    this.bump(n.index, Q_IN_FLIGHT, 1);
    if (this.measuring) this.counters[n.index]!.lookups++;
    this.vState[v] = S_WORKING;
    this.beginCalls(v);
  }

  /**
   * A failover with `whileDown: "wait"` holds a query that found no instance. Its arrival
   * counts when it is let go (arrive() counts it again then), and it waits in the node's
   * queue length meanwhile. Returns its generation, which tells at release whether it
   * ended in between (a client timeout of a request made of this one visit).
   */
  private holdVisit(v: number, n: CompiledNode): number {
    if (this.measuring) this.counters[n.index]!.arrivals--;
    this.arrivalsSeen[n.index]--;
    this.events--;
    this.vState[v] = S_WAIT_WORKER;
    this.bump(n.index, Q_IN_FLIGHT, 1);
    this.bump(n.index, Q_WAITING, 1);
    return this.vGen[v]!;
  }

  private releaseHeld(v: number, n: CompiledNode, gen: number): void {
    this.bump(n.index, Q_IN_FLIGHT, -1);
    this.bump(n.index, Q_WAITING, -1);
    if (this.vGen[v] === gen && this.vState[v] === S_WAIT_WORKER && this.vReplica[v]! < 0) this.arrive(v);
  }

  // ---------------------------------------------------------------- results

  private finish(): void {
    const end = this.q.now < this.endTime && this.stoppedEarly === null ? this.endTime : this.q.now;
    this.q.now = Math.max(this.q.now, end);
    if (!this.measuring) this.openWindow();
    const b = Math.min(this.bucket, this.series.ok.length - 1);
    if (this.bucket < this.series.ok.length) this.closeBucket(b + 1);
    if (this.completion !== null) this.completion.finish(this.q.now);
  }

  tally(): ReplicationTally {
    const measured = Math.max(0, this.q.now - this.windowStart);
    const nodes: NodeTally[] = this.nodes.map((n) => {
      const c = this.counters[n.index]!;
      const base = n.index * Q_COUNT;
      const area = (quantity: number) => this.areaSinceWindow(base + quantity);
      return {
        ...c,
        busyWorkersArea: area(Q_BUSY_W),
        busyCpusArea: area(Q_BUSY_C),
        inFlightArea: area(Q_IN_FLIGHT),
        waitingArea: area(Q_WAITING),
        workerCapacityArea: area(Q_CAP_W),
        cpuCapacityArea: area(Q_CAP_C),
        replicasArea: area(Q_REPLICAS),
        heldCpuWaitArea: area(Q_HELD_CPU_WAIT),
        heldPoolWaitArea: area(Q_HELD_POOL_WAIT),
        waitingAtStart: this.waitingAtStart[n.index]!,
        waitingAtEnd: this.waitingOf(n),
        inFlightAtStart: this.inFlightAtStart[n.index]!,
        inFlightAtEnd: this.qValue[n.index * Q_COUNT + Q_IN_FLIGHT]!,
        cpuWaitingAtStart: this.cpuWaitingAtStart[n.index]!,
        cpuWaitingAtEnd: this.cpuWaitingOf(n),
        exclusiveTime: sumOf(this.classExclusive, n.index * this.nClasses, this.nClasses),
        exclusiveByClass: Array.from(this.classExclusive.subarray(n.index * this.nClasses, (n.index + 1) * this.nClasses)),
      };
    });
    const classes: ClassTally[] = this.model.classIds.map((_, cls) => ({
      created: this.created[cls]!,
      ended: this.ended[cls]!,
      ok: this.ok[cls]!,
      rejected: this.causes[cls * 4 + REJECTED]!,
      timedOut: this.causes[cls * 4 + TIMED_OUT]!,
      failed: this.causes[cls * 4 + FAILED]!,
      inFlightAtStart: this.rootsLiveAtStart[cls]!,
      inFlightAtEnd: this.rootsLive[cls]!,
      latency: this.latency[cls]!.encode(),
    }));
    return {
      replication: this.replication,
      measured,
      measuredFrom: this.windowStart,
      events: this.events,
      stoppedEarly: this.stoppedEarly,
      earlyStop: this.earlyStop,
      warmupCutShort: this.warmupCutShort,
      zeroTimeLoop: this.zeroTimeLoop,
      ...(this.screenStopped ? { screenStopped: true } : {}),
      nodes,
      classes,
      series: { ...this.series, ok: Array.from(this.seriesOk), ended: Array.from(this.seriesEnded), errors: Array.from(this.seriesErrors) },
      edgeCalls: Array.from(this.edgeCalls),
      heldCallArea: this.edges.map((e) => this.areaSinceWindow(this.callHolding(e)) + (e.group >= 0 ? this.areaSinceWindow(this.groupHolding(e.group)) / this.model.groups[e.group]!.size : 0)),
      poolInUseArea: this.edges.map((e) => this.areaSinceWindow(this.poolInUse(e))),
      poolWaitingAtStart: Array.from(this.poolWaitingAtStart),
      poolWaitingAtEnd: this.edges.map((e) => this.poolWaitingOf(e)),
      ...(this.completion !== null ? { completion: this.completion.tally() } : {}),
      ...(this.model.events.length > 0 ? { eventEnds: Array.from(this.timeline!.ends, (t) => (t <= this.q.now ? t : null)) } : {}),
    };
  }
}

/** Runs one replication to the end (for callers that need no progress). */
export function simulateReplication(model: CompiledModel, replication: number): ReplicationTally {
  const engine = new Engine(model, replication);
  while (!engine.run(1 << 20)) {
    /* keep going */
  }
  return engine.tally();
}
