/**
 * Completion time (issue 11 §4) against exact answers: a request through an M/M/1 api
 * whose async message goes through a zero-time broker to an M/M/1 consumer is a tandem
 * of two M/M/1 queues, whose sojourns are independent exponentials of rates μ1 − λ and
 * μ2 − λ (Burke; Reich), so its completion is hypoexponential.
 */
import { describe, expect, it } from 'vitest';
import { build, constant, edge, exponential, poissonSource, service } from '../helpers/build';
import { expectNear, per, replicate } from '../helpers/replicate';
import { formatSummary } from '../../simulation/format/summary';
import { renderFinding, sentenceContext } from '../../simulation/findings/render';
import { resultSections } from '../../simulation/report/html';

/** The q-quantile of the sum of independent exponentials of rates a ≠ b. */
function hypoexponentialQuantile(a: number, b: number, q: number): number {
  const survival = (t: number) => (b * Math.exp(-a * t) - a * Math.exp(-b * t)) / (b - a);
  let lo = 0;
  let hi = 1;
  while (survival(hi) > 1 - q) hi *= 2;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (survival(mid) > 1 - q) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

const lambda = 4;
const mu1 = 8;
const mu2 = 6;

function tandem(extra: { slo?: Record<string, unknown>; consumerWork?: number; duration?: number } = {}) {
  return build({
    nodes: [
      poissonSource('users', lambda),
      service('api', exponential(1 / mu1), { workers: 1 }),
      { id: 'rabbitmq', kind: 'queue', latency: constant(0) },
      service('celery', exponential(extra.consumerWork ?? 1 / mu2), { workers: 1 }),
    ],
    edges: [edge('users', 'api'), edge('api', 'rabbitmq', { mode: 'async' }), edge('rabbitmq', 'celery')],
    run: { duration: extra.duration ?? 6000, warmup: 50, replications: extra.duration ? 4 : 16, seed: 11 },
    ...(extra.slo ? { slo: extra.slo } : {}),
  });
}

describe('completion time', () => {
  it('a tandem of two M/M/1 queues: completion mean 1/(μ1−λ) + 1/(μ2−λ), and the hypoexponential p50, p95, p99', () => {
    const r = replicate(tandem());
    const a = mu1 - lambda;
    const b = mu2 - lambda;
    expectNear('latency mean', per(r, (d) => d.summary.latency.mean), 1 / a, { bias: 0.01, precision: 0.05 });
    expectNear('completion mean', per(r, (d) => d.summary.completion!.mean), 1 / a + 1 / b, { bias: 0.01, precision: 0.05 });
    for (const [key, q] of [['p50', 0.5], ['p95', 0.95], ['p99', 0.99]] as const) {
      expectNear(`completion ${key}`, per(r, (d) => d.summary.completion![key]), hypoexponentialQuantile(a, b, q), { bias: 0.01, precision: 0.06 });
    }
    // Every request's completion is its latency, then its message's time at the broker and the consumer.
    for (const d of r.perRep) {
      const parts = d.summary.latency.mean + d.nodes.rabbitmq!.responseTime + d.nodes.celery!.responseTime;
      expect(Math.abs(d.summary.completion!.mean - parts) / parts).toBeLessThan(0.01);
    }
    const c = r.combined.summary.completion!;
    // The one path, the one source and the one class all hold every request.
    expect(c.paths.map((p) => p.path)).toEqual([['api', 'rabbitmq', 'celery']]);
    expect(c.paths[0]!.p99).toBeCloseTo(c.p99, 1);
    expect(c.sources.users!.mean).toBeCloseTo(c.mean, 6);
    expect(r.combined.classes.default!.completion!.mean).toBeCloseTo(c.mean, 6);
    expect(c.ci.p99[0]).toBeLessThanOrEqual(c.p99);
    expect(c.ci.p99[1]).toBeGreaterThanOrEqual(c.p99);
    expect(c.rate).toBeCloseTo(lambda, 0);
    // A stable run leaves only the last moments' requests unfinished: no figure is a mere lower bound.
    expect(c.unfinished).toBeGreaterThanOrEqual(0);
    expect(c.unfinishedShare).toBeLessThan(0.001);
    expect(c.lowerBound).toEqual([]);
  });

  it('meets a completion SLO the tandem meets, and misses one it does not', () => {
    const p99 = hypoexponentialQuantile(mu1 - lambda, mu2 - lambda, 0.99);
    const met = replicate(tandem({ slo: { completion: { p99: p99 * 1.2 } }, duration: 600 })).combined;
    expect(met.summary.slo['completion.p99']!.met).toBe(true);
    expect(met.summary.sloVerdict).toBe('met');
    const missed = replicate(tandem({ slo: { completion: { p99: p99 * 0.8 }, p99: 10 }, duration: 600 })).combined;
    // The api's own latency meets its bound: only the async work misses.
    expect(missed.summary.slo.p99!.met).toBe(true);
    expect(missed.summary.slo['completion.p99']!.met).toBe(false);
    expect(missed.summary.sloReasons).toEqual([{ reason: 'bound', key: 'completion.p99' }]);
  });

  it('an overloaded consumer: the unfinished requests are counted, the percentiles are lower bounds, and the SLO is not met', () => {
    // The consumer serves 2/s of the 4/s published: its backlog grows by about 2 each second.
    const scenario = tandem({ consumerWork: 0.5, duration: 600, slo: { completion: { p99: 3600 } } });
    const r = replicate(scenario).combined;
    const c = r.summary.completion!;
    // About half the requests answered in the window never got their consumer's work done.
    expect(c.unfinishedShare).toBeGreaterThan(0.4);
    expect(c.unfinishedShare).toBeLessThan(0.6);
    expect(c.unfinished).toBeGreaterThan(0.4 * lambda * 600);
    // The messages stuck in the backlog count on their path too.
    expect(c.paths[0]!.unfinishedShare).toBeGreaterThan(0.4);
    expect(c.lowerBound).toEqual(['mean', 'p50', 'p90', 'p95', 'p99', 'p999', 'max']);
    const check = r.summary.slo['completion.p99']!;
    expect(check.actual).toBeLessThan(3600);
    expect(check.lowerBound).toBe(true);
    expect(check.met).toBe(false);
    expect(r.summary.sloVerdict).toBe('notMet');
    expect(r.summary.sloReasons).toContainEqual({ reason: 'unstable', node: 'rabbitmq' });
    expect(r.summary.sloReasons).toContainEqual({ reason: 'unfinished', key: 'completion.p99' });
    // Every surface says the figures are lower bounds, in both languages.
    const reason = r.findings.find((f) => f.code === 'sloReason' && f.figures.reason === 'unfinished')!;
    expect(renderFinding(reason, sentenceContext('en'))).toMatch(/^completion p99 is at least .+ \(bound [^)]+\), only a lower bound/);
    expect(renderFinding(reason, sentenceContext('zh-CN'))).toMatch(/^完成时间 p99至少为 .+只是下限/);
    const en = formatSummary(r, 'en');
    expect(en).toMatch(/^ {2}Completion {2}mean .*\(unfinished at the end .*: lower bounds\)$/m);
    expect(en).toMatch(/^ {2}Completion {2}api → rabbitmq → celery: /m);
    expect(formatSummary(r, 'zh-CN')).toMatch(/^ {2}完成时间 +均值 .*以上只是下限）$/m);
    expect(resultSections(scenario, r, 'en')).toContain('Figures marked ≥ are only lower bounds');
    expect(resultSections(scenario, r, 'zh-CN')).toContain('标有 ≥ 的数字只是下限');
  });

  it('counts work that goes on after the answer: a member a group left running, background work', () => {
    // Constant times and unlimited workers: every request takes exactly the same course.
    const r = replicate(
      build({
        nodes: [
          poissonSource('users', 2),
          service('api', constant(0.05), { background: constant(0.3) }),
          service('fast', constant(0.1)),
          service('slow', constant(1)),
        ],
        edges: [
          edge('users', 'api'),
          // join any: the api goes on at fast's answer (0.15 s) while slow runs on until 1.05 s.
          edge('api', 'fast', { group: 'g', join: 'any' }),
          edge('api', 'slow', { group: 'g' }),
        ],
        run: { duration: 200, replications: 2, seed: 5 },
      }),
    ).combined;
    expect(r.summary.latency.p99).toBeCloseTo(0.15, 6);
    // The api's answer at 0.15 s is followed by its background work until 0.45 s, and by slow until 1.05 s.
    expect(r.summary.completion!.p50).toBeCloseTo(1.05, 2);
    expect(r.summary.completion!.max).toBeCloseTo(1.05, 2);
    // The requests still running at the end enter at their age, below 1.05 s: the mean is at most that.
    const c = r.summary.completion!;
    expect(c.unfinished).toBeGreaterThan(0);
    expect(c.mean).toBeLessThanOrEqual(1.05 + 1e-9);
    expect(c.mean).toBeGreaterThanOrEqual(1.05 * (1 - c.unfinishedShare) - 1e-9);
    // A few in a short run: only p99.9, whose tail they could fill, is a mere lower bound.
    expect(c.unfinishedShare).toBeLessThan(0.01);
    expect(c.lowerBound).toEqual(c.unfinishedShare > 0.001 ? ['p999'] : []);
    expect(c.paths).toEqual([]);
  });

  it('without async work there is no completion figure, and a completion bound is judged on the latency', () => {
    const r = replicate(
      build({
        nodes: [poissonSource('users', lambda), service('api', exponential(1 / mu1), { workers: 1 })],
        edges: [edge('users', 'api')],
        run: { duration: 200, replications: 2, seed: 3 },
        slo: { completion: { p99: 100 } },
      }),
    ).combined;
    expect(r.summary.completion).toBeUndefined();
    expect(r.classes.default!.completion).toBeUndefined();
    expect(r.summary.slo['completion.p99']).toEqual({ bound: 100, actual: r.summary.latency.p99, met: true });
  });
});
