/**
 * A flush's `share` and `for` (the `events` timeline): a flush may lose only part of a
 * cache, and the cache may stay flushed for a while before it warms again.
 *
 * - A keyed cache loses the keys k with fmix32(k xor salt) < share × 2^32, the salt drawn
 *   from the replication's own stream for that event: the same keys for the same seed at
 *   any thread count, and about share × count of them (each key in or out with odds
 *   `share`, as the hash spreads them). For `for` s after the flush a lost key that a
 *   miss loads is not stored (the cache is still being flushed, or is back empty and
 *   refusing writes); the keys it kept go on as usual.
 * - A keyless cache's hit ratio is (1 − share) × its own for `for` s, then climbs back
 *   linearly over `warm` s.
 * - Flushes that overlap compound: a key is lost, or a hit missed, when any of them loses
 *   it, so keyless scales multiply and a keyed key stays unstored while any hold covers it.
 */
import { fmix32, streamFor } from '../random/rng';

const twoTo32 = 4294967296;

/** The salt of event `event`'s flush of `node` in one replication (the engine's seed is the model's plus the replication). */
export function flushSalt(seed: number, replication: number, node: string, event: number): number {
  return streamFor(seed, replication, node, `flush#${event}`).nextUint32();
}

/** The hash threshold of a share: a key is lost when its hash is below it (2^32 for a share of 1: every key). */
export function shareThreshold(share: number): number {
  return share >= 1 ? twoTo32 : Math.floor(share * twoTo32);
}

export function lostKey(key: number, salt: number, threshold: number): boolean {
  return fmix32((key ^ salt) >>> 0) < threshold;
}

/** A keyed cache's lasting flush: its lost keys are not stored until `until`. */
export interface KeyHold {
  until: number;
  salt: number;
  threshold: number;
}

/** Whether a load of `key` at `now` is kept out by a hold; holds that ended are dropped. */
export function heldOut(holds: KeyHold[], key: number, now: number): boolean {
  let held = false;
  for (let i = holds.length - 1; i >= 0; i--) {
    const h = holds[i]!;
    if (h.until <= now) holds.splice(i, 1);
    else if (!held && lostKey(key, h.salt, h.threshold)) held = true;
  }
  return held;
}

/** The keyless caches' flushes under way, by node: the share of their hit ratio that holds now. */
export class KeylessFlushes {
  private readonly active: { until: number; warm: number; share: number }[][];

  constructor(nodes: number) {
    this.active = Array.from({ length: nodes }, () => []);
  }

  add(node: number, now: number, share: number, hold: number, warm: number): void {
    this.active[node]!.push({ until: now + hold, warm, share });
  }

  /** (1 − share) while held, then back linearly over `warm`; overlapping flushes multiply. */
  scale(node: number, now: number): number {
    const list = this.active[node]!;
    if (list.length === 0) return 1;
    let s = 1;
    for (let i = list.length - 1; i >= 0; i--) {
      const f = list[i]!;
      const since = now - f.until;
      if (since >= f.warm) {
        list.splice(i, 1);
        continue;
      }
      s *= 1 - f.share * (since <= 0 ? 1 : 1 - since / f.warm);
    }
    return s;
  }
}
