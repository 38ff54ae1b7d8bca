/** Axes drawn by React from a d3 scale: ticks, labels and light grid lines. */
import type { ScaleLinear } from 'd3-scale';

/** `values` puts ticks exactly there (a sweep's points) instead of at round numbers. */
export function XAxis({ scale, y, format, ticks = 5, values }: { scale: ScaleLinear<number, number>; y: number; format: (v: number) => string; ticks?: number; values?: number[] }) {
  return (
    <g className="axis" transform={`translate(0 ${y})`}>
      {(values ?? scale.ticks(ticks)).map((v) => (
        <g key={v} transform={`translate(${scale(v)} 0)`}>
          <line y2={4} />
          <text y={15} textAnchor="middle">
            {format(v)}
          </text>
        </g>
      ))}
    </g>
  );
}

export function YAxis({ scale, x, width, format, ticks = 4 }: { scale: ScaleLinear<number, number>; x: number; width: number; format: (v: number) => string; ticks?: number }) {
  return (
    <g className="axis">
      {scale.ticks(ticks).map((v) => (
        <g key={v} transform={`translate(0 ${scale(v)})`}>
          <line className="grid" x1={x} x2={x + width} />
          <text x={x - 6} dy="0.32em" textAnchor="end">
            {format(v)}
          </text>
        </g>
      ))}
    </g>
  );
}
