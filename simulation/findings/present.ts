/**
 * A result's findings as a reader sees them: the warnings and the SLO verdict with its
 * reasons, in the reader's language, with labels for ids. The CLI, the HTML reports and
 * the app all present a result through here, so a verdict never reads differently
 * between them.
 */
import type { ResultDocument, SloVerdict, SweepDocument } from '../model/result';
import type { Scenario } from '../model/schema';
import { sloVerdictOf } from '../stats/verdict';
import type { CapacityPlan } from '../whatif/plan';
import { sweepRecommendationFinding } from '../whatif/recommend';
import { scalingSlice, scalingVerdict } from '../whatif/scaling';
import type { Finding, Language } from './finding';
import { renderFinding, sentenceContext } from './render';

/** What a person calls each node: its label, or its id when it has none. */
export function nodeLabels(scenario: Pick<Scenario, 'nodes'> | null | undefined): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const n of scenario?.nodes ?? []) if (n.label) labels[n.id] = n.label;
  return labels;
}

/** The warnings, most important first (an early stop, then instability, then the rest). */
export function warningTexts(r: Pick<ResultDocument, 'warnings' | 'findings'>, lang: Language, labels: Readonly<Record<string, string>> = {}): string[] {
  if (!r.findings) return r.warnings;
  const context = sentenceContext(lang, labels);
  return r.findings.filter((f) => f.severity === 'warning').map((f) => renderFinding(f, context));
}

export interface SloPresentation {
  verdict: SloVerdict;
  /** "SLO met", "SLO not met", "no SLO stated" in the reader's language. */
  headline: string;
  /** Why not, one phrase each (empty unless not met). */
  reasons: string[];
}

export function sloPresentation(r: Pick<ResultDocument, 'summary' | 'findings'>, lang: Language, labels: Readonly<Record<string, string>> = {}): SloPresentation {
  const verdict = sloVerdictOf(r.summary);
  const context = sentenceContext(lang, labels);
  const headline = renderFinding({ code: 'slo', severity: 'info', figures: { verdict } }, context);
  const reasons = (r.findings ?? []).filter((f) => f.code === 'sloReason').map((f) => renderFinding(f, context));
  return { verdict, headline, reasons };
}

/** The bottleneck in the reader's language (its finding, with held-up callers), or the document's English explanation when an older document has no finding; null without a bottleneck. */
export function bottleneckText(r: Pick<ResultDocument, 'bottleneck' | 'findings'>, lang: Language, labels: Readonly<Record<string, string>> = {}): string | null {
  if (!r.bottleneck) return null;
  const finding = r.findings?.find((f) => f.code === 'bottleneck');
  return finding ? renderFinding(finding, sentenceContext(lang, labels)) : r.bottleneck.explanation;
}

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
