/**
 * From spans to a scenario: nodes, classes, edges with mean calls, sync or async, each
 * node's own work as a fitted distribution of self time, and the arrival rate over the
 * trace window. Capacity (replicas, workers, CPUs) is never in a trace, so it is never
 * guessed: every such field is a placeholder of 1 and listed as to be filled in.
 *
 * A *visit* is a span where a request is at a node: a server or consumer span, a root,
 * a span whose service differs from its caller's, or a client/producer span that names
 * an uninstrumented backend (`db.system`, `messaging.system`, `peer.service`), which
 * becomes a visit at that backend. Internal spans belong to the visit around them.
 */
import type { Dist, DistSpec, Edge, Scenario, ScenarioNode, ToFillField } from '../model/schema';
import { problem } from '../findings/error';
import { kindNamed, knownKind } from '../model/kinds';
import { TraceInputError, type TraceSpan } from './parse';
import { ParallelTally, type CallInterval, type ParallelGroup } from './parallel';
import { SamplingTally, traceSampling, type SamplingReport } from './sampling';

export interface ImportOptions {
  /** service name → node id. */
  map?: Record<string, string>;
}

export interface InferredWork {
  node: string;
  cls: string;
  samples: number;
  mean: number;
  cv: number;
  dist: Dist['dist'];
}

export interface InferredEdge {
  from: string;
  to: string;
  cls: string;
  mode: 'sync' | 'async';
  calls: number;
}

/** What the import found and what it could not tell, for the printed report. */
export interface ImportReport {
  spans: number;
  traces: number;
  requests: number;
  window: number;
  rate: number;
  source: string;
  /** `hitRatio`: a cache's, over every class (the share of its visits that called nothing onward). */
  nodes: { id: string; kind: ScenarioNode['kind']; service: string; visits: number; hitRatio?: number }[];
  classes: { id: string; label: string; requests: number }[];
  edges: InferredEdge[];
  work: InferredWork[];
  toFill: { node: string; fields: ToFillField[] }[];
  /** Capacity that flags gave (`--replicas api=4`), with the flag as typed. */
  filled: { node: string; field: ToFillField; value: number | null; flag: string }[];
  orphans: number;
  orphanExamples: string[];
  skew: { spans: number; maxSeconds: number };
  unnamedCalls: number;
  rootlessTraces: number;
  duplicates: number;
  /** Visits whose sync calls overlap. */
  parallel: number;
  /** Callees called at once, written as an edge `group` (parallel.ts has the rules). */
  parallelGroups: ParallelGroup[];
  /** A callee called at once with itself: no group can say so, the calls stay in sequence. */
  sameCallee: { from: string; to: string; visits: number }[];
  sampling: SamplingReport;
}

interface Visit {
  node: string;
  cls: number;
  start: number;
  end: number;
  /** The interval the caller waited for, when sync: the client span around this visit if any. */
  callStart: number;
  callEnd: number;
  async: boolean;
  parent: Visit | null;
  /** Sync calls' intervals, clipped to this visit, for the self time. */
  busy: number[];
  /** The same calls with their callees, for which ran at once. */
  calls: CallInterval[];
  fromOrphan: boolean;
  /** Seconds of the span spent waiting for a worker or a CPU, when the trace says (Headroom's own `headroom.wait`); 0 otherwise. */
  queued: number;
}

const backendKinds = new Set(['redis', 'memcached', 'memcache', 'valkey', 'dragonfly']);

function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

/** The uninstrumented backend a client or producer span calls, with its kind; null when it names none. */
function backendOf(s: TraceSpan): { name: string; kind: ScenarioNode['kind'] } | null {
  const a = s.attributes;
  const db = str(a['db.system']) ?? str(a['db.system.name']);
  const messaging = str(a['messaging.system']) ?? (str(a['messaging.destination.name']) || str(a['messaging.destination']) ? 'queue' : null);
  const peer = str(a['peer.service']);
  if (s.kind === 'producer' && messaging) return { name: peer ?? str(a['messaging.destination.name']) ?? str(a['messaging.destination']) ?? messaging, kind: 'queue' };
  if (db) return { name: peer ?? db, kind: backendKinds.has(db.toLowerCase()) ? 'cache' : 'database' };
  if (messaging && s.kind === 'client') return { name: peer ?? messaging, kind: 'queue' };
  if (peer) return { name: peer, kind: 'external' };
  return null;
}

/** The node kind a service's own spans show: Headroom's own attribute, then the conventional ones. */
function serviceKind(s: TraceSpan): ScenarioNode['kind'] | null {
  const own = str(s.attributes['headroom.node.kind']);
  if (own && own !== 'source' && ['gateway', 'service', 'cache', 'queue', 'database', 'external'].includes(own)) return own as ScenarioNode['kind'];
  if (s.kind === 'server') {
    const db = str(s.attributes['db.system']);
    if (db) return backendKinds.has(db.toLowerCase()) ? 'cache' : 'database';
  }
  return null;
}

export function toIdentifier(name: string, fallback: string): string {
  const id = name
    .replace(/[^A-Za-z0-9_-]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 64);
  return id === '' || id === '__proto__' ? fallback : id;
}

function meanCv(xs: readonly number[]): { mean: number; cv: number } {
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / xs.length;
  let ss = 0;
  for (const x of xs) ss += (x - mean) * (x - mean);
  const sd = xs.length > 1 ? Math.sqrt(ss / (xs.length - 1)) : 0;
  return { mean, cv: mean > 0 ? sd / mean : 0 };
}

/** No gamma in the format: erlang below cv 0.8, exponential near 1, lognormal above 1.2; constant when it does not vary. */
export function fitDistribution(xs: readonly number[]): { dist: Dist; mean: number; cv: number } {
  const { mean, cv } = meanCv(xs);
  const m = Number(mean.toPrecision(4));
  if (!(mean > 0)) return { dist: { dist: 'constant', value: 0 }, mean: 0, cv: 0 };
  if (xs.length < 2 || cv < 0.05) return { dist: { dist: 'constant', value: m }, mean, cv };
  if (cv < 0.8) return { dist: { dist: 'erlang', mean: m, k: Math.max(2, Math.min(100, Math.round(1 / (cv * cv)))) }, mean, cv };
  if (cv <= 1.2) return { dist: { dist: 'exponential', mean: m }, mean, cv };
  return { dist: { dist: 'lognormal', mean: m, cv: Number(cv.toPrecision(3)) }, mean, cv };
}

/** Length of the union of intervals (flat [start, end, start, end, …]), clipped to [lo, hi]. */
function unionLength(flat: number[], lo: number, hi: number): number {
  const pairs: [number, number][] = [];
  for (let i = 0; i < flat.length; i += 2) {
    const a = Math.max(lo, flat[i]!);
    const b = Math.min(hi, flat[i + 1]!);
    if (b > a) pairs.push([a, b]);
  }
  pairs.sort((x, y) => x[0] - y[0]);
  let total = 0;
  let curA = -Infinity;
  let curB = -Infinity;
  for (const [a, b] of pairs) {
    if (a > curB) {
      if (curB > curA) total += curB - curA;
      curA = a;
      curB = b;
    } else curB = Math.max(curB, b);
  }
  if (curB > curA) total += curB - curA;
  return total;
}

/** A sync child may end this much after its parent (clock skew) before it counts as outliving it. */
const skewTolerance = 0.005;

export function inferScenario(spans: readonly TraceSpan[], options: ImportOptions = {}): { scenario: Scenario; report: ImportReport } {
  if (spans.length === 0) throw new TraceInputError(problem('traceNoSpans'));
  const map = options.map ?? {};
  const byTrace = new Map<string, TraceSpan[]>();
  for (const s of spans) {
    const list = byTrace.get(s.traceId);
    if (list) list.push(s);
    else byTrace.set(s.traceId, [s]);
  }

  const nodeIds = new Map<string, string>();
  const nodeKinds = new Map<string, ScenarioNode['kind']>();
  const nodeService = new Map<string, string>();
  const nodeVisits = new Map<string, number>();
  const nodeOf = (name: string, kind: ScenarioNode['kind'] | null, ownId: string | null = null): string => {
    let id = nodeIds.get(name);
    if (id === undefined) {
      // Headroom's own traces carry the node id beside the label, so a round trip keeps both.
      id = Object.hasOwn(map, name) ? map[name]! : ownId !== null && /^[A-Za-z0-9_-]+$/.test(ownId) && ownId !== '__proto__' ? ownId : toIdentifier(name, `node${nodeIds.size + 1}`);
      nodeIds.set(name, id);
      nodeService.set(id, name);
    }
    if (kind && (!nodeKinds.has(id) || nodeKinds.get(id) === 'service')) nodeKinds.set(id, kind);
    else if (!nodeKinds.has(id)) nodeKinds.set(id, 'service');
    return id;
  };

  const classLabels: string[] = [];
  const classIndex = new Map<string, number>();
  const classRequests: number[] = [];
  /** Requests per class counted by their sampling weight (1 ÷ the stated probability): the mix. */
  const classWeights: number[] = [];
  const sampling = new SamplingTally();
  let weights = 0;
  const visits: Visit[] = [];
  const rootStarts: number[] = [];
  /** Per class: how many root visits of each node a request makes (calls from the source). */
  const rootCalls = new Map<string, number>();
  let orphans = 0;
  const orphanExamples: string[] = [];
  let skewSpans = 0;
  let skewMax = 0;
  let unnamedCalls = 0;
  let rootlessTraces = 0;
  let duplicates = 0;

  for (const [traceId, list] of byTrace) {
    const byId = new Map<string, TraceSpan>();
    for (const s of list) {
      if (byId.has(s.spanId)) duplicates++;
      else byId.set(s.spanId, s);
    }
    const children = new Map<string, TraceSpan[]>();
    const roots: TraceSpan[] = [];
    const orphanRoots: TraceSpan[] = [];
    for (const s of byId.values()) {
      if (s.parentId === null) roots.push(s);
      else if (!byId.has(s.parentId)) {
        orphanRoots.push(s);
        orphans++;
        if (orphanExamples.length < 3) orphanExamples.push(`${s.service} "${s.name}" (trace ${traceId}, parent ${s.parentId})`);
      } else {
        const c = children.get(s.parentId);
        if (c) c.push(s);
        else children.set(s.parentId, [s]);
      }
    }
    // Every span reachable from a root or an orphan; the rest sit on a parent-id cycle.
    const reached = new Set<string>();
    const stack = [...roots, ...orphanRoots];
    while (stack.length > 0) {
      const s = stack.pop()!;
      reached.add(s.spanId);
      for (const c of children.get(s.spanId) ?? []) stack.push(c);
    }
    if (reached.size < byId.size) {
      const inCycle = [...byId.values()].find((s) => !reached.has(s.spanId))!;
      throw new TraceInputError(problem('traceCycle', { where: inCycle.where, trace: traceId, span: inCycle.spanId, unreached: byId.size - reached.size }));
    }
    roots.sort((a, b) => a.start - b.start);
    let cls = -1;
    if (roots.length > 0) {
      const label = roots[0]!.name || str(roots[0]!.attributes['http.route']) || 'request';
      const existing = classIndex.get(label);
      cls = existing ?? classLabels.length;
      if (existing === undefined) {
        classIndex.set(label, cls);
        classLabels.push(label);
        classRequests.push(0);
        classWeights.push(0);
      }
      classRequests[cls]++;
      const weight = sampling.add(traceSampling(roots[0]!, byId.values()));
      classWeights[cls] += weight;
      weights += weight;
      rootStarts.push(roots[0]!.start);
    } else rootlessTraces++;

    interface Step {
      span: TraceSpan;
      owner: Visit | null;
      call: TraceSpan | null;
      follows: boolean;
      orphan: boolean;
    }
    const steps: Step[] = [...roots.map((span) => ({ span, owner: null, call: null, follows: false, orphan: false })), ...orphanRoots.map((span) => ({ span, owner: null, call: null, follows: span.followsFrom, orphan: true }))];
    const ownerService = new Map<Visit, string>();
    while (steps.length > 0) {
      const { span, owner, call, follows, orphan } = steps.pop()!;
      const kids = children.get(span.spanId) ?? [];
      const backend = span.kind === 'client' || span.kind === 'producer' ? backendOf(span) : null;
      const hasServerChild = kids.some((k) => k.kind === 'server' || k.kind === 'consumer');
      const sameService = owner !== null && ownerService.get(owner) === span.service;
      const isBackendVisit = sameService && backend !== null && (span.kind === 'producer' || !hasServerChild);
      const isVisit = owner === null || span.kind === 'server' || span.kind === 'consumer' || !sameService || isBackendVisit;
      if (!isVisit) {
        if ((span.kind === 'client' || span.kind === 'producer') && kids.length === 0) unnamedCalls++;
        const nextCall = call ?? (span.kind === 'client' || span.kind === 'producer' ? span : null);
        for (const k of kids) steps.push({ span: k, owner, call: nextCall, follows: follows || k.followsFrom, orphan });
        continue;
      }
      const node = isBackendVisit ? nodeOf(backend.name, backend.kind) : nodeOf(span.service, serviceKind(span), str(span.attributes['headroom.node.id']));
      nodeVisits.set(node, (nodeVisits.get(node) ?? 0) + 1);
      const callStart = call ? call.start : span.start;
      const callEnd = call ? call.end : span.end;
      const outlives = owner !== null && callEnd > owner.end + skewTolerance;
      const viaProducer = call?.kind === 'producer';
      const async = owner !== null && (follows || span.kind === 'producer' || span.kind === 'consumer' || viaProducer || outlives);
      if (owner !== null && span.start < owner.start) {
        skewSpans++;
        skewMax = Math.max(skewMax, owner.start - span.start);
      }
      const wait = span.attributes['headroom.wait'];
      const visit: Visit = { node, cls, start: span.start, end: span.end, callStart, callEnd, async, parent: owner, busy: [], calls: [], fromOrphan: orphan, queued: typeof wait === 'number' && wait > 0 ? wait : 0 };
      if (owner !== null && !async) {
        owner.busy.push(callStart, callEnd);
        owner.calls.push({ to: node, start: callStart, end: callEnd });
      }
      visits.push(visit);
      ownerService.set(visit, isBackendVisit ? `\u0000${node}` : span.service);
      if (owner === null && !orphan && cls >= 0) rootCalls.set(`${cls}\u0000${node}`, (rootCalls.get(`${cls}\u0000${node}`) ?? 0) + 1);
      for (const k of kids) steps.push({ span: k, owner: visit, call: null, follows: k.followsFrom, orphan });
    }
  }

  const classIds: string[] = [];
  for (const label of classLabels) {
    let id = toIdentifier(label, `class${classIds.length + 1}`);
    while (classIds.includes(id)) id = `${id}_${classIds.length + 1}`;
    classIds.push(id);
  }
  const requests = classRequests.reduce((a, b) => a + b, 0);
  const clsId = (c: number): string => (c >= 0 ? classIds[c]! : '*');

  // Calls per visit of the caller: the meaning of an edge's `calls`; a cache makes its calls
  // only on a miss, so per missed visit there, and the visits that called onward are its misses.
  const missed = new Set<Visit>();
  for (const v of visits) if (v.parent !== null && !v.async && nodeKinds.get(v.parent.node) === 'cache') missed.add(v.parent);
  const missedVisits = new Map<string, number>();
  for (const v of missed) missedVisits.set(`${v.node}\u0000${v.cls}`, (missedVisits.get(`${v.node}\u0000${v.cls}`) ?? 0) + 1);
  const callerVisits = new Map<string, number>();
  const calls = new Map<string, { from: string; to: string; cls: number; sync: number; async: number }>();
  for (const v of visits) {
    const key = `${v.node}\u0000${v.cls}`;
    callerVisits.set(key, (callerVisits.get(key) ?? 0) + 1);
    if (v.parent === null || v.cls < 0) continue;
    const k = `${v.parent.node}\u0000${v.node}\u0000${v.cls}`;
    const entry = calls.get(k) ?? { from: v.parent.node, to: v.node, cls: v.cls, sync: 0, async: 0 };
    if (v.async) entry.async++;
    else entry.sync++;
    calls.set(k, entry);
  }
  const inferredEdges: InferredEdge[] = [];
  for (const e of calls.values()) {
    const per = (nodeKinds.get(e.from) === 'cache' ? missedVisits : callerVisits).get(`${e.from}\u0000${e.cls}`) ?? 1;
    // One mode per edge: the format has no mixed edge, so the larger share decides.
    inferredEdges.push({ from: e.from, to: e.to, cls: clsId(e.cls), mode: e.async > e.sync ? 'async' : 'sync', calls: (e.sync + e.async) / per });
  }
  const source = Object.values(map).includes('clients') || nodeIds.has('clients') ? 'traffic' : 'clients';
  for (const [key, count] of rootCalls) {
    const [c, node] = key.split('\u0000') as [string, string];
    inferredEdges.push({ from: source, to: node, cls: clsId(Number(c)), mode: 'sync', calls: count / classRequests[Number(c)]! });
  }

  // Self time: the visit's length minus what its sync calls covered, and minus its queueing
  // when the trace states it (real instrumentation does not: there waiting counts as work).
  const selfTimes = new Map<string, number[]>();
  const parallelTally = new ParallelTally();
  for (const v of visits) {
    const covered = unionLength(v.busy, v.start, v.end);
    if (nodeKinds.get(v.node) !== 'queue') parallelTally.add(v.node, v.calls);
    const self = Math.max(0, v.end - v.start - covered - v.queued);
    const key = `${v.node}\u0000${v.cls}`;
    const list = selfTimes.get(key);
    if (list) list.push(self);
    else selfTimes.set(key, [self]);
  }

  // A loop, not Math.max(...): 200,000 arguments overflow the stack.
  let first = Infinity;
  let last = -Infinity;
  for (const t of rootStarts) {
    first = Math.min(first, t);
    last = Math.max(last, t);
  }
  const window = rootStarts.length > 1 ? last - first : 0;
  const observedRate = window > 0 ? (rootStarts.length - 1) / window : Math.max(1, rootStarts.length);
  const samplingReport = sampling.report(observedRate, rootlessTraces);
  // Each kept trace stands for 1 ÷ its probability of being kept (Horvitz–Thompson).
  const rate = samplingReport.scaled && rootStarts.length > 0 ? observedRate * (weights / rootStarts.length) : observedRate;
  const work: InferredWork[] = [];
  const ids = [...new Set(nodeIds.values())];
  // A cache's hit ratio is what the traces show: the share of its visits that called nothing onward.
  const hitRatioOf = (id: string): number | { byClass: Record<string, number>; default: number } => {
    const share = (c: number | null) => {
      let all = 0;
      let misses = 0;
      for (const [key, n] of callerVisits) {
        const [node, k] = key.split('\u0000') as [string, string];
        if (node !== id || (c !== null && Number(k) !== c)) continue;
        all += n;
        misses += missedVisits.get(key) ?? 0;
      }
      return all > 0 ? Number((1 - misses / all).toPrecision(4)) : 1;
    };
    const seen = [...callerVisits.keys()].filter((key) => key.startsWith(`${id}\u0000`)).map((key) => Number(key.split('\u0000')[1])).filter((c) => c >= 0);
    if (seen.length <= 1) return share(null);
    return { byClass: Object.fromEntries(seen.map((c) => [clsId(c), share(c)])), default: share(null) };
  };
  const nodes: ScenarioNode[] = [];
  const toFill: ImportReport['toFill'] = [];
  const depth = new Map<string, number>([[source, 0]]);
  for (let pass = 0; pass < ids.length + 1; pass++) for (const e of inferredEdges) if (depth.has(e.from) && !depth.has(e.to)) depth.set(e.to, depth.get(e.from)! + 1);
  const column = new Map<number, number>();
  const position = (id: string) => {
    const d = depth.get(id) ?? 1;
    const row = column.get(d) ?? 0;
    column.set(d, row + 1);
    return { x: 80 + d * 220, y: 80 + row * 140 };
  };
  nodes.push({
    id: source,
    label: source,
    kind: 'source',
    position: position(source),
    arrival: { process: 'poisson', rate: Number(rate.toPrecision(4)) },
    mix: Object.fromEntries(classIds.map((id, c) => [id, Number((classWeights[c]! / Math.max(1e-12, weights)).toPrecision(4))])),
    ...(samplingReport.arrivalUnknown ? { toFill: ['arrival' as const] } : {}),
  });
  if (samplingReport.arrivalUnknown) toFill.push({ node: source, fields: ['arrival'] });
  for (const id of ids) {
    const kind = nodeKinds.get(id) ?? 'service';
    const perClass: Record<string, Dist> = {};
    const all: number[] = [];
    for (const [key, xs] of selfTimes) {
      const [node, c] = key.split('\u0000') as [string, string];
      if (node !== id) continue;
      for (const x of xs) all.push(x);
      if (Number(c) < 0) continue;
      const fit = fitDistribution(xs);
      perClass[clsId(Number(c))] = fit.dist;
      work.push({ node: id, cls: clsId(Number(c)), samples: xs.length, mean: fit.mean, cv: fit.cv, dist: fit.dist.dist });
    }
    const pooled = fitDistribution(all.length > 0 ? all : [0]).dist;
    const spec: DistSpec = Object.keys(perClass).length > 1 ? { byClass: perClass, default: pooled } : pooled;
    // A kind the import never writes (a source) falls back, as any unknown backend, to an external system.
    const imported = knownKind(kind)?.imported ?? kindNamed('external').imported!;
    const fields: ToFillField[] = [...imported.toFill];
    toFill.push({ node: id, fields });
    const base = { id, label: nodeService.get(id) ?? id, position: position(id), toFill: [...fields] };
    nodes.push(imported.node(base, spec, () => hitRatioOf(id)));
  }

  const classesAt = new Map<string, Set<string>>();
  for (const e of inferredEdges) {
    const set = classesAt.get(e.to) ?? new Set<string>();
    set.add(e.cls);
    classesAt.set(e.to, set);
  }
  const parallelGroups = parallelTally.groups();
  const groupOf = new Map<string, string>();
  for (const g of parallelGroups) for (const m of g.members) groupOf.set(`${g.from}\u0000${m}`, g.group);
  const edges: Edge[] = [];
  const byPair = new Map<string, InferredEdge[]>();
  for (const e of inferredEdges) {
    const k = `${e.from}\u0000${e.to}`;
    const list = byPair.get(k);
    if (list) list.push(e);
    else byPair.set(k, [e]);
  }
  for (const list of byPair.values()) {
    const { from, to } = list[0]!;
    const fromQueue = nodeKinds.get(from) === 'queue';
    const group = groupOf.get(`${from}\u0000${to}`);
    const modeOf = (e: InferredEdge) => (fromQueue || e.mode === 'sync' ? (group !== undefined && !fromQueue ? { group } : {}) : { mode: 'async' as const });
    const sameCalls = list.every((e) => Math.abs(e.calls - list[0]!.calls) <= 0.1 * list[0]!.calls && e.mode === list[0]!.mode);
    // No class filter when every class that reaches the caller makes the call.
    const everyClass = list.length >= (classesAt.get(from)?.size ?? classIds.length);
    if (sameCalls) {
      const calls = list.reduce((a, e) => a + e.calls, 0) / list.length;
      edges.push({ from, to, ...modeOf(list[0]!), ...(everyClass ? {} : { classes: list.map((e) => e.cls) }), ...(Math.abs(calls - 1) > 1e-9 ? { calls: Number(calls.toPrecision(4)) } : {}) });
    } else for (const e of list) edges.push({ from, to, ...modeOf(e), classes: [e.cls], ...(Math.abs(e.calls - 1) > 1e-9 ? { calls: Number(e.calls.toPrecision(4)) } : {}) });
  }

  // A group whose other members ended up async (the larger share decides an edge's mode) is an ordinary call.
  const membersOf = new Map<string, Set<string>>();
  for (const e of edges) if (e.group !== undefined) membersOf.set(`${e.from}\u0000${e.group}`, (membersOf.get(`${e.from}\u0000${e.group}`) ?? new Set()).add(e.to));
  for (const e of edges) if (e.group !== undefined && membersOf.get(`${e.from}\u0000${e.group}`)!.size < 2) delete e.group;
  const writtenGroups = parallelGroups.filter((g) => (membersOf.get(`${g.from}\u0000${g.group}`)?.size ?? 0) >= 2);

  const scenario: Scenario = {
    format: 'headroom/scenario',
    version: 1,
    name: 'Imported from traces',
    description: `Inferred from ${spans.length} spans in ${byTrace.size} traces by headroom import traces. Replicas, workers and CPUs are placeholders of 1 where a node's toFill lists them: fill them in.`,
    classes: classIds.map((id, c) => ({ id, label: classLabels[c]! })),
    nodes,
    edges,
    run: { duration: 300, warmup: 30, replications: 5, seed: 1 },
  };
  return {
    scenario,
    report: {
      spans: spans.length,
      traces: byTrace.size,
      requests,
      window,
      rate,
      source,
      nodes: ids.map((id) => {
        const hit = nodeKinds.get(id) === 'cache' ? hitRatioOf(id) : null;
        return { id, kind: nodeKinds.get(id) ?? 'service', service: nodeService.get(id) ?? id, visits: nodeVisits.get(id) ?? 0, ...(hit === null ? {} : { hitRatio: typeof hit === 'number' ? hit : hit.default }) };
      }),
      classes: classIds.map((id, c) => ({ id, label: classLabels[c]!, requests: classRequests[c]! })),
      edges: inferredEdges,
      work,
      toFill,
      orphans,
      orphanExamples,
      skew: { spans: skewSpans, maxSeconds: skewMax },
      unnamedCalls,
      rootlessTraces,
      duplicates,
      parallel: parallelTally.visits,
      parallelGroups: writtenGroups,
      sameCallee: parallelTally.sameCallee(),
      sampling: samplingReport,
      filled: [],
    },
  };
}
