/**
 * The canvas badge of a node that the scenario's `events` timeline touches: how many
 * events, and a tooltip (also the badge's accessible name) listing each one's time and
 * action in time order, in the UI language.
 */
import type { TFunction } from 'i18next';
import type { TimelineEvent } from '../../../simulation/model/schema';
import { formatNumber } from '../i18n/format';

export interface EventBadge {
  count: number;
  /** One line per event, in time order: "Cache flush at 70 s". */
  items: string[];
  /** "2 events: Restart at 40 s; Cache flush at 70 s". */
  tooltip: string;
}

export function eventBadge(events: readonly TimelineEvent[] | undefined, nodeId: string, t: TFunction, lang: string): EventBadge | null {
  const mine = (events ?? []).filter((e) => e.node === nodeId).sort((a, b) => a.at - b.at);
  if (mine.length === 0) return null;
  const items = mine.map((e) => t('events.badgeItem', { action: t(`events.action.${e.action}`), at: formatNumber(e.at, lang) }));
  return { count: mine.length, items, tooltip: t('events.canvasBadge', { count: mine.length, list: items.join(t('events.listSeparator')) }) };
}
