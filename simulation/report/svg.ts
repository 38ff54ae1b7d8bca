/**
 * Minimal SVG building for self-contained reports: escaped text, line and bar
 * charts with "nice" axes. Strings only, so reports render with no script and no
 * request, in a browser, a mail client or a PDF printer alike.
 */

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** About `count` round tick values covering [min, max]. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / count;
  const magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

export interface Series {
  name: string;
  color: string;
  x: number[];
  y: number[];
  dashed?: boolean;
  /** A range around the line (an interval per point), shaded in the series' colour behind it. */
  band?: { lower: number[]; upper: number[] };
}

export interface LineChartOptions {
  width?: number;
  height?: number;
  xLabel: string;
  yLabel: string;
  formatX?: (x: number) => string;
  formatY?: (y: number) => string;
  /** Horizontal reference line, e.g. an SLO bound. */
  threshold?: { y: number; label: string };
  /** Vertical marker, e.g. the point where scaling out stops paying. */
  marker?: { x: number; label: string };
  points?: boolean;
  /** Timeline events: a numbered vertical line at each `x`, its `label` as the line's tooltip. */
  events?: readonly { x: number; label: string }[];
}

export function lineChart(series: Series[], o: LineChartOptions): string {
  const width = o.width ?? 640;
  const height = o.height ?? 260;
  const m = { left: 64, right: 16, top: 16, bottom: 44 };
  const xs = series.flatMap((s) => s.x);
  const ys = series.flatMap((s) => [...s.y, ...(s.band?.upper ?? [])]).filter(Number.isFinite);
  if (o.threshold) ys.push(o.threshold.y);
  const xMin = Math.min(...xs);
  const xMax = Math.max(...xs);
  const yMax = Math.max(1e-12, ...ys) * 1.08;
  const fx = (x: number) => m.left + ((x - xMin) / (xMax - xMin || 1)) * (width - m.left - m.right);
  const fy = (y: number) => height - m.bottom - (y / yMax) * (height - m.top - m.bottom);
  const formatX = o.formatX ?? String;
  const formatY = o.formatY ?? String;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" font-family="system-ui, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif" font-size="11">`);
  for (const t of niceTicks(0, yMax)) {
    parts.push(`<line x1="${m.left}" x2="${width - m.right}" y1="${fy(t)}" y2="${fy(t)}" stroke="#e5e7eb"/>`);
    parts.push(`<text x="${m.left - 6}" y="${fy(t) + 4}" text-anchor="end" fill="#6b7280">${escapeXml(formatY(t))}</text>`);
  }
  for (const t of niceTicks(xMin, xMax, 6)) parts.push(`<text x="${fx(t)}" y="${height - m.bottom + 16}" text-anchor="middle" fill="#6b7280">${escapeXml(formatX(t))}</text>`);
  parts.push(`<text x="${(m.left + width - m.right) / 2}" y="${height - 6}" text-anchor="middle" fill="#374151">${escapeXml(o.xLabel)}</text>`);
  parts.push(`<text x="14" y="${(m.top + height - m.bottom) / 2}" text-anchor="middle" fill="#374151" transform="rotate(-90 14 ${(m.top + height - m.bottom) / 2})">${escapeXml(o.yLabel)}</text>`);
  if (o.threshold) {
    const y = fy(o.threshold.y);
    parts.push(`<line x1="${m.left}" x2="${width - m.right}" y1="${y}" y2="${y}" stroke="#dc2626" stroke-dasharray="5 4"/>`);
    parts.push(`<text x="${width - m.right}" y="${y - 4}" text-anchor="end" fill="#dc2626">${escapeXml(o.threshold.label)}</text>`);
  }
  if (o.marker) {
    const x = fx(o.marker.x);
    parts.push(`<line x1="${x}" x2="${x}" y1="${m.top}" y2="${height - m.bottom}" stroke="#059669" stroke-dasharray="4 3"/>`);
    // Near the right edge the label goes to the left of the line, so it is never clipped.
    const right = x > width - m.right - 120;
    parts.push(`<text x="${right ? x - 4 : x + 4}" y="${m.top + 10}" text-anchor="${right ? 'end' : 'start'}" fill="#059669">${escapeXml(o.marker.label)}</text>`);
  }
  (o.events ?? []).forEach((e, i) => {
    if (!(e.x >= xMin && e.x <= xMax)) return;
    const x = fx(e.x);
    parts.push(`<g class="event-mark"><title>${escapeXml(`${i + 1}. ${e.label}`)}</title><line x1="${x}" x2="${x}" y1="${m.top}" y2="${height - m.bottom}" stroke="#d97706" stroke-width="1.5" stroke-dasharray="3 3"/>`);
    parts.push(`<circle cx="${x}" cy="${m.top + 6}" r="7" fill="#fef3c7" stroke="#d97706"/><text x="${x}" y="${m.top + 10}" text-anchor="middle" font-size="10" font-weight="700" fill="#b45309">${i + 1}</text></g>`);
  });
  for (const s of series) {
    const band = s.band;
    if (!band) continue;
    const at = s.x.map((_, i) => i).filter((i) => Number.isFinite(band.lower[i]!) && Number.isFinite(band.upper[i]!));
    if (at.length < 2) continue;
    const upper = at.map((i) => `${fx(s.x[i]!).toFixed(1)},${fy(band.upper[i]!).toFixed(1)}`);
    const lower = at.reverse().map((i) => `${fx(s.x[i]!).toFixed(1)},${fy(Math.max(0, band.lower[i]!)).toFixed(1)}`);
    parts.push(`<path class="band" d="M${[...upper, ...lower].join('L')}Z" fill="${s.color}" fill-opacity="0.16" stroke="none"/>`);
  }
  for (const s of series) {
    const d = s.x.map((x, i) => `${i === 0 ? 'M' : 'L'}${fx(x).toFixed(1)},${fy(s.y[i]!).toFixed(1)}`).join('');
    parts.push(`<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
    if (o.points && !s.dashed) for (let i = 0; i < s.x.length; i++) parts.push(`<circle cx="${fx(s.x[i]!)}" cy="${fy(s.y[i]!)}" r="3" fill="${s.color}"/>`);
  }
  if (series.length > 1) {
    series.forEach((s, i) => {
      parts.push(`<rect x="${m.left + 8 + i * 150}" y="${m.top}" width="10" height="3" fill="${s.color}"/>`);
      parts.push(`<text x="${m.left + 22 + i * 150}" y="${m.top + 5}" fill="#374151">${escapeXml(s.name)}</text>`);
    });
  }
  parts.push('</svg>');
  return parts.join('');
}

export function barChart(labels: string[], values: number[], o: { width?: number; formatValue: (v: number, index: number) => string; max?: number; colorOf?: (v: number) => string }): string {
  const width = o.width ?? 640;
  const row = 22;
  const labelWidth = 140;
  const height = labels.length * row + 8;
  const max = o.max ?? Math.max(1e-12, ...values);
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" font-family="system-ui, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif" font-size="12">`];
  labels.forEach((label, i) => {
    const v = values[i]!;
    const w = Math.max(0, Math.min(1, v / max)) * (width - labelWidth - 70);
    const y = 4 + i * row;
    parts.push(`<text x="${labelWidth - 8}" y="${y + 14}" text-anchor="end" fill="#374151">${escapeXml(label)}</text>`);
    parts.push(`<rect x="${labelWidth}" y="${y + 3}" width="${w.toFixed(1)}" height="14" rx="2" fill="${o.colorOf ? o.colorOf(v) : '#2563eb'}"/>`);
    parts.push(`<text x="${labelWidth + w + 6}" y="${y + 14}" fill="#374151">${escapeXml(o.formatValue(v, i))}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

/** Green below 70%, amber to 90%, red above: the colours of "how close to the edge". */
/** Shortens text to about `max` characters with an ellipsis (SVG text does not wrap). */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function utilizationColor(u: number): string {
  return u >= 0.9 ? '#dc2626' : u >= 0.7 ? '#d97706' : '#059669';
}
