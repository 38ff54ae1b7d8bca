/**
 * What-if results in the user's words and language: a varied path as the field
 * the inspector shows ("Shop API · Replicas"), values in the inspector's units,
 * and the scale-out verdict and recommendation rendered from their findings with node
 * labels, in the UI language.
 */
import type { TFunction } from 'i18next';
import type { Scenario } from '../../../simulation/model/schema';
import type { SweepDocument, SweepPoint, VaryValue } from '../../../simulation/model/result';
import { nodeLabels } from '../../../simulation/format/present';
import { recommendationText, scalingText } from '../../../simulation/whatif/present';
import { pointCapacity, scalingSlice as slicePoints } from '../../../simulation/whatif/scaling';
import { formatNumber, formatWhen } from '../i18n/format';
import { normalizeLanguage } from '../i18n';
import { varyField } from '../model/whatIf';
import { toDisplay, unitLabelKey } from '../model/units';
import { viewOf } from '../kinds';
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

const edgeFields: [RegExp, string][] = [
  [/^calls(\.mean)?$/, 'edge.calls'],
  [/^timeout$/, 'edge.timeout'],
  [/^pool$/, 'edge.pool'],
  [/^latency\b/, 'edge.latency'],
];
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
    if (key === 'node.replicas' && node) key = viewOf(node.kind).replicasKey ?? key;
    if (!key) return `${nodeLabel(s, id)} · ${rest}`;
    const field = t(key);
    return `${nodeLabel(s, id)} · ${/\.mean$/.test(rest) ? t('whatIf.meanOf', { field }) : field}`;
  }
  if (seg[0] === 'edges' && seg.length > 2) {
    const edge = s.edges[Number(seg[1])];
    const rest = seg.slice(2).join('.');
    const where = edge ? `${nodeLabel(s, edge.from)} → ${nodeLabel(s, edge.to)}` : `#${seg[1]}`;
    const key = edgeFields.find(([re]) => re.test(rest))?.[1];
    if (!key) return `${where} · ${rest}`;
    // A geometric count's mean is the field itself; a wire time's mean is the mean of a distribution.
    return `${where} · ${/^latency\b.*\.mean$/.test(rest) ? t('whatIf.meanOf', { field: t(key) }) : t(key)}`;
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
  return doc.scaling ? slicePoints(doc, doc.scaling.path, points) : [];
}

/** A finding's sentence as the panel shows it: a capital letter and a full stop in English. */
function asSentence(text: string, lang: string): string {
  return normalizeLanguage(lang) === 'zh-CN' ? `${text}。` : `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** Why scaling out stops paying (or that it does not), in the UI language. */
export function scalingSentence(doc: SweepDocument, s: Scenario, lang: string): string | null {
  const text = scalingText(doc, normalizeLanguage(lang), nodeLabels(s));
  return text === null ? null : asSentence(text, lang);
}

/** The recommendation (the same finding the CLI and the HTML report render); null when no SLO is stated and nothing scales. */
export function sweepAdvice(doc: SweepDocument, s: Scenario, lang: string): string | null {
  const { code, text } = recommendationText(doc, normalizeLanguage(lang), nodeLabels(s));
  // The table already says "no SLO" on every row; the app does not repeat it as advice.
  return code === 'sweep.noSlo' ? null : asSentence(text, lang);
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
