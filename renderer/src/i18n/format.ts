/**
 * Numbers, rates, durations and dates formatted for the UI language with Intl:
 * compact notation gives "1.2万" in Chinese and "12K" in English.
 */
import { formatCompact, numberFormat } from '../../../simulation/locale/language';

/** Compact in both languages ("12K", "1.2万"); one definition, shared with the report and the CLI. */
export const formatNumber = formatCompact;

export function formatInteger(value: number, lang: string): string {
  return numberFormat(lang, { maximumFractionDigits: 0 }).format(value);
}

/** Seconds shown in the unit that reads best: µs, ms or s. */
export function formatDuration(seconds: number, lang: string): string {
  if (!Number.isFinite(seconds)) return '—';
  const abs = Math.abs(seconds);
  if (abs === 0) return '0 ms';
  if (abs < 0.001) return `${formatNumber(seconds * 1e6, lang)} µs`;
  if (abs < 1) return `${formatNumber(seconds * 1000, lang)} ms`;
  return `${formatNumber(seconds, lang)} s`;
}

export function formatPercent(fraction: number, lang: string, digits = 1): string {
  if (!Number.isFinite(fraction)) return '—';
  return numberFormat(lang, { style: 'percent', maximumFractionDigits: fraction !== 0 && Math.abs(fraction) < 0.01 ? 2 : digits }).format(fraction);
}

export function formatDateTime(iso: string | number | Date, lang: string): string {
  const d = new Date(iso);
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** A moment of this session: the time alone when it was today, else the date too. */
export function formatWhen(at: number, lang: string, now = Date.now()): string {
  const d = new Date(at);
  if (d.toDateString() !== new Date(now).toDateString()) return formatDateTime(d, lang);
  return new Intl.DateTimeFormat(lang, { timeStyle: 'short' }).format(d);
}

export function formatMoney(value: number, currency: string, lang: string): string {
  try {
    return numberFormat(lang, { style: 'currency', currency, maximumFractionDigits: 2 }).format(value);
  } catch {
    return `${formatNumber(value, lang)} ${currency}`;
  }
}
