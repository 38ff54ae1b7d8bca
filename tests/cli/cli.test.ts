/**
 * The command line's contract (shared/spec/cli-and-results.md): exit codes 0/1/2/3,
 * problems reported with their JSON path, `validate`, `--set`, `--json PATH` written
 * atomically, a self-contained `--report`, and no progress output when standard error
 * is not a terminal.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build, edge, exponential, poissonSource, service } from '../helpers/build';
import { headroom, scratch } from '../helpers/cli';

const tmp = scratch();
afterAll(() => tmp.remove());

const model = build({
  name: 'CLI test',
  nodes: [poissonSource('users', 50), service('svc', exponential(0.01), { workers: 1 })],
  edges: [edge('users', 'svc')],
  run: { duration: 30, warmup: 2, replications: 2, seed: 3 },
  slo: { p99: 1 },
});
const good = tmp.file('good.headroom.json', model);
const invalid = tmp.file('invalid.headroom.json', { ...model, nodes: [model.nodes[0], { ...model.nodes[1], workers: 0 }] });

interface Doc {
  summary: { sloMet: boolean; throughput: number; latency: { p99: number } };
  nodes: Record<string, { workers: number | null; utilization: number }>;
}

describe('exit codes', () => {
  it('0 for a run that went fine, with the summary on standard output', () => {
    const p = headroom(['run', good]);
    expect(p.status).toBe(0);
    expect(p.stdout).toMatch(/^CLI test/);
    expect(p.stdout).toMatch(/Throughput/);
    expect(p.stdout).toMatch(/svc/);
  });

  it('1 for an invalid file, naming the JSON path of the problem', () => {
    const p = headroom(['run', invalid, '--json', '-']);
    expect(p.status).toBe(1);
    expect(p.stderr).toContain('nodes[1].workers');
    expect(p.stdout).toBe('');
  });

  it('1 for a file that is not JSON or does not exist', () => {
    const p = headroom(['run', tmp.file('broken.headroom.json', '{"format": ')]);
    expect(p.status).toBe(1);
    expect(p.stderr).toMatch(/not valid JSON/);
    const q = headroom(['run', join(tmp.dir, 'nowhere.headroom.json')]);
    expect(q.status).toBe(1);
    expect(q.stderr).toMatch(/no such file/);
  });

  it('1 when --set makes the scenario invalid', () => {
    const p = headroom(['run', good, '--set', 'nodes.svc.workers=0']);
    expect(p.status).toBe(1);
    expect(p.stderr).toContain('workers');
  });

  it('2 for an unknown option, a bad value or a missing file argument', () => {
    for (const args of [['run', good, '--frobnicate'], ['run', good, '--threads', 'x'], ['run'], ['explode']]) {
      const p = headroom(args);
      expect(p.status, args.join(' ')).toBe(2);
      expect(p.stderr, args.join(' ')).toMatch(/usage/);
    }
  });

  it('3 under --check when the SLO is missed; 0 under --check when it is met', () => {
    const missed = headroom(['run', good, '--check', '--set', 'slo.p99=0.000001']);
    expect(missed.status).toBe(3);
    const met = headroom(['run', good, '--check']);
    expect(met.status).toBe(0);
  });
});

describe('validate', () => {
  it('prints "valid" per good file and every problem with its path; exit 1 if any is invalid', () => {
    const ok = headroom(['validate', good]);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe(`${good}: valid\n`);
    const mixed = headroom(['validate', good, invalid]);
    expect(mixed.status).toBe(1);
    expect(mixed.stdout).toContain(`${good}: valid`);
    expect(mixed.stdout).toMatch(new RegExp(`${invalid.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: nodes\\[1\\]\\.workers: `));
  });
});

describe('run with a timeline of events', () => {
  const timeline = tmp.file('timeline.headroom.json', {
    ...model,
    nodes: [model.nodes[0], { ...model.nodes[1], label: 'Checkout', replicas: 2, workers: 2 }],
    events: [{ at: 10, node: 'svc', action: 'restart', replica: 1, down: 3 }],
  });

  it('prints each event with its time, and the document keeps its events', () => {
    const p = headroom(['run', timeline, '--json', '-']);
    expect(p.status).toBe(0);
    const doc = JSON.parse(p.stdout) as { events: { at: number; node: string; action: string; end: number | null }[] };
    expect(doc.events.map((e) => [e.at, e.node, e.action, e.end])).toEqual([[10, 'svc', 'restart', 13]]);
    expect(p.stderr).toMatch(/^ {2}Event {7}10 s {2}restart #1 of svc: ended 13 s, recovered (?:[\d.]+ s|not within the run); worst errors [\d.]+%, p99 \S+ \S+$/m);
  });

  it('prints them in Chinese with --lang zh-CN, the node by its label', () => {
    const p = headroom(['run', timeline, '--lang', 'zh-CN']);
    expect(p.status).toBe(0);
    expect(p.stdout).toMatch(/^ {2}事件 +10 秒 {2}Checkout 的重启 #1：结束于 13 秒，恢复于 /m);
  });

  it('prints no event row without a timeline', () => {
    expect(headroom(['run', good]).stdout).not.toMatch(/^ {2}Event /m);
  });
});

describe('run options', () => {
  it('--json - writes the document to standard output and the summary to standard error', () => {
    const p = headroom(['run', good, '--json', '-']);
    expect(p.status).toBe(0);
    const doc = JSON.parse(p.stdout) as Doc & { format: string };
    expect(doc.format).toBe('headroom/result');
    expect(p.stderr).toMatch(/Throughput/);
  });

  it('--set overrides a field: two workers halve the utilization', () => {
    const one = JSON.parse(headroom(['run', good, '--json', '-']).stdout) as Doc;
    const two = JSON.parse(headroom(['run', good, '--json', '-', '--set', 'nodes.svc.workers=2']).stdout) as Doc;
    expect(one.nodes.svc!.workers).toBe(1);
    expect(two.nodes.svc!.workers).toBe(2);
    // Same arrivals and work (same seed and streams), twice the capacity.
    expect(two.nodes.svc!.utilization).toBeCloseTo(one.nodes.svc!.utilization / 2, 2);
  });

  it('--json PATH writes valid JSON through a temporary file, leaving none behind', () => {
    const out = join(tmp.dir, 'result.json');
    const p = headroom(['run', good, '--json', out]);
    expect(p.status).toBe(0);
    const doc = JSON.parse(readFileSync(out, 'utf8')) as Doc;
    expect(doc.summary.throughput).toBeGreaterThan(0);
    expect(p.stdout).toMatch(/Throughput/);
    expect(readdirSync(tmp.dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('--report PATH writes a self-contained HTML report', () => {
    const out = join(tmp.dir, 'report.html');
    const p = headroom(['run', good, '--report', out]);
    expect(p.status).toBe(0);
    expect(existsSync(out)).toBe(true);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('CLI test');
    // No external resource: nothing fetched by src or href, no script at all.
    expect(html.match(/\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\//gi) ?? []).toEqual([]);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link[^>]+stylesheet/i);
    expect(readdirSync(tmp.dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('--replications, --duration and --warmup override the run settings', () => {
    const p = headroom(['run', good, '--json', '-', '--replications', '3', '--duration', '10', '--warmup', '0']);
    const doc = JSON.parse(p.stdout) as { run: { replications: number; duration: number; warmup: number } };
    expect(doc.run).toMatchObject({ replications: 3, duration: 10, warmup: 0 });
  });

  it('writes no progress when standard error is not a terminal', () => {
    const p = headroom(['run', good, '--json', '-']);
    expect(p.stderr).not.toContain('\r');
    expect(p.stderr).not.toMatch(/\[#*\.*\]/);
    expect(p.stderr).not.toContain('\x1b[');
  });
});
