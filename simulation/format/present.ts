/**
 * A result's findings as a reader sees them: the warnings and the SLO verdict with its
 * reasons, in the reader's language, with labels for ids. The CLI, the HTML reports and
 * the app all present a result through here, so a verdict never reads differently
 * between them.
 */
import type { ResultDocument, SloVerdict } from '../model/result';
import type { Scenario } from '../model/schema';
import { sloVerdictOf } from '../analysis/verdict';
import type { Language } from '../findings/finding';
import { renderFinding, sentenceContext } from '../findings/render';

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
