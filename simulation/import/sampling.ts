/**
 * Whether the traces are a sample of the requests, and at what rate, so that the import
 * scales the arrival rate it writes (or says it cannot) rather than model a tenth of the
 * traffic without a word.
 *
 * What a span may state, on the trace's root (else on any of its spans):
 * - OpenTelemetry's W3C tracestate, vendor key `ot` (or `otel`): `th:` the rejection
 *   threshold in hex (probability 1 − th ÷ 2⁵⁶), or the older `p:` (probability 2⁻ᵖ);
 *   `r:` and `rv:` are randomness, not a rate;
 * - Jaeger's `sampler.type` and `sampler.param` tags: `probabilistic` (param = the
 *   probability), `ratelimiting` (param = traces per second: no probability to scale
 *   by), `const` (param 1: every trace), `lowerbound` (a floor of traces per second
 *   over a probability: no single rate);
 * - `SampleRate` (keep 1 in N, as Honeycomb's Refinery writes it) or `sampling.rate`
 *   (a probability); `sampling.priority` alone says it was sampled, not at what rate.
 *
 * And what the trace shows without saying: traces whose root span is missing (their
 * root service did not keep them, or the span was dropped) while their other spans are
 * there. That gives the share of roots kept, which is written in the report with the
 * rate it would give, but not applied: the missing roots may not all be requests.
 */
import type { TraceSpan } from './parse';

export type DeclaredSampling =
  | { kind: 'probability'; rate: number; via: string }
  | { kind: 'rateLimited'; perSecond: number; via: string }
  | { kind: 'unknownRate'; via: string };

function otTraceState(state: string): DeclaredSampling | null {
  for (const entry of state.split(',')) {
    const eq = entry.indexOf('=');
    if (eq < 0) continue;
    const key = entry.slice(0, eq).trim();
    if (key !== 'ot' && key !== 'otel') continue;
    for (const part of entry.slice(eq + 1).split(';')) {
      const [sub, value] = part.split(':') as [string, string | undefined];
      if (value === undefined) continue;
      if (sub === 'th' && /^[0-9a-f]{1,14}$/i.test(value)) return { kind: 'probability', rate: 1 - parseInt(value.padEnd(14, '0'), 16) / 2 ** 56, via: `tracestate ${key}=th:${value}` };
      if (sub === 'p' && /^\d{1,2}$/.test(value) && Number(value) <= 63) return { kind: 'probability', rate: Number(value) === 63 ? 0 : 2 ** -Number(value), via: `tracestate ${key}=p:${value}` };
    }
  }
  return null;
}

const asNumber = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : typeof v === 'boolean' ? (v ? 1 : 0) : null);

/** What one span states about how its trace was sampled; null when it states nothing. */
export function declaredSampling(span: TraceSpan): DeclaredSampling | null {
  const fromState = span.traceState ? otTraceState(span.traceState) : null;
  if (fromState) return fromState;
  const a = span.attributes;
  const type = typeof a['sampler.type'] === 'string' ? a['sampler.type'] : null;
  const param = asNumber(a['sampler.param']);
  if (type !== null) {
    const via = `sampler.type=${type}${param === null ? '' : `, sampler.param=${param}`}`;
    if (type === 'probabilistic' && param !== null && param >= 0 && param <= 1) return { kind: 'probability', rate: param, via };
    if (type === 'const' && param !== null && param > 0) return { kind: 'probability', rate: 1, via };
    if (type === 'ratelimiting' && param !== null && param > 0) return { kind: 'rateLimited', perSecond: param, via };
    return { kind: 'unknownRate', via };
  }
  const keepOneIn = asNumber(a.SampleRate);
  if (keepOneIn !== null && keepOneIn >= 1) return { kind: 'probability', rate: 1 / keepOneIn, via: `SampleRate=${keepOneIn}` };
  const rate = asNumber(a['sampling.rate']);
  if (rate !== null && rate > 0 && rate <= 1) return { kind: 'probability', rate, via: `sampling.rate=${rate}` };
  if (a['sampling.priority'] !== undefined) return { kind: 'unknownRate', via: `sampling.priority=${String(a['sampling.priority'])}` };
  return null;
}

/** The trace's sampling: its root's statement, else the first of its spans that makes one. */
export function traceSampling(root: TraceSpan | null, spans: Iterable<TraceSpan>): DeclaredSampling | null {
  const own = root ? declaredSampling(root) : null;
  if (own) return own;
  for (const s of spans) {
    const d = declaredSampling(s);
    if (d) return d;
  }
  return null;
}

export interface SamplingReport {
  /** Rooted traces that state a probability, by what stated it. */
  declared: { via: string; rate: number; traces: number }[];
  rateLimited: { via: string; perSecond: number; traces: number }[];
  unknownRate: { via: string; traces: number }[];
  /** The share of requests the traces are, from the stated probabilities (harmonic over rooted traces); null when none is stated. */
  rate: number | null;
  /** The arrival rate was divided by the stated probabilities. */
  scaled: boolean;
  observedRate: number;
  /** Traces without a root, and the share of roots kept that this suggests (rooted ÷ all traces). */
  rootless: number;
  rootShare: number;
  /** Nothing says how the arrivals were sampled, or they were and the rate cannot be scaled: the source's rate is to be filled in. */
  arrivalUnknown: boolean;
}

/**
 * Tallies rooted traces' sampling; `weight` is what one rooted trace counts for in the
 * arrivals and the mix (1 ÷ its stated probability, 1 when it states none).
 */
export class SamplingTally {
  private readonly declared = new Map<string, { via: string; rate: number; traces: number }>();
  private readonly limited = new Map<string, { via: string; perSecond: number; traces: number }>();
  private readonly unknown = new Map<string, { via: string; traces: number }>();
  private rooted = 0;
  private weights = 0;

  /** The weight of one rooted trace. */
  add(d: DeclaredSampling | null): number {
    this.rooted++;
    let w = 1;
    if (d?.kind === 'probability') {
      const e = this.declared.get(d.via) ?? { via: d.via, rate: d.rate, traces: 0 };
      e.traces++;
      this.declared.set(d.via, e);
      // A probability of 0 keeps nothing; a trace that says so anyway counts once.
      if (d.rate > 0) w = 1 / d.rate;
    } else if (d?.kind === 'rateLimited') {
      const e = this.limited.get(d.via) ?? { via: d.via, perSecond: d.perSecond, traces: 0 };
      e.traces++;
      this.limited.set(d.via, e);
    } else if (d?.kind === 'unknownRate') {
      const e = this.unknown.get(d.via) ?? { via: d.via, traces: 0 };
      e.traces++;
      this.unknown.set(d.via, e);
    }
    this.weights += w;
    return w;
  }

  report(observedRate: number, rootless: number): SamplingReport {
    const declared = [...this.declared.values()];
    const sampled = declared.some((d) => d.rate < 1);
    const rateLimited = [...this.limited.values()];
    const unknownRate = [...this.unknown.values()];
    const all = this.rooted + rootless;
    return {
      declared,
      rateLimited,
      unknownRate,
      rate: declared.length > 0 && this.weights > 0 ? this.rooted / this.weights : null,
      scaled: sampled,
      observedRate,
      rootless,
      rootShare: all > 0 ? this.rooted / all : 1,
      arrivalUnknown: rateLimited.length > 0 || unknownRate.length > 0 || rootless > 0,
    };
  }
}
