/**
 * The readable form of a metastability map, as `headroom metastability` prints it: the
 * trigger, the map (sizes down, durations across, ✓ with the recovery time or ✗ with
 * what keeps it stuck), the boundary per duration and the mechanism, in the reader's
 * language. Every word comes from the findings tables.
 */
import { problem } from '../findings/error';
import type { Finding } from '../findings/finding';
import { renderFinding, sentenceContext } from '../findings/render';
import type { Language } from '../findings/finding';
import { table } from '../locale/units';
import type { MetastabilityDocument, MetaPoint } from '../whatif/metastability';
import { retryShareGain, hitRatioLoss } from '../whatif/metastability';

export function cellFinding(p: MetaPoint): Finding {
  return problem('meta.cell', { recovers: p.recovers, recoveryTime: p.recoveryTime, mechanism: p.mechanism });
}

/** The map as rows of cell texts: one row per size, one cell per duration. */
export function mapRows(doc: MetastabilityDocument, lang: Language, labels: Record<string, string> = {}): { header: string[]; rows: string[][] } {
  const c = sentenceContext(lang, labels);
  const header = ['', ...doc.durations.map((duration) => renderFinding(problem('meta.column', { duration }), c))];
  const rows = doc.sizes.map((size) => [
    renderFinding(problem('meta.size', { trigger: doc.trigger.kind, size }), c),
    ...doc.durations.map((duration) => {
      const p = doc.points.find((q) => q.size === size && q.duration === duration);
      return p ? renderFinding(cellFinding(p), c) : '';
    }),
  ]);
  return { header, rows };
}

export function metastabilityText(doc: MetastabilityDocument, lang: Language, labels: Record<string, string> = {}): string {
  const c = sentenceContext(lang, labels);
  const say = (f: Finding) => renderFinding(f, c);
  const { header, rows } = mapRows(doc, lang, labels);
  const of = (code: string) => doc.findings.filter((f) => f.code === code);
  const boundaryLabel = lang === 'zh-CN' ? '边界' : 'Boundary';
  const mechanismLabel = lang === 'zh-CN' ? '机制' : 'Mechanism';
  const warningLabel = lang === 'zh-CN' ? '警告' : 'Warning';
  return [
    say(problem('meta.heading', { scenario: doc.scenario, trigger: doc.trigger.kind, keyed: doc.trigger.sizeMeans === 'keyShareLost' })),
    `  ${say(of('meta.trigger')[0]!)}`,
    '',
    table(header, rows)
      .split('\n')
      .map((l) => `  ${l}`)
      .join('\n'),
    `  ${say(problem('meta.legend'))}`,
    '',
    `${boundaryLabel}:`,
    ...of('meta.boundary').map((f) => `  ${say(f)}`),
    ...of('meta.notMonotone').map((f) => `${warningLabel}: ${say(f)}`),
    ...of('meta.flushesOverlap').map((f) => `${warningLabel}: ${say(f)}`),
    `${mechanismLabel}:`,
    ...[...of('meta.mechanism'), ...of('meta.allRecover')].map((f) => `  ${say(f)}`),
    `  ${say(problem('meta.rule', { retryGain: retryShareGain, hitLoss: hitRatioLoss }))}`,
  ].join('\n');
}
