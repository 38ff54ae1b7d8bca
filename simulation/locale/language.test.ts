/**
 * English is the CLI's plain text byte for byte; Chinese counts in 万 and 亿.
 */
import { describe, expect, it } from 'vitest';
import { numberFormats } from './language';
import { formatCount, formatDuration, formatPercent, formatRate } from './units';

describe('numberFormats', () => {
  it('English is exactly units.ts', () => {
    const en = numberFormats('en');
    for (const x of [0, 0.00042, 0.0253, 3.5, 150, 999, 1234.5, 12000, 3.2e6, 7.1e9]) {
      expect(en.rate(x)).toBe(formatRate(x));
      expect(en.duration(x)).toBe(formatDuration(x));
      expect(en.count(x)).toBe(formatCount(x));
      expect(en.percent(x / 1e4, 1)).toBe(formatPercent(x / 1e4, 1));
    }
  });
  it('Chinese uses 万 and 亿 for large counts and rates', () => {
    const zh = numberFormats('zh-CN');
    expect(zh.rate(12000)).toBe('1.2万 次/秒');
    expect(zh.rate(1234)).toBe('1,234 次/秒');
    expect(zh.rate(3.5)).toBe('3.5 次/秒');
    expect(zh.count(123456789)).toBe('1.23亿');
    expect(zh.count(512)).toBe('512');
    expect(zh.duration(0.0253)).toBe('25.3 ms');
    expect(zh.duration(300)).toBe('5 分钟');
    expect(zh.percent(0.456, 0)).toBe('46%');
  });
});
