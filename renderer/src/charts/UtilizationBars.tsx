/**
 * Utilization per node as horizontal bars, in the displayed meaning (the busiest
 * limited resource, named beside the bar; nodes with nothing limited have no bar),
 * with the confidence interval as a whisker and the instant estimate of the same
 * resource as a tick, so the simulation and the back-of-envelope number can be
 * compared at a glance.
 */
import { scaleLinear } from 'd3-scale';
import { useTranslation } from 'react-i18next';
import type { ResultDocument } from '../../../simulation/model/result';
import type { ScenarioEstimate } from '../../../simulation/estimate/estimate';
import type { Scenario } from '../../../simulation/model/schema';
import { displayedUtilization, estimateFigures, resourceShare, utilizationText } from '../../../simulation/measures/utilization';
import { formatPercent } from '../i18n/format';
import { utilizationLevel } from '../canvas/ComponentNode';
import { useWidth } from './useSize';

export function UtilizationBars({ result, scenario, estimate }: { result: ResultDocument; scenario: Scenario; estimate: ScenarioEstimate }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [ref, width] = useWidth<HTMLDivElement>();
  const rows = Object.entries(result.nodes)
    .map(([id, n]) => ({ id, n, shown: displayedUtilization(n) }))
    .filter((r) => r.shown.resource !== null && r.shown.share !== null)
    .map(({ id, n, shown }) => {
      const e = estimate.nodes[id];
      return {
        id,
        label: scenario.nodes.find((x) => x.id === id)?.label ?? id,
        u: shown.share!,
        text: utilizationText(shown, lang),
        // The interval is of the workers' share: shown only when the bar is of workers.
        ci: shown.resource === 'cpus' ? null : n.utilizationCi,
        est: e ? resourceShare(estimateFigures(n.kind, e), shown.resource!) : null,
      };
    })
    .sort((a, b) => b.u - a.u);
  const rowH = 24;
  const labelW = Math.min(130, width * 0.35);
  const x = scaleLinear()
    .domain([0, Math.max(1, ...rows.map((r) => Math.min(r.u, 1.5)))])
    .range([labelW, width - 110]);
  if (rows.length === 0) return <p className="muted">{t('results.noCapacityNodes')}</p>;
  return (
    <div ref={ref} className="chart" role="img" aria-label={t('results.utilizationChart')}>
      <svg width={width} height={rows.length * rowH + 8}>
        <line className="full-line" x1={x(1)} x2={x(1)} y1={0} y2={rows.length * rowH} />
        {rows.map((r, i) => (
          <g key={r.id} transform={`translate(0 ${i * rowH + 4})`}>
            <text className="bar-label" x={labelW - 8} y={rowH / 2} dy="0.1em" textAnchor="end">
              {r.label.length > 18 ? `${r.label.slice(0, 17)}…` : r.label}
            </text>
            <rect className="bar-bg" x={labelW} y={4} width={Math.max(0, x(1) - labelW)} height={rowH - 12} rx={3} />
            <rect className={`bar level-${utilizationLevel(r.u)}`} x={labelW} y={4} width={Math.max(1, x(Math.min(r.u, 1.5)) - labelW)} height={rowH - 12} rx={3} />
            {r.ci && r.ci[1] > r.ci[0] && <line className="whisker" x1={x(Math.min(r.ci[0], 1.5))} x2={x(Math.min(r.ci[1], 1.5))} y1={rowH / 2 - 2} y2={rowH / 2 - 2} />}
            {r.est !== null && (
              <line className="est-tick" x1={x(Math.min(r.est, 1.5))} x2={x(Math.min(r.est, 1.5))} y1={1} y2={rowH - 5}>
                <title>{t('results.estimateTick', { v: formatPercent(r.est, lang, 0) })}</title>
              </line>
            )}
            <text className="bar-value" x={x(Math.min(r.u, 1.5)) + 6} y={rowH / 2} dy="0.1em">
              {r.text}
            </text>
          </g>
        ))}
      </svg>
      <div className="chart-note">
        <span className="legend-tick" /> {t('results.estimateLegend')}
      </div>
    </div>
  );
}
