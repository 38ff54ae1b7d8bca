/**
 * Which sync calls of one caller a trace shows made at once, so that the import can write
 * them as an edge `group` (sent together, as asyncio.gather sends its awaitables) rather
 * than one after another, which would add their latencies up.
 *
 * The rules, stated in the README ("Calibrate from your system"):
 * - two calls of one visit **overlap** when they share at least half of the shorter one
 *   ({@link overlapShare}); a few microseconds of clock skew between a call that ends and
 *   the next that starts is not an overlap, and a zero-length call overlaps nothing;
 * - two callees of a caller are **parallel** when, of the caller's visits that call both,
 *   at least half have a call to one overlapping a call to the other
 *   ({@link parallelShare}); fewer, and the calls stay in sequence;
 * - a caller's parallel callees form groups by connection: A with B and B with C make one
 *   group of three, since an edge belongs to one group at most;
 * - calls to one callee made at once cannot be a group (a group member makes its own
 *   calls one after another), so they are only counted, for the report to say.
 */

export interface CallInterval {
  /** The callee's node id. */
  to: string;
  start: number;
  end: number;
}

export const overlapShare = 0.5;
export const parallelShare = 0.5;

export function callsOverlap(a: CallInterval, b: CallInterval): boolean {
  const shared = Math.min(a.end, b.end) - Math.max(a.start, b.start);
  const shorter = Math.min(a.end - a.start, b.end - b.start);
  return shared > 0 && shared >= overlapShare * shorter;
}

const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

/** The callees that one visit called at once: pairs of distinct callees, and callees called at once with themselves. */
export function overlapsOfVisit(calls: readonly CallInterval[]): { pairs: Set<string>; selfParallel: Set<string> } {
  const pairs = new Set<string>();
  const selfParallel = new Set<string>();
  // Sorted by start, a call can only overlap those that start before the latest end so far.
  const sorted = [...calls].sort((x, y) => x.start - y.start || x.end - y.end);
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length && sorted[j]!.start < sorted[i]!.end; j++) {
      const a = sorted[i]!;
      const b = sorted[j]!;
      if (!callsOverlap(a, b)) continue;
      if (a.to === b.to) selfParallel.add(a.to);
      else pairs.add(pairKey(a.to, b.to));
    }
  }
  return { pairs, selfParallel };
}

export interface ParallelGroup {
  from: string;
  group: string;
  members: string[];
}

/** Counts, over every visit of every caller, which callees were called together and which at once. */
export class ParallelTally {
  private readonly both = new Map<string, Map<string, number>>();
  private readonly overlapping = new Map<string, Map<string, number>>();
  private readonly selfCounts = new Map<string, Map<string, number>>();
  /** Visits with at least one overlap of sync calls, for the report. */
  visits = 0;

  add(from: string, calls: readonly CallInterval[]): void {
    if (calls.length < 2) return;
    const callees = [...new Set(calls.map((c) => c.to))].sort();
    const both = this.counter(this.both, from);
    for (let i = 0; i < callees.length; i++) for (let j = i + 1; j < callees.length; j++) bump(both, pairKey(callees[i]!, callees[j]!));
    const { pairs, selfParallel } = overlapsOfVisit(calls);
    if (pairs.size > 0 || selfParallel.size > 0) this.visits++;
    const overlapping = this.counter(this.overlapping, from);
    for (const p of pairs) bump(overlapping, p);
    const self = this.counter(this.selfCounts, from);
    for (const to of selfParallel) bump(self, to);
  }

  /** The groups by the rules above, callers and members in name order, named `parallel1`, `parallel2`, … per caller. */
  groups(): ParallelGroup[] {
    const out: ParallelGroup[] = [];
    for (const from of [...this.both.keys()].sort()) {
      const both = this.both.get(from)!;
      const overlapping = this.overlapping.get(from) ?? new Map<string, number>();
      const parent = new Map<string, string>();
      const find = (x: string): string => {
        let r = x;
        while (parent.get(r) !== r) r = parent.get(r)!;
        return r;
      };
      for (const [pair, n] of both) {
        if ((overlapping.get(pair) ?? 0) < parallelShare * n) continue;
        const [a, b] = pair.split('\u0000') as [string, string];
        if (!parent.has(a)) parent.set(a, a);
        if (!parent.has(b)) parent.set(b, b);
        const ra = find(a);
        const rb = find(b);
        if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
      }
      const byRoot = new Map<string, string[]>();
      for (const member of parent.keys()) {
        const root = find(member);
        const list = byRoot.get(root);
        if (list) list.push(member);
        else byRoot.set(root, [member]);
      }
      const groups = [...byRoot.values()].map((m) => m.sort()).sort((x, y) => (x[0]! < y[0]! ? -1 : 1));
      groups.forEach((members, i) => out.push({ from, group: `parallel${i + 1}`, members }));
    }
    return out;
  }

  /** Callees called at once with themselves, in at least one visit: the format cannot say so. */
  sameCallee(): { from: string; to: string; visits: number }[] {
    const out: { from: string; to: string; visits: number }[] = [];
    for (const from of [...this.selfCounts.keys()].sort()) for (const [to, visits] of [...this.selfCounts.get(from)!].sort()) out.push({ from, to, visits });
    return out;
  }

  private counter(map: Map<string, Map<string, number>>, from: string): Map<string, number> {
    let m = map.get(from);
    if (!m) map.set(from, (m = new Map()));
    return m;
  }
}

function bump(m: Map<string, number>, key: string): void {
  m.set(key, (m.get(key) ?? 0) + 1);
}
