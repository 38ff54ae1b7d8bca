/** What-if results in words: field names as the inspector shows them, values in its units, the verdict with node labels. */
import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import en from '../i18n/en.json';
import zh from '../i18n/zh-CN.json';
import type { Scenario } from '../../../simulation/model/schema';
import type { ResultDocument, SweepDocument, SweepPoint } from '../../../simulation/model/result';
import { formatVaryValue, pathLabel, scalingSentence, sweepAdvice } from './whatIfText';

const i18n = i18next.createInstance();
await i18n.init({ resources: { en: { translation: en }, 'zh-CN': { translation: zh } }, lng: 'en', interpolation: { escapeValue: false } });
const t = i18n.getFixedT('en');
const tz = i18n.getFixedT('zh-CN');

const scenario = {
  format: 'headroom/scenario',
  version: 1,
  name: 'Shop',
  nodes: [
    { id: 'users', kind: 'source', label: 'Shoppers', position: { x: 0, y: 0 }, arrival: { process: 'poisson', rate: 100 } },
    { id: 'api', kind: 'service', label: 'Shop API', position: { x: 0, y: 0 }, work: { dist: 'exponential', mean: 0.01 } },
    { id: 'db', kind: 'database', label: 'Postgres', position: { x: 0, y: 0 }, latency: { dist: 'constant', value: 0.002 } },
  ],
  edges: [{ from: 'users', to: 'api', timeout: 1 }],
  run: { duration: 10 },
  slo: { p99: 0.2 },
} as Scenario;

function point(index: number, values: Record<string, number>, o: { throughput: number; met?: boolean; bottleneck?: [string, number]; cost?: number }): SweepPoint {
  const result = {
    summary: { throughput: o.throughput, sloMet: o.met ?? true, sloVerdict: (o.met ?? true) ? 'met' : 'notMet', latency: { p99: 0.1 } },
    run: { confidence: 0.95 },
    bottleneck: o.bottleneck ? { node: o.bottleneck[0], utilization: o.bottleneck[1], explanation: '', latencyShare: 0 } : null,
    cost: o.cost === undefined ? null : { currency: 'USD', perHour: o.cost, perMillionRequests: (o.cost / (o.throughput * 3600)) * 1e6 },
  } as unknown as ResultDocument;
  return { index, values, result };
}

describe('varied fields in words', () => {
  it('name the node and the inspector field', () => {
    expect(pathLabel(scenario, 'nodes.api.replicas', t)).toBe('Shop API · Replicas');
    expect(pathLabel(scenario, 'nodes.db.replicas', t)).toBe('Postgres · Instances');
    expect(pathLabel(scenario, 'nodes.api.work.mean', t)).toBe('Shop API · CPU time per request (mean)');
    expect(pathLabel(scenario, 'nodes.users.arrival.rate', t)).toBe('Shoppers · Rate');
    expect(pathLabel(scenario, 'edges.0.timeout', t)).toBe('Shoppers → Shop API · Timeout');
    expect(pathLabel(scenario, 'edges.0.latency.mean', t)).toBe('Shoppers → Shop API · Network latency per try (mean)');
    expect(pathLabel(scenario, 'edges.0.latency.value', tz)).toBe('Shoppers → Shop API · 每次尝试的网络延迟');
    expect(pathLabel(scenario, 'edges.0.calls.mean', t)).toBe('Shoppers → Shop API · Calls per visit');
    expect(pathLabel(scenario, 'nodes.api.balance', t)).toBe('Shop API · balance');
    expect(pathLabel(scenario, 'nodes.api.replicas', tz)).toBe('Shop API · 副本数');
  });
  it('show values in the inspector’s units', () => {
    expect(formatVaryValue('nodes.api.work.mean', 0.025, t, 'en')).toBe('25 ms');
    expect(formatVaryValue('edges.0.latency.value', 0.004, t, 'en')).toBe('4 ms');
    expect(formatVaryValue('nodes.cache.hitRatio', 0.85, t, 'en')).toBe('85%');
    expect(formatVaryValue('nodes.users.arrival.rate', 1500, t, 'en')).toBe('1,500 req/s');
    expect(formatVaryValue('nodes.api.replicas', 4, t, 'en')).toBe('4');
  });
});

describe('the scale-out verdict', () => {
  const path = 'nodes.api.replicas';
  const doc: SweepDocument = {
    format: 'headroom/sweep',
    version: 1,
    scenario: 'Shop',
    vary: [{ path, values: [1, 2, 4] }],
    points: [
      point(0, { [path]: 1 }, { throughput: 100, bottleneck: ['api', 0.9], cost: 1 }),
      point(1, { [path]: 2 }, { throughput: 195, bottleneck: ['api', 0.9], cost: 2 }),
      point(2, { [path]: 4 }, { throughput: 210, bottleneck: ['db', 0.97], cost: 4 }),
    ],
    scaling: { path, replicas: [1, 2, 4], capacity: [100, 195, 210], usl: null, paysOffUntil: 2, explanation: 'engine words', turn: { from: 2, to: 4, growth: 210 / 195 - 1, bottleneck: { node: 'db', utilization: 0.97 } } },
  };
  it('says where scaling stops paying and which node takes over, by label', () => {
    expect(scalingSentence(doc, scenario, 'en')).toBe('From 2 to 4 replicas of Shop API capacity grows 8%: Postgres becomes the bottleneck at 97% utilization.');
    expect(sweepAdvice(doc, scenario, 'en')).toMatch(/^2 replicas of Shop API pay off \(2\.00 USD\/h, 2\.85 USD \/ 1M\)\.$/);
  });
  it('in Chinese too', () => {
    expect(scalingSentence(doc, scenario, 'zh-CN')).toBe('Shop API 副本从 2 增加到 4，容量只增长 8%：Postgres 成为瓶颈，利用率 97%。');
  });
  it('says when every step pays', () => {
    const all = { ...doc, scaling: { ...doc.scaling!, paysOffUntil: 4, turn: null, finding: { code: 'scaling.allPay', node: 'api', severity: 'info' as const, figures: { last: 4, bottleneck: 'db', utilization: 0.97 } } } };
    expect(scalingSentence(all, scenario, 'en')).toBe('Every step up to 4 replicas of Shop API still pays off; at 4 the bottleneck is Postgres at 97% utilization.');
  });
});

describe('a load sweep', () => {
  const path = 'nodes.users.arrival.rate';
  const doc: SweepDocument = {
    format: 'headroom/sweep',
    version: 1,
    scenario: 'Shop',
    vary: [{ path, values: [100, 200, 300] }],
    points: [point(0, { [path]: 100 }, { throughput: 100 }), point(1, { [path]: 200 }, { throughput: 200 }), point(2, { [path]: 300 }, { throughput: 250, met: false })],
  };
  it('tells how far the load can go while the SLO holds', () => {
    expect(sweepAdvice(doc, scenario, 'en')).toBe('The SLO holds up to 200/s; at 300/s it is missed.');
  });
});
