/**
 * The scenario's timeline (`events`): restarts, failovers, rolling deploys and cache
 * flushes at stated moments. The engine gives this class a few operations on its
 * replicas and visits (`TimelineHost`), reused from its faults where they fit, and asks
 * it three questions on its paths: how much slower a replica's own work is just after
 * a cold start, what share of a cache's hit ratio is back after a flush, and what to do
 * with a request that finds no replica serving. Without events (and without a cache
 * with `onError: "bypass"`) the engine has no timeline and asks nothing.
 *
 * The stated rules (README, "Timeline of events"):
 * - restart: the replica fails as in a fault (what it holds fails), is down `down` s,
 *   then serves again cold: empty queues, and for `warmup` s its own work takes up to
 *   `coldFactor` times as long, the factor falling linearly to 1 over the warm-up.
 * - failover: the primary (replica 0 of every shard) fails as in a fault; after
 *   `promotion` s a replica is promoted and serves as the primary. A database's
 *   promoted replica leaves the read pool (it finishes the reads it has, then leaves);
 *   a cache's replica is a standby that served no lookups. Meanwhile reads go to the
 *   read replicas as with any down primary; a query that finds no instance fails at
 *   once (`whileDown: "fail"`, the default) or waits, up to the node's `queue`, for the
 *   promotion (`"wait"`).
 * - deploy: the Deployment controller's rolling update (pkg/controller/deployment/
 *   rolling.go): each time a pod's state changes it scales the new pods up to at most
 *   replicas + maxSurge pods in all, then scales old pods down as far as keeps
 *   replicas − maxUnavailable pods ready (not-ready old pods first), until nothing
 *   changes. A new pod is ready `startup` s after it is created; an old pod taken down
 *   drains: it takes no new request and leaves when it has finished what it holds
 *   (its queue included). As in Kubernetes, a draining pod counts in neither limit.
 * - flush: a keyless cache's hit ratio drops to (1 − share) × its `hitRatio` (0 by
 *   default), stays there `for` s, and climbs back linearly over `warm` s; a keyed
 *   cache loses `share` of its keys and stores none of them for `for` s (partialFlush.ts).
 */
import { EventAction, NodeKind, type CompiledEvent, type CompiledModel, type CompiledNode } from './compile';
import { KeylessFlushes } from './partialFlush';

/** The engine's replica states (R_* in engine.ts), as the controller reads them. */
export const enum Slot {
  Absent = 0,
  Serving = 1,
  Starting = 2,
  Draining = 3,
  Down = 4,
}

/** What the timeline may do to the engine: replicas by their global slot, visits by index. */
export interface TimelineHost {
  now(): number;
  /** Schedules `step` of event `index` at time `at`. */
  schedule(at: number, index: number, step: number): void;
  slotState(slot: number): Slot;
  /** As a fault: the replica's visits fail and it stops serving. `counts`: this slot moves the node's replica count (a shard's copy does not). */
  fail(n: CompiledNode, slot: number, counts: boolean): void;
  /** Back from a fault: serving, with empty queues. */
  revive(n: CompiledNode, slot: number, counts: boolean): void;
  /** An absent slot becomes a pod starting; `ready` makes a starting one serve. */
  start(n: CompiledNode, slot: number): void;
  ready(slot: number): void;
  /** A serving replica drains (takes nothing new, leaves when empty); a starting or down one leaves at once. */
  drain(n: CompiledNode, slot: number, counts: boolean): void;
  /** A cache lookup with no replica serving goes to the cache's calls, as a miss. */
  bypass(v: number, n: CompiledNode): void;
  /** A query with no instance serving waits for the promotion; `release` sends it on (or drops a visit that ended meanwhile). */
  hold(v: number, n: CompiledNode): number;
  release(v: number, n: CompiledNode, gen: number): void;
  /** A keyed cache loses `share` of its keys (event `event`'s choice of them), and stores none of those until `until`. */
  flushKeys(node: number, event: number, share: number, until: number): void;
}

const STEP_BEGIN = 0;
const STEP_FINISH = 1;
const STEP_POD_READY = 2;
const STEPS = 4;

export class Timeline {
  private readonly events: CompiledEvent[];
  private readonly nodes: CompiledNode[];
  private readonly base: Int32Array;
  /** Per replica slot: the end of its cold warm-up, its length and its factor. */
  private readonly coldUntil: Float64Array;
  private readonly coldFor: Float64Array;
  private readonly coldFactor: Float64Array;
  /** Keyless caches' flushes under way. */
  private readonly flushes: KeylessFlushes;
  /** Per node: 1 while a failover with `whileDown: "wait"` promotes; the queries held meanwhile, as (visit, generation) pairs. */
  private readonly waiting: Uint8Array;
  private readonly held: number[][];
  /** Per slot: 1 for a pod of the version a deploy rolls out. */
  private readonly isNew: Uint8Array;
  /** Per node: the deploy under way (event index), or -1. */
  private readonly deploying: Int32Array;
  /** Per event: when it ended (the replica back, the promotion done, the rollout done, the cache warm), NaN until then. */
  readonly ends: Float64Array;

  constructor(
    model: CompiledModel,
    replicaBase: Int32Array,
    private readonly host: TimelineHost,
    private readonly endTime: number,
  ) {
    this.events = model.events;
    this.nodes = model.nodes;
    this.base = replicaBase;
    const slots = replicaBase[model.nodes.length]!;
    this.coldUntil = new Float64Array(slots).fill(-Infinity);
    this.coldFor = new Float64Array(slots);
    this.coldFactor = new Float64Array(slots).fill(1);
    this.flushes = new KeylessFlushes(model.nodes.length);
    this.waiting = new Uint8Array(model.nodes.length);
    this.held = model.nodes.map(() => []);
    this.isNew = new Uint8Array(slots);
    this.deploying = new Int32Array(model.nodes.length).fill(-1);
    this.ends = new Float64Array(this.events.length).fill(NaN);
  }

  start(): void {
    this.events.forEach((e, i) => {
      if (e.at < this.endTime) this.host.schedule(e.at, i, STEP_BEGIN);
    });
  }

  /** One step of one event, from the engine's event list. */
  step(index: number, code: number): void {
    const e = this.events[index]!;
    const step = code % STEPS;
    if (step === STEP_POD_READY) {
      const slot = (code - step) / STEPS;
      if (this.host.slotState(slot) !== Slot.Starting) return;
      this.host.ready(slot);
      this.sync(index);
      return;
    }
    switch (e.action) {
      case EventAction.Restart:
        if (step === STEP_BEGIN) this.restartBegins(e, index);
        else this.restartEnds(e, index);
        break;
      case EventAction.Failover:
        if (step === STEP_BEGIN) this.failoverBegins(e, index);
        else this.promote(e, index);
        break;
      case EventAction.Deploy:
        this.deployBegins(e, index);
        break;
      case EventAction.Flush:
        this.flush(e, index);
        break;
    }
  }

  // ---------------------------------------------------------------- questions on the engine's paths

  /** The factor on a replica's own work starting now: above 1 only during a cold warm-up. */
  workScale(slot: number, now: number): number {
    const until = this.coldUntil[slot]!;
    if (now >= until) return 1;
    return 1 + (this.coldFactor[slot]! - 1) * ((until - now) / this.coldFor[slot]!);
  }

  /** The share of a cache's hit ratio that holds now: below 1 only while it warms after a flush. */
  hitScale(node: number, now: number): number {
    return this.flushes.scale(node, now);
  }

  /** A request found no replica of `n` serving: true when the timeline took it (bypass or wait), false when it fails. */
  noReplica(v: number, n: CompiledNode): boolean {
    if (n.bypass) {
      this.host.bypass(v, n);
      return true;
    }
    const held = this.held[n.index]!;
    if (this.waiting[n.index] === 1 && held.length / 2 < n.queue) {
      held.push(v, this.host.hold(v, n));
      return true;
    }
    return false;
  }

  /** The engine retired a drained replica: a rollout may be done. */
  retired(slot: number): void {
    for (let i = 0; i < this.nodes.length; i++) {
      if (slot >= this.base[i]! && slot < this.base[i + 1]!) {
        const d = this.deploying[i]!;
        if (d >= 0) this.sync(d);
        return;
      }
    }
  }

  // ---------------------------------------------------------------- restart

  private slotsOf(e: CompiledEvent, replica: number): number[] {
    const n = this.nodes[e.node]!;
    return Array.from({ length: n.groups }, (_, g) => this.base[n.index]! + g * n.slots + replica);
  }

  private restartBegins(e: CompiledEvent, index: number): void {
    const n = this.nodes[e.node]!;
    this.slotsOf(e, e.replica).forEach((slot, g) => this.host.fail(n, slot, g === 0));
    this.host.schedule(this.host.now() + e.down, index, STEP_FINISH);
  }

  private restartEnds(e: CompiledEvent, index: number): void {
    const n = this.nodes[e.node]!;
    const now = this.host.now();
    this.slotsOf(e, e.replica).forEach((slot, g) => {
      if (this.host.slotState(slot) !== Slot.Down) return;
      this.host.revive(n, slot, g === 0);
      this.coldUntil[slot] = now + e.warmup;
      this.coldFor[slot] = e.warmup;
      this.coldFactor[slot] = e.coldFactor;
    });
    this.ends[index] = now;
  }

  // ---------------------------------------------------------------- failover

  private failoverBegins(e: CompiledEvent, index: number): void {
    const n = this.nodes[e.node]!;
    this.slotsOf(e, 0).forEach((slot, g) => this.host.fail(n, slot, g === 0));
    if (e.wait) this.waiting[n.index] = 1;
    this.host.schedule(this.host.now() + e.promotion, index, STEP_FINISH);
  }

  private promote(e: CompiledEvent, index: number): void {
    const n = this.nodes[e.node]!;
    this.slotsOf(e, 0).forEach((primary, g) => {
      if (this.host.slotState(primary) === Slot.Down) this.host.revive(n, primary, g === 0);
      if (n.kind !== NodeKind.Database || n.slots === 1) return;
      // The promoted read replica leaves the read pool: the highest-numbered one serving.
      for (let r = n.slots - 1; r >= 1; r--) {
        if (this.host.slotState(primary + r) !== Slot.Serving) continue;
        this.host.drain(n, primary + r, g === 0);
        break;
      }
    });
    this.waiting[n.index] = 0;
    const held = this.held[n.index]!;
    this.held[n.index] = [];
    for (let k = 0; k < held.length; k += 2) this.host.release(held[k]!, n, held[k + 1]!);
    this.ends[index] = this.host.now();
  }

  // ---------------------------------------------------------------- deploy

  private deployBegins(e: CompiledEvent, index: number): void {
    const n = this.nodes[e.node]!;
    const base = this.base[n.index]!;
    // Every pod there now is of the old version.
    this.isNew.fill(0, base, base + n.slots);
    this.deploying[n.index] = index;
    this.sync(index);
  }

  /** The Deployment controller's sync, repeated while it changes something (each change is a new sync in Kubernetes). */
  private sync(index: number): void {
    const e = this.events[index]!;
    const n = this.nodes[e.node]!;
    const base = this.base[n.index]!;
    const desired = n.replicas;
    for (;;) {
      let oldPods = 0;
      let oldReady = 0;
      let newPods = 0;
      let newReady = 0;
      let draining = 0;
      for (let s = base; s < base + n.slots; s++) {
        const state = this.host.slotState(s);
        if (state === Slot.Absent) continue;
        if (state === Slot.Draining) draining++;
        else if (this.isNew[s] === 1) {
          newPods++;
          if (state === Slot.Serving) newReady++;
        } else {
          oldPods++;
          if (state === Slot.Serving) oldReady++;
        }
      }
      // reconcileNewReplicaSet: up to desired + maxSurge pods in all.
      const scaleUp = Math.min(desired + e.surge - (oldPods + newPods), desired - newPods);
      if (scaleUp > 0 && this.startPods(e, index, scaleUp) > 0) continue;
      // reconcileOldReplicaSets: keep desired − maxUnavailable ready, counting new pods not ready yet against it.
      const minReady = desired - e.unavailable;
      const maxDown = oldPods + newPods - minReady - (newPods - newReady);
      if (oldPods > 0 && maxDown > 0) {
        let removed = this.removeOld(n, base, oldPods - oldReady, maxDown, false);
        const ready = oldReady + newReady;
        if (ready > minReady) removed += this.removeOld(n, base, Math.min(oldReady, ready - minReady), Infinity, true);
        if (removed > 0) continue;
      }
      if (oldPods === 0 && newReady === desired && draining === 0 && Number.isNaN(this.ends[index]!)) {
        this.ends[index] = this.host.now();
        this.deploying[n.index] = -1;
      }
      return;
    }
  }

  /** Creates up to `count` new pods in free slots; returns how many. */
  private startPods(e: CompiledEvent, index: number, count: number): number {
    const n = this.nodes[e.node]!;
    const base = this.base[n.index]!;
    let started = 0;
    for (let s = base; s < base + n.slots && started < count; s++) {
      if (this.host.slotState(s) !== Slot.Absent) continue;
      this.isNew[s] = 1;
      this.host.start(n, s);
      this.host.schedule(this.host.now() + e.startup, index, STEP_POD_READY + STEPS * s);
      started++;
    }
    return started;
  }

  /** Takes down up to `count` old pods, lowest-numbered first: the ready ones (`ready`), or those not ready (cleanupUnhealthyReplicas). */
  private removeOld(n: CompiledNode, base: number, count: number, most: number, ready: boolean): number {
    let removed = 0;
    for (let s = base; s < base + n.slots && removed < Math.min(count, most); s++) {
      const state = this.host.slotState(s);
      if (this.isNew[s] === 1 || state === Slot.Absent || state === Slot.Draining || (state === Slot.Serving) !== ready) continue;
      this.host.drain(n, s, true);
      removed++;
    }
    return removed;
  }

  // ---------------------------------------------------------------- flush

  /**
   * A cache loses its keys. This is the one place a flush happens: a keyless cache's
   * hit ratio falls by `share`, is held `for` s and climbs back over `warm` s (see
   * `hitScale`); a cache with keys loses `share` of its key store here.
   */
  private flush(e: CompiledEvent, index: number): void {
    const now = this.host.now();
    if (this.nodes[e.node]!.keys !== null) {
      // A keyed cache's hit ratio comes back as misses load the keys again: no warm-up ramp of its own.
      this.host.flushKeys(e.node, index, e.share, now + e.hold);
      this.ends[index] = now + e.hold;
      return;
    }
    this.flushes.add(e.node, now, e.share, e.hold, e.warm);
    this.ends[index] = now + e.hold + e.warm;
  }
}
