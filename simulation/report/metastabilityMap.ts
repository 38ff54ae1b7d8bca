/**
 * The metastability heat map as data: one cell per grid point (its row, column, colour,
 * text and tooltip), the legend, the boundary as a step line between rows, and the
 * boundary and mechanism in words. The report's SVG and the app's panel both draw this
 * model, so they show the same picture; the model is a pure function of the points, so a
 * map still running (some points not back yet) is drawn the same way.
 */
import { problem } from '../findings/error';
import type { Finding, Language } from '../findings/finding';
import { renderFinding, sentenceContext } from '../findings/render';
import { boundaryOf, type MetaPoint, type MetaTrigger } from '../whatif/metastability';
import { cellFinding } from './metastabilityTable';

/** Stuck: one red, whatever keeps it stuck. */
export const stuckColor = '#dc2626';
/** Not run yet (the app shows cells as they arrive). */
export const pendingColor = '#e5e7eb';

/** A recovered cell's fill: green, paler the longer it took against the time allowed; stuck is red. */
export function cellColor(recovers: boolean, recoveryTime: number | null, within: number): string {
  if (!recovers) return stuckColor;
  const f = within > 0 ? Math.min(1, Math.max(0, (recoveryTime ?? 0) / within)) : 0;
  const mix = (a: number, b: number) => Math.round(a + (b - a) * f);
  return `rgb(${mix(22, 190)},${mix(163, 230)},${mix(74, 160)})`;
}

export interface HeatCell {
  index: number;
  size: number;
  duration: number;
  /** 0 is the top row: the largest size. */
  row: number;
  col: number;
  recovers: boolean;
  color: string;
  /** ✓ with the recovery time, or ✗ with the mechanism. */
  label: string;
  /** The size, the duration and the label, for a tooltip or a screen reader. */
  title: string;
}

export interface HeatLegendItem {
  kind: 'quick' | 'slow' | 'stuck';
  color: string;
  label: string;
}

/** What the model is made of: a finished document, or the grid and the points that have arrived. */
export interface HeatMapInput {
  trigger: { kind: MetaTrigger };
  sizes: readonly number[];
  durations: readonly number[];
  within: number;
  points: readonly MetaPoint[];
  /** The finished map's findings (boundary, mechanism); absent while it runs. */
  findings?: readonly Finding[];
}

export interface HeatMapModel {
  /** Row labels top to bottom (the largest size first). */
  rows: string[];
  /** Column labels left to right (the shortest duration first). */
  columns: string[];
  cells: HeatCell[];
  legend: HeatLegendItem[];
  /** The boundary line's entry in the legend. */
  boundaryKey: string;
  /**
   * The boundary per column: `edge` rows from the top, the line drawn there (under the
   * smallest stuck size; 0 when the column recovers at every size).
   */
  steps: { col: number; edge: number; size: number | null }[];
  /** The boundary per duration in words, and the mechanism (or that every point recovered): from the finished map's findings. */
  boundaryText: string[];
  mechanismText: string | null;
  /** Stuck points below a larger or longer trigger that recovers, as "size/duration". */
  notMonotone: string | null;
}

export function heatMapModel(input: HeatMapInput, lang: Language, labels: Record<string, string> = {}): HeatMapModel {
  const c = sentenceContext(lang, labels);
  const say = (f: Finding) => renderFinding(f, c);
  const n = input.sizes.length;
  const rowOf = (size: number) => n - 1 - input.sizes.indexOf(size);
  const rows = [...input.sizes].reverse().map((size) => say(problem('meta.size', { trigger: input.trigger.kind, size })));
  const columns = input.durations.map((duration) => say(problem('meta.column', { duration })));
  const cells = input.points
    .filter((p) => input.sizes.includes(p.size) && input.durations.includes(p.duration))
    .map((p): HeatCell => {
      const label = say(cellFinding(p));
      const row = rowOf(p.size);
      const col = input.durations.indexOf(p.duration);
      return { index: p.index, size: p.size, duration: p.duration, row, col, recovers: p.recovers, color: cellColor(p.recovers, p.recoveryTime, input.within), label, title: `${rows[row]}, ${columns[col]}: ${label}` };
    });
  const legend: HeatLegendItem[] = [
    { kind: 'quick', color: cellColor(true, 0, input.within), label: say(problem('meta.key', { kind: 'quick', within: input.within })) },
    { kind: 'slow', color: cellColor(true, input.within, input.within), label: say(problem('meta.key', { kind: 'slow', within: input.within })) },
    { kind: 'stuck', color: stuckColor, label: say(problem('meta.key', { kind: 'stuck', within: input.within })) },
  ];
  const steps = boundaryOf(input.points, input.durations).map((b, col) => ({ col, size: b.size, edge: b.size === null ? 0 : rowOf(b.size) + 1 }));
  const of = (code: string) => (input.findings ?? []).filter((f) => f.code === code);
  const odd = of('meta.notMonotone')[0];
  const mechanism = [...of('meta.mechanism'), ...of('meta.allRecover')][0];
  return {
    rows,
    columns,
    cells,
    legend,
    boundaryKey: say(problem('meta.key', { kind: 'boundary', within: input.within })),
    steps,
    boundaryText: of('meta.boundary').map(say),
    mechanismText: mechanism ? say(mechanism) : null,
    notMonotone: odd ? String(odd.figures.cells ?? '') : null,
  };
}

/** The boundary as an SVG path over a grid whose cell (row, col) starts at (x0 + col × cw, y0 + row × ch). */
export function stepPath(steps: HeatMapModel['steps'], x0: number, y0: number, cw: number, ch: number): string {
  return steps.flatMap((s, j) => [`${j === 0 ? 'M' : 'L'}${x0 + s.col * cw},${y0 + s.edge * ch}`, `L${x0 + (s.col + 1) * cw},${y0 + s.edge * ch}`]).join(' ');
}
