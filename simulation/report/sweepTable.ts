/**
 * The readable form of a sweep: one row per point, then the scale-out verdict and the
 * recommendation, as `headroom sweep` and `headroom merge` print them, in the reader's
 * language (the English is the CLI's output byte for byte).
 */
import { renderFinding, sentenceContext } from '../findings/render';
import type { SweepDocument, VaryValue } from '../model/result';
import { scalingExplanation, sweepRecommendation } from './sweepReport';
import { sloVerdictOf } from '../analysis/verdict';
import { numberFormats, type NumberLanguage } from '../locale/language';
import { formatPercent, table, trim } from '../locale/units';
import { shareText } from '../measures/utilization';
import { summaryRow } from '../locale/words';

const words = {
  en: {
    heading: (scenario: string, points: number, shard: string) => `${scenario} — ${points} point${points === 1 ? '' : 's'}${shard}`,
    invalidCount: (n: number) => ` (${n} invalid, not run)`,
    shard: (index: number, count: number, points: number) => ` (shard ${index}/${count} of ${points})`,
    capacity: (source: string) => `capacity (${source})`,
    columns: { throughput: 'throughput', p99: 'p99', errors: 'errors', stable: 'stable', slo: 'SLO', bottleneck: 'bottleneck', cost: 'cost' },
    stable: { yes: 'yes', no: 'NO' },
    slo: { met: 'met', notMet: 'missed', none: 'none' },
    labels: { invalid: 'invalid', usl: 'USL fit', paysOff: 'Pays off', why: 'Why', recommend: 'Recommend' },
    peak: (replicas: string) => `, peak at ${replicas} replicas`,
    noPeak: ', no peak',
    until: (replicas: string) => `until ${replicas} replicas`,
  },
  'zh-CN': {
    heading: (scenario: string, points: number, shard: string) => `${scenario} — ${points} 个点${shard}`,
    invalidCount: (n: number) => `（${n} 个无效，未运行）`,
    shard: (index: number, count: number, points: number) => `（分片 ${index}/${count}，共 ${points} 个点）`,
    capacity: (source: string) => `容量（${source}）`,
    columns: { throughput: '吞吐量', p99: 'p99', errors: '错误率', stable: '稳定', slo: 'SLO', bottleneck: '瓶颈', cost: '成本' },
    stable: { yes: '是', no: '否' },
    slo: { met: '达标', notMet: '未达标', none: '未设定' },
    labels: { invalid: '无效', usl: 'USL 拟合', paysOff: '值得扩容', why: '原因', recommend: '建议' },
    peak: (replicas: string) => `，峰值在 ${replicas} 个副本`,
    noPeak: '，无峰值',
    until: (replicas: string) => `直到 ${replicas} 个副本`,
  },
} as const;

/** A point's varied values as the table's first columns name them: "api.replicas = 4, celery.replicas = 2". */
export function pointValuesText(values: Readonly<Record<string, VaryValue>>): string {
  return Object.entries(values)
    .map(([path, value]) => `${path.replace(/^nodes\./, '')} = ${String(value)}`)
    .join(', ');
}

export function sweepTable(doc: SweepDocument, lang: NumberLanguage = 'en', labels: Readonly<Record<string, string>> = {}): string {
  const w = words[lang];
  const n = numberFormats(lang);
  const paths = doc.vary.map((v) => v.path);
  const rows = doc.points.map((p) => {
    const r = p.result;
    return [
      ...paths.map((path) => String(p.values[path])),
      n.rate(p.capacity ? p.capacity.rate : r.summary.throughput),
      n.duration(r.summary.latency.p99),
      formatPercent(r.summary.errorRate, 2),
      r.stable ? w.stable.yes : w.stable.no,
      w.slo[sloVerdictOf(r.summary)],
      r.bottleneck ? `${r.bottleneck.node} ${shareText(r.bottleneck.resource, r.bottleneck.utilization, lang)}` : '',
      r.cost ? `${r.cost.perHour.toFixed(2)}/h` : '',
    ];
  });
  const c = w.columns;
  const invalid = doc.invalid ?? [];
  const lines = [
    // Points refused before the run count in the grid the user asked for.
    w.heading(doc.scenario, doc.points.length + invalid.length, `${doc.shard ? w.shard(doc.shard.index, doc.shard.count, doc.shard.points) : ''}${invalid.length ? w.invalidCount(invalid.length) : ''}`),
    '',
    table([...paths.map((p) => p.replace(/^nodes\./, '')), doc.load ? w.capacity(doc.load.source) : c.throughput, c.p99, c.errors, c.stable, c.slo, c.bottleneck, c.cost], rows)
      .split('\n')
      .map((l) => `  ${l}`)
      .join('\n'),
  ];
  // Points whose workers do not fit in memory were not simulated: each says why, in the validator's words.
  const context = sentenceContext(lang, lang === 'en' ? {} : labels);
  const colon = lang === 'en' ? ': ' : '：';
  for (const p of invalid) lines.push(summaryRow(w.labels.invalid, `${pointValuesText(p.values)}${colon}${renderFinding(p.finding, context)}`));
  const s = doc.scaling;
  if (s) {
    lines.push('');
    if (s.usl) lines.push(summaryRow(w.labels.usl, `σ = ${s.usl.sigma.toFixed(4)}, κ = ${s.usl.kappa.toExponential(2)}${s.usl.peak !== null ? w.peak(trim(s.usl.peak)) : w.noPeak}`));
    lines.push(summaryRow(w.labels.paysOff, w.until(String(s.paysOffUntil ?? '–'))));
    // English keeps the document's own sentence (with ids), as the CLI always printed it.
    lines.push(summaryRow(w.labels.why, lang === 'en' ? s.explanation : scalingExplanation(doc, lang, labels)));
    lines.push(summaryRow(w.labels.recommend, lang === 'en' ? sweepRecommendation(doc) : sweepRecommendation(doc, lang, labels)));
  }
  return lines.join('\n');
}
