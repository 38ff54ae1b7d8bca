/**
 * When a request's work is all done (issue 11 §4): the time from a request's creation
 * until the last visit it caused ends — its sync calls, async calls, messages through
 * brokers and their consumers' work, retries, calls abandoned by a timeout that go on
 * at the callee, and a service's `background` work after the answer.
 *
 * Each request gets a slot with an outstanding-work count: one for the request itself
 * (released when its source has the answer) and one per live visit it owns. A visit
 * inherits its owner from its sync caller, or from the visit an async send or a
 * broker's fan-out is made from ({@link CompletionTracker.from}, as traces.ts follows
 * async causes). The count reaching 0 is the request's completion. Everything lives in
 * typed arrays indexed by visit and by slot, grown with the engine's and recycled
 * through a free list, so the engine's loop allocates nothing for it.
 *
 * A model without async work (no async edge, no broker, no `background`) has no
 * tracker at all: there a request's completion is its latency, and the engine pays
 * one null test per hook.
 *
 * The population is the latency's: requests whose source got an OK answer in the
 * measured window. A request whose work is still going on when the run ends is counted
 * as unfinished and enters the histograms at its age then, so a percentile is never
 * above the true one (it is a lower bound; `lowerBoundShare` says when it is one).
 */
import { LogHistogram } from '../stats/histogram';
import type { CompletionTally } from '../stats/tally';
import { NodeKind, type CompiledModel } from './compile';

/** Consumer paths tracked per request, in a 32-bit mask; paths past the first 32 have no figures of their own. */
export const maxCompletionPaths = 32;

/** One publisher → broker → consumer path, by node index, and the subscription edge it goes through. */
export interface CompletionPath {
  publisher: number;
  queue: number;
  consumer: number;
  edge: number;
}

/** Whether a request can cause work that goes on after its source has the answer. */
export function hasAsyncWork(model: CompiledModel): boolean {
  return model.edges.some((e) => !e.sync) || model.nodes.some((n) => n.kind === NodeKind.Queue || n.background !== null);
}

/** The sources, by node index, in model order. */
export function completionSources(model: CompiledModel): number[] {
  return model.nodes.filter((n) => n.kind === NodeKind.Source).map((n) => n.index);
}

/**
 * Every publisher → broker → consumer path, in model order of the subscriptions, then of
 * the publishers' edges into the broker (one path per distinct publishing node).
 */
export function completionPaths(model: CompiledModel): CompletionPath[] {
  const out: CompletionPath[] = [];
  for (const s of model.edges) {
    if (model.nodes[s.from]!.kind !== NodeKind.Queue) continue;
    const publishers: number[] = [];
    for (const e of model.edges) if (e.to === s.from && !publishers.includes(e.from)) publishers.push(e.from);
    for (const p of publishers) out.push({ publisher: p, queue: s.from, consumer: s.to, edge: s.index });
  }
  return out;
}

/** Histogram precision: the classes' as the latency's; sources and paths coarser (0.2%) to bound memory. */
const classBits = 10;
const groupBits = 8;

export class CompletionTracker {
  // Per visit.
  private owner = new Int32Array(0);
  /** The node the visit was sent from (its sync caller's, or its async cause's); -1 for a request's first visit. */
  private origin = new Int32Array(0);
  /** 1 for a request's own visit (at its source, or its only hop), which counts in its slot as the request itself. */
  private root = new Uint8Array(0);

  // Per request slot.
  private count = new Int32Array(0);
  private created = new Float64Array(0);
  private source = new Int32Array(0);
  private cls = new Int32Array(0);
  /** 1 once its source had an OK answer in the measured window: only those are measured. */
  private measured = new Uint8Array(0);
  private mask = new Uint32Array(0);
  private next = new Int32Array(0);
  private freeHead = -1;
  private slots = 0;

  /** The owner and node of the visit the next async send or fan-out is made from (-1: none). */
  private causeOwner = -1;
  private causeNode = -1;
  private finished = false;

  private readonly classHist: LogHistogram[];
  private readonly sourceHist: LogHistogram[];
  private readonly pathHist: LogHistogram[];
  private readonly unfinishedClasses: Float64Array;
  private readonly unfinishedSources: Float64Array;
  private readonly unfinishedPaths: Float64Array;
  /** Source node index → position in `sourceHist`. */
  private readonly sourcePos: Int32Array;
  /** Per subscription edge: its paths' first index in `pathPublisher`, and how many (publishers of its broker). */
  private readonly pathFirst: Int32Array;
  private readonly pathCount: Int32Array;
  private readonly pathPublisher: Int32Array;

  constructor(model: CompiledModel) {
    const sources = completionSources(model);
    const paths = completionPaths(model);
    this.classHist = model.classIds.map(() => new LogHistogram(classBits));
    this.sourceHist = sources.map(() => new LogHistogram(groupBits));
    const tracked = Math.min(paths.length, maxCompletionPaths);
    this.pathHist = paths.slice(0, tracked).map(() => new LogHistogram(groupBits));
    this.unfinishedClasses = new Float64Array(model.classIds.length);
    this.unfinishedSources = new Float64Array(sources.length);
    this.unfinishedPaths = new Float64Array(tracked);
    this.sourcePos = new Int32Array(model.nodes.length).fill(-1);
    sources.forEach((node, i) => (this.sourcePos[node] = i));
    this.pathFirst = new Int32Array(model.edges.length).fill(-1);
    this.pathCount = new Int32Array(model.edges.length);
    this.pathPublisher = new Int32Array(paths.length);
    paths.forEach((p, i) => {
      if (this.pathFirst[p.edge]! < 0) this.pathFirst[p.edge] = i;
      this.pathCount[p.edge]++;
      this.pathPublisher[i] = p.publisher;
    });
    this.growSlots(256);
  }

  /** Grows the per-visit arrays with the engine's. */
  grow(capacity: number): void {
    const o = new Int32Array(capacity).fill(-1);
    o.set(this.owner);
    this.owner = o;
    const g = new Int32Array(capacity).fill(-1);
    g.set(this.origin);
    this.origin = g;
    const r = new Uint8Array(capacity);
    r.set(this.root);
    this.root = r;
  }

  private growSlots(capacity: number): void {
    const old = this.slots;
    const grow = <T extends Int32Array | Uint8Array | Uint32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(capacity);
      b.set(a);
      return b;
    };
    this.count = grow(this.count, (n) => new Int32Array(n));
    this.created = grow(this.created, (n) => new Float64Array(n));
    this.source = grow(this.source, (n) => new Int32Array(n));
    this.cls = grow(this.cls, (n) => new Int32Array(n));
    this.measured = grow(this.measured, (n) => new Uint8Array(n));
    this.mask = grow(this.mask, (n) => new Uint32Array(n));
    this.next = grow(this.next, (n) => new Int32Array(n));
    for (let i = capacity - 1; i >= old; i--) {
      this.next[i] = this.freeHead;
      this.freeHead = i;
    }
    this.slots = capacity;
  }

  /** A request starts with visit `v` (at its source, or its only hop); its slot counts the request itself. */
  began(v: number, sourceNode: number, cls: number, now: number): void {
    if (this.freeHead < 0) this.growSlots(this.slots * 2);
    const s = this.freeHead;
    this.freeHead = this.next[s]!;
    this.count[s] = 1;
    this.created[s] = now;
    this.source[s] = sourceNode;
    this.cls[s] = cls;
    this.measured[s] = 0;
    this.mask[s] = 0;
    this.owner[v] = s;
    this.root[v] = 1;
  }

  /** The next async sends or fan-out messages come from visit `v` at `node` (-1: from nothing). */
  from(v: number, node: number): void {
    this.causeOwner = v >= 0 ? this.owner[v]! : -1;
    this.causeNode = node;
  }

  /** A new visit: owned by its sync caller's request, or by the async cause's (see {@link from}). */
  opened(v: number, parent: number, parentNode: number): void {
    const o = parent >= 0 ? this.owner[parent]! : this.causeOwner;
    this.root[v] = 0;
    this.owner[v] = o;
    this.origin[v] = parent >= 0 ? parentNode : this.causeNode;
    if (o >= 0) this.count[o]++;
  }

  /**
   * Message `m` joins the backlog of subscription `edge`: its request takes that path from
   * now on (a message stuck in a growing backlog counts on its path). `copyOf` ≥ 0: `m` is
   * a new fan-out copy of the accepted message `copyOf`, of the same request and publisher.
   */
  queued(m: number, copyOf: number, edge: number): void {
    if (copyOf >= 0) {
      const from = this.owner[copyOf]!;
      this.owner[m] = from;
      this.origin[m] = this.origin[copyOf]!;
      if (from >= 0) this.count[from]++;
    }
    const o = this.owner[m]!;
    if (o < 0) return;
    const first = this.pathFirst[edge]!;
    const publisher = this.origin[m]!;
    for (let k = 0; k < this.pathCount[edge]!; k++) {
      const path = first + k;
      if (this.pathPublisher[path] === publisher) {
        if (path < maxCompletionPaths) this.mask[o]! |= 1 << path;
        return;
      }
    }
  }

  /** Visit `v` is recycled. A request's own visit counts until its answer ({@link answered}), not until it is freed. */
  freed(v: number, now: number): void {
    const o = this.owner[v]!;
    if (o < 0 || this.root[v] === 1) return;
    this.owner[v] = -1;
    if (--this.count[o]! === 0) this.done(o, now);
  }

  /** The source has the answer of the request whose own visit is `v`; `measure`: OK, in the measured window. */
  answered(v: number, measure: boolean, now: number): void {
    const o = this.owner[v]!;
    this.owner[v] = -1;
    this.root[v] = 0;
    if (o < 0) return;
    if (measure) this.measured[o] = 1;
    if (--this.count[o]! === 0) this.done(o, now);
  }

  private done(s: number, now: number): void {
    if (this.measured[s] === 1) this.record(s, now - this.created[s]!, false);
    this.next[s] = this.freeHead;
    this.freeHead = s;
  }

  private record(s: number, time: number, unfinished: boolean): void {
    const cls = this.cls[s]!;
    const pos = this.sourcePos[this.source[s]!]!;
    this.classHist[cls]!.record(time);
    this.sourceHist[pos]!.record(time);
    if (unfinished) {
      this.unfinishedClasses[cls]++;
      this.unfinishedSources[pos]++;
    }
    let m = this.mask[s]!;
    while (m !== 0) {
      const path = 31 - Math.clz32(m);
      m &= ~(1 << path);
      this.pathHist[path]!.record(time);
      if (unfinished) this.unfinishedPaths[path]++;
    }
  }

  /** The run is over: measured requests with work still going on enter at their age now, counted as unfinished. */
  finish(now: number): void {
    if (this.finished) return;
    this.finished = true;
    const free = new Uint8Array(this.slots);
    for (let s = this.freeHead; s >= 0; s = this.next[s]!) free[s] = 1;
    for (let s = 0; s < this.slots; s++) if (free[s] === 0 && this.measured[s] === 1) this.record(s, now - this.created[s]!, true);
  }

  tally(): CompletionTally {
    return {
      classes: this.classHist.map((h) => h.encode()),
      sources: this.sourceHist.map((h) => h.encode()),
      paths: this.pathHist.map((h) => h.encode()),
      unfinishedClasses: Array.from(this.unfinishedClasses),
      unfinishedSources: Array.from(this.unfinishedSources),
      unfinishedPaths: Array.from(this.unfinishedPaths),
    };
  }
}
