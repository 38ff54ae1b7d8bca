/**
 * `headroom fit --report PATH` and the app's Export: the fit as one self-contained HTML
 * page (no script, no request, inline CSS: the run report's frame, simulation/report/).
 * It carries what the printed report says — the verdict, the replay, the side-by-side
 * table, calibration — and the two curves over the test, measured against simulated with
 * the model's 99% range for one test as a band, for throughput and p95. The cells are
 * the printed report's own (report.ts), so the two never disagree.
 */
import { htmlDocument } from '../report/html';
import { escapeXml, lineChart } from '../report/svg';
import type { FitDocument } from './fit';
import type { FitComparison } from './compare';
import type { FitWindow, WindowMetric } from './overTime';
import { comparisonTable, figure, fitStrings, overTimeTable, verdictLine, type FitLanguage, type FitStrings } from './report';

const measuredColor = '#111827';
const simulatedColor = '#2563eb';

const html = {
  en: {
    title: 'fit to a load test',
    overTime: 'Over the test',
    byEndpoint: 'Per endpoint (class)',
    calibration: 'Calibration',
    after: 'After calibration',
    measured: 'measured',
    simulated: 'simulated',
    band: 'The band is the model’s 99% range for one test of this length (mean ± t·s·√(1 + 1/R) over the replications); a right model keeps the measured curve inside it.',
    time: 'time into the test (s)',
    throughputAxis: 'successful requests/s',
    p95Axis: 'p95 latency',
    throughputChart: 'Throughput',
    p95Chart: 'p95 latency',
  },
  'zh-CN': {
    title: '与负载测试的拟合',
    overTime: '测试期间',
    byEndpoint: '按端点（类别）',
    calibration: '校准',
    after: '校准之后',
    measured: '实测',
    simulated: '模拟',
    band: '色带是模型对同样长度的一次测试的 99% 范围（均值 ± t·s·√(1 + 1/R)）；模型正确时，实测曲线应落在其中。',
    time: '测试开始后的时间（秒）',
    throughputAxis: '成功请求/秒',
    p95Axis: 'p95 延迟',
    throughputChart: '吞吐量',
    p95Chart: 'p95 延迟',
  },
} satisfies Record<FitLanguage, Record<string, string>>;

function cellsTable(rows: readonly string[][], className: string): string {
  const [head, ...body] = rows;
  const tr = (r: readonly string[], tag: 'th' | 'td') => `<tr>${r.map((c) => `<${tag}>${escapeXml(c).replace(/✓/g, '<span class="ok">✓</span>').replace(/✗/g, '<span class="bad">✗</span>')}</${tag}>`).join('')}</tr>`;
  return `<table class="${className}">${tr(head!, 'th')}${body.map((r) => tr(r, 'td')).join('')}</table>`;
}

/** One figure's two curves over the stretches: measured, and simulated with its band. */
function curveChart(windows: readonly FitWindow[], metric: WindowMetric, h: (typeof html)['en'], yLabel: string): string | null {
  if (!windows.some((w) => w.figures[metric].measured !== null)) return null;
  const x = windows.map((w) => (w.start + w.end) / 2);
  const rows = windows.map((w) => w.figures[metric]);
  return lineChart(
    [
      { name: h.simulated, color: simulatedColor, x, y: rows.map((r) => r.simulated), band: { lower: rows.map((r) => r.prediction[0]), upper: rows.map((r) => r.prediction[1]) } },
      { name: h.measured, color: measuredColor, x, y: rows.map((r) => r.measured ?? Number.NaN) },
    ],
    { xLabel: h.time, yLabel, formatX: (v) => v.toFixed(0), formatY: (v) => figure(metric, v), points: true, width: 880 },
  );
}

function comparisonSection(t: FitStrings, c: FitComparison, d: FitDocument): string {
  const { rows, notes } = comparisonTable(t, c, d.confidence, d.test);
  return `<div class="card">${cellsTable(rows, 'fit')}${notes.map((n) => `<p class="muted">${escapeXml(n)}</p>`).join('')}</div>`;
}

export function renderFitReport(d: FitDocument, language: FitLanguage, printed: string): string {
  const t = fitStrings(language);
  const h = html[language];
  const out: string[] = [`<h1>${escapeXml(d.scenario)}</h1>`, `<div class="muted">${escapeXml(t.heading(d))}</div>`];
  const shown = d.calibration?.after ?? d.fit;
  const good = shown.verdict.kind === 'reproduces';
  out.push(`<div class="card ${good ? 'recommend' : 'warn'}" data-verdict="${shown.verdict.kind}">${escapeXml(verdictLine(t, d.fit))}${d.calibration ? `<br><strong>${h.after}:</strong> ${escapeXml(verdictLine(t, d.calibration.after))}` : ''}</div>`);
  out.push(`<p>${escapeXml(d.replay.mode === 'open' ? t.replayOpen(d) : t.replayClosed(d))}</p>`);
  if (d.fit.overTime.length > 0) {
    // The model as it was fitted, and after calibration when there is one: the curves the reader compares.
    for (const [label, c] of [[h.overTime, d.fit], ...(d.calibration ? [[`${h.overTime} — ${h.after}`, d.calibration.after] as const] : [])] as const) {
      const { heading, rows, inside } = overTimeTable(t, c.overTime);
      out.push(`<h2>${escapeXml(label)}</h2>`);
      const charts = [
        [h.throughputChart, curveChart(c.overTime, 'throughput', h, h.throughputAxis)],
        [h.p95Chart, curveChart(c.overTime, 'p95', h, h.p95Axis)],
      ].filter((x): x is [string, string] => x[1] !== null);
      for (const [title, svg] of charts) out.push(`<div class="card" data-chart="${escapeXml(title)}"><strong>${escapeXml(title)}</strong>${svg}<p class="muted">${escapeXml(h.band)}</p></div>`);
      out.push(`<div class="card"><p class="muted">${escapeXml(heading)}</p>${cellsTable(rows, 'fit-time')}${inside ? `<p class="muted">${escapeXml(inside)}</p>` : ''}</div>`);
    }
  }
  out.push(`<h2>${h.byEndpoint}</h2>`, comparisonSection(t, d.fit, d));
  if (d.calibration) {
    const c = d.calibration;
    out.push(`<h2>${h.calibration}</h2><p>${escapeXml(c.nodes.map((n) => t.factorOf(n, c.factors[n]!)).join(', '))}</p>`);
    out.push(comparisonSection(t, c.after, d));
  }
  // The printed report in full, as `headroom fit` wrote it: mapping, warnings, every line.
  out.push(`<details><summary>headroom fit</summary><pre>${escapeXml(printed)}</pre></details>`);
  return htmlDocument(`${d.scenario} — ${h.title}`, language, out.join('\n'));
}
