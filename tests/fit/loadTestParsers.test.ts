/**
 * The three load-test readers on the bundled fixtures (written in each tool's
 * documented format) and on files that are not such files, are cut short or have
 * wrong columns: each refusal names the file and the line.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJmeter } from '../../simulation/import/loadTests/jmeter';
import { parseK6 } from '../../simulation/import/loadTests/k6';
import { locustStatsName, parseLocust } from '../../simulation/import/loadTests/locust';
import { LoadTestInputError, csvRows, maxLoadTestRows } from '../../simulation/import/loadTests/measurement';
import { errorText } from '../../simulation/findings/error';

const dir = join(import.meta.dirname, '..', 'fixtures', 'loadtests');
const text = (name: string) => readFileSync(join(dir, name), 'utf8');

/** The refusal's English and Chinese sentences. */
function refusal(read: () => unknown): { en: string; zh: string } {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(LoadTestInputError);
    return { en: errorText(error, 'en'), zh: errorText(error, 'zh-CN') };
  }
  throw new Error('expected a refusal');
}

describe('JMeter .jtl', () => {
  const m = parseJmeter(text('fastapi-results.jtl'), 'results.jtl');

  it('reads samples per label, with times in seconds from the first sample', () => {
    const lines = text('fastapi-results.jtl').trim().split('\n').length - 1;
    expect(m.total.requests).toBe(lines);
    expect(m.endpoints.map((e) => e.name).sort()).toEqual(['GET /items/{id}', 'POST /orders']);
    expect(m.endpoints.reduce((a, e) => a + e.requests, 0)).toBe(lines);
    expect(m.duration).toBeGreaterThan(59);
    expect(m.duration).toBeLessThan(62);
    const reads = m.endpoints.find((e) => e.name === 'GET /items/{id}')!;
    expect(reads.mean!).toBeGreaterThan(0.02);
    expect(reads.mean!).toBeLessThan(0.1);
    expect(reads.p50!).toBeLessThan(reads.p95!);
    expect(reads.p95!).toBeLessThanOrEqual(reads.p99!);
  });

  it('cuts the test into windows whose counts add up, with the ramp of threads', () => {
    expect(m.windows.length).toBe(60);
    expect(m.windows.reduce((a, w) => a + w.requests, 0)).toBe(m.total.requests);
    expect(m.windows.reduce((a, w) => a + w.started, 0)).toBe(m.total.requests);
    expect(m.windows[0]!.users!).toBeLessThan(m.windows.at(-1)!.users!);
    // The ramp: the first seconds carry a fraction of the last seconds' load.
    expect(m.windows[0]!.started).toBeLessThan(m.windows.at(-1)!.started * 0.6);
  });

  it('counts failures and reads quoted fields with commas', () => {
    const jtl = [
      'timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,failureMessage,bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect',
      '1700000000000,20,"GET /a, b",200,OK,T 1-1,text,true,,10,10,1,1,http://x/a,19,0,0',
      '1700000000100,30,"GET /a, b",500,"Internal ""Server"" Error",T 1-1,text,false,"Response code was 500, expected 200",10,10,1,1,http://x/a,29,0,0',
    ].join('\n');
    const r = parseJmeter(jtl, 'q.jtl');
    expect(r.endpoints).toMatchObject([{ name: 'GET /a, b', requests: 2, failures: 1, mean: 0.025, p50: 0.02, p95: 0.03, p99: 0.03 }]);
    // A test of 0.13 s is one batch: too few for a measured interval.
    expect(r.endpoints[0]!.batches).toHaveLength(1);
  });

  it('refuses a file without the header, a cut-short line, a bad number and a bad boolean, naming file and line', () => {
    expect(refusal(() => parseJmeter('1700000000000,20,GET /a,200\n', 'noheader.jtl')).en).toMatch(/^noheader\.jtl:1: not a JMeter CSV results file/);
    const good = text('fastapi-results.jtl').split('\n').slice(0, 6);
    const cut = [...good.slice(0, 5), good[5]!.slice(0, 30)].join('\n');
    const short = refusal(() => parseJmeter(cut, 'cut.jtl'));
    expect(short.en).toMatch(/^cut\.jtl:6: the line has only \d+ fields/);
    expect(short.en).toContain('cut short');
    expect(short.zh).toMatch(/^cut\.jtl:6：这一行只有/);
    const badNumber = [good[0], good[1]!.replace(/^(\d+),\d+,/, '$1,fast,')].join('\n');
    expect(refusal(() => parseJmeter(badNumber, 'n.jtl')).en).toBe('n.jtl:2: "elapsed" should be a number, got "fast"');
    const badBool = [good[0], good[1]!.replace(',true,', ',yes,')].join('\n');
    expect(refusal(() => parseJmeter(badBool, 'b.jtl')).en).toBe('b.jtl:2: "success" should be true or false, got "yes"');
    const noLabel = [good[0]!.replace('label', 'name'), good[1]].join('\n');
    expect(refusal(() => parseJmeter(noLabel, 'c.jtl')).en).toMatch(/^c\.jtl:1: no column "label" in the header/);
    expect(refusal(() => parseJmeter(good[0]!, 'empty.jtl')).en).toBe('empty.jtl: the test made no requests');
    expect(refusal(() => parseJmeter(`${good[0]}\n${good[1]!.replace('GET', '"GET')}`, 'q.jtl')).en).toBe('q.jtl:2: a quoted field is not closed — the file looks cut short');
  });

  it('refuses more rows than the bound without building them all', () => {
    const many = 'a\n'.repeat(maxLoadTestRows + 2);
    expect(refusal(() => csvRows(many, 'huge.jtl')).en).toMatch(/^huge\.jtl: more than 1,000,000 rows/);
  });
});

describe('Locust CSV', () => {
  const history = { name: 'fastapi_stats_history.csv', text: text('fastapi_stats_history.csv') };
  const stats = { name: 'fastapi_stats.csv', text: text('fastapi_stats.csv') };

  it('takes per-endpoint totals and percentiles from _stats.csv and time from the history', () => {
    const m = parseLocust(history, stats);
    expect(m.tool).toBe('locust');
    expect(m.duration).toBe(120);
    expect(m.endpoints.map((e) => e.name)).toEqual(['/items/{id}', '/orders']);
    expect(m.total.requests).toBe(m.endpoints.reduce((a, e) => a + e.requests, 0));
    const orders = m.endpoints[1]!;
    expect(orders.p95!).toBeGreaterThan(orders.p50!);
    expect(orders.mean!).toBeGreaterThan(0.05);
    expect(m.windows.length).toBe(60);
    expect(m.windows.reduce((a, w) => a + w.requests, 0)).toBe(m.total.requests);
    // The users ramp from 4 to 40 over the first 30 s.
    expect(m.windows[0]!.users).toBeLessThan(10);
    expect(m.windows.at(-1)!.users).toBe(40);
    // Window means from the running average agree with the whole test's.
    const weighted = m.windows.reduce((a, w) => a + (w.mean ?? 0) * w.requests, 0) / m.total.requests;
    expect(weighted).toBeCloseTo(m.total.mean!, 4);
  });

  it('finds _stats.csv beside the history by Locust\'s naming', () => {
    expect(locustStatsName('out/run_stats_history.csv')).toBe('out/run_stats.csv');
    expect(locustStatsName('out/history.csv')).toBeNull();
  });

  it('without _stats.csv, uses the last row per endpoint of a --csv-full-history file', () => {
    const lines = history.text.trim().split('\n');
    const extra = lines.slice(1).map((l) => l.replace(',,Aggregated,', ',GET,/items/{id},'));
    const m = parseLocust({ name: 'full_stats_history.csv', text: [...lines, ...extra].join('\n') }, null);
    expect(m.endpoints).toHaveLength(1);
    expect(m.endpoints[0]!.requests).toBe(m.total.requests);
    expect(m.endpoints[0]!.p95).toBeNull();
  });

  it('refuses another file, counts that go back and wrong columns, naming the line', () => {
    expect(refusal(() => parseLocust({ name: 'x.csv', text: text('fastapi-results.jtl').slice(0, 2000) }, null)).en).toMatch(/^x\.csv:1: not a Locust stats history/);
    const lines = history.text.trim().split('\n');
    const back = [...lines.slice(0, 5), lines[5]!.replace(/,Aggregated,(.*?),(\d+),(\d+),/, (all) => all), lines[2]!.replace(/^\d+/, String(1_765_100_050))];
    expect(refusal(() => parseLocust({ name: 'h.csv', text: back.join('\n') }, null)).en).toBe(
      'h.csv:7: "Total Request Count" is smaller than on the row before; the history must count up (were two runs written into one file?)',
    );
    const renamed = [lines[0]!.replace('Total Request Count', 'Requests'), ...lines.slice(1)].join('\n');
    expect(refusal(() => parseLocust({ name: 'r.csv', text: renamed }, null)).en).toMatch(/^r\.csv:1: no column "Total Request Count"/);
    const noAgg = [lines[0], ...lines.slice(1).map((l) => l.replace('Aggregated', 'GET /a'))].join('\n');
    expect(refusal(() => parseLocust({ name: 'a.csv', text: noAgg }, null)).en).toContain('no "Aggregated" rows');
    expect(refusal(() => parseLocust(history, { name: 's.csv', text: 'Type,Name\nGET,/a\n' })).en).toMatch(/^s\.csv:1: not a Locust stats file/);
  });
});

describe('k6 summary', () => {
  it('reads the totals and the name-tagged sub-metrics of --summary-export', () => {
    const m = parseK6(text('fastapi-k6-summary.json'), 'summary.json');
    expect(m.duration).toBe(120);
    expect(m.windows).toEqual([]);
    expect(m.endpoints.map((e) => e.name).sort()).toEqual(['GET /items/{id}', 'POST /orders']);
    expect(m.endpoints.reduce((a, e) => a + e.requests, 0)).toBe(m.total.requests);
    expect(m.total.p99!).toBeGreaterThan(m.total.p95!);
  });

  it('reads handleSummary data (figures under values) the same way', () => {
    const doc = JSON.parse(text('fastapi-k6-summary.json')) as { metrics: Record<string, Record<string, unknown>> };
    const wrapped = { ...doc, metrics: Object.fromEntries(Object.entries(doc.metrics).map(([k, v]) => [k, { type: 'trend', contains: 'time', values: v }])) };
    const a = parseK6(text('fastapi-k6-summary.json'), 'a.json');
    const b = parseK6(JSON.stringify(wrapped), 'b.json');
    expect({ ...b, file: 'a.json' }).toEqual(a);
  });

  it('refuses truncated JSON, another JSON and a summary without http_reqs', () => {
    const cut = text('fastapi-k6-summary.json').slice(0, 500);
    const r = refusal(() => parseK6(cut, 'cut.json'));
    expect(r.en).toMatch(/^cut\.json:\d+: not valid JSON — the file looks cut short/);
    expect(refusal(() => parseK6('{"resourceSpans":[]}', 'otlp.json')).en).toMatch(/^otlp\.json: not a k6 summary/);
    expect(refusal(() => parseK6('{"metrics":{"vus":{"value":1}}}', 'v.json')).en).toBe('v.json: metrics["http_reqs"] has no count');
  });
});
