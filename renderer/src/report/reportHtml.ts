/**
 * A self-contained, printable HTML report of the model and its last result: the
 * diagram, the headline numbers with intervals, the SLO verdict and the per-node
 * table. No scripts, inline CSS only, so it prints the same in any host.
 */
import type { TFunction } from 'i18next';
import type { Scenario } from '../../../simulation/model/schema';
import type { ResultDocument } from '../../../simulation/model/result';
import { bottleneckText, nodeLabels, sloPresentation, warningTexts } from '../../../simulation/format/present';
import { normalizeLanguage } from '../i18n';
import { displayedUtilization, utilizationText } from '../../../simulation/measures/utilization';
import { formatDateTime, formatDuration, formatNumber, formatPercent } from '../i18n/format';

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export function reportHtml(o: { scenario: Scenario; result: ResultDocument | null; stale: boolean; diagram: string; t: TFunction; lang: string }): string {
  const { scenario: s, result: r, t, lang } = o;
  const rows: string[] = [];
  if (r) {
    const sm = r.summary;
    const sentenceLanguage = normalizeLanguage(lang);
    const labels = nodeLabels(s);
    const slo = sloPresentation(r, sentenceLanguage, labels);
    const warnings = warningTexts(r, sentenceLanguage, labels).map((w) => `<p class="warn">⚠ ${esc(w)}</p>`);
    if (!r.stable) rows.push(...warnings);
    rows.push(
      `<table><tr><th>${t('results.throughput')}</th><td>${formatNumber(sm.throughput, lang)} ${t('unit.rps')}</td></tr>`,
      `<tr><th>p50</th><td>${formatDuration(sm.latency.p50, lang)}</td></tr>`,
      `<tr><th>p95</th><td>${formatDuration(sm.latency.p95, lang)}</td></tr>`,
      `<tr><th>p99</th><td>${formatDuration(sm.latency.p99, lang)}</td></tr>`,
      `<tr><th>${t('results.errorRate')}</th><td>${formatPercent(sm.errorRate, lang, 2)}</td></tr>`,
      `<tr><th>${t('results.slo')}</th><td>${slo.verdict === 'met' ? t('results.sloMet') : slo.verdict === 'notMet' ? t('results.sloNotMet') : t('results.noSlo')}${slo.reasons.length ? esc(t('results.reasonLead') + slo.reasons.join(t('results.reasonSeparator'))) : ''}</td></tr></table>`,
    );
    if (r.stable) rows.push(...warnings);
    const bottleneck = bottleneckText(r, sentenceLanguage, labels);
    if (bottleneck) rows.push(`<p><b>${t('results.bottleneck')}:</b> ${esc(bottleneck)}</p>`);
    rows.push(`<table><tr><th>${t('results.node')}</th><th>${t('results.utilization')}</th><th>${t('results.throughput')}</th><th>${t('results.responseTime')}</th></tr>`);
    for (const [id, n] of Object.entries(r.nodes)) {
      rows.push(`<tr><td>${esc(s.nodes.find((x) => x.id === id)?.label ?? id)}</td><td>${esc(utilizationText(displayedUtilization(n), lang))}</td><td>${formatNumber(n.throughput, lang)}</td><td>${formatDuration(n.responseTime, lang)}</td></tr>`);
    }
    rows.push('</table>');
  } else {
    rows.push(`<p>${t('results.none')}</p>`);
  }
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${esc(s.name)}</title>
<style>body{font-family:system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#18181b;margin:32px}
h1{font-size:22px;margin:0 0 4px}.muted{color:#71717a;font-size:12px}svg{max-width:100%;height:auto;border:1px solid #e4e4e7;border-radius:8px;margin:16px 0}
table{border-collapse:collapse;margin:12px 0;font-size:13px}th,td{text-align:left;padding:4px 12px 4px 0;border-bottom:1px solid #f4f4f5}.stale{color:#b45309}.warn{color:#991b1b}</style></head>
<body><h1>${esc(s.name)}</h1><div class="muted">${formatDateTime(Date.now(), lang)}${o.stale ? ` · <span class="stale">${t('results.stale')}</span>` : ''}</div>
${s.description ? `<p>${esc(s.description)}</p>` : ''}${o.diagram}${rows.join('')}</body></html>`;
}
