/**
 * A what-if chart: one measured value against a varied parameter, a line per
 * combination of the other varied parameters, a dashed model curve (the USL fit),
 * a marked x (where scaling stops paying) and a threshold (the SLO). Every dot is
 * a sweep point: clicking it, or Enter on it, loads that configuration.
 */
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { XAxis, YAxis } from './axis';
import { Legend } from './Legend';
import { useWidth } from './useSize';

export interface SweepSeriesPoint {
  x: number;
  y: number;
  /** Grid index of the sweep point, passed back on click. */
  index: number;
  title: string;
}

export interface SweepSeries {
  name: string;
  color: string;
  points: SweepSeriesPoint[];
}

export interface SweepChartProps {
  title: string;
  xLabel: string;
  series: SweepSeries[];
  formatX: (v: number) => string;
  formatY: (v: number) => string;
  /** The model's curve over the x range, drawn dashed. */
  curve?: { name: string; x: number[]; y: number[] };
  marker?: { x: number; label: string };
  threshold?: { y: number; label: string };
  /** Grid index of the point the canvas is at now. */
  current?: number | null;
  onPoint?: (index: number) => void;
  testId?: string;
  note?: string;
}

export function SweepChart(props: SweepChartProps) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const height = 180;
  const m = { top: 12, right: 14, bottom: 34, left: 50 };
  const xs = props.series.flatMap((s) => s.points.map((p) => p.x));
  const ys = [...props.series.flatMap((s) => s.points.map((p) => p.y)), ...(props.curve?.y ?? []), ...(props.threshold ? [props.threshold.y] : [])].filter(Number.isFinite);
  const distinctX = [...new Set(xs)].sort((a, b) => a - b);
  const xMin = xs.length ? Math.min(...xs) : 0;
  const xMax = xs.length ? Math.max(...xs) : 1;
  // A little room on both sides so the end dots are not cut in half.
  const pad = xMax > xMin ? (xMax - xMin) * 0.04 : Math.max(1, Math.abs(xMin) * 0.1);
  const x = scaleLinear()
    .domain([xMin - pad, xMax + pad])
    .range([m.left, width - m.right]);
  const y = scaleLinear()
    .domain([0, Math.max(1e-9, ...ys) * 1.1])
    .nice()
    .range([height - m.bottom, m.top]);
  const path = line<{ x: number; y: number }>()
    .defined((p) => Number.isFinite(p.y))
    .x((p) => x(p.x))
    .y((p) => y(p.y));
  const curve = props.curve ? path(props.curve.x.map((cx, i) => ({ x: cx, y: props.curve!.y[i]! }))) : null;
  const legend = props.series.length > 1 || props.curve;
  return (
    <div ref={ref} className="chart sweep-chart" data-testid={props.testId}>
      <div className="chart-title">{props.title}</div>
      <svg width={width} height={height} role="img" aria-label={props.title}>
        <YAxis scale={y} x={m.left} width={width - m.left - m.right} format={props.formatY} />
        {props.threshold && (
          <g className="threshold">
            <line x1={m.left} x2={width - m.right} y1={y(props.threshold.y)} y2={y(props.threshold.y)} />
            <text x={width - m.right - 2} y={y(props.threshold.y) - 4} textAnchor="end">
              {props.threshold.label}
            </text>
          </g>
        )}
        {props.marker && (
          <g className="payoff-marker" data-testid="payoff-marker" transform={`translate(${x(props.marker.x)} 0)`}>
            <line y1={m.top} y2={height - m.bottom} />
            <text y={m.top + 9} x={x(props.marker.x) > width - 130 ? -4 : 4} textAnchor={x(props.marker.x) > width - 130 ? 'end' : 'start'}>
              {props.marker.label}
            </text>
          </g>
        )}
        {curve && <path className="model-curve" d={curve} />}
        {props.series.map((s) => (
          <g key={s.name}>
            <path d={path([...s.points].sort((a, b) => a.x - b.x)) ?? ''} fill="none" stroke={s.color} strokeWidth={1.8} />
            {s.points.map((p) => {
              const isCurrent = props.current === p.index;
              const marked = props.marker && p.x === props.marker.x && props.series.length === 1;
              return (
                <circle
                  key={p.index}
                  className={`sweep-dot${isCurrent ? ' current' : ''}${marked ? ' marked' : ''}${props.onPoint ? ' clickable' : ''}`}
                  cx={x(p.x)}
                  cy={y(p.y)}
                  r={isCurrent || marked ? 5.5 : 4}
                  fill={isCurrent ? '#fff' : s.color}
                  stroke={s.color}
                  tabIndex={props.onPoint ? 0 : undefined}
                  role={props.onPoint ? 'button' : undefined}
                  aria-label={p.title}
                  data-index={p.index}
                  onClick={() => props.onPoint?.(p.index)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' || e.key === ' ') {
                      e.preventDefault();
                      props.onPoint?.(p.index);
                    }
                  }}
                >
                  <title>{p.title}</title>
                </circle>
              );
            })}
          </g>
        ))}
        <XAxis scale={x} y={height - m.bottom} format={props.formatX} ticks={6} values={distinctX.length <= 10 ? distinctX : undefined} />
        <text className="axis-unit" x={(m.left + width - m.right) / 2} y={height - 3} textAnchor="middle">
          {props.xLabel}
        </text>
      </svg>
      {legend && <Legend series={props.series} curve={props.curve} />}
      {props.note && <div className="chart-note">{props.note}</div>}
    </div>
  );
}
