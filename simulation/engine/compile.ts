/**
 * Compiles a validated scenario into the flat, numeric model the event loop runs:
 * indices instead of ids, defaults applied, distributions precompiled, and each
 * node's outgoing calls pre-filtered per class, so the loop never looks anything up
 * by name or re-derives a default.
 */
import type { Autoscale, AutoscaleMetricName, Scenario, ScenarioNode, RatioSpec } from '../model/schema';
import { compileDistByClass, type CompiledDist } from '../random/dist';
import { log } from '../random/exactMath';
import { AutoscaleMetric, hpaTolerance } from './autoscale';
import type { CompiledKeys } from './cacheKeys';
import { eventDefaults, resolveRollout, startReplicas } from '../model/events';
import { kindOf, type Station } from '../model/kinds';
import type { KeyedCacheParams } from '../model/kinds/types';
import { codelDefaults } from '../model/codel';

export const enum NodeKind {
  Source = 0,
  Gateway = 1,
  Service = 2,
  Cache = 3,
  Queue = 4,
  Database = 5,
  External = 6,
}

export const enum Balance {
  RoundRobin = 0,
  Random = 1,
  LeastConnections = 2,
  PowerOfTwo = 3,
  Weighted = 4,
}

export const enum Jitter {
  None = 0,
  Full = 1,
  Equal = 2,
}

const jitterCodes = { none: Jitter.None, full: Jitter.Full, equal: Jitter.Equal } as const;

export const enum ArrivalKind {
  None = 0,
  Poisson = 1,
  Constant = 2,
  Bursty = 3,
  Closed = 4,
}

/** The engine's station for each kind's `station`: the one place kinds meet the engine's numbering. */
const kindCodes: Record<Station, NodeKind> = {
  source: NodeKind.Source,
  gateway: NodeKind.Gateway,
  service: NodeKind.Service,
  cache: NodeKind.Cache,
  queue: NodeKind.Queue,
  database: NodeKind.Database,
  external: NodeKind.External,
};

const balanceCodes = { 'round-robin': Balance.RoundRobin, random: Balance.Random, 'least-connections': Balance.LeastConnections, 'power-of-two': Balance.PowerOfTwo, weighted: Balance.Weighted } as const;

export interface CompiledAutoscale {
  min: number;
  max: number;
  metric: AutoscaleMetric;
  /**
   * In the unit of the metric's measured value: busy workers per replica (workers ×
   * targetUtilization) for workers, the busy share of CPUs for cpu, arrivals per second
   * per replica for rps, messages per replica for backlog.
   */
  target: number;
  /** 0 for workers (the first rule had none), the HPA's for the others. */
  tolerance: number;
  interval: number;
  startup: number;
  cooldown: number;
  scaleUpWindow: number;
  scaleDownWindow: number;
  /** backlog: the queue node, and its subscriptions that deliver to this node (none: the queue's whole backlog counts). */
  backlogQueue: number;
  backlogEdges: Int32Array;
}

export interface CompiledSource {
  arrival: ArrivalKind;
  rate: number;
  burstRate: number;
  burstEvery: number;
  burstLength: number;
  users: number;
  thinkTime: CompiledDist[];
  /** Rate profile points (absolute simulated time), empty for none. */
  profileAt: number[];
  profileScale: number[];
  /** Cumulative class shares, for drawing a request's class. */
  mixCumulative: number[];
  mixClass: number[];
  timeout: number;
}

export interface CompiledNode {
  index: number;
  id: string;
  /** The station that runs the node (its kind's `station`). */
  kind: NodeKind;
  /** The node's kind as the file names it, for the result and the kind's extras (`model/kinds`). */
  kindName: string;
  /** Replica slots per group (per shard for databases) at the start. */
  replicas: number;
  /** Replica slots reserved per group: the autoscaler's maximum when larger. */
  slots: number;
  /** Independent groups of replicas: a database's shards, otherwise 1. */
  groups: number;
  balance: Balance;
  /** Balance "weighted": each replica's weight, indexed by replica within its group; null otherwise. */
  weights: Float64Array | null;
  /** Per replica (within its group) the divisor of its own work; null when every replica has speed 1, so the loop tests one field. */
  speed: Float64Array | null;
  /** Per replica; Infinity when unlimited. */
  workers: number;
  cpus: number;
  queue: number;
  /** A full queue drops its oldest waiting request for the arrival (`shed: "oldest"`) instead of rejecting the arrival. */
  shedOldest: boolean;
  /** `shed: {"codel": …}`: the target waiting time and the interval of CoDel (codel.ts), seconds; interval 0 without CoDel. */
  codelTarget: number;
  codelInterval: number;
  /** Own work per class (service `work`, others' `latency`). */
  work: CompiledDist[];
  meanWork: number[];
  /**
   * USL contention of own work: a piece of own work starting when n visits of its replica
   * hold a CPU (itself included) takes its draw × (1 + serial·(n − 1) + crosstalk·n·(n − 1)).
   * `contended` is false when both are 0, so the loop tests one field.
   */
  contended: boolean;
  serial: number;
  crosstalk: number;
  /** Service `background`: own work after the answer, per class; null when the node has none. */
  background: CompiledDist[] | null;
  holdsWorkerAcrossCalls: boolean;
  hitRatio: number[];
  /** A cache's key space (`keys`): the hit ratio emerges from it; null for a fixed `hitRatio`. */
  keys: CompiledKeys | null;
  /** Cache `onError: "bypass"`: a lookup that finds no replica serving makes the cache's calls, as a miss, instead of failing. */
  bypass: boolean;
  rateLimitRate: number;
  rateLimitBurst: number;
  /** Database: per class, whether it is a write. */
  isWrite: boolean[];
  readsOnPrimary: boolean;
  shardSkew: number;
  /** Queue (broker): most messages held. */
  capacity: number;
  autoscale: CompiledAutoscale | null;
  /** Outgoing edge indices per class, in edge order, except that a group's members follow each other at the first member's place. */
  callsByClass: Int32Array[];
  /** For queues: subscription edges per class (fan-out targets). */
  costPerReplica: number;
  source: CompiledSource | null;
  /** Subscriptions (edge indices) that deliver to this node as a consumer. */
  fedBy: number[];
  /** Index into `CompiledModel.hosts` whose CPUs this node's own work also needs, or -1, so the loop tests one field. */
  host: number;
  /** Queue: partitions (0: none, every consumer worker may take any message), and the hottest one's extra share as shards have. */
  partitions: number;
  partitionSkew: number;
}

/** A shared machine: `replicas` copies of `cpus` CPUs; instance i of a node on it runs on copy i mod replicas. */
export interface CompiledHost {
  id: string;
  cpus: number;
  replicas: number;
}

export const enum Join {
  All = 0,
  Any = 1,
  Quorum = 2,
}

/** A group of parallel calls of one caller (edges with the same `group`). */
export interface CompiledGroup {
  index: number;
  join: Join;
  /** With Join.Quorum: the answers needed (at most the members a class sends). */
  quorum: number;
  /** Members over all classes: a worker's time waiting on the group is split evenly between them. */
  size: number;
}

export interface CompiledEdge {
  index: number;
  /** Index into `CompiledModel.groups`, or -1 for a call made on its own. */
  group: number;
  from: number;
  to: number;
  sync: boolean;
  /**
   * Whole calls made every visit, and the probability of one more. A geometric count has
   * callsWhole 0 and callsExtra -1, so the loop's one test `callsExtra === 0` keeps the
   * fixed count as cheap as before and sends everything else to the draw.
   */
  callsWhole: number;
  callsExtra: number;
  /** Geometric counts: ln(mean ÷ (1 + mean)), the log of the chance of one more call (−Infinity for mean 0). */
  callsLogMore: number;
  /** Time on the wire per try, per class; null when the edge has none, so a dispatch tests one field. */
  latency: CompiledDist[] | null;
  timeout: number;
  retries: number;
  backoff: number;
  pool: number;
  /** Calls that may wait for a slot of the pool (one more is rejected at once), and the longest wait before it is rejected; Infinity: no bound. */
  poolQueue: number;
  poolTimeout: number;
  /** Retry waits: Jitter.None waits backoff × 2^(i−1); Full draws it uniform in [0, that]; Equal waits half of it plus a uniform draw of the other half. */
  jitter: Jitter;
  /** Retry budget over the edge: retries at most budgetRatio × calls over the last budgetWindow s; budgetWindow 0: no budget. */
  budgetRatio: number;
  budgetWindow: number;
  breaker: { errorRate: number; window: number; minCalls: number; openFor: number } | null;
  /** A subscription of a queue with `partitions`: its messages wait per partition (`partitions.ts`). */
  partitioned: boolean;
}

export interface CompiledFault {
  node: number;
  at: number;
  duration: number;
  count: number;
  replica: number;
}

export const enum EventAction {
  Restart = 0,
  Failover = 1,
  Deploy = 2,
  Flush = 3,
}

/** One event of the timeline, defaults applied (see `engine/timeline.ts` for what each does). */
export interface CompiledEvent {
  action: EventAction;
  node: number;
  at: number;
  /** Restart: the replica (within each shard) and how long it is down; then `warmup` s during which its own work takes up to `coldFactor` times as long. */
  replica: number;
  down: number;
  warmup: number;
  coldFactor: number;
  /** Failover: seconds until a replica is promoted, and whether queries finding no instance meanwhile wait (true) or fail. */
  promotion: number;
  wait: boolean;
  /** Deploy: pods above the desired count and pods below it allowed at once, and each new pod's time to ready. */
  surge: number;
  unavailable: number;
  startup: number;
  /** Flush: seconds over which a keyless cache's hit ratio climbs back from 0. */
  warm: number;
  /** Flush: the share of the keys (keyed) or of the hit ratio (keyless) lost, and the seconds it stays so before it warms. */
  share: number;
  hold: number;
}

export interface CompiledModel {
  name: string;
  classIds: string[];
  nodes: CompiledNode[];
  edges: CompiledEdge[];
  groups: CompiledGroup[];
  faults: CompiledFault[];
  hosts: CompiledHost[];
  events: CompiledEvent[];
  warmup: number;
  duration: number;
  replications: number;
  seed: number;
  confidence: number;
}

const zeroWork = { dist: 'constant', value: 0 } as const;

function ratioByClass(spec: RatioSpec, classIds: readonly string[]): number[] {
  if (typeof spec === 'number') return classIds.map(() => spec);
  return classIds.map((id) => (Object.hasOwn(spec.byClass, id) ? spec.byClass[id] : undefined) ?? spec.default ?? 0);
}

function compileKeys(n: KeyedCacheParams): CompiledKeys {
  const keys = n.keys;
  const popularity = keys.popularity ?? 'uniform';
  return {
    count: keys.count,
    zipf: popularity === 'uniform' ? 0 : popularity.zipf,
    ttl: n.ttl ?? Infinity,
    maxKeys: n.maxKeys !== undefined && n.maxKeys < keys.count ? n.maxKeys : Infinity,
    singleFlight: n.singleFlight ?? false,
  };
}

function compileSource(node: Extract<ScenarioNode, { kind: 'source' }>, classIds: readonly string[]): CompiledSource {
  const a = node.arrival;
  const mixEntries = node.mix ? Object.entries(node.mix).filter(([, share]) => share > 0) : [[classIds[0] ?? 'default', 1] as const];
  const mixClass: number[] = [];
  const mixCumulative: number[] = [];
  let total = 0;
  for (const [id, share] of mixEntries) {
    total += share;
    mixClass.push(classIds.indexOf(id));
    mixCumulative.push(total);
  }
  // Shares are validated to sum to 1; normalising guards the last bucket against rounding.
  for (let i = 0; i < mixCumulative.length; i++) mixCumulative[i] = mixCumulative[i]! / total;
  return {
    arrival: a.process === 'poisson' ? ArrivalKind.Poisson : a.process === 'constant' ? ArrivalKind.Constant : a.process === 'bursty' ? ArrivalKind.Bursty : ArrivalKind.Closed,
    rate: 'rate' in a ? a.rate : 0,
    burstRate: a.process === 'bursty' ? a.burstRate : 0,
    burstEvery: a.process === 'bursty' ? a.burstEvery : 0,
    burstLength: a.process === 'bursty' ? a.burstLength : 0,
    users: a.process === 'closed' ? a.users : 0,
    thinkTime: a.process === 'closed' ? compileDistByClass(a.thinkTime, classIds, zeroWork) : [],
    profileAt: node.profile?.map((p) => p.at) ?? [],
    profileScale: node.profile?.map((p) => p.scale) ?? [],
    mixCumulative,
    mixClass,
    timeout: node.timeout ?? Infinity,
  };
}

const metricCodes: Record<AutoscaleMetricName, AutoscaleMetric> = {
  workers: AutoscaleMetric.Workers,
  cpu: AutoscaleMetric.Cpu,
  rps: AutoscaleMetric.Rps,
  backlog: AutoscaleMetric.Backlog,
};

function compileAutoscale(a: Autoscale, node: number, workers: number, cpus: number, nodeIndex: ReadonlyMap<string, number>, edges: readonly CompiledEdge[]): CompiledAutoscale {
  const metric = metricCodes[a.metric ?? 'workers'];
  // The validator requires each metric's target; the fallbacks only keep a type honest.
  const target =
    metric === AutoscaleMetric.Workers
      ? (workers !== Infinity ? workers : cpus) * (a.targetUtilization ?? 1)
      : metric === AutoscaleMetric.Cpu
        ? (a.targetUtilization ?? 1)
        : metric === AutoscaleMetric.Rps
          ? (a.targetRps ?? Infinity)
          : (a.targetBacklog ?? Infinity);
  const backlogQueue = metric === AutoscaleMetric.Backlog && a.queue !== undefined ? (nodeIndex.get(a.queue) ?? -1) : -1;
  return {
    min: a.min,
    max: a.max,
    metric,
    target,
    tolerance: metric === AutoscaleMetric.Workers ? 0 : hpaTolerance,
    interval: a.interval ?? 15,
    startup: a.startup ?? 30,
    cooldown: a.cooldown ?? 60,
    scaleUpWindow: a.scaleUpStabilization ?? 0,
    scaleDownWindow: a.scaleDownStabilization ?? 0,
    backlogQueue,
    backlogEdges: Int32Array.from(edges.filter((e) => backlogQueue >= 0 && e.from === backlogQueue && e.to === node).map((e) => e.index)),
  };
}

/** A caller's steps in edge order: a group is one step at its first member's place, its members next to each other there. */
function callOrder(calls: readonly CompiledEdge[]): Int32Array {
  const order: number[] = [];
  const placed = new Set<number>();
  for (const e of calls) {
    if (e.group < 0) order.push(e.index);
    else if (!placed.has(e.group)) {
      placed.add(e.group);
      for (const m of calls) if (m.group === e.group) order.push(m.index);
    }
  }
  return Int32Array.from(order);
}

export function compileScenario(scenario: Scenario): CompiledModel {
  const classIds = scenario.classes?.map((c) => c.id) ?? ['default'];
  const nodeIndex = new Map(scenario.nodes.map((n, i) => [n.id, i]));
  // Scenarios arrive validated; this guards a host that skipped it, with a message instead of a TypeError deep in the engine.
  const nodeAt = (id: string, where: string): number => {
    const i = nodeIndex.get(id);
    if (i === undefined) throw new Error(`${where}: no node "${id}" (validate the scenario before running it)`);
    return i;
  };
  const groups: CompiledGroup[] = [];
  const groupIndex = new Map<string, number>();
  const edges: CompiledEdge[] = scenario.edges.map((e, index) => {
    let group = -1;
    if (e.group !== undefined && (e.mode ?? 'sync') === 'sync') {
      const key = `${e.from}\u0000${e.group}`;
      group = groupIndex.get(key) ?? -1;
      if (group < 0) {
        group = groups.length;
        groupIndex.set(key, group);
        groups.push({ index: group, join: Join.All, quorum: 0, size: 0 });
      }
      const g = groups[group]!;
      g.size++;
      // The validator makes the members that state a join agree; any of them sets it.
      if (e.join !== undefined) {
        g.join = e.join === 'all' ? Join.All : e.join === 'any' ? Join.Any : Join.Quorum;
        g.quorum = typeof e.join === 'object' ? e.join.quorum : 0;
      }
    }
    const calls = typeof e.calls === 'object' ? e.calls : (e.calls ?? 1);
    const geometric = typeof calls === 'object';
    return {
      index,
      group,
      from: nodeAt(e.from, `edges[${index}].from`),
      to: nodeAt(e.to, `edges[${index}].to`),
      sync: (e.mode ?? 'sync') === 'sync',
      callsWhole: geometric ? 0 : Math.floor(calls),
      callsExtra: geometric ? -1 : calls - Math.floor(calls),
      callsLogMore: geometric ? log(calls.mean / (1 + calls.mean)) : 0,
      latency: e.latency ? compileDistByClass(e.latency, classIds, zeroWork) : null,
      timeout: e.timeout ?? Infinity,
      retries: e.retries?.max ?? 0,
      backoff: e.retries?.backoff ?? 0,
      pool: typeof e.pool === 'object' ? e.pool.size : (e.pool ?? Infinity),
      poolQueue: typeof e.pool === 'object' ? (e.pool.queue ?? Infinity) : Infinity,
      poolTimeout: typeof e.pool === 'object' ? (e.pool.timeout ?? Infinity) : Infinity,
      jitter: jitterCodes[e.retries?.jitter ?? 'none'],
      budgetRatio: e.retries?.budget?.ratio ?? Infinity,
      budgetWindow: e.retries?.budget?.window ?? 0,
      breaker: e.circuitBreaker ?? null,
      partitioned: false,
    };
  });

  const hosts: CompiledHost[] = (scenario.hosts ?? []).map((h) => ({ id: h.id, cpus: h.cpus, replicas: h.replicas ?? 1 }));
  const hostIndex = new Map(hosts.map((h, i) => [h.id, i]));
  const nodes: CompiledNode[] = scenario.nodes.map((n, index) => {
    const module = kindOf(n);
    const p = module.compile(n, classIds);
    const kind = kindCodes[module.station];
    const replicas = p.replicas;
    const workers = 'workers' in n && n.workers !== undefined ? n.workers : Infinity;
    const cpus = p.cpus !== undefined ? Math.min(p.cpus, workers) : workers;
    const contention = 'contention' in n ? n.contention : undefined;
    const serial = contention?.serial ?? 0;
    const crosstalk = contention?.crosstalk ?? 0;
    const work = compileDistByClass(p.work, classIds, zeroWork);
    const autoscale = p.autoscale ? compileAutoscale(p.autoscale, index, workers, cpus, nodeIndex, edges) : null;
    const outgoing = edges.filter((e) => e.from === index);
    const classesOf = (edgeIndex: number) => scenario.edges[edgeIndex]!.classes;
    const callsByClass = classIds.map((cls) => callOrder(outgoing.filter((e) => !classesOf(e.index) || classesOf(e.index)!.includes(cls))));
    const rateLimit = p.rateLimit;
    // A rolling deploy needs a slot for each new pod while the old ones drain: at most every old and every new pod at once.
    const deployed = (scenario.events ?? []).some((e) => e.action === 'deploy' && e.node === n.id);
    const slots = deployed ? 2 * replicas : autoscale ? Math.max(replicas, autoscale.max) : replicas;
    // New pod j takes old pod j's weight and speed.
    const perSlot = (values: readonly number[]) => Float64Array.from({ length: slots }, (_, i) => values[i % values.length]!);
    return {
      index,
      id: n.id,
      kind,
      kindName: module.kind,
      replicas,
      slots,
      groups: p.groups,
      balance: 'balance' in n && n.balance ? balanceCodes[n.balance] : Balance.RoundRobin,
      weights: 'balance' in n && n.balance === 'weighted' && n.weights ? perSlot(n.weights) : null,
      speed: 'speed' in n && n.speed && n.speed.some((x) => x !== 1) ? perSlot(n.speed) : null,
      workers,
      cpus,
      queue: 'queue' in n && n.queue !== undefined ? n.queue : Infinity,
      shedOldest: 'shed' in n && n.shed === 'oldest',
      codelTarget: 'shed' in n && typeof n.shed === 'object' ? (n.shed.codel.target ?? codelDefaults.target) : 0,
      codelInterval: 'shed' in n && typeof n.shed === 'object' ? (n.shed.codel.interval ?? codelDefaults.interval) : 0,
      work,
      meanWork: work.map((d) => d.mean),
      contended: serial > 0 || crosstalk > 0,
      serial,
      crosstalk,
      background: p.background ? compileDistByClass(p.background, classIds, zeroWork) : null,
      holdsWorkerAcrossCalls: kind !== NodeKind.Cache,
      hitRatio: p.hitRatio !== undefined ? ratioByClass(p.hitRatio, classIds) : classIds.map(() => 0),
      keys: p.keyed !== undefined ? compileKeys(p.keyed) : null,
      bypass: p.bypass,
      rateLimitRate: rateLimit ? rateLimit.rate : Infinity,
      rateLimitBurst: rateLimit ? (rateLimit.burst ?? 1) : Infinity,
      isWrite: classIds.map((c) => p.writes.includes(c)),
      readsOnPrimary: p.readsOnPrimary,
      shardSkew: p.shardSkew,
      capacity: p.capacity,
      autoscale,
      callsByClass,
      costPerReplica: n.cost ?? 0,
      source: p.source ? compileSource(p.source, classIds) : null,
      fedBy: [],
      host: 'host' in n && n.host !== undefined ? (hostIndex.get(n.host) ?? -1) : -1,
      partitions: p.partitions,
      partitionSkew: p.partitionSkew,
    };
  });
  for (const e of edges) if (nodes[e.from]!.kind === NodeKind.Queue) nodes[e.to]!.fedBy.push(e.index);
  for (const e of edges) e.partitioned = nodes[e.from]!.partitions > 0;

  const faults: CompiledFault[] = (scenario.faults ?? []).map((f) => ({
    node: nodeIndex.get(f.node)!,
    at: f.at,
    duration: f.for,
    count: f.replicas ?? 1,
    replica: f.replica ?? -1,
  }));

  const actionCodes = { restart: EventAction.Restart, failover: EventAction.Failover, deploy: EventAction.Deploy, flush: EventAction.Flush } as const;
  const events: CompiledEvent[] = (scenario.events ?? []).map((e, i) => {
    const node = nodeAt(e.node, `events[${i}].node`);
    const rollout = e.action === 'deploy' ? resolveRollout(e, startReplicas(scenario.nodes[node]!)) : { surge: 0, unavailable: 0 };
    return {
      action: actionCodes[e.action],
      node,
      at: e.at,
      replica: e.action === 'restart' ? (e.replica ?? 0) : 0,
      down: e.action === 'restart' ? e.down : 0,
      warmup: e.action === 'restart' ? (e.warmup ?? 0) : 0,
      coldFactor: e.action === 'restart' ? (e.coldFactor ?? eventDefaults.coldFactor) : 1,
      promotion: e.action === 'failover' ? (e.promotion ?? eventDefaults.promotion) : 0,
      wait: e.action === 'failover' && e.whileDown === 'wait',
      surge: rollout.surge,
      unavailable: rollout.unavailable,
      startup: e.action === 'deploy' ? e.startup : 0,
      warm: e.action === 'flush' ? (e.warm ?? eventDefaults.warm) : 0,
      share: e.action === 'flush' ? (e.share ?? 1) : 0,
      hold: e.action === 'flush' ? (e.for ?? 0) : 0,
    };
  });

  return {
    name: scenario.name,
    classIds,
    nodes,
    edges,
    groups,
    faults,
    hosts,
    events,
    warmup: scenario.run.warmup ?? 0,
    duration: scenario.run.duration,
    replications: scenario.run.replications ?? 1,
    seed: scenario.run.seed ?? 1,
    confidence: scenario.run.confidence ?? 0.95,
  };
}
