/**
 * What a node's card (and the exported diagram) says about how busy it is: the measured
 * utilization after a run, the instant estimate's offered share while editing, both in
 * the one meaning `simulation/measures/utilization.ts` defines, so the canvas never shows
 * a figure the inspector, the CLI or compare would not.
 */
import type { TFunction } from 'i18next';
import type { NodeEstimate } from '../../../simulation/estimate/estimate';
import type { NodeResult } from '../../../simulation/model/result';
import { displayedUtilization, estimateFigures, utilizationText, type DisplayedUtilization } from '../../../simulation/measures/utilization';
import { formatNumber } from '../i18n/format';

export interface NodeBadge {
  /** What the figure is, or null when there is neither a result nor an estimate. */
  shown: DisplayedUtilization | null;
  /** The line under the node's name. */
  text: string;
  measured: boolean;
  /** Offered more than it can serve, by the estimate. */
  overloaded: boolean;
}

export function nodeBadge(kind: string, measured: NodeResult | undefined, est: NodeEstimate | undefined, t: TFunction, lang: string): NodeBadge {
  if (measured) {
    const shown = displayedUtilization(measured);
    return { shown, text: utilizationText(shown, lang, 'full'), measured: true, overloaded: false };
  }
  if (!est) return { shown: null, text: '', measured: false, overloaded: false };
  const shown = displayedUtilization(estimateFigures(kind, est));
  // Before a run an unlimited node is best described by the rate it is offered.
  if (shown.share === null) return { shown, text: `${formatNumber(est.arrivalRate, lang)} ${t('unit.rps')}`, measured: false, overloaded: false };
  const figure = utilizationText(shown, lang);
  return est.overloaded ? { shown, text: t('canvas.overloaded', { v: figure }), measured: false, overloaded: true } : { shown, text: `${t('canvas.offered')} ${figure}`, measured: false, overloaded: false };
}
