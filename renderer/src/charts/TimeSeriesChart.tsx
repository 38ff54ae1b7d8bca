/**
 * Lines over simulated time with the warm-up shaded, fault windows and timeline events
 * marked (a line at the event, a band until it ended), so spikes, failures, deploys and
 * autoscaling show where they happen.
 */
import { scaleLinear } from 'd3-scale';
import { area, line } from 'd3-shape';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../i18n/format';
import { XAxis, YAxis } from './axis';
import { Legend } from './Legend';
import { useWidth } from './useSize';

export interface Series {
  name: string;
  values: number[];
  color: string;
  /** A range drawn as a shaded band behind the line (a fit's interval per window). */
  band?: { lower: number[]; upper: number[] };
}

/** One event of the timeline on the chart: where it began, where it ended (null: after the run), and what it was. */
export interface TimelineMarker {
  at: number;
  end: number | null;
  label: string;
}

const palette = ['#4f46e5', '#0f9f8f', '#e2841a', '#d4457f', '#2e9d4e', '#7c5cf0', '#64748b', '#2f6fed'];
export const seriesColor = (i: number) => palette[i % palette.length]!;

export function TimeSeriesChart(props: { title: string; legend?: boolean; start: number[]; interval: number; series: Series[]; warmup: number; format?: (v: number) => string; faults?: { at: number; for: number }[]; events?: TimelineMarker[]; testId?: string; height?: number; note?: string }) {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  const [ref, width] = useWidth<HTMLDivElement>();
  const height = props.height ?? 150;
  const m = { top: 8, right: 10, bottom: 22, left: 44 };
  const end = (props.start[props.start.length - 1] ?? 0) + props.interval;
  const x = scaleLinear()
    .domain([0, Math.max(end, 1)])
    .range([m.left, width - m.right]);
  const all = props.series.flatMap((s) => [...s.values, ...(s.band?.upper ?? [])]).filter(Number.isFinite);
  const y = scaleLinear()
    .domain([0, Math.max(1e-9, ...all) * 1.08])
    .nice()
    .range([height - m.bottom, m.top]);
  const fmt = props.format ?? ((v: number) => formatNumber(v, lang));
  const path = line<number>()
    .defined((v) => Number.isFinite(v))
    .x((_, i) => x((props.start[i] ?? 0) + props.interval / 2))
    .y((v) => y(v));
  return (
    <div ref={ref} className="chart ts-chart" data-testid={props.testId}>
      <div className="chart-title">{props.title}</div>
      <svg width={width} height={height} role="img" aria-label={props.title}>
        {props.warmup > 0 && <rect className="warmup-band" x={x(0)} width={Math.max(0, x(props.warmup) - x(0))} y={m.top} height={height - m.top - m.bottom} />}
        {props.faults?.map((f, i) => <rect key={i} className="fault-band" x={x(f.at)} width={Math.max(1, x(Math.min(end, f.at + f.for)) - x(f.at))} y={m.top} height={height - m.top - m.bottom} />)}
        {props.events?.map((e, i) => (
          <g key={`event-${i}`} className="event-marker" data-testid="event-marker">
            <title>{e.label}</title>
            <rect className="event-band" x={x(e.at)} width={Math.max(0, x(Math.min(end, e.end ?? end)) - x(e.at))} y={m.top} height={height - m.top - m.bottom} />
            <line x1={x(e.at)} x2={x(e.at)} y1={m.top} y2={height - m.bottom} />
            <path d={`M${x(e.at) - 4},${m.top} h8 l-4,6 z`} />
          </g>
        ))}
        <YAxis scale={y} x={m.left} width={width - m.left - m.right} format={fmt} />
        {props.series.map(
          (s) =>
            s.band && (
              <path
                key={`band-${s.name}`}
                className="series-band"
                data-testid="series-band"
                d={
                  area<number>()
                    .defined((_, i) => Number.isFinite(s.band!.lower[i]!) && Number.isFinite(s.band!.upper[i]!))
                    .x((_, i) => x((props.start[i] ?? 0) + props.interval / 2))
                    .y0((_, i) => y(Math.max(0, s.band!.lower[i]!)))
                    .y1((_, i) => y(s.band!.upper[i]!))(s.values) ?? ''
                }
                fill={s.color}
                fillOpacity={0.16}
              />
            ),
        )}
        {props.series.map((s) => (
          <path key={s.name} d={path(s.values) ?? ''} fill="none" stroke={s.color} strokeWidth={1.6} />
        ))}
        <XAxis scale={x} y={height - m.bottom} format={(v) => `${formatNumber(v, lang)}s`} ticks={6} />
      </svg>
      {(props.series.length > 1 || props.legend) && <Legend series={props.series} />}
      {props.note && <div className="chart-note">{props.note}</div>}
    </div>
  );
}
