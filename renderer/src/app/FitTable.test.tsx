/**
 * The app's load-test table carries each figure's interval, as `headroom fit` prints it:
 * measured ± its batch-means half-width (none from a k6 summary), simulated ± its
 * half-width over the replications, the bounds in the cell's title, in both languages.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { type TFunction } from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../i18n/en.json';
import zhCN from '../i18n/zh-CN.json';
import { formatDuration, formatNumber } from '../i18n/format';
import type { Scenario } from '../../../simulation/model/schema';
import { parseScenario } from '../../../simulation/model/validate';
import { runReplicationsInProcess } from '../../../simulation/runner/runScenario';
import type { FitDocument } from '../../../simulation/fit/fit';
import { fitLoadTest, fitTableRows, readLoadTest } from '../model/importLoadTest';
import { FitTable } from './FitTable';

const root = join(import.meta.dirname, '..', '..', '..');
const fixture = (name: string) => ({ name, text: readFileSync(join(root, 'tests/fixtures/loadtests', name), 'utf8') });
const parsed = parseScenario(JSON.parse(readFileSync(join(root, 'assets/examples/fastapi-stack.headroom.json'), 'utf8')));
if (!parsed.ok) throw new Error('the example does not validate');
const model: Scenario = parsed.scenario;

async function fit(files: string[], map: Record<string, string>): Promise<FitDocument> {
  const read = readLoadTest(files.map(fixture), 'en');
  if (!read.ok) throw new Error(read.error);
  const out = await fitLoadTest(model, read.measurement, { map, calibrate: [] }, async (s) => runReplicationsInProcess(s), 'en');
  if (!out.ok) throw new Error(out.error);
  return out.document;
}

const translations: Record<string, TFunction> = {};
let locust: FitDocument;
let k6: FitDocument;

beforeAll(async () => {
  const instance = i18next.createInstance();
  await instance.init({ resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } }, lng: 'en', interpolation: { escapeValue: false } });
  translations.en = instance.getFixedT('en');
  translations['zh-CN'] = instance.getFixedT('zh-CN');
  locust = await fit(['fastapi_stats_history.csv', 'fastapi_stats.csv'], { '/items/{id}': 'read', '/orders': 'write' });
  k6 = await fit(['fastapi-k6-summary.json'], { 'GET /items/{id}': 'read', 'POST /orders': 'write' });
});

const render = (d: FitDocument, lang: 'en' | 'zh-CN') => renderToStaticMarkup(<FitTable comparison={d.fit} confidence={d.confidence} test={d.test} t={translations[lang]!} lang={lang} />);
/** The cells of one row, tags taken off. */
function cells(html: string, testId: string): string[] {
  const row = new RegExp(`<tr[^>]*data-testid="${testId.replace(/[{}]/g, '\\$&')}"[^>]*>(.*?)</tr>`).exec(html)?.[1];
  if (!row) throw new Error(`no row ${testId}`);
  return [...row.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));
}
const titleOf = (html: string, testId: string, cell: string) => new RegExp(`data-testid="${testId}".*?data-testid="${cell}" title="([^"]*)"`).exec(html)?.[1];

describe('fitTableRows: the intervals', () => {
  it('carries the document’s measured and simulated intervals and their half-widths', () => {
    const rows = fitTableRows(locust.fit);
    const mean = rows.find((r) => r.cls === null && r.metric === 'mean')!;
    const doc = locust.fit.overall.rows.find((r) => r.metric === 'mean')!;
    expect(mean.measuredCi).toEqual(doc.measuredCi);
    expect(mean.measuredHalf!).toBeCloseTo((doc.measuredCi![1] - doc.measuredCi![0]) / 2, 12);
    expect(mean.measuredHalf!).toBeGreaterThan(0);
    expect(mean.ci).toEqual(doc.ci);
    expect(mean.simulatedHalf).toBeCloseTo((doc.ci[1] - doc.ci[0]) / 2, 12);
    expect(mean.simulatedHalf).toBeGreaterThan(0);
    // This history has no rows per endpoint: the classes have no measured interval, their simulated one they have.
    const read = rows.find((r) => r.cls === 'read' && r.metric === 'p95')!;
    expect(read.measuredHalf).toBeNull();
    expect(read.simulatedHalf).toBeGreaterThan(0);
    // A k6 summary has no time: no measured interval anywhere.
    expect(fitTableRows(k6.fit).every((r) => r.measuredHalf === null && r.simulatedHalf >= 0)).toBe(true);
  });
});

describe('FitTable', () => {
  it('shows measured ± and simulated ± per figure, with the bounds in the title, and where the intervals come from', () => {
    const html = render(locust, 'en');
    expect(html).toContain('<th data-testid="fit-head-measured-interval">95% interval</th>');
    expect(html).toContain('<th data-testid="fit-head-simulated-interval">95% interval</th>');
    const row = fitTableRows(locust.fit).find((r) => r.cls === null && r.metric === 'mean')!;
    const [cls, figure, measured, measuredPm, simulated, simulatedPm, difference] = cells(html, 'fit-row-overall-mean');
    expect(cls).toBe('');
    expect(figure).toBe('Mean');
    expect(measured).toBe(formatDuration(row.measured!, 'en'));
    // Each ± in its figure's unit: these are tens of milliseconds.
    expect(measuredPm).toBe(`± ${formatNumber(row.measuredHalf! * 1000, 'en')} ms`);
    expect(simulated).toBe(formatDuration(row.simulated, 'en'));
    expect(simulatedPm).toBe(`± ${formatNumber(row.simulatedHalf * 1000, 'en')} ms`);
    expect(difference).toMatch(/^-\d+(\.\d)?% ✗$/);
    expect(titleOf(html, 'fit-row-overall-mean', 'fit-measured-interval')).toBe(`[${formatDuration(row.measuredCi![0], 'en')}, ${formatDuration(row.measuredCi![1], 'en')}]`);
    expect(titleOf(html, 'fit-row-overall-mean', 'fit-simulated-interval')).toBe(`[${formatDuration(row.ci[0], 'en')}, ${formatDuration(row.ci[1], 'en')}]`);
    // Throughput ± in requests per second; a class without a measured interval shows a dash.
    expect(cells(html, 'fit-row-overall-throughput')[3]).toMatch(/^± [\d.]+\/s$/);
    expect(cells(html, 'fit-row-read-mean')[3]).toBe('—');
    expect(cells(html, 'fit-row-read-mean')[5]).toMatch(/^± [\d.]+ ms$/);
    expect(html).toContain('Measured intervals: batch means over 12 stretches of 10 s of the test');
    expect(html).toContain('The classes have no measured interval');
    expect((html.match(/<tr /g) ?? []).length).toBe(18);
  });

  it('says why a k6 summary has no measured interval, and speaks Chinese', () => {
    const html = render(k6, 'en');
    expect(html).toContain('A k6 summary has only whole-test aggregates');
    expect(cells(html, 'fit-row-overall-mean')[3]).toBe('—');
    const zh = render(locust, 'zh-CN');
    expect(zh).toContain('<th data-testid="fit-head-measured-interval">95% 置信区间</th>');
    expect(zh).toContain('实测区间：把测试分成 12 段');
    expect(cells(zh, 'fit-row-overall-mean')[1]).toBe('均值');
    expect(cells(zh, 'fit-row-overall-mean')[3]).toMatch(/^± [\d.]+ ms$/);
    expect(zh).not.toContain('Measured');
  });
});
