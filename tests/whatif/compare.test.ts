/**
 * Paired comparison with common random numbers (`compareTallies`, `headroom compare`).
 *
 * Base model: Poisson 70/s into one single-worker api with exponential work of mean
 * 10 ms (M/M/1 at ρ = 0.7: p99 = ln(100)/(μ − λ) = 4.605/30 = 154 ms).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { setPath } from '../../simulation/model/paths';
import { endToEnd } from '../../simulation/analysis/aggregate';
import { meanInterval, studentTQuantile } from '../../simulation/stats/studentT';
import { runReplications } from '../../simulation/runner/runScenario';
import { compareTallies, type CompareDocument } from '../../simulation/whatif/compare';
import type { Scenario } from '../../simulation/model/schema';
import { cli, inProcessPool, scenario, service, source, tempDir } from './helpers';

const base = scenario({
  name: 'base',
  nodes: [source('users', { process: 'poisson', rate: 70 }), service('api', { replicas: 1, workers: 1, balance: 'random', work: { dist: 'exponential', mean: 0.01 } })],
  edges: [{ from: 'users', to: 'api' }],
  run: { duration: 100, warmup: 10, replications: 6, seed: 11, confidence: 0.95 },
});

const pool = inProcessPool(1);
afterAll(() => pool.dispose());

async function compare(a: Scenario, b: Scenario) {
  const ra = await runReplications(pool, a);
  const rb = await runReplications(pool, b);
  return { doc: compareTallies({ scenario: a, ...ra }, { scenario: b, ...rb }), ra, rb };
}

const metricKeys = ['throughput', 'mean', 'p50', 'p95', 'p99', 'errorRate'] as const;

describe('compareTallies', () => {
  it('identical scenarios: every difference is exactly 0 and every interval is [0, 0]', async () => {
    // The variant differs only in what the simulation ignores (name, description,
    // canvas positions): the same seeds give the same draws, so the same tallies.
    const twin = { ...base, name: 'twin', description: 'same model', nodes: base.nodes.map((n) => ({ ...n, position: { x: n.position.x + 13, y: 99 } })) };
    const { doc } = await compare(base, twin);
    expect(doc.a).toBe('base');
    expect(doc.b).toBe('twin');
    expect(doc.replications).toBe(6);
    for (const k of metricKeys) {
      const m = doc.metrics[k]!;
      expect(m.a, k).toBe(m.b);
      expect(m.difference, k).toBe(0);
      expect(m.differenceCi, k).toEqual([0, 0]);
      expect(m.relative, k).toBe(0);
      expect(m.relativeCi, k).toEqual([0, 0]);
      expect(m.significant, k).toBe(false);
    }
    expect(doc.nodes.api!.utilization!.difference).toBe(0);
    expect(doc.lines.filter((l) => l.endsWith('(not significant)'))).toHaveLength(doc.lines.length);
  });

  it('a second replica of the bottleneck: p99 falls, significantly, by about the M/M/1 amount', async () => {
    // With random balancing each replica is M/M/1 at λ = 35: p99 = 4.605/65 = 71 ms,
    // against 154 ms with one: a fall of ~83 ms. Throughput is unchanged (no losses).
    const { doc } = await compare(base, setPath(base, 'nodes.api.replicas', 2));
    const p99 = doc.metrics.p99!;
    expect(p99.differenceCi[1]).toBeLessThan(0);
    expect(p99.significant).toBe(true);
    expect(p99.difference).toBeLessThan(0);
    // Within ±40% of the theoretical fall: 6 × 100 s estimates of a 1% tail are noisy,
    // but not that noisy (the interval itself is ±~15%).
    expect(-p99.difference).toBeGreaterThan(0.6 * (Math.log(100) / 30 - Math.log(100) / 65));
    expect(-p99.difference).toBeLessThan(1.4 * (Math.log(100) / 30 - Math.log(100) / 65));
    // Mean response 1/(μ−λ): 33.3 ms → 15.4 ms.
    expect(doc.metrics.mean!.differenceCi[1]).toBeLessThan(0);
    expect(doc.metrics.throughput!.significant).toBe(false);
    expect(doc.nodes.api!.utilization!.differenceCi[1]).toBeLessThan(0);
    expect(doc.lines.find((l) => l.startsWith('p99 '))).toMatch(/^p99 −[\d.]+ ms ± [\d.]+ ms$/);
  });

  it('the paired interval is narrower than an unpaired one when the noise is shared', async () => {
    // Variant: work mean 9 ms instead of 10. Exponential work is drawn by inversion,
    // −mean·ln U, from the node's own stream, so with the same seeds the k-th request
    // gets exactly 0.9× the base's work, and arrivals are identical. Lindley's
    // recursion W(k+1) = max(0, W(k) + S(k) − A(k)) is increasing in every S, so
    // every request's response time is no longer than in the base: in every
    // replication both the mean and p99 differences are ≤ 0, and the two runs rise
    // and fall together — so Var(B − A) ≪ Var(A) + Var(B).
    const variant = setPath(base, 'nodes.api.work.mean', 0.009);
    const { doc, ra, rb } = await compare(base, variant);
    for (const k of ['mean', 'p99'] as const) {
      const a = ra.tallies.map((t) => endToEnd(t).latency[k]);
      const b = rb.tallies.map((t) => endToEnd(t).latency[k]);
      for (let r = 0; r < a.length; r++) expect(b[r]!, `${k} replication ${r}`).toBeLessThanOrEqual(a[r]!);
      // The paired figures are the per-replication differences' mean and t interval.
      const paired = meanInterval(a.map((x, r) => b[r]! - x), 0.95);
      const m = doc.metrics[k]!;
      expect(m.difference).toBeCloseTo(paired.mean, 12);
      expect(m.differenceCi[0]).toBeCloseTo(paired.low, 12);
      expect(m.differenceCi[1]).toBeCloseTo(paired.high, 12);
      // Unpaired (Welch) interval from the same two samples.
      const n = a.length;
      const v = (xs: number[]) => {
        const mu = xs.reduce((s, x) => s + x, 0) / xs.length;
        return xs.reduce((s, x) => s + (x - mu) ** 2, 0) / (xs.length - 1);
      };
      const sa = v(a) / n;
      const sb = v(b) / n;
      const dof = (sa + sb) ** 2 / (sa ** 2 / (n - 1) + sb ** 2 / (n - 1));
      const unpairedHalf = studentTQuantile(0.975, dof) * Math.sqrt(sa + sb);
      const pairedHalf = (m.differenceCi[1] - m.differenceCi[0]) / 2;
      expect(pairedHalf, k).toBeLessThan(unpairedHalf);
      expect(m.significant, k).toBe(true);
    }
  });

  it('relative differences are the mean of per-replication ratios', async () => {
    const variant = setPath(base, 'nodes.api.work.mean', 0.009);
    const { doc, ra, rb } = await compare(base, variant);
    const a = ra.tallies.map((t) => endToEnd(t).throughput);
    const b = rb.tallies.map((t) => endToEnd(t).throughput);
    const rel = meanInterval(a.map((x, r) => (b[r]! - x) / x), 0.95);
    expect(doc.metrics.throughput!.relative).toBeCloseTo(rel.mean, 12);
    expect(doc.metrics.throughput!.relativeCi[0]).toBeCloseTo(rel.low, 12);
  });
});

describe('headroom compare (command line)', () => {
  const tmp = tempDir('compare');
  afterAll(() => tmp.remove());
  const small = { ...base, run: { ...base.run, duration: 60, replications: 4 } };

  it('A --with PATH=VALUE: a paired document on standard output', async () => {
    const file = tmp.write('a.headroom.json', small);
    const out = await cli(['compare', file, '--with', 'nodes.api.replicas=2', '--json', '-', '--threads', '2']);
    expect(out.stderr).toContain('paired over 4 replications');
    expect(out.code).toBe(0);
    const doc = JSON.parse(out.stdout) as CompareDocument;
    expect(doc.format).toBe('headroom/compare');
    expect(doc.b).toBe('base with nodes.api.replicas=2');
    expect(doc.metrics.p99!.differenceCi[1]).toBeLessThan(0);
  });

  it('two identical files: all differences 0', async () => {
    const a = tmp.write('same-a.headroom.json', small);
    const b = tmp.write('same-b.headroom.json', { ...small, name: 'copy' });
    const out = await cli(['compare', a, b, '--json', '-', '--threads', '2']);
    expect(out.code).toBe(0);
    const doc = JSON.parse(out.stdout) as CompareDocument;
    for (const k of metricKeys) {
      expect(doc.metrics[k]!.difference, k).toBe(0);
      expect(doc.metrics[k]!.differenceCi, k).toEqual([0, 0]);
    }
  });

  it('one file without --with is a usage error (exit 2)', async () => {
    const file = tmp.write('u.headroom.json', small);
    const out = await cli(['compare', file]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('--with');
  });
});

describe('pairing', () => {
  it('pairs node differences by replication, whatever order the tallies come in', async () => {
    const s = scenario({
      nodes: [source('users', { process: 'poisson', rate: 70 }), service('api', { replicas: 1, workers: 1, work: { dist: 'exponential', mean: 0.01 } })],
      edges: [{ from: 'users', to: 'api' }],
      run: { duration: 30, warmup: 5, replications: 4, seed: 11 },
    });
    const pool = inProcessPool(1);
    const ra = await runReplications(pool, s);
    const rb = await runReplications(pool, s);
    pool.dispose();
    const doc = compareTallies({ scenario: s, ...ra }, { scenario: s, ...rb, tallies: [...rb.tallies].reverse() });
    expect(doc.metrics.p99!.differenceCi).toEqual([0, 0]);
    expect(doc.nodes.api!.utilization!.differenceCi).toEqual([0, 0]);
  });
});
