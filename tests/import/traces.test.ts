/**
 * Trace import: a round trip through the simulator's own traces (a model whose
 * parameters are known → `--traces` → import) recovers the call graph, calls per
 * visit, the sync/async split and each node's mean work within sampling error; two
 * hand-written fixtures in the shapes real instrumentation writes (FastAPI +
 * SQLAlchemy + redis-py in OTLP, Flask + Celery in Jaeger) import as they should; bad
 * input gets a clear error naming the file and the place.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileScenario } from '../../simulation/engine/compile';
import { Engine, simulateReplication } from '../../simulation/engine/engine';
import { recordTraces } from '../../simulation/engine/recordTraces';
import { TraceRecorder } from '../../simulation/engine/traces';
import { fitDistribution, inferScenario } from '../../simulation/import/infer';
import { TraceInputError, maxSpans, readTraceFiles, spanKeysIn } from '../../simulation/import/parse';
import { formatImportReport } from '../../simulation/import/report';
import type { Dist, DistSpec, Scenario } from '../../simulation/model/schema';
import { parseScenario } from '../../simulation/model/validate';
import { build, edge, exponential, poissonSource, service } from '../helpers/build';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'traces');
const fixture = (name: string) => ({ name, text: readFileSync(join(fixtures, name), 'utf8') });

const truth = {
  rate: 20,
  apiWork: 0.01,
  dbLatency: 0.005,
  dbCalls: 1.5,
  workerWork: 0.02,
  checkoutShare: 0.7,
};
const requests = 3000;

function knownModel(seed = 11): Scenario {
  return build({
    name: 'round trip',
    classes: ['checkout', 'browse'],
    nodes: [
      poissonSource('users', truth.rate, { mix: { checkout: truth.checkoutShare, browse: 1 - truth.checkoutShare } }),
      service('api', exponential(truth.apiWork), { workers: 64, cpus: 64, label: 'API (FastAPI)' }),
      { id: 'db', kind: 'database', workers: 64, latency: exponential(truth.dbLatency) },
      { id: 'jobs', kind: 'queue', latency: { dist: 'constant', value: 0.001 } },
      service('worker', exponential(truth.workerWork), { workers: 32, cpus: 32 }),
    ],
    edges: [edge('users', 'api'), edge('api', 'db', { calls: truth.dbCalls }), edge('api', 'jobs', { mode: 'async', classes: ['checkout'] }), edge('jobs', 'worker')],
    run: { duration: 220, warmup: 5, replications: 1, seed },
  });
}

const distMean = (d: Dist): number => (d.dist === 'constant' ? d.value : d.dist === 'uniform' ? (d.min + d.max) / 2 : d.dist === 'empirical' ? d.samples.reduce((a, b) => a + b, 0) / d.samples.length : d.mean);
function classDist(spec: DistSpec, cls: string): Dist {
  if ('byClass' in spec) return spec.byClass[cls] ?? spec.default!;
  return spec;
}

describe('round trip: simulated traces back to the model', () => {
  const otlp = recordTraces(knownModel(), requests);
  const spans = readTraceFiles([{ name: 'sim.json', text: JSON.stringify(otlp) }]);
  const { scenario, report } = inferScenario(spans);
  const node = (id: string) => scenario.nodes.find((n) => n.id === id)!;

  it('writes the requested number of traces, one span per visit', () => {
    expect(report.traces).toBe(requests);
    expect(report.requests).toBe(requests);
    // api + 1.5 db + (checkout) queue and worker per request, within sampling error.
    const expected = requests * (1 + truth.dbCalls + 2 * truth.checkoutShare);
    expect(Math.abs(spans.length - expected)).toBeLessThan(4 * Math.sqrt(requests));
  });

  it('is a valid scenario with the call graph, kinds and the sync/async split of the model', () => {
    expect(parseScenario(scenario).ok).toBe(true);
    expect(Object.fromEntries(scenario.nodes.map((n) => [n.id, n.kind]))).toEqual({ clients: 'source', api: 'service', db: 'database', jobs: 'queue', worker: 'service' });
    const pairs = scenario.edges.map((e) => `${e.from}>${e.to}:${e.mode ?? 'sync'}${e.classes ? `[${e.classes.join(',')}]` : ''}`).sort();
    expect(pairs).toEqual(['api>db:sync', 'api>jobs:async[checkout]', 'clients>api:sync', 'jobs>worker:sync']);
  });

  it('recovers the calls per visit, the class mix and the arrival rate within sampling error', () => {
    const db = scenario.edges.find((e) => e.to === 'db')!;
    // Bernoulli extra call: sd 0.5 per visit.
    expect(Math.abs((db.calls as number) - truth.dbCalls)).toBeLessThan((4 * 0.5) / Math.sqrt(requests));
    const mix = (node('clients') as Extract<Scenario['nodes'][number], { kind: 'source' }>).mix!;
    const sd = Math.sqrt((truth.checkoutShare * (1 - truth.checkoutShare)) / requests);
    expect(Math.abs(mix.checkout! - truth.checkoutShare)).toBeLessThan(4 * sd);
    expect(Math.abs(report.rate - truth.rate) / truth.rate).toBeLessThan(4 / Math.sqrt(requests));
  });

  it('recovers each node’s mean work within sampling error, with an exponential fit', () => {
    const cases: [string, 'work' | 'latency', number, string, number][] = [
      ['api', 'work', truth.apiWork, 'checkout', requests * truth.checkoutShare],
      ['api', 'work', truth.apiWork, 'browse', requests * (1 - truth.checkoutShare)],
      ['db', 'latency', truth.dbLatency, 'checkout', requests * truth.checkoutShare * truth.dbCalls],
      ['worker', 'work', truth.workerWork, 'checkout', requests * truth.checkoutShare],
    ];
    for (const [id, field, mean, cls, n] of cases) {
      const spec = (node(id) as unknown as Record<string, DistSpec>)[field]!;
      const d = classDist(spec, cls);
      expect(d.dist, `${id} ${cls}`).toBe('exponential');
      // Exponential: the sample mean's sd is mean/√n.
      expect(Math.abs(distMean(d) - mean) / mean, `${id} ${cls}`).toBeLessThan(4 / Math.sqrt(n));
    }
  });

  it('keeps the node ids and labels of Headroom’s own traces', () => {
    expect(node('api').label).toBe('API (FastAPI)');
  });

  it('never guesses capacity: placeholders of 1, each listed to be filled in', () => {
    const api = node('api') as Extract<Scenario['nodes'][number], { kind: 'service' }>;
    expect([api.replicas, api.workers, api.cpus]).toEqual([1, 1, 1]);
    expect(report.toFill.find((f) => f.node === 'api')!.fields).toEqual(['replicas', 'workers', 'cpus']);
    // The file says so too, on each node, for the app and for the next import.
    expect(api.toFill).toEqual(['replicas', 'workers', 'cpus']);
    expect(node('jobs').toFill).toEqual(['capacity']);
    expect(node('db').toFill).toEqual(['replicas', 'workers']);
    // Not sampled: the source's rate is the traces' own, and nothing to fill on it.
    expect(node(report.source).toFill).toBeUndefined();
    expect(report.sampling.scaled).toBe(false);
    const text = formatImportReport(report, 'en');
    expect(text).toContain('api: replicas, workers, cpus');
    expect(formatImportReport(report, 'zh-CN')).toContain('待填写');
  });
});

describe('simulated traces', () => {
  it('are the same for a seed and differ for another', () => {
    const a = JSON.stringify(recordTraces(knownModel(3), 50));
    expect(JSON.stringify(recordTraces(knownModel(3), 50))).toBe(a);
    expect(JSON.stringify(recordTraces(knownModel(4), 50))).not.toBe(a);
  });

  it('do not change the simulation: the tally with a recorder is the tally without', () => {
    const model = compileScenario({ ...knownModel(5), run: { duration: 30, warmup: 2, replications: 1, seed: 5 } });
    const engine = new Engine(model, 0, { traces: new TraceRecorder(10_000) });
    while (!engine.run(1 << 20)) {
      /* keep going */
    }
    expect(JSON.stringify(engine.tally())).toBe(JSON.stringify(simulateReplication(model, 0)));
  });

  it('carry OTLP shapes: hex ids, nanosecond strings, kinds, wait and work attributes', () => {
    const doc = recordTraces(knownModel(6), 5) as { resourceSpans: { resource: { attributes: { key: string }[] }; scopeSpans: { spans: Record<string, unknown>[] }[] }[] };
    const all = doc.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
    expect(new Set(all.map((s) => s.traceId)).size).toBe(5);
    for (const s of all) {
      expect(s.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(s.spanId).toMatch(/^[0-9a-f]{16}$/);
      expect(s.startTimeUnixNano).toMatch(/^\d+$/);
      expect([2, 4, 5]).toContain(s.kind);
      expect((s.attributes as { key: string }[]).map((a) => a.key)).toEqual(expect.arrayContaining(['headroom.class', 'headroom.wait', 'headroom.work']));
    }
    expect(doc.resourceSpans.every((r) => r.resource.attributes.some((a) => a.key === 'service.name'))).toBe(true);
  });
});

describe('fixtures in real instrumentation shapes', () => {
  it('FastAPI + SQLAlchemy + redis-py (OTLP): backends from db.system, classes from routes, skew reported', () => {
    const { scenario, report } = inferScenario(readTraceFiles([fixture('fastapi-sqlalchemy-redis.otlp.json')]));
    expect(Object.fromEntries(scenario.nodes.map((n) => [n.id, n.kind]))).toEqual({ clients: 'source', 'shop-api': 'service', redis: 'cache', postgresql: 'database' });
    expect(report.classes.map((c) => [c.label, c.requests])).toEqual([
      ['GET /items/{item_id}', 6],
      ['POST /orders', 2],
    ]);
    const calls = Object.fromEntries(report.edges.map((e) => [`${e.from}>${e.to}:${e.cls}`, e.calls]));
    // 4 hits (1 GET) and 2 misses (GET, SELECT, SET) of 6 reads; 2 statements per order.
    expect(calls['shop-api>redis:GET_items_item_id']).toBeCloseTo(8 / 6, 9);
    expect(calls['shop-api>postgresql:GET_items_item_id']).toBeCloseTo(2 / 6, 9);
    expect(calls['shop-api>postgresql:POST_orders']).toBe(2);
    expect(report.edges.every((e) => e.mode === 'sync')).toBe(true);
    // The POST's own time: 25 ms less 8 + 7 ms of SQL; ASGI's internal spans are the service's own work.
    expect(report.work.find((w) => w.node === 'shop-api' && w.cls === 'POST_orders')!.mean).toBeCloseTo(0.01, 6);
    expect(report.skew.spans).toBe(1);
    expect(report.skew.maxSeconds).toBeCloseTo(0.002, 6);
    expect(parseScenario(scenario).ok).toBe(true);
  });

  it('Flask + Celery (Jaeger): FOLLOWS_FROM is async through a queue, a dropped producer span is an orphan', () => {
    const { scenario, report } = inferScenario(readTraceFiles([fixture('celery.jaeger.json')]), { map: { 'signup-web': 'web' } });
    expect(Object.fromEntries(scenario.nodes.map((n) => [n.id, n.kind]))).toEqual({ clients: 'source', web: 'service', postgresql: 'database', celery: 'queue', 'celery-worker': 'service' });
    const modes = Object.fromEntries(report.edges.map((e) => [`${e.from}>${e.to}`, e.mode]));
    expect(modes).toEqual({ 'web>postgresql': 'sync', 'web>celery': 'async', 'celery>celery-worker': 'async', 'clients>web': 'sync' });
    expect(report.edges.find((e) => e.to === 'celery')!.calls).toBe(0.75);
    expect(report.orphans).toBe(1);
    expect(report.orphanExamples[0]).toContain('run/tasks.send_welcome_email');
    // The orphan's own work still counts: four task runs, 120–150 ms.
    expect(report.work.find((w) => w.node === 'celery-worker')!.samples).toBe(4);
    const text = formatImportReport(report, 'zh-CN');
    expect(text).toContain('父 span 不在文件中');
    expect(parseScenario(scenario).ok).toBe(true);
  });
});

describe('parallel calls to one callee', () => {
  it('are reported as what no group can say, and their overlap is counted once in the caller’s self time', () => {
    const span = (id: string, parent: string, startMs: number, endMs: number, db = false) => ({
      traceId: 't1',
      spanId: id,
      parentSpanId: parent,
      name: 'GET /feed',
      kind: parent === '' ? 2 : 3,
      startTimeUnixNano: String(startMs * 1e6),
      endTimeUnixNano: String(endMs * 1e6),
      attributes: db ? [{ key: 'peer.service', value: { stringValue: 'ranker' } }] : [],
    });
    const text = JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'feed' } }] }, scopeSpans: [{ spans: [span('r', '', 0, 30), span('a', 'r', 5, 20, true), span('b', 'r', 10, 25, true)] }] }] });
    const { report } = inferScenario(readTraceFiles([{ name: 'p.json', text }]));
    expect(report.parallel).toBe(1);
    expect(report.parallelGroups).toEqual([]);
    expect(report.sameCallee).toEqual([{ from: 'feed', to: 'ranker', visits: 1 }]);
    // 30 ms less the 20 ms the two calls cover together (5–25 ms).
    expect(report.work.find((w) => w.node === 'feed')!.mean).toBeCloseTo(0.01, 9);
    expect(formatImportReport(report, 'en')).toContain('feed calls ranker several times at once in 1 visit');
    expect(formatImportReport(report, 'zh-CN')).toContain('feed 在 1 次访问中同时多次调用 ranker');
  });
});

describe('a child that outlives its parent', () => {
  it('is an async call, with no producer span kind or FOLLOWS_FROM to say so', () => {
    const span = (service: string, id: string, parent: string, startMs: number, endMs: number) => ({
      resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
      scopeSpans: [{ spans: [{ traceId: 't1', spanId: id, parentSpanId: parent, name: 'POST /signup', kind: parent === '' ? 2 : 1, startTimeUnixNano: String(startMs * 1e6), endTimeUnixNano: String(endMs * 1e6) }] }],
    });
    // The mailer's span starts inside the request and ends 50 ms after it: fire and forget.
    const text = JSON.stringify({ resourceSpans: [span('web', 'r', '', 0, 30), span('mailer', 'm', 'r', 10, 80)] });
    const { scenario } = inferScenario(readTraceFiles([{ name: 'o.json', text }]));
    const e = scenario.edges.find((x) => x.from === 'web' && x.to === 'mailer')!;
    expect(e.mode).toBe('async');
    // Within the skew tolerance it stays sync: a child ending 2 ms late is clock skew, not async work.
    const skewed = inferScenario(readTraceFiles([{ name: 's.json', text: JSON.stringify({ resourceSpans: [span('web', 'r', '', 0, 30), span('mailer', 'm', 'r', 10, 32)] }) }]));
    expect(skewed.scenario.edges.find((x) => x.from === 'web' && x.to === 'mailer')!.mode ?? 'sync').toBe('sync');
  });
});

describe('fits without gamma', () => {
  it('picks erlang below cv 1, exponential near 1, lognormal above', () => {
    expect(fitDistribution([1, 1.1, 0.9, 1.05, 0.95]).dist.dist).toBe('erlang');
    expect(fitDistribution([2, 2, 2]).dist).toEqual({ dist: 'constant', value: 2 });
    const exp = Array.from({ length: 2000 }, (_, i) => -Math.log(1 - (i + 0.5) / 2000));
    expect(fitDistribution(exp).dist.dist).toBe('exponential');
    expect(fitDistribution([...exp.slice(0, 1990), 40, 60, 80]).dist.dist).toBe('lognormal');
  });
});

describe('bad trace input gets a clear error', () => {
  const read = (text: string) => () => readTraceFiles([{ name: 'in.json', text }]);
  it('not a trace file', () => {
    expect(read('{"format":"headroom/scenario"}')).toThrow(/in\.json: not a trace file: expected OpenTelemetry OTLP JSON/);
  });
  it('truncated JSON names the place and says it is cut short', () => {
    const text = JSON.stringify(recordTraces(knownModel(7), 3));
    expect(read(text.slice(0, text.length - 40))).toThrow(/in\.json: not valid JSON at .*cut short/);
  });
  it('a span without ids names the span', () => {
    expect(read('{"resourceSpans":[{"scopeSpans":[{"spans":[{"spanId":"1"}]}]}]}')).toThrow(/in\.json: resourceSpans\[0\]\.scopeSpans\[0\]\.spans\[0\]: traceId is missing/);
  });
  it('a cycle of parent ids names the trace, in bounded time', () => {
    const span = (id: string, parent: string) => ({ traceId: 't1', spanId: id, parentSpanId: parent, name: 'x', kind: 2, startTimeUnixNano: '1000', endTimeUnixNano: '2000' });
    const text = JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [span('r', ''), span('a', 'b'), span('b', 'c'), span('c', 'a')] }] }] });
    expect(() => inferScenario(readTraceFiles([{ name: 'in.json', text }]))).toThrow(/trace t1 has a cycle of parent ids/);
  });
  it('a cycle through 50,000 spans is found in bounded time', () => {
    const n = 50_000;
    const spans = [{ traceId: 't1', spanId: 'r', name: 'x', kind: 2, startTimeUnixNano: '1000', endTimeUnixNano: '2000' }];
    for (let i = 0; i < n; i++) spans.push({ traceId: 't1', spanId: `s${i}`, parentSpanId: `s${(i + 1) % n}`, name: 'x', kind: 1, startTimeUnixNano: '1000', endTimeUnixNano: '2000' } as (typeof spans)[number]);
    const started = Date.now();
    expect(() => inferScenario(readTraceFiles([{ name: 'ring.json', text: JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans }] }] }) }]))).toThrow(/ring\.json: resourceSpans\[0\]\.scopeSpans\[0\]\.spans\[1\]: trace t1 has a cycle of parent ids .*; 50,000 of its spans reach no root/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
  it('more spans than the bound are refused before they are built', () => {
    const one = '{"traceId":"t","spanId":"s","startTimeUnixNano":"1","endTimeUnixNano":"2"}';
    const text = `{"resourceSpans":[{"scopeSpans":[{"spans":[${Array.from({ length: maxSpans + 1 }, () => one).join(',')}]}]}]}`;
    const started = Date.now();
    expect(read(text)).toThrow(TraceInputError);
    expect(read(text)).toThrow(/more than 200,000 spans/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('spans counted before parsing', () => {
  it('counts each span once: not OTLP links or events, not Jaeger references or logs, not a key inside a string', () => {
    const otlp = JSON.stringify({
      resourceSpans: [{ scopeSpans: [{ spans: [
        { traceId: 't', spanId: 'a', startTimeUnixNano: '1', endTimeUnixNano: '2', links: [{ traceId: 'u', spanId: 'b' }], events: [{ timeUnixNano: '1', name: 'e' }] },
        { traceId: 't', spanId: 'b', startTimeUnixNano: '1', endTimeUnixNano: '2', attributes: [{ key: 'note', value: { stringValue: '"startTimeUnixNano": 5' } }] },
      ] }] }],
    }, null, 2);
    expect(spanKeysIn(otlp)).toBe(2);
    const jaeger = JSON.stringify({ data: [{ spans: [
      { spanID: 'a', operationName: 'GET', references: [], logs: [{ timestamp: 1, fields: [{ key: 'operationName', value: 'x' }] }] },
      { spanID: 'b', operationName: 'SELECT', references: [{ refType: 'CHILD_OF', spanID: 'a' }] },
    ] }] });
    expect(spanKeysIn(jaeger)).toBe(2);
  });
  it('refuses a Jaeger export over the bound before parsing, naming the file', () => {
    const one = '{"spanID":"s","operationName":"x","startTime":1,"duration":1}';
    const text = `{"data":[{"traceID":"t","spans":[${new Array<string>(maxSpans + 1).fill(one).join(',')}]}]}`;
    expect(() => readTraceFiles([{ name: 'jaeger.json', text }])).toThrow(/jaeger\.json: more than 200,000 spans \(at least 200,001\)/);
  });
});

describe('large but allowed inputs', () => {
  it('imports 150,000 spans in bounded time', () => {
    const spans = [];
    for (let i = 0; i < 50_000; i++) {
      const t = `${i.toString(16).padStart(32, '0')}`;
      const at = 1_000_000_000 + i * 10_000_000;
      spans.push({ traceId: t, spanId: 'a1', name: 'GET /', kind: 2, startTimeUnixNano: String(at), endTimeUnixNano: String(at + 9_000_000) });
      spans.push({ traceId: t, spanId: 'a2', parentSpanId: 'a1', name: 'SELECT', kind: 3, startTimeUnixNano: String(at + 1_000_000), endTimeUnixNano: String(at + 3_000_000), attributes: [{ key: 'db.system', value: { stringValue: 'mysql' } }] });
      spans.push({ traceId: t, spanId: 'a3', parentSpanId: 'a1', name: 'SELECT', kind: 3, startTimeUnixNano: String(at + 4_000_000), endTimeUnixNano: String(at + 6_000_000), attributes: [{ key: 'db.system', value: { stringValue: 'mysql' } }] });
    }
    const started = Date.now();
    const { report } = inferScenario(readTraceFiles([{ name: 'big.json', text: JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'app' } }] }, scopeSpans: [{ spans }] }] }) }]));
    expect(report.requests).toBe(50_000);
    expect(report.rate).toBeCloseTo(100, 6);
    expect(report.edges.find((e) => e.to === 'mysql')!.calls).toBe(2);
    expect(report.work.find((w) => w.node === 'app')!.mean).toBeCloseTo(0.005, 9);
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
