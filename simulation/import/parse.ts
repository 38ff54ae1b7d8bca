/**
 * Reading trace files: OpenTelemetry's OTLP JSON (the file exporter's and the
 * collector's `resourceSpans` → `scopeSpans` → `spans`) and Jaeger's JSON (the UI's
 * and query API's `data[].spans` with `processes`), both into one span shape with
 * times in seconds from the earliest span. Pure: the CLI reads the files.
 *
 * Bounded on purpose: a file over {@link maxTraceBytes} or with more than
 * {@link maxSpans} spans is refused before its spans are built, so a 10^6-span export
 * costs one JSON parse and a clear message, not minutes and gigabytes.
 */
import { FindingError, problem } from '../findings/error';
import type { Finding } from '../findings/finding';

export type SpanKindName = 'server' | 'client' | 'producer' | 'consumer' | 'internal';

export interface TraceSpan {
  traceId: string;
  spanId: string;
  /** The parent's span id, or null for a root. */
  parentId: string | null;
  /** The parent reference is Jaeger's FOLLOWS_FROM: the parent did not wait. */
  followsFrom: boolean;
  service: string;
  name: string;
  kind: SpanKindName;
  start: number;
  end: number;
  attributes: Record<string, string | number | boolean>;
  /** OTLP's W3C `traceState` ("ot=th:c;rv:…,vendor=…"), where the export carries one: it may state the sampling probability. */
  traceState?: string;
  /** Where the span was read: file and position, for messages. */
  where: string;
}

export const maxSpans = 200_000;
export const maxTraceBytes = 256 * 1024 * 1024;

/** Bad trace input: names the file and the place in it. */
export class TraceInputError extends FindingError {}

const refuse = (code: string, figures: Finding['figures']) => new TraceInputError(problem(code, figures));

/** A file of `bytes` over {@link maxTraceBytes}: refused by its size, before it is read. */
export function tooLarge(file: string, bytes: number): TraceInputError {
  return refuse('traceFileTooLarge', { where: file, megabytes: (bytes / 1e6).toFixed(0), limit: maxTraceBytes / 1024 / 1024 });
}

type Json = unknown;

const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Line and column of a character offset, for a JSON error people can find. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: offset - last };
}

/**
 * A lower bound on the spans in `text`, counted before it is parsed: the keys each span
 * carries once and nothing else carries (OTLP's `"startTimeUnixNano"`, where links and
 * events have none; Jaeger's `"operationName"`, where references and logs have none).
 * A key inside a string value has its quotes escaped, so the preceding backslash rules
 * it out; an unusual file can only be counted short, never long, so a file this refuses
 * is over the bound, and one it lets through is still counted after parsing.
 */
export function spanKeysIn(text: string): number {
  let most = 0;
  for (const key of ['"startTimeUnixNano"', '"operationName"']) {
    let count = 0;
    for (let at = text.indexOf(key); at !== -1; at = text.indexOf(key, at + key.length)) {
      if (text.charCodeAt(at - 1) === 92) continue;
      let next = at + key.length;
      for (let c = text.charCodeAt(next); c === 32 || c === 9 || c === 10 || c === 13; c = text.charCodeAt(++next));
      if (text.charCodeAt(next) === 58) count++;
    }
    most = Math.max(most, count);
  }
  return most;
}

export function parseJsonText(text: string, file: string): Json {
  if (text.length > maxTraceBytes) throw tooLarge(file, text.length);
  // JSON.parse of a million spans builds a million objects (hundreds of megabytes) only to
  // refuse them; counting first keeps the refusal at the text's own size.
  refuseCount(file, spanKeysIn(text));
  try {
    return JSON.parse(text) as Json;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = /position (\d+)/.exec(message);
    const place = at ? lineColumn(text, Number(at[1])) : { line: null, column: null };
    // A cut-short file fails at its last characters, whatever the parser calls the error.
    const truncated = /end of (JSON )?input|Unexpected end/i.test(message) || (at !== null && Number(at[1]) >= text.trimEnd().length - 1);
    throw refuse('traceNotJson', { where: file, ...place, characters: text.length, truncated, detail: message });
  }
}

function attributeValue(v: Json): string | number | boolean | null {
  if (!isObject(v)) return null;
  if (typeof v.stringValue === 'string') return v.stringValue;
  if (typeof v.boolValue === 'boolean') return v.boolValue;
  if (typeof v.intValue === 'string' || typeof v.intValue === 'number') return Number(v.intValue);
  if (typeof v.doubleValue === 'number' || typeof v.doubleValue === 'string') return Number(v.doubleValue);
  return null;
}

function otlpAttributes(list: Json): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  if (!Array.isArray(list)) return out;
  for (const a of list) {
    if (!isObject(a) || typeof a.key !== 'string' || a.key === '__proto__') continue;
    const value = attributeValue(a.value);
    if (value !== null) out[a.key] = value;
  }
  return out;
}

const otlpKinds: Record<string, SpanKindName> = {
  '1': 'internal',
  '2': 'server',
  '3': 'client',
  '4': 'producer',
  '5': 'consumer',
  SPAN_KIND_INTERNAL: 'internal',
  SPAN_KIND_SERVER: 'server',
  SPAN_KIND_CLIENT: 'client',
  SPAN_KIND_PRODUCER: 'producer',
  SPAN_KIND_CONSUMER: 'consumer',
};

/** A time as whole seconds and a fraction, so epoch nanoseconds (beyond 2^53) lose nothing. */
interface SplitTime {
  whole: number;
  fraction: number;
}

function nanosTime(v: Json, what: string): SplitTime {
  const text = typeof v === 'number' ? String(Math.round(v)) : v;
  if (typeof text !== 'string' || !/^\d{1,20}$/.test(text)) throw refuse('traceTimeNotNumber', { where: what, unit: 'nanoseconds', value: JSON.stringify(v) ?? 'undefined' });
  const padded = text.padStart(10, '0');
  return { whole: Number(padded.slice(0, -9)), fraction: Number(padded.slice(-9)) / 1e9 };
}

function microsTime(v: Json, what: string): SplitTime {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw refuse('traceTimeNotNumber', { where: what, unit: 'microseconds', value: JSON.stringify(v) ?? 'undefined' });
  const whole = Math.floor(v / 1e6);
  return { whole, fraction: (v - whole * 1e6) / 1e6 };
}

interface Pending extends Omit<TraceSpan, 'start' | 'end'> {
  start: SplitTime;
  end: SplitTime;
}

function refuseCount(file: string, count: number): void {
  if (count > maxSpans) throw refuse('traceTooManySpans', { where: file, limit: maxSpans, count });
}

function readOtlp(doc: Record<string, Json>, file: string, out: Pending[]): void {
  const resources = doc.resourceSpans;
  if (!Array.isArray(resources)) throw refuse('traceNotList', { where: file, field: 'resourceSpans' });
  let count = out.length;
  for (const r of resources) if (isObject(r)) for (const s of (Array.isArray(r.scopeSpans) ? r.scopeSpans : Array.isArray(r.instrumentationLibrarySpans) ? r.instrumentationLibrarySpans : []) as Json[]) if (isObject(s) && Array.isArray(s.spans)) count += s.spans.length;
  refuseCount(file, count);
  resources.forEach((r, ri) => {
    if (!isObject(r)) throw refuse('traceNotObject', { where: file, item: `resourceSpans[${ri}]` });
    const resource = otlpAttributes(isObject(r.resource) ? r.resource.attributes : undefined);
    const service = typeof resource['service.name'] === 'string' ? resource['service.name'] : 'unknown_service';
    const scopes = (Array.isArray(r.scopeSpans) ? r.scopeSpans : Array.isArray(r.instrumentationLibrarySpans) ? r.instrumentationLibrarySpans : []) as Json[];
    scopes.forEach((scope, si) => {
      if (!isObject(scope) || !Array.isArray(scope.spans)) return;
      scope.spans.forEach((span: Json, k: number) => {
        const where = `${file}: resourceSpans[${ri}].scopeSpans[${si}].spans[${k}]`;
        if (!isObject(span)) throw refuse('traceNotObject', { where, item: null });
        if (typeof span.traceId !== 'string' || span.traceId === '') throw refuse('traceIdMissing', { where, field: 'traceId' });
        if (typeof span.spanId !== 'string' || span.spanId === '') throw refuse('traceIdMissing', { where, field: 'spanId' });
        const attributes = { ...resource, ...otlpAttributes(span.attributes) };
        const parent = typeof span.parentSpanId === 'string' && span.parentSpanId !== '' && !/^0+$/.test(span.parentSpanId) ? span.parentSpanId : null;
        out.push({
          traceId: span.traceId,
          spanId: span.spanId,
          parentId: parent,
          followsFrom: false,
          service,
          name: typeof span.name === 'string' ? span.name : '',
          kind: otlpKinds[String(span.kind)] ?? 'internal',
          start: nanosTime(span.startTimeUnixNano, `${where}.startTimeUnixNano`),
          end: nanosTime(span.endTimeUnixNano, `${where}.endTimeUnixNano`),
          attributes,
          ...(typeof span.traceState === 'string' && span.traceState !== '' ? { traceState: span.traceState } : {}),
          where,
        });
      });
    });
  });
}

function jaegerTags(list: Json): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  if (!Array.isArray(list)) return out;
  for (const t of list) {
    if (!isObject(t) || typeof t.key !== 'string' || t.key === '__proto__') continue;
    const v = t.value;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[t.key] = v;
  }
  return out;
}

function readJaeger(doc: Record<string, Json>, file: string, out: Pending[]): void {
  const traces = doc.data;
  if (!Array.isArray(traces)) throw refuse('traceNotList', { where: file, field: 'data' });
  let count = out.length;
  for (const t of traces) if (isObject(t) && Array.isArray(t.spans)) count += t.spans.length;
  refuseCount(file, count);
  traces.forEach((trace, ti) => {
    if (!isObject(trace) || !Array.isArray(trace.spans)) throw refuse('traceNotTrace', { where: file, index: ti });
    const processes = isObject(trace.processes) ? trace.processes : {};
    trace.spans.forEach((span: Json, k: number) => {
      const where = `${file}: data[${ti}].spans[${k}]`;
      if (!isObject(span)) throw refuse('traceNotObject', { where, item: null });
      const traceId = typeof span.traceID === 'string' ? span.traceID : typeof trace.traceID === 'string' ? trace.traceID : '';
      if (traceId === '') throw refuse('traceIdMissing', { where, field: 'traceID' });
      if (typeof span.spanID !== 'string' || span.spanID === '') throw refuse('traceIdMissing', { where, field: 'spanID' });
      const process = typeof span.processID === 'string' && Object.hasOwn(processes, span.processID) ? processes[span.processID] : isObject(span.process) ? span.process : null;
      const service = isObject(process) && typeof process.serviceName === 'string' ? process.serviceName : 'unknown_service';
      const tags = { ...(isObject(process) ? jaegerTags(process.tags) : {}), ...jaegerTags(span.tags) };
      let parentId: string | null = null;
      let followsFrom = false;
      const refs = Array.isArray(span.references) ? span.references : [];
      for (const ref of refs) {
        if (!isObject(ref) || typeof ref.spanID !== 'string') continue;
        // The first CHILD_OF wins; a FOLLOWS_FROM stands in only when there is no CHILD_OF.
        if (ref.refType === 'CHILD_OF' && (parentId === null || followsFrom)) {
          parentId = ref.spanID;
          followsFrom = false;
        } else if (ref.refType === 'FOLLOWS_FROM' && parentId === null) {
          parentId = ref.spanID;
          followsFrom = true;
        }
      }
      if (parentId === null && typeof span.parentSpanID === 'string' && span.parentSpanID !== '' && !/^0+$/.test(span.parentSpanID)) parentId = span.parentSpanID;
      const start = microsTime(span.startTime, `${where}.startTime`);
      const duration = span.duration;
      if (typeof duration !== 'number' || !(duration >= 0)) throw refuse('traceTimeNotNumber', { where: `${where}.duration`, unit: 'duration', value: JSON.stringify(duration) ?? 'undefined' });
      const kindTag = typeof tags['span.kind'] === 'string' ? tags['span.kind'] : '';
      out.push({
        traceId,
        spanId: span.spanID,
        parentId,
        followsFrom,
        service,
        name: typeof span.operationName === 'string' ? span.operationName : '',
        kind: (['server', 'client', 'producer', 'consumer'] as const).find((k) => k === kindTag) ?? 'internal',
        start,
        end: microsTime((span.startTime as number) + duration, `${where}.duration`),
        attributes: tags,
        where,
      });
    });
  });
}

/**
 * The spans of every file, times in seconds from the earliest start. Throws a
 * {@link TraceInputError} naming the file (and span) for anything that is not a trace export.
 */
export function readTraceFiles(files: readonly { name: string; text: string }[]): TraceSpan[] {
  const pending: Pending[] = [];
  for (const { name, text } of files) {
    const doc = parseJsonText(text, name);
    if (isObject(doc) && 'resourceSpans' in doc) readOtlp(doc, name, pending);
    else if (isObject(doc) && 'data' in doc) readJaeger(doc, name, pending);
    else
      throw refuse('traceNotTraceFile', { where: name });
    refuseCount(name, pending.length);
  }
  let base = Infinity;
  for (const p of pending) base = Math.min(base, p.start.whole);
  return pending.map((p) => {
    const start = p.start.whole - base + p.start.fraction;
    const end = p.end.whole - base + p.end.fraction;
    if (end < start) throw refuse('traceEndsBeforeStart', { where: p.where });
    return { ...p, start, end };
  });
}
