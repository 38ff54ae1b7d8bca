/** One component icon as React SVG, drawn from its kind's shape list (renderer/src/kinds). */
import { memo } from 'react';
import type { NodeKind } from '../../../../simulation/model/schema';
import { kindViews, type Shape } from '../../kinds';

function ShapeEl({ s }: { s: Shape }) {
  const fill = 'fill' in s && s.fill ? { fill: 'currentColor', stroke: 'none' } : {};
  switch (s.tag) {
    case 'path':
      return <path d={s.d} {...fill} />;
    case 'circle':
      return <circle cx={s.cx} cy={s.cy} r={s.r} {...fill} />;
    case 'rect':
      return <rect x={s.x} y={s.y} width={s.width} height={s.height} rx={s.rx} {...fill} />;
    case 'ellipse':
      return <ellipse cx={s.cx} cy={s.cy} rx={s.rx} ry={s.ry} />;
  }
}

export const KindIcon = memo(function KindIcon({ kind, size = 18 }: { kind: NodeKind; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.7} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      {kindViews[kind].icon.map((s, i) => (
        <ShapeEl key={i} s={s} />
      ))}
    </svg>
  );
});
