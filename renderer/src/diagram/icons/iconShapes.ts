/**
 * A kind's icon (its shape list in renderer/src/kinds, on a 24 × 24 grid, stroked) as
 * markup, for exported diagrams and assets/icons; KindIcon draws the same list as React SVG.
 */
import type { NodeKind } from '../../../../simulation/model/schema';
import { kindViews, type Shape } from '../../kinds';

const attr = (s: Shape): string => {
  switch (s.tag) {
    case 'path':
      return `<path d="${s.d}"${s.fill ? ' fill="currentColor" stroke="none"' : ''}/>`;
    case 'circle':
      return `<circle cx="${s.cx}" cy="${s.cy}" r="${s.r}"${s.fill ? ' fill="currentColor" stroke="none"' : ''}/>`;
    case 'rect':
      return `<rect x="${s.x}" y="${s.y}" width="${s.width}" height="${s.height}"${s.rx ? ` rx="${s.rx}"` : ''}${s.fill ? ' fill="currentColor" stroke="none"' : ''}/>`;
    case 'ellipse':
      return `<ellipse cx="${s.cx}" cy="${s.cy}" rx="${s.rx}" ry="${s.ry}"/>`;
  }
};

/** Icon as SVG markup (a <g>), stroked in `color`, for exports. */
export function iconMarkup(kind: NodeKind, color: string): string {
  return `<g fill="none" stroke="${color}" color="${color}" stroke-width="1.7" stroke-linecap="round" stroke-linejoin="round">${kindViews[kind].icon.map(attr).join('')}</g>`;
}
