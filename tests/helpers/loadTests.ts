/**
 * Load-test files written from simulated requests, in the formats the tools write:
 * JMeter's CSV .jtl, Locust's `_stats.csv` and `_stats_history.csv`, k6's
 * `--summary-export` JSON. A model whose parameters are known stands in for the system
 * under test, so a fit of another model to these files has a known answer.
 */
import { compileScenario } from '../../simulation/engine/compile';
import { Engine } from '../../simulation/engine/engine';
import { TraceRecorder } from '../../simulation/engine/traces';
import type { Scenario } from '../../simulation/model/schema';

export interface SimRequest {
  start: number;
  end: number;
  cls: string;
  ok: boolean;
}

/** Every request of replication 0 that ended within the run (up to `limit`), from its root spans. */
export function simulatedRequests(scenario: Scenario, limit = 100_000): SimRequest[] {
  const model = compileScenario(scenario);
  const recorder = new TraceRecorder(limit);
  const engine = new Engine(model, 0, { traces: recorder });
  while (!engine.run(1 << 20)) {
    /* keep going */
  }
  const byTrace = new Map<number, SimRequest>();
  for (const span of recorder.finished) {
    if (span.parent !== 0) continue;
    const before = byTrace.get(span.trace);
    const ok = span.outcome === 0;
    if (!before) byTrace.set(span.trace, { start: span.start, end: span.end, cls: model.classIds[span.cls]!, ok });
    else byTrace.set(span.trace, { start: Math.min(before.start, span.start), end: Math.max(before.end, span.end), cls: before.cls, ok: before.ok && ok });
  }
  return [...byTrace.values()].sort((a, b) => a.start - b.start);
}

const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** JMeter's default CSV save service; `names` maps class ids to sampler labels, `threads` is the thread count at a time. */
export function toJtl(requests: readonly SimRequest[], names: Record<string, string>, epochMs: number, threads: (t: number) => number): string {
  const header = 'timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,failureMessage,bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect';
  const lines = [header];
  requests.forEach((r, k) => {
    const label = names[r.cls] ?? r.cls;
    const elapsed = Math.max(1, Math.round((r.end - r.start) * 1000));
    const n = threads(r.start);
    const path = label.split(' ')[1] ?? '/';
    lines.push(
      [
        Math.round(epochMs + r.start * 1000),
        elapsed,
        quote(label),
        r.ok ? 200 : 503,
        r.ok ? 'OK' : 'Service Unavailable',
        `Thread Group 1-${(k % n) + 1}`,
        'text',
        r.ok ? 'true' : 'false',
        r.ok ? '' : quote('Response code was 503, expected 200'),
        r.ok ? 412 : 180,
        r.cls === 'write' ? 388 : 161,
        n,
        n,
        `http://shop.internal:8000${path.replace('{id}', String(1000 + (k % 500)))}`,
        Math.max(1, elapsed - 1),
        0,
        k % 50 === 0 ? 2 : 0,
      ].join(','),
    );
  });
  return `${lines.join('\n')}\n`;
}

/** Locust rounds the response times it keeps in its percentile table: whole ms under 100, tens under 1000, hundreds above. */
function locustRounded(ms: number): number {
  if (ms < 100) return Math.round(ms);
  if (ms < 1000) return Math.round(ms / 10) * 10;
  return Math.round(ms / 100) * 100;
}

const percentileColumns = [0.5, 0.66, 0.75, 0.8, 0.9, 0.95, 0.98, 0.99, 0.999, 0.9999, 1] as const;
const percentileHeader = '50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%';

function percentiles(ms: readonly number[]): string {
  const sorted = [...ms].sort((a, b) => a - b);
  if (sorted.length === 0) return percentileColumns.map(() => 'N/A').join(',');
  return percentileColumns.map((q) => locustRounded(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!)).join(',');
}

/** `_stats.csv` and `_stats_history.csv` as Locust 2.x writes them (history: Aggregated rows every `step` s; `users` at a time). */
export function toLocust(requests: readonly SimRequest[], names: Record<string, string>, epoch: number, duration: number, users: (t: number) => number, step = 1): { stats: string; history: string } {
  const method = (name: string) => name.split(' ')[0] ?? 'GET';
  const path = (name: string) => name.split(' ').slice(1).join(' ') || name;
  const ms = (r: SimRequest) => (r.end - r.start) * 1000;
  const groups = new Map<string, SimRequest[]>();
  for (const r of requests) {
    const name = names[r.cls] ?? r.cls;
    (groups.get(name) ?? groups.set(name, []).get(name)!).push(r);
  }
  const statsRow = (type: string, name: string, list: readonly SimRequest[]) => {
    const times = list.map(ms);
    const sorted = [...times].sort((a, b) => a - b);
    const failures = list.filter((r) => !r.ok).length;
    const avg = times.reduce((a, b) => a + b, 0) / Math.max(1, times.length);
    return [type, quote(name), list.length, failures, locustRounded(sorted[Math.floor(sorted.length / 2)] ?? 0), avg, sorted[0] ?? 0, sorted.at(-1) ?? 0, 412, list.length / duration, failures / duration, percentiles(times)].join(',');
  };
  const stats = [
    `Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,${percentileHeader}`,
    ...[...groups].map(([name, list]) => statsRow(method(name), path(name), list)),
    statsRow('', 'Aggregated', requests),
  ];
  const history = [`Timestamp,User Count,Type,Name,Requests/s,Failures/s,${percentileHeader},Total Request Count,Total Failure Count,Total Median Response Time,Total Average Response Time,Total Min Response Time,Total Max Response Time,Total Average Content Size`];
  const byEnd = [...requests].sort((a, b) => a.end - b.end);
  let done = 0;
  let failures = 0;
  let sum = 0;
  const ended: SimRequest[] = [];
  for (let t = step; t <= duration + 1e-9; t += step) {
    while (done < byEnd.length && byEnd[done]!.end <= t) {
      const r = byEnd[done++]!;
      ended.push(r);
      if (!r.ok) failures++;
      sum += ms(r);
    }
    // Locust's "current" figures: the last ten seconds.
    const recent = ended.filter((r) => r.end > t - 10);
    const sortedAll = ended.map(ms).sort((a, b) => a - b);
    history.push(
      [
        epoch + Math.round(t),
        users(t),
        '',
        'Aggregated',
        (recent.length / Math.min(10, t)).toFixed(6),
        (recent.filter((r) => !r.ok).length / Math.min(10, t)).toFixed(6),
        percentiles(recent.map(ms)),
        done,
        failures,
        locustRounded(sortedAll[Math.floor(sortedAll.length / 2)] ?? 0),
        done > 0 ? sum / done : 0,
        sortedAll[0] ?? 0,
        sortedAll.at(-1) ?? 0,
        412,
      ].join(','),
    );
  }
  return { stats: `${stats.join('\n')}\n`, history: `${history.join('\n')}\n` };
}

/** k6's `--summary-export` file, with `name`-tagged sub-metrics as thresholds on them make k6 write. */
export function toK6(requests: readonly SimRequest[], names: Record<string, string>, duration: number, vus: number): string {
  const trend = (list: readonly SimRequest[]) => {
    const sorted = list.map((r) => (r.end - r.start) * 1000).sort((a, b) => a - b);
    const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;
    return { avg: sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length), min: sorted[0] ?? 0, med: q(0.5), max: sorted.at(-1) ?? 0, 'p(90)': q(0.9), 'p(95)': q(0.95), 'p(99)': q(0.99) };
  };
  const failed = (list: readonly SimRequest[]) => {
    const passes = list.filter((r) => !r.ok).length;
    return { passes, fails: list.length - passes, value: list.length ? passes / list.length : 0 };
  };
  const metrics: Record<string, unknown> = {
    http_req_duration: trend(requests),
    http_reqs: { count: requests.length, rate: requests.length / duration },
    http_req_failed: failed(requests),
    iterations: { count: requests.length, rate: requests.length / duration },
    vus: { value: vus, min: 1, max: vus },
    vus_max: { value: vus, min: vus, max: vus },
  };
  for (const cls of [...new Set(requests.map((r) => r.cls))]) {
    const list = requests.filter((r) => r.cls === cls);
    const tag = `{name:${names[cls] ?? cls}}`;
    metrics[`http_req_duration${tag}`] = { ...trend(list), thresholds: { 'p(95)<500': false } };
    metrics[`http_reqs${tag}`] = { count: list.length, rate: list.length / duration, thresholds: { 'count>0': false } };
    metrics[`http_req_failed${tag}`] = { ...failed(list), thresholds: { 'rate<0.01': false } };
  }
  return `${JSON.stringify({ root_group: { name: '', path: '', id: 'd41d8cd98f00b204e9800998ecf8427e', groups: {}, checks: {} }, options: { summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)'], summaryTimeUnit: '', noColor: false }, state: { isStdOutTTY: false, isStdErrTTY: false, testRunDurationMs: duration * 1000 }, metrics }, null, 4)}\n`;
}
