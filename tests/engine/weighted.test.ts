/**
 * Weighted and heterogeneous replicas (`balance: "weighted"` with `weights`, and `speed`),
 * against answers worked out independently of the engine.
 *
 * Smooth weighted round robin is deterministic: with weights w it repeats one cycle of
 * Σw picks in which replica i is picked w_i times. A Poisson stream split that way is not
 * Poisson at each replica: the gap between two picks of a replica is the sum of g node
 * arrivals (Erlang-g), so an exponential replica is a GI/M/1 queue whose gaps follow the
 * cycle. `cyclicResponse` solves it exactly (to truncation) by iterating the number in
 * system that each arrival of the cycle finds; the M/M/1 mixture Σ share_i / (μ_i − λ·share_i),
 * which a random split would give, is an upper bound that the smoother split beats.
 */
import { describe, expect, it } from 'vitest';
import { build, edge, exponential, poissonSource, service } from '../helpers/build';
import { gim1Response } from '../helpers/queueing';
import { expectNear, per, replicate } from '../helpers/replicate';
import { compileScenario } from '../../simulation/engine/compile';
import { Engine } from '../../simulation/engine/engine';

/** The replica each of `picks` new requests goes to, straight from the engine's balancer. */
function pickSequence(weights: number[], picks: number): number[] {
  const model = compileScenario(twoTier(1, weights.map(() => 1), { balance: 'weighted', weights }));
  const engine = new Engine(model, 0);
  const node = model.nodes[1]!;
  const base = engine['replicaBase'][1]!;
  return Array.from({ length: picks }, () => engine['chooseReplica'](node, 0, false) - base);
}

function twoTier(lambda: number, means: number[], fields: Record<string, unknown>, seed = 1, replications = 1) {
  return build({
    nodes: [poissonSource('users', lambda), service('svc', exponential(means[0]!), { replicas: means.length, workers: 1, ...fields })],
    edges: [edge('users', 'svc')],
    run: { duration: 2000, warmup: 100, replications, seed },
  });
}

/**
 * Mean response of one exponential (rate μ) FCFS replica whose arrivals come every g_1,
 * g_2, … node arrivals in turn (g cycles), the node's arrivals Poisson(λ). During a gap of
 * g arrivals, j departures happen before it ends with the negative binomial probability
 * C(j+g−1, j)·p^g·q^j, p = λ/(λ+μ), q = 1 − p, while the server has work.
 */
function cyclicResponse(gaps: number[], lambda: number, mu: number, states = 600): number {
  const p = lambda / (lambda + mu);
  const q = 1 - p;
  const kernel = (g: number) => {
    const d = new Float64Array(states);
    d[0] = p ** g;
    for (let j = 1; j < states; j++) d[j] = (d[j - 1]! * q * (j + g - 1)) / j;
    return d;
  };
  const kernels = new Map(gaps.map((g) => [g, kernel(g)]));
  let found = new Float64Array(states);
  found[0] = 1;
  const meanFound = gaps.map(() => 0);
  for (let sweep = 0; sweep < 4000; sweep++) {
    let change = 0;
    gaps.forEach((g, k) => {
      const mean = found.reduce((a, x, n) => a + x * n, 0);
      change = Math.max(change, Math.abs(mean - meanFound[k]!));
      meanFound[k] = mean;
      // After the arrival n + 1 are there; j of them leave during the gap, at most all.
      const d = kernels.get(g)!;
      const next = new Float64Array(states);
      for (let n = 0; n < states - 1; n++) {
        const x = found[n]!;
        if (x === 0) continue;
        let left = 1;
        for (let j = 0; j <= n; j++) {
          next[n + 1 - j] += x * d[j]!;
          left -= d[j]!;
        }
        next[0] += x * left;
      }
      found = next;
    });
    if (sweep > 10 && change < 1e-13) break;
  }
  return meanFound.reduce((a, m) => a + (m + 1) / mu, 0) / gaps.length;
}

/** Each replica's gaps (in node arrivals) between its picks over one cycle of the sequence. */
function gapsOf(cycle: number[], replicas: number): number[][] {
  return Array.from({ length: replicas }, (_, i) => {
    const at = cycle.flatMap((r, k) => (r === i ? [k] : []));
    return at.map((k, j) => (j + 1 < at.length ? at[j + 1]! - k : at[0]! + cycle.length - k));
  });
}

const mm1Mixture = (shares: number[], lambda: number, mus: number[]) => shares.reduce((a, s, i) => a + s / (mus[i]! - lambda * s), 0);

describe('smooth weighted round robin', () => {
  it('picks in nginx’s interleaved cycle, each replica its weight’s share exactly', () => {
    expect(pickSequence([2, 1, 1], 8)).toEqual([0, 1, 2, 0, 0, 1, 2, 0]);
    expect(pickSequence([5, 1, 1], 7)).toEqual([0, 0, 1, 0, 2, 0, 0]);
    const many = pickSequence([3, 2, 0.5], 5500);
    const counts = [0, 1, 2].map((i) => many.filter((r) => r === i).length);
    expect(counts).toEqual([3000, 2000, 500]);
  });

  it('the cyclic GI/M/1 solver agrees with the renewal formula when the gaps are all equal', () => {
    // Every 3rd arrival: Erlang-3 gaps, A*(s) = (λ/(λ+s))³.
    const lambda = 9;
    const mu = 5;
    expect(cyclicResponse([3], lambda, mu)).toBeCloseTo(gim1Response((s) => (lambda / (lambda + s)) ** 3, mu), 10);
    expect(cyclicResponse([1], 3, 5)).toBeCloseTo(1 / (5 - 3), 10);
  });

  it('weights [2, 1, 1] on three exponential replicas: shares 1/2, 1/4, 1/4 and the cyclic GI/M/1 response', () => {
    const S = 0.01;
    const mu = 1 / S;
    const lambda = 150;
    const cycle = pickSequence([2, 1, 1], 4);
    const gaps = gapsOf(cycle, 3);
    expect(gaps).toEqual([[3, 1], [4], [4]]);
    const shares = gaps.map((g) => g.length / cycle.length);
    expect(shares).toEqual([0.5, 0.25, 0.25]);
    const theory = shares.reduce((a, s, i) => a + s * cyclicResponse(gaps[i]!, lambda, mu), 0);
    const r = replicate(twoTier(lambda, [S, S, S], { balance: 'weighted', weights: [2, 1, 1] }, 21, 8));
    expectNear('R', per(r, (d) => d.nodes.svc!.responseTime), theory, { bias: 0.005, precision: 0.05 });
    expect(theory).toBeLessThan(mm1Mixture(shares, lambda, [mu, mu, mu]));
  });
});

describe('speed', () => {
  it('one replica with speed 2 and exponential work of mean S is an M/M/1 of mean S/2', () => {
    const S = 0.02;
    const lambda = 70;
    const r = replicate(twoTier(lambda, [S], { speed: [2] }, 31, 8));
    expectNear('R', per(r, (d) => d.nodes.svc!.responseTime), 1 / (2 / S - lambda), { bias: 0.003, precision: 0.05 });
    expectNear('utilization', per(r, (d) => d.nodes.svc!.utilization ?? NaN), (lambda * S) / 2, { bias: 0.003, precision: 0.05 });
  });

  it('speed applies to background work too', () => {
    // Work then background, both constant, one worker: the worker is held S + B, divided by 2.
    const s = build({
      nodes: [poissonSource('users', 10), service('svc', { dist: 'constant', value: 0.01 }, { workers: 1, speed: [2], background: { dist: 'constant', value: 0.03 } })],
      edges: [edge('users', 'svc')],
      run: { duration: 2000, warmup: 100, replications: 4, seed: 3 },
    });
    expectNear('utilization', per(replicate(s), (d) => d.nodes.svc!.utilization ?? NaN), (10 * 0.04) / 2, { bias: 0.003, precision: 0.05 });
  });

  it('speeds [2, 1]: weighted [2, 1] beats plain round robin, each as its cyclic GI/M/1 says', () => {
    const S = 0.01;
    const mus = [2 / S, 1 / S];
    const lambda = 150;
    // Round robin: every 2nd arrival to each. Weighted [2, 1]: the cycle 0, 1, 0.
    const rrTheory = 0.5 * cyclicResponse([2], lambda, mus[0]!) + 0.5 * cyclicResponse([2], lambda, mus[1]!);
    const cycle = pickSequence([2, 1], 3);
    expect(cycle).toEqual([0, 1, 0]);
    const gaps = gapsOf(cycle, 2);
    const wTheory = (2 / 3) * cyclicResponse(gaps[0]!, lambda, mus[0]!) + (1 / 3) * cyclicResponse(gaps[1]!, lambda, mus[1]!);
    const rr = replicate(twoTier(lambda, [S, S], { speed: [2, 1] }, 41, 8));
    const weighted = replicate(twoTier(lambda, [S, S], { speed: [2, 1], balance: 'weighted', weights: [2, 1] }, 41, 8));
    const rrR = per(rr, (d) => d.nodes.svc!.responseTime);
    const wR = per(weighted, (d) => d.nodes.svc!.responseTime);
    expectNear('round robin R', rrR, rrTheory, { bias: 0.005, precision: 0.05 });
    expectNear('weighted R', wR, wTheory, { bias: 0.005, precision: 0.05 });
    expect(wTheory).toBeLessThan(rrTheory);
    expect(wR.reduce((a, b) => a + b) / wR.length).toBeLessThan(rrR.reduce((a, b) => a + b) / rrR.length);
    // Both sit below what a random split of the same shares would give.
    expect(rrTheory).toBeLessThan(mm1Mixture([0.5, 0.5], lambda, mus));
    expect(wTheory).toBeLessThan(mm1Mixture([2 / 3, 1 / 3], lambda, mus));
  });

  it('speed of all 1s and unused fields change nothing, to the bit', () => {
    const plain = replicate(twoTier(150, [0.01, 0.01], {}, 5, 2)).combined;
    const ones = replicate(twoTier(150, [0.01, 0.01], { speed: [1, 1] }, 5, 2)).combined;
    expect(ones.summary).toEqual(plain.summary);
    expect(ones.nodes).toEqual(plain.nodes);
  });
});
