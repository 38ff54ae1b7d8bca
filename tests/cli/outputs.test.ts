/**
 * The CLI's output paths: an unwritable `--json`, `--report` or `--csv` is refused
 * before anything is simulated (exit 1, a message naming the option and the path, no
 * stack trace), and a good one is written whole with no temp file beside it.
 */
import { chmodSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build, edge, exponential, poissonSource, service } from '../helpers/build';
import { headroom, scratch } from '../helpers/cli';

const tmp = scratch();
afterAll(() => {
  chmodSync(join(tmp.dir, 'locked'), 0o755);
  tmp.remove();
});

// Long enough that refusing after the run would show in the wall time.
const model = build({
  name: 'Outputs test',
  nodes: [poissonSource('users', 200), service('svc', exponential(0.004), { workers: 1 })],
  edges: [edge('users', 'svc')],
  run: { duration: 20_000, warmup: 2, replications: 2, seed: 5 },
});
const good = tmp.file('good.headroom.json', model);
const quick = tmp.file('quick.headroom.json', { ...model, run: { ...model.run, duration: 20 } });
const locked = join(tmp.dir, 'locked');
mkdirSync(locked);
chmodSync(locked, 0o555);

describe('unwritable output paths are refused before the run', () => {
  it.each([
    ['run', '--json', join(tmp.dir, 'missing', 'out.json'), 'does not exist'],
    ['run', '--report', join(tmp.dir, 'missing', 'out.html'), 'does not exist'],
    ['run', '--json', join(locked, 'out.json'), 'is read-only'],
    ['sweep', '--csv', join(locked, 'points.csv'), 'is read-only'],
    ['sweep', '--json', tmp.dir, 'it is a folder'],
  ])('%s %s %s', (command, option, path, why) => {
    const started = Date.now();
    const args = command === 'sweep' ? ['sweep', good, '--vary', 'nodes.svc.workers=1,2', option, path] : ['run', good, option, path];
    const p = headroom(args);
    expect(p.status).toBe(1);
    expect(p.stderr).toContain(`${option} ${path}`);
    expect(p.stderr).toContain(why);
    expect(p.stderr).toContain('nothing was run');
    expect(p.stderr).not.toMatch(/\n\s+at /);
    expect(p.stdout).toBe('');
    // 2 × 20,000 simulated seconds at 200/s take far longer than starting the CLI.
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(readdirSync(locked)).toEqual([]);
  });
});

describe('every command that writes a file refuses an unwritable one before it starts', () => {
  const missing = (name: string) => join(tmp.dir, 'missing', name);
  it.each([
    ['plan', ['plan', good, '--load', '100'], '--json', missing('p.json')],
    ['compare', ['compare', good, '--with', 'nodes.svc.workers=2'], '--json', missing('c.json')],
    ['resilience', ['resilience', good, '--spike', '2', '--at', '5', '--for', '5', '--within', '10'], '--json', missing('r.json')],
    ['metastability', ['metastability', good, '--trigger', 'spike', '--size', '1.1..1.5', '--for', '5..10'], '--report', missing('m.html')],
    ['merge', ['merge', good], '--json', missing('m.json')],
    ['fit', ['fit', 'tests/fixtures/loadtests/two-nodes.headroom.json', '--locust', 'tests/fixtures/loadtests/two-nodes_stats_history.csv'], '--report', missing('f.html')],
    ['import traces', ['import', 'traces', 'tests/fixtures/traces/celery.jaeger.json'], '--out', missing('t.json')],
    ['import k8s', ['import', 'k8s', 'tests/fixtures/k8s/fastapi-stack.yaml', '--into', good], '--out', missing('k.json')],
  ])('%s %s', (_, args, option, path) => {
    const p = headroom([...args, option, path]);
    expect(p.status, p.stderr).toBe(1);
    expect(p.stderr).toContain(`${option} ${path}`);
    expect(p.stderr).toContain('does not exist (nothing was run)');
    expect(p.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('outputs are written whole', () => {
  it('run --json and --report, sweep --csv: complete files and no temp files', () => {
    const out = join(tmp.dir, 'out');
    mkdirSync(out);
    const run = headroom(['run', quick, '--json', join(out, 'r.json'), '--report', join(out, 'r.html'), '--no-timing']);
    expect(run.status).toBe(0);
    const sweep = headroom(['sweep', quick, '--vary', 'nodes.svc.workers=1,2', '--csv', join(out, 'p.csv'), '--no-timing']);
    expect(sweep.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['p.csv', 'r.html', 'r.json']);
    expect(JSON.parse(readFileSync(join(out, 'r.json'), 'utf8')).summary.throughput).toBeGreaterThan(0);
    expect(readFileSync(join(out, 'r.html'), 'utf8').trimEnd()).toMatch(/<\/html>$/);
    expect(readFileSync(join(out, 'p.csv'), 'utf8').trim().split('\n')).toHaveLength(3);
  });
});
