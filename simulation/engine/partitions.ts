/**
 * Partitions of a queue node (`partitions`, `partitionSkew`), as Kafka has them.
 *
 * Each message goes to one partition when the broker accepts it, by its key: uniformly,
 * or with the hottest partition (partition 0) taking (1 + skew × (P − 1)) ÷ P of the
 * messages and the others sharing the rest evenly — the meaning of a database's
 * `shardSkew`. Every subscription (queue → consumer node: one consumer group) keeps the
 * messages of each partition in order, and a consumer node has at most one message of a
 * partition in hand at a time, from hand-off until its visit at the consumer ends (Kafka
 * gives a partition to one consumer of the group, which handles its records one after
 * another). A consumer worker that is free takes the oldest first message among the
 * partitions that are not in hand, so workers beyond the partition count sit idle.
 *
 * The engine calls in here only for subscriptions of a partitioned queue
 * (`CompiledEdge.partitioned`), so a model without partitions pays one test.
 */
import type { CompiledModel, CompiledNode } from './compile';

export class Partitions {
  /** Per edge: its first partition slot, or -1 when its queue has no partitions. */
  readonly base: Int32Array;
  /** Per partition slot: the subscription (edge index) it belongs to. */
  readonly edgeOf: Int32Array;
  /** Per partition slot: its waiting messages in order, linked through the engine's `vNext`. */
  readonly head: Int32Array;
  readonly tail: Int32Array;
  /** Per partition slot: 1 while the consumer node has one of its messages in hand. */
  readonly busy: Uint8Array;
  private readonly count: Int32Array;
  /** Per visit: the partition slot of the message a consumer visit has in hand, or -1. Grown on demand. */
  private inHand = new Int32Array(0);
  /** The slot `ready` found, which `take` then takes from. */
  private chosen = -1;

  private constructor(base: Int32Array, count: Int32Array, slots: number) {
    this.base = base;
    this.count = count;
    this.edgeOf = new Int32Array(slots);
    for (let e = 0; e < base.length; e++) for (let p = 0; p < count[e]!; p++) this.edgeOf[base[e]! + p] = e;
    this.head = new Int32Array(slots).fill(-1);
    this.tail = new Int32Array(slots).fill(-1);
    this.busy = new Uint8Array(slots);
  }

  /** The partitions of a model's subscriptions, or null when no queue has any. */
  static of(model: CompiledModel): Partitions | null {
    if (!model.nodes.some((n) => n.partitions > 0)) return null;
    const base = new Int32Array(model.edges.length).fill(-1);
    const count = new Int32Array(model.edges.length);
    let slots = 0;
    for (const e of model.edges) {
      const p = model.nodes[e.from]!.partitions;
      if (p === 0) continue;
      base[e.index] = slots;
      count[e.index] = p;
      slots += p;
    }
    return new Partitions(base, count, slots);
  }

  /** The partition of a new message of `queue` for a uniform draw u in [0, 1): shards' rule. */
  static draw(queue: CompiledNode, u: number): number {
    const p = queue.partitions;
    if (p === 1) return 0;
    const hot = (1 + queue.partitionSkew * (p - 1)) / p;
    return u < hot ? 0 : Math.min(p - 1, 1 + Math.floor(((u - hot) / (1 - hot)) * (p - 1)));
  }

  /** Puts a message last in partition `partition` of subscription `edge`. */
  push(edge: number, partition: number, v: number, vNext: Int32Array): void {
    const slot = this.base[edge]! + partition;
    vNext[v] = -1;
    const t = this.tail[slot]!;
    if (t < 0) this.head[slot] = v;
    else vNext[t] = v;
    this.tail[slot] = v;
  }

  /**
   * The message of subscription `edge` a free consumer worker would take now, or -1: the
   * first of the partition not in hand whose first message arrived earliest (ties to the
   * lower number).
   */
  ready(edge: number, vArrive: Float64Array): number {
    const first = this.base[edge]!;
    const end = first + this.count[edge]!;
    let best = -1;
    for (let s = first; s < end; s++) {
      const m = this.head[s]!;
      if (m < 0 || this.busy[s] !== 0) continue;
      if (best < 0 || vArrive[m]! < vArrive[this.head[best]!]!) best = s;
    }
    this.chosen = best;
    return best < 0 ? -1 : this.head[best]!;
  }

  /** Takes the message `ready` found, and marks its partition in hand by that visit. */
  take(vNext: Int32Array): number {
    const slot = this.chosen;
    const m = this.head[slot]!;
    const after = vNext[m]!;
    this.head[slot] = after;
    if (after < 0) this.tail[slot] = -1;
    this.busy[slot] = 1;
    if (m >= this.inHand.length) {
      // Visits are numbered densely from 0, so this grows a handful of times per run.
      const grown = new Int32Array(Math.max(2 * this.inHand.length, m + 1, 64)).fill(-1);
      grown.set(this.inHand);
      this.inHand = grown;
    }
    this.inHand[m] = slot;
    return m;
  }

  /** The visit `v` ends: its partition (returned, or -1 when it held none) is free again. */
  release(v: number): number {
    if (v >= this.inHand.length) return -1;
    const slot = this.inHand[v]!;
    if (slot < 0) return -1;
    this.inHand[v] = -1;
    this.busy[slot] = 0;
    return slot;
  }
}
