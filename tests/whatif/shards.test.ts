/**
 * Sharded sweeps through the real command line: `sweep --shard i/n` outputs merged
 * with `headroom merge` must give the unsharded document byte for byte (a point's
 * numbers depend only on its scenario and seeds; `--no-timing` zeroes the wall-clock
 * figures), whatever n and whatever the thread count. Merge must refuse inputs that
 * do not make up one sweep.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SweepDocument } from '../../simulation/model/result';
import { cli, scenario, service, source, tempDir } from './helpers';

const model = scenario({
  name: 'shard me',
  nodes: [source('users', { process: 'poisson', rate: 150 }), service('api', { replicas: 1, workers: 2, work: { dist: 'exponential', mean: 0.02 } })],
  edges: [{ from: 'users', to: 'api' }],
  run: { duration: 20, warmup: 2, replications: 2, seed: 9, confidence: 0.95 },
  slo: { p99: 0.25 },
  // Five points: 2 shards take {1, 3, 5} and {2, 4}; 3 shards {1, 4}, {2, 5}, {3}.
  whatIf: { vary: [{ path: 'nodes.api.replicas', values: [1, 2, 3, 4, 5] }] },
});

const tmp = tempDir('shards');
afterAll(() => tmp.remove());
const file = tmp.write('sweep.headroom.json', model);
const out = (name: string) => join(tmp.dir, name);
const read = (name: string) => readFileSync(out(name), 'utf8');

async function ok(args: string[]): Promise<void> {
  const r = await cli(args);
  expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(0);
}

describe('sweep --shard i/n + merge', () => {
  let unsharded = '';

  beforeAll(async () => {
    await ok(['sweep', file, '--json', out('full.json'), '--no-timing', '--threads', '2']);
    unsharded = read('full.json');
  });

  it('the unsharded sweep has five points and a scale-out verdict', () => {
    const doc = JSON.parse(unsharded) as SweepDocument;
    expect(doc.points.map((p) => p.index)).toEqual([0, 1, 2, 3, 4]);
    expect(doc.scaling?.replicas).toEqual([1, 2, 3, 4, 5]);
    expect(doc.shard).toBeUndefined();
    for (const p of doc.points) expect(p.result.stats.wallSeconds).toBe(0);
  });

  it('is the same for --threads 1 and --threads 2, byte for byte', async () => {
    await ok(['sweep', file, '--json', out('t1.json'), '--no-timing', '--threads', '1']);
    expect(read('t1.json')).toBe(unsharded);
  });

  it.each([1, 2, 3])('n = %i shards merged equal the unsharded sweep byte for byte', async (n) => {
    const names = Array.from({ length: n }, (_, i) => `n${n}-shard-${i + 1}.json`);
    await Promise.all(names.map((name, i) => ok(['sweep', file, '--shard', `${i + 1}/${n}`, '--json', out(name), '--no-timing', '--threads', '1'])));
    // Each shard holds the grid indices ≡ i−1 (mod n), and says so.
    names.forEach((name, i) => {
      const doc = JSON.parse(read(name)) as SweepDocument;
      expect(doc.shard).toMatchObject({ index: i + 1, count: n, points: 5 });
      expect(doc.points.map((p) => p.index)).toEqual([0, 1, 2, 3, 4].filter((k) => k % n === i));
      expect(doc.scaling).toBeUndefined();
    });
    // Merge in reverse order, to standard output and to a file.
    const reversed = [...names].reverse().map(out);
    const merged = await cli(['merge', ...reversed]);
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stdout).toBe(unsharded);
    await ok(['merge', ...reversed, '--json', out(`n${n}-merged.json`)]);
    expect(read(`n${n}-merged.json`)).toBe(unsharded);
  });
});

describe('merge refuses what is not one sweep (exit 1)', () => {
  beforeAll(async () => {
    await Promise.all([
      ok(['sweep', file, '--shard', '1/2', '--json', out('a1.json'), '--no-timing', '--threads', '1']),
      ok(['sweep', file, '--shard', '2/2', '--json', out('a2.json'), '--no-timing', '--threads', '1']),
      ok(['sweep', file, '--shard', '1/3', '--json', out('b1.json'), '--no-timing', '--threads', '1']),
      ok(['sweep', file, '--shard', '2/2', '--vary', 'nodes.api.replicas=1,2,3,4,6', '--json', out('c2.json'), '--no-timing', '--threads', '1']),
      ok(['sweep', file, '--json', out('whole.json'), '--no-timing', '--threads', '1']),
      ok(['sweep', file, '--shard', '2/2', '--seed', '12345', '--json', out('a2-seed.json'), '--no-timing', '--threads', '1']),
    ]);
  });

  async function refused(files: string[], message: RegExp): Promise<void> {
    const r = await cli(['merge', ...files.map(out)]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  }

  it('a missing shard', () => refused(['a1.json'], /shard 2\/2 missing/));
  it('a shard given twice', () => refused(['a1.json', 'a1.json', 'a2.json'], /shard 1\/2 is given twice/));
  it('shards of different shardings', () => refused(['a1.json', 'a2.json', 'b1.json'], /different shardings/));
  it('shards of different sweeps', () => refused(['a1.json', 'c2.json'], /different sweeps/));
  it('an unsharded sweep', () => refused(['whole.json'], /not a shard output/));
  it('shards run with different settings (--seed)', () => refused(['a1.json', 'a2-seed.json'], /the shards ran different scenarios/));

  it('a file that is not JSON, or not there', async () => {
    const bad = tmp.write('bad.json', 'not json');
    const r = await cli(['merge', out('a1.json'), bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('bad.json: is not a sweep output');
    const gone = await cli(['merge', out('nope.json')]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain('nope.json: no such file');
  });

  it('merge with no inputs is a usage error (exit 2)', async () => {
    const r = await cli(['merge']);
    expect(r.code).toBe(2);
  });
});

describe('--shard must be i/n with 1 ≤ i ≤ n (exit 2, nothing simulated)', () => {
  it.each(['0/2', '3/2', 'x'])('--shard %j', async (spec) => {
    const r = await cli(['sweep', file, '--shard', spec, '--json', out('never.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--shard');
    expect(() => readFileSync(out('never.json'))).toThrow();
  });
});
