/**
 * Every finding code of every table, in every language, with its example figures and
 * with variants that reach the sentence's other branches (another cause, another
 * resource, a missing figure). A Chinese sentence must exist, differ from the English
 * one and hold no English word: only the Latin tokens a Chinese engineer reads as they
 * are (units, SLO, p99, CPU…) and the labels and quoted values passed in may remain.
 * Both languages must name nodes by their labels, never by their ids.
 */
import { describe, expect, it } from 'vitest';
import type { Finding, FindingFigure, Language } from '../../simulation/findings/finding';
import { findingCodes, renderFinding, sentenceContext, sentenceSpec } from '../../simulation/findings/render';
import { englishWords } from '../helpers/english';

/** Figure values that select another branch of a sentence, by figure name. */
const alternatives: Record<string, readonly FindingFigure[]> = {
  cause: ['rateLimit', 'rateLimitOrQueue', 'brokerCapacity', 'queueLimit'],
  resource: ['workers', 'cpus', 'connections', 'pool', 'rateLimit', null],
  reason: ['stoppedEarly', 'unstable', 'noCompletions', 'bound'],
  verdict: ['met', 'notMet', 'none'],
  metric: ['p99', 'queue', 'errorRate', ''],
  unit: ['seconds', 'milliseconds', 'perSecond', 'messages', 'percent', 'share', 'count'],
  key: ['mean', 'p50', 'p95', 'p99', 'errorRate', 'throughput', 'maxBacklog'],
  backlog: [true, false],
  warmupCutShort: [true, false],
};

/** The example, each alternative of each branching figure, and each figure in turn absent (null). */
function variants(example: Omit<Finding, 'code'>): Omit<Finding, 'code'>[] {
  const out = [example];
  for (const [key, value] of Object.entries(example.figures)) {
    for (const alt of alternatives[key] ?? []) if (alt !== value) out.push({ ...example, figures: { ...example.figures, [key]: alt } });
    if (value !== null) out.push({ ...example, figures: { ...example.figures, [key]: null } });
  }
  return out;
}

/** Node ids a finding names: its node, its node figures, and the node paths inside a JSON figure (a sweep point, a plan's assignment). */
function idsOf(f: Finding, nodeFigures: readonly string[]): string[] {
  const ids = new Set<string>();
  if (f.node) ids.add(f.node);
  for (const key of nodeFigures) {
    const v = f.figures[key];
    // A figure may hold one id or a JSON list of them (the nodes around a cycle).
    if (typeof v === 'string' && v.startsWith('[')) for (const id of JSON.parse(v) as string[]) ids.add(id);
    else if (typeof v === 'string' && v !== '') ids.add(v);
  }
  for (const v of Object.values(f.figures)) {
    if (typeof v !== 'string' || !v.startsWith('{')) continue;
    const parsed = JSON.parse(v) as Record<string, unknown>;
    // A finding inside a finding (a plan step's change) names its own node.
    if (typeof parsed.code === 'string') {
      if (typeof parsed.node === 'string') ids.add(parsed.node);
      continue;
    }
    for (const key of Object.keys(parsed)) ids.add(/^nodes\.([^.]+)\./.exec(key)?.[1] ?? key);
  }
  return [...ids];
}

/** A label per id, in Chinese characters, so that any Latin word left in a Chinese sentence is the sentence's own. */
function labelsFor(ids: readonly string[]): Record<string, string> {
  return Object.fromEntries(ids.map((id, i) => [id, `节点${'甲乙丙丁戊己庚辛'[i % 8]}`]));
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('every finding in every language', () => {
  const codes = findingCodes();

  it('has codes to walk', () => {
    expect(codes.length).toBeGreaterThan(20);
  });

  it.each(codes)('%s: Chinese exists, differs from English, has no English words and shows labels', (code) => {
    const spec = sentenceSpec(code)!;
    const problems: string[] = [];
    for (const v of variants(spec.example)) {
      const finding: Finding = { code, ...v };
      const ids = idsOf(finding, spec.nodeFigures ?? []);
      const context = (lang: Language) => sentenceContext(lang, labelsFor(ids));
      const en = renderFinding(finding, context('en'));
      const zh = renderFinding(finding, context('zh-CN'));
      const figures = JSON.stringify(v.figures);
      if (zh.trim() === '') problems.push(`empty Chinese for ${figures}`);
      if (zh === en) problems.push(`Chinese equals English for ${figures}: ${zh}`);
      for (const text of [en, zh]) {
        if (/undefined|NaN|\[object/.test(text)) problems.push(`broken figure in "${text}"`);
        for (const id of ids) if (new RegExp(`(^|[^A-Za-z0-9_-])${escape(id)}($|[^A-Za-z0-9_-])`).test(text)) problems.push(`id "${id}" instead of its label in "${text}"`);
      }
      const verbatim = (spec.verbatimFigures ?? []).map((k) => v.figures[k]).filter((x): x is string => typeof x === 'string');
      const fileNames = spec.quotedNames ? [...zh.matchAll(/"[^"]*"/g)].map((m) => m[0]) : [];
      const words = englishWords(zh, [...verbatim, ...(spec.quotes ?? []), ...fileNames]);
      if (words.length > 0) problems.push(`English words ${JSON.stringify(words)} in "${zh}"`);
    }
    expect(problems).toEqual([]);
  });

  it('catches an untranslated sentence (the check itself can fail)', () => {
    expect(englishWords('网关：rejects 18.4% 的到达请求', [])).toEqual(['rejects']);
    expect(englishWords('满足 SLO（p99 120 ms），每小时 3.50 USD', ['USD'])).toEqual([]);
  });
});
