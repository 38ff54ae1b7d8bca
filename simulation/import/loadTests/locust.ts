/**
 * Locust's CSV output (`locust --csv PREFIX`): `PREFIX_stats_history.csv`, a row every
 * second (by default) of the `Aggregated` figures — and one per endpoint with
 * `--csv-full-history` — with columns `Timestamp,User Count,Type,Name,Requests/s,
 * Failures/s,50%,…,99%,…,100%,Total Request Count,Total Failure Count,Total Median
 * Response Time,Total Average Response Time,…`; and `PREFIX_stats.csv`, the whole test
 * per endpoint (`Type,Name,Request Count,Failure Count,Median Response Time,Average
 * Response Time,…,50%,…,95%,…,99%,…`). Times are in milliseconds, Timestamp in Unix
 * seconds. The history's percentiles are Locust's "current" ones (a sliding window of
 * about ten seconds), so whole-test percentiles per endpoint come from `_stats.csv`;
 * without it they are unknown and only means and counts are compared.
 */
import { columns, csvRows, numberField, refuseLoadTest, type MeasuredBatch, type MeasuredEndpoint, type MeasuredWindow, type Measurement } from './measurement';
import { batchEdges, windowEdges, windowOf } from './windows';

const ms = (v: number | null) => (v === null ? null : v / 1000);

interface HistoryRow {
  line: number;
  at: number;
  users: number;
  name: string;
  total: number;
  failures: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  average: number | null;
  median: number | null;
}

function readHistory(text: string, file: string): HistoryRow[] {
  const rows = csvRows(text, file);
  const header = rows[0];
  if (!header || !header.fields.includes('Timestamp')) throw refuseLoadTest('loadTestNotLocustHistory', { file, line: header?.line ?? 1 });
  const at = columns(header, file, ['Timestamp', 'User Count', 'Name', 'Total Request Count', 'Total Failure Count'], ['50%', '95%', '99%', 'Total Average Response Time', 'Total Median Response Time']);
  return rows.slice(1).map((row) => {
    if (row.fields.length < header.fields.length) throw refuseLoadTest('loadTestShortRow', { file, line: row.line, fields: row.fields.length, column: header.fields[row.fields.length] ?? '' });
    const optional = (index: number, column: string) => (index >= 0 ? numberField(row, index, column, file, true) : null);
    return {
      line: row.line,
      at: numberField(row, at.Timestamp, 'Timestamp', file)!,
      users: numberField(row, at['User Count'], 'User Count', file)!,
      name: row.fields[at.Name]!,
      total: numberField(row, at['Total Request Count'], 'Total Request Count', file)!,
      failures: numberField(row, at['Total Failure Count'], 'Total Failure Count', file)!,
      p50: ms(optional(at['50%'], '50%')),
      p95: ms(optional(at['95%'], '95%')),
      p99: ms(optional(at['99%'], '99%')),
      average: ms(optional(at['Total Average Response Time'], 'Total Average Response Time')),
      median: ms(optional(at['Total Median Response Time'], 'Total Median Response Time')),
    };
  });
}

function readStats(text: string, file: string): MeasuredEndpoint[] {
  const rows = csvRows(text, file);
  const header = rows[0];
  if (!header || !header.fields.includes('Request Count')) throw refuseLoadTest('loadTestNotLocustStats', { file, line: header?.line ?? 1 });
  const at = columns(header, file, ['Name', 'Request Count', 'Failure Count', 'Average Response Time'], ['Median Response Time', '50%', '95%', '99%']);
  return rows.slice(1).map((row) => {
    if (row.fields.length < header.fields.length) throw refuseLoadTest('loadTestShortRow', { file, line: row.line, fields: row.fields.length, column: header.fields[row.fields.length] ?? '' });
    const optional = (index: number, column: string) => (index >= 0 ? ms(numberField(row, index, column, file, true)) : null);
    return {
      name: row.fields[at.Name]!,
      requests: numberField(row, at['Request Count'], 'Request Count', file)!,
      failures: numberField(row, at['Failure Count'], 'Failure Count', file)!,
      mean: ms(numberField(row, at['Average Response Time'], 'Average Response Time', file, true)),
      p50: optional(at['50%'], '50%') ?? optional(at['Median Response Time'], 'Median Response Time'),
      p95: optional(at['95%'], '95%'),
      p99: optional(at['99%'], '99%'),
    };
  });
}

/** Locust's "current" percentiles cover about the last ten seconds: a batch is never shorter. */
const currentWindow = 10;

/**
 * One name's history rows (sorted by time) as batches: counts and the mean from the
 * differences of its running totals, percentiles from the batch's last row (the last
 * ten seconds of the batch, which is as much as Locust keeps).
 */
function historyBatches(rows: readonly HistoryRow[], start: number, duration: number, step: number): MeasuredBatch[] | undefined {
  const edges = batchEdges(duration, Math.max(step, currentWindow));
  if (edges.length < 3) return undefined;
  const last: (HistoryRow | null)[] = edges.slice(1).map(() => null);
  for (const r of rows) last[windowOf(edges, r.at - start - 1e-9)] = r;
  let before = { total: 0, failures: 0, sum: 0 };
  return last.map((r, k) => {
    const width = edges[k + 1]! - edges[k]!;
    if (r === null) return { duration: width, requests: 0, failures: 0, mean: null, p50: null, p95: null, p99: null };
    const sum = (r.average ?? 0) * r.total;
    const requests = r.total - before.total;
    const enough = (q: number, v: number | null) => (requests >= Math.ceil(1 / (1 - q) - 1e-9) ? v : null);
    const batch = {
      duration: width,
      requests,
      failures: Math.max(0, r.failures - before.failures),
      mean: r.average !== null && requests > 0 ? Math.max(0, (sum - before.sum) / requests) : null,
      p50: enough(0.5, r.p50),
      p95: enough(0.95, r.p95),
      p99: enough(0.99, r.p99),
    };
    before = { total: r.total, failures: r.failures, sum };
    return batch;
  });
}

/** `history` is the `_stats_history.csv`; `stats` the `_stats.csv` beside it, when there is one. */
export function parseLocust(history: { name: string; text: string }, stats: { name: string; text: string } | null): Measurement {
  const rows = readHistory(history.text, history.name);
  const aggregated = rows.filter((r) => r.name === 'Aggregated').sort((a, b) => a.at - b.at);
  if (aggregated.length === 0) throw refuseLoadTest('loadTestNoAggregated', { file: history.name });
  for (let k = 1; k < aggregated.length; k++) {
    if (aggregated[k]!.total < aggregated[k - 1]!.total) throw refuseLoadTest('loadTestCountsGoBack', { file: history.name, line: aggregated[k]!.line, column: 'Total Request Count' });
  }
  const step = aggregated.length > 1 ? aggregated[1]!.at - aggregated[0]!.at : 1;
  const start = aggregated[0]!.at - Math.max(step, 1e-3);
  const duration = aggregated.at(-1)!.at - start;
  const edges = windowEdges(duration, step);
  const windows: (MeasuredWindow & { p99s: number[]; p95s: number[]; latencySum: number; timed: number })[] = edges.slice(1).map((end, k) => ({ start: edges[k]!, end, requests: 0, failures: 0, started: 0, users: null, p99: null, mean: null, p99s: [], p95s: [], latencySum: 0, timed: 0 }));
  let previous = { total: 0, failures: 0, sum: 0 };
  for (const row of aggregated) {
    const w = windows[windowOf(edges, row.at - start - 1e-9)]!;
    const sum = (row.average ?? 0) * row.total;
    w.requests += row.total - previous.total;
    w.failures += Math.max(0, row.failures - previous.failures);
    w.started = w.requests;
    w.users = row.users;
    if (row.p99 !== null) w.p99s.push(row.p99);
    if (row.p95 !== null) w.p95s.push(row.p95);
    if (row.average !== null) {
      w.latencySum += sum - previous.sum;
      w.timed += row.total - previous.total;
    }
    previous = { total: row.total, failures: row.failures, sum };
  }
  const measuredWindows: MeasuredWindow[] = windows.map(({ p99s, p95s, latencySum, timed, ...w }) => ({
    ...w,
    p99: p99s.length ? p99s.reduce((a, b) => a + b, 0) / p99s.length : null,
    p95: p95s.length ? p95s.reduce((a, b) => a + b, 0) / p95s.length : null,
    mean: timed > 0 ? Math.max(0, latencySum / timed) : null,
  }));
  const last = aggregated.at(-1)!;
  let endpoints: MeasuredEndpoint[];
  let total: MeasuredEndpoint;
  if (stats) {
    const list = readStats(stats.text, stats.name);
    const aggregate = list.find((e) => e.name === 'Aggregated');
    endpoints = list.filter((e) => e.name !== 'Aggregated');
    total = aggregate ? { ...aggregate, name: '' } : { name: '', requests: last.total, failures: last.failures, mean: last.average, p50: last.median, p95: null, p99: null };
  } else {
    // Without _stats.csv: each endpoint's last row of a --csv-full-history file, which holds its totals.
    const lastOf = new Map<string, HistoryRow>();
    for (const r of rows) if (r.name !== 'Aggregated' && (lastOf.get(r.name)?.at ?? -Infinity) <= r.at) lastOf.set(r.name, r);
    endpoints = [...lastOf.values()].map((r) => ({ name: r.name, requests: r.total, failures: r.failures, mean: r.average, p50: r.median, p95: null, p99: null }));
    total = { name: '', requests: last.total, failures: last.failures, mean: last.average, p50: last.median, p95: null, p99: null };
  }
  if (total.requests <= 0) throw refuseLoadTest('loadTestNoRequests', { file: history.name });
  // Batches need rows over time: the Aggregated ones always, an endpoint's with --csv-full-history.
  const byName = new Map<string, HistoryRow[]>();
  for (const r of rows) if (r.name !== 'Aggregated') (byName.get(r.name) ?? byName.set(r.name, []).get(r.name)!).push(r);
  total = { ...total, batches: historyBatches(aggregated, start, duration, step) };
  endpoints = endpoints.map((e) => {
    const own = byName.get(e.name);
    return own && own.length > 1 ? { ...e, batches: historyBatches([...own].sort((a, b) => a.at - b.at), start, duration, step) } : e;
  });
  return { tool: 'locust', file: history.name, duration, endpoints, total, windows: measuredWindows };
}

/** The `_stats.csv` that Locust writes beside a `_stats_history.csv`, or null for another name. */
export function locustStatsName(historyName: string): string | null {
  return historyName.endsWith('_stats_history.csv') ? `${historyName.slice(0, -'_stats_history.csv'.length)}_stats.csv` : null;
}
