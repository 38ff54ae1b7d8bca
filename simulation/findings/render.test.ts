import { describe, expect, it } from 'vitest';
import { languages, type Finding, type SentenceContext } from './finding';
import { findingCodes, renderFinding, sentenceContext, sentenceSpec, sentenceTables } from './render';

/** A context that marks every label it hands out, so a test sees which ids went through `label`. */
function markingContext(lang: (typeof languages)[number]): SentenceContext {
  const context: SentenceContext = { ...sentenceContext(lang), label: (id) => `⟦${id}⟧`, finding: (json) => renderFinding(JSON.parse(json) as Finding, context) };
  return context;
}

/** The Latin abbreviations and units readers use in both languages. */
const sharedTokens = /\b(SLO|CPU|CPUs|JSON|Headroom|id|cv|p\d+(\.\d+)?|ms|µs|s|min|k|M|G|HPA|KEDA|USL|QPS|RPS|TTL|LRU|ID|t)\b/g;

describe('finding sentences', () => {
  it('has each code in exactly one table', () => {
    const all = sentenceTables.flatMap((t) => Object.keys(t));
    expect(new Set(all).size).toBe(all.length);
  });

  it('registers the what-if verdicts with the other tables', () => {
    for (const code of ['scaling.turn', 'scaling.allPay', 'sweep.replicasPayOff', 'sweep.cheapest', 'plan.found', 'plan.notFound']) expect(findingCodes()).toContain(code);
  });

  it.each(findingCodes())('renders %s in every language, naming nodes only through their labels', (code) => {
    const spec = sentenceSpec(code)!;
    const finding = { code, ...spec.example };
    const texts = languages.map((lang) => {
      expect(typeof spec[lang]).toBe('function');
      const text = renderFinding(finding, markingContext(lang));
      expect(text.trim().length).toBeGreaterThan(0);
      expect(text).not.toMatch(/undefined|NaN|\[object|null/);
      if (finding.node) {
        expect(text).toContain(`⟦${finding.node}⟧`);
        // Outside the marked labels the id must not appear: a sentence that writes an id itself shows it to the reader.
        expect(text.replace(/⟦[^⟧]*⟧/g, '')).not.toMatch(new RegExp(`\\b${finding.node}\\b`));
      }
      for (const key of spec.nodeFigures ?? []) {
        const value = finding.figures[key];
        const ids = typeof value === 'string' && value.startsWith('[') ? (JSON.parse(value) as string[]) : typeof value === 'string' ? [value] : [];
        for (const id of ids) if (id !== finding.node) expect(text.replace(/⟦[^⟧]*⟧/g, ''), `${key} is shown by its label`).not.toMatch(new RegExp(`\\b${id}\\b`));
      }
      return text;
    });
    const [en, zh] = texts as [string, string];
    expect(zh).not.toBe(en);
    // No English words left in Chinese: strip labels, figures quoted as given (a currency code), units and shared abbreviations.
    let rest = zh.replace(/⟦[^⟧]*⟧/g, '');
    for (const key of spec.verbatimFigures ?? []) rest = rest.split(String(finding.figures[key])).join('');
    for (const quoted of spec.quotes ?? []) rest = rest.split(quoted).join('');
    if (spec.quotedNames) rest = rest.replace(/"[^"]*"/g, '');
    expect(rest.replace(sharedTokens, '')).not.toMatch(/[A-Za-z]{2,}/);
  });

  it('shows the code of a finding this build does not know', () => {
    expect(renderFinding({ code: 'fromTheFuture', node: 'api', severity: 'info', figures: {} }, sentenceContext('en'))).toBe('api: fromTheFuture');
  });
});
