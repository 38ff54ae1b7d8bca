/**
 * The what-if report: a sweep's points as a table and charts — capacity against
 * replicas with the USL curve and the payoff point, latency against load (the hockey
 * stick) with the SLO line, cost per million requests — and the recommendation in
 * words. Also the sweep as CSV, for spreadsheets.
 */
import { numberFormats } from '../locale/language';
import type { SloVerdict, SweepDocument } from '../model/result';
import { sloVerdictOf } from '../analysis/verdict';
import { nodeLabels } from '../format/present';
import { recommendationText, scalingText } from '../whatif/present';
import { shareText } from '../measures/utilization';
import type { Scenario } from '../model/schema';
import { uslCapacity } from '../whatif/usl';
import { architectureSvg, assumptionsSection, htmlDocument } from './html';
import { reportStrings, type ReportLanguage } from './strings';
import { escapeXml, lineChart } from './svg';

/** The scale-out explanation in the report's language, with labels for ids. */
export function scalingExplanation(doc: SweepDocument, language: ReportLanguage = 'en', labels: Readonly<Record<string, string>> = {}): string {
  return scalingText(doc, language, labels) ?? '';
}

/** The recommendation in words; where scaling out pays, followed by where it stops paying. */
export function sweepRecommendation(doc: SweepDocument, language: ReportLanguage = 'en', labels: Readonly<Record<string, string>> = {}): string {
  const { code, text } = recommendationText(doc, language, labels);
  const why = code === 'sweep.replicasPayOff' ? scalingText(doc, language, labels) : null;
  return `${text}${why ? `${language === 'zh-CN' ? '；' : '; '}${why}` : ''}${language === 'zh-CN' ? '。' : '.'}`;
}

function sloCell(verdict: SloVerdict): string {
  return verdict === 'none' ? '<td class="muted">–</td>' : `<td class="${verdict === 'met' ? 'ok' : 'bad'}">${verdict === 'met' ? '✓' : '✗'}</td>`;
}

export function sweepCsv(doc: SweepDocument): string {
  const paths = doc.vary.map((v) => v.path);
  const header = [...paths, 'capacity', 'throughput', 'mean', 'p50', 'p95', 'p99', 'errorRate', 'sloMet', 'stable', 'bottleneck', 'bottleneckUtilization', 'costPerHour', 'costPerMillion'];
  const quote = (x: unknown) => {
    const t = x === null || x === undefined ? '' : String(x);
    return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
  };
  const rows = doc.points.map((p) => {
    const r = p.result;
    return [
      ...paths.map((path) => p.values[path]),
      p.capacity ? p.capacity.rate : r.summary.throughput,
      r.summary.throughput,
      r.summary.latency.mean,
      r.summary.latency.p50,
      r.summary.latency.p95,
      r.summary.latency.p99,
      r.summary.errorRate,
      r.summary.sloMet,
      r.stable,
      r.bottleneck?.node ?? '',
      r.bottleneck?.utilization ?? '',
      r.cost?.perHour ?? '',
      r.cost?.perMillionRequests ?? '',
    ].map(quote);
  });
  return [header.join(','), ...rows.map((r) => r.join(','))].join('\n') + '\n';
}

export function renderSweepReport(scenario: Scenario, doc: SweepDocument, language: ReportLanguage = 'en'): string {
  const t = reportStrings[language];
  const labels = nodeLabels(scenario);
  const { rate: formatRate, duration: formatDuration, percent: formatPercent, number: trim } = numberFormats(language);
  const out: string[] = [`<h1>${escapeXml(scenario.name)}</h1>`, `<div class="muted">${t.subtitle} · ${t.sweep}</div>`];
  if (scenario.description) out.push(`<p>${escapeXml(scenario.description)}</p>`);
  out.push(`<div class="card recommend"><strong>${t.recommendation}:</strong> ${escapeXml(sweepRecommendation(doc, language, labels))}</div>`);
  out.push(`<h2>${t.architecture}</h2><div class="card">${architectureSvg(scenario, undefined, language)}</div>`);
  if (doc.points[0]) out.push(assumptionsSection(scenario, doc.points[0].result, language));
  out.push(`<h2>${t.sweep}</h2><div class="card"><table><tr>${doc.vary.map((v) => `<th>${escapeXml(v.path)}</th>`).join('')}<th>${doc.load ? t.capacity : t.throughput}</th><th>p99</th><th>${t.errorRate}</th><th>${t.stable}</th><th>SLO</th><th>${t.bottleneck}</th><th>${t.cost}</th></tr>`);
  for (const p of doc.points) {
    const r = p.result;
    out.push(
      `<tr>${doc.vary.map((v) => `<td>${escapeXml(String(p.values[v.path]))}</td>`).join('')}<td>${escapeXml(formatRate(p.capacity ? p.capacity.rate : r.summary.throughput))}</td><td>${escapeXml(formatDuration(r.summary.latency.p99))}</td><td>${formatPercent(r.summary.errorRate, 2)}</td><td class="${r.stable ? 'ok' : 'bad'}">${r.stable ? t.yes : t.no}</td>${sloCell(sloVerdictOf(r.summary))}<td>${r.bottleneck ? `${escapeXml(labels[r.bottleneck.node] ?? r.bottleneck.node)} ${shareText(r.bottleneck.resource, r.bottleneck.utilization, language)}` : ''}</td><td>${r.cost ? `${r.cost.perHour.toFixed(2)} ${escapeXml(r.cost.currency)}/h` : ''}</td></tr>`,
    );
  }
  out.push('</table></div>');

  const s = doc.scaling;
  if (s && s.replicas.length > 1) {
    const series = [{ name: t.capacity, color: '#2563eb', x: s.replicas, y: s.capacity }];
    if (s.usl) {
      const lo = s.replicas[0]!;
      const hi = s.replicas[s.replicas.length - 1]!;
      const xs = Array.from({ length: 60 }, (_, i) => lo + ((hi - lo) * i) / 59);
      const fit = { lambda: s.usl.lambda, sigma: s.usl.sigma, kappa: s.usl.kappa, sigmaCi: null, kappaCi: null, peak: s.usl.peak };
      series.push({ name: `USL σ=${trim(s.usl.sigma)} κ=${s.usl.kappa.toExponential(1)}`, color: '#9ca3af', x: xs, y: xs.map((n) => uslCapacity(fit, n)), dashed: true } as (typeof series)[number]);
    }
    out.push(`<h2>${t.capacity}</h2><div class="card">`);
    out.push(lineChart(series, { xLabel: s.path, yLabel: t.throughputUnit, formatY: trim, points: true, marker: s.paysOffUntil !== null ? { x: s.paysOffUntil, label: `${t.paysOffUntil} ${s.paysOffUntil}` } : undefined }));
    out.push(`<p class="muted">${escapeXml(scalingExplanation(doc, language, labels))}</p></div>`);
    const perMillion = doc.points.filter((p) => p.result.cost?.perMillionRequests != null);
    if (perMillion.length > 1) {
      const xs = perMillion.map((p) => Number(p.values[s.path]));
      out.push(`<div class="card">${lineChart([{ name: t.cost, color: '#059669', x: xs, y: perMillion.map((p) => p.result.cost!.perMillionRequests!) }], { xLabel: s.path, yLabel: `${perMillion[0]!.result.cost!.currency} ${t.perMillion}`, formatY: (y) => y.toFixed(2), points: true })}</div>`);
    }
  }
  const ratePath = doc.vary.find((v) => /\.arrival\.rate$/.test(v.path));
  if (ratePath) {
    const pts = doc.points.filter((p) => doc.vary.every((v) => v.path === ratePath.path || p.values[v.path] === v.values[0]));
    const xs = pts.map((p) => Number(p.values[ratePath.path]));
    const sloP99 = scenario.slo?.p99;
    out.push(`<h2>p99 × ${t.load}</h2><div class="card">${lineChart([{ name: 'p99', color: '#7c3aed', x: xs, y: pts.map((p) => p.result.summary.latency.p99) }], { xLabel: ratePath.path, yLabel: 'p99', formatY: formatDuration, points: true, threshold: sloP99 !== undefined ? { y: sloP99, label: `SLO ${formatDuration(sloP99)}` } : undefined })}</div>`);
  }
  return htmlDocument(`${scenario.name} — ${t.subtitle} · ${t.sweep}`, language, out.join('\n'));
}
