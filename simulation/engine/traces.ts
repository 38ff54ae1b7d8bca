/**
 * Simulated traces (`headroom run --traces`): a bounded sample of requests recorded
 * span by span while the engine runs, then written as OTLP JSON, so a simulated design
 * can be read in any trace viewer and the trace import can be tested by a round trip.
 *
 * The engine holds a recorder only when traces were asked for; every hook it calls is
 * behind one `tracer !== null` test, so a run without traces pays a predictable branch
 * per hook and nothing else. The recorder keeps its per-visit state in typed arrays
 * grown with the engine's own, and writes finished spans into plain arrays: only the
 * sampled requests' spans allocate, and they are bounded by the request limit.
 */
import { kindNamed } from '../model/kinds';

/** Span kinds, numbered as OTLP numbers them. */
export const SpanKind = { Internal: 1, Server: 2, Client: 3, Producer: 4, Consumer: 5 } as const;

/** One finished span: times in simulated seconds since the run's start. */
export interface SimSpan {
  trace: number;
  span: number;
  /** 0 for a trace's root. */
  parent: number;
  node: number;
  cls: number;
  kind: number;
  start: number;
  end: number;
  /** Waiting for a worker, a CPU or (a consumer) its message's turn: seconds. */
  wait: number;
  /** Own work (service time or broker acceptance): seconds. */
  work: number;
  /** 0 ok, 1 rejected, 2 timed out, 3 failed (the engine's outcomes). */
  outcome: number;
}

/** A source's visit is a trace's root but no span: its callees are the roots a trace viewer shows. */
const NO_SPAN = 0;

export class TraceRecorder {
  private trace = new Int32Array(0);
  private span = new Int32Array(0);
  private parentSpan = new Int32Array(0);
  private kind = new Uint8Array(0);
  private start = new Float64Array(0);
  private served = new Float64Array(0);
  private workFrom = new Float64Array(0);
  private work = new Float64Array(0);
  private traces = 0;
  private spans = 0;
  /** The trace and span an async send or a broker's fan-out is made from, or -1. */
  private causeTrace = -1;
  private causeSpan = NO_SPAN;
  readonly finished: SimSpan[] = [];

  /** Records the first `limit` requests that start once measuring has begun. */
  constructor(readonly limit: number) {}

  grow(capacity: number): void {
    const grow = <T extends Int32Array | Uint8Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(capacity);
      b.set(a);
      return b;
    };
    this.trace = grow(this.trace, (n) => new Int32Array(n));
    this.span = grow(this.span, (n) => new Int32Array(n));
    this.parentSpan = grow(this.parentSpan, (n) => new Int32Array(n));
    this.kind = grow(this.kind, (n) => new Uint8Array(n));
    this.start = grow(this.start, (n) => new Float64Array(n));
    this.served = grow(this.served, (n) => new Float64Array(n));
    this.workFrom = grow(this.workFrom, (n) => new Float64Array(n));
    this.work = grow(this.work, (n) => new Float64Array(n));
  }

  /** The next async sends or fan-out messages come from visit `v` (-1: from nothing). */
  from(v: number): void {
    this.causeTrace = v >= 0 ? this.trace[v]! : -1;
    this.causeSpan = v >= 0 ? this.span[v]! : NO_SPAN;
  }

  /**
   * A new visit. `parent` ≥ 0 is a sync caller; otherwise an async cause set by
   * {@link from}, or none: then the visit starts a request (`root`), sampled while
   * `measuring` and the limit is not reached. `atSource`: the source's own visit, no span.
   */
  opened(v: number, parent: number, root: boolean, atSource: boolean, measuring: boolean, now: number): void {
    let trace = -1;
    let kind: number = SpanKind.Server;
    let parentSpan = NO_SPAN;
    if (parent >= 0) {
      trace = this.trace[parent]!;
      parentSpan = this.span[parent]!;
    } else if (this.causeTrace >= 0) {
      trace = this.causeTrace;
      parentSpan = this.causeSpan;
      kind = SpanKind.Consumer;
    } else if (root && measuring && this.traces < this.limit) {
      trace = ++this.traces;
    }
    this.trace[v] = trace;
    if (trace < 0) return;
    this.span[v] = atSource ? NO_SPAN : ++this.spans;
    this.parentSpan[v] = parentSpan;
    this.kind[v] = kind;
    this.start[v] = now;
    this.served[v] = NaN;
    this.work[v] = 0;
  }

  /** A member of a group of parallel calls stands for its caller `parent`: its callees' spans are the caller's children. */
  member(v: number, parent: number): void {
    this.trace[v] = this.trace[parent]!;
    this.span[v] = this.span[parent]!;
  }

    /** The visit is at a broker: its span is the message being published. */
  atBroker(v: number, now: number): void {
    if (this.trace[v]! < 0) return;
    if (this.kind[v] === SpanKind.Consumer) this.kind[v] = SpanKind.Producer;
    this.working(v, now);
  }

  working(v: number, now: number): void {
    if (this.trace[v]! < 0) return;
    if (Number.isNaN(this.served[v]!)) this.served[v] = now;
    this.workFrom[v] = now;
  }

  worked(v: number, now: number): void {
    if (this.trace[v]! < 0) return;
    this.work[v] += now - this.workFrom[v]!;
  }

  /** A broker message handed to a consumer becomes a consumer's visit: a new span. */
  handedOff(v: number, now: number): void {
    if (this.trace[v]! < 0) return;
    this.span[v] = ++this.spans;
    this.kind[v] = SpanKind.Consumer;
    this.start[v] = now;
    this.served[v] = NaN;
    this.work[v] = 0;
  }

  /** A broker message waiting for a consumer, made from the broker's visit set by {@link from}. */
  queued(v: number): void {
    this.trace[v] = this.causeTrace;
    this.span[v] = NO_SPAN;
    this.parentSpan[v] = this.causeSpan;
  }

  closed(v: number, node: number, cls: number, outcome: number, now: number): void {
    const trace = this.trace[v]!;
    if (trace < 0 || this.span[v] === NO_SPAN) return;
    const start = this.start[v]!;
    const served = this.served[v]!;
    this.finished.push({
      trace,
      span: this.span[v]!,
      parent: this.parentSpan[v]!,
      node,
      cls,
      kind: this.kind[v]!,
      start,
      end: now,
      wait: (Number.isNaN(served) ? now : served) - start,
      work: this.work[v]!,
      outcome,
    });
    this.trace[v] = -1;
  }
}

/** What the OTLP writer needs to name things. */
export interface TraceNames {
  nodes: { id: string; label: string; kind: string }[];
  classIds: string[];
  seed: number;
}

const outcomeNames = ['ok', 'rejected', 'timed_out', 'failed'];

function hexId(value: number, digits: number, salt: number): string {
  // Ids are the trace and span numbers, mixed with the seed so two runs' traces do not share ids.
  const hi = (Math.imul(salt ^ 0x9e3779b9, 0x85ebca6b) >>> 0).toString(16).padStart(8, '0');
  const lo = (value >>> 0).toString(16).padStart(8, '0');
  return (hi + lo).padStart(digits, '0').slice(-digits);
}

function nanos(seconds: number): string {
  // Whole nanoseconds as a decimal string (OTLP JSON's uint64); exact for any simulated time below 2^53 ns.
  return Math.round(seconds * 1e9).toString();
}

type OtlpValue = { stringValue: string } | { intValue: string } | { doubleValue: number };
const attr = (key: string, value: string | number, integer = false): { key: string; value: OtlpValue } => ({
  key,
  value: typeof value === 'string' ? { stringValue: value } : integer ? { intValue: String(value) } : { doubleValue: value },
});

/**
 * The OTLP JSON document (`resourceSpans` → `scopeSpans` → `spans`, one resource per
 * node that has spans), spans in the order they finished. Trace ids are 32 hex digits,
 * span ids 16; the standard attributes a viewer recognises (`db.system`,
 * `messaging.system`) come with Headroom's own (`headroom.class`, `headroom.wait`,
 * `headroom.work`, `headroom.node.kind`).
 */
export function tracesToOtlp(spans: readonly SimSpan[], names: TraceNames): unknown {
  const byNode = new Map<number, SimSpan[]>();
  for (const s of spans) {
    const list = byNode.get(s.node);
    if (list) list.push(s);
    else byNode.set(s.node, [s]);
  }
  const salt = names.seed | 0;
  const resourceSpans = [...byNode.keys()]
    .sort((a, b) => a - b)
    .map((index) => {
      const node = names.nodes[index]!;
      return {
        resource: { attributes: [attr('service.name', node.label || node.id), attr('headroom.node.id', node.id), attr('headroom.node.kind', node.kind)] },
        scopeSpans: [
          {
            scope: { name: 'headroom' },
            spans: byNode.get(index)!.map((s) => {
              const cls = names.classIds[s.cls] ?? String(s.cls);
              const attributes = [attr('headroom.class', cls), attr('headroom.wait', s.wait), attr('headroom.work', s.work)];
              for (const [key, value] of kindNamed(node.kind).spanAttributes) attributes.push(attr(key, value));
              if (s.outcome !== 0) attributes.push(attr('headroom.outcome', outcomeNames[s.outcome] ?? String(s.outcome)));
              return {
                traceId: hexId(s.trace, 32, salt),
                spanId: hexId(s.span, 16, salt),
                ...(s.parent !== NO_SPAN ? { parentSpanId: hexId(s.parent, 16, salt) } : {}),
                name: cls,
                kind: s.kind,
                startTimeUnixNano: nanos(s.start),
                endTimeUnixNano: nanos(s.end),
                attributes,
                status: s.outcome === 0 ? {} : { code: 2, message: outcomeNames[s.outcome] ?? '' },
              };
            }),
          },
        ],
      };
    });
  return { resourceSpans };
}

