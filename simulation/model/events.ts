/**
 * The timeline's rules that both the validator and the compile step need: which node
 * kinds take which action, how a rolling deploy's `maxSurge`/`maxUnavailable` resolve to
 * pod counts (as the Kubernetes Deployment controller resolves them), and the span of
 * simulated time each event occupies, for the overlap check.
 */
import type { EventAction, NodeKind, ScenarioNode, TimelineEvent } from './schema';
import { kindOf } from './kinds';

/** The node kinds each action applies to. */
export const eventKinds: Record<EventAction, readonly NodeKind[]> = {
  restart: ['gateway', 'service', 'cache', 'database', 'external'],
  failover: ['database', 'cache'],
  deploy: ['service', 'gateway'],
  flush: ['cache'],
};

/** Defaults the compile step applies and the README states. */
export const eventDefaults = { coldFactor: 2, promotion: 30, maxSurge: '25%', maxUnavailable: '25%', warm: 60 } as const;

/**
 * A count or a share of `replicas`: a share rounds up for the surge and down for the
 * unavailable pods (Kubernetes' ResolveFenceposts), and when both come to 0 one pod may
 * be unavailable, or the rollout could never start.
 */
export function resolveRollout(e: Extract<TimelineEvent, { action: 'deploy' }>, replicas: number): { surge: number; unavailable: number } {
  const pods = (v: number | string, up: boolean) => {
    if (typeof v === 'number') return v;
    const share = (Number(v.slice(0, -1)) / 100) * replicas;
    // A share such as 33.3% of 3 pods is 0.999…: a hair of slack keeps it a whole pod.
    return up ? Math.ceil(share - 1e-9) : Math.floor(share + 1e-9);
  };
  const surge = pods(e.maxSurge ?? eventDefaults.maxSurge, true);
  const unavailable = Math.min(replicas, pods(e.maxUnavailable ?? eventDefaults.maxUnavailable, false));
  return surge === 0 && unavailable === 0 ? { surge, unavailable: 1 } : { surge, unavailable };
}

/** The replicas a node starts with (per shard for a database). */
export function startReplicas(n: ScenarioNode): number {
  return 'replicas' in n && n.replicas !== undefined ? n.replicas : 1;
}

/**
 * The stretch of simulated time an event occupies and the replicas it touches (null:
 * all of them, or none for a flush, which touches keys, not replicas). A deploy's span
 * is its plan: every round starts surge + unavailable new pods, each round `startup`
 * long; old pods still draining after it are not counted, as they cannot be known ahead.
 */
export function eventSpan(e: TimelineEvent, n: ScenarioNode): { from: number; to: number; replicas: number[] | null } | null {
  switch (e.action) {
    case 'restart':
      return { from: e.at, to: e.at + e.down, replicas: [e.replica ?? 0] };
    case 'failover':
      return { from: e.at, to: e.at + (e.promotion ?? eventDefaults.promotion), replicas: [0] };
    case 'deploy': {
      const replicas = startReplicas(n);
      const { surge, unavailable } = resolveRollout(e, replicas);
      return { from: e.at, to: e.at + Math.ceil(replicas / Math.max(1, surge + unavailable)) * e.startup, replicas: null };
    }
    default:
      return null;
  }
}

/**
 * What a flush occupies of its cache: from its start until it stops compounding with
 * another one, its hold (`for`), then for a keyless cache its `warm` ramp, over which a
 * second flush multiplies the lowered ratio again. A keyed cache has no ramp: its keys
 * come back as misses load them.
 */
export function flushSpan(e: Extract<TimelineEvent, { action: 'flush' }>, keyed: boolean): { from: number; to: number } {
  return { from: e.at, to: e.at + (e.for ?? 0) + (keyed ? 0 : (e.warm ?? eventDefaults.warm)) };
}

/** Two spans meet: they share time, or an instant one falls within (or at an end of) the other. */
export function spansMeet(a: { from: number; to: number }, b: { from: number; to: number }): boolean {
  const lo = Math.max(a.from, b.from);
  const hi = Math.min(a.to, b.to);
  return lo < hi || (lo === hi && (a.from === a.to || b.from === b.to));
}

type Key = PropertyKey;
type Report = (path: readonly Key[], code: string, figures?: Record<string, string | number | boolean | null>, node?: string) => void;

/**
 * The timeline's rules between fields: the node exists and is of a kind the action
 * applies to, the replica exists, the event happens within the run, a deploy's service
 * has a fixed replica count, and no two events of one node touch one replica at once
 * (which would leave it unclear which one brings it back).
 */
export function checkEvents(events: readonly TimelineEvent[], nodeById: (id: string) => ScenarioNode | undefined, runEnd: number, err: Report, warn: Report, noSuchNode: (path: readonly Key[], id: string) => void): void {
  const spans: { index: number; node: string; from: number; to: number; replicas: number[] | null }[] = [];
  const flushes: { index: number; node: string; from: number; to: number }[] = [];
  events.forEach((e, i) => {
    const at = ['events', i];
    if (e.at >= runEnd) err([...at, 'at'], 'eventAfterRun', { at: e.at, end: Math.round(runEnd * 1000) / 1000 });
    const n = nodeById(e.node);
    if (n === undefined) {
      noSuchNode([...at, 'node'], e.node);
      return;
    }
    const kinds = eventKinds[e.action];
    if (!kinds.includes(n.kind)) {
      err([...at, 'node'], 'eventWrongKind', { action: e.action, kind: n.kind, kinds: JSON.stringify(kinds) }, e.node);
      return;
    }
    if (e.action === 'restart' && e.replica !== undefined) {
      const most = kindOf(n).peakReplicas(n);
      if (e.replica >= most) err([...at, 'replica'], 'faultReplicaOutOfRange', { replicas: most }, e.node);
    }
    if (e.action === 'deploy' && 'autoscale' in n && n.autoscale !== undefined) err([...at, 'node'], 'deployAutoscaled', {}, e.node);
    if (e.action === 'flush' && n.kind === 'cache') {
      // Allowed (the engine compounds them, as the metastability map's flushes do), but rarely meant: the second one then measures both.
      const keyed = n.keys !== undefined;
      const own = flushSpan(e, keyed);
      const other = flushes.find((o) => o.node === e.node && spansMeet(o, own));
      if (other) warn([...at, 'at'], 'flushesOverlap', { first: other.index, from: other.from, to: other.to, keyed }, e.node);
      flushes.push({ index: i, node: e.node, ...own });
    }
    const span = eventSpan(e, n);
    if (span === null) return;
    const clash = spans.find((o) => o.node === e.node && o.from < span.to && span.from < o.to && (o.replicas === null || span.replicas === null || o.replicas.some((r) => span.replicas!.includes(r))));
    if (clash) err([...at, 'at'], 'eventsOverlap', { first: clash.index, from: clash.from, to: clash.to }, e.node);
    spans.push({ index: i, node: e.node, ...span });
  });
}
