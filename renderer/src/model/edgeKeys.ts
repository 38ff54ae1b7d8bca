/**
 * Edges have no id in the file; the UI names each by its endpoints plus an
 * occurrence number, which stays put when unrelated edges are added or removed.
 */
import type { Edge } from '../../../simulation/model/schema';

export function edgeKeys(edges: readonly Edge[]): string[] {
  const seen = new Map<string, number>();
  return edges.map((e) => {
    const base = `${e.from}->${e.to}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n === 0 ? base : `${base}#${n + 1}`;
  });
}

export function edgeIndexByKey(edges: readonly Edge[], key: string): number {
  return edgeKeys(edges).indexOf(key);
}

/** 1-based position of an edge among its caller's outgoing calls: the call order. */
export function callOrder(edges: readonly Edge[]): number[] {
  const counts = new Map<string, number>();
  return edges.map((e) => {
    const n = (counts.get(e.from) ?? 0) + 1;
    counts.set(e.from, n);
    return n;
  });
}
