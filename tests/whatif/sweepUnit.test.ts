/**
 * The sweep machinery in process: the grid's row-major order, shard selection and
 * merging for every n up to beyond the number of points, and independence from the
 * pool size. (tests/whatif/shards.test.ts does the same through the real CLI.)
 */
import { sweepTable } from '../../simulation/report/sweepTable';
import { describe, expect, it } from 'vitest';
import type { ResultDocument, SweepDocument } from '../../simulation/model/result';
import { setPath } from '../../simulation/model/paths';
import { mergeSweeps, parseShard, runSweep, sweepGrid } from '../../simulation/whatif/sweep';
import { inProcessPool, scenario, service, source } from './helpers';

const model = scenario({
  name: 'unit sweep',
  nodes: [source('users', { process: 'poisson', rate: 80 }), service('api', { replicas: 1, workers: 1, work: { dist: 'exponential', mean: 0.01 } })],
  edges: [{ from: 'users', to: 'api' }],
  run: { duration: 5, warmup: 1, replications: 2, seed: 3 },
  whatIf: {
    vary: [
      { path: 'nodes.api.replicas', values: [1, 2, 3] },
      { path: 'nodes.users.arrival.rate', values: [40, 80] },
    ],
  },
});

const timeless = (r: ResultDocument): ResultDocument => ({ ...r, stats: { ...r.stats, wallSeconds: 0, eventsPerSecond: 0 } });
const bytes = (d: SweepDocument) => JSON.stringify({ ...d, points: d.points.map((p) => ({ ...p, result: timeless(p.result) })) });

describe('sweepGrid', () => {
  it('is row-major: the last path varies fastest, and each point carries its overrides', () => {
    const grid = sweepGrid(model, model.whatIf!.vary!);
    expect(grid.map((g) => g.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(grid.map((g) => [g.values['nodes.api.replicas'], g.values['nodes.users.arrival.rate']])).toEqual([
      [1, 40],
      [1, 80],
      [2, 40],
      [2, 80],
      [3, 40],
      [3, 80],
    ]);
    const p = grid[3]!.scenario;
    expect(p.nodes.find((n) => n.id === 'api')).toMatchObject({ replicas: 2 });
    expect(p.nodes.find((n) => n.id === 'users')).toMatchObject({ arrival: { rate: 80 } });
    expect(p.whatIf).toBeUndefined();
  });

  it('names the point and the problem when a value makes an invalid scenario', () => {
    expect(() => sweepGrid(model, [{ path: 'nodes.api.replicas', values: [1, 0] }])).toThrow(/sweep point nodes\.api\.replicas=0 is not a valid scenario:\n {2}nodes\[1\]\.replicas/);
    expect(() => sweepGrid(model, [])).toThrow('nothing to vary');
  });
});

describe('parseShard', () => {
  it('accepts i/n with 1 ≤ i ≤ n and nothing else', () => {
    expect(parseShard('1/1')).toEqual({ index: 1, count: 1 });
    expect(parseShard('3/7')).toEqual({ index: 3, count: 7 });
    for (const bad of ['0/2', '3/2', 'x', '1/0', '', '1/2/3', ' 1/2', '-1/2', '1.0/2']) expect(() => parseShard(bad), bad).toThrow('--shard: expected i/n');
  });
});

describe('shards merged in process', () => {
  it('for n = 1 … 8 (beyond the 6 points) merge to the unsharded sweep; pool size does not matter', async () => {
    const pool1 = inProcessPool(1);
    const pool3 = inProcessPool(3);
    try {
      const full = await runSweep(pool1, model);
      expect(bytes(await runSweep(pool3, model))).toBe(bytes(full));
      for (let n = 1; n <= 8; n++) {
        const shards = await Promise.all(Array.from({ length: n }, (_, i) => runSweep(pool3, model, { shard: { index: i + 1, count: n } })));
        shards.forEach((s, i) => {
          expect(s.shard).toMatchObject({ index: i + 1, count: n, points: 6 });
          expect(s.points.map((p) => p.index)).toEqual([0, 1, 2, 3, 4, 5].filter((k) => k % n === i));
        });
        expect(bytes(mergeSweeps([...shards].reverse()))).toBe(bytes(full));
      }
    } finally {
      pool1.dispose();
      pool3.dispose();
    }
  });

  it('merge recomputes the verdict at the sweep’s own confidence (here 90%)', async () => {
    // Five replica counts: the USL fit has residual degrees of freedom, so its σ and κ
    // intervals depend on the confidence level.
    const at90 = { ...model, run: { ...model.run, confidence: 0.9 }, whatIf: { vary: [{ path: 'nodes.api.replicas', values: [1, 2, 3, 4, 5] }] } };
    const pool = inProcessPool(2);
    try {
      const full = await runSweep(pool, at90);
      expect(full.scaling!.usl!.kappaCi ?? full.scaling!.usl!.sigmaCi).not.toBeNull();
      const shards = await Promise.all([1, 2].map((i) => runSweep(pool, at90, { shard: { index: i, count: 2 } })));
      expect(bytes(mergeSweeps(shards))).toBe(bytes(full));
    } finally {
      pool.dispose();
    }
  });

  it('merge refuses shards that ran different scenarios (another seed, an override)', async () => {
    const pool = inProcessPool(2);
    try {
      const one = await runSweep(pool, model, { shard: { index: 1, count: 2 } });
      const reseeded = await runSweep(pool, { ...model, run: { ...model.run, seed: 12345 } }, { shard: { index: 2, count: 2 } });
      const overridden = await runSweep(pool, setPath(model, 'nodes.api.workers', 7), { shard: { index: 2, count: 2 } });
      const same = await runSweep(pool, model, { shard: { index: 2, count: 2 } });
      expect(() => mergeSweeps([one, reseeded])).toThrow('merge: the shards ran different scenarios');
      expect(() => mergeSweeps([one, overridden])).toThrow('merge: the shards ran different scenarios');
      expect(() => mergeSweeps([one, same])).not.toThrow();
    } finally {
      pool.dispose();
    }
  });

  it('merge messages', () => {
    const shard = (index: number, count: number, extra: Partial<SweepDocument> = {}): SweepDocument => ({ format: 'headroom/sweep', version: 1, scenario: 's', vary: [{ path: 'nodes.a.replicas', values: [1, 2] }], points: [], shard: { index, count, points: 2 }, ...extra });
    expect(() => mergeSweeps([])).toThrow('merge needs at least one shard output');
    expect(() => mergeSweeps([shard(1, 3)])).toThrow('merge: shards 2/3, 3/3 missing');
    expect(() => mergeSweeps([shard(1, 2), shard(1, 2)])).toThrow('merge: shard 1/2 is given twice');
    expect(() => mergeSweeps([shard(1, 2), shard(2, 3)])).toThrow('merge: the inputs come from different shardings');
    expect(() => mergeSweeps([shard(1, 2), shard(2, 2, { scenario: 'other' })])).toThrow('merge: the inputs come from different sweeps');
    expect(() => mergeSweeps([shard(1, 2), shard(2, 2, { vary: [{ path: 'nodes.a.replicas', values: [1, 3] }] })])).toThrow('merge: the inputs come from different sweeps');
    expect(() => mergeSweeps([shard(1, 2), { ...shard(2, 2), format: 'headroom/result' as 'headroom/sweep' }])).toThrow('merge: an input is not a sweep document');
    const { shard: _s, ...unsharded } = shard(1, 1);
    expect(() => mergeSweeps([unsharded])).toThrow('not a shard output');
  });
});

describe('points whose workers do not fit in memory', () => {
  // (1 GiB − 256 MiB) ÷ 256 MiB = 3 workers fit.
  const mib = 1024 ** 2;
  const fitted = setPath(model, 'nodes.api.memory', { limit: 1024 * mib, base: 256 * mib, perWorker: 256 * mib });
  const vary = [{ path: 'nodes.api.workers', values: [1, 3, 4, 6] }];

  it('are marked in the grid, with the validator’s finding, instead of refusing the sweep', () => {
    const grid = sweepGrid(fitted, vary);
    expect(grid.map((g) => g.doesNotFit?.code ?? null)).toEqual([null, null, 'memoryWorkersDoNotFit', 'memoryWorkersDoNotFit']);
    expect(grid[3]!.doesNotFit!.figures).toMatchObject({ workers: 6, fit: 3 });
    // Any other problem still refuses the sweep.
    expect(() => sweepGrid(fitted, [{ path: 'nodes.api.workers', values: [0] }])).toThrow(/not a valid scenario/);
  });

  it('are listed as invalid and not simulated, also across shards', async () => {
    const pool = inProcessPool(2);
    try {
      const full = await runSweep(pool, fitted, { vary });
      expect(full.points.map((p) => p.values['nodes.api.workers'])).toEqual([1, 3]);
      expect(full.invalid!.map((p) => [p.index, p.values['nodes.api.workers'], p.finding.figures.fit])).toEqual([
        [2, 4, 3],
        [3, 6, 3],
      ]);
      const shards = await Promise.all([1, 2].map((i) => runSweep(pool, fitted, { vary, shard: { index: i, count: 2 } })));
      expect(bytes(mergeSweeps(shards))).toBe(bytes(full));
      // The table counts the grid the user asked for, and says how many were not run.
      const text = sweepTable(full);
      expect(text.split('\n')[0]).toMatch(/— 4 points \(2 invalid, not run\)$/);
      expect(text.match(/^ {2}invalid {5}/gm)).toHaveLength(2);
      expect(sweepTable(full, 'zh-CN').split('\n')[0]).toMatch(/— 4 个点（2 个无效，未运行）$/);
    } finally {
      pool.dispose();
    }
  });
});
