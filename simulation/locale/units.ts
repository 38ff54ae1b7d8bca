/**
 * Plain-text number formatting for the command line and reports: durations in the
 * unit a person would say (µs, ms, s), rates with thousands separators, shares as
 * percentages. The app formats for the user's language separately (Intl).
 */
import { displayWidth, padEndTo, padStartTo } from './words';

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '∞';
  const a = Math.abs(seconds);
  if (a === 0) return '0 ms';
  if (a < 1e-3) return `${trim(seconds * 1e6)} µs`;
  if (a < 1) return `${trim(seconds * 1e3)} ms`;
  if (a < 120) return `${trim(seconds)} s`;
  return `${trim(seconds / 60)} min`;
}

/** Three significant digits, without a trailing ".0". */
export function trim(x: number): string {
  if (x === 0) return '0';
  const a = Math.abs(x);
  const digits = a >= 100 ? 0 : a >= 10 ? 1 : 2;
  const fixed = x.toFixed(digits);
  return digits === 0 ? fixed : fixed.replace(/\.?0+$/, '');
}

export function formatRate(perSecond: number): string {
  if (perSecond >= 1000) return `${Math.round(perSecond).toLocaleString('en-US')}/s`;
  return `${trim(perSecond)}/s`;
}

export function formatPercent(share: number, digits = 1): string {
  const p = share * 100;
  if (p !== 0 && Math.abs(p) < 0.001) return `${p < 0 ? '>-' : '<'}0.001%`;
  if (p !== 0 && Math.abs(p) < 0.1) return `${p.toFixed(3).replace(/0+$/, '')}%`;
  return `${p.toFixed(digits)}%`;
}

export function formatCount(n: number): string {
  if (n >= 1e9) return `${trim(n / 1e9)} G`;
  if (n >= 1e6) return `${trim(n / 1e6)} M`;
  if (n >= 1e4) return `${trim(n / 1e3)} k`;
  return String(Math.round(n));
}

/** Left-aligned first column, right-aligned others; columns separated by two spaces. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? padEndTo(c, widths[i]!) : padStartTo(c, widths[i]!))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)].join('\n');
}
