/**
 * One meaning of utilization (issue 7, point 3; spec version 1.1): the cases seen
 * before, each as a test. A share of an unlimited resource is null in the result
 * document, and every surface shows the busiest limited resource by name, or "–".
 *
 * The service case: 120/s into a service with 1 CPU and unlimited workers, 5 ms of
 * CPU work and a 50 ms sync call to an external: CPUs busy λ·S = 0.6, about
 * 120 × 0.057 ≈ 7 requests in flight (which used to print as "utilization 700%").
 */
import { describe, expect, it } from 'vitest';
import { compileScenario } from '../simulation/engine/compile';
import { displayedUtilization, estimateFigures, utilizationText } from '../simulation/measures/utilization';
import { formatSummary } from '../simulation/format/summary';
import { estimate } from '../simulation/estimate/estimate';
import { renderReport } from '../simulation/report/html';
import { compareTallies } from '../simulation/whatif/compare';
import type { Scenario } from '../simulation/model/schema';
import { build, constant, edge, exponential, poissonSource, service } from './helpers/build';
import { replicate } from './helpers/replicate';
import { cli, tempDir } from './whatif/helpers';

const run = { duration: 40, warmup: 4, replications: 3, seed: 71 };

const cpuBound = build({
  nodes: [
    poissonSource('users', 120),
    { id: 'gw', kind: 'gateway', latency: constant(0.001) },
    service('api', exponential(0.005), { cpus: 1 }),
    { id: 'partner', kind: 'external', latency: constant(0.05) },
  ],
  edges: [edge('users', 'gw'), edge('gw', 'api'), edge('api', 'partner')],
  run,
});

/** Every "N%" in a text, as numbers. */
function percentages(text: string): number[] {
  return [...text.matchAll(/(\d+(?:\.\d+)?)\s?%/g)].map((m) => Number(m[1]));
}

describe('the displayed utilization', () => {
  const figures = (kind: string, utilization: number | null, cpuUtilization: number | null, inFlight = 12.3) => ({ kind, utilization, cpuUtilization, inFlight });

  it('names the busiest limited resource: workers, CPUs (services only) or connections (databases)', () => {
    expect(utilizationText(displayedUtilization(figures('service', 0.81, 0.55)), 'en')).toBe('workers 81%');
    expect(utilizationText(displayedUtilization(figures('service', 0.4, 0.55)), 'en')).toBe('CPUs 55%');
    expect(utilizationText(displayedUtilization(figures('service', null, 0.6)), 'en')).toBe('CPUs 60%');
    expect(utilizationText(displayedUtilization(figures('database', 0.93, 0.93)), 'en')).toBe('connections 93%');
    // A gateway's CPUs are its workers: its own-work share is not a resource of its own.
    expect(utilizationText(displayedUtilization(figures('gateway', 0.2, 0.1)), 'en')).toBe('workers 20%');
    expect(displayedUtilization(figures('gateway', null, 0.9))).toEqual({ resource: null, share: null, inFlight: 12.3, waiting: false });
  });

  it('shows "–" for a node with nothing limited, with the mean in flight (a queue: waiting) where there is room', () => {
    const open = displayedUtilization(figures('service', null, null));
    expect(utilizationText(open, 'en')).toBe('– (unlimited; 12.3 in flight)');
    expect(utilizationText(open, 'en', 'short')).toBe('–');
    expect(utilizationText(open, 'en', 'inline')).toBe('12.3 in flight');
    const broker = displayedUtilization({ kind: 'queue', utilization: null, cpuUtilization: null, inFlight: 5000, backlog: 4267.7 });
    expect(utilizationText(broker, 'en', 'inline')).toBe('4268 waiting');
  });

  it('reads in Chinese with no English left', () => {
    expect(utilizationText(displayedUtilization(figures('service', 0.81, 0.55)), 'zh-CN')).toBe('工作线程 81%');
    expect(utilizationText(displayedUtilization(figures('service', null, 0.6)), 'zh-CN')).toBe('CPU 60%');
    expect(utilizationText(displayedUtilization(figures('database', 0.93, 0.5)), 'zh-CN')).toBe('连接 93%');
    const open = utilizationText(displayedUtilization(figures('gateway', null, null)), 'zh-CN');
    expect(open).toBe('–（不限；在途 12.3）');
    expect(open.replace(/CPU/g, '')).not.toMatch(/[A-Za-z]{2,}/);
  });
});

describe('a service with 1 CPU and unlimited workers (seen at 454%)', () => {
  const r = replicate(cpuBound).combined;
  const api = r.nodes.api!;
  const shown = `CPUs ${Math.round(api.cpuUtilization! * 100)}%`;

  it('has a null worker utilization in the result document, and its CPUs busy λ·S', () => {
    expect(api.workers).toBeNull();
    expect(api.utilization).toBeNull();
    expect(api.utilizationCi).toBeNull();
    expect(api.cpuUtilization!).toBeGreaterThan(0.55);
    expect(api.cpuUtilization!).toBeLessThan(0.65);
    // What used to be printed as its utilization: the mean in flight, far above 1.
    expect(api.inFlight).toBeGreaterThan(4);
    expect(r.timeSeries.nodes.api!.utilization).toBeNull();
    expect(r.timeSeries.nodes.gw!.utilization).toBeNull();
  });

  it('shows one figure, "CPUs 60%", in the CLI table, the HTML report and the bottleneck', () => {
    expect(utilizationText(displayedUtilization(api), 'en')).toBe(shown);
    const summary = formatSummary(r);
    const row = summary.split('\n').find((l) => l.trim().startsWith('api '))!;
    expect(row).toContain(shown);
    expect(r.bottleneck!.node).toBe('api');
    expect(r.bottleneck!.resource).toBe('cpus');
    expect(r.bottleneck!.utilization).toBe(api.cpuUtilization);
    const html = renderReport(cpuBound, r);
    expect(html).toContain(`<td>${shown}</td>`);
    for (const text of [summary, html]) for (const p of percentages(text)) expect(p).toBeLessThanOrEqual(100);
  });

  it('the gateway and the external, with unlimited workers, show "–" and never a percentage', () => {
    for (const id of ['gw', 'partner']) {
      expect(r.nodes[id]!.utilization).toBeNull();
      expect(r.nodes[id]!.cpuUtilization).toBeNull();
      expect(utilizationText(displayedUtilization(r.nodes[id]!), 'en', 'short')).toBe('–');
    }
    const row = formatSummary(r).split('\n').find((l) => l.trim().startsWith('gw '))!;
    expect(percentages(row.split(/\s{2,}/).slice(0, 6).join(' '))).toEqual([]);
  });

  it('the instant estimate names the same resource', () => {
    const e = estimate(cpuBound).nodes.api!;
    const offered = displayedUtilization(estimateFigures('service', e));
    expect(offered.resource).toBe('cpus');
    expect(offered.share!).toBeCloseTo(0.6, 6);
  });
});

describe('compare', () => {
  function compare(a: Scenario, b: Scenario) {
    const ra = replicate(a);
    const rb = replicate(b);
    return compareTallies({ scenario: a, model: compileScenario(a), tallies: ra.tallies }, { scenario: b, model: compileScenario(b), tallies: rb.tallies });
  }

  it('a gateway with unlimited workers has no utilization difference (seen as 737% → 679%); the CPU-bound api has one, of its CPUs', () => {
    const twoCpus = { ...cpuBound, nodes: cpuBound.nodes.map((n) => (n.id === 'api' ? { ...n, cpus: 2 } : n)) } as Scenario;
    const doc = compare(cpuBound, twoCpus);
    const gw = doc.nodes.gw!;
    expect(gw.utilization).toBeNull();
    expect(gw.resource).toBeNull();
    expect(utilizationText(gw.a, 'en')).toMatch(/^– \(unlimited; [\d.]+ in flight\)$/);
    const api = doc.nodes.api!;
    expect(api.resource).toBe('cpus');
    // Twice the CPUs halve the share: 0.6 → 0.3, paired over common random numbers.
    expect(api.utilization!.difference).toBeLessThan(-0.25);
    expect(api.utilization!.significant).toBe(true);
    expect(utilizationText(api.a, 'en')).toBe(`CPUs ${Math.round(api.a.share! * 100)}%`);
  });
});

describe('warnings', () => {
  it('an unstable broker backlog never prints a percentage above 100% (seen as 426769%)', () => {
    const s = build({
      nodes: [poissonSource('users', 200), { id: 'broker', kind: 'queue' }, service('worker', exponential(0.01), { workers: 1 })],
      edges: [edge('users', 'broker', { mode: 'async' }), edge('broker', 'worker')],
      run: { duration: 20, warmup: 0, replications: 1, seed: 62 },
    });
    const r = replicate(s).combined;
    const warning = r.warnings.find((w) => w.startsWith('broker'))!;
    expect(warning).toMatch(/^broker: the backlog grows without bound \(about [\d.,]+ more waiting each second: offered load above capacity\)$/);
    for (const w of r.warnings) for (const p of percentages(w)) expect(p).toBeLessThanOrEqual(100);
    expect(r.nodes.broker!.utilization).toBeNull();
    expect(r.nodes.broker!.cpuUtilization).toBeNull();
  });

  it('an unstable service says which resource is saturated', () => {
    const s = build({ nodes: [poissonSource('users', 130), service('svc', exponential(0.01), { workers: 1 })], edges: [edge('users', 'svc')], run: { duration: 20, warmup: 2, replications: 1, seed: 61 } });
    const warning = replicate(s).combined.warnings.find((w) => w.startsWith('svc'))!;
    expect(warning).toMatch(/; workers (99|100)%\)$/);
  });
});

describe('the JSON document of `headroom run`', () => {
  it('with `workers` unset, `utilization` is null (it used to be the in-flight count)', async () => {
    const tmp = tempDir('utilization');
    try {
      const file = tmp.write('open.headroom.json', { ...cpuBound, run: { duration: 10, warmup: 1, replications: 1, seed: 3 } });
      const out = await cli(['run', file, '--json', '-']);
      expect(out.code).toBe(0);
      const doc = JSON.parse(out.stdout) as { nodes: Record<string, { utilization: number | null; cpuUtilization: number | null; utilizationCi: unknown; inFlight: number }> };
      expect(doc.nodes.api!.utilization).toBeNull();
      expect(doc.nodes.api!.utilizationCi).toBeNull();
      expect(doc.nodes.api!.cpuUtilization).toBeGreaterThan(0.4);
      expect(doc.nodes.gw!.utilization).toBeNull();
      expect(doc.nodes.gw!.inFlight).toBeGreaterThan(1);
    } finally {
      tmp.remove();
    }
  });
});
