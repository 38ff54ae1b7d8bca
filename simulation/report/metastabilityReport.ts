/**
 * The metastability map as an HTML report: the heat map (sizes up, durations across;
 * green recovered, shaded by the recovery time, red stuck) with the boundary drawn
 * between them, the boundary and the mechanism in words. The SVG is its own function so
 * that anything showing the map draws the same picture.
 */
import { problem } from '../findings/error';
import { renderFinding, sentenceContext } from '../findings/render';
import { nodeLabels } from '../format/present';
import type { Scenario } from '../model/schema';
import type { MetastabilityDocument } from '../whatif/metastability';
import { architectureSvg, htmlDocument } from './html';
import { heatMapModel, stepPath } from './metastabilityMap';
import { metastabilityText } from './metastabilityTable';
import { reportStrings, type ReportLanguage } from './strings';
import { escapeXml } from './svg';

/** The grid's step line between recovered and stuck, for a grid whose top-left cell starts at (x0, y0). */
export function boundaryPath(doc: MetastabilityDocument, x0: number, y0: number, cw: number, ch: number): string {
  return stepPath(heatMapModel(doc, 'en').steps, x0, y0, cw, ch);
}

/** The heat map as SVG: one cell per grid point (sizes up, durations across), the boundary drawn over it and the legend under it. */
export function metastabilitySvg(doc: MetastabilityDocument, language: ReportLanguage, labels: Record<string, string> = {}): string {
  const model = heatMapModel(doc, language, labels);
  const cw = 96;
  const ch = 34;
  const x0 = 80;
  const y0 = 24;
  const rows = model.rows.length;
  // The legend's longest line, at about 7 px a Latin letter and 12 px a Chinese character (12 px type).
  const textWidth = (text: string) => [...text].reduce((w, ch) => w + (/[\u2e80-\uffff]/.test(ch) ? 12 : 7), 0);
  const keys = [...model.legend.map((l) => l.label), model.boundaryKey];
  const width = Math.max(x0 + cw * model.columns.length + 10, x0 + 30 + Math.max(...keys.map(textWidth)));
  const legendY = y0 + ch * rows + 40;
  const height = legendY + 20 * keys.length;
  const out: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="system-ui, sans-serif" font-size="12" data-map="metastability">`];
  model.rows.forEach((label, i) => out.push(`<text x="${x0 - 6}" y="${y0 + i * ch + ch / 2 + 4}" text-anchor="end">${escapeXml(label)}</text>`));
  for (const cell of model.cells) {
    const x = x0 + cell.col * cw;
    const y = y0 + cell.row * ch;
    out.push(`<g class="cell"><title>${escapeXml(cell.title)}</title><rect x="${x + 1}" y="${y + 1}" width="${cw - 2}" height="${ch - 2}" rx="3" fill="${cell.color}"/>`);
    out.push(`<text x="${x + cw / 2}" y="${y + ch / 2 + 4}" text-anchor="middle" fill="${cell.recovers ? '#052e16' : '#fff'}">${escapeXml(cell.label)}</text></g>`);
  }
  model.columns.forEach((label, j) => out.push(`<text x="${x0 + j * cw + cw / 2}" y="${y0 + rows * ch + 18}" text-anchor="middle">${escapeXml(label)}</text>`));
  out.push(`<path d="${stepPath(model.steps, x0, y0, cw, ch)}" fill="none" stroke="#111827" stroke-width="3"/>`);
  model.legend.forEach((item, k) => {
    const y = legendY + k * 20;
    out.push(`<rect x="${x0}" y="${y - 11}" width="14" height="14" rx="2" fill="${item.color}"/><text x="${x0 + 20}" y="${y}">${escapeXml(item.label)}</text>`);
  });
  const lineY = legendY + model.legend.length * 20;
  out.push(`<line x1="${x0}" x2="${x0 + 14}" y1="${lineY - 4}" y2="${lineY - 4}" stroke="#111827" stroke-width="3"/><text x="${x0 + 20}" y="${lineY}">${escapeXml(model.boundaryKey)}</text>`);
  out.push('</svg>');
  return out.join('');
}

export function renderMetastabilityReport(scenario: Scenario, doc: MetastabilityDocument, language: ReportLanguage = 'en'): string {
  const t = reportStrings[language];
  const labels = nodeLabels(scenario);
  const c = sentenceContext(language, labels);
  const heading = renderFinding(problem('meta.heading', { scenario: doc.scenario, trigger: doc.trigger.kind, keyed: doc.trigger.sizeMeans === 'keyShareLost' }), c);
  const say = (code: string) => doc.findings.filter((f) => f.code === code).map((f) => `<li>${escapeXml(renderFinding(f, c))}</li>`).join('');
  const body = [
    `<h1>${escapeXml(heading)}</h1>`,
    scenario.description ? `<p>${escapeXml(scenario.description)}</p>` : '',
    `<div class="card"><p>${escapeXml(renderFinding(doc.findings[0]!, c))}</p>${metastabilitySvg(doc, language, labels)}<p class="muted">${escapeXml(renderFinding(problem('meta.legend'), c))}</p></div>`,
    `<div class="card"><ul>${say('meta.boundary')}${say('meta.notMonotone')}${say('meta.flushesOverlap')}${say('meta.mechanism')}${say('meta.allRecover')}</ul></div>`,
    `<h2>${t.architecture}</h2><div class="card">${architectureSvg(scenario, undefined, language)}</div>`,
    `<details><summary>${escapeXml(heading)}</summary><pre>${escapeXml(metastabilityText(doc, language, labels))}</pre></details>`,
  ].join('\n');
  return htmlDocument(heading, language, body);
}
