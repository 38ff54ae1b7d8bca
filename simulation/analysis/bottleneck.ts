/**
 * The bottleneck of a run: the node whose own limited resource is the most saturated,
 * found along sync holding (shared/spec/cli-and-results.md, version 1.1).
 *
 * A caller's worker is held while it waits on its sync callees, so in a layered system
 * the top of every chain looks the busiest. What limits throughput is the resource whose
 * extra capacity would raise it: a node's CPUs, its workers while they do their own work
 * (a database's connections), one of its call pools, its rate limit. Time a caller's
 * workers spend waiting on a callee counts against the callee as far as it is queueing
 * behind a saturated resource there (the caller is *held up* by it), and against the
 * caller as far as it is the callee's plain latency: a caller with too few workers for
 * the latency it calls into is the limit itself (what the layered-queueing literature
 * calls a software bottleneck). The held-up callers are reported beside the bottleneck,
 * nearest first.
 */
import { NodeKind, type CompiledModel, type CompiledNode } from '../engine/compile';
import type { Finding } from '../findings/finding';
import type { Bottleneck, BottleneckResource, HeldUpNode, NodeResult } from '../model/result';

/**
 * Whether a callee is saturated, by how busy it is: not below 75%, fully from 95%. A ramp
 * rather than a threshold, so that seeds near the edge cannot flip the verdict.
 */
function saturated(busy: number): number {
  return Math.min(1, Math.max(0, (busy - 0.75) / 0.2));
}

/**
 * A resource that turns away at least this share of its node's arrivals limits throughput
 * whatever its mean utilization says: a burst above a rate limit or a full queue is
 * rejected while the mean over the whole run looks comfortable.
 */
const turnsAwayWork = 0.01;

/** A caller is reported as held up when its workers are at least this busy and at least this share of their time waits on one callee. */
const heldUpReported = 0.5;

/** The two utilizations the bottleneck reads, null for an unlimited resource (the one place this module reads them). */
function workersBusy(r: NodeResult): number | null {
  return r.workers !== null ? r.utilization : null;
}

function cpusBusy(r: NodeResult): number | null {
  return r.cpus !== null ? r.cpuUtilization : null;
}

/** How saturated a node looks to its callers: its workers held (for whatever reason) or its CPUs busy. */
function busiest(r: NodeResult): number {
  return Math.max(workersBusy(r) ?? 0, cpusBusy(r) ?? 0);
}

/**
 * The share of a node's own work time that contention added (1 − drawn ÷ stretched): the
 * part of its latency that more concurrency from its callers makes longer, which more
 * workers up the chain cannot buy back.
 */
function contentionShare(r: NodeResult): number {
  const stretch = r.contentionStretch;
  return stretch !== undefined && stretch > 1 ? 1 - 1 / stretch : 0;
}

/** The share of a node's response time that is contention stretching its own work. */
function contendedLatencyShare(r: NodeResult): number {
  if (r.responseTime <= 0) return 0;
  const held = Math.max(0, r.responseTime - r.waitTime);
  return Math.min(1, (held * (r.holding ? r.holding.own : 1) * contentionShare(r)) / r.responseTime);
}

/**
 * The share of a caller's waiting on `id` that is queueing behind a saturated resource
 * (at `id` or further down), as opposed to its latency: time waiting for its workers, its
 * CPUs and its pools when it is saturated, plus what its own callees hold it up by. Only
 * that share is the callee's doing; the rest counts against the caller's own workers (a
 * caller with too few workers for the latency it calls into is short of workers).
 */
function heldUpShare(id: string, nodes: Readonly<Record<string, NodeResult>>, memo: Map<string, number>): number {
  // Depth first with an explicit stack, callees before callers: a 10,000-hop sync chain is no deeper for the call stack than one hop.
  const pending: { id: string; expanded: boolean }[] = [{ id, expanded: false }];
  while (pending.length > 0) {
    const top = pending[pending.length - 1]!;
    const r = Object.hasOwn(nodes, top.id) ? nodes[top.id] : undefined;
    const callees = r && r.responseTime > 0 && r.holding ? Object.entries(r.holding.callees) : [];
    if (!top.expanded) {
      top.expanded = true;
      if (memo.has(top.id)) {
        pending.pop();
        continue;
      }
      memo.set(top.id, 0); // the sync graph is acyclic; this only guards against a malformed one
      for (let i = callees.length - 1; i >= 0; i--) if (!memo.has(callees[i]![0])) pending.push({ id: callees[i]![0], expanded: false });
      continue;
    }
    pending.pop();
    let share = 0;
    if (r && r.responseTime > 0) {
      const held = Math.max(0, r.responseTime - r.waitTime);
      const h = r.holding;
      const local = r.waitTime + (h ? held * (h.cpuWait + h.poolWait) : 0);
      let downstream = 0;
      for (const [callee, w] of callees) downstream += held * w * (memo.get(callee) ?? 0);
      share = Math.min(1, (saturated(busiest(r)) * local + downstream) / r.responseTime + contendedLatencyShare(r));
    }
    memo.set(top.id, share);
  }
  return memo.get(id) ?? 0;
}

interface Candidate {
  node: CompiledNode;
  resource: BottleneckResource;
  /** The resource's own utilization, which the result shows. */
  utilization: number;
  /** The part of it that is the node's own limit, which ranks the candidates. */
  score: number;
  poolTo?: string;
  /** The share of the node's arrivals this resource turned away, when that is what makes it the limit. */
  rejected?: number;
  /** Contention's mean stretch of the node's own work, when that is what makes it the limit. */
  contentionStretch?: number;
  /** With `resource: 'partitions'`: the queue, its partition count and the consumer's workers. */
  partitionsOf?: string;
  partitions?: number;
  consumers?: number;
}

export interface BottleneckInput {
  model: CompiledModel;
  nodes: Readonly<Record<string, NodeResult>>;
  latencyShare: Readonly<Record<string, number>>;
  /** Per edge: its pool's connections in use ÷ its pool's connections, or null without a pool. */
  poolUtilization: readonly (number | null)[];
  /** Per edge: calls per second (a queue's hand-offs are not among them); needed for partitions, absent in older callers. */
  edgeRate?: readonly number[];
}

/**
 * A consumer of a partitioned queue holds at most one message per partition, from hand-off
 * until its visit ends (simulation/engine/partitions.ts). When its workers over all its
 * replicas are at least the partition count, the partitions bind first: the share of them
 * in hand is, by Little's law, the subscription's message rate × the consumer's response
 * time ÷ the partitions (a consumer's several subscriptions share its arrivals evenly). Workers beyond them sit idle, so adding consumers cannot help.
 */
function partitionCandidates(n: CompiledNode, r: NodeResult, input: BottleneckInput): Candidate[] {
  const out: Candidate[] = [];
  if (!input.edgeRate) return out;
  const consumers = r.workers === null ? Infinity : r.workers * r.replicas;
  // A queue's hand-offs are not counted as edge calls: the consumer's arrivals, less those over its other edges, shared by its subscriptions.
  const into = input.model.edges.filter((e) => e.to === n.index);
  const subscriptions = into.filter((e) => input.model.nodes[e.from]!.kind === NodeKind.Queue);
  const counted = into.reduce((s, e) => s + (input.model.nodes[e.from]!.kind === NodeKind.Queue ? 0 : (input.edgeRate![e.index] ?? 0)), 0);
  const perSubscription = Math.max(0, r.arrivalRate - counted) / Math.max(1, subscriptions.length);
  for (const e of subscriptions) {
    if (!e.partitioned) continue;
    const queue = input.model.nodes[e.from]!;
    if (consumers + 1e-9 < queue.partitions) continue;
    const inHand = Math.min(1, (perSubscription * r.responseTime) / queue.partitions);
    out.push({ node: n, resource: 'partitions', utilization: inHand, score: inHand, partitionsOf: queue.id, partitions: queue.partitions, consumers: Number.isFinite(consumers) ? consumers : -1 });
  }
  return out;
}

function candidatesOf(n: CompiledNode, input: BottleneckInput, memo: Map<string, number>): Candidate[] {
  const { model, nodes, poolUtilization } = input;
  const r = nodes[n.id]!;
  // Partitions first: on a tie with the workers or CPUs they stand behind, they are the limit.
  const out: Candidate[] = partitionCandidates(n, r, input);
  const cpus = cpusBusy(r);
  // A service declares CPUs apart from its workers, and so may a database apart from its connections (fewer of them); elsewhere they are the workers under another name.
  if (cpus !== null && (n.kind === NodeKind.Service || (n.kind === NodeKind.Database && n.cpus < n.workers))) out.push({ node: n, resource: 'cpus', utilization: cpus, score: cpus });
  const workers = workersBusy(r);
  if (workers !== null) {
    // Waiting for a CPU or a pool slot is charged to those resources, which are candidates of their own.
    const h = r.holding;
    let own = h ? h.own : 1;
    if (h) for (const [callee, share] of Object.entries(h.callees)) own += share * (1 - heldUpShare(callee, nodes, memo));
    // A full queue rejects only when the workers are all busy, so rejections there count as saturation.
    const rejecting = n.queue !== Infinity && n.rateLimitRate === Infinity && r.rejected >= turnsAwayWork;
    out.push({
      node: n,
      resource: n.kind === NodeKind.Database ? 'connections' : 'workers',
      utilization: workers,
      score: (rejecting ? 1 : workers) * own,
      ...(rejecting ? { rejected: r.rejected } : {}),
    });
  }
  // Contention makes the node the limit by how much of its callers' worker time its stretched work holds: a collapse leaves its own resources half idle while the callers' workers are all held.
  const contended = contendedLatencyShare(r);
  if (contended > 0) {
    let heldByIt = 0;
    for (const caller of model.nodes) {
      const c = nodes[caller.id];
      const busy = c ? workersBusy(c) : null;
      const waiting = c?.holding && Object.hasOwn(c.holding.callees, n.id) ? c.holding.callees[n.id]! : 0;
      if (busy !== null && waiting > 0) heldByIt = Math.max(heldByIt, busy * waiting * contended);
    }
    const resource: BottleneckResource = cpus !== null && n.kind === NodeKind.Service ? 'cpus' : n.kind === NodeKind.Database ? (cpus !== null && n.cpus < n.workers ? 'cpus' : 'connections') : 'workers';
    const utilization = (resource === 'cpus' ? cpus : workers) ?? 0;
    if (heldByIt > 0) out.push({ node: n, resource, utilization, score: heldByIt, contentionStretch: r.contentionStretch! });
  }
  for (const e of model.edges) {
    const pool = poolUtilization[e.index];
    if (e.from !== n.index || pool === null || pool === undefined) continue;
    const callee = model.nodes[e.to]!.id;
    out.push({ node: n, resource: 'pool', utilization: pool, score: pool * (1 - heldUpShare(callee, nodes, memo)), poolTo: callee });
  }
  if (n.rateLimitRate !== Infinity) {
    const admitted = Math.min(1, (r.arrivalRate * (1 - r.rejected)) / n.rateLimitRate);
    const rejecting = r.rejected >= turnsAwayWork;
    out.push({ node: n, resource: 'rateLimit', utilization: admitted, score: rejecting ? 1 : admitted, ...(rejecting ? { rejected: r.rejected } : {}) });
  }
  return out;
}

/** The callers held up on the way to `bottleneck`, nearest first (then in model order). */
function heldUpCallers(bottleneck: string, input: BottleneckInput): HeldUpNode[] {
  const { model, nodes } = input;
  const chained = new Map<string, { entry: HeldUpNode; depth: number }>();
  // Each pass adds callers one step further up; the sync graph is acyclic, so nodes.length passes suffice.
  for (let pass = 0; pass < model.nodes.length; pass++) {
    let added = false;
    for (const n of model.nodes) {
      if (n.id === bottleneck || chained.has(n.id)) continue;
      const r = nodes[n.id];
      const held = r ? workersBusy(r) : null;
      if (!r || !r.holding || held === null || held < heldUpReported) continue;
      let waitingOn: string | null = null;
      let waitShare = 0;
      for (const [callee, share] of Object.entries(r.holding.callees)) {
        if (share > waitShare) {
          waitingOn = callee;
          waitShare = share;
        }
      }
      if (waitingOn === null || waitShare < heldUpReported) continue;
      const below = chained.get(waitingOn);
      if (waitingOn !== bottleneck && below === undefined) continue;
      chained.set(n.id, { entry: { node: n.id, heldShare: held, waitingOn, waitShare }, depth: below ? below.depth + 1 : 1 });
      added = true;
    }
    if (!added) break;
  }
  return [...chained.values()].sort((a, b) => a.depth - b.depth).map((c) => c.entry);
}

export interface BottleneckVerdict {
  bottleneck: Bottleneck;
  finding: Finding;
}

/** The bottleneck and its finding (the English sentence is the finding's, rendered by the caller), or null when no node has a finite capacity. */
export function findBottleneck(input: BottleneckInput, explain: (f: Finding) => string): BottleneckVerdict | null {
  let best: Candidate | null = null;
  const memo = new Map<string, number>();
  for (const n of input.model.nodes) {
    if (n.kind === NodeKind.Source || !input.nodes[n.id]) continue;
    for (const c of candidatesOf(n, input, memo)) {
      // Ties go to the resource found first: CPUs before the workers that wait for them.
      if (best === null || c.score > best.score) best = c;
    }
  }
  if (best === null) return null;
  const id = best.node.id;
  const heldUp = heldUpCallers(id, input);
  const latencyShare = input.latencyShare[id] ?? 0;
  const first = heldUp[0];
  const finding: Finding = {
    code: 'bottleneck',
    node: id,
    severity: 'info',
    figures: {
      resource: best.resource,
      utilization: best.utilization,
      latencyShare,
      poolTo: best.poolTo ?? null,
      rejected: best.rejected ?? null,
      contentionStretch: best.contentionStretch ?? null,
      // Only with a partition limit, so that every other finding reads as before.
      ...(best.partitionsOf !== undefined ? { partitionsOf: best.partitionsOf, partitions: best.partitions!, consumers: best.consumers! } : {}),
      heldNode: first?.node ?? null,
      heldShare: first?.heldShare ?? null,
      waitingOn: first?.waitingOn ?? null,
      waitShare: first?.waitShare ?? null,
      moreHeldUp: Math.max(0, heldUp.length - 1),
    },
  };
  const bottleneck: Bottleneck = {
    node: id,
    utilization: best.utilization,
    explanation: explain(finding),
    latencyShare,
    resource: best.resource,
    ...(best.poolTo !== undefined ? { poolTo: best.poolTo } : {}),
    ...(best.rejected !== undefined ? { rejected: best.rejected } : {}),
    ...(best.contentionStretch !== undefined ? { contentionStretch: best.contentionStretch } : {}),
    ...(best.partitionsOf !== undefined ? { partitionsOf: best.partitionsOf, partitions: best.partitions!, consumers: best.consumers! } : {}),
    ...(heldUp.length > 0 ? { heldUp } : {}),
  };
  return { bottleneck, finding };
}
