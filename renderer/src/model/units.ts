/**
 * Units as people think of them versus units as the file stores them: the file
 * keeps seconds and fractions, the inspector shows milliseconds and percentages.
 * Every conversion rounds to 12 significant digits so 0.3 s shows as 300 ms, not
 * 300.00000000000006.
 */

export type Unit = 'ms' | 's' | 'percent' | 'rps' | 'count' | 'factor' | 'money' | 'plain';

const clean = (x: number): number => Number(x.toPrecision(12));

/** File value → what the field shows. */
export function toDisplay(value: number, unit: Unit): number {
  switch (unit) {
    case 'ms':
      return clean(value * 1000);
    case 'percent':
      return clean(value * 100);
    default:
      return value;
  }
}

/** What the user typed → file value. */
export function fromDisplay(value: number, unit: Unit): number {
  switch (unit) {
    case 'ms':
      return clean(value / 1000);
    case 'percent':
      return clean(value / 100);
    default:
      return value;
  }
}

/**
 * Parses a number as typed: accepts a comma as decimal separator, spaces and
 * thousands separators; an empty field means "unset" (undefined).
 */
export function parseTyped(text: string): number | undefined | null {
  const t = text.trim().replace(/[\s_\u00a0]/g, '');
  if (t === '') return undefined;
  const normalized = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t) ? t.replace(/,/g, '') : t.replace(',', '.');
  const n = Number(normalized);
  return Number.isFinite(n) ? n : null;
}

/** i18n key of each unit's short label. */
export const unitLabelKey: Record<Unit, string | null> = {
  ms: 'unit.ms',
  s: 'unit.s',
  percent: 'unit.percent',
  rps: 'unit.rps',
  count: null,
  factor: 'unit.factor',
  money: null,
  plain: null,
};
