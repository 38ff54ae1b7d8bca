/**
 * The whole round trip from the command line, on a model whose capacity is known:
 * `run --traces` → `import traces` → fill in what the report lists as to be filled in,
 * from the original → `run` again. The imported model must give the original's
 * throughput and mean latency within their intervals, widened by the trace sample's
 * own error: |imported − original| ≤ √(h_o² + h_i²) + 2·se, with h the runs' 95%
 * half-widths and se the standard error of the figure in the 20,000 sampled requests
 * the import learnt from (the rate: rate/√N; the mean latency: sd/√N).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Scenario } from '../../simulation/model/schema';
import { build, edge, exponential, poissonSource, service } from '../helpers/build';
import { headroom, scratch } from '../helpers/cli';

const tmp = scratch();
afterAll(() => tmp.remove());

const truth = { browseWork: 0.01, checkoutWork: 0.02, lookup: 0.0005, hitRatio: 0.8, query: 0.008, rate: 80, checkout: 0.3 };
const original = build({
  name: 'Round trip',
  classes: ['browse', 'checkout'],
  nodes: [
    poissonSource('users', truth.rate, { mix: { browse: 1 - truth.checkout, checkout: truth.checkout } }),
    service('api', { byClass: { browse: exponential(truth.browseWork), checkout: exponential(truth.checkoutWork) } }, { replicas: 2, workers: 4, cpus: 2 }),
    { id: 'cache', kind: 'cache', workers: 2, hitRatio: truth.hitRatio, latency: exponential(truth.lookup) },
    { id: 'db', kind: 'database', workers: 6, latency: exponential(truth.query) },
  ],
  edges: [edge('users', 'api'), edge('api', 'cache', { classes: ['browse'] }), edge('cache', 'db'), edge('api', 'db', { classes: ['checkout'], calls: 2 })],
  run: { duration: 300, warmup: 10, replications: 5, seed: 3 },
});

type Summary = { throughput: number; throughputCi: [number, number]; latency: { mean: number }; latencyCi: { mean: [number, number] } };
const summaryOf = (path: string) => (JSON.parse(readFileSync(path, 'utf8')) as { summary: Summary }).summary;
const half = ([low, high]: [number, number]) => (high - low) / 2;
type OtlpSpan = { traceId: string; parentSpanId?: string; startTimeUnixNano: string; endTimeUnixNano: string };

describe('round trip: model → run --traces → import traces → fill in capacity → run', () => {
  const model = tmp.file('original.headroom.json', original);
  const traces = join(tmp.dir, 'traces.json');
  const originalResult = join(tmp.dir, 'original.json');
  const imported = join(tmp.dir, 'imported.headroom.json');
  const importedResult = join(tmp.dir, 'imported.json');
  const requests = 20_000;

  it('recovers the model, lists only capacity to fill in, and once filled runs as the original does', () => {
    const ran = headroom(['run', model, '--traces', traces, '--trace-requests', String(requests), '--json', originalResult]);
    expect(ran.status, ran.stderr).toBe(0);
    const read = headroom(['import', 'traces', traces, '--out', imported]);
    expect(read.status, read.stderr).toBe(0);

    // What is to be filled in is capacity, nothing else: a cache's hit ratio is in the traces.
    const toFill = read.stdout.slice(read.stdout.indexOf('To fill in'), read.stdout.indexOf('Could not infer')).trim().split('\n').slice(1).map((l) => l.trim());
    expect(toFill).toEqual(['api: replicas, workers, cpus', 'cache: replicas, workers', 'db: replicas, workers']);
    const scenario = JSON.parse(readFileSync(imported, 'utf8')) as Scenario;
    const node = (s: Scenario, id: string) => s.nodes.find((n) => n.id === id)!;
    const cache = node(scenario, 'cache');
    if (cache.kind !== 'cache') throw new Error('the cache is imported as a cache');
    // Browse requests alone look the cache up: a binomial share of 14,000 visits, 3 standard errors wide.
    expect(Math.abs((cache.hitRatio as number) - truth.hitRatio)).toBeLessThan(3 * Math.sqrt((truth.hitRatio * (1 - truth.hitRatio)) / 14_000));
    // The cache calls the database per miss, once: the engine's meaning of a cache's calls.
    expect(scenario.edges.find((e) => e.from === 'cache' && e.to === 'db')!.calls ?? 1).toBe(1);
    const api = node(scenario, 'api');
    if (api.kind !== 'service' || !('byClass' in api.work)) throw new Error('api has work by class');
    // Exponential work: the sample mean's standard error is mean/√n; the queueing Headroom's traces state is not counted as work.
    const mean = (d: unknown) => (d as { mean: number }).mean;
    expect(Math.abs(mean(api.work.byClass.browse) / truth.browseWork - 1)).toBeLessThan(3 / Math.sqrt(0.7 * requests));
    expect(Math.abs(mean(api.work.byClass.checkout) / truth.checkoutWork - 1)).toBeLessThan(3 / Math.sqrt(0.3 * requests));

    // Fill in exactly the listed fields from the original, and run it as the original ran.
    const filled: Scenario = {
      ...scenario,
      nodes: scenario.nodes.map((n) => {
        const line = toFill.find((l) => l.startsWith(`${n.id}: `));
        if (!line) return n;
        const from = node(original, n.id) as unknown as Record<string, number | undefined>;
        return { ...n, ...Object.fromEntries(line.slice(n.id.length + 2).split(', ').map((field) => [field, from[field] ?? 1])) };
      }),
      run: original.run,
    };
    const again = headroom(['run', tmp.file('filled.headroom.json', filled), '--json', importedResult]);
    expect(again.status, again.stderr).toBe(0);

    const o = summaryOf(originalResult);
    const i = summaryOf(importedResult);
    // The sample the import learnt from: its request rate and latencies.
    const doc = JSON.parse(readFileSync(traces, 'utf8')) as { resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[] };
    const roots = new Map<string, [number, number]>();
    for (const rs of doc.resourceSpans)
      for (const ss of rs.scopeSpans)
        for (const sp of ss.spans) {
          if (sp.parentSpanId) continue;
          const [start, end] = [Number(BigInt(sp.startTimeUnixNano)) / 1e9, Number(BigInt(sp.endTimeUnixNano)) / 1e9];
          const before = roots.get(sp.traceId);
          roots.set(sp.traceId, before ? [Math.min(before[0], start), Math.max(before[1], end)] : [start, end]);
        }
    const latencies = [...roots.values()].map(([s, e]) => e - s);
    expect(latencies).toHaveLength(requests);
    const sampleMean = latencies.reduce((a, b) => a + b, 0) / requests;
    const sd = Math.sqrt(latencies.reduce((a, b) => a + (b - sampleMean) ** 2, 0) / (requests - 1));
    const rateSe = o.throughput / Math.sqrt(requests);
    const latencySe = sd / Math.sqrt(requests);

    const throughputBound = Math.hypot(half(o.throughputCi), half(i.throughputCi)) + 2 * rateSe;
    const latencyBound = Math.hypot(half(o.latencyCi.mean), half(i.latencyCi.mean)) + 2 * latencySe;
    expect(Math.abs(i.throughput - o.throughput)).toBeLessThanOrEqual(throughputBound);
    expect(Math.abs(i.latency.mean - o.latency.mean)).toBeLessThanOrEqual(latencyBound);
    // Not a bound so wide that anything passes: a few per cent of the figures.
    expect(throughputBound / o.throughput).toBeLessThan(0.03);
    expect(latencyBound / o.latency.mean).toBeLessThan(0.04);
  });
});
