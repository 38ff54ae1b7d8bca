/**
 * The HTML report is one self-contained file: no script, no external request, and
 * everything the user typed escaped (a label is text, never markup).
 */
import { describe, expect, it } from 'vitest';
import { assertScenario } from '../model/validate';
import { runScenarioInProcess } from '../runner/runScenario';
import { renderReport } from './html';

const hostile = '<script>alert(1)</script>"&\'';
const scenario = assertScenario({
  format: 'headroom/scenario',
  version: 1,
  name: `Report ${hostile}`,
  description: `about ${hostile}`,
  nodes: [
    { id: 'users', kind: 'source', label: `users ${hostile}`, position: { x: 0, y: 0 }, arrival: { process: 'poisson', rate: 20 } },
    { id: 'svc', kind: 'service', label: `svc ${hostile}`, position: { x: 200, y: 0 }, workers: 2, work: { dist: 'exponential', mean: 0.01 } },
  ],
  edges: [{ from: 'users', to: 'svc' }],
  run: { duration: 20, warmup: 1, replications: 2, seed: 1 },
  slo: { p99: 0.5 },
});
const html = renderReport(scenario, runScenarioInProcess(scenario));

describe('renderReport', () => {
  it('has no script and loads nothing from elsewhere', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html.match(/\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\//gi) ?? []).toEqual([]);
    expect(html).toMatch(/Content-Security-Policy" content="default-src 'none'/);
  });

  it('escapes the name, description and labels', () => {
    expect(html).not.toContain(hostile);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('shows every node and the SLO', () => {
    expect(html).toContain('svc');
    expect(html).toMatch(/p99/);
  });

  it('in Chinese names kinds and arrival processes in Chinese and rates in 次/秒', () => {
    const zh = renderReport(scenario, runScenarioInProcess(scenario), 'zh-CN');
    expect(zh).toContain('<td>服务</td>');
    expect(zh).toContain('次/秒 (泊松到达)');
    expect(zh).not.toMatch(/<td>service<\/td>|\(poisson\)/);
  });
});
