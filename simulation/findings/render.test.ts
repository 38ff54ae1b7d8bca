import { describe, expect, it } from 'vitest';
import { languages } from './finding';
import { findingCodes, renderFinding, sentenceContext, sentenceSpec, sentenceTables } from './render';

describe('finding sentences', () => {
  it('has each code in exactly one table', () => {
    const all = sentenceTables.flatMap((t) => Object.keys(t));
    expect(new Set(all).size).toBe(all.length);
  });

  it.each(findingCodes())('renders %s in every language, with labels instead of ids', (code) => {
    const spec = sentenceSpec(code)!;
    const finding = { code, ...spec.example };
    const labels: Record<string, string> = finding.node ? { [finding.node]: 'LABEL-OF-NODE' } : {};
    for (const key of spec.nodeFigures ?? []) {
      const id = finding.figures[key];
      if (typeof id === 'string') labels[id] = 'LABEL-OF-NODE';
    }
    for (const lang of languages) {
      const text = renderFinding(finding, sentenceContext(lang, labels));
      expect(text.length).toBeGreaterThan(0);
      expect(text).not.toMatch(/undefined|NaN|\[object/);
      if (finding.node) expect(text).toContain('LABEL-OF-NODE');
    }
    // No English words left in Chinese: strip labels, units and the Latin abbreviations readers use in both.
    const zh = renderFinding(finding, sentenceContext('zh-CN', labels))
      .replace(/LABEL-OF-NODE/g, '')
      .replace(/\b(SLO|CPU|CPUs|p\d+|ms|µs|s|min|k|M|G|HPA|KEDA|USL|QPS|RPS|TTL|LRU|ID)\b/g, '');
    expect(zh).not.toMatch(/[A-Za-z]{2,}/);
  });

  it('shows the code of a finding this build does not know', () => {
    expect(renderFinding({ code: 'fromTheFuture', node: 'api', severity: 'info', figures: {} }, sentenceContext('en'))).toBe('api: fromTheFuture');
  });
});
