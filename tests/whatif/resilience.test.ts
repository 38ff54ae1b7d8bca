/**
 * Resilience: a spike on top of the base load, then back. A system with headroom
 * recovers at once; one whose spike leaves work it can never get through (a retry
 * storm, a backlog drained at 1% spare capacity) stays degraded.
 *
 * Service times are constant so that p99 before the spike is the work itself, with
 * no noise for the 25% tolerance of the judge to trip on.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { renderFinding, sentenceContext } from '../../simulation/findings/render';
import type { Scenario } from '../../simulation/model/schema';
import { renderReport } from '../../simulation/report/html';
import { runReplicationsInProcess } from '../../simulation/runner/runScenario';
import { aggregate } from '../../simulation/analysis/aggregate';
import { judgeRecovery, judgeResilience, replicationSeries, withSpike, type ReplicationSeries, type ResilienceOptions, type ResilienceVerdict } from '../../simulation/whatif/resilience';
import { cli, queueNode, scenario, service, source, tempDir } from './helpers';

/** withSpike, the replications in this thread, and the verdict on them. */
function judgeInProcess(model: Scenario, o: ResilienceOptions) {
  const spiked = withSpike(model, o);
  const { model: compiled, tallies } = runReplicationsInProcess(spiked.scenario);
  const result = aggregate(spiked.scenario, compiled, tallies, { wallSeconds: 0 });
  const series = replicationSeries(compiled, tallies);
  return { spiked, result, series, verdict: judgeResilience(spiked, result, series, o) };
}

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
    const { scenario: s, source: id, findings } = withSpike(base, spike);
    expect(id).toBe('users');
    expect(findings).toEqual([]);
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
    expect(() => withSpike(two, { ...spike, source: 'svc' })).toThrow('"svc" is not a source');
  });

  it('says so when the spike replaces the source\'s own load profile', () => {
    const profiled = { ...base, nodes: base.nodes.map((n) => (n.kind === 'source' ? { ...n, profile: [{ at: 0, scale: 1 }, { at: 40, scale: 2 }] } : n)) };
    expect(withSpike(profiled, spike).findings).toEqual([{ code: 'resilience.profileReplaced', node: 'users', severity: 'warning', figures: {} }]);
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
    // Recovered from the first time bucket that starts at or after the spike's end
    // (t = 30 s): buckets are 70/120 s long, so that one starts at 52 × 70/120 =
    // 30.333 s — the least recovery time the judge can report.
    const ts = verdict.result.timeSeries;
    expect(ts.interval).toBeCloseTo(70 / 120, 12);
    const firstAfter = ts.start.find((t) => t >= 30)!;
    expect(verdict.recoveryTime).toBeCloseTo(firstAfter - 30, 9);
    expect(verdict.recoveryTime!).toBeLessThan(ts.interval);
    // What was compared: within = 20 s gives a window of 20/6 s in whole buckets
    // (6 × 0.583 = 3.5 s) and a hold of 20/4 = 5 s (9 buckets, 5.25 s).
    expect(verdict.criteria.window).toBeCloseTo(6 * (70 / 120), 9);
    expect(verdict.criteria.hold).toBeCloseTo(9 * (70 / 120), 9);
    expect(verdict.criteria.figures.map((c) => c.metric)).toEqual(['queue', 'errorRate', 'p99']);
    const p99 = verdict.criteria.figures.find((c) => c.metric === 'p99')!;
    expect(p99.baseline.low).toBeLessThanOrEqual(p99.baseline.mean);
    expect(p99.baseline.high).toBeGreaterThanOrEqual(p99.baseline.mean);
    expect(p99.limit).toBeCloseTo(p99.baseline.high * 1.25, 12);
    expect(verdict.before.p99).toBeCloseTo(0.02, 3);
    expect(verdict.worst.p99).toBeLessThan(0.02 * 1.25);
    expect(verdict.end.errorRate).toBe(0);
    expect(verdict.before.throughput).toBeGreaterThan(180);
    expect(verdict.before.throughput).toBeLessThan(220);
    expect(verdict.evidence.at(-1)).toMatch(/^back to the level before the spike .* after the spike ended and held for 5.25 s \(limit 20 s\)$/);
    expect(verdict.evidence).toContain('p99 before the spike (5.25 s to 19.8 s): 20 ms (the same in all 2 replications); back when its mean over a 3.5 s window is at most 25 ms');
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
    const { result, verdict } = judgeInProcess(model, spike);
    expect(verdict.recovers).toBe(false);
    expect(verdict.recoveryTime).toBeNull();
    expect(verdict.end.errorRate).toBe(0);
    const backlog = result.timeSeries.nodes.jobs!.queueLength;
    // ~19 800 at the end of the spike, less ~10/s × 40 s drained by the end.
    expect(backlog[backlog.length - 1]!).toBeGreaterThan(15_000);
    expect(result.stable).toBe(false);
    // It says which figure is still out, by how much, in both languages.
    const degraded = verdict.findings.at(-1)!;
    expect(degraded).toMatchObject({ code: 'resilience.degraded', severity: 'warning', figures: { metric: 'queue' } });
    expect(degraded.figures.value as number).toBeGreaterThan(15_000);
    expect(degraded.figures.limit as number).toBeLessThan((degraded.figures.value as number) / 100);
    expect(verdict.evidence.at(-1)).toMatch(/^not back to the level before the spike by the end of the run: requests waiting \(all nodes\) is .* over the last .* window, above its limit of .*; the system stays degraded$/);
    expect(renderFinding(degraded, sentenceContext('zh-CN'))).toContain('系统持续处于降级状态');
    // The HTML report puts the verdict above the run, in the report's language.
    const html = renderReport(withSpike(model, spike).scenario, result, 'zh-CN', verdict.findings);
    expect(html).toContain('<h2>结论</h2>');
    expect(html).toContain('到运行结束仍未回到峰值前的水平');
  });
});

describe('a short spike followed by noise (the case seen in issue 7)', () => {
  // 10 workers × exponential 10 ms = 1000 req/s; base 700/s (ρ = 0.7). The spike
  // doubles it for 4 s: the backlog grows at 400/s and drains at 300/s, so the
  // backlog left by the spike is gone some 5 s after it ends. After that M/M/10 at
  // ρ = 0.7 now and then queues a couple of requests for a moment; a rule that needs
  // every later time bucket within 25% of the baseline (plus one request) reads such a
  // blip 40–80 s later as "not yet recovered".
  const short = { factor: 2, at: 30, duration: 4, within: 60 };
  const spikeEnd = short.at + short.duration;

  /** When the backlog of the fluid model (arrivals at the profile's rate, served at capacity) is gone. */
  function fluidRecovery(profile: { at: number; scale: number }[]): number {
    const scaleAt = (t: number) => {
      if (t >= profile.at(-1)!.at) return profile.at(-1)!.scale;
      const k = profile.findIndex((p, i) => t >= p.at && t < profile[i + 1]!.at);
      const a = profile[k]!;
      const b = profile[k + 1]!;
      return a.scale + ((b.scale - a.scale) * (t - a.at)) / (b.at - a.at);
    };
    const dt = 1e-4;
    let backlog = 0;
    for (let t = short.at; t < 200; t += dt) {
      backlog = Math.max(0, backlog + (700 * scaleAt(t) - 1000) * dt);
      if (t > spikeEnd && backlog === 0) return t - spikeEnd;
    }
    throw new Error('the fluid backlog never drained');
  }

  it.each([
    [1, 1],
    [1, 2],
    [1, 3],
    [3, 1],
  ])('with %i replication(s), seed %i: recovery within 2 s of the truth, not delayed by later blips', (replications, seed) => {
    const model = scenario({
      name: 'short spike',
      nodes: [source('users', { process: 'poisson', rate: 700 }), service('svc', { workers: 10, work: { dist: 'exponential', mean: 0.01 } })],
      edges: [{ from: 'users', to: 'svc' }],
      run: { duration: 30, warmup: 5, replications, seed },
    });
    const { spiked, result, verdict } = judgeInProcess(model, short);
    const users = spiked.scenario.nodes.find((n) => n.id === 'users')!;
    const truth = fluidRecovery(users.kind === 'source' ? users.profile! : []);
    expect(truth).toBeGreaterThan(4.5);
    expect(truth).toBeLessThan(6);
    expect(verdict.recovers).toBe(true);
    expect(Math.abs(verdict.recoveryTime! - truth)).toBeLessThan(2);
    // The run does have the kind of blip that fooled the per-bucket rule: a bucket, well
    // after the real recovery, with p99 above 1.25 × its baseline or a queue above
    // 1.25 × its baseline + 1.
    const ts = result.timeSeries;
    const queue = ts.nodes.svc!.queueLength;
    const baseIdx = ts.start.map((t, i) => (t >= 10 && t + ts.interval <= short.at ? i : -1)).filter((i) => i >= 0);
    const meanAt = (xs: number[]) => baseIdx.reduce((a, i) => a + xs[i]!, 0) / baseIdx.length;
    const [baseQueue, baseP99] = [meanAt(queue), meanAt(ts.p99)];
    const blips = ts.start.filter((t, i) => t > spikeEnd + truth + 10 && (queue[i]! > baseQueue * 1.25 + 1 || ts.p99[i]! > baseP99 * 1.25));
    if (replications === 1) expect(blips.length).toBeGreaterThan(0);
    if (replications === 1) expect(verdict.findings.map((f) => f.code)).toContain('resilience.oneReplication');
  });
});

/** One replication's series of a quiet system: 100 requests per 0.5 s bucket at 20 ms, no queue, no errors. */
function quietSeries(buckets: number, change: (i: number, s: { ok: number[]; ended: number[]; errors: number[]; p99: number[]; waitingArea: number[] }) => void): ReplicationSeries {
  const s = { ok: new Array<number>(buckets).fill(100), ended: new Array<number>(buckets).fill(100), errors: new Array<number>(buckets).fill(0), p99: new Array<number>(buckets).fill(0.02), waitingArea: new Array<number>(buckets).fill(0.01) };
  for (let i = 0; i < buckets; i++) change(i, s);
  return { interval: 0.5, ...s, stoppedEarly: false };
}

describe('judgeRecovery on constructed series', () => {
  const base = scenario({
    nodes: [source('users', { process: 'poisson', rate: 200 }), service('svc', { workers: 20, work: { dist: 'constant', value: 0.02 } })],
    edges: [{ from: 'users', to: 'svc' }],
    run: { duration: 95, warmup: 5, replications: 1, seed: 1 },
  });
  const o = { factor: 3, at: 30, duration: 10, within: 60 };
  const spiked = withSpike(base, o);
  const run = { warmup: 5, confidence: 0.95 };
  // A backlog of 500 requests at the end of the spike (t = 40 s), drained linearly by 45 s.
  const drained = (i: number, s: { waitingArea: number[]; p99: number[] }) => {
    const t = i * 0.5;
    if (t >= 30 && t < 40) s.waitingArea[i] = 0.5 * 50 * (t - 30);
    if (t >= 40 && t < 45) s.waitingArea[i] = 0.5 * 100 * (45 - t);
    if (t >= 30 && t < 45) s.p99[i] = 0.5;
  };

  it('a 1.8-request blip 47 s after the spike does not move the recovery from ~5 s', () => {
    const series = quietSeries(200, (i, s) => {
      drained(i, s);
      if (i === 174) s.waitingArea[i] = 0.5 * 1.8;
    });
    const verdict = judgeRecovery(spiked, [series], run, o);
    expect(verdict.recovers).toBe(true);
    expect(verdict.recoveryTime!).toBeGreaterThan(4);
    expect(verdict.recoveryTime!).toBeLessThan(6.5);
    expect(verdict.findings.at(-1)!.code).toBe('resilience.recovered');
  });

  it('a degradation longer than the hold time after a recovery is a relapse, not a recovery', () => {
    // Back at ~5 s, then 40 s after the spike a backlog of 50 for 20 s (the hold is 15 s).
    const series = quietSeries(200, (i, s) => {
      drained(i, s);
      if (i >= 160 && i < 200) s.waitingArea[i] = 0.5 * 50;
    });
    const verdict = judgeRecovery(spiked, [series], run, o);
    expect(verdict.recovers).toBe(false);
    expect(verdict.recoveryTime).toBeNull();
    expect(verdict.findings.map((f) => f.code)).toEqual(expect.arrayContaining(['resilience.relapsed', 'resilience.degraded']));
    const relapse = verdict.findings.find((f) => f.code === 'resilience.relapsed')!;
    expect(relapse.figures.recoveredAt as number).toBeLessThan(6.5);
    expect(relapse.figures.from as number).toBeCloseTo(40, 0);
  });

  it('judges the replications\' means: a blip in one of three replications moves neither the time nor its range', () => {
    const series = [0, 1, 2].map((r) => quietSeries(200, (i, s) => {
      drained(i, s);
      if (r === 1 && i === 120) s.waitingArea[i] = 0.5 * 1.8;
    }));
    const verdict = judgeRecovery(spiked, series, run, o);
    expect(verdict.recoveryTime!).toBeGreaterThan(4);
    expect(verdict.recoveryTime!).toBeLessThan(6.5);
    expect(verdict.recoveryRange![0]).toBeLessThanOrEqual(verdict.recoveryTime!);
    expect(verdict.recoveryRange![1]!).toBeGreaterThanOrEqual(verdict.recoveryTime!);
    expect(verdict.recoveryRange![1]!).toBeLessThan(6.5);
  });

  it('does not count a run with a replication stopped early as recovered, and says so as its verdict', () => {
    const series = [quietSeries(200, drained), { ...quietSeries(200, drained), stoppedEarly: true }];
    const verdict = judgeRecovery(spiked, series, run, o);
    expect(verdict.recoveryTime!).toBeLessThan(6.5);
    expect(verdict.recovers).toBe(false);
    expect(verdict.findings.at(-1)).toEqual({ code: 'resilience.stoppedEarly', severity: 'warning', figures: { stopped: 1, replications: 2 } });
  });

  it('warns when another source\'s load profile changes while the verdict measures', () => {
    const two = scenario({
      nodes: [
        source('users', { process: 'poisson', rate: 200 }),
        source('batch', { process: 'poisson', rate: 50 }, { label: 'Nightly batch', profile: [{ at: 0, scale: 1 }, { at: 35, scale: 1 }, { at: 50, scale: 2 }] }),
        source('steady', { process: 'poisson', rate: 50 }, { profile: [{ at: 0, scale: 0.5 }] }),
        source('later', { process: 'poisson', rate: 50 }, { profile: [{ at: 0, scale: 1 }, { at: 500, scale: 1 }, { at: 600, scale: 3 }] }),
        service('svc', { workers: 20, work: { dist: 'constant', value: 0.02 } }),
      ],
      edges: [{ from: 'users', to: 'svc' }, { from: 'batch', to: 'svc' }, { from: 'steady', to: 'svc' }, { from: 'later', to: 'svc' }],
      run: { duration: 95, warmup: 5, replications: 1, seed: 1 },
    });
    const spikedTwo = withSpike(two, { ...o, source: 'users' });
    const verdict = judgeRecovery(spikedTwo, [quietSeries(200, drained)], run, o);
    const overlaps = verdict.findings.filter((f) => f.code === 'resilience.otherProfile');
    // Only the source whose load changes inside the span: not the constant one, not the one that changes after the run.
    expect(overlaps).toEqual([{ code: 'resilience.otherProfile', node: 'batch', severity: 'warning', figures: { from: 35, to: 50, minScale: 1, maxScale: 2, spanFrom: 5, spanTo: 100 } }]);
    const labels = { batch: 'Nightly batch' };
    expect(renderFinding(overlaps[0]!, sentenceContext('en', labels))).toBe("Nightly batch's load profile changes between 35 s and 50 s (×1 to ×2), inside the span the verdict measures (5 s to 100 s): part of what it sees comes from that source, not from the spike");
    expect(renderFinding(overlaps[0]!, sentenceContext('zh-CN', labels))).toContain('Nightly batch 的负载曲线在 35 s 到 50 s 之间变化');
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
    const { verdict } = judgeInProcess(healthy, { factor: 3, at: 15, duration: 10, within: 20 });
    expect(verdict.before.throughput).toBeGreaterThan(150);
    expect(verdict.recovers).toBe(true);
  });
});
