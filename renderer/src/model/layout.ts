/**
 * Auto-layout: layered left to right by call depth (the longest call path from a
 * node with no callers), nodes of a layer stacked in the order they are first
 * reached, so a request reads left to right as it flows.
 */
import type { Scenario } from '../../../simulation/model/schema';
import { kindOf } from '../../../simulation/model/kinds';

export const layerGap = 300;
export const rowGap = 130;

export function layeredLayout(s: Scenario): Record<string, { x: number; y: number }> {
  const ids = s.nodes.map((n) => n.id);
  const known = new Set(ids);
  const out = new Map<string, string[]>();
  const indeg = new Map<string, number>(ids.map((id) => [id, 0]));
  for (const e of s.edges) {
    if (!known.has(e.from) || !known.has(e.to) || e.from === e.to) continue;
    out.set(e.from, [...(out.get(e.from) ?? []), e.to]);
    indeg.set(e.to, (indeg.get(e.to) ?? 0) + 1);
  }
  const depth = new Map<string, number>();
  const order: string[] = [];
  const roots = ids.filter((id) => indeg.get(id) === 0);
  // Sources first, then other roots; a graph that is one big cycle starts anywhere.
  const isSource = (id: string) => {
    const n = s.nodes.find((m) => m.id === id);
    return n !== undefined && kindOf(n).source;
  };
  roots.sort((a, b) => Number(isSource(b)) - Number(isSource(a)));
  const starts = roots.length ? roots : ids.slice(0, 1);
  // Longest path on the DAG part: a node on a back edge is not pushed further.
  const visit = (id: string, d: number, stack: Set<string>) => {
    if (stack.has(id)) return;
    if (!depth.has(id)) order.push(id);
    if ((depth.get(id) ?? -1) >= d) return;
    depth.set(id, d);
    stack.add(id);
    for (const next of out.get(id) ?? []) visit(next, d + 1, stack);
    stack.delete(id);
  };
  for (const r of starts) visit(r, 0, new Set());
  for (const id of ids) if (!depth.has(id)) visit(id, 0, new Set());

  const layers = new Map<number, string[]>();
  for (const id of order) {
    const d = depth.get(id) ?? 0;
    layers.set(d, [...(layers.get(d) ?? []), id]);
  }
  const tallest = Math.max(1, ...[...layers.values()].map((l) => l.length));
  const positions: Record<string, { x: number; y: number }> = {};
  for (const [d, layer] of layers) {
    const offset = ((tallest - layer.length) * rowGap) / 2;
    layer.forEach((id, i) => {
      positions[id] = { x: d * layerGap, y: offset + i * rowGap };
    });
  }
  return positions;
}
