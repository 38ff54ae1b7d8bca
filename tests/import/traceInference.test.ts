/**
 * Trace import, issue 13 §1: overlapping sync calls become an edge `group` (by hand and
 * through a round trip of a model that sends a group), sampling is found and the arrival
 * rate scaled by it or marked to be filled in, and capacity given by flags fills a node's
 * `toFill` (as `import k8s` does).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordTraces } from '../../simulation/engine/recordTraces';
import { applyManifests } from '../../simulation/import/applyManifests';
import { formatManifestReport } from '../../simulation/import/manifestReport';
import { fillCapacity, toFillOf } from '../../simulation/import/fillCapacity';
import { inferScenario } from '../../simulation/import/infer';
import { readManifests } from '../../simulation/import/manifests';
import { readTraceFiles } from '../../simulation/import/parse';
import { formatImportReport } from '../../simulation/import/report';
import { declaredSampling } from '../../simulation/import/sampling';
import type { Scenario } from '../../simulation/model/schema';
import { parseScenario } from '../../simulation/model/validate';
import { build, edge, exponential, poissonSource, service } from '../helpers/build';

interface S {
  trace: string;
  id: string;
  parent?: string;
  service: string;
  name?: string;
  kind?: number;
  at: number;
  to: number;
  attributes?: Record<string, string | number>;
  traceState?: string;
}

/** OTLP JSON of spans given in milliseconds. */
function otlp(spans: S[]): { name: string; text: string } {
  const services = [...new Set(spans.map((s) => s.service))];
  const value = (v: string | number) => (typeof v === 'number' ? { doubleValue: v } : { stringValue: v });
  return {
    name: 'made.otlp.json',
    text: JSON.stringify({
      resourceSpans: services.map((service) => ({
        resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
        scopeSpans: [
          {
            spans: spans
              .filter((s) => s.service === service)
              .map((s) => ({
                traceId: s.trace,
                spanId: s.id,
                parentSpanId: s.parent ?? '',
                name: s.name ?? (s.parent ? 'call' : 'GET /feed'),
                kind: s.kind ?? (s.parent ? 3 : 2),
                startTimeUnixNano: String(Math.round(s.at * 1e6)),
                endTimeUnixNano: String(Math.round(s.to * 1e6)),
                attributes: Object.entries(s.attributes ?? {}).map(([key, v]) => ({ key, value: value(v) })),
                ...(s.traceState ? { traceState: s.traceState } : {}),
              })),
          },
        ],
      })),
    }),
  };
}

/** `n` requests to feed, one every `every` ms, each calling ranker and search (at once or in turn) and then db. */
function feedTraces(n: number, atOnce: boolean, root: (i: number) => Partial<S> = () => ({}), every = 100): S[] {
  const out: S[] = [];
  for (let i = 0; i < n; i++) {
    const t = i * every;
    const trace = `t${i}`;
    out.push({ trace, id: `${trace}r`, service: 'feed', at: t, to: t + 40, ...root(i) });
    out.push({ trace, id: `${trace}a`, parent: `${trace}r`, service: 'feed', at: t + 2, to: t + 14, attributes: { 'peer.service': 'ranker' } });
    out.push(atOnce ? { trace, id: `${trace}b`, parent: `${trace}r`, service: 'feed', at: t + 3, to: t + 13, attributes: { 'peer.service': 'search' } } : { trace, id: `${trace}b`, parent: `${trace}r`, service: 'feed', at: t + 15, to: t + 25, attributes: { 'peer.service': 'search' } });
    out.push({ trace, id: `${trace}c`, parent: `${trace}r`, service: 'feed', at: t + 30, to: t + 35, attributes: { 'db.system': 'postgresql' } });
  }
  return out;
}

const edgeTo = (s: Scenario, from: string, to: string) => s.edges.find((e) => e.from === from && e.to === to)!;

describe('parallel calls become an edge group', () => {
  it('children that overlap: one group of both, the next call outside it, a valid file', () => {
    const { scenario, report } = inferScenario(readTraceFiles([otlp(feedTraces(20, true))]));
    expect(edgeTo(scenario, 'feed', 'ranker').group).toBe('parallel1');
    expect(edgeTo(scenario, 'feed', 'search').group).toBe('parallel1');
    expect(edgeTo(scenario, 'feed', 'postgresql').group).toBeUndefined();
    expect(report.parallelGroups).toEqual([{ from: 'feed', group: 'parallel1', members: ['ranker', 'search'] }]);
    const checked = parseScenario(scenario);
    expect(checked.ok && checked.warnings.filter((w) => w.path.includes('group'))).toEqual([]);
    expect(formatImportReport(report, 'en')).toContain('feed: parallel1 = ranker, search');
    expect(formatImportReport(report, 'zh-CN')).toContain('feed：parallel1 = ranker、search');
  });

  it('children one after another: no group', () => {
    const { scenario, report } = inferScenario(readTraceFiles([otlp(feedTraces(20, false))]));
    expect(scenario.edges.filter((e) => e.group !== undefined)).toEqual([]);
    expect(report.parallelGroups).toEqual([]);
    expect(formatImportReport(report, 'en')).not.toContain('Parallel calls');
  });

  it('round trip: a model that sends a group, simulated to traces, imports with the group and its members’ means', () => {
    const model = build({
      nodes: [
        poissonSource('users', 20),
        service('api', exponential(0.005), { workers: 64, cpus: 64 }),
        { id: 'ranker', kind: 'external', latency: exponential(0.02) },
        { id: 'search', kind: 'external', latency: exponential(0.03) },
        { id: 'db', kind: 'database', workers: 64, latency: exponential(0.004) },
      ],
      edges: [edge('users', 'api'), edge('api', 'ranker', { group: 'fan' }), edge('api', 'search', { group: 'fan' }), edge('api', 'db')],
      run: { duration: 120, warmup: 2, replications: 1, seed: 5 },
    });
    const { scenario, report } = inferScenario(readTraceFiles([{ name: 'sim.json', text: JSON.stringify(recordTraces(model, 1500)) }]));
    const ranker = edgeTo(scenario, 'api', 'ranker');
    expect(ranker.group).toBeDefined();
    expect(edgeTo(scenario, 'api', 'search').group).toBe(ranker.group);
    expect(edgeTo(scenario, 'api', 'db').group).toBeUndefined();
    expect(parseScenario(scenario).ok).toBe(true);
    // The caller's own work is its span less the union of the group's calls, not their sum.
    const api = report.work.find((w) => w.node === 'api')!;
    expect(Math.abs(api.mean - 0.005)).toBeLessThan(4 * (0.005 / Math.sqrt(api.samples)));
  });
});

describe('sampling', () => {
  it('reads what spans state: OTel tracestate th and p, Jaeger sampler tags, SampleRate, sampling.priority', () => {
    const span = (attributes: Record<string, string | number | boolean>, traceState?: string) => ({ traceId: 't', spanId: 's', parentId: null, followsFrom: false, service: 'x', name: 'n', kind: 'server' as const, start: 0, end: 1, attributes, where: 'w', ...(traceState ? { traceState } : {}) });
    expect(declaredSampling(span({}, 'vendor=1,ot=th:c;rv:0123456789abcd'))).toMatchObject({ kind: 'probability', rate: 0.25 });
    expect(declaredSampling(span({}, 'ot=p:3;r:10'))).toMatchObject({ kind: 'probability', rate: 0.125 });
    expect(declaredSampling(span({ 'sampler.type': 'probabilistic', 'sampler.param': 0.1 }))).toMatchObject({ kind: 'probability', rate: 0.1 });
    expect(declaredSampling(span({ 'sampler.type': 'const', 'sampler.param': true }))).toMatchObject({ kind: 'probability', rate: 1 });
    expect(declaredSampling(span({ 'sampler.type': 'ratelimiting', 'sampler.param': 2 }))).toMatchObject({ kind: 'rateLimited', perSecond: 2 });
    expect(declaredSampling(span({ SampleRate: 20 }))).toMatchObject({ kind: 'probability', rate: 0.05 });
    expect(declaredSampling(span({ 'sampling.priority': 1 }))).toMatchObject({ kind: 'unknownRate' });
    expect(declaredSampling(span({}, 'ot=rv:0123456789abcd'))).toBeNull();
    expect(declaredSampling(span({ 'http.route': '/x' }))).toBeNull();
  });

  it('a stated probability scales the arrival rate and weights the mix, and the report says by how much', () => {
    const plain = inferScenario(readTraceFiles([otlp(feedTraces(21, true))]));
    // Every request traced at 10%: the same spans stand for ten times the arrivals.
    const sampled = inferScenario(readTraceFiles([otlp(feedTraces(21, true, () => ({ traceState: 'ot=th:e6666666666666' })))]));
    expect(plain.report.rate).toBeCloseTo(10, 6);
    expect(sampled.report.sampling.rate).toBeCloseTo(0.1, 6);
    expect(sampled.report.rate).toBeCloseTo(100, 4);
    const source = sampled.scenario.nodes.find((n) => n.kind === 'source')!;
    expect(source.kind === 'source' && source.arrival.process === 'poisson' && source.arrival.rate).toBeCloseTo(100, 2);
    expect(source.toFill).toBeUndefined();
    // The calls per request stay what each trace shows.
    expect(edgeTo(sampled.scenario, 'feed', 'postgresql').calls ?? 1).toBe(1);
    expect(formatImportReport(sampled.report, 'en')).toContain('they are about 10.0% of the requests, so the 10.0 requests/s they show were scaled');
    expect(formatImportReport(sampled.report, 'zh-CN')).toContain('约占请求的 10.0%');

    // Classes kept at different rates: the mix is by weight, not by count.
    const twoClasses = inferScenario(
      readTraceFiles([otlp(feedTraces(40, true, (i) => (i % 2 === 0 ? { name: 'GET /feed', attributes: { 'sampler.type': 'probabilistic', 'sampler.param': 0.5 } } : { name: 'GET /item', attributes: { 'sampler.type': 'probabilistic', 'sampler.param': 0.25 } })))]),
    );
    const mix = (twoClasses.scenario.nodes.find((n) => n.kind === 'source') as { mix: Record<string, number> }).mix;
    expect(mix.GET_feed).toBeCloseTo(1 / 3, 3);
    expect(mix.GET_item).toBeCloseTo(2 / 3, 3);
  });

  it('Jaeger’s sampler tags on the root spans of a real export (the Celery fixture): probabilistic 0.25 scales the rate four times', () => {
    const fixture = join(import.meta.dirname, '..', 'fixtures', 'traces', 'celery.jaeger.json');
    const doc = JSON.parse(readFileSync(fixture, 'utf8')) as { data: { spans: { references?: unknown[]; tags: { key: string; type: string; value: unknown }[] }[] }[] };
    const plain = inferScenario(readTraceFiles([{ name: 'celery.jaeger.json', text: JSON.stringify(doc) }]));
    for (const t of doc.data) for (const span of t.spans) if (!span.references?.length) span.tags.push({ key: 'sampler.type', type: 'string', value: 'probabilistic' }, { key: 'sampler.param', type: 'float64', value: 0.25 });
    const sampled = inferScenario(readTraceFiles([{ name: 'celery.jaeger.json', text: JSON.stringify(doc) }]));
    expect(sampled.report.sampling.declared).toEqual([{ via: 'sampler.type=probabilistic, sampler.param=0.25', rate: 0.25, traces: 4 }]);
    expect(sampled.report.rate).toBeCloseTo(4 * plain.report.rate, 9);
    expect(formatImportReport(sampled.report, 'en')).toContain('they are about 25.0% of the requests');
  });

  it('rate-limited or of unknown rate: not scaled, said so, and the source’s arrival marked to be filled in', () => {
    const limited = inferScenario(readTraceFiles([otlp(feedTraces(10, true, () => ({ attributes: { 'sampler.type': 'ratelimiting', 'sampler.param': 2 } })))]));
    expect(limited.report.rate).toBeCloseTo(10, 6);
    expect(limited.report.sampling.scaled).toBe(false);
    const source = limited.scenario.nodes.find((n) => n.kind === 'source')!;
    expect(source.toFill).toEqual(['arrival']);
    expect(parseScenario(limited.scenario).ok).toBe(true);
    expect(formatImportReport(limited.report, 'en')).toContain('sampling: rate-limited (sampler.type=ratelimiting, sampler.param=2 on 10 traces)');
    expect(formatImportReport(limited.report, 'en')).toMatch(/clients: arrival/);
    expect(formatImportReport(limited.report, 'zh-CN')).toContain('采样：按速率限制');

    const priority = inferScenario(readTraceFiles([otlp(feedTraces(10, true, () => ({ attributes: { 'sampling.priority': 1 } })))]));
    expect(priority.report.sampling.unknownRate).toEqual([{ via: 'sampling.priority=1', traces: 10 }]);
    expect(formatImportReport(priority.report, 'en')).toContain('the traces say they were sampled (sampling.priority=1 on 10 traces) but not at what rate');
  });

  it('traces whose root is missing: the share of roots kept and the rate it would give, not applied', () => {
    // 10 requests; in 5 more traces feed's root span was not kept, only its calls.
    const spans = feedTraces(10, true);
    for (let i = 0; i < 5; i++) spans.push({ trace: `lost${i}`, id: `l${i}`, parent: `gone${i}`, service: 'feed', at: i * 100 + 50, to: i * 100 + 60, attributes: { 'peer.service': 'ranker' } });
    const { scenario, report } = inferScenario(readTraceFiles([otlp(spans)]));
    expect(report.rootlessTraces).toBe(5);
    expect(report.sampling.rootShare).toBeCloseTo(10 / 15, 9);
    expect(report.rate).toBeCloseTo(10, 6);
    expect(scenario.nodes.find((n) => n.kind === 'source')!.toFill).toEqual(['arrival']);
    const text = formatImportReport(report, 'en');
    expect(text).toContain('5 traces have no root span');
    expect(text).toContain('66.7% of roots were kept and the rate would be 15.0 requests/s; not scaled');
    expect(formatImportReport(report, 'zh-CN')).toContain('保留了 66.7% 的根 span');
  });
});

describe('capacity is filled, never guessed', () => {
  const imported = () => inferScenario(readTraceFiles([otlp(feedTraces(10, true))]));

  it('a flag fills the field and takes it off the node’s toFill; the list goes once empty', () => {
    const { scenario } = imported();
    const filled = fillCapacity(scenario, [
      { field: 'replicas', node: 'feed', value: 3, flag: '--replicas feed=3' },
      { field: 'workers', node: 'feed', value: 8, flag: '--workers feed=8' },
      { field: 'workers', node: 'postgresql', value: 50, flag: '--workers postgresql=50' },
    ]);
    if (!('scenario' in filled)) throw new Error('refused');
    const feed = filled.scenario.nodes.find((n) => n.id === 'feed')!;
    expect(feed).toMatchObject({ replicas: 3, workers: 8, cpus: 1, toFill: ['cpus'] });
    expect(toFillOf(filled.scenario).find((f) => f.node === 'postgresql')!.fields).toEqual(['replicas']);
    const all = fillCapacity(filled.scenario, [{ field: 'cpus', node: 'feed', value: 2, flag: '--cpus feed=2' }]);
    expect('scenario' in all && all.scenario.nodes.find((n) => n.id === 'feed')!.toFill).toBeUndefined();
    // The original is untouched.
    expect(scenario.nodes.find((n) => n.id === 'feed')!.toFill).toEqual(['replicas', 'workers', 'cpus']);
  });

  it('refuses a node that is not there and a field its kind lacks', () => {
    const { scenario } = imported();
    expect(fillCapacity(scenario, [{ field: 'replicas', node: 'nope', value: 2, flag: '--replicas nope=2' }])).toMatchObject({ refused: { code: 'unknownNode' } });
    expect(fillCapacity(scenario, [{ field: 'cpus', node: 'ranker', value: 2, flag: '--cpus ranker=2' }])).toMatchObject({ refused: { code: 'noSuchField', kind: 'external' } });
  });

  it('import k8s onto an imported scenario clears what it fills, a placeholder value it confirms too', () => {
    const { scenario } = imported();
    const yaml = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: feed}',
      'spec:',
      '  replicas: 1',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: feed',
      '          command: [gunicorn, -w, "4", app:app]',
      '          resources: {limits: {cpu: "2"}}',
    ].join('\n');
    const { scenario: updated, report } = applyManifests(scenario, readManifests([{ name: 'feed.yaml', text: yaml }]));
    const feed = updated.nodes.find((n) => n.id === 'feed')!;
    expect(feed).toMatchObject({ replicas: 1, workers: 4, cpus: 2 });
    expect(feed.toFill).toBeUndefined();
    // The nodes no manifest named keep theirs.
    expect(updated.nodes.find((n) => n.id === 'postgresql')!.toFill).toEqual(['replicas', 'workers']);
    expect(report.toFill.map((f) => f.node)).toEqual(['postgresql', 'search', 'ranker']);
    expect(formatManifestReport(report, 'en')).toContain('Still to fill in (toFill): postgresql: replicas, workers; search: replicas, workers');
    expect(formatManifestReport(report, 'zh-CN')).toContain('仍待填写（toFill）：postgresql：replicas、workers');
  });
});
