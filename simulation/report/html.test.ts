/**
 * The HTML report is one self-contained file: no script, no external request, and
 * everything the user typed escaped (a label is text, never markup).
 */
import { describe, expect, it } from 'vitest';
import { assertScenario } from '../model/validate';
import { runScenarioInProcess } from '../runner/runScenario';
import { LogHistogram } from '../stats/histogram';
import { latencyDensity, renderReport } from './html';

const hostile = '<script>alert(1)</script>"&\'';
const scenario = assertScenario({
  format: 'headroom/scenario',
  version: 1,
  name: `Report ${hostile}`,
  description: `about ${hostile}`,
  nodes: [
    { id: 'users', kind: 'source', label: `users ${hostile}`, position: { x: 0, y: 0 }, arrival: { process: 'poisson', rate: 20 } },
    { id: 'svc', kind: 'service', label: `svc ${hostile}`, position: { x: 200, y: 0 }, workers: 2, work: { dist: 'exponential', mean: 0.01 } },
  ],
  edges: [{ from: 'users', to: 'svc' }],
  run: { duration: 20, warmup: 1, replications: 2, seed: 1 },
  slo: { p99: 0.5 },
});
const html = renderReport(scenario, runScenarioInProcess(scenario));

describe('renderReport', () => {
  it('has no script and loads nothing from elsewhere', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html.match(/\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\//gi) ?? []).toEqual([]);
    expect(html).toMatch(/Content-Security-Policy" content="default-src 'none'/);
  });

  it('escapes the name, description and labels', () => {
    expect(html).not.toContain(hostile);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('shows every node and the SLO', () => {
    expect(html).toContain('svc');
    expect(html).toMatch(/p99/);
  });

  it('in Chinese names kinds and arrival processes in Chinese and rates in 次/秒', () => {
    const zh = renderReport(scenario, runScenarioInProcess(scenario), 'zh-CN');
    expect(zh).toContain('<td>服务</td>');
    expect(zh).toContain('次/秒 (泊松到达)');
    expect(zh).not.toMatch(/<td>service<\/td>|\(poisson\)/);
  });
});

describe('the latency distribution', () => {
  // The result's histogram: 16 logarithmic buckets per octave (LogHistogram(4)).
  const buckets = new LogHistogram(4);
  const mean = 0.01;
  const cdf = (x: number) => 1 - Math.exp(-x / mean);

  it('plots density, so an exponential latency decreases monotonically instead of jumping ×2 at each octave', () => {
    const first = buckets.bucketOf(0.0005);
    const last = buckets.bucketOf(0.08);
    const lower: number[] = [];
    const upper: number[] = [];
    const share: number[] = [];
    for (let i = first; i <= last; i++) {
      lower.push(buckets.lowerBound(i));
      upper.push(buckets.upperBound(i));
      share.push(cdf(buckets.upperBound(i)) - cdf(buckets.lowerBound(i)));
    }
    // The shares themselves are a sawtooth: the first bucket of each octave is twice as wide as the one before it.
    const jumps = share.filter((s, i) => i > 0 && s > share[i - 1]! * 1.5).length;
    expect(jumps).toBeGreaterThanOrEqual(5);
    const d = latencyDensity({ lower, upper, share }, 1);
    expect(d.perMs.length).toBe(share.length);
    for (let i = 1; i < d.perMs.length; i++) expect(d.perMs[i]!).toBeLessThan(d.perMs[i - 1]!);
    // And each height is the exponential's mean density over its bucket, per millisecond.
    d.perMs.forEach((v, i) => expect(v).toBeCloseTo(share[i]! / ((upper[i]! - lower[i]!) * 1000), 12));
    expect(d.tailShare).toBe(0);
  });

  it('matches the density of a simulated exponential latency within its sampling error, and leaves out the tail beyond upTo', () => {
    // 200 workers at 1000/s × 10 ms: ρ = 0.05, so nothing waits and latency is the exponential work.
    const exponential = assertScenario({
      format: 'headroom/scenario',
      version: 1,
      name: 'exponential',
      nodes: [
        { id: 'users', kind: 'source', label: 'users', position: { x: 0, y: 0 }, arrival: { process: 'poisson', rate: 1000 } },
        { id: 'svc', kind: 'service', label: 'svc', position: { x: 200, y: 0 }, workers: 200, work: { dist: 'exponential', mean } },
      ],
      edges: [{ from: 'users', to: 'svc' }],
      run: { duration: 40, warmup: 1, replications: 1, seed: 3 },
    });
    const r = runScenarioInProcess(exponential);
    const n = r.stats.requests;
    const upTo = r.summary.latency.p999;
    const d = latencyDensity(r.latencyHistogram, upTo);
    let checked = 0;
    d.lower.forEach((x0, i) => {
      const x1 = r.latencyHistogram.upper[r.latencyHistogram.lower.indexOf(x0)]!;
      const p = cdf(x1) - cdf(x0);
      if (p * n < 500) return;
      const widthMs = (x1 - x0) * 1000;
      // Five binomial standard errors of the bucket's share, as a density.
      expect(Math.abs(d.perMs[i]! - p / widthMs)).toBeLessThan((5 * Math.sqrt((p * (1 - p)) / n)) / widthMs);
      checked++;
    });
    expect(checked).toBeGreaterThan(20);
    expect(d.upper.every((x) => x <= upTo)).toBe(true);
    expect(d.tailShare).toBeGreaterThan(0);
    expect(d.tailShare).toBeLessThan(0.003);
  });
});

describe('p99 over time', () => {
  it('says it counts successful requests only and shows the error rate over the same time, in both languages', () => {
    expect(html).toContain('p99 counts successful requests only');
    expect(html).toMatch(/The error rate over the same time is below\.<\/div>\n?<svg[^]*?Error rate<\/text>/);
    const zh = renderReport(scenario, runScenarioInProcess(scenario), 'zh-CN');
    expect(zh).toContain('p99 只统计成功的请求');
    expect(zh).toContain('每毫秒占比');
  });
});

describe('cache hit ratios', () => {
  const cached = (cache: Record<string, unknown>) =>
    assertScenario({
      format: 'headroom/scenario',
      version: 1,
      name: 'cached',
      nodes: [
        { id: 'users', kind: 'source', label: 'users', position: { x: 0, y: 0 }, arrival: { process: 'poisson', rate: 100 } },
        { id: 'redis', kind: 'cache', label: 'Redis', position: { x: 200, y: 0 }, workers: 4, latency: { dist: 'constant', value: 0.0005 }, ...cache },
        { id: 'db', kind: 'database', label: 'db', position: { x: 400, y: 0 }, workers: 8, latency: { dist: 'exponential', mean: 0.002 } },
      ],
      edges: [{ from: 'users', to: 'redis' }, { from: 'redis', to: 'db' }],
      run: { duration: 40, warmup: 10, replications: 2, seed: 3 },
    });

  it('states the measured hit ratio of each cache, and that a keyed one comes from its keys, in both languages', () => {
    // Uniform keys under Poisson lookups with ttl T: λT ÷ (1 + λT) per key, λ = 100 ÷ 50 per key and T = 2 s gives 80%.
    const keyed = cached({ keys: { count: 50, popularity: 'uniform' }, ttl: 2 });
    const result = runScenarioInProcess(keyed);
    const measured = result.nodes.redis!.hitRatio!;
    expect(measured).toBeGreaterThan(0.75);
    expect(measured).toBeLessThan(0.85);
    const shown = `${(measured * 100).toFixed(1)}%`;
    expect(renderReport(keyed, result)).toContain(`<strong>Cache hit ratio (measured): </strong><ul><li>Redis: ${shown} (from its keys, ttl and the load)</li></ul>`);
    expect(renderReport(keyed, result, 'zh-CN')).toContain(`<strong>缓存命中率（实测）：</strong><ul><li>Redis：${shown}（由键、ttl 与负载得出）</li></ul>`);
    const fixed = cached({ hitRatio: 0.5 });
    expect(renderReport(fixed, runScenarioInProcess(fixed))).toMatch(/<li>Redis: (4[6-9]|5[0-4])\.\d%<\/li>/);
    expect(html).not.toContain('Cache hit ratio');
  });
});

describe('the timeline events', () => {
  const timeline = assertScenario({
    format: 'headroom/scenario',
    version: 1,
    name: 'Timeline',
    nodes: [
      { id: 'users', kind: 'source', label: 'Users', position: { x: 0, y: 0 }, arrival: { process: 'poisson', rate: 40 } },
      { id: 'api', kind: 'service', label: 'Shop API', position: { x: 200, y: 0 }, replicas: 2, workers: 4, work: { dist: 'exponential', mean: 0.01 } },
      { id: 'cache', kind: 'cache', label: 'Redis', position: { x: 400, y: 0 }, latency: { dist: 'constant', value: 0.0002 }, hitRatio: 0.8 },
      { id: 'db', kind: 'database', label: 'PostgreSQL', position: { x: 600, y: 0 }, workers: 8, latency: { dist: 'exponential', mean: 0.005 } },
    ],
    edges: [
      { from: 'users', to: 'api' },
      { from: 'api', to: 'cache' },
      { from: 'cache', to: 'db' },
    ],
    events: [
      { at: 25, node: 'cache', action: 'flush', warm: 5 },
      { at: 12, node: 'api', action: 'restart', replica: 1, down: 3 },
    ],
    run: { duration: 40, warmup: 2, replications: 1, seed: 3 },
  });
  const result = runScenarioInProcess(timeline);
  const tableOf = (doc: string) => /<table class="events">([\s\S]*?)<\/table>/.exec(doc)?.[1] ?? '';
  const rows = (doc: string) => [...tableOf(doc).matchAll(/<tr>(.*?)<\/tr>/g)].map((m) => [...m[1]!.matchAll(/<t[hd]>(.*?)<\/t[hd]>/g)].map((c) => c[1]));

  it('lists each event with its time, node and action, numbered as the charts mark them', () => {
    const doc = renderReport(timeline, result);
    const table = rows(doc);
    expect(table[0]!.slice(0, 4)).toEqual(['#', 'Time', 'Node', 'Event']);
    expect(table.slice(1).map((r) => r.slice(0, 4))).toEqual([
      ['1', '25 s', 'Redis', 'Cache flush'],
      ['2', '12 s', 'Shop API', 'Restart #1'],
    ]);
    // The flush ends when the cache is warm again (5 s), the restart when the replica is back (3 s).
    expect(table[1]![4]).toBe('30 s');
    expect(table[2]![4]).toBe('15 s');
    // Each of the three time-series charts marks both events, with their numbers and words.
    expect(doc.match(/<g class="event-mark">/g)).toHaveLength(6);
    expect(doc).toContain('<title>1. Cache flush of Redis at 25 s</title>');
    expect(doc).toContain('<title>2. Restart of Shop API at 12 s</title>');
  });

  it('in Chinese', () => {
    const doc = renderReport(timeline, result, 'zh-CN');
    const table = rows(doc);
    expect(table[0]!.slice(0, 4)).toEqual(['#', '时间', '节点', '事件']);
    expect(table.slice(1).map((r) => r.slice(0, 4))).toEqual([
      ['1', '25 秒', 'Redis', '缓存清空'],
      ['2', '12 秒', 'Shop API', '重启 #1'],
    ]);
    expect(doc).toContain('<h2>时间线事件</h2>');
    expect(doc).toContain('<title>1. 第 25 秒 Redis 的缓存清空</title>');
  });

  it('leaves the section out of a run without a timeline', () => {
    expect(html).not.toContain('class="events"');
    expect(html).not.toContain('event-mark');
  });
});
