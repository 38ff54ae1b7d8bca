/**
 * Turns findings into sentences in the reader's language. Every table in `tables/` is
 * registered here once; the CLI, the HTML report and the app call `renderFinding` and
 * never word a finding themselves.
 */
import { numberFormats } from '../locale/language';
import type { Finding, Language, SentenceContext, SentenceSpec, SentenceTable } from './finding';
import { autoscaleSentences } from './tables/autoscale';
import { cliSentences } from './tables/cli';
import { traceFileSentences } from './tables/traceFiles';
import { loadTestFileSentences } from './tables/loadTestFiles';
import { whatIfInputSentences } from './tables/whatIfInput';
import { resultSentences } from './tables/result';
import { bottleneckSentences } from './tables/bottleneck';
import { resilienceSentences } from './tables/resilience';
import { metastabilitySentences } from './tables/metastability';
import { limitSentences } from './tables/limits';
import { scalingSentences } from './tables/scaling';
import { scenarioFileSentences } from './tables/scenarioFile';
import { scenarioRuleSentences } from './tables/scenarioRules';

/** Every table of codes. A code appears in exactly one (checked by the tests). */
export const sentenceTables: readonly SentenceTable[] = [resultSentences, autoscaleSentences, bottleneckSentences, resilienceSentences, metastabilitySentences, limitSentences, scalingSentences, scenarioFileSentences, scenarioRuleSentences, cliSentences, traceFileSentences, loadTestFileSentences, whatIfInputSentences];

const byCode = new Map<string, SentenceSpec>();
for (const table of sentenceTables) for (const [code, spec] of Object.entries(table)) byCode.set(code, spec);

export function findingCodes(): string[] {
  return [...byCode.keys()];
}

export function sentenceSpec(code: string): SentenceSpec | undefined {
  return byCode.get(code);
}

/** A sentence context with plain-text numbers in the reader's language (万 in Chinese); `labels` maps node ids to what a person calls them. */
export function sentenceContext(lang: Language, labels: Readonly<Record<string, string>> = {}): SentenceContext {
  const numbers = numberFormats(lang);
  const context: SentenceContext = {
    lang,
    label: (id) => (Object.hasOwn(labels, id) ? labels[id]! : id),
    percent: (share, digits = 0) => numbers.percent(share, digits),
    rate: numbers.rate,
    duration: numbers.duration,
    count: numbers.count,
    number: numbers.number,
    finding: (json) => {
      try {
        return renderFinding(JSON.parse(json) as Finding, context);
      } catch {
        return json;
      }
    },
  };
  return context;
}

export function renderFinding(f: Finding, context: SentenceContext): string {
  const spec = byCode.get(f.code);
  // A finding from a newer result document than this build knows: show its code rather than nothing.
  if (!spec) return f.node ? `${context.label(f.node)}: ${f.code}` : f.code;
  return spec[context.lang](f, context);
}
