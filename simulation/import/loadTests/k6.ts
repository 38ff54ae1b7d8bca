/**
 * k6's end-of-test summary as JSON: the file `k6 run --summary-export summary.json`
 * writes (`metrics.http_req_duration` = {avg, min, med, max, "p(90)", "p(95)"} in
 * milliseconds, `metrics.http_reqs` = {count, rate}, `metrics.http_req_failed` =
 * {passes, fails, value}), and the data handleSummary() receives, written with
 * JSON.stringify (the same figures under `values`, and `state.testRunDurationMs`).
 * Endpoints are sub-metrics with the tag `name`: `http_req_duration{name:GET /items}`,
 * `http_reqs{name:GET /items}`, `http_req_failed{name:GET /items}`; k6 reports a
 * sub-metric only when a threshold names it. `p(99)` is there when
 * `summaryTrendStats` asks for it. A summary has no time: the test is replayed at its
 * mean rate.
 */
import { refuseLoadTest, type MeasuredEndpoint, type Measurement } from './measurement';

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

function parseJson(text: string, file: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    const offset = position ? Number(position[1]) : text.length;
    const line = text.slice(0, offset).split('\n').length;
    const truncated = /end of (JSON )?input|Unexpected end/i.test(message) || offset >= text.trimEnd().length - 1;
    throw refuseLoadTest('loadTestNotJson', { file, line, truncated, detail: message });
  }
}

/** A metric's figures, from either shape (`values` in handleSummary data). */
function figures(metric: Json): Record<string, Json> | null {
  if (!isObject(metric)) return null;
  return isObject(metric.values) ? metric.values : metric;
}

function number(v: Json): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

const seconds = (v: Json) => {
  const n = number(v);
  return n === null ? null : n / 1000;
};

function failedCount(metric: Json, requests: number): number {
  const f = figures(metric);
  if (!f) return 0;
  // A rate metric's passes are its true values: for http_req_failed, the failed requests.
  const passes = number(f.passes);
  if (passes !== null) return passes;
  const rate = number(f.rate) ?? number(f.value);
  return rate === null ? 0 : Math.round(rate * requests);
}

function endpoint(name: string, metrics: Record<string, Json>, suffix: string, file: string): MeasuredEndpoint | null {
  const reqs = figures(metrics[`http_reqs${suffix}`]);
  const duration = figures(metrics[`http_req_duration${suffix}`]);
  const requests = reqs ? number(reqs.count) : null;
  if (requests === null) return null;
  if (requests < 0) throw refuseLoadTest('loadTestK6Metric', { file, metric: `http_reqs${suffix}`, field: 'count' });
  return {
    name,
    requests,
    failures: failedCount(metrics[`http_req_failed${suffix}`], requests),
    mean: duration ? seconds(duration.avg) : null,
    p50: duration ? seconds(duration.med) : null,
    p95: duration ? seconds(duration['p(95)']) : null,
    p99: duration ? seconds(duration['p(99)']) : null,
  };
}

export function parseK6(text: string, file: string): Measurement {
  const doc = parseJson(text, file);
  if (!isObject(doc) || !isObject(doc.metrics)) throw refuseLoadTest('loadTestNotK6', { file });
  const metrics = doc.metrics;
  const total = endpoint('', metrics, '', file);
  if (!total) throw refuseLoadTest('loadTestK6Metric', { file, metric: 'http_reqs', field: 'count' });
  if (total.requests <= 0) throw refuseLoadTest('loadTestNoRequests', { file });
  const endpoints: MeasuredEndpoint[] = [];
  for (const key of Object.keys(metrics)) {
    const tag = /^http_reqs\{name:(.*)\}$/.exec(key);
    if (!tag) continue;
    const found = endpoint(tag[1]!, metrics, `{name:${tag[1]!}}`, file);
    if (found) endpoints.push(found);
  }
  const state = isObject(doc.state) ? doc.state : {};
  const rate = number(figures(metrics.http_reqs)?.rate);
  const runMs = number(state.testRunDurationMs);
  const duration = runMs !== null && runMs > 0 ? runMs / 1000 : rate !== null && rate > 0 ? total.requests / rate : null;
  if (duration === null) throw refuseLoadTest('loadTestK6Metric', { file, metric: 'http_reqs', field: 'rate' });
  return { tool: 'k6', file, duration, endpoints, total: { ...total, name: '' }, windows: [] };
}
