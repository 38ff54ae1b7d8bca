/**
 * The what-if report and CSV: self-contained HTML (nothing fetched from a network,
 * no script), the recommendation in words, one SVG per chart; CSV with one header and
 * one row per point, quoted where RFC 4180 says so; Chinese headings with zh-CN.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResultDocument, SweepDocument } from '../../simulation/model/result';
import { escapeXml } from '../../simulation/report/svg';
import { renderSweepReport, sweepCsv, sweepRecommendation } from '../../simulation/report/sweepReport';
import { runSweep } from '../../simulation/whatif/sweep';
import { cli, inProcessPool, scenario, service, source, tempDir } from './helpers';

// Replicas × load, with a cost on api: the report draws the architecture, capacity
// against replicas (the scale-out verdict, along the first load), cost per million
// requests, and p99 against load (along the first replica count): four SVGs.
const model = scenario({
  name: 'Report <test> & "quotes"',
  nodes: [source('users', { process: 'constant', rate: 50 }), service('api', { replicas: 1, workers: 1, work: { dist: 'constant', value: 0.01 }, cost: 0.12 })],
  edges: [{ from: 'users', to: 'api' }],
  run: { duration: 5, warmup: 1, replications: 1, seed: 1 },
  slo: { p99: 0.05 },
  cost: { currency: 'USD' },
  whatIf: {
    vary: [
      { path: 'nodes.api.replicas', values: [1, 2, 3] },
      { path: 'nodes.users.arrival.rate', values: [50, 120] },
    ],
  },
});

/** Every src/href value, and whether any fetches from a network. */
function externalReferences(html: string): string[] {
  return [...html.matchAll(/\b(?:src|href|xlink:href|action|srcset)\s*=\s*(["']?)([^"'\s>]*)\1/gi)].map((m) => m[2]!).filter((v) => /^(?:https?:)?\/\//i.test(v.trim()));
}

/** A minimal RFC 4180 reader, to check quoting by reading the CSV back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

describe('renderSweepReport', () => {
  let doc: SweepDocument;
  beforeAll(async () => {
    const pool = inProcessPool(1);
    try {
      doc = await runSweep(pool, model);
    } finally {
      pool.dispose();
    }
  });

  it('is self-contained: no network references, no script, a restrictive CSP', () => {
    const html = renderSweepReport(model, doc);
    expect(externalReferences(html)).toEqual([]);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/@import|url\(\s*["']?https?:/i);
    expect(html).toContain(`content="default-src 'none'`);
    expect(html.startsWith('<!doctype html>')).toBe(true);
  });

  it('contains the recommendation in words and escapes the scenario name', () => {
    const html = renderSweepReport(model, doc);
    const text = sweepRecommendation(doc);
    // Along load 50: 1, 2, 3 replicas all carry 50 req/s (no step adds ≥ 25): pays
    // off until 1, and the explanation says api stays the bottleneck or none limits.
    expect(doc.scaling!.paysOffUntil).toBe(1);
    expect(text.startsWith('1 replica of api pays off')).toBe(true);
    expect(sweepRecommendation(doc, 'zh-CN')).toMatch(/^api 扩展到 1 个副本是划算的/);
    expect(html).toContain(escapeXml(text));
    expect(html).toContain('<h1>Report &lt;test&gt; &amp; &quot;quotes&quot;</h1>');
    expect(html).not.toContain('<test>');
  });

  it('draws one SVG per chart: architecture, capacity, cost, p99 × load', () => {
    const html = renderSweepReport(model, doc);
    expect(html.match(/<svg\b/g)).toHaveLength(4);
    expect(html.match(/<\/svg>/g)).toHaveLength(4);
    // Each chart follows its heading.
    const order = ['<h2>Architecture</h2>', '<h2>Capacity</h2>', '<h2>p99 × Load</h2>'].map((h) => html.indexOf(h));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // The SLO line is drawn on the p99 chart.
    expect(html.slice(order[2]!)).toContain('SLO 50 ms');
    // A table row per point.
    expect(html.match(/<tr><td>/g)!.length).toBeGreaterThanOrEqual(doc.points.length);
  });

  it('with no replica path and no rate path draws only the architecture', () => {
    const plain: SweepDocument = { ...doc, vary: [{ path: 'nodes.api.workers', values: [1] }], points: doc.points.slice(0, 1).map((p) => ({ ...p, values: { 'nodes.api.workers': 1 } })), scaling: undefined };
    const html = renderSweepReport(model, plain);
    expect(html.match(/<svg\b/g)).toHaveLength(1);
    expect(html).toContain(escapeXml(sweepRecommendation(plain)));
  });

  it('zh-CN: every heading is in Chinese, none of the English ones remain', () => {
    const html = renderSweepReport(model, doc, 'zh-CN');
    expect(html).toContain('<html lang="zh-CN">');
    const headings = [...html.matchAll(/<h2>(.*?)<\/h2>/g)].map((m) => m[1]!);
    expect(headings.length).toBeGreaterThanOrEqual(4);
    for (const h of headings) expect(h, h).toMatch(/[\u4e00-\u9fff]/);
    for (const english of ['Architecture', 'Assumptions', 'What-if sweep', 'Recommendation', 'Capacity']) expect(html).not.toContain(`>${english}`);
  });
});

describe('sweepCsv', () => {
  const result = (over: Partial<ResultDocument['summary']>, bottleneck: string | null): ResultDocument =>
    ({
      summary: { throughput: 10, latency: { mean: 0.01, p50: 0.01, p95: 0.02, p99: 0.03 }, errorRate: 0, sloMet: true, ...over },
      bottleneck: bottleneck ? { node: bottleneck, utilization: 0.5, explanation: '', latencyShare: 0 } : null,
      cost: null,
      stable: over.sloMet !== false,
    }) as unknown as ResultDocument;
  const tricky = 'a,b "c"\nd';
  const doc: SweepDocument = {
    format: 'headroom/sweep',
    version: 1,
    scenario: 's',
    vary: [
      { path: 'nodes.api.balance', values: [tricky, 'random'] },
      { path: 'nodes.api.replicas', values: [1] },
    ],
    points: [
      { index: 0, values: { 'nodes.api.balance': tricky, 'nodes.api.replicas': 1 }, result: result({}, 'api') },
      { index: 1, values: { 'nodes.api.balance': 'random', 'nodes.api.replicas': 1 }, result: result({ sloMet: false }, null), capacity: { source: 'u', rate: 42.5, bracket: [42.5, 43], evaluations: 3 } },
    ],
  };

  it('one header and one row per point; commas, quotes and newlines quoted', () => {
    const csv = sweepCsv(doc);
    expect(csv.endsWith('\n')).toBe(true);
    const rows = parseCsv(csv);
    expect(rows).toHaveLength(1 + doc.points.length);
    expect(rows[0]).toEqual(['nodes.api.balance', 'nodes.api.replicas', 'capacity', 'throughput', 'mean', 'p50', 'p95', 'p99', 'errorRate', 'sloMet', 'stable', 'bottleneck', 'bottleneckUtilization', 'costPerHour', 'costPerMillion']);
    for (const r of rows) expect(r).toHaveLength(rows[0]!.length);
    expect(rows[1]![0]).toBe(tricky);
    expect(csv).toContain('"a,b ""c""\nd"');
    // Capacity is the throughput without a search, the found rate with one.
    expect(rows[1]!.slice(1, 4)).toEqual(['1', '10', '10']);
    expect(rows[2]!.slice(0, 4)).toEqual(['random', '1', '42.5', '10']);
    expect(rows[2]![9]).toBe('false');
    expect(rows[1]![10]).toBe('true');
    expect(rows[2]![10]).toBe('false');
    expect(rows[2]![11]).toBe('');
  });
});

describe('headroom sweep --report --csv --lang', () => {
  const tmp = tempDir('report');
  afterAll(() => tmp.remove());

  it('writes a Chinese report and the CSV', async () => {
    const file = tmp.write('r.headroom.json', model);
    const report = join(tmp.dir, 'r.html');
    const csv = join(tmp.dir, 'r.csv');
    const r = await cli(['sweep', file, '--report', report, '--csv', csv, '--lang', 'zh-CN', '--threads', '1']);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(report, 'utf8');
    expect(html).toContain('<h2>架构</h2>');
    expect(html).toContain('建议');
    expect(externalReferences(html)).toEqual([]);
    expect(parseCsv(readFileSync(csv, 'utf8'))).toHaveLength(1 + 6);
  });

  it('an unknown --lang is a usage error (exit 2)', async () => {
    const file = tmp.write('r2.headroom.json', model);
    const r = await cli(['sweep', file, '--lang', 'fr']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--lang');
  });
});
