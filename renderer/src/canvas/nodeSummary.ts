/**
 * The one-line capacity summary under a node's name ("3 × 8 workers · 20 ms"),
 * in the UI language.
 */
import type { TFunction } from 'i18next';
import type { DistSpec, ScenarioNode } from '../../../simulation/model/schema';
import { distSpecMean } from '../../../simulation/estimate/estimate';
import { formatDuration, formatNumber, formatPercent } from '../i18n/format';

function meanOf(spec: DistSpec | undefined, lang: string): string | null {
  if (!spec) return null;
  if ('byClass' in spec) return formatDuration(distSpecMean(spec, Object.keys(spec.byClass)[0] ?? 'default'), lang) + '*';
  return formatDuration(distSpecMean(spec, 'default'), lang);
}

export function nodeSummary(n: ScenarioNode, t: TFunction, lang: string): string {
  const parts: string[] = [];
  const capacity = (replicas: number | undefined, workers: number | undefined) => {
    const w = workers === undefined ? t('node.unlimited') : t('node.workers', { count: workers, n: formatNumber(workers, lang) });
    parts.push((replicas ?? 1) > 1 ? `${replicas} × ${w}` : w);
  };
  switch (n.kind) {
    case 'source': {
      const a = n.arrival;
      if (a.process === 'closed') parts.push(t('node.users', { count: a.users, n: formatNumber(a.users, lang) }));
      else parts.push(`${formatNumber(a.rate, lang)} ${t('unit.rps')}`);
      parts.push(t(`arrival.${a.process}`));
      break;
    }
    case 'service':
      capacity(n.replicas, n.workers);
      parts.push(meanOf(n.work, lang) ?? '');
      if (n.autoscale) parts.push(t('node.autoscaleRange', { min: n.autoscale.min, max: n.autoscale.max }));
      break;
    case 'cache':
      capacity(n.replicas, n.workers);
      if (n.keys) parts.push(t('node.keysN', { n: formatNumber(n.keys.count, lang) }));
      else parts.push(t('node.hit', { v: typeof n.hitRatio === 'number' ? formatPercent(n.hitRatio, lang, 0) : '…' }));
      break;
    case 'queue':
      parts.push(n.capacity === undefined ? t('node.unbounded') : t('node.queueCap', { n: formatNumber(n.capacity, lang) }));
      break;
    case 'database':
      capacity(n.replicas, n.workers);
      if ((n.shards ?? 1) > 1) parts.push(t('node.shardsN', { n: n.shards }));
      parts.push(meanOf(n.latency, lang) ?? '');
      break;
    case 'gateway':
    case 'external':
      capacity(n.replicas, n.workers);
      if (n.latency) parts.push(meanOf(n.latency, lang) ?? '');
      if (n.rateLimit) parts.push(t('node.rateLimit', { n: formatNumber(n.rateLimit.rate, lang) }));
      break;
  }
  return parts.filter(Boolean).join(' · ');
}
