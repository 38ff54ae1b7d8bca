/**
 * The compare table's utilization rows: each side in the displayed meaning
 * (`simulation/measures/utilization.ts`: "workers 81%", or "–" for a node with nothing
 * limited), and the paired difference in points only where both sides limit the same
 * resource.
 */
import type { TFunction } from 'i18next';
import type { CompareDocument, NodeComparison } from '../../../simulation/whatif/compare';
import { utilizationText } from '../../../simulation/measures/utilization';
import { formatNumber } from '../i18n/format';

export interface UtilizationRow {
  id: string;
  a: string;
  b: string;
  /** "+12 ± 3 pts", or "–" when there is no common limited resource to subtract. */
  difference: string;
  /** null: no difference to judge. */
  significant: boolean | null;
}

const minus = '−';

/** Moved by more than half a point, or (with nothing limited on both sides) in flight by more than 5%. */
function changed(n: NodeComparison): boolean {
  if (n.utilization) return Math.abs(n.utilization.difference) > 0.005;
  if ((n.a.share === null) !== (n.b.share === null)) return true;
  return Math.abs(n.b.inFlight - n.a.inFlight) > 0.05 * Math.max(n.a.inFlight, n.b.inFlight);
}

/** The rows worth showing, the largest change first, at most `limit`. */
export function utilizationRows(doc: CompareDocument, t: TFunction, lang: string, limit = 6): UtilizationRow[] {
  const size = (n: NodeComparison) => (n.utilization ? Math.abs(n.utilization.difference) : 0);
  return Object.entries(doc.nodes)
    .filter(([, n]) => changed(n))
    .sort((x, y) => size(y[1]) - size(x[1]))
    .slice(0, limit)
    .map(([id, n]) => {
      const u = n.utilization;
      const difference = u
        ? t('compare.points', {
            d: `${u.difference > 0 ? '+' : u.difference < 0 ? minus : ''}${formatNumber(Math.abs(u.difference) * 100, lang)}`,
            h: formatNumber((Math.abs(u.differenceCi[1] - u.differenceCi[0]) / 2) * 100, lang),
          })
        : '–';
      return { id, a: utilizationText(n.a, lang), b: utilizationText(n.b, lang), difference, significant: u ? u.significant : null };
    });
}
