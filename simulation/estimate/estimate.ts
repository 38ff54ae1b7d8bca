/**
 * Instant capacity estimate from the operational laws, with no simulation: each
 * source's arrival rate is pushed through the call graph (edge order, class
 * filters, `calls`, cache misses, queue fan-out, database read/write routing and
 * shard skew), and every node's offered utilization follows from the utilization
 * law U = λ × S ÷ capacity. Queueing delay is ignored on purpose: this is what the
 * editor shows while the user types, and what the simulation then refines. It is the
 * offered load: a `queue` limit and `shed` (CoDel's drops by waiting time included) only
 * turn away what a node cannot serve, which the estimate shows as utilization ≥ 1, and
 * every call such a node makes is passed on at the offered rate.
 *
 * Pure TypeScript, no DOM: the command line can use it as well as the renderer.
 */
import type { DistSpec, Dist, Scenario, ScenarioNode, Edge, JoinSpec, RatioSpec, SourceNode } from '../model/schema';
import { findSyncCycles } from '../model/validate';
import { kindOf, type KindParams } from '../model/kinds';
import type { KeyedCacheParams } from '../model/kinds/types';
import { numbersOutOfBounds } from '../model/valueLimits';
import { uslFactor } from '../stats/uslLaw';
import { keyedHitRatio, type KeySpace } from './keyedHitRatio';

export interface NodeEstimate {
  /** Requests arriving per second, all classes (after upstream rate limits). */
  arrivalRate: number;
  /** Arrivals per second by class. */
  byClass: Record<string, number>;
  /** Mean own work per request, seconds (service `work`, otherwise `latency`). */
  ownTime: number;
  /** Mean time a worker is held: own work plus sync downstream calls without queueing (for a source: its requests' end-to-end time). */
  holdTime: number;
  /** Mean busy workers (Little's law, λ × holdTime) for the whole node. */
  busy: number;
  /**
   * Busy workers ÷ workers, for the hottest replica/instance; null when workers are unlimited.
   * A consumer of a queue with `partitions` has at most one message per partition in hand, so
   * its usable workers are min(workers × replicas, partitions): this is the larger of the two
   * shares, the hottest partition's being its messages per second × the mean time one is held.
   */
  workerUtilization: number | null;
  /** Busy CPUs ÷ CPUs; null when CPUs are unlimited. */
  cpuUtilization: number | null;
  /** On a shared host: the busiest host copy it runs on, Σ of its nodes' CPU demand there ÷ the copy's CPUs. */
  hostUtilization?: number;
  /** The largest of these, or null when the node has no finite capacity. */
  utilization: number | null;
  /** Offered more than it can serve at the mean rate (utilization ≥ 1). */
  overloaded: boolean;
  /** Utilization at the peak of the rate profile (equals utilization without a profile). */
  peakUtilization: number | null;
  /** Requests per second a gateway or external rate limit turns away. */
  rateLimited: number;
  /** A keyed cache (`keys`): the hit ratio that emerges at the mean lookup rate (see keyedHitRatio.ts). */
  hitRatio?: number;
  /** A field of the node (or of a call it makes) is outside its bound: nothing about it was estimated, and its calls carry nothing. */
  invalid?: true;
}

export interface ScenarioEstimate {
  nodes: Record<string, NodeEstimate>;
  /** Calls per second over each edge, by edge index. */
  edges: number[];
  bottleneck: { node: string; utilization: number } | null;
  /** Per host id: the busiest copy's CPU demand ÷ its CPUs (the demand of every node on it, split over that node's replicas). */
  hosts?: Record<string, number>;
  /** True when a closed source's rate is an upper bound rather than a given rate. */
  approximate: boolean;
}

const defaultClass = 'default';
const maxDepth = 64;

/** Mean of one distribution, in seconds. */
export function distMean(d: Dist): number {
  switch (d.dist) {
    case 'exponential':
    case 'erlang':
    case 'lognormal':
    case 'hyperexponential':
      return d.mean;
    case 'constant':
      return d.value;
    case 'uniform':
      return (d.min + d.max) / 2;
    case 'empirical':
      return d.samples.length ? d.samples.reduce((a, b) => a + b, 0) / d.samples.length : 0;
  }
}

/** Mean of a distribution for one class; a per-class map falls back to its default. */
export function distSpecMean(spec: DistSpec | undefined, cls: string): number {
  if (!spec) return 0;
  if ('byClass' in spec) {
    const d = (Object.hasOwn(spec.byClass, cls) ? spec.byClass[cls] : undefined) ?? spec.default;
    if (d) return distMean(d);
    const all = Object.values(spec.byClass);
    return all.length ? all.reduce((a, x) => a + distMean(x), 0) / all.length : 0;
  }
  return distMean(spec);
}

export function ratioFor(spec: RatioSpec | undefined, cls: string): number {
  if (spec === undefined) return 0;
  if (typeof spec === 'number') return spec;
  return (Object.hasOwn(spec.byClass, cls) ? spec.byClass[cls] : undefined) ?? spec.default ?? 0;
}

/** Own work of a node per request: `work` for services, `latency` for the rest. */
export function ownWork(p: KindParams, cls: string): number {
  return distSpecMean(p.work, cls);
}

/** Time-average multiplier of a rate profile over [0, horizon], and its peak. */
export function profileScale(profile: { at: number; scale: number }[] | undefined, horizon: number): { mean: number; peak: number } {
  if (!profile || profile.length === 0) return { mean: 1, peak: 1 };
  const pts = [...profile].sort((a, b) => a.at - b.at);
  const peak = Math.max(...pts.map((p) => p.scale));
  if (!(horizon > 0)) return { mean: pts[0]!.scale, peak };
  const at = (t: number): number => {
    if (t <= pts[0]!.at) return pts[0]!.scale;
    const last = pts[pts.length - 1]!;
    if (t >= last.at) return last.scale;
    for (let i = 1; i < pts.length; i++) {
      const a = pts[i - 1]!;
      const b = pts[i]!;
      if (t <= b.at) return b.at === a.at ? b.scale : a.scale + ((b.scale - a.scale) * (t - a.at)) / (b.at - a.at);
    }
    return last.scale;
  };
  // Exact integral of a piecewise-linear function: a trapezoid per piece (the constant before
  // the first point, each pair of points, the constant after the last), clipped to [0, horizon].
  // Piece by piece, a step (two points at one time) counts its value before the step up to it and after it from it.
  const pieces: [number, number, number, number][] = [[-Infinity, pts[0]!.at, pts[0]!.scale, pts[0]!.scale]];
  for (let i = 1; i < pts.length; i++) pieces.push([pts[i - 1]!.at, pts[i]!.at, pts[i - 1]!.scale, pts[i]!.scale]);
  pieces.push([pts[pts.length - 1]!.at, Infinity, pts[pts.length - 1]!.scale, pts[pts.length - 1]!.scale]);
  let area = 0;
  for (const [ta, tb, sa, sb] of pieces) {
    const lo = Math.max(0, ta);
    const hi = Math.min(horizon, tb);
    if (!(hi > lo)) continue;
    const value = (t: number) => (sa === sb ? sa : sa + ((sb - sa) * (t - ta)) / (tb - ta));
    area += ((value(lo) + value(hi)) / 2) * (hi - lo);
  }
  const inWindow = pts.filter((p) => p.at <= horizon).map((p) => p.scale);
  return { mean: area / horizon, peak: Math.max(at(0), at(horizon), ...inWindow) || peak };
}

/** Mean calls per visit of an edge: its number (default 1), or a geometric count's mean. */
export function meanCalls(edge: Edge): number {
  const c = edge.calls;
  return c === undefined ? 1 : typeof c === 'number' ? c : c.mean;
}

/** Mean time on the wire of one call over an edge, both ways together (0 without `latency`). */
export function wireTime(edge: Edge, cls: string): number {
  return distSpecMean(edge.latency, cls);
}

function classesOf(s: Scenario): string[] {
  return s.classes && s.classes.length ? s.classes.map((c) => c.id) : [defaultClass];
}

function sourceMix(node: SourceNode, classes: string[]): Record<string, number> {
  if (!node.mix || Object.keys(node.mix).length === 0) return { [classes.includes(defaultClass) ? defaultClass : classes[0]!]: 1 };
  const total = Object.values(node.mix).reduce((a, b) => a + b, 0);
  const out: Record<string, number> = {};
  for (const [c, share] of Object.entries(node.mix)) out[c] = total > 0 ? share / total : 0;
  return out;
}

function edgeTakes(e: Edge, cls: string): boolean {
  return !e.classes || e.classes.length === 0 || e.classes.includes(cls);
}

interface Graph {
  byId: Map<string, ScenarioNode>;
  out: Map<string, { edge: Edge; index: number }[]>;
  /** Contention's slow-down of each node's own work at the load being estimated (absent: 1). */
  slowdown: Map<string, number>;
  /** The join of each group of parallel calls, by caller and group name (absent: "all"). */
  joins: Map<string, JoinSpec>;
  /** A keyed cache's emergent hit ratio at the lookup rate of the flow being estimated (absent: no lookups yet, so 0). */
  keyedHit: Map<string, number>;
  /** Each node's kind parameters (its compile step's): what the estimate reads instead of branching on kind. */
  params: Map<ScenarioNode, KindParams>;
}

const paramsOf = (g: Graph, node: ScenarioNode): KindParams => g.params.get(node)!;

const groupKey = (from: string, group: string) => `${from}\u0000${group}`;

/**
 * A caller's time on its sync calls, step by step: a call on its own adds its time, a
 * group of parallel calls adds one figure for all its members (see {@link groupTime}).
 */
class CallTimes {
  private plain = 0;
  private groups: Map<string, number[]> | null = null;

  add(edge: Edge, time: number): void {
    if (edge.group === undefined || (edge.mode ?? 'sync') !== 'sync') {
      this.plain += time;
      return;
    }
    this.groups ??= new Map();
    const list = this.groups.get(edge.group);
    if (list) list.push(time);
    else this.groups.set(edge.group, [time]);
  }

  total(g: Graph, from: string): number {
    let t = this.plain;
    if (this.groups) for (const [group, times] of this.groups) t += groupTime(times, g.joins.get(groupKey(from, group)));
    return t;
  }
}

/**
 * A group's time from its members' mean times: the k-th smallest, k being the answers the
 * join needs (all: the largest, any: the smallest, quorum: the k-th). The mean of the k-th
 * order statistic is not the k-th of the means: for "all" this is a lower bound
 * (E[max] ≥ max E), for "any" an upper bound (E[min] ≤ min E), exact when the members'
 * times do not vary.
 */
export function groupTime(memberMeans: readonly number[], join: JoinSpec | undefined): number {
  if (memberMeans.length === 0) return 0;
  const sorted = [...memberMeans].sort((a, b) => a - b);
  const need = join === 'any' ? 1 : typeof join === 'object' ? Math.min(join.quorum, sorted.length) : sorted.length;
  return sorted[need - 1]!;
}

/**
 * The factor contention multiplies a node's own work by, as the estimate takes it:
 * f(n) = 1 + σ(n − 1) + κn(n − 1) at n = 1 + λ·S, the requests one starting request finds
 * in own work at its replica (λ per replica, S the unscaled mean own work) plus itself,
 * at most the replica's CPUs. It leaves out the extra concurrency the slow-down itself
 * makes, so it is a lower bound of the simulated slow-down, close while λ·S·f is small.
 */
export function contentionFactor(g: Graph, node: ScenarioNode, ratePerReplica: number, meanOwn: number): number {
  const c = 'contention' in node ? node.contention : undefined;
  if (c === undefined) return 1;
  const cap = capacityOf(g, node).cpus ?? Infinity;
  const n = Math.min(cap, 1 + ratePerReplica * meanOwn);
  return uslFactor(c.serial ?? 0, c.crosstalk ?? 0, n);
}

/** Own work as the estimate counts it: the mean, slowed by contention at the estimated load. */
function ownAt(g: Graph, node: ScenarioNode, cls: string): number {
  return ownWork(paramsOf(g, node), cls) * (g.slowdown.get(node.id) ?? 1);
}

/** Mean `background` work per request (a service's; 0 elsewhere): the worker's and a CPU's, after the answer. */
export function backgroundWork(p: KindParams, cls: string): number {
  return distSpecMean(p.background, cls);
}

/**
 * The call graph without the edges that close sync cycles: such a file is invalid, and
 * pushing its load around the cycle would only inflate every rate on it, so the estimate
 * shows the load the cycle receives and stops there.
 */
function graphOf(s: Scenario): Graph {
  const byId = new Map(s.nodes.map((n) => [n.id, n] as const));
  const out = new Map<string, { edge: Edge; index: number }[]>();
  const closing = new Set(findSyncCycles(s).map((c) => c.closingEdge));
  const joins = new Map<string, JoinSpec>();
  s.edges.forEach((edge, index) => {
    if (edge.group !== undefined && edge.join !== undefined) joins.set(groupKey(edge.from, edge.group), edge.join);
    if (!byId.has(edge.from) || !byId.has(edge.to) || closing.has(index)) return;
    const list = out.get(edge.from) ?? [];
    list.push({ edge, index });
    out.set(edge.from, list);
  });
  const classes = classesOf(s);
  const params = new Map(s.nodes.map((n) => [n, kindOf(n).compile(n, classes)] as const));
  return { byId, out, slowdown: new Map(), joins, keyedHit: new Map(), params };
}

/**
 * Time a caller waits on one sync call to `node` when nothing queues: the callee's
 * own work plus its own sync calls (only cache misses call on). Cycles count once.
 */
/** A node on the way down in {@link responseTime}: the sync calls still to add up. */
interface PendingNode {
  key: string;
  node: ScenarioNode;
  out: readonly { edge: Edge }[];
  next: number;
  downstream: CallTimes;
  /** The edge whose callee is being worked out right now, its calls per request, and each one's wire time. */
  edgeToChild: Edge | null;
  callsToChild: number;
  wireToChild: number;
}

function takesSync(edge: Edge, cls: string): boolean {
  return (edge.mode ?? 'sync') === 'sync' && edgeTakes(edge, cls);
}

/** Share of a node's downstream time that requests really spend there (a cache station's misses). */
function downstreamShare(g: Graph, node: ScenarioNode, cls: string): number {
  return kindOf(node).station === 'cache' ? 1 - hitRatioAt(g, node, cls) : 1;
}

/** A cache's hit ratio for a class: the fixed `hitRatio`, or with `keys` the one that emerges at the estimated lookup rate (the same for every class). */
function hitRatioAt(g: Graph, node: ScenarioNode, cls: string): number {
  const p = paramsOf(g, node);
  return p.keyed !== undefined ? (g.keyedHit.get(node.id) ?? 0) : ratioFor(p.hitRatio, cls);
}

/** The key space of a keyed cache as the estimate reads it (the compile step's defaults); null without one. */
export function keySpaceOf(keyed: KeyedCacheParams | undefined): KeySpace | null {
  // The estimate runs on every keystroke, before the validator: a key count no file may hold estimates nothing.
  if (keyed === undefined || !Number.isInteger(keyed.keys.count) || keyed.keys.count < 1) return null;
  const popularity = keyed.keys.popularity ?? 'uniform';
  return { count: keyed.keys.count, zipf: popularity === 'uniform' || !(popularity.zipf > 0) ? 0 : popularity.zipf, ttl: keyed.ttl ?? Infinity, maxKeys: keyed.maxKeys ?? Infinity };
}

/**
 * Mean response time of `id` for `cls`: own work plus the sync calls below it. A depth
 * first walk with its own stack, not recursion, because a valid file may chain 10,000
 * nodes; a node met again on the way down (the edge closing a cycle) counts 0.
 */
function responseTime(g: Graph, id: string, cls: string, memo: Map<string, number>, visiting: Set<string>): number {
  const stack: PendingNode[] = [];
  /** The time of `nodeId` when it is already known (or 0 for a cycle or a missing node); otherwise undefined, and its walk begins. */
  const enter = (nodeId: string): number | undefined => {
    const key = `${nodeId}\u0000${cls}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const node = g.byId.get(nodeId);
    if (!node || visiting.has(key)) return 0;
    visiting.add(key);
    stack.push({ key, node, out: kindOf(node).broker ? [] : (g.out.get(nodeId) ?? []), next: 0, downstream: new CallTimes(), edgeToChild: null, callsToChild: 0, wireToChild: 0 });
    return undefined;
  };
  const direct = enter(id);
  if (direct !== undefined) return direct;
  for (;;) {
    const top = stack[stack.length - 1]!;
    if (top.next < top.out.length) {
      const { edge } = top.out[top.next++]!;
      if (!takesSync(edge, cls)) continue;
      const calls = meanCalls(edge);
      const wire = wireTime(edge, cls);
      const child = enter(edge.to);
      if (child === undefined) {
        top.edgeToChild = edge;
        top.callsToChild = calls;
        top.wireToChild = wire;
      } else top.downstream.add(edge, calls * (wire + child));
      continue;
    }
    stack.pop();
    const t = ownAt(g, top.node, cls) + top.downstream.total(g, top.node.id) * downstreamShare(g, top.node, cls);
    visiting.delete(top.key);
    memo.set(top.key, t);
    const caller = stack[stack.length - 1];
    if (!caller) return t;
    caller.downstream.add(caller.edgeToChild!, caller.callsToChild * (caller.wireToChild + t));
  }
}

function downstreamTime(g: Graph, node: ScenarioNode, cls: string, memo: Map<string, number>, visiting: Set<string>): number {
  // A broker answers its publisher on its own: its subscribers' time is no caller's.
  if (kindOf(node).broker) return 0;
  const t = new CallTimes();
  for (const { edge } of g.out.get(node.id) ?? []) {
    if (takesSync(edge, cls)) t.add(edge, meanCalls(edge) * (wireTime(edge, cls) + responseTime(g, edge.to, cls, memo, visiting)));
  }
  return t.total(g, node.id) * downstreamShare(g, node, cls);
}

interface Flow {
  byClass: Map<string, Map<string, number>>;
  edges: number[];
  rateLimited: Map<string, number>;
}

/** Pushes `scale` × each source's base rate through the graph. */
function propagate(s: Scenario, g: Graph, sourceRates: Map<string, number>): Flow {
  const classes = classesOf(s);
  const byClass = new Map<string, Map<string, number>>();
  const edges = s.edges.map(() => 0);
  const rateLimited = new Map<string, number>();
  const add = (id: string, cls: string, rate: number) => {
    const m = byClass.get(id) ?? new Map<string, number>();
    m.set(cls, (m.get(cls) ?? 0) + rate);
    byClass.set(id, m);
  };

  // Rate limits act on the total, so flows are pushed level by level: a node passes
  // its arrivals on only once every caller above it has been counted.
  const pending = new Map<string, Map<string, number>>();
  const push = (id: string, cls: string, rate: number) => {
    const m = pending.get(id) ?? new Map<string, number>();
    m.set(cls, (m.get(cls) ?? 0) + rate);
    pending.set(id, m);
  };
  for (const [id, rate] of sourceRates) {
    const node = g.byId.get(id);
    const source = node && paramsOf(g, node).source;
    if (!source) continue;
    for (const [cls, share] of Object.entries(sourceMix(source, classes))) push(id, cls, rate * share);
  }
  for (let depth = 0; depth < maxDepth && pending.size > 0; depth++) {
    const wave = new Map(pending);
    pending.clear();
    for (const [id, rates] of wave) {
      const node = g.byId.get(id)!;
      const p = paramsOf(g, node);
      const cache = kindOf(node).station === 'cache';
      let admitted = 1;
      if (p.rateLimit) {
        const total = [...rates.values()].reduce((a, b) => a + b, 0);
        if (total > p.rateLimit.rate) {
          admitted = p.rateLimit.rate / total;
          rateLimited.set(id, (rateLimited.get(id) ?? 0) + total - p.rateLimit.rate);
        }
      }
      const keySpace = cache ? keySpaceOf(p.keyed) : null;
      if (keySpace !== null) {
        // Lookups from every class draw from one key space: the hit ratio follows their total rate.
        let lookups = 0;
        for (const r of rates.values()) lookups += r;
        g.keyedHit.set(id, keyedHitRatio(keySpace, lookups));
      }
      for (const [cls, rate] of rates) {
        add(id, cls, rate);
        const passed = rate * admitted;
        const onward = cache ? passed * (1 - hitRatioAt(g, node, cls)) : passed;
        for (const { edge, index } of g.out.get(id) ?? []) {
          if (!edgeTakes(edge, cls)) continue;
          const r = onward * meanCalls(edge);
          edges[index]! += r;
          if (r > 0) push(edge.to, cls, r);
        }
      }
    }
  }
  return { byClass, edges, rateLimited };
}

/** A node with replicas spread by a balancing policy (every kind but a source and a broker). */
type ReplicatedNode = Extract<ScenarioNode, { balance?: unknown }>;
/** The node as one with replicas when its kind has them, else null. */
const replicated = (node: ScenarioNode): ReplicatedNode | null => (kindOf(node).replicated ? (node as ReplicatedNode) : null);

interface Capacity {
  replicas: number;
  workers: number | null;
  cpus: number | null;
}

function capacityOf(g: Graph, node: ScenarioNode): Capacity {
  // A source has no capacity, and a broker accepts any number of messages at once: no worker limit to saturate.
  const n = replicated(node);
  if (n === null) return { replicas: 1, workers: null, cpus: null };
  // CPUs of their own (a service's, a database's beside its connections) are a limit apart; elsewhere the workers are the CPUs.
  const workers = n.workers ?? null;
  return { replicas: n.replicas ?? 1, workers, cpus: paramsOf(g, node).cpus ?? workers };
}

interface Load {
  /** work-seconds per second, summed over classes: λ × own work */
  cpuDemand: number;
  /** worker-seconds per second: λ × hold time */
  workerDemand: number;
}

/**
 * Load of a database node's hottest instance (shards, primary vs replicas): writes go to
 * the primary, reads to the read replicas (or to all instances with `readsOnPrimary` or
 * one instance), shared by `weights` with balance "weighted", else evenly; an instance's
 * own work is divided by its `speed`.
 */
function databaseHotShare(node: ReplicatedNode, p: KindParams, rates: Map<string, number>, hold: (cls: string) => number, own: (cls: string) => number) {
  const instances = node.replicas ?? 1;
  const shards = p.groups;
  const skew = p.shardSkew;
  const hot = (1 + skew * (shards - 1)) / shards;
  const writes = new Set(p.writes);
  const weight = (i: number) => (node.balance === 'weighted' ? (node.weights?.[i] ?? 1) : 1);
  const readsEverywhere = p.readsOnPrimary || instances === 1;
  let readTotal = 0;
  for (let i = readsEverywhere ? 0 : 1; i < instances; i++) readTotal += weight(i);
  let worker = 0;
  let cpu = 0;
  for (let i = 0; i < instances; i++) {
    const speed = node.speed?.[i] ?? 1;
    const readShare = i === 0 && !readsEverywhere ? 0 : weight(i) / readTotal;
    let w = 0;
    let c = 0;
    for (const [cls, rate] of rates) {
      const share = writes.has(cls) ? (i === 0 ? 1 : 0) : readShare;
      const r = rate * hot * share;
      w += r * (hold(cls) - own(cls) + own(cls) / speed);
      c += (r * own(cls)) / speed;
    }
    worker = Math.max(worker, w);
    cpu = Math.max(cpu, c);
  }
  return { worker, cpu };
}

function nodeLoads(s: Scenario, g: Graph, flow: Flow) {
  const memo = new Map<string, number>();
  const out = new Map<string, { load: Load; hot: Load | null; own: number; hold: number; rate: number }>();
  for (const node of s.nodes) {
    const rates = flow.byClass.get(node.id) ?? new Map<string, number>();
    const own = (cls: string) => ownAt(g, node, cls);
    // Background work holds a worker and a CPU after the answer: load on the node, time for no caller.
    const kind = kindOf(node);
    const p = paramsOf(g, node);
    const after = (cls: string) => backgroundWork(p, cls);
    const hold = (cls: string) => {
      // A source's "hold" is what one of its requests waits end to end, without queueing.
      if (kind.source) return downstreamTime(g, node, cls, memo, new Set());
      if (kind.broker) return ownWork(p, cls);
      // A cache gives its worker back before it calls on after a miss.
      if (kind.station === 'cache') return own(cls);
      return own(cls) + downstreamTime(g, node, cls, memo, new Set()) + after(cls);
    };
    let rate = 0;
    let cpuDemand = 0;
    let workerDemand = 0;
    let ownSum = 0;
    let holdSum = 0;
    for (const [cls, r] of rates) {
      rate += r;
      cpuDemand += r * (own(cls) + after(cls));
      workerDemand += r * hold(cls);
      ownSum += r * own(cls);
      holdSum += r * hold(cls);
    }
    const classes = classesOf(s);
    const firstCls = classes[0]!;
    let hot: Load | null = null;
    const spread = replicated(node);
    if (kind.station === 'database' && spread !== null) {
      const h = databaseHotShare(spread, p, rates, hold, own);
      hot = { workerDemand: h.worker, cpuDemand: h.cpu };
    }
    out.set(node.id, {
      load: { cpuDemand, workerDemand },
      hot,
      own: rate > 0 ? ownSum / rate : own(firstCls),
      hold: rate > 0 ? holdSum / rate : hold(firstCls),
      rate,
    });
  }
  return out;
}

/** Demand over capacity; no demand is 0 even on a node with no capacity (0 ÷ 0). */
const ratioOf = (demand: number, capacity: number) => (demand === 0 ? 0 : demand / capacity);

function utilizations(g: Graph, node: ScenarioNode, load: Load, hot: Load | null) {
  const cap = capacityOf(g, node);
  if (hot) {
    // Per instance (the hottest one), so replicas are not divided again.
    return {
      worker: cap.workers === null ? null : ratioOf(hot.workerDemand, cap.workers),
      cpu: cap.cpus === null ? null : ratioOf(hot.cpuDemand, cap.cpus),
    };
  }
  const shares = replicaShares(node);
  if (shares !== null) {
    // The busiest replica decides: its share of the load, its own work divided by its speed.
    let worker = 0;
    let cpu = 0;
    shares.forEach(({ share, speed }) => {
      worker = Math.max(worker, share * (load.workerDemand - load.cpuDemand + load.cpuDemand / speed));
      cpu = Math.max(cpu, (share * load.cpuDemand) / speed);
    });
    return { worker: cap.workers === null ? null : ratioOf(worker, cap.workers), cpu: cap.cpus === null ? null : ratioOf(cpu, cap.cpus) };
  }
  return {
    worker: cap.workers === null ? null : ratioOf(load.workerDemand, cap.replicas * cap.workers),
    cpu: cap.cpus === null ? null : ratioOf(load.cpuDemand, cap.replicas * cap.cpus),
  };
}

/**
 * Each replica's share of the node's requests (weight ÷ Σ weights with balance "weighted",
 * else even) and its speed; null when the replicas are alike, so the plain sums stand.
 */
export function replicaShares(of: ScenarioNode): { share: number; speed: number }[] | null {
  const node = replicated(of);
  if (node === null) return null;
  const weights = node.balance === 'weighted' ? node.weights : undefined;
  if (weights === undefined && (node.speed ?? []).every((x) => x === 1)) return null;
  const n = node.replicas ?? 1;
  const total = weights === undefined ? n : weights.reduce((a, b) => a + b, 0);
  return Array.from({ length: n }, (_, i) => ({ share: (weights?.[i] ?? 1) / total, speed: node.speed?.[i] ?? 1 }));
}

type Loads = ReturnType<typeof nodeLoads>;

/**
 * Each host copy's CPU demand ÷ its CPUs: a node's CPU demand split over its instances
 * (by weight and speed where given, else evenly; a database's evenly over shards and
 * replicas), instance k on copy k mod the host's replicas.
 */
function hostCopies(s: Scenario, loads: Loads): Map<string, number[]> {
  const copies = new Map<string, number[]>();
  const cpus = new Map<string, number>();
  for (const h of s.hosts ?? []) {
    copies.set(h.id, new Array<number>(h.replicas ?? 1).fill(0));
    cpus.set(h.id, h.cpus);
  }
  for (const node of s.nodes) {
    const on = 'host' in node && node.host !== undefined ? copies.get(node.host) : undefined;
    if (on === undefined || !('host' in node)) continue;
    const demand = loads.get(node.id)!.load.cpuDemand;
    const replicas = node.replicas ?? 1;
    const kind = kindOf(node);
    const shards = kind.groups(node);
    // A database spreads evenly over shards and replicas (weights pick its read replicas; see databaseHotShare).
    const shares = kind.station === 'database' ? null : replicaShares(node);
    for (let k = 0; k < replicas * shards; k++) {
      const r = shares?.[k % replicas];
      on[k % on.length]! += r ? (demand * r.share) / r.speed : demand / (replicas * shards);
    }
  }
  for (const [id, list] of copies) copies.set(id, list.map((d) => ratioOf(d, cpus.get(id)!)));
  return copies;
}

/** The busiest host copy a node's instances run on, or undefined when it has no host. */
function hostShare(node: ScenarioNode, copies: Map<string, number[]>): number | undefined {
  const on = 'host' in node && node.host !== undefined ? copies.get(node.host) : undefined;
  if (on === undefined) return undefined;
  const instances = Math.min(on.length, ('replicas' in node ? (node.replicas ?? 1) : 1) * kindOf(node).groups(node));
  return Math.max(...on.slice(0, instances));
}

/** A consumer's hottest partition: messages per second on the subscription × its share × the consumer's mean hold; null when not fed by partitions. */
function partitionShare(g: Graph, s: Scenario, node: ScenarioNode, flow: Flow, hold: number): number | null {
  let hottest: number | null = null;
  s.edges.forEach((e, i) => {
    if (e.to !== node.id) return;
    const q = s.nodes.find((n) => n.id === e.from);
    if (q === undefined || !kindOf(q).broker) return;
    const { partitions, partitionSkew } = paramsOf(g, q);
    if (partitions === 0) return;
    const hot = (1 + partitionSkew * (partitions - 1)) / partitions;
    hottest = Math.max(hottest ?? 0, (flow.edges[i] ?? 0) * hot * hold);
  });
  return hottest;
}

function maxOf(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}

/**
 * Closed sources have no rate of their own: use the asymptotic upper bound
 * λ ≤ min(N ÷ (Z + D), 1 ÷ D_max) from one pass at unit rate, where D is the
 * response time without queueing and D_max the busiest node's demand per request.
 * With a profile of users, N is the time-average count for the mean load and the
 * peak count for the peak utilization, as open sources' profiles are read.
 */
function closedRates(s: Scenario, g: Graph, horizon: number): Map<string, { mean: number; peak: number }> {
  const rates = new Map<string, { mean: number; peak: number }>();
  const memo = new Map<string, number>();
  const classes = classesOf(s);
  for (const n of s.nodes) {
    const node = paramsOf(g, n).source;
    if (node === null || node.arrival.process !== 'closed') continue;
    const mix = sourceMix(node, classes);
    let think = 0;
    let resp = 0;
    for (const [cls, share] of Object.entries(mix)) {
      think += share * distSpecMean(node.arrival.thinkTime, cls);
      resp += share * downstreamTime(g, node, cls, memo, new Set());
    }
    const unit = nodeLoads(s, g, propagate(s, g, new Map([[node.id, 1]])));
    let dmax = 0;
    for (const other of s.nodes) {
      const l = unit.get(other.id)!;
      const u = maxOf(...Object.values(utilizations(g, other, l.load, l.hot)) as [number | null, number | null]);
      if (u !== null) dmax = Math.max(dmax, u);
    }
    const users = profileScale(node.profile, horizon);
    const bound = (n: number) => Math.min(think + resp > 0 ? n / (think + resp) : Infinity, dmax > 0 ? 1 / dmax : Infinity);
    rates.set(node.id, { mean: bound(node.arrival.users * users.mean), peak: bound(node.arrival.users * users.peak) });
  }
  return rates;
}

const unestimated: NodeEstimate = {
  arrivalRate: 0,
  byClass: {},
  ownTime: 0,
  holdTime: 0,
  busy: 0,
  workerUtilization: null,
  cpuUtilization: null,
  utilization: null,
  overloaded: false,
  peakUtilization: null,
  rateLimited: 0,
  invalid: true,
};

/**
 * Offered load of every node of a scenario, from the operational laws. The editor calls
 * it on every keystroke, invalid values included: a node with a value outside its bound
 * (`valueLimits.ts`), or making a call with one, is left out and marked `invalid` rather
 * than estimated with 1e12 ms of work, and so are the calls it makes.
 */
export function estimate(s: Scenario): ScenarioEstimate {
  const badNodes = new Set<number>();
  const badEdges = new Set<number>();
  for (const [top, index] of numbersOutOfBounds(s)) {
    if (typeof index !== 'number') continue;
    if (top === 'nodes') badNodes.add(index);
    if (top === 'edges') badEdges.add(index);
  }
  if (badNodes.size === 0 && badEdges.size === 0) return estimateValid(s);
  for (const i of badEdges) {
    const from = s.nodes.findIndex((n) => n.id === s.edges[i]?.from);
    if (from >= 0) badNodes.add(from);
  }
  const badIds = new Set([...badNodes].map((i) => s.nodes[i]?.id));
  const keptEdges = s.edges.map((e, i) => !badEdges.has(i) && !badIds.has(e.from) && !badIds.has(e.to));
  const valid = estimateValid({ ...s, nodes: s.nodes.filter((_, i) => !badNodes.has(i)), edges: s.edges.filter((_, i) => keptEdges[i]) });
  const nodes: Record<string, NodeEstimate> = {};
  for (const n of s.nodes) nodes[n.id] = badIds.has(n.id) ? unestimated : (valid.nodes[n.id] ?? unestimated);
  let k = 0;
  const edges = s.edges.map((_, i) => (keptEdges[i] ? (valid.edges[k++] ?? 0) : 0));
  return { ...valid, nodes, edges };
}

function estimateValid(s: Scenario): ScenarioEstimate {
  const g = graphOf(s);
  const horizon = (s.run?.warmup ?? 0) + (s.run?.duration ?? 0);
  const closed = closedRates(s, g, horizon);
  const mean = new Map<string, number>();
  const peak = new Map<string, number>();
  for (const n of s.nodes) {
    const node = paramsOf(g, n).source;
    if (node === null) continue;
    const a = node.arrival;
    if (a.process === 'closed') {
      const r = closed.get(node.id) ?? { mean: 0, peak: 0 };
      mean.set(node.id, Number.isFinite(r.mean) ? r.mean : 0);
      peak.set(node.id, Number.isFinite(r.peak) ? r.peak : 0);
      continue;
    }
    let base = a.rate;
    if (a.process === 'bursty') base = (a.rate * a.burstEvery + a.burstRate * a.burstLength) / (a.burstEvery + a.burstLength);
    const p = profileScale(node.profile, horizon);
    mean.set(node.id, base * p.mean);
    peak.set(node.id, (a.process === 'bursty' ? Math.max(a.rate, a.burstRate) : a.rate) * p.peak);
  }

  const flow = propagate(s, g, mean);
  // Rates do not depend on times, so the slow-down at this load can be set before the times are added up.
  for (const node of s.nodes) {
    const rates = flow.byClass.get(node.id);
    if (!('contention' in node) || node.contention === undefined || !rates) continue;
    let rate = 0;
    let work = 0;
    for (const [cls, r] of rates) {
      rate += r;
      work += r * ownWork(paramsOf(g, node), cls);
    }
    const instances = kindOf(node).groups(node) * capacityOf(g, node).replicas;
    g.slowdown.set(node.id, contentionFactor(g, node, rate / instances, rate > 0 ? work / rate : 0));
  }
  const loads = nodeLoads(s, g, flow);
  const meanHit = new Map(g.keyedHit);
  const peakFlow = propagate(s, g, peak);
  const peakLoads = nodeLoads(s, g, peakFlow);
  const copies = hostCopies(s, loads);
  const peakCopies = hostCopies(s, peakLoads);
  const nodes: Record<string, NodeEstimate> = {};
  let bottleneck: ScenarioEstimate['bottleneck'] = null;
  for (const node of s.nodes) {
    const l = loads.get(node.id)!;
    const u = utilizations(g, node, l.load, l.hot);
    const pl = peakLoads.get(node.id)!;
    const pu = utilizations(g, node, pl.load, pl.hot);
    u.worker = maxOf(u.worker, partitionShare(g, s, node, flow, l.hold));
    pu.worker = maxOf(pu.worker, partitionShare(g, s, node, peakFlow, pl.hold));
    const host = hostShare(node, copies);
    const peakHost = hostShare(node, peakCopies) ?? null;
    const utilization = maxOf(maxOf(u.worker, u.cpu), host ?? null);
    nodes[node.id] = {
      arrivalRate: l.rate,
      byClass: Object.fromEntries(flow.byClass.get(node.id) ?? []),
      ownTime: l.own,
      holdTime: l.hold,
      busy: l.load.workerDemand,
      workerUtilization: u.worker,
      cpuUtilization: u.cpu,
      ...(host === undefined ? {} : { hostUtilization: host }),
      utilization,
      overloaded: utilization !== null && utilization >= 1,
      peakUtilization: maxOf(maxOf(pu.worker, pu.cpu), peakHost),
      rateLimited: flow.rateLimited.get(node.id) ?? 0,
      ...(paramsOf(g, node).keyed !== undefined ? { hitRatio: meanHit.get(node.id) ?? 0 } : {}),
    };
    if (utilization !== null && (!bottleneck || utilization > bottleneck.utilization)) bottleneck = { node: node.id, utilization };
  }
  const hosts = s.hosts === undefined ? {} : { hosts: Object.fromEntries([...copies].map(([id, list]) => [id, Math.max(0, ...list)])) };
  return { nodes, edges: flow.edges, bottleneck, ...hosts, approximate: closed.size > 0 };
}
