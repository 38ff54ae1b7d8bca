/**
 * `headroom fit --report PATH`: the fit as a self-contained HTML page with the curves
 * over the test (measured, simulated and its band), the per-endpoint table and the
 * verdict, in English and Chinese, written whole; and the figures over time in the fit
 * document, each stretch with its intervals.
 */
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FitDocument } from '../../simulation/fit/fit';
import { headroom, scratch } from '../helpers/cli';

const tmp = scratch();
afterAll(() => tmp.remove());

const scenario = 'assets/examples/fastapi-stack.headroom.json';
const locust = ['--locust', 'tests/fixtures/loadtests/fastapi_stats_history.csv', '--map', '/items/{id}=read', '--map', '/orders=write'];

describe('headroom fit --report', () => {
  it('writes the curves with their band, the table and the verdict, and the same figures as --json', () => {
    const out = join(tmp.dir, 'en');
    mkdirSync(out);
    const r = headroom(['fit', scenario, ...locust, '--report', join(out, 'fit.html'), '--json', join(out, 'fit.json')]);
    expect(r.status, r.stderr).toBe(0);
    // Written whole: the two files and no temp file beside them.
    expect(readdirSync(out).sort()).toEqual(['fit.html', 'fit.json']);
    const html = readFileSync(join(out, 'fit.html'), 'utf8');
    const doc = JSON.parse(readFileSync(join(out, 'fit.json'), 'utf8')) as FitDocument;
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html.trimEnd()).toMatch(/<\/html>$/);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    // The verdict as printed, and the printed report in full.
    const verdict = r.stdout.split('\n').find((l) => l.startsWith('Verdict: '))!;
    expect(html).toContain(verdict.replace(/'/g, '&#39;'));
    expect(html).toContain('<pre>FastAPI stack — fit to the Locust test');
    // Throughput and p95 over the test: a band and two curves each, a point per stretch.
    expect(html.match(/data-chart="/g)).toHaveLength(2);
    expect(html.match(/<path class="band"/g)).toHaveLength(2);
    const stretches = doc.fit.overTime.length;
    expect(stretches).toBe(12);
    expect(html.match(/<circle /g)).toHaveLength(2 * 2 * stretches);
    // The per-endpoint table: overall, read and write, six figures each, and the header row.
    const table = html.slice(html.indexOf('<table class="fit">'), html.indexOf('</table>', html.indexOf('<table class="fit">')));
    expect(table.match(/<tr>/g)).toHaveLength(1 + 18);
    expect(table).toContain('<td>read</td>');
    expect(table).toContain('<td>write</td>');
    // The stretches' rows, with the simulated throughput and its range as the document has them.
    const w = doc.fit.overTime[3]!.figures.throughput;
    expect(html).toContain(`${w.simulated.toFixed(1)}/s [${w.prediction[0].toFixed(1)}/s, ${w.prediction[1].toFixed(1)}/s]`);
  });

  it('is in Chinese with --lang zh-CN, with calibration and the curves after it', () => {
    const file = join(tmp.dir, 'zh.html');
    const r = headroom(['fit', scenario, ...locust, '--calibrate', 'api', '--report', file, '--lang', 'zh-CN']);
    expect(r.status, r.stderr).toBe(0);
    const html = readFileSync(file, 'utf8');
    expect(html).toMatch(/^<!doctype html>\n<html lang="zh-CN">/);
    expect(html).toContain('结论：模型只在');
    expect(html).toContain('校准之后');
    expect(html).toContain('api × 1.');
    expect(html).toContain('色带是模型对同样长度的一次测试的 99% 范围');
    // Before and after calibration: two sections of two charts.
    expect(html.match(/<path class="band"/g)).toHaveLength(4);
    expect(html).not.toContain('Verdict');
    expect(html).not.toContain('Throughput');
  });

  it('refuses --report - (standard output carries the summary) and an unwritable path before running', () => {
    const dash = headroom(['fit', scenario, ...locust, '--report', '-']);
    expect(dash.status).toBe(2);
    expect(dash.stderr).toContain('--report needs a file path');
    const missing = join(tmp.dir, 'missing', 'fit.html');
    const bad = headroom(['fit', scenario, ...locust, '--report', missing]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain(`--report ${missing}`);
    expect(bad.stdout).toBe('');
  });
});

describe('fit over time', () => {
  it('merges the 2 s windows of the Locust history into stretches with measured and simulated intervals', () => {
    const r = headroom(['fit', scenario, ...locust, '--json', '-']);
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as FitDocument;
    expect(doc.test.windows).toBe(60);
    const w = doc.fit.overTime;
    expect(w.map((x) => x.windows)).toEqual(Array(12).fill(5));
    expect(w[0]!.start).toBe(0);
    expect(w.at(-1)!.end).toBeCloseTo(doc.test.duration, 9);
    for (const x of w) {
      const tp = x.figures.throughput;
      // Measured: its batch-means interval over the stretch's five windows.
      expect(tp.measuredCi).not.toBeNull();
      expect(tp.batches).toBe(5);
      // Simulated: the mean inside its confidence interval, that inside the range for one test.
      expect(tp.ci[0]).toBeLessThanOrEqual(tp.simulated);
      expect(tp.prediction[0]).toBeLessThan(tp.ci[0]);
      expect(tp.prediction[1]).toBeGreaterThan(tp.ci[1]);
      expect(x.figures.p95.measured).not.toBeNull();
      expect(x.figures.p95.simulated).toBeGreaterThan(0);
      expect(x.figures.errorRate.simulated).toBe(0);
    }
    // The load is replayed right: throughput inside the range in most stretches. The API's
    // work is 1.5 times too short in the model, so p95 is below the measured one in all.
    expect(w.filter((x) => x.figures.throughput.inside).length).toBeGreaterThanOrEqual(10);
    expect(w.every((x) => x.figures.p95.simulated < x.figures.p95.measured!)).toBe(true);
    expect(r.stderr).toContain('Over time (12 stretches of 10 s, 5 of the file\'s windows each;');
    expect(r.stderr).toMatch(/Inside the model's noise over time: throughput in \d+ of 12, p95 in \d+ of 12/);
  });
});
