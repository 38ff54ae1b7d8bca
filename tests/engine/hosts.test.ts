/**
 * Shared hosts (`hosts`, a node's `host`) against exact answers.
 *
 * Two services whose own work shares one CPU, first come first served, are one M/G/1
 * queue for their combined work: Poisson arrivals of total rate λ = λa + λb, service
 * times a mixture (a's with probability λa ÷ λ). Pollaczek–Khinchine gives the mean wait
 * Wq = λ·E[S²] ÷ (2(1 − ρ)) with E[S²] the mixture's second moment, and by PASTA both
 * services' requests see that same wait, so each one's response is Wq + its own mean work.
 */
import { describe, expect, it } from 'vitest';
import { build, constant, edge, exponential, poissonSource, service, type Fields } from '../helpers/build';
import { pkResponse } from '../helpers/queueing';
import { expectNear, per, replicate } from '../helpers/replicate';
import { formatSummary } from '../../simulation/format/summary';
import { renderReport } from '../../simulation/report/html';
import { formatPercent } from '../../simulation/locale/units';

const Sa = 0.01; // exponential: E[S²] = 2·Sa²
const Sb = 0.02; // constant: E[S²] = Sb²
const la = 30;
const lb = 20;

function pair(host: Fields | null, a: Fields = {}, b: Fields = {}, seed = 1, replications = 10, faults?: Fields[]) {
  const on = host === null ? {} : { host: 'pod' };
  return build({
    nodes: [
      poissonSource('ua', la),
      poissonSource('ub', lb),
      service('app', exponential(Sa), { ...on, ...a }),
      service('sidecar', constant(Sb), { ...on, ...b }),
    ],
    edges: [edge('ua', 'app'), edge('ub', 'sidecar')],
    run: { duration: 2000, warmup: 100, replications, seed },
    ...(host === null ? {} : { hosts: [{ id: 'pod', ...host }] }),
    ...(faults ? { faults } : {}),
  });
}

/** Pollaczek–Khinchine mean wait of the mixed stream at rate λ·scale. */
function mixedWait(scale = 1): number {
  const l = (la + lb) * scale;
  const mean = (la * Sa + lb * Sb) / (la + lb);
  const second = (la * 2 * Sa * Sa + lb * Sb * Sb) / (la + lb);
  return pkResponse(l, mean, second) - mean;
}

describe('shared hosts', () => {
  it('two services on one CPU are one M/G/1 of their mixed work (Pollaczek–Khinchine)', () => {
    const wq = mixedWait();
    expect(wq).toBeCloseTo(0.014 / (2 * 0.3), 12);
    const r = replicate(pair({ cpus: 1 }));
    expectNear('app R', per(r, (d) => d.nodes.app!.responseTime), wq + Sa, { bias: 0.01, precision: 0.05 });
    expectNear('sidecar R', per(r, (d) => d.nodes.sidecar!.responseTime), wq + Sb, { bias: 0.01, precision: 0.05 });
    // The wait is the CPU's: both report it as time waiting for a CPU.
    expectNear('app CPU wait', per(r, (d) => d.nodes.app!.cpuWaitTime ?? NaN), wq, { bias: 0.015, precision: 0.06 });
    // Apart (no host) each would be alone on unlimited CPUs: no wait at all.
    const apart = replicate(pair(null, {}, {}, 1, 2)).combined;
    expect(apart.nodes.app!.responseTime).toBeLessThan(Sa * 1.05);
  });

  it('a host’s utilization is the sum of its nodes’ work rates λa·E[Sa] + λb·E[Sb], within its interval', () => {
    const rho = la * Sa + lb * Sb;
    expect(rho).toBeCloseTo(0.7, 12);
    const r = replicate(pair({ cpus: 1 }));
    const host = r.combined.hosts!.pod!;
    expect(host.cpus).toBe(1);
    const [low, high] = host.utilizationCi;
    expect(low, `interval [${low}, ${high}] should hold ${rho}`).toBeLessThanOrEqual(rho);
    expect(high, `interval [${low}, ${high}] should hold ${rho}`).toBeGreaterThanOrEqual(rho);
    expect(high - low).toBeGreaterThan(0);
    expect(high - low).toBeLessThan(0.02);
    expectNear('host utilization', per(r, (d) => d.hosts!.pod!.utilization), rho, { bias: 0.01, precision: 0.02 });
    // Each node's part is its own work rate, and the parts add up to the whole.
    expectNear('app part', per(r, (d) => d.hosts!.pod!.nodes.app!), la * Sa, { bias: 0.01, precision: 0.03 });
    expectNear('sidecar part', per(r, (d) => d.hosts!.pod!.nodes.sidecar!), lb * Sb, { bias: 0.01, precision: 0.03 });
    expect(host.nodes.app! + host.nodes.sidecar!).toBeCloseTo(host.utilization, 12);
    // The CLI's summary and the HTML report show it, in both languages.
    const u = formatPercent(host.utilization, 1);
    expect(formatSummary(r.combined)).toContain(`Host        pod: CPUs ${u} ± ${formatPercent((high - low) / 2, 1)} busy (1 CPU): app ${formatPercent(host.nodes.app!, 1)}, sidecar`);
    expect(formatSummary(r.combined, 'zh-CN')).toMatch(new RegExp(`主机 +pod：CPU ${u.replace('.', '\\.')} ± .+ 忙碌（1 个 CPU）：app .+，sidecar`));
    expect(renderReport(pair({ cpus: 1 }), r.combined)).toContain(`<li>pod: CPUs ${u}`);
    // Two copies of the host share the same work: each is half as busy.
    const two = replicate(pair({ cpus: 1, replicas: 2 }, { replicas: 2, balance: 'random' }, { replicas: 2, balance: 'random' }, 7, 4)).combined.hosts!.pod!;
    expect(two.replicas).toBe(2);
    expect(two.utilization).toBeGreaterThan(rho / 2 - 0.02);
    expect(two.utilization).toBeLessThan(rho / 2 + 0.02);
    // Without hosts the block is absent.
    expect(replicate(pair(null, {}, {}, 1, 2)).combined.hosts).toBeUndefined();
  });

  it('host replicas: replica i of each node runs on host copy i mod replicas', () => {
    // A random split sends each copy Poisson halves of both streams: two M/G/1s at λ/2 each.
    const r = replicate(pair({ cpus: 1, replicas: 2 }, { replicas: 2, balance: 'random' }, { replicas: 2, balance: 'random' }, 7));
    const wq = mixedWait(0.5);
    expectNear('app R', per(r, (d) => d.nodes.app!.responseTime), wq + Sa, { bias: 0.01, precision: 0.05 });
    expectNear('sidecar R', per(r, (d) => d.nodes.sidecar!.responseTime), wq + Sb, { bias: 0.01, precision: 0.05 });
  });

  it('a node’s own cpus still bound it on a roomier host', () => {
    // Host of 2 CPUs; app limited to 1: app is an M/M/1 whatever the host has free.
    const s = build({
      nodes: [poissonSource('ua', 60), service('app', exponential(Sa), { host: 'vm', cpus: 1, workers: 100 })],
      edges: [edge('ua', 'app')],
      run: { duration: 2000, warmup: 100, replications: 8, seed: 3 },
      hosts: [{ id: 'vm', cpus: 2 }],
    });
    const r = replicate(s);
    expectNear('app R', per(r, (d) => d.nodes.app!.responseTime), 1 / (1 / Sa - 60), { bias: 0.01, precision: 0.05 });
  });

  it('a host that never binds changes nothing, to the bit', () => {
    const plain = replicate(pair(null, {}, {}, 5, 2)).combined;
    const roomy = replicate(pair({ cpus: 1024 }, {}, {}, 5, 2)).combined;
    expect(roomy.summary).toEqual(plain.summary);
    expect(roomy.nodes).toEqual(plain.nodes);
  });

  it('a failed replica gives its host CPUs back: the other node on the host goes on', () => {
    const fault = [{ node: 'app', at: 500, for: 300 }];
    const r = replicate(pair({ cpus: 1 }, {}, {}, 9, 2, fault)).combined;
    expect(r.nodes.app!.failed).toBeGreaterThan(0);
    expect(r.nodes.sidecar!.failed).toBe(0);
    expect(r.nodes.sidecar!.throughput).toBeCloseTo(lb, 0);
  });
});
