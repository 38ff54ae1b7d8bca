import { describe, expect, it } from 'vitest';
import { normalizeLocaleTag, systemLocale } from './locale';

describe('normalizeLocaleTag', () => {
  it.each([
    ['zh-Hans-CN', 'zh-CN'],
    ['zh-CN', 'zh-CN'],
    ['zh_CN.UTF-8', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['zh-SG', 'zh-CN'],
    ['zh-Hant-TW', 'zh-TW'],
    ['zh-HK', 'zh-HK'],
    ['en-US', 'en-US'],
    ['en_GB', 'en-GB'],
    ['fr', 'fr'],
    ['de-Latn-DE', 'de-DE'],
    ['C', 'en-US'],
    ['', 'en-US'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeLocaleTag(input)).toBe(expected);
  });

  it('prefers the first preferred language, then the app locale', () => {
    expect(systemLocale(['zh-Hans-CN', 'en-US'], 'en-US')).toBe('zh-CN');
    expect(systemLocale([], 'de')).toBe('de');
    expect(systemLocale([], undefined)).toBe('en-US');
  });
});
