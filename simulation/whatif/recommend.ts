/**
 * The recommendation of a sweep, as a finding: how far scaling out pays and what it
 * costs there; for a load sweep, up to which load the SLO holds; otherwise the cheapest
 * point that meets the SLO. The CLI, the HTML report and the app all render this one
 * finding, so they never recommend different things.
 */
import type { Finding } from '../findings/finding';
import type { SweepDocument, SweepPoint } from '../model/result';
import { sloVerdictOf } from '../analysis/verdict';
import { scalingSlice } from './scaling';

const info = (code: string, figures: Finding['figures'], node?: string): Finding => ({ code, ...(node ? { node } : {}), severity: 'info', figures });

export function sweepRecommendationFinding(doc: Pick<SweepDocument, 'vary' | 'points' | 'scaling'>): Finding {
  const s = doc.scaling;
  if (s && s.paysOffUntil !== null && s.replicas.length > 1) {
    const at = scalingSlice(doc, s.path, doc.points).find((p) => Number(p.values[s.path]) === s.paysOffUntil);
    const cost = at?.result.cost;
    const priced = cost && cost.perMillionRequests !== null;
    return info(
      'sweep.replicasPayOff',
      { count: s.paysOffUntil, perHour: priced ? cost.perHour : null, perMillion: priced ? cost.perMillionRequests : null, currency: cost?.currency ?? null },
      s.path.split('.')[1] ?? s.path,
    );
  }
  const verdicts = doc.points.map((p) => sloVerdictOf(p.result.summary));
  if (verdicts.every((v) => v === 'none')) return info('sweep.noSlo', {});
  const met = doc.points.filter((_, i) => verdicts[i] === 'met');
  if (met.length === 0) return info('sweep.noneMeet', { total: doc.points.length });
  // A load sweep asks how far the load can go, not which point is cheapest.
  const rate = doc.vary.length === 1 && /\.arrival\.rate$/.test(doc.vary[0]!.path) ? doc.vary[0]!.path : null;
  if (rate) {
    const sorted = [...doc.points].sort((a, b) => Number(a.values[rate]) - Number(b.values[rate]));
    const firstMiss = sorted.findIndex((p) => sloVerdictOf(p.result.summary) !== 'met');
    const at = (p: SweepPoint) => Number(p.values[rate]);
    if (firstMiss < 0) return info('sweep.loadAll', { max: at(sorted[sorted.length - 1]!) });
    if (firstMiss === 0) return info('sweep.noneMeet', { total: doc.points.length });
    return info('sweep.loadUpTo', { rate: at(sorted[firstMiss - 1]!), missed: at(sorted[firstMiss]!) });
  }
  const costs = new Set(met.map((p) => p.result.cost?.perHour ?? 0));
  if (costs.size < 2) return info('sweep.metCount', { met: met.length, total: doc.points.length });
  const cheapest = [...met].sort((a, b) => (a.result.cost?.perHour ?? 0) - (b.result.cost?.perHour ?? 0))[0]!;
  return info('sweep.cheapest', { met: met.length, total: doc.points.length, point: JSON.stringify(cheapest.values) });
}
