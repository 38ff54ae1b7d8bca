/**
 * The metastability map. Invariants: a model with no retries far below capacity comes
 * back from every spike in the grid; the retry-storm example stays stuck above some size
 * and comes back below it, its boundary is monotone in size and duration, and a retry
 * budget shrinks the stuck region. The flush transform (a flush event) lowers the cache's
 * hit ratio by the stated factor inside the flush and nowhere else, keeping the offered
 * load. Grids
 * are small: each point is a run of every replication.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderFinding, sentenceContext } from '../../simulation/findings/render';
import type { Scenario } from '../../simulation/model/schema';
import { assertScenario } from '../../simulation/model/validate';
import { metastabilityText } from '../../simulation/report/metastabilityTable';
import { renderMetastabilityReport } from '../../simulation/report/metastabilityReport';
import { runReplicationsInProcess } from '../../simulation/runner/runScenario';
import { boundaryOf, mechanismOf, nonMonotone, replicasDown, runMetastability, spread, withFault, withFlush, windowMeasures, type MetaPoint, type MetastabilityDocument } from '../../simulation/whatif/metastability';
import { cli, inProcessPool, scenario, service, source, tempDir } from './helpers';

const storm = assertScenario(JSON.parse(readFileSync(new URL('../../assets/examples/retry-storm.headroom.json', import.meta.url), 'utf8')));

function withBudget(s: Scenario): Scenario {
  return { ...s, edges: s.edges.map((e) => (e.retries ? { ...e, retries: { ...e.retries, budget: { ratio: 0.1, window: 10 } } } : e)) };
}

async function map(s: Scenario, sizes: number[], durations: number[]): Promise<MetastabilityDocument> {
  const pool = inProcessPool(1);
  try {
    return await runMetastability(pool, s, { trigger: 'spike', sizes, durations, within: 60 });
  } finally {
    pool.dispose();
  }
}

const stuckSet = (doc: MetastabilityDocument) => new Set(doc.points.filter((p) => !p.recovers).map((p) => `${p.size}/${p.duration}`));

describe('metastability map: invariants', () => {
  it('an M/M/1 at 40% with no retries recovers at every point of the grid', async () => {
    // λ = 80/s, μ = 200/s: ρ = 0.4, and the largest spike (×2.2) gives ρ = 0.88 < 1, so
    // no spike leaves more than a short backlog that drains at 120/s.
    const mm1 = scenario({
      name: 'M/M/1',
      nodes: [source('users', { process: 'poisson', rate: 80 }), service('svc', { workers: 1, work: { dist: 'exponential', mean: 0.005 } })],
      edges: [{ from: 'users', to: 'svc' }],
      run: { duration: 60, warmup: 5, replications: 2, seed: 3 },
    });
    const doc = await map(mm1, [1.2, 2.2], [3, 8]);
    expect(doc.points).toHaveLength(4);
    for (const p of doc.points) {
      expect(p.recovers, `${p.size}/${p.duration}`).toBe(true);
      expect(p.recoveryTime!).toBeLessThanOrEqual(60);
      expect(p.mechanism).toBeNull();
      expect(p.retryShare).toBeNull();
    }
    expect(doc.boundary).toEqual([
      { duration: 3, size: null },
      { duration: 8, size: null },
    ]);
    expect(doc.mechanism.kind).toBeNull();
    expect(doc.findings.map((f) => f.code)).toContain('meta.allRecover');
  });

  it('the retry storm goes stuck above some size and recovers below; the boundary is monotone; a retry budget shrinks the stuck region', async () => {
    const sizes = [1.1, 1.3, 1.6];
    const durations = [5, 12];
    const plain = await map({ ...storm, run: { ...storm.run, replications: 2 } }, sizes, durations);
    const stuck = stuckSet(plain);
    // Some points recover (the smallest burst queues nothing past the 0.5 s timeout) and some do not.
    expect(stuck.size).toBeGreaterThan(0);
    expect(stuck.size).toBeLessThan(plain.points.length);
    expect(plain.points.find((p) => p.size === 1.1 && p.duration === 5)!.recovers).toBe(true);
    expect(plain.points.find((p) => p.size === 1.6 && p.duration === 12)!.recovers).toBe(false);
    // Monotone: every point at or above a stuck one (in size and duration) is stuck.
    expect(nonMonotone(plain.points)).toEqual([]);
    const bounds = plain.boundary.map((b) => b.size ?? Infinity);
    for (let j = 1; j < bounds.length; j++) expect(bounds[j]!).toBeLessThanOrEqual(bounds[j - 1]!);
    for (const b of plain.boundary) {
      for (const p of plain.points.filter((q) => q.duration === b.duration)) expect(p.recovers).toBe(b.size === null || p.size < b.size);
    }
    // Without a budget, retries keep it stuck: the share of tries that are retries rose far above its level before.
    expect(plain.mechanism.kind).toBe('retries');
    expect(plain.mechanism.node).toBe('postgres');
    expect(plain.baseline.retryShare!).toBeLessThan(0.01);
    for (const p of plain.points.filter((q) => !q.recovers)) expect(p.retryShare!).toBeGreaterThan(0.3);

    const budget = await map(withBudget({ ...storm, run: { ...storm.run, replications: 2 } }), sizes, durations);
    const stuckWithBudget = stuckSet(budget);
    expect(stuckWithBudget.size).toBeLessThan(stuck.size);
    for (const cell of stuckWithBudget) expect(stuck.has(cell)).toBe(true);
    // The budget caps retries at 10% of the calls: no stuck point of it can be a retry storm by the rule.
    for (const p of budget.points) if (p.retryShare !== null) expect(p.retryShare).toBeLessThanOrEqual(0.1 + 0.01);
  }, 120_000);
});

describe('triggers as transforms', () => {
  const cached = scenario({
    name: 'cache',
    nodes: [
      source('users', { process: 'poisson', rate: 200 }),
      { id: 'redis', kind: 'cache', label: 'Redis', position: { x: 900, y: 0 }, latency: { dist: 'constant', value: 0.0002 }, hitRatio: 0.8 } as Scenario['nodes'][number],
      service('db', { workers: 50, work: { dist: 'constant', value: 0.002 } }),
    ],
    edges: [
      { from: 'users', to: 'redis' },
      { from: 'redis', to: 'db' },
    ],
    run: { duration: 40, warmup: 0, replications: 1, seed: 9 },
  });

  /** The cache's hit ratio and the requests created over [from, to) of the flushed scenario. */
  function measured(s: Scenario, from: number, to: number) {
    const { model, tallies } = runReplicationsInProcess({ ...s, run: { ...s.run, warmup: from, duration: to - from } });
    const created = tallies[0]!.classes.reduce((a, c) => a + c.created, 0);
    return { hit: windowMeasures(model, tallies).hitRatio.redis!, rate: created / (to - from) };
  }

  it('flush: the hit ratio falls to (1 − size) × its own inside the flush only, and the load stays the same', () => {
    const flushed = withFlush(cached, 'redis', 0.5, 10, 20);
    // 20 s × 200/s = 4000 lookups at 0.4: a binomial with sd 0.008.
    const inside = measured(flushed, 10, 30);
    expect(inside.hit).toBeGreaterThan(0.4 - 0.03);
    expect(inside.hit).toBeLessThan(0.4 + 0.03);
    const before = measured(flushed, 0, 10);
    const after = measured(flushed, 30, 40);
    for (const m of [before, after]) {
      expect(m.hit).toBeGreaterThan(0.8 - 0.04);
      expect(m.hit).toBeLessThan(0.8 + 0.04);
    }
    for (const m of [inside, before]) expect(Math.abs(m.rate - 200) / 200).toBeLessThan(0.06);
    // One flush event on the file's timeline, and the rest of the file untouched.
    expect(flushed.events).toEqual([{ at: 10, node: 'redis', action: 'flush', share: 0.5, for: 20, warm: 0 }]);
    expect(flushed.nodes).toEqual(cached.nodes);
    expect(cached.events).toBeUndefined();
  });

  it('flush: refuses a node that is not a cache and a cache with no hits to lose', () => {
    expect(() => withFlush(cached, 'db', 0.5, 10, 20)).toThrow(/not a cache/);
    const noHits = { ...cached, nodes: cached.nodes.map((n) => (n.id === 'redis' ? { ...n, hitRatio: 0 } : n)) } as Scenario;
    expect(() => withFlush(noHits, 'redis', 0.5, 10, 20)).toThrow(/no hits to lose/);
  });

  it('fault: round(size × replicas) replicas down, at least one, at most all', () => {
    const api = service('api', { replicas: 4, workers: 2, work: { dist: 'constant', value: 0.01 } });
    expect(replicasDown(api, 0.5)).toBe(2);
    expect(replicasDown(api, 0.05)).toBe(1);
    expect(replicasDown(api, 1)).toBe(4);
    const s = withFault({ ...cached, nodes: [...cached.nodes, api] }, 'api', 0.75, 30, 5);
    expect(s.faults).toEqual([{ node: 'api', at: 30, for: 5, replicas: 3 }]);
    expect(() => withFault(cached, 'users', 0.5, 30, 5)).toThrow('not a node with replicas');
    expect(() => withFlush(cached, 'db', 0.5, 30, 5)).toThrow('not a cache');
  });
});

describe('the rule and the boundary', () => {
  const point = (size: number, duration: number, recovers: boolean): MetaPoint => ({ index: 0, size, duration, recovers, recoveryTime: recovers ? 1 : null, stopped: 0, retryShare: null, hitRatio: {}, backlog: null, mechanism: recovers ? null : 'backlog', mechanismNode: null });

  it('names retries first, then a cold cache, then a backlog', () => {
    const before = { retryShare: 0.01, retriedCallee: 'db', hitRatio: { redis: 0.9 } };
    const backlog = { node: 'db', waiting: 500, before: 1, growing: true };
    expect(mechanismOf({ retryShare: 0.5, retriedCallee: 'db', hitRatio: { redis: 0.5 } }, before, backlog)).toEqual({ kind: 'retries', node: 'db' });
    expect(mechanismOf({ retryShare: 0.05, retriedCallee: 'db', hitRatio: { redis: 0.5 } }, before, backlog)).toEqual({ kind: 'coldCache', node: 'redis' });
    expect(mechanismOf({ retryShare: 0.05, retriedCallee: 'db', hitRatio: { redis: 0.88 } }, before, backlog)).toEqual({ kind: 'backlog', node: 'db' });
    expect(mechanismOf({ retryShare: 0.05, retriedCallee: 'db', hitRatio: {} }, before, { ...backlog, waiting: 2 })).toEqual({ kind: 'unclear', node: null });
  });

  it('the boundary is the smallest stuck size per duration; a stuck point below a recovering one is flagged', () => {
    const points = [point(1, 5, true), point(2, 5, false), point(1, 10, false), point(2, 10, false)];
    expect(boundaryOf(points, [5, 10])).toEqual([
      { duration: 5, size: 2 },
      { duration: 10, size: 1 },
    ]);
    expect(nonMonotone(points)).toEqual([]);
    expect(nonMonotone([point(1, 5, false), point(2, 5, true)]).map((p) => p.size)).toEqual([1]);
    expect(spread(1, 2, 3)).toEqual([1, 1.5, 2]);
    expect(spread(2, 2, 4)).toEqual([2]);
  });

  it('prints the map in Chinese and draws the heat map with its boundary in the report', () => {
    const doc: MetastabilityDocument = {
      format: 'headroom/metastability',
      version: 1,
      scenario: 'Retry storm',
      trigger: { kind: 'spike', node: 'users', at: 40, sizeMeans: 'rateFactor' },
      sizes: [1, 2],
      durations: [5, 10],
      replications: 2,
      within: 60,
      baseline: { retryShare: 0, hitRatio: {} },
      points: [point(1, 5, true), point(1, 10, true), point(2, 5, false), point(2, 10, false)].map((p, index) => ({ ...p, index, mechanism: p.recovers ? null : 'retries' })),
      boundary: [
        { duration: 5, size: 2 },
        { duration: 10, size: 2 },
      ],
      mechanism: { kind: 'retries', node: 'postgres', stuck: 2 },
      findings: [
        { code: 'meta.trigger', node: 'users', severity: 'info', figures: { trigger: 'spike', at: 40, within: 60, replications: 2 } },
        { code: 'meta.boundary', severity: 'warning', figures: { trigger: 'spike', duration: 5, size: 2, largest: 2 } },
        { code: 'meta.mechanism', node: 'postgres', severity: 'warning', figures: { mechanism: 'retries', stuck: 2, of: 2, retryGain: 0.1, hitLoss: 0.05 } },
      ],
    };
    const labels = { users: '用户', postgres: '数据库' };
    const zh = metastabilityText(doc, 'zh-CN', labels);
    expect(zh).toContain('亚稳态图');
    expect(zh).toContain('✗ 重试');
    expect(zh).toContain('持续 5 s：从 ×2 起无法恢复');
    expect(zh).toContain('无法恢复的原因：重试');
    const en = metastabilityText(doc, 'en', { users: 'Users', postgres: 'PostgreSQL' });
    expect(en).toMatch(/×2\s+✗ retries\s+✗ retries/);
    const html = renderMetastabilityReport(storm, doc, 'en');
    // Two recovered cells, two stuck (red) ones, and the boundary drawn as a step path.
    expect(html.match(/<g class="cell">(?:(?!<\/g>).)*fill="#dc2626"/g)).toHaveLength(2);
    expect(html).toContain('<path d="M80,58 L176,58 L176,58 L272,58"');
    expect(renderFinding(doc.findings[2]!, sentenceContext('en', { postgres: 'PostgreSQL' }))).toContain('calls to PostgreSQL');
  });
});

describe('headroom metastability: the command line', () => {
  const tmp = tempDir('meta');
  const file = tmp.write('storm.headroom.json', storm);

  it.each([
    [['--trigger', 'storm', '--size', '1..2', '--for', '5'], '--trigger: expected spike, fault or flush, got "storm"'],
    [['--trigger', 'spike', '--size', '3..1', '--for', '5'], '--size: expected a range a..b or a list a,b,c of numbers, a range a..b with a ≤ b; got "3..1"'],
    [['--trigger', 'fault', '--node', 'api', '--size', '0.5..2', '--for', '5'], '--size: expected a range a..b or a list a,b,c of numbers, each value in (0, 1]; got "0.5..2"'],
    [['--trigger', 'spike', '--size', '1..2', '--for=-1..5'], '--for: expected a range a..b or a list a,b,c of numbers, each value above 0; got "-1..5"'],
    [['--trigger', 'spike', '--for', '5'], 'metastability needs --size'],
    [['--trigger', 'spike', '--size', '1..2', '--for', '5', '--grid', '0x3'], '--grid: expected SIZESxDURATIONS'],
    [['--trigger', 'flush', '--size', '0.5', '--for', '5'], 'metastability --trigger flush: name the node with --node'],
    // Only a flush can last 0 s (a keyed cache's keys lost at once): a spike of 0 s is no spike.
    [['--trigger', 'spike', '--size', '2', '--for', '0,5'], '--for: expected a range a..b or a list a,b,c of numbers, each value above 0; got "0,5"'],
    [['--trigger', 'flush', '--node', 'postgres', '--size', '0.5', '--for=-5..5'], '--for: expected a range a..b or a list a,b,c of numbers, each value at or above 0; got "-5..5"'],
  ])('refuses %j, naming the flag', async (args, message) => {
    const r = await cli(['metastability', file, ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it('refuses a node that cannot carry the trigger (exit 1) and a start too early to measure the level before', async () => {
    const flush = await cli(['metastability', file, '--trigger', 'flush', '--node', 'postgres', '--size', '0.5', '--for', '5', '--lang', 'zh-CN']);
    expect(flush.code).toBe(1);
    expect(flush.stderr).toContain('metastability --node："postgres" 不是缓存');
    const early = await cli(['metastability', file, '--trigger', 'spike', '--size', '2', '--for', '30', '--at', '25']);
    expect(early.code).toBe(1);
    expect(early.stderr).toContain('metastability --at: the trigger at 25 s leaves no time');
  });
});

describe('a flush of a keyed cache: the flash-sale avalanche', () => {
  const file = JSON.parse(readFileSync(new URL('../../assets/examples/cache-avalanche.headroom.json', import.meta.url), 'utf8')) as Scenario;
  // The example's own flush at 70 s taken out, so each point is the trigger's flush alone.
  const { events: _events, whatIf: _whatIf, ...plain } = file;
  const avalanche = (singleFlight: boolean) => assertScenario({ ...plain, run: { ...plain.run, replications: 3 }, nodes: plain.nodes.map((n) => (n.id === 'product-cache' ? { ...n, singleFlight } : n)) });
  const options = { trigger: 'flush' as const, node: 'product-cache', sizes: [0.25, 1], durations: [5], at: 70, within: 30 };

  it('at the peak, without single flight a quarter of the keys lost leaves it stuck; with it even a full flush recovers', async () => {
    const pool = inProcessPool(1);
    try {
      const stampede = await runMetastability(pool, avalanche(false), options);
      const flight = await runMetastability(pool, avalanche(true), options);
      expect(stampede.trigger).toMatchObject({ kind: 'flush', sizeMeans: 'keyShareLost' });
      expect(stampede.points.map((p) => p.recovers)).toEqual([false, false]);
      expect(stampede.boundary).toEqual([{ duration: 5, size: 0.25 }]);
      expect(flight.points.map((p) => p.recovers)).toEqual([true, true]);
      // A larger flush takes longer to come back from.
      expect(flight.points[1]!.recoveryTime!).toBeGreaterThan(flight.points[0]!.recoveryTime!);
      expect(flight.boundary).toEqual([{ duration: 5, size: null }]);
      expect(stampede.findings.some((f) => f.code === 'meta.flushesOverlap')).toBe(false);
    } finally {
      pool.dispose();
    }
  }, 120_000);

  it('the same seed gives the same map at 1 and 2 threads', async () => {
    const tmp = tempDir('meta-keyed');
    try {
      const path = tmp.write('avalanche.headroom.json', { ...avalanche(false), run: { ...avalanche(false).run, replications: 2 } });
      const args = ['metastability', path, '--trigger', 'flush', '--node', 'product-cache', '--size', '0.5,1', '--for', '5', '--at', '70', '--within', '30', '--json', '-', '--no-timing'];
      const one = await cli([...args, '--threads', '1']);
      const two = await cli([...args, '--threads', '2']);
      expect(one.code).toBe(0);
      expect(two.stdout).toBe(one.stdout);
      const doc = JSON.parse(one.stdout) as MetastabilityDocument;
      expect(doc.points).toHaveLength(2);
    } finally {
      tmp.remove();
    }
  }, 120_000);

  it('an instant flush (for 0) is a column on a keyed cache: the keys go at once and load back, no worse than a flush held 5 s; refused on a keyless cache', async () => {
    const pool = inProcessPool(1);
    try {
      const doc = await runMetastability(pool, avalanche(true), { ...options, sizes: [1], durations: [0, 5] });
      expect(doc.durations).toEqual([0, 5]);
      const [instant, held] = doc.points as [MetaPoint, MetaPoint];
      expect(instant).toMatchObject({ duration: 0, recovers: true });
      expect(held).toMatchObject({ duration: 5, recovers: true });
      // The instant flush still costs time to come back (a cold cache at the peak), but less than one held 5 s.
      expect(instant.recoveryTime!).toBeGreaterThan(0);
      expect(instant.recoveryTime!).toBeLessThanOrEqual(held.recoveryTime! + 5);
      const keyless = assertScenario({ ...avalanche(true), nodes: avalanche(true).nodes.map((n) => (n.kind === 'cache' ? { ...n, keys: undefined, ttl: undefined, singleFlight: undefined, hitRatio: 0.9 } : n)) });
      await expect(runMetastability(pool, keyless, { ...options, durations: [0, 5] })).rejects.toThrow('metastability --for: a duration of 0 s ends the trigger as it starts');
    } finally {
      pool.dispose();
    }
    const tmp = tempDir('meta-instant');
    try {
      const spike = await cli(['metastability', tmp.write('storm.headroom.json', storm), '--trigger', 'spike', '--size', '2', '--for', '0', '--lang', 'zh-CN']);
      expect(spike.code).toBe(2);
      const keylessFile = tmp.write('failover.headroom.json', JSON.parse(readFileSync(new URL('../../assets/examples/redis-failover.headroom.json', import.meta.url), 'utf8')));
      const flush = await cli(['metastability', keylessFile, '--trigger', 'flush', '--node', 'redis', '--size', '1', '--for', '0,5', '--lang', 'zh-CN']);
      expect(flush.code).toBe(1);
      expect(flush.stderr).toContain('metastability --for：持续 0 s 的触发一开始就结束，只有清空带键的缓存时才有作用（键立刻失去，再随未命中逐个加载回来）；对 redis 的 --trigger flush 请给出大于 0 的持续时间');
    } finally {
      tmp.remove();
    }
  }, 180_000);

  it('says when the trigger meets the file’s own flush, in English and Chinese', async () => {
    const pool = inProcessPool(1);
    try {
      const doc = await runMetastability(pool, assertScenario({ ...file, run: { ...file.run, replications: 1 } }), { ...options, sizes: [1], durations: [5, 15], at: 60 });
      const overlap = doc.findings.find((f) => f.code === 'meta.flushesOverlap')!;
      expect(overlap.figures).toMatchObject({ event: 0, from: 70, to: 70, points: 1, of: 2, cells: '1/15' });
      expect(metastabilityText(doc, 'en')).toContain("1 of the 2 points (size/duration 1/15) flush product-cache while the file's own flush (events[0]");
      expect(metastabilityText(doc, 'zh-CN')).toContain('2 个点中有 1 个（规模/持续时间 1/15）清空 product-cache 时，文件自身的清空（events[0]');
    } finally {
      pool.dispose();
    }
  }, 120_000);
});
