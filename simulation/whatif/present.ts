/**
 * A what-if's verdicts as a reader sees them: where scaling out stops paying, the sweep's
 * recommendation and a capacity plan, in the reader's language with labels for ids. Beside
 * format/present.ts (a single result's verdicts) because these need the what-if
 * calculations to recompute a verdict an older document did not store.
 */
import type { Finding, Language } from '../findings/finding';
import { bottleneckText } from '../format/present';
import { renderFinding, sentenceContext } from '../findings/render';
import type { SweepDocument } from '../model/result';
import type { CapacityPlan } from './plan';
import { sweepRecommendationFinding } from './recommend';
import { scalingSlice, scalingVerdict } from './scaling';

/** The finding of a sweep's scale-out verdict; a document written before verdicts were data has it recomputed from its points. */
function scalingFindingOf(doc: Pick<SweepDocument, 'vary' | 'points' | 'scaling'>): Finding | null {
  const s = doc.scaling;
  if (!s) return null;
  return s.finding ?? scalingVerdict(s.path, scalingSlice(doc, s.path, doc.points), doc.points[0]?.result.run.confidence ?? 0.95).finding ?? null;
}

/** Where scaling out stops paying (or that it does not), in the reader's language; null without a scale-out verdict. */
export function scalingText(doc: Pick<SweepDocument, 'vary' | 'points' | 'scaling'>, lang: Language, labels: Readonly<Record<string, string>> = {}): string | null {
  const finding = scalingFindingOf(doc);
  return finding ? renderFinding(finding, sentenceContext(lang, labels)) : null;
}

/** The sweep's recommendation in the reader's language (recomputed for a document written before it was stored). */
export function recommendationText(doc: Pick<SweepDocument, 'vary' | 'points' | 'scaling' | 'recommendation'>, lang: Language, labels: Readonly<Record<string, string>> = {}): { code: string; text: string } {
  const finding = doc.recommendation ?? sweepRecommendationFinding(doc);
  return { code: finding.code, text: renderFinding(finding, sentenceContext(lang, labels)) };
}

/** A capacity plan in the reader's language: what meets the SLO (or that nothing did), then the bottleneck of its result. */
export function planText(plan: Pick<CapacityPlan, 'finding' | 'result'>, lang: Language, labels: Readonly<Record<string, string>> = {}): string {
  const bottleneck = bottleneckText(plan.result, lang, labels);
  return `${renderFinding(plan.finding, sentenceContext(lang, labels))}${bottleneck ? `${lang === 'zh-CN' ? '；' : '; '}${bottleneck}` : ''}`;
}
