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
import { cellFinding, metastabilityText } from './metastabilityTable';
import { reportStrings, type ReportLanguage } from './strings';
import { escapeXml } from './svg';

/** A recovered cell's fill: paler the longer it took, against the time allowed. */
export function cellColor(recovers: boolean, recoveryTime: number | null, within: number): string {
  if (!recovers) return '#dc2626';
  const f = Math.min(1, Math.max(0, (recoveryTime ?? 0) / within));
  const mix = (a: number, b: number) => Math.round(a + (b - a) * f);
  return `rgb(${mix(22, 190)},${mix(163, 230)},${mix(74, 160)})`;
}

/** The grid's geometry: row of each size (the largest on top) and the step line between recovered and stuck. */
export function boundaryPath(doc: MetastabilityDocument, x0: number, y0: number, cw: number, ch: number): string {
  const rows = doc.sizes.length;
  const yOf = (size: number | null) => (size === null ? y0 : y0 + (rows - doc.sizes.indexOf(size)) * ch);
  const parts: string[] = [];
  doc.boundary.forEach((b, j) => {
    const y = yOf(b.size);
    parts.push(`${j === 0 ? 'M' : 'L'}${x0 + j * cw},${y}`, `L${x0 + (j + 1) * cw},${y}`);
  });
  return parts.join(' ');
}

export function metastabilitySvg(doc: MetastabilityDocument, language: ReportLanguage, labels: Record<string, string> = {}): string {
  const c = sentenceContext(language, labels);
  const cw = 96;
  const ch = 34;
  const x0 = 80;
  const y0 = 24;
  const rows = doc.sizes.length;
  const width = x0 + cw * doc.durations.length + 10;
  const height = y0 + ch * rows + 30;
  const out: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="system-ui, sans-serif" font-size="12">`];
  doc.sizes.forEach((size, i) => {
    const y = y0 + (rows - 1 - i) * ch;
    out.push(`<text x="${x0 - 6}" y="${y + ch / 2 + 4}" text-anchor="end">${escapeXml(renderFinding(problem('meta.size', { trigger: doc.trigger.kind, size }), c))}</text>`);
    doc.durations.forEach((duration, j) => {
      const p = doc.points.find((q) => q.size === size && q.duration === duration);
      if (!p) return;
      const x = x0 + j * cw;
      out.push(`<rect x="${x + 1}" y="${y + 1}" width="${cw - 2}" height="${ch - 2}" rx="3" fill="${cellColor(p.recovers, p.recoveryTime, doc.within)}"/>`);
      out.push(`<text x="${x + cw / 2}" y="${y + ch / 2 + 4}" text-anchor="middle" fill="#fff">${escapeXml(renderFinding(cellFinding(p), c))}</text>`);
    });
  });
  doc.durations.forEach((duration, j) => out.push(`<text x="${x0 + j * cw + cw / 2}" y="${y0 + rows * ch + 18}" text-anchor="middle">${escapeXml(renderFinding(problem('meta.column', { duration }), c))}</text>`));
  out.push(`<path d="${boundaryPath(doc, x0, y0, cw, ch)}" fill="none" stroke="#111827" stroke-width="3"/>`);
  out.push('</svg>');
  return out.join('');
}

export function renderMetastabilityReport(scenario: Scenario, doc: MetastabilityDocument, language: ReportLanguage = 'en'): string {
  const t = reportStrings[language];
  const labels = nodeLabels(scenario);
  const c = sentenceContext(language, labels);
  const heading = renderFinding(problem('meta.heading', { scenario: doc.scenario, trigger: doc.trigger.kind }), c);
  const say = (code: string) => doc.findings.filter((f) => f.code === code).map((f) => `<li>${escapeXml(renderFinding(f, c))}</li>`).join('');
  const body = [
    `<h1>${escapeXml(heading)}</h1>`,
    scenario.description ? `<p>${escapeXml(scenario.description)}</p>` : '',
    `<div class="card"><p>${escapeXml(renderFinding(doc.findings[0]!, c))}</p>${metastabilitySvg(doc, language, labels)}<p class="muted">${escapeXml(renderFinding(problem('meta.legend'), c))}</p></div>`,
    `<div class="card"><ul>${say('meta.boundary')}${say('meta.notMonotone')}${say('meta.mechanism')}${say('meta.allRecover')}</ul></div>`,
    `<h2>${t.architecture}</h2><div class="card">${architectureSvg(scenario, undefined, language)}</div>`,
    `<details><summary>${escapeXml(heading)}</summary><pre>${escapeXml(metastabilityText(doc, language, labels))}</pre></details>`,
  ].join('\n');
  return htmlDocument(heading, language, body);
}
