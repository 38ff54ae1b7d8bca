/**
 * Numbers in the reader's language, the one place for it: the CLI, the HTML report,
 * finding sentences and the app all format through here. English is exactly the plain
 * text of `units.ts` (the CLI's output and the spec's examples depend on it byte for
 * byte). Chinese counts in 万 and 亿, as a Chinese reader does: 12,000 is "1.2万",
 * 123,456,789 is "1.23亿", and a rate reads "1.2万 次/秒".
 */
import { formatCount, formatDuration, formatPercent, formatRate, trim } from './units';

export type NumberLanguage = 'en' | 'zh-CN';

export interface NumberFormats {
  /** A plain number with three significant digits (no unit). */
  number(x: number): string;
  count(n: number): string;
  rate(perSecond: number): string;
  duration(seconds: number): string;
  percent(share: number, digits?: number): string;
}

const zhCompact = new Intl.NumberFormat('zh-CN', { notation: 'compact', maximumSignificantDigits: 3 });
const zhGrouped = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });

/** 万 from ten thousand up (below it Chinese writes the digits, with the comma every reader of code knows). */
function zhNumber(x: number): string {
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '—';
  const a = Math.abs(x);
  if (a >= 1e4) return zhCompact.format(x);
  if (a >= 1000) return zhGrouped.format(x);
  return trim(x);
}

const english: NumberFormats = {
  number: trim,
  count: formatCount,
  rate: formatRate,
  duration: formatDuration,
  percent: formatPercent,
};

const chinese: NumberFormats = {
  number: zhNumber,
  count: (n) => (Math.abs(n) >= 1e4 ? zhCompact.format(n) : String(Math.round(n))),
  rate: (perSecond) => `${zhNumber(perSecond)} 次/秒`,
  duration: (seconds) => {
    if (Number.isFinite(seconds) && Math.abs(seconds) >= 120) return `${trim(seconds / 60)} 分钟`;
    return formatDuration(seconds);
  },
  percent: formatPercent,
};

export function numberFormats(lang: NumberLanguage): NumberFormats {
  return lang === 'zh-CN' ? chinese : english;
}

/**
 * A number for the app's UI, which shows counts compactly in both languages ("12K",
 * "1.2万") and uses the language's separators below that.
 */
export function formatCompact(value: number, lang: string, digits = 3): string {
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '—';
  const abs = Math.abs(value);
  if (abs >= 10_000) return numberFormat(lang, { notation: 'compact', maximumSignificantDigits: digits }).format(value);
  if (abs === 0) return '0';
  return numberFormat(lang, abs >= 100 ? { maximumFractionDigits: 0 } : { maximumSignificantDigits: digits }).format(value);
}

/**
 * An Intl.NumberFormat, made once per language and options and kept: formatters are costly
 * to make and the UI formats thousands of numbers a render (chart ticks, table cells).
 */
const madeFormats = new Map<string, Intl.NumberFormat>();
export function numberFormat(lang: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let format = madeFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(lang, options);
    madeFormats.set(key, format);
  }
  return format;
}
