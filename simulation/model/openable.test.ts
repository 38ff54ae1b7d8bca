/** Why a file cannot be opened, in the reader's language: the JSON parser's English detail stays out of Chinese. */
import { describe, expect, it, vi } from 'vitest';
import { readScenarioText } from './openable';
import { formatIssueIn } from './validate';

function reason(text: string, lang: 'en' | 'zh-CN'): string {
  const r = readScenarioText(text);
  if (r.ok) throw new Error('expected the file to be refused');
  return formatIssueIn(r.issue, lang);
}

describe('a file that is not JSON', () => {
  it('names the line and column, in Chinese without the parser’s English', () => {
    const text = '{\n  "version": 1,\n  this is not json\n}';
    expect(reason(text, 'en')).toMatch(/^not valid JSON \(line 3, column 3\): \S/);
    const zh = reason(text, 'zh-CN');
    expect(zh).toBe('不是有效的 JSON（第 3 行，第 3 列）');
  });

  it('says a file cut off before its end is truncated', () => {
    const zh = reason('{ "version": 1, "nodes": [', 'zh-CN');
    expect(zh).toMatch(/^不是有效的 JSON(（第 \d+ 行，第 \d+ 列）)?：文件似乎被截断了$/);
    expect(zh.replace('JSON', '')).not.toMatch(/[A-Za-z]/);
    expect(reason('{ "name": "unfinished', 'zh-CN')).toMatch(/文件似乎被截断了$/);
  });

  it('says where once, not again in the words of a parser that names the line itself (Chromium’s V8)', () => {
    vi.spyOn(JSON, 'parse').mockImplementationOnce(() => {
      throw new SyntaxError("Expected property name or '}' in JSON at position 2 (line 1 column 3)");
    });
    expect(reason('{ x', 'en')).toBe("not valid JSON (line 1, column 3): Expected property name or '}' in JSON at position 2");
  });
});

describe('a file from a newer Headroom', () => {
  it('is refused before the editor opens it, saying which version it is and which this one reads', () => {
    const text = JSON.stringify({ format: 'headroom/scenario', version: 7, name: 'later', nodes: [], edges: [] });
    expect(reason(text, 'en')).toBe('version: this file is version 7; this Headroom reads up to version 1');
    const zh = reason(text, 'zh-CN');
    // The JSON path and the product's name stay as they are; the sentence is Chinese.
    expect(zh).toBe('version：此文件是版本 7；此版本的 Headroom 最高只能读取版本 1');
  });
});
