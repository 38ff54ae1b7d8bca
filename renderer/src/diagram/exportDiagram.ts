/**
 * The diagram as a standalone SVG drawn from the document (not a screenshot of
 * the canvas), and as PNG by painting that SVG onto a canvas. Used for Export and
 * for the printable report.
 */
import type { NodeKind, Scenario } from '../../../simulation/model/schema';
import { callOrder } from '../model/edgeKeys';
import { iconMarkup } from './icons/iconShapes';
import { kindViews } from '../kinds';
import { nodeHeight, nodeWidth } from './geometry';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export interface DiagramOptions {
  kindLabel: (kind: NodeKind) => string;
  /** Optional small line under each label (e.g. utilization). */
  caption?: (id: string) => string | null;
  /** Optional colour for a node's border (utilization tint). */
  tint?: (id: string) => string | null;
  edgeLabel?: (index: number) => string | null;
}

const font = `system-ui, -apple-system, 'Segoe UI', 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif`;

export function diagramSvg(s: Scenario, o: DiagramOptions): string {
  const pad = 40;
  const xs = s.nodes.map((n) => n.position.x);
  const ys = s.nodes.map((n) => n.position.y);
  const minX = xs.length ? Math.min(...xs) - pad : 0;
  const minY = ys.length ? Math.min(...ys) - pad : 0;
  const width = xs.length ? Math.max(...xs) + nodeWidth + pad - minX : 400;
  const height = ys.length ? Math.max(...ys) + nodeHeight + pad - minY : 200;
  const byId = new Map(s.nodes.map((n) => [n.id, n] as const));
  const order = callOrder(s.edges);
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${Math.ceil(width)}" height="${Math.ceil(height)}" viewBox="${minX} ${minY} ${Math.ceil(width)} ${Math.ceil(height)}" font-family="${esc(font)}">`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="#64748b"/></marker></defs>`,
    `<rect x="${minX}" y="${minY}" width="${Math.ceil(width)}" height="${Math.ceil(height)}" fill="#ffffff"/>`,
  );
  s.edges.forEach((e, i) => {
    const a = byId.get(e.from);
    const b = byId.get(e.to);
    if (!a || !b) return;
    const x1 = a.position.x + nodeWidth;
    const y1 = a.position.y + nodeHeight / 2;
    const x2 = b.position.x;
    const y2 = b.position.y + nodeHeight / 2;
    const dx = Math.max(40, Math.abs(x2 - x1) / 2);
    const d = `M${x1} ${y1} C${x1 + dx} ${y1}, ${x2 - dx} ${y2}, ${x2 - 2} ${y2}`;
    const dashed = (e.mode ?? 'sync') === 'async';
    parts.push(`<path d="${d}" fill="none" stroke="#64748b" stroke-width="1.6"${dashed ? ' stroke-dasharray="6 5"' : ''} marker-end="url(#arrow)"/>`);
    const mx = (x1 + x2) / 2;
    const my = (y1 + y2) / 2;
    parts.push(`<circle cx="${mx}" cy="${my}" r="9" fill="#fff" stroke="#94a3b8"/><text x="${mx}" y="${my + 3.5}" font-size="10" text-anchor="middle" fill="#334155">${order[i]}</text>`);
    const label = o.edgeLabel?.(i);
    if (label) parts.push(`<text x="${mx}" y="${my - 14}" font-size="11" text-anchor="middle" fill="#475569">${esc(label)}</text>`);
  });
  for (const n of s.nodes) {
    const color = kindViews[n.kind].color;
    const tint = o.tint?.(n.id);
    const { x, y } = n.position;
    parts.push(
      `<g transform="translate(${x} ${y})">`,
      `<rect width="${nodeWidth}" height="${nodeHeight}" rx="10" fill="#fff" stroke="${tint ?? '#d4d4d8'}" stroke-width="${tint ? 2 : 1}"/>`,
      `<rect x="12" y="14" width="32" height="32" rx="8" fill="${color}" fill-opacity="0.12"/>`,
      `<g transform="translate(18 20) scale(0.8333)">${iconMarkup(n.kind, color)}</g>`,
      `<text x="56" y="28" font-size="13" font-weight="600" fill="#18181b">${esc(n.label || n.id)}</text>`,
      `<text x="56" y="44" font-size="11" fill="#71717a">${esc(o.kindLabel(n.kind))}</text>`,
    );
    const caption = o.caption?.(n.id);
    if (caption) parts.push(`<text x="12" y="66" font-size="11" fill="#3f3f46">${esc(caption)}</text>`);
    parts.push('</g>');
  }
  parts.push('</svg>');
  return parts.join('');
}

/** Paints an SVG string at `scale` and returns PNG bytes. */
export async function svgToPng(svg: string, scale = 2): Promise<Uint8Array> {
  const size = /width="(\d+)" height="(\d+)"/.exec(svg);
  const w = Number(size?.[1] ?? 800);
  const h = Number(size?.[2] ?? 600);
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.decoding = 'async';
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('could not render the diagram'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(w * scale);
    canvas.height = Math.ceil(h * scale);
    const g = canvas.getContext('2d');
    if (!g) throw new Error('no 2D canvas');
    g.scale(scale, scale);
    g.drawImage(img, 0, 0, w, h);
    const blob = await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
    return new Uint8Array(await blob.arrayBuffer());
  } finally {
    URL.revokeObjectURL(url);
  }
}
