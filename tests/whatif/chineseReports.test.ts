/**
 * A report in Chinese holds no English: the run report of a model whose gateway turns
 * requests away at its rate limit while its worker pool falls behind (warnings, the
 * bottleneck, the SLO verdict and its reasons), and the what-if report of a replica
 * sweep with costs (the recommendation, the scale-out verdict, the chart's marker).
 * What may stay Latin: the labels and ids the user typed, the varied paths, units and
 * the abbreviations a Chinese engineer reads as they are (SLO, p99, CPU, USL…). In
 * either language a node is named by its label, never by its id.
 */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../simulation/model/schema';
import { renderReport } from '../../simulation/report/html';
import { renderSweepReport } from '../../simulation/report/sweepReport';
import { runScenarioInProcess } from '../../simulation/runner/runScenario';
import { runSweep } from '../../simulation/whatif/sweep';
import { englishWords } from '../helpers/english';
import { inProcessPool, scenario, service, source } from './helpers';

function withLabels(s: Scenario, labels: Record<string, string>): Scenario {
  return { ...s, nodes: s.nodes.map((n) => ({ ...n, label: labels[n.id] ?? n.label })) };
}

/** The text a reader sees: no styles, tags or entities. */
function visibleText(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z]+;|&#\d+;/g, ' ');
}

const labels = { shoppers: '顾客', edge: '入口网关', orders: '订单服务' };

/** Node ids shown where a label should be, in a report of the given language with English labels. */
function idsShown(html: string, ids: readonly string[], paths: readonly string[] = []): string[] {
  let text = visibleText(html);
  for (const p of paths) text = text.split(p).join(' ');
  return ids.filter((id) => new RegExp(`\\b${id}\\b`).test(text));
}

const englishLabels = { shoppers: 'Shoppers', edge: 'Edge Gateway', orders: 'Orders API' };

describe('reports in Chinese', () => {
  it('the run report of an overloaded, rate-limited model', () => {
    const model = withLabels(
      scenario({
        name: 'Flash',
        nodes: [
          source('shoppers', { process: 'poisson', rate: 400 }),
          { id: 'edge', kind: 'gateway', label: 'edge', position: { x: 100, y: 0 }, rateLimit: { rate: 350 }, latency: { dist: 'constant', value: 0.0005 } } as Scenario['nodes'][number],
          service('orders', { workers: 4, work: { dist: 'exponential', mean: 0.014 } }),
        ],
        edges: [
          { from: 'shoppers', to: 'edge' },
          { from: 'edge', to: 'orders' },
        ],
        run: { duration: 20, warmup: 2, replications: 2, seed: 3 },
        slo: { p99: 0.2, errorRate: 0.01 },
      }),
      labels,
    );
    const result = runScenarioInProcess(model);
    // The run must reach the sentences under test: a rejection warning, a queue that grows, a missed SLO.
    expect(result.findings?.some((f) => f.code === 'rejects')).toBe(true);
    expect(result.summary.sloMet).toBe(false);
    const html = renderReport(model, result, 'zh-CN');
    expect(englishWords(visibleText(html), ['Flash', 'USD', ...Object.keys(labels), ...Object.values(labels)])).toEqual([]);
    expect(html).toContain('入口网关');
    expect(idsShown(renderReport(withLabels(model, englishLabels), result, 'en'), Object.keys(labels))).toEqual([]);
  });

  it('the what-if report of a replica sweep with costs', async () => {
    const model = withLabels(
      scenario({
        name: 'Scale',
        nodes: [source('shoppers', { process: 'constant', rate: 150 }), service('orders', { replicas: 1, workers: 1, work: { dist: 'constant', value: 0.01 }, cost: 0.2 })],
        edges: [{ from: 'shoppers', to: 'orders' }],
        run: { duration: 5, warmup: 1, replications: 1, seed: 1 },
        slo: { p99: 0.05 },
        cost: { currency: 'USD' },
        whatIf: { vary: [{ path: 'nodes.orders.replicas', values: [1, 2, 3, 4] }] },
      }),
      labels,
    );
    const doc = await runSweep(inProcessPool(), model);
    expect(doc.scaling?.paysOffUntil).not.toBeNull();
    const html = renderSweepReport(model, doc, 'zh-CN');
    expect(englishWords(visibleText(html), ['Scale', 'USD', 'nodes.orders.replicas', ...Object.keys(labels), ...Object.values(labels)])).toEqual([]);
    expect(html).toContain('订单服务');
    expect(idsShown(renderSweepReport(withLabels(model, englishLabels), doc, 'en'), Object.keys(labels), ['nodes.orders.replicas'])).toEqual([]);
  });

  it('catches English left in (the check itself can fail)', () => {
    expect(englishWords(visibleText('<p>订单服务 <b>pays off</b> until 4</p>'), ['订单服务'])).toEqual(['pays', 'off', 'until']);
  });
});
