/**
 * The readable form of a sweep: one row per point, then the scale-out verdict and the
 * recommendation, as `headroom sweep` and `headroom merge` print them.
 */
import { renderFinding, sentenceContext } from '../findings/render';
import type { SweepDocument } from '../model/result';
import { sweepRecommendation } from './sweepReport';
import { sloVerdictOf } from '../analysis/verdict';
import { formatDuration, formatPercent, formatRate, table, trim } from '../locale/units';
import { shareText } from '../measures/utilization';

export function sweepTable(doc: SweepDocument): string {
  const paths = doc.vary.map((v) => v.path);
  const rows = doc.points.map((p) => {
    const r = p.result;
    return [
      ...paths.map((path) => String(p.values[path])),
      formatRate(p.capacity ? p.capacity.rate : r.summary.throughput),
      formatDuration(r.summary.latency.p99),
      formatPercent(r.summary.errorRate, 2),
      r.stable ? 'yes' : 'NO',
      { met: 'met', notMet: 'missed', none: 'none' }[sloVerdictOf(r.summary)],
      r.bottleneck ? `${r.bottleneck.node} ${shareText(r.bottleneck.resource, r.bottleneck.utilization, 'en')}` : '',
      r.cost ? `${r.cost.perHour.toFixed(2)}/h` : '',
    ];
  });
  const lines = [
    `${doc.scenario} — ${doc.points.length} point${doc.points.length === 1 ? '' : 's'}${doc.shard ? ` (shard ${doc.shard.index}/${doc.shard.count} of ${doc.shard.points})` : ''}`,
    '',
    table([...paths.map((p) => p.replace(/^nodes\./, '')), doc.load ? `capacity (${doc.load.source})` : 'throughput', 'p99', 'errors', 'stable', 'SLO', 'bottleneck', 'cost'], rows)
      .split('\n')
      .map((l) => `  ${l}`)
      .join('\n'),
  ];
  // Points whose workers do not fit in memory were not simulated: each says why, in the validator's words.
  for (const p of doc.invalid ?? []) lines.push(`  invalid     ${paths.map((path) => `${path.replace(/^nodes\./, '')} = ${String(p.values[path])}`).join(', ')}: ${renderFinding(p.finding, sentenceContext('en'))}`);
  const s = doc.scaling;
  if (s) {
    lines.push('');
    if (s.usl) lines.push(`  USL fit     σ = ${s.usl.sigma.toFixed(4)}, κ = ${s.usl.kappa.toExponential(2)}${s.usl.peak !== null ? `, peak at ${trim(s.usl.peak)} replicas` : ', no peak'}`);
    lines.push(`  Pays off    until ${s.paysOffUntil ?? '–'} replicas`);
    lines.push(`  Why         ${s.explanation}`);
    lines.push(`  Recommend   ${sweepRecommendation(doc)}`);
  }
  return lines.join('\n');
}

