/**
 * The registry of node kinds as the app shows them: callers iterate it or look a node's
 * kind up here instead of branching on `kind`. Typed by the schema's kinds, so a kind
 * the schema has and this registry lacks does not compile. Adding a kind means a file
 * like `cache.tsx` and a line below (and the simulation side's module, and its strings).
 */
import type { NodeKind, ScenarioNode } from '../../../simulation/model/schema';
import type { TFunction } from 'i18next';
import { distSpecMean } from '../../../simulation/estimate/estimate';
import { uniqueId } from '../model/newScenario';
import { formatDuration, formatNumber } from '../i18n/format';
import { cacheView } from './cache';
import { databaseView } from './database';
import { externalView } from './external';
import { gatewayView } from './gateway';
import { queueView } from './queue';
import { serviceView } from './service';
import { sourceView } from './source';
import type { KindView, KindViewSpec, SummaryTools } from './types';
import { kindNamed } from '../../../simulation/model/kinds';

export type { KindView, KindViewSpec, NodeBase, NodeOf, SectionProps, Shape, SummaryTools } from './types';

function withColor<K extends NodeKind>(view: KindViewSpec<K>): KindView<K> {
  return { ...view, color: kindNamed(view.kind).color };
}

/** Every kind's view, keyed by kind (in the palette's order). */
export const kindViews: { readonly [K in NodeKind]: KindView<K> } = {
  source: withColor(sourceView),
  gateway: withColor(gatewayView),
  service: withColor(serviceView),
  cache: withColor(cacheView),
  queue: withColor(queueView),
  database: withColor(databaseView),
  external: withColor(externalView),
};

/** Every kind's view, in the palette's order. */
export const allKindViews: readonly KindView[] = Object.values(kindViews).map((v) => v as unknown as KindView);

/**
 * A kind's view over any node. The registry is keyed by the kind itself, so the view a
 * node's kind names takes that node; TypeScript cannot follow the key, hence the cast.
 */
export const viewOf = (kind: NodeKind): KindView => kindViews[kind] as unknown as KindView;

/** The one-line capacity summary under a node's name ("3 × 8 workers · 20 ms"), in the UI language. */
export function nodeSummary(n: ScenarioNode, t: TFunction, lang: string): string {
  const tools: SummaryTools = {
    t,
    lang,
    capacity(replicas, workers) {
      const w = workers === undefined ? t('node.unlimited') : t('node.workers', { count: workers, n: formatNumber(workers, lang) });
      return (replicas ?? 1) > 1 ? `${replicas} × ${w}` : w;
    },
    mean(spec) {
      if (!spec) return null;
      if ('byClass' in spec) return formatDuration(distSpecMean(spec, Object.keys(spec.byClass)[0] ?? 'default'), lang) + '*';
      return formatDuration(distSpecMean(spec, 'default'), lang);
    },
    rateLimit: (limit) => (limit ? t('node.rateLimit', { n: formatNumber(limit.rate, lang) }) : null),
  };
  return viewOf(n.kind)
    .summary(n, tools)
    .filter(Boolean)
    .join(' · ');
}

/** A freshly placed node of a kind, its id free among `taken` and its label numbered like the id. */
export function newNode(kind: NodeKind, position: { x: number; y: number }, taken: ReadonlySet<string>, label: string): ScenarioNode {
  const view = viewOf(kind);
  const id = uniqueId(view.idBase, taken);
  const suffix = id.match(/-(\d+)$/)?.[1];
  return view.create({ id, label: suffix ? `${label} ${suffix}` : label, position: { x: Math.round(position.x), y: Math.round(position.y) } });
}
