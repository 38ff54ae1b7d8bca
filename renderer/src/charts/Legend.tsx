/** The key under a chart: one swatch per series, and a dashed one for a fitted curve. */
export function Legend(props: { series: readonly { name: string; color: string }[]; curve?: { name: string } | null }) {
  return (
    <div className="legend">
      {props.series.map((s) => (
        <span key={s.name} className="legend-item">
          <span className="swatch" style={{ background: s.color }} />
          {s.name}
        </span>
      ))}
      {props.curve && (
        <span className="legend-item">
          <span className="swatch dashed" />
          {props.curve.name}
        </span>
      )}
    </div>
  );
}
