/**
 * The app's utilization surfaces (canvas badge, exported diagram, compare table) say
 * what the CLI says, through the one definition in `simulation/measures/utilization.ts`.
 * The seen case: a service with 1 CPU and unlimited workers showed 454% on the canvas.
 */
import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import en from '../i18n/en.json';
import zh from '../i18n/zh-CN.json';
import { assertScenario } from '../../../simulation/model/validate';
import { compileScenario } from '../../../simulation/engine/compile';
import { runReplication } from '../../../simulation/runner/replicationTask';
import { aggregate } from '../../../simulation/analysis/aggregate';
import { estimate } from '../../../simulation/estimate/estimate';
import { formatSummary } from '../../../simulation/format/summary';
import { compareTallies } from '../../../simulation/whatif/compare';
import type { Scenario } from '../../../simulation/model/schema';
import { nodeBadge } from './nodeBadge';
import { utilizationRows } from '../panels/compareRows';

const i18n = i18next.createInstance();
await i18n.init({ resources: { en: { translation: en }, 'zh-CN': { translation: zh } }, lng: 'en', interpolation: { escapeValue: false } });
const t = i18n.getFixedT('en');
const tz = i18n.getFixedT('zh-CN');

function scenarioWith(apiCpus: number): Scenario {
  const at = (x: number) => ({ x, y: 0 });
  return assertScenario({
    format: 'headroom/scenario',
    version: 1,
    name: 'cpu bound',
    nodes: [
      { id: 'users', kind: 'source', label: 'Users', position: at(0), arrival: { process: 'poisson', rate: 120 } },
      { id: 'gw', kind: 'gateway', label: 'Gateway', position: at(200), latency: { dist: 'constant', value: 0.001 } },
      { id: 'api', kind: 'service', label: 'API', position: at(400), cpus: apiCpus, work: { dist: 'exponential', mean: 0.005 } },
      { id: 'partner', kind: 'external', label: 'Partner', position: at(600), latency: { dist: 'constant', value: 0.05 } },
    ],
    edges: [{ from: 'users', to: 'gw' }, { from: 'gw', to: 'api' }, { from: 'api', to: 'partner' }],
    run: { duration: 30, warmup: 3, replications: 2, seed: 5 },
  });
}

function simulate(s: Scenario) {
  const model = compileScenario(s);
  const tallies = Array.from({ length: model.replications }, (_, r) => runReplication(model, r)!);
  return { scenario: s, model, tallies, result: aggregate(s, model, tallies, { wallSeconds: 0 }) };
}

const one = simulate(scenarioWith(1));

describe('canvas badge', () => {
  it('shows the CPUs the CLI shows, never the in-flight count as a percentage', () => {
    const api = one.result.nodes.api!;
    const badge = nodeBadge('service', api, estimate(one.scenario).nodes.api, t, 'en');
    expect(badge.text).toBe(`CPUs ${Math.round(api.cpuUtilization! * 100)}%`);
    expect(badge.shown!.share).toBe(api.cpuUtilization);
    const cliRow = formatSummary(one.result).split('\n').find((l) => l.trim().startsWith('api '))!;
    expect(cliRow).toContain(badge.text);
    expect(nodeBadge('service', api, undefined, tz, 'zh-CN').text).toBe(`CPU ${Math.round(api.cpuUtilization! * 100)}%`);
  });

  it('shows "–" and the mean in flight for a measured gateway with unlimited workers', () => {
    const gw = one.result.nodes.gw!;
    expect(nodeBadge('gateway', gw, undefined, t, 'en').text).toMatch(/^– \(unlimited; [\d.]+ in flight\)$/);
    expect(nodeBadge('gateway', gw, undefined, tz, 'zh-CN').text).toMatch(/^–（不限；在途 [\d.]+）$/);
  });

  it('before a run shows the offered share of the same resource, and the rate for an unlimited node', () => {
    const est = estimate(one.scenario);
    expect(nodeBadge('service', undefined, est.nodes.api, t, 'en').text).toBe('offered CPUs 60%');
    expect(nodeBadge('gateway', undefined, est.nodes.gw, t, 'en').text).toBe('120 req/s');
  });
});

describe('compare table', () => {
  it('a gateway with unlimited workers shows "–" on both sides and no difference (seen as 737% → 679%)', () => {
    const two = simulate(scenarioWith(2));
    const doc = compareTallies(one, two);
    const rows = utilizationRows(doc, t, 'en');
    const api = rows.find((r) => r.id === 'api')!;
    expect(api.a).toBe(`CPUs ${Math.round(doc.nodes.api!.a.share! * 100)}%`);
    expect(api.significant).toBe(true);
    const gw = rows.find((r) => r.id === 'gw');
    // Less waiting at the api: fewer requests held in the gateway, so its row is shown, without a share.
    expect(gw).toBeDefined();
    expect(gw!.a).toMatch(/^– \(unlimited; /);
    expect(gw!.b).toMatch(/^– \(unlimited; /);
    expect(gw!.difference).toBe('–');
    expect(gw!.significant).toBeNull();
    for (const r of rows) for (const m of `${r.a} ${r.b}`.matchAll(/(\d+)%/g)) expect(Number(m[1])).toBeLessThanOrEqual(100);
  });
});
