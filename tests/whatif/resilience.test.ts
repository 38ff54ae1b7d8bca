/**
 * Resilience: a spike on top of the base load, then back. A system with headroom
 * recovers at once; one whose spike leaves work it can never get through (a retry
 * storm, a backlog drained at 1% spare capacity) stays degraded.
 *
 * Service times are constant so that p99 before the spike is the work itself, with
 * no noise for the 25% tolerance of the judge to trip on.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { runScenarioInProcess } from '../../simulation/runner/runScenario';
import { judgeResilience, withSpike, type ResilienceVerdict } from '../../simulation/whatif/resilience';
import { cli, queueNode, scenario, service, source, tempDir } from './helpers';

// Spike 3× at t = 20 s for 10 s; recovery wanted within 20 s after it. withSpike
// runs until end + 1.5 × within + 10 = 30 + 30 + 10 = 70 s (120 buckets of 0.583 s).
const spike = { factor: 3, at: 20, duration: 10, within: 20 };
const cliSpike = ['--spike', '3', '--at', '20', '--for', '10', '--within', '20'];

describe('withSpike', () => {
  const base = scenario({
    nodes: [source('users', { process: 'poisson', rate: 10 }), service('svc', { workers: 1, work: { dist: 'constant', value: 0.01 } })],
    edges: [{ from: 'users', to: 'svc' }],
    run: { duration: 5, warmup: 5 },
  });

  it('adds a trapezoid profile on the only open source and extends the run to see the end', () => {
    const { scenario: s, source: id } = withSpike(base, spike);
    expect(id).toBe('users');
    const users = s.nodes.find((n) => n.id === 'users')!;
    // Ramp = min(5 s, duration/10) = 1 s up and down.
    expect(users.kind === 'source' && users.profile).toEqual([
      { at: 0, scale: 1 },
      { at: 20, scale: 1 },
      { at: 21, scale: 3 },
      { at: 30, scale: 3 },
      { at: 31, scale: 1 },
    ]);
    // end + 1.5 × within + 10 − warm-up = 30 + 30 + 10 − 5.
    expect(s.run.duration).toBe(65);
    // The base is untouched.
    expect(base.nodes.find((n) => n.id === 'users')).not.toHaveProperty('profile');
    // A run already longer than that is kept.
    expect(withSpike({ ...base, run: { duration: 500 } }, spike).scenario.run.duration).toBe(500);
  });

  it('needs --source when several open sources could be spiked', () => {
    const two = { ...base, nodes: [...base.nodes, source('bots', { process: 'poisson', rate: 1 })], edges: [...base.edges, { from: 'bots', to: 'svc' }] };
    expect(() => withSpike(two, spike)).toThrow('name the source');
    expect(withSpike(two, { ...spike, source: 'bots' }).source).toBe('bots');
  });
});

describe('headroom resilience', () => {
  const tmp = tempDir('resilience');
  afterAll(() => tmp.remove());

  async function resilience(model: unknown, name: string): Promise<{ code: number | null; verdict: ResilienceVerdict }> {
    const file = tmp.write(name, model);
    const r = await cli(['resilience', file, ...cliSpike, '--check', '--json', '-', '--no-timing', '--threads', '2']);
    return { code: r.code, verdict: JSON.parse(r.stdout) as ResilienceVerdict };
  }

  it('plenty of headroom: recovers at once', async () => {
    // 20 workers × 1/20 ms = 1000 req/s of capacity. Base 200/s (ρ = 0.2); the 3×
    // spike is 600/s (ρ = 0.6), still well below capacity: M/D/20 at 0.6 rarely
    // queues, and briefly (P(wait > 5 ms) < 0.5% even for M/M/20), so no backlog is
    // left when the spike ends and a bucket's p99 stays within 25% of the 20 ms of work
    // throughout. The verdict: recovers, at once.
    const model = scenario({
      name: 'headroom',
      nodes: [source('users', { process: 'poisson', rate: 200 }), service('svc', { workers: 20, work: { dist: 'constant', value: 0.02 } })],
      edges: [{ from: 'users', to: 'svc' }],
      run: { duration: 30, warmup: 5, replications: 2, seed: 4 },
      slo: { p99: 0.1 },
    });
    const { code, verdict } = await resilience(model, 'healthy.headroom.json');
    expect(code).toBe(0);
    expect(verdict.recovers).toBe(true);
    // Recovered from the very first time bucket that starts at or after the spike's
    // end (t = 30 s): buckets are 70/120 s long, so that one starts at 52 × 70/120 =
    // 30.333 s — the least recovery time the judge can report.
    const ts = verdict.result.timeSeries;
    expect(ts.interval).toBeCloseTo(70 / 120, 12);
    const firstAfter = ts.start.find((t) => t >= 30)!;
    expect(verdict.recoveryTime).toBeCloseTo(firstAfter - 30, 9);
    expect(verdict.recoveryTime!).toBeLessThan(ts.interval);
    expect(verdict.before.p99).toBeCloseTo(0.02, 3);
    expect(verdict.worst.p99).toBeLessThan(0.02 * 1.25);
    expect(verdict.end.errorRate).toBe(0);
    expect(verdict.before.throughput).toBeGreaterThan(180);
    expect(verdict.before.throughput).toBeLessThan(220);
    expect(verdict.evidence.at(-1)).toMatch(/^back to the level before the spike .* after the spike ended \(limit 20 s\)$/);
  });

  it('95% base utilization, client timeouts and retries without backoff: a retry storm that never ends', async () => {
    // Same 1000 req/s service; base 950/s (ρ = 0.95). M/D/20 at 0.95 waits some tens
    // of ms at the 99th percentile, far below the 0.5 s client timeout, so before the
    // spike nothing times out. The spike offers 2850/s for 10 s: a backlog of
    // ~18 000 requests, i.e. a wait of ~18 s. From then on every try waits far longer
    // than 0.5 s, so it times out, and is retried at once (backoff 0) up to 3 more
    // times — while the server still does the abandoned work. Offered work becomes
    // 4 × 950 = 3800 tries/s against 1000/s of capacity: the backlog only grows, and
    // the system stays degraded however long it runs.
    const model = scenario({
      name: 'retry storm',
      nodes: [source('users', { process: 'poisson', rate: 950 }), service('svc', { workers: 20, work: { dist: 'constant', value: 0.02 } })],
      edges: [{ from: 'users', to: 'svc', timeout: 0.5, retries: { max: 3, backoff: 0 } }],
      run: { duration: 30, warmup: 5, replications: 1, seed: 4 },
      slo: { p99: 0.3 },
    });
    const { code, verdict } = await resilience(model, 'storm.headroom.json');
    expect(code).toBe(3);
    expect(verdict.recovers).toBe(false);
    expect(verdict.recoveryTime).toBeNull();
    expect(verdict.before.errorRate).toBe(0);
    // After the spike every request times out: errors near 100%, throughput near 0.
    expect(verdict.end.errorRate).toBeGreaterThan(0.95);
    expect(verdict.end.throughput).toBeLessThan(50);
    expect(verdict.evidence.at(-1)).toContain('the system stays degraded');
    // The server's backlog at the end is far beyond anything before the spike.
    const q = verdict.result.timeSeries.nodes.svc!.queueLength;
    expect(q[q.length - 1]!).toBeGreaterThan(18_000);
  });
});

describe('judgeResilience on a queue drained at 1% spare capacity', () => {
  it('stays degraded: the backlog left by the spike needs ~2000 s to drain', () => {
    // 10 consumers × 1/10 ms = 1000 msg/s; base 990/s (ρ = 0.99). The spike adds
    // 2 × 990 × 10 s ≈ 19 800 messages beyond capacity (plus the ramps), which drain
    // at 1000 − 990 = 10/s: ~2000 s, far beyond the 20 s allowed. The source's calls
    // are async, so end-to-end p99 never moves: the verdict must come from the queue.
    const model = scenario({
      name: 'slow consumers',
      nodes: [source('users', { process: 'poisson', rate: 990 }), queueNode('jobs', {}), service('worker', { workers: 10, work: { dist: 'constant', value: 0.01 } })],
      edges: [
        { from: 'users', to: 'jobs', mode: 'async' },
        { from: 'jobs', to: 'worker' },
      ],
      run: { duration: 30, warmup: 5, replications: 1, seed: 2 },
    });
    const spiked = withSpike(model, spike);
    const result = runScenarioInProcess(spiked.scenario);
    const verdict = judgeResilience(spiked.scenario, result, spike);
    expect(verdict.recovers).toBe(false);
    expect(verdict.recoveryTime).toBeNull();
    expect(verdict.end.errorRate).toBe(0);
    const backlog = result.timeSeries.nodes.jobs!.queueLength;
    // ~19 800 at the end of the spike, less ~10/s × 40 s drained by the end.
    expect(backlog[backlog.length - 1]!).toBeGreaterThan(15_000);
    expect(result.stable).toBe(false);
  });
});

describe('a spike inside the warm-up', () => {
  it('is refused with the earliest valid start, since there is no level before it to compare with', () => {
    const healthy = scenario({
      nodes: [source('users', { process: 'poisson', rate: 200 }), service('svc', { workers: 20, work: { dist: 'constant', value: 0.02 } })],
      edges: [{ from: 'users', to: 'svc' }],
      run: { duration: 30, warmup: 5, replications: 1, seed: 4 },
    });
    expect(() => withSpike(healthy, { factor: 3, at: 3, duration: 10, within: 20 })).toThrow(/--at 15/);
    const ok = withSpike(healthy, { factor: 3, at: 15, duration: 10, within: 20 });
    const verdict = judgeResilience(ok.scenario, runScenarioInProcess(ok.scenario), { factor: 3, at: 15, duration: 10, within: 20 });
    expect(verdict.before.throughput).toBeGreaterThan(150);
    expect(verdict.recovers).toBe(true);
  });
});
