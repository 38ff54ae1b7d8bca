/**
 * Shared hosts (`hosts` and a node's `host`): the CPUs of a machine that the own work of
 * several nodes competes for, first come first served — an app and its sidecar in one
 * pod, several services on one VM.
 *
 * Placement: instance k of a node (its replicas in order, a database's shards one after
 * another) runs on host copy k mod `replicas` of its host. A piece of own work first takes
 * one of its replica's own `cpus` (its node's line, as without a host), then one CPU of
 * its host copy (the host's line, one line for every node on it); it holds both while it
 * works. So a node's `cpus` still bounds its own share (counting those of its requests
 * that wait in the host's line), and the host's `cpus` bound them all together.
 *
 * This file keeps the host's state; the engine's CPU steps call into it only for nodes
 * with a host (`CompiledNode.host >= 0`), so a model without hosts pays one test.
 */
import type { CompiledModel } from './compile';

export class HostCpus {
  /** Per replica slot: its host copy (an index into `free`), or -1 when its node has no host. */
  readonly copyOf: Int32Array;
  /** Per host copy: CPUs not held. */
  readonly free: Int32Array;
  /** Per host copy: the line of visits waiting for one of its CPUs, linked through the engine's `vNext`. */
  readonly head: Int32Array;
  readonly tail: Int32Array;
  /** Per replica slot: how many of its visits wait in the host's line (they count against the node's own `cpus`). */
  readonly waiting: Int32Array;

  private constructor(copyOf: Int32Array, free: Int32Array, slots: number) {
    this.copyOf = copyOf;
    this.free = free;
    this.head = new Int32Array(free.length).fill(-1);
    this.tail = new Int32Array(free.length).fill(-1);
    this.waiting = new Int32Array(slots);
  }

  /** The hosts of a model, or null when no node is on one. */
  static of(model: CompiledModel, replicaBase: Int32Array): HostCpus | null {
    if (!model.nodes.some((n) => n.host >= 0)) return null;
    const firstCopy: number[] = [];
    let copies = 0;
    for (const h of model.hosts) {
      firstCopy.push(copies);
      copies += h.replicas;
    }
    const free = new Int32Array(copies);
    model.hosts.forEach((h, i) => free.fill(h.cpus, firstCopy[i]!, firstCopy[i]! + h.replicas));
    const slots = replicaBase[replicaBase.length - 1]!;
    const copyOf = new Int32Array(slots).fill(-1);
    for (const n of model.nodes) {
      if (n.host < 0) continue;
      const h = model.hosts[n.host]!;
      const base = replicaBase[n.index]!;
      for (let k = 0; k < n.groups * n.slots; k++) copyOf[base + k] = firstCopy[n.host]! + (k % h.replicas);
    }
    return new HostCpus(copyOf, free, slots);
  }

  /** Puts a visit last in its host copy's line. */
  push(copy: number, v: number, vNext: Int32Array): void {
    append(this.head, this.tail, copy, v, vNext);
  }

  /** Takes the first visit of a host copy's line, or -1. */
  pop(copy: number, vNext: Int32Array): number {
    return shift(this.head, this.tail, copy, vNext);
  }

  /** Puts a visit last in its replica's own CPU line (the engine's `rCpuHead`/`rCpuTail`). */
  pushReplica(r: number, v: number, vNext: Int32Array, head: Int32Array, tail: Int32Array): void {
    append(head, tail, r, v, vNext);
  }

  popReplica(r: number, vNext: Int32Array, head: Int32Array, tail: Int32Array): number {
    return shift(head, tail, r, vNext);
  }

  /** Takes the visits of replica slot `r` out of its host copy's line (the replica failed), calling `each` on them after. */
  removeReplica(r: number, vNext: Int32Array, vReplica: Int32Array, each: (v: number) => void): void {
    const copy = this.copyOf[r]!;
    let prev = -1;
    let v = this.head[copy]!;
    const removed: number[] = [];
    while (v >= 0) {
      const next = vNext[v]!;
      if (vReplica[v] === r) {
        if (prev < 0) this.head[copy] = next;
        else vNext[prev] = next;
        if (this.tail[copy] === v) this.tail[copy] = prev;
        removed.push(v);
      } else prev = v;
      v = next;
    }
    this.waiting[r] = 0;
    for (const x of removed) each(x);
  }
}

function append(head: Int32Array, tail: Int32Array, at: number, v: number, vNext: Int32Array): void {
  vNext[v] = -1;
  const t = tail[at]!;
  if (t < 0) head[at] = v;
  else vNext[t] = v;
  tail[at] = v;
}

function shift(head: Int32Array, tail: Int32Array, at: number, vNext: Int32Array): number {
  const v = head[at]!;
  if (v < 0) return -1;
  const after = vNext[v]!;
  head[at] = after;
  if (after < 0) tail[at] = -1;
  return v;
}
