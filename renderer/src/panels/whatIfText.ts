/**
 * What-if results in the user's words and language: a varied path as the field
 * the inspector shows ("Shop API · Replicas"), values in the inspector's units,
 * and the scale-out verdict and recommendation with node labels. The engine's own
 * sentences are English and name ids; these follow the same rules in either
 * language.
 */
import type { TFunction } from 'i18next';
import type { Scenario } from '../../../simulation/model/schema';
import type { SweepDocument, SweepPoint, VaryValue } from '../../../simulation/model/result';
import { pointCapacity } from '../../../simulation/whatif/scaling';
import { formatMoney, formatNumber, formatPercent, formatWhen } from '../i18n/format';
import { varyField } from '../model/whatIf';
import { toDisplay, unitLabelKey } from '../model/units';
import type { CompareOrigin } from '../stores/compareStore';

const nodeFields: [RegExp, string][] = [
  [/^replicas$/, 'node.replicas'],
  [/^workers$/, 'node.workersField'],
  [/^cpus$/, 'node.cpus'],
  [/^queue$/, 'node.queue'],
  [/^shards$/, 'node.shards'],
  [/^shardSkew$/, 'node.shardSkew'],
  [/^hitRatio\b/, 'node.hitRatio'],
  [/^capacity$/, 'node.queueCapacity'],
  [/^arrival\.rate$/, 'source.rate'],
  [/^arrival\.burstRate$/, 'source.burstRate'],
  [/^arrival\.users$/, 'source.users'],
  [/^timeout$/, 'source.timeout'],
  [/^work\b/, 'node.workField'],
  [/^latency\b/, 'node.latency'],
  [/^rateLimit\.rate$/, 'node.rateLimitField'],
  [/^cost$/, 'whatIf.costField'],
];

const edgeFields: Record<string, string> = { calls: 'edge.calls', timeout: 'edge.timeout', pool: 'edge.pool' };
const runFields: Record<string, string> = { duration: 'run.duration', warmup: 'run.warmup', replications: 'run.replications', seed: 'run.seed' };

function nodeLabel(s: Scenario, id: string): string {
  return s.nodes.find((n) => n.id === id)?.label || id;
}

/** "Shop API · Replicas", "Users → API · Timeout", "Run · Duration"; the raw path when nothing better is known. */
export function pathLabel(s: Scenario, path: string, t: TFunction): string {
  const seg = path.split('.');
  if (seg[0] === 'nodes' && seg.length > 2) {
    const id = seg[1]!;
    const rest = seg.slice(2).join('.');
    const node = s.nodes.find((n) => n.id === id);
    let key = nodeFields.find(([re]) => re.test(rest))?.[1];
    if (key === 'node.replicas' && node?.kind === 'database') key = 'node.instances';
    if (!key) return `${nodeLabel(s, id)} · ${rest}`;
    const field = t(key);
    return `${nodeLabel(s, id)} · ${/\.mean$/.test(rest) ? t('whatIf.meanOf', { field }) : field}`;
  }
  if (seg[0] === 'edges' && seg.length > 2) {
    const edge = s.edges[Number(seg[1])];
    const rest = seg.slice(2).join('.');
    const where = edge ? `${nodeLabel(s, edge.from)} → ${nodeLabel(s, edge.to)}` : `#${seg[1]}`;
    return `${where} · ${edgeFields[rest] ? t(edgeFields[rest]) : rest}`;
  }
  if (seg[0] === 'run' && seg.length === 2 && runFields[seg[1]!]) return `${t('scenario.tab.run')} · ${t(runFields[seg[1]!]!)}`;
  return path;
}

/** A varied value in the inspector's unit: "120 ms", "80%", "250 req/s", "4". */
export function formatVaryValue(path: string, value: VaryValue, t: TFunction, lang: string): string {
  if (typeof value !== 'number') return String(value);
  const field = varyField(path);
  const shown = formatNumber(toDisplay(value, field.unit), lang, 4);
  const key = unitLabelKey[field.unit];
  if (!key) return shown;
  return field.unit === 'percent' ? `${shown}%` : `${shown} ${t(key)}`;
}

/** The axis or column title of a varied path with its unit. */
export function pathTitle(s: Scenario, path: string, t: TFunction): string {
  const key = unitLabelKey[varyField(path).unit];
  return key ? `${pathLabel(s, path, t)} (${t(key)})` : pathLabel(s, path, t);
}

export function pointText(s: Scenario, values: Record<string, VaryValue>, t: TFunction, lang: string): string {
  return Object.entries(values)
    .map(([p, v]) => `${pathLabel(s, p, t)} = ${formatVaryValue(p, v, t, lang)}`)
    .join(', ');
}

/** The points the scale-out verdict was taken on: with other paths varied too, those at their first values. */
export function scalingSlice(doc: SweepDocument, points: readonly SweepPoint[] = doc.points): SweepPoint[] {
  const s = doc.scaling;
  if (!s) return [];
  const others = doc.vary.filter((v) => v.path !== s.path);
  return points.filter((p) => others.every((o) => p.values[o.path] === o.values[0])).sort((a, b) => Number(a.values[s.path]) - Number(b.values[s.path]));
}

/** Why scaling out stops paying (or that it does not), in the UI language. */
export function scalingSentence(doc: SweepDocument, s: Scenario, t: TFunction, lang: string): string | null {
  const v = doc.scaling;
  if (!v) return null;
  const nodeId = v.path.split('.')[1] ?? v.path;
  const node = nodeLabel(s, nodeId);
  if (v.replicas.length < 2) return t('whatIf.verdict.single');
  const pct = (u: number) => formatPercent(u, lang, 0);
  const turn = v.turn;
  if (!turn) {
    const n = v.replicas[v.replicas.length - 1]!;
    const b = scalingSlice(doc).at(-1)?.result.bottleneck;
    const busiest = b ? t('whatIf.verdict.busiest', { n, node: nodeLabel(s, b.node), u: pct(b.utilization) }) : '';
    return `${t('whatIf.verdict.allPay', { n, node })}${busiest}`;
  }
  const b = turn.bottleneck;
  const why = b ? (b.node === nodeId ? t('whatIf.verdict.contention', { node, u: pct(b.utilization) }) : t('whatIf.verdict.moved', { node: nodeLabel(s, b.node), u: pct(b.utilization) })) : t('whatIf.verdict.noLimit');
  return t('whatIf.verdict.stops', { from: turn.from, to: turn.to, node, growth: formatPercent(turn.growth, lang, 0), why });
}

/** The recommendation: how far scaling out pays and what it costs, else the cheapest point that meets the SLO. */
export function sweepAdvice(doc: SweepDocument, s: Scenario, t: TFunction, lang: string): string | null {
  const v = doc.scaling;
  if (v && v.paysOffUntil !== null && v.replicas.length > 1) {
    const node = nodeLabel(s, v.path.split('.')[1] ?? v.path);
    const at = scalingSlice(doc).find((p) => Number(p.values[v.path]) === v.paysOffUntil);
    const cost = at?.result.cost;
    const costText = cost && cost.perMillionRequests !== null ? t('whatIf.advice.cost', { perHour: formatMoney(cost.perHour, cost.currency, lang), perMillion: formatMoney(cost.perMillionRequests, cost.currency, lang) }) : '';
    return `${t('whatIf.advice.replicas', { n: v.paysOffUntil, node })}${costText}`;
  }
  if (!s.slo || Object.keys(s.slo).length === 0) return null;
  const met = doc.points.filter((p) => p.result.summary.sloMet);
  if (met.length === 0) return t('whatIf.advice.noneMeet');
  // A load sweep asks how far the load can go, not which point is cheapest.
  const rate = doc.vary.length === 1 && /\.arrival\.rate$/.test(doc.vary[0]!.path) ? doc.vary[0]!.path : null;
  if (rate) {
    const sorted = [...doc.points].sort((a, b) => Number(a.values[rate]) - Number(b.values[rate]));
    const firstMiss = sorted.findIndex((p) => !p.result.summary.sloMet);
    const show = (p: SweepPoint) => formatVaryValue(rate, p.values[rate]!, t, lang);
    if (firstMiss < 0) return t('whatIf.advice.loadAll', { max: show(sorted[sorted.length - 1]!) });
    if (firstMiss === 0) return t('whatIf.advice.noneMeet');
    return t('whatIf.advice.loadUpTo', { rate: show(sorted[firstMiss - 1]!), missed: show(sorted[firstMiss]!) });
  }
  const costs = new Set(met.map((p) => p.result.cost?.perHour ?? 0));
  if (costs.size < 2) return t('whatIf.advice.metCount', { met: met.length, total: doc.points.length });
  const cheapest = [...met].sort((a, b) => (a.result.cost?.perHour ?? 0) - (b.result.cost?.perHour ?? 0))[0]!;
  return t('whatIf.advice.cheapest', { met: met.length, total: doc.points.length, point: pointText(s, cheapest.values, t, lang) });
}

export function capacityOf(p: SweepPoint): number {
  return pointCapacity(p);
}

export function originLabel(origin: CompareOrigin, s: Scenario, t: TFunction, lang: string): string {
  switch (origin.kind) {
    case 'current':
      return t('compare.origin.current');
    case 'pinned':
      return t('compare.origin.pinned', { when: formatWhen(origin.at, lang) });
    case 'file':
      return origin.name;
    case 'point':
      return pointText(s, origin.values, t, lang);
  }
}
