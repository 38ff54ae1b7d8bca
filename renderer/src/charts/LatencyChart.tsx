/**
 * Distribution of end-to-end latency from the result's histogram, with the p50,
 * p95 and p99 marked. The far tail is folded into the last bar so the body of the
 * distribution stays readable.
 */
import { scaleLinear } from 'd3-scale';
import { useTranslation } from 'react-i18next';
import type { LatencyHistogram, LatencySummary } from '../../../simulation/model/result';
import { formatNumber, formatPercent } from '../i18n/format';
import { XAxis, YAxis } from './axis';
import { useWidth } from './useSize';

export function LatencyChart({ histogram, latency }: { histogram: LatencyHistogram; latency: LatencySummary }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [ref, width] = useWidth<HTMLDivElement>();
  const height = 170;
  const m = { top: 10, right: 12, bottom: 24, left: 40 };
  const limit = Math.max(latency.p999 || latency.p99 * 1.5, 1e-6);
  const bars: { x0: number; x1: number; share: number }[] = [];
  let tail = 0;
  histogram.share.forEach((share, i) => {
    const x0 = histogram.lower[i]!;
    const x1 = Number.isFinite(histogram.upper[i]!) ? histogram.upper[i]! : x0 * 1.2;
    if (x0 >= limit) tail += share;
    else bars.push({ x0, x1: Math.min(x1, limit), share });
  });
  if (tail > 0 && bars.length) bars[bars.length - 1]!.share += tail;
  const x = scaleLinear()
    .domain([0, limit * 1000])
    .range([m.left, width - m.right]);
  // Bars of unequal width: plot density (share per ms) so the shape is honest.
  const density = bars.map((b) => b.share / Math.max(1e-9, (b.x1 - b.x0) * 1000));
  const y = scaleLinear()
    .domain([0, Math.max(1e-9, ...density)])
    .nice()
    .range([height - m.bottom, m.top]);
  const marks = [
    ['p50', latency.p50],
    ['p95', latency.p95],
    ['p99', latency.p99],
  ] as const;
  return (
    <div ref={ref} className="chart" role="img" aria-label={t('results.latencyChart')}>
      <svg width={width} height={height}>
        <YAxis scale={y} x={m.left} width={width - m.left - m.right} format={(v) => formatPercent(v, lang, 1)} />
        {bars.map((b, i) => (
          <rect key={i} className="bar" x={x(b.x0 * 1000)} width={Math.max(1, x(b.x1 * 1000) - x(b.x0 * 1000) - 0.5)} y={y(density[i]!)} height={Math.max(0, y(0) - y(density[i]!))}>
            <title>
              {formatNumber(b.x0 * 1000, lang)}–{formatNumber(b.x1 * 1000, lang)} ms: {formatPercent(b.share, lang, 2)}
            </title>
          </rect>
        ))}
        {marks.map(([k, v]) => (
          <g key={k} className={`mark mark-${k}`} transform={`translate(${x(v * 1000)} 0)`}>
            <line y1={m.top} y2={height - m.bottom} />
            <text y={m.top + 8} x={3}>
              {k}
            </text>
          </g>
        ))}
        <XAxis scale={x} y={height - m.bottom} format={(v) => `${formatNumber(v, lang)}`} />
        <text className="axis-unit" x={width - m.right} y={height - m.bottom - 4} textAnchor="end">
          ms
        </text>
      </svg>
      <div className="chart-note">{t('results.latencyNote')}</div>
    </div>
  );
}
