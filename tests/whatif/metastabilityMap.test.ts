/**
 * The heat map's model (what the report's SVG and the app's panel both draw): one cell
 * per point in its row (the largest size on top) and column, coloured by the verdict and
 * the recovery time against the time allowed, the legend, the boundary as steps under the
 * smallest stuck size, and the boundary and mechanism in words. The report's SVG carries
 * one cell per grid point.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assertScenario } from '../../simulation/model/validate';
import { cellColor, heatMapModel, pendingColor, stepPath, stuckColor } from '../../simulation/report/metastabilityMap';
import { metastabilitySvg, renderMetastabilityReport } from '../../simulation/report/metastabilityReport';
import { boundaryOf, metastabilityDocument, type MetaPoint } from '../../simulation/whatif/metastability';

const storm = assertScenario(JSON.parse(readFileSync(new URL('../../assets/examples/retry-storm.headroom.json', import.meta.url), 'utf8')));

function point(index: number, size: number, duration: number, recoveryTime: number | null, mechanism: MetaPoint['mechanism'] = 'retries'): MetaPoint {
  const recovers = recoveryTime !== null;
  return { index, size, duration, recovers, recoveryTime, stopped: 0, retryShare: null, hitRatio: {}, backlog: null, mechanism: recovers ? null : mechanism, mechanismNode: recovers ? null : 'postgres' };
}

const sizes = [1.1, 1.4, 1.7];
const durations = [5, 10];
// 1.1 recovers everywhere; 1.4 recovers for 5 s (slowly) and sticks for 10 s; 1.7 sticks for both.
const points = [point(0, 1.1, 5, 0), point(1, 1.1, 10, 2), point(2, 1.4, 5, 60), point(3, 1.4, 10, null), point(4, 1.7, 5, null, 'backlog'), point(5, 1.7, 10, null)];
const doc = metastabilityDocument(storm, { trigger: 'spike', sizes, durations, within: 60 }, 50, points, { retryShare: 0, retriedCallee: null, hitRatio: {} });
const labels = { users: 'Users', postgres: 'PostgreSQL' };

describe('the heat map model', () => {
  const model = heatMapModel(doc, 'en', labels);

  it('puts each point in its row (largest size on top) and column, with its verdict as text and colour', () => {
    expect(model.rows).toEqual(['×1.7', '×1.4', '×1.1']);
    expect(model.columns).toEqual(['for 5 s', 'for 10 s']);
    expect(model.cells).toHaveLength(6);
    const at = (size: number, duration: number) => model.cells.find((c) => c.size === size && c.duration === duration)!;
    expect(at(1.7, 5)).toMatchObject({ row: 0, col: 0, recovers: false, color: stuckColor, label: '✗ backlog' });
    expect(at(1.1, 10)).toMatchObject({ row: 2, col: 1, recovers: true, label: '✓ 2 s' });
    expect(at(1.1, 5).color).toBe('rgb(22,163,74)');
    // Recovered at the limit: the palest green, not red.
    expect(at(1.4, 5).color).toBe('rgb(190,230,160)');
    expect(at(1.4, 10).title).toBe('×1.4, for 10 s: ✗ retries');
  });

  it('has a legend from quick to stuck in the colours the cells use', () => {
    expect(model.legend.map((l) => l.kind)).toEqual(['quick', 'slow', 'stuck']);
    expect(model.legend.map((l) => l.color)).toEqual([cellColor(true, 0, 60), cellColor(true, 60, 60), stuckColor]);
    expect(model.legend[1]!.label).toContain('60 s');
    expect(new Set(model.legend.map((l) => l.color)).has(pendingColor)).toBe(false);
    expect(model.boundaryKey).toBe('boundary: stuck above the line');
  });

  it('draws the boundary under the smallest stuck size of each column and says it and the mechanism in words', () => {
    expect(model.steps).toEqual([
      { col: 0, size: 1.7, edge: 1 },
      { col: 1, size: 1.4, edge: 2 },
    ]);
    expect(stepPath(model.steps, 0, 0, 10, 10)).toBe('M0,10 L10,10 L10,20 L20,20');
    expect(model.boundaryText).toEqual(['for 5 s: stuck from ×1.7 (the smallest size that stays stuck)', 'for 10 s: stuck from ×1.4 (the smallest size that stays stuck)']);
    expect(model.mechanismText).toMatch(/^what keeps it stuck: retries \(2 of 3 stuck points\).*calls to PostgreSQL/);
    expect(model.notMonotone).toBeNull();
  });

  it('draws a map still running: only the points that arrived, the boundary so far, no sentences yet', () => {
    const partial = heatMapModel({ trigger: { kind: 'spike' }, sizes, durations, within: 60, points: [points[5]!] }, 'en');
    expect(partial.cells.map((c) => [c.row, c.col])).toEqual([[0, 1]]);
    expect(partial.steps.map((s) => s.edge)).toEqual([0, 1]);
    expect(partial.boundaryText).toEqual([]);
    expect(partial.mechanismText).toBeNull();
  });

  it('speaks Chinese, with shares for a fault', () => {
    const zh = heatMapModel({ ...doc, trigger: { kind: 'fault' } }, 'zh-CN', { postgres: '数据库' });
    expect(zh.rows).toEqual(['规模 170%', '规模 140%', '规模 110%']);
    expect(zh.columns[0]).toBe('持续 5 s');
    expect(zh.cells.find((c) => !c.recovers && c.size === 1.7 && c.duration === 5)!.label).toBe('✗ 积压');
    expect(zh.legend[2]!.label).toContain('未恢复');
    expect(zh.mechanismText).toContain('无法恢复的原因：重试');
  });

  it('every stuck point below a recovering one is named', () => {
    const odd = [point(0, 1.1, 5, null), point(1, 1.4, 5, 3)];
    const m = heatMapModel(metastabilityDocument(storm, { trigger: 'spike', sizes: [1.1, 1.4], durations: [5], within: 60 }, 50, odd, { retryShare: 0, retriedCallee: null, hitRatio: {} }), 'en');
    expect(m.notMonotone).toBe('1.1/5');
    expect(boundaryOf(odd, [5])).toEqual([{ duration: 5, size: 1.1 }]);
  });
});

describe('the heat map in the report', () => {
  it('has one cell per grid point, the boundary path and the legend', () => {
    const svg = metastabilitySvg(doc, 'en', labels);
    const cells = svg.match(/<g class="cell">/g) ?? [];
    expect(cells).toHaveLength(sizes.length * durations.length);
    for (const p of points) expect(svg).toContain(`<title>${heatMapModel(doc, 'en', labels).cells.find((c) => c.index === p.index)!.title}</title>`);
    expect(svg).toContain(`<path d="${stepPath(heatMapModel(doc, 'en').steps, 80, 24, 96, 34)}"`);
    expect(svg).toContain('✗ stuck: not back within the time allowed');
    expect(svg).toContain('boundary: stuck above the line');
    // Wide enough for the legend's longest line.
    expect(Number(/width="(\d+)"/.exec(svg)![1])).toBeGreaterThan(80 + 7 * heatMapModel(doc, 'en').legend[1]!.label.length);
    const html = renderMetastabilityReport(storm, doc, 'zh-CN');
    expect(html.match(/<g class="cell">/g)).toHaveLength(6);
    expect(html).toContain('无法恢复的原因：重试');
    expect(html).toContain('从 ×1.4 起无法恢复');
  });
});
