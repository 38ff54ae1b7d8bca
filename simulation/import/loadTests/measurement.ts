/**
 * What a load test measured, whatever tool ran it (Locust, k6, JMeter): one neutral
 * shape the fit compares with a simulation. Times in seconds, counted from the test's
 * start; latencies in seconds. Pure: the CLI reads the files.
 */
import { FindingError, problem } from '../../findings/error';
import type { Finding } from '../../findings/finding';

export type LoadTestTool = 'locust' | 'k6' | 'jmeter';

/** Counts and latencies of some requests: an endpoint's over the test, or a batch's. */
export interface MeasuredFigures {
  requests: number;
  failures: number;
  /** Latency of every request the tool timed (Locust, k6 and JMeter time failures too); null when the file does not say. */
  mean: number | null;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

/** One endpoint's figures over the whole test (or the total over every endpoint). */
export interface MeasuredEndpoint extends MeasuredFigures {
  /** The tool's name for it: Locust's `Name`, k6's tag `name`, JMeter's `label`. */
  name: string;
  /**
   * The test cut into equal stretches, each with the figures of the requests it holds
   * alone: what the measured intervals are batch means over. Absent when the file has
   * no time (a k6 summary) or no rows for this endpoint over time.
   */
  batches?: MeasuredBatch[];
}

/** One batch of {@link MeasuredEndpoint.batches}. A percentile is null when the batch holds too few requests to have it (see `batchPercentile`). */
export interface MeasuredBatch extends MeasuredFigures {
  duration: number;
}

/** At most this many batches over a test: enough for a t interval, each long enough to hold a p99. */
export const maxBatches = 20;

/**
 * A batch's q-percentile only when it holds at least 1/(1−q) requests (100 for p99):
 * with fewer, its "p99" is just its slowest request.
 */
export function batchPercentile(sorted: readonly number[], q: number): number | null {
  return sorted.length >= Math.ceil(1 / (1 - q) - 1e-9) ? nearestRank(sorted, q) : null;
}

/** Two endpoints' batches as one (the same edges): counts and means add up, percentiles cannot be merged. */
export function mergeBatches(a: readonly MeasuredBatch[] | undefined, b: readonly MeasuredBatch[] | undefined): MeasuredBatch[] | undefined {
  if (!a || !b || a.length !== b.length) return undefined;
  return a.map((x, k) => {
    const y = b[k]!;
    const requests = x.requests + y.requests;
    const timed = (x.requests === 0 || x.mean !== null) && (y.requests === 0 || y.mean !== null);
    const mean = timed && requests > 0 ? ((x.mean ?? 0) * x.requests + (y.mean ?? 0) * y.requests) / requests : null;
    return { duration: x.duration, requests, failures: x.failures + y.failures, mean, p50: null, p95: null, p99: null };
  });
}

/** One stretch of the test, for figures over time. */
export interface MeasuredWindow {
  start: number;
  end: number;
  /** Requests that ended in the window, and how many of them failed. */
  requests: number;
  failures: number;
  /** Requests that started in the window (JMeter); the ended ones where the tool does not say. */
  started: number;
  /** Users (Locust) or threads (JMeter) active at the window's end; null when unknown. */
  users: number | null;
  p99: number | null;
  /** The window's p95, like its p99 (absent where the tool gives none). */
  p95?: number | null;
  mean: number | null;
}

export interface Measurement {
  tool: LoadTestTool;
  file: string;
  /** Length of the test in seconds. */
  duration: number;
  endpoints: MeasuredEndpoint[];
  total: MeasuredEndpoint;
  /** Empty when the file has no time (a k6 summary). */
  windows: MeasuredWindow[];
}

/** The largest load-test file read: a million JMeter samples are about 125 MB. */
export const maxLoadTestBytes = 256 * 1024 * 1024;
/** Most rows (samples, history rows) read from one file: a million JMeter samples take about 650 MB and 10 s to read and fit. */
export const maxLoadTestRows = 1_000_000;

/** Bad load-test input: names the file and the line. */
export class LoadTestInputError extends FindingError {}

export const refuseLoadTest = (code: string, figures: Finding['figures']) => new LoadTestInputError(problem(code, figures));

export function loadTestTooLarge(file: string, bytes: number): LoadTestInputError {
  return refuseLoadTest('loadTestTooLarge', { file, megabytes: Math.round(bytes / 1e6), limit: maxLoadTestBytes / 1024 / 1024 });
}

export interface CsvRow {
  line: number;
  fields: string[];
}

/**
 * CSV rows as written by Python's csv module and JMeter: comma-separated, fields in
 * double quotes may hold commas, newlines and doubled quotes. Each row carries the line
 * it starts on, for messages. Rows are handed over one at a time, so a million-sample
 * file never holds all its fields at once.
 */
export function forEachCsvRow(text: string, file: string, onRow: (row: CsvRow) => void): void {
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let rows = 0;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRow = () => {
    fields.push(field);
    field = '';
    if (!(fields.length === 1 && fields[0] === '')) {
      if (++rows > maxLoadTestRows) throw refuseLoadTest('loadTestTooManyRows', { file, limit: maxLoadTestRows });
      onRow({ line: rowLine, fields });
    }
    fields = [];
  };
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else field += ch;
  }
  if (quoted) throw refuseLoadTest('loadTestUnclosedQuote', { file, line: rowLine });
  if (field !== '' || fields.length > 0) endRow();
}

/** Every row at once, for the small files (a Locust history, a stats file). */
export function csvRows(text: string, file: string): CsvRow[] {
  const rows: CsvRow[] = [];
  forEachCsvRow(text, file, (row) => rows.push(row));
  return rows;
}

/** Column positions by name; the first missing required column is refused, naming the file and the header line. */
export function columns<K extends string>(header: { line: number; fields: string[] }, file: string, required: readonly K[], optional: readonly string[] = []): Record<K, number> & Record<string, number> {
  const at: Record<string, number> = {};
  header.fields.forEach((name, k) => {
    at[name.trim()] = k;
  });
  for (const name of required) {
    if (!(name in at)) throw refuseLoadTest('loadTestMissingColumn', { file, line: header.line, column: name, found: header.fields.slice(0, 6).join(',') });
  }
  for (const name of optional) if (!(name in at)) at[name] = -1;
  return at as Record<K, number> & Record<string, number>;
}

/** A number in a field, or a refusal naming file, line and column. `blank` allows an empty field or N/A (null). */
export function numberField(row: { line: number; fields: string[] }, index: number, column: string, file: string, blank = false): number | null {
  const raw = (row.fields[index] ?? '').trim();
  if (blank && (raw === '' || raw === 'N/A')) return null;
  const value = Number(raw);
  if (raw === '' || !Number.isFinite(value)) {
    if (index >= row.fields.length) throw refuseLoadTest('loadTestShortRow', { file, line: row.line, fields: row.fields.length, column });
    throw refuseLoadTest('loadTestNotNumber', { file, line: row.line, column, value: raw.slice(0, 40) });
  }
  return value;
}

/** A nearest-rank percentile of sorted values. */
export function nearestRank(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
