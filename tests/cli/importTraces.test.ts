/**
 * `headroom run --traces` and `headroom import traces` from the command line: the
 * files they write, the exit codes, and messages that name the file.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build, edge, exponential, poissonSource, service } from '../helpers/build';
import { headroom, projectRoot, scratch } from '../helpers/cli';

const tmp = scratch();
afterAll(() => tmp.remove());

const model = tmp.file(
  'shop.headroom.json',
  build({
    nodes: [poissonSource('users', 50), service('api', exponential(0.01), { workers: 16, cpus: 16 }), { id: 'db', kind: 'database', workers: 16, latency: exponential(0.005) }],
    edges: [edge('users', 'api'), edge('api', 'db', { calls: 2 })],
    run: { duration: 20, warmup: 2, replications: 2, seed: 9 },
  }),
);

describe('run --traces', () => {
  it('writes the requested number of traces, whole, and the same bytes for the same seed', () => {
    const out = join(tmp.dir, 'traces.json');
    const r = headroom(['run', model, '--traces', out, '--trace-requests', '40', '--threads', '1']);
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(readFileSync(out, 'utf8')) as { resourceSpans: { scopeSpans: { spans: { traceId: string }[] }[] }[] };
    const ids = new Set(doc.resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((s) => s.spans.map((sp) => sp.traceId))));
    expect(ids.size).toBe(40);
    expect(readdirSync(tmp.dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    const again = join(tmp.dir, 'traces2.json');
    expect(headroom(['run', model, '--traces', again, '--trace-requests', '40', '--threads', '1']).status).toBe(0);
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(out, 'utf8'));
  });

  it('refuses an unwritable --traces path before running, and --trace-requests alone', () => {
    const r = headroom(['run', model, '--traces', join(tmp.dir, 'missing', 't.json')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('--traces');
    expect(r.stderr).toContain('nothing was run');
    expect(headroom(['run', model, '--trace-requests', '5']).status).toBe(2);
  });
});

describe('import traces', () => {
  const fixture = join(projectRoot, 'tests/fixtures/traces/fastapi-sqlalchemy-redis.otlp.json');

  it('writes a valid scenario with --out and prints the report, in English or Chinese', () => {
    const out = join(tmp.dir, 'imported.headroom.json');
    const r = headroom(['import', 'traces', fixture, '--map', 'shop-api=api', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('To fill in');
    expect(r.stdout).toContain('api: replicas, workers, cpus');
    expect(headroom(['validate', out]).status).toBe(0);
    const zh = headroom(['import', 'traces', fixture, '--lang', 'zh-CN', '--out', out]);
    expect(zh.stdout).toContain('待填写');
  });

  it('without --out prints the scenario on stdout and the report on stderr', () => {
    const r = headroom(['import', 'traces', fixture]);
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as { format: string }).format).toBe('headroom/scenario');
    expect(r.stderr).toContain('Nodes');
  });

  it('exits 1 naming the file for a missing file, a non-trace file, cut-short JSON and a cycle of parent ids (and the span)', () => {
    const cut = tmp.file('cut.json', readFileSync(fixture, 'utf8').slice(0, 3000));
    const span = (id: string, parent: string) => ({ traceId: 't1', spanId: id, parentSpanId: parent, name: 'x', kind: 2, startTimeUnixNano: '1000', endTimeUnixNano: '2000' });
    const cycle = tmp.file('cycle.json', { resourceSpans: [{ scopeSpans: [{ spans: [span('r', ''), span('a', 'b'), span('b', 'a')] }] }] });
    for (const [file, why] of [
      [join(tmp.dir, 'nope.json'), 'no such file'],
      [model, 'not a trace file'],
      [cut, 'cut short'],
      [cycle, 'resourceSpans[0].scopeSpans[0].spans[1]: trace t1 has a cycle of parent ids'],
    ] as const) {
      const r = headroom(['import', 'traces', file]);
      expect(r.status, file).toBe(1);
      expect(r.stderr).toContain(file);
      expect(r.stderr).toContain(why);
      expect(r.stderr).not.toContain('    at ');
    }
    expect(existsSync(join(tmp.dir, 'out.json'))).toBe(false);
  });

  it('refuses 10^6 spans naming the file and the count, in bounded time and a heap of 120 MB', () => {
    // 75 MB of minimal spans: parsing them would build a million objects, past the heap given.
    const one = '{"traceId":"t","spanId":"s","startTimeUnixNano":"1","endTimeUnixNano":"2"}';
    const big = tmp.file('million.json', `{"resourceSpans":[{"scopeSpans":[{"spans":[${new Array<string>(1_000_000).fill(one).join(',')}]}]}]}`);
    const started = Date.now();
    const r = headroom(['import', 'traces', big], { nodeArgs: ['--max-old-space-size=120'] });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(r.stderr).not.toContain('heap out of memory');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${big}: more than 200,000 spans (at least 1,000,000)`);
  });

  it('--replicas, --workers and --cpus NODE=N fill capacity and take it off toFill; the rest stays to be filled', () => {
    const out = join(tmp.dir, 'filled.headroom.json');
    const r = headroom(['import', 'traces', fixture, '--map', 'shop-api=api', '--replicas', 'api=3', '--workers', 'api=8', '--cpus', 'api=2', '--workers', 'postgresql=50', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(readFileSync(out, 'utf8')) as { nodes: { id: string; replicas?: number; workers?: number; cpus?: number; toFill?: string[] }[] };
    const api = doc.nodes.find((n) => n.id === 'api')!;
    expect([api.replicas, api.workers, api.cpus, api.toFill]).toEqual([3, 8, 2, undefined]);
    expect(doc.nodes.find((n) => n.id === 'postgresql')).toMatchObject({ workers: 50, toFill: ['replicas'] });
    expect(r.stdout).toContain('Filled from flags:');
    expect(r.stdout).toContain('api: cpus 2 (--cpus api=2)');
    expect(r.stdout).toContain('postgresql: replicas');
    expect(r.stdout.slice(r.stdout.indexOf('To fill in'))).not.toMatch(/^ {2}api: /m);
    expect(headroom(['validate', out]).status).toBe(0);
  });

  it('--capacity QUEUE=N fills a queue and --workers NODE=unlimited leaves the field out; neither fits another field or kind', () => {
    const celery = join(projectRoot, 'tests/fixtures/traces/celery.jaeger.json');
    const out = join(tmp.dir, 'queue.headroom.json');
    const r = headroom(['import', 'traces', celery, '--map', 'signup-web=web', '--capacity', 'celery=5000', '--workers', 'web=unlimited', '--replicas', 'web=2', '--cpus', 'web=2', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(readFileSync(out, 'utf8')) as { nodes: { id: string; capacity?: number; workers?: number; toFill?: string[] }[] };
    expect(doc.nodes.find((n) => n.id === 'celery')).toMatchObject({ capacity: 5000 });
    expect(doc.nodes.find((n) => n.id === 'celery')!.toFill).toBeUndefined();
    const web = doc.nodes.find((n) => n.id === 'web')!;
    expect('workers' in web).toBe(false);
    expect(web.toFill).toBeUndefined();
    expect(r.stdout).toContain('web: workers unlimited (--workers web=unlimited)');
    expect(r.stdout).toContain('celery: capacity 5000 (--capacity celery=5000)');
    expect(headroom(['validate', out]).status).toBe(0);
    const wrongKind = headroom(['import', 'traces', celery, '--map', 'signup-web=web', '--capacity', 'web=5']);
    expect(wrongKind.status).toBe(2);
    expect(wrongKind.stderr).toContain('--capacity web=5: node "web" is a service, which has no "capacity"');
    const notWorkers = headroom(['import', 'traces', celery, '--cpus', 'celery-worker=unlimited']);
    expect(notWorkers.status).toBe(2);
    expect(notWorkers.stderr).toContain('--cpus: expected NODE=N (a node id and a whole number of at least 1), got');
  });

  it('exits 2, writing nothing, when the flags give a file the format refuses, and names the flag', () => {
    const out = join(tmp.dir, 'refused.headroom.json');
    // CPUs above the placeholder of 1 worker breaks cpusAboveWorkers: refused, not written.
    const r = headroom(['import', 'traces', fixture, '--map', 'shop-api=api', '--cpus', 'api=4', '--replicas', 'redis=2', '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--cpus api=4 gives a scenario the format refuses');
    expect(r.stderr).toContain('cpus');
    expect(r.stderr).not.toContain('--replicas redis=2 gives');
    expect(existsSync(out)).toBe(false);
    const zh = headroom(['import', 'traces', fixture, '--map', 'shop-api=api', '--cpus', 'api=4', '--lang', 'zh-CN']);
    expect(zh.status).toBe(2);
    expect(zh.stderr).toContain('--cpus api=4 得到的场景不符合格式');
    // With the workers beside it, the same CPUs are fine.
    expect(headroom(['import', 'traces', fixture, '--map', 'shop-api=api', '--cpus', 'api=4', '--workers', 'api=4', '--out', out]).status).toBe(0);
  });

  it('exits 2 for a capacity flag that names no node, a field the node lacks, or is not NODE=N', () => {
    const unknown = headroom(['import', 'traces', fixture, '--replicas', 'apii=2']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('--replicas apii=2: the imported scenario has no node "apii" (its nodes: clients, shop-api');
    const field = headroom(['import', 'traces', fixture, '--cpus', 'redis=2']);
    expect(field.status).toBe(2);
    expect(field.stderr).toContain('--cpus redis=2: node "redis" is a cache, which has no "cpus"');
    for (const bad of ['api', 'api=0', 'api=two']) {
      const r = headroom(['import', 'traces', fixture, '--workers', bad]);
      expect(r.status, bad).toBe(2);
      expect(r.stderr).toContain(`--workers: expected NODE=N`);
    }
  });

  it('exits 2 for a bad command line', () => {
    expect(headroom(['import', 'k8s', fixture]).status).toBe(2);
    expect(headroom(['import', 'traces']).status).toBe(2);
    expect(headroom(['import', 'traces', fixture, '--map', 'nonsense']).status).toBe(2);
  });
});
