/**
 * The seven component icons as plain shape lists on a 24 × 24 grid, stroked, so
 * the same drawing renders as React SVG on the canvas and as markup in exported
 * diagrams and in assets/icons.
 */
import { nodeKinds, type NodeKind } from '../../../../simulation/model/schema';
import { kindNamed } from '../../../../simulation/model/kinds';

export type Shape =
  | { tag: 'path'; d: string; fill?: boolean }
  | { tag: 'circle'; cx: number; cy: number; r: number; fill?: boolean }
  | { tag: 'rect'; x: number; y: number; width: number; height: number; rx?: number; fill?: boolean }
  | { tag: 'ellipse'; cx: number; cy: number; rx: number; ry: number };

export const iconShapes: Record<NodeKind, Shape[]> = {
  // Users: where load comes from.
  source: [
    { tag: 'circle', cx: 9, cy: 8, r: 3.2 },
    { tag: 'path', d: 'M3 20c0-3.3 2.7-6 6-6s6 2.7 6 6' },
    { tag: 'circle', cx: 17, cy: 9, r: 2.4 },
    { tag: 'path', d: 'M16.5 14.1c2.6.3 4.5 2.6 4.5 5.4' },
  ],
  // One entry fanning out to several backends.
  gateway: [
    { tag: 'rect', x: 2.5, y: 9.5, width: 5, height: 5, rx: 1.2 },
    { tag: 'path', d: 'M7.5 12h3.5M11 12l4-5.5h2.5M11 12h6.5M11 12l4 5.5h2.5' },
    { tag: 'circle', cx: 19.5, cy: 6.5, r: 1.8, fill: true },
    { tag: 'circle', cx: 19.5, cy: 12, r: 1.8, fill: true },
    { tag: 'circle', cx: 19.5, cy: 17.5, r: 1.8, fill: true },
  ],
  // An application window with a prompt.
  service: [
    { tag: 'rect', x: 3, y: 4, width: 18, height: 16, rx: 2.5 },
    { tag: 'path', d: 'M3 8.5h18' },
    { tag: 'path', d: 'M7.5 12.5l2.5 2.2-2.5 2.3M12.5 17h4' },
  ],
  // A bolt: answers fast.
  cache: [{ tag: 'path', d: 'M13.5 2.5L5 13.5h6l-1 8 8.5-11h-6l1-8z' }],
  // Messages waiting in a pipe.
  queue: [
    { tag: 'rect', x: 2.5, y: 6.5, width: 19, height: 11, rx: 2.5 },
    { tag: 'rect', x: 5.5, y: 9.5, width: 3, height: 5, rx: 0.8, fill: true },
    { tag: 'rect', x: 10.5, y: 9.5, width: 3, height: 5, rx: 0.8, fill: true },
    { tag: 'path', d: 'M16 10l2.5 2-2.5 2' },
  ],
  // A cylinder.
  database: [
    { tag: 'ellipse', cx: 12, cy: 5.5, rx: 7.5, ry: 3 },
    { tag: 'path', d: 'M4.5 5.5v13c0 1.7 3.4 3 7.5 3s7.5-1.3 7.5-3v-13' },
    { tag: 'path', d: 'M4.5 12c0 1.7 3.4 3 7.5 3s7.5-1.3 7.5-3' },
  ],
  // A cloud: somebody else's system.
  external: [{ tag: 'path', d: 'M7 19h10.5a4 4 0 0 0 .6-7.95A6 6 0 0 0 6.6 10.4 4.3 4.3 0 0 0 7 19z' }],
};

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
  return `<g fill="none" stroke="${color}" color="${color}" stroke-width="1.7" stroke-linecap="round" stroke-linejoin="round">${iconShapes[kind].map(attr).join('')}</g>`;
}

/** Accent colour of each kind, shared by the canvas, the palette and exports: the kind module's (simulation/model/kinds), as the HTML reports use it. */
export const kindColor: Record<NodeKind, string> = Object.fromEntries(nodeKinds.map((k) => [k, kindNamed(k).color])) as Record<NodeKind, string>;
