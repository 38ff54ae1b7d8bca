/**
 * `headroom fit` from the command line on the bundled load-test fixtures: the report,
 * `--json`, `--calibrate` with `--out`, the Chinese report, and the exit codes of bad
 * input (1, naming file and line) and of a wrong command line (2).
 */
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FitDocument } from '../../simulation/fit/fit';
import { headroom, projectRoot, scratch } from '../helpers/cli';
import { englishWords } from '../helpers/english';

const tmp = scratch();
afterAll(() => tmp.remove());

const scenario = 'assets/examples/fastapi-stack.headroom.json';
const fixtures = 'tests/fixtures/loadtests';
const map = ['--map', 'GET /items/{id}=read', '--map', 'POST /orders=write'];

describe('headroom fit', () => {
  it('prints the comparison and writes the fit document with --json -', () => {
    const r = headroom(['fit', scenario, '--jmeter', `${fixtures}/fastapi-results.jtl`, ...map, '--json', '-']);
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as FitDocument;
    expect(doc.format).toBe('headroom/fit');
    expect(doc.test.tool).toBe('jmeter');
    expect(doc.mapping.map((m) => m.cls)).toEqual(['read', 'write']);
    expect(doc.fit.classes.map((c) => c.cls)).toEqual(['read', 'write']);
    // 60 windows of 1 s, merged into 12 stretches of 5 (simulation/fit/overTime.ts).
    expect(doc.fit.overTime).toHaveLength(12);
    expect(doc.test.windows).toBe(60);
    // The fixture's API works 1.5 times longer than the file says.
    expect(doc.fit.verdict.kind).toBe('differs');
    expect(doc.calibration).toBeNull();
    expect(r.stderr).toMatch(/^FastAPI stack — fit to the JMeter test tests\/fixtures\/loadtests\/fastapi-results\.jtl \(60 s, [\d,]+ requests, 0 failed\)/);
    expect(r.stderr).toContain('Verdict: the model reproduces the test only within');
  });

  it('calibrates api from the Locust fixture to about 1.5 and writes the calibrated scenario', () => {
    const out = join(tmp.dir, 'calibrated.headroom.json');
    const json = join(tmp.dir, 'fit.json');
    const r = headroom(['fit', scenario, '--locust', `${fixtures}/fastapi_stats_history.csv`, '--map', '/items/{id}=read', '--map', '/orders=write', '--calibrate', 'api', '--out', out, '--json', json]);
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(readFileSync(json, 'utf8')) as FitDocument;
    const factor = doc.calibration!.factors.api!;
    expect(factor).toBeGreaterThan(1.4);
    expect(factor).toBeLessThan(1.6);
    expect(doc.calibration!.after.verdict.kind).toBe('reproduces');
    expect(r.stdout).toContain(`Calibration: api work × ${factor.toFixed(3)}`);
    expect(r.stdout).toContain(`Wrote the calibrated scenario to ${out}.`);
    const validated = headroom(['validate', out]);
    expect(validated.status, validated.stdout).toBe(0);
    const calibrated = JSON.parse(readFileSync(out, 'utf8')) as { nodes: { id: string; work?: { byClass: { read: { mean: number } } } }[] };
    expect(calibrated.nodes.find((n) => n.id === 'api')!.work!.byClass.read.mean).toBeCloseTo(0.03 * factor, 9);
  });

  it('calibrates two nodes with a factor each (the fixture: api × 1.5, db × 0.8) and writes both', () => {
    const out = join(tmp.dir, 'two.headroom.json');
    const json = join(tmp.dir, 'two.json');
    const r = headroom(['fit', `${fixtures}/two-nodes.headroom.json`, '--locust', `${fixtures}/two-nodes_stats_history.csv`, '--map', '/browse=browse', '--map', '/report=report', '--calibrate', 'api', '--calibrate', 'db', '--out', out, '--json', json]);
    expect(r.status, r.stderr).toBe(0);
    const c = (JSON.parse(readFileSync(json, 'utf8')) as FitDocument).calibration!;
    expect(c.method).toBe('perNode');
    expect(Math.abs(c.factors.api! / 1.5 - 1)).toBeLessThan(0.1);
    expect(Math.abs(c.factors.db! / 0.8 - 1)).toBeLessThan(0.1);
    expect(r.stdout).toContain(`api × ${c.factors.api!.toFixed(3)}, db × ${c.factors.db!.toFixed(3)}`);
    const written = JSON.parse(readFileSync(out, 'utf8')) as { nodes: { id: string; work?: { byClass: { browse: { mean: number } } }; latency?: { byClass: { report: { mean: number } } } }[] };
    expect(written.nodes.find((n) => n.id === 'api')!.work!.byClass.browse.mean).toBeCloseTo(0.02 * c.factors.api!, 9);
    expect(written.nodes.find((n) => n.id === 'db')!.latency!.byClass.report.mean).toBeCloseTo(0.02 * c.factors.db!, 9);
  });

  it('takes the nodes of --calibrate as api,db, as --calibrate api --calibrate db, and as --calibrate api db before or after the file', () => {
    const test = ['--locust', `${fixtures}/two-nodes_stats_history.csv`, '--map', '/browse=browse', '--map', '/report=report', '--replications', '2', '--json', '-'];
    const file = `${fixtures}/two-nodes.headroom.json`;
    const forms = [
      ['fit', file, ...test, '--calibrate', 'api,db'],
      ['fit', file, ...test, '--calibrate', 'api', '--calibrate', 'db'],
      ['fit', file, '--calibrate', 'api', 'db', ...test],
      ['fit', '--calibrate', 'api', 'db', file, ...test],
    ];
    const calibrations = forms.map((args) => {
      const r = headroom(args);
      expect(r.status, `${args.join(' ')}\n${r.stderr}`).toBe(0);
      return (JSON.parse(r.stdout) as FitDocument).calibration!;
    });
    expect(calibrations[0]!.nodes).toEqual(['api', 'db']);
    expect(calibrations[0]!.method).toBe('perNode');
    // The same nodes, the same seed: the same factors to the last digit, whichever way they were typed.
    for (const c of calibrations.slice(1)) expect(c.factors).toEqual(calibrations[0]!.factors);
  });

  it('refuses a --calibrate it cannot read with exit 2, naming the flag and the value', () => {
    const test = ['--k6', `${fixtures}/fastapi-k6-summary.json`, ...map];
    const noFile = headroom(['fit', ...test, '--calibrate', 'api', 'shop']);
    expect(noFile.status).toBe(2);
    expect(noFile.stderr).toContain('--calibrate api shop: no scenario file is left');
    expect(noFile.stderr).toContain('"shop" too; put the scenario file before --calibrate');
    const second = headroom(['fit', scenario, ...test, '--calibrate', 'api', 'other.json']);
    expect(second.status).toBe(2);
    expect(second.stderr).toContain(`--calibrate api other.json: "other.json" is not a node id (letters, digits, - and _), and the scenario file is already ${scenario}`);
    const empty = headroom(['fit', scenario, ...test, '--calibrate', ',']);
    expect(empty.status).toBe(2);
    expect(empty.stderr).toContain('--calibrate "," names no node');
    const zh = headroom(['fit', ...test, '--calibrate', 'api', 'shop', '--lang', 'zh-CN']);
    expect(zh.stderr).toContain('--calibrate api shop：没有剩下场景文件');
    // A word that is an id but no node of the scenario: the scenario says so (exit 1).
    const unknown = headroom(['fit', scenario, ...test, '--calibrate', 'api', 'apii']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('--calibrate apii: the scenario has no node "apii"');
  });

  it('fits the k6 summary at its constant rate', () => {
    const r = headroom(['fit', scenario, '--k6', `${fixtures}/fastapi-k6-summary.json`, ...map, '--json', '-']);
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as FitDocument;
    expect(doc.replay.profilePoints).toBe(0);
    expect(doc.replay.rate).toBeGreaterThan(150);
    expect(doc.fit.overTime).toEqual([]);
  });

  it('reports in Chinese with --lang zh-CN, with no English sentence left', () => {
    const r = headroom(['fit', scenario, '--jmeter', `${fixtures}/fastapi-results.jtl`, ...map, '--calibrate', 'api', '--lang', 'zh-CN']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('结论：模型在');
    expect(r.stdout).toContain('校准：api 的工作时间 ×');
    const body = r.stdout.replace(/[^\s（）：，；]*\/[^\s（）：，；]*/g, ' ');
    expect(englishWords(body, ['FastAPI stack', 'JMeter', 'clients', 'api', 'read', 'write', 'GET', 'POST', '--map', 'ms', 'p50', 'p95', 'p99'])).toEqual([]);
  });

  it('refuses bad input with exit 1, naming the file and the line', () => {
    const lines = readFileSync(join(projectRoot, fixtures, 'fastapi-results.jtl'), 'utf8').split('\n');
    const cut = tmp.file('cut.jtl', `${lines.slice(0, 10).join('\n')}\n${lines[10]!.slice(0, 25)}`);
    const r = headroom(['fit', scenario, '--jmeter', cut, ...map]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^headroom fit: ${cut.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:11: the line has only \\d+ fields`));
    const zh = headroom(['fit', scenario, '--jmeter', cut, ...map, '--lang', 'zh-CN']);
    expect(zh.status).toBe(1);
    expect(zh.stderr).toContain(':11：这一行只有');
    const notLocust = headroom(['fit', scenario, '--locust', `${fixtures}/fastapi-results.jtl`]);
    expect(notLocust.status).toBe(1);
    expect(notLocust.stderr).toContain('fastapi-results.jtl:1: not a Locust stats history');
    const missing = headroom(['fit', scenario, '--k6', join(tmp.dir, 'none.json')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('none.json: no such file');
    const unmapped = headroom(['fit', scenario, '--jmeter', `${fixtures}/fastapi-results.jtl`]);
    expect(unmapped.status).toBe(1);
    expect(unmapped.stderr).toContain('no endpoint of the test is a class of the scenario');
    // A sparse file of 300 MB: refused by its size before anything is read.
    const huge = join(tmp.dir, 'huge.jtl');
    writeFileSync(huge, '');
    truncateSync(huge, 300 * 1024 * 1024);
    const big = headroom(['fit', scenario, '--jmeter', huge, ...map]);
    expect(big.status).toBe(1);
    expect(big.stderr).toContain('huge.jtl: 315 MB is more than the 256 MB a load-test file may have');
  });

  it('refuses a wrong command line with exit 2', () => {
    expect(headroom(['fit', scenario]).status).toBe(2);
    expect(headroom(['fit', scenario, '--k6', 'a.json', '--jmeter', 'b.jtl']).stderr).toContain('fit takes one scenario file and exactly one of');
    expect(headroom(['fit', scenario, '--k6', 'a.json', '--out', 'x.json']).stderr).toContain('--out writes the calibrated scenario: it needs --calibrate NODE');
    expect(headroom(['fit', scenario, '--k6', 'a.json', '--replay', 'users']).stderr).toContain('--replay: expected open or closed, got "users"');
    expect(headroom(['fit', scenario, '--k6', 'a.json', '--map', 'nothing']).status).toBe(2);
  });
});
