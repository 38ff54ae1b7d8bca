/**
 * Turns the replications' tallies into the result document: each figure is computed
 * per replication and then averaged, with Student-t intervals across replications,
 * exactly as shared/spec/cli-and-results.md defines them. Tallies are always taken
 * in replication order, so the output does not depend on which thread finished first.
 */
import type { CompiledModel, CompiledNode } from '../engine/compile';
import { kindNamed } from '../model/kinds';
import { eventMarks } from './eventMarks';
import type { LatencySummary, NodeHolding, NodeResult, ResultDocument, SloCheck, TimeSeries } from '../model/result';
import { findBottleneck } from './bottleneck';
import type { Scenario } from '../model/schema';
import { LogHistogram } from '../stats/histogram';
import type { Finding } from '../findings/finding';
import { renderFinding, sentenceContext } from '../findings/render';
import { displayedUtilization } from '../measures/utilization';
import { meanInterval, mean } from '../stats/studentT';
import { judgeSlo } from './verdict';
import { completionChecks, completionResults } from './completion';
import { hostResults } from './hosts';
import type { ReplicationTally } from '../stats/tally';

function ratio(a: number, b: number): number {
  return b > 0 ? a / b : 0;
}

function latencySummary(h: LogHistogram): LatencySummary {
  return {
    mean: h.mean(),
    p50: h.quantile(0.5),
    p90: h.quantile(0.9),
    p95: h.quantile(0.95),
    p99: h.quantile(0.99),
    p999: h.quantile(0.999),
    max: h.total > 0 ? h.max : 0,
  };
}

function meanSummary(list: readonly LatencySummary[]): LatencySummary {
  const pick = (k: keyof LatencySummary) => mean(list.map((s) => s[k]));
  return { mean: pick('mean'), p50: pick('p50'), p90: pick('p90'), p95: pick('p95'), p99: pick('p99'), p999: pick('p999'), max: pick('max') };
}

/** One replication's end-to-end figures: the per-replication values every mean and interval is made of. */
export function endToEnd(t: ReplicationTally) {
  const d = t.measured;
  const all = new LogHistogram(10);
  let created = 0;
  let ended = 0;
  let ok = 0;
  let rejected = 0;
  let timedOut = 0;
  let failed = 0;
  const classHists = t.classes.map((c) => LogHistogram.decode(c.latency));
  for (let k = 0; k < t.classes.length; k++) {
    const c = t.classes[k]!;
    all.add(classHists[k]!);
    created += c.created;
    ended += c.ended;
    ok += c.ok;
    rejected += c.rejected;
    timedOut += c.timedOut;
    failed += c.failed;
  }
  return {
    d,
    offered: ratio(created, d),
    throughput: ratio(ok, d),
    latency: latencySummary(all),
    latencySum: all.sum,
    errorRate: ratio(rejected + timedOut + failed, ended),
    rejected: ratio(rejected, ended),
    timedOut: ratio(timedOut, ended),
    failed: ratio(failed, ended),
    classes: t.classes.map((c, k) => ({
      throughput: ratio(c.ok, d),
      latency: latencySummary(classHists[k]!),
      errorRate: ratio(c.rejected + c.timedOut + c.failed, c.ended),
    })),
  };
}

/** One replication's figures for one node, as the result document defines them. */
export function nodeFigures(n: CompiledNode, t: ReplicationTally) {
  const x = t.nodes[n.index]!;
  const d = t.measured;
  return {
    replicas: ratio(x.replicasArea, d),
    throughput: ratio(x.completions, d),
    // A share of an unlimited resource does not exist (spec 1.1): the mean in the node is `inFlight`.
    utilization: n.workers !== Infinity ? ratio(x.busyWorkersArea, x.workerCapacityArea) : null,
    cpuUtilization: n.cpus !== Infinity && !kindNamed(n.kindName).broker ? ratio(x.busyCpusArea, x.cpuCapacityArea) : null,
    inFlight: ratio(x.inFlightArea, d),
    queueLength: ratio(x.waitingArea, d),
    waitTime: ratio(x.waitSum, x.waitCount),
    responseTime: ratio(x.responseSum, x.responseCount),
    rejected: ratio(x.rejected, x.arrivals),
    failed: ratio(x.failed, x.arrivals),
    arrivalRate: ratio(x.arrivals, d),
    cpuWaitTime: ratio(x.cpuWaitSum, x.cpuWaitCount),
    hitRatio: ratio(x.hits, x.lookups),
  };
}

/**
 * Where the node's held workers' time went, as shares of it: each replication's shares
 * (of its own held time), then their mean over the replications that held a worker.
 */
function nodeHolding(model: CompiledModel, n: CompiledNode, reps: readonly ReplicationTally[]): NodeHolding | undefined {
  if (!kindNamed(n.kindName).replicated) return undefined;
  const calls = model.edges.filter((e) => e.from === n.index && e.sync);
  const held = reps.filter((t) => t.nodes[n.index]!.busyWorkersArea > 0);
  if (held.length === 0) return undefined;
  const share = (area: (t: ReplicationTally) => number) => mean(held.map((t) => area(t) / t.nodes[n.index]!.busyWorkersArea));
  const callees: Record<string, number> = {};
  for (const e of calls) {
    const id = model.nodes[e.to]!.id;
    callees[id] = (callees[id] ?? 0) + share((t) => t.heldCallArea[e.index] ?? 0);
  }
  return {
    own: share((t) => t.nodes[n.index]!.busyCpusArea),
    cpuWait: share((t) => t.nodes[n.index]!.heldCpuWaitArea),
    poolWait: share((t) => t.nodes[n.index]!.heldPoolWaitArea),
    callees,
  };
}

/** Per edge: its pool's connections in use ÷ its connections (the pool per caller replica times the caller's replicas), null without a pool. */
function poolUtilization(model: CompiledModel, reps: readonly ReplicationTally[]): (number | null)[] {
  return model.edges.map((e) => {
    if (e.pool === Infinity) return null;
    // A caller has one pool per replica of each of its groups (a sharded database: per shard), and its replica count is per group.
    const pools = e.pool * model.nodes[e.from]!.groups;
    return mean(reps.map((t) => ratio(t.poolInUseArea[e.index] ?? 0, pools * t.nodes[e.from]!.replicasArea)));
  });
}

export interface AggregateStats {
  wallSeconds: number;
}

export function aggregate(scenario: Scenario, model: CompiledModel, tallies: readonly ReplicationTally[], stats: AggregateStats): ResultDocument {
  const reps = [...tallies].sort((a, b) => a.replication - b.replication);
  const confidence = model.confidence;
  const ci = (values: number[]): [number, number] => {
    const m = meanInterval(values, confidence);
    return [m.low, m.high];
  };

  const perRep = reps.map(endToEnd);

  const latency = meanSummary(perRep.map((r) => r.latency));
  const summary: ResultDocument['summary'] = {
    offered: mean(perRep.map((r) => r.offered)),
    throughput: mean(perRep.map((r) => r.throughput)),
    throughputCi: ci(perRep.map((r) => r.throughput)),
    latency,
    latencyCi: {
      mean: ci(perRep.map((r) => r.latency.mean)),
      p50: ci(perRep.map((r) => r.latency.p50)),
      p95: ci(perRep.map((r) => r.latency.p95)),
      p99: ci(perRep.map((r) => r.latency.p99)),
    },
    errorRate: mean(perRep.map((r) => r.errorRate)),
    errorRateCi: ci(perRep.map((r) => r.errorRate)),
    errors: {
      rejected: mean(perRep.map((r) => r.rejected)),
      timedOut: mean(perRep.map((r) => r.timedOut)),
      failed: mean(perRep.map((r) => r.failed)),
    },
    sloMet: true,
    slo: {},
    sloVerdict: 'none',
    sloReasons: [],
  };

  const slo = scenario.slo ?? {};
  const checks: Record<string, SloCheck> = {};
  // An empty latency histogram reads as 0 s: with nothing completed no latency bound can be met.
  const completed = summary.throughput > 0;
  for (const key of ['mean', 'p50', 'p95', 'p99'] as const) {
    const bound = slo[key];
    if (bound !== undefined) checks[key] = completed ? { bound, actual: latency[key], met: latency[key] <= bound } : { bound, actual: latency[key], met: false, unmeasured: true };
  }
  const completion = completionResults(model, reps);
  if (completion) summary.completion = completion.summary;
  completionChecks(slo, summary, checks);
  if (slo.errorRate !== undefined) checks.errorRate = { bound: slo.errorRate, actual: summary.errorRate, met: summary.errorRate <= slo.errorRate };
  if (slo.throughput !== undefined) checks.throughput = { bound: slo.throughput, actual: summary.throughput, met: summary.throughput >= slo.throughput };
  summary.slo = checks;

  const classes: ResultDocument['classes'] = {};
  model.classIds.forEach((id, k) => {
    classes[id] = {
      throughput: mean(perRep.map((r) => r.classes[k]!.throughput)),
      latency: meanSummary(perRep.map((r) => r.classes[k]!.latency)),
      errorRate: mean(perRep.map((r) => r.classes[k]!.errorRate)),
      ...(completion ? { completion: completion.classes[k]! } : {}),
    };
  });

  const nodes: Record<string, NodeResult> = {};
  const latencyShare: Record<string, number> = {};
  const totalLatency = perRep.reduce((s, r) => s + r.latencySum, 0);
  for (const n of model.nodes) {
    const kind = kindNamed(n.kindName);
    if (kind.source) continue;
    const finiteWorkers = n.workers !== Infinity;
    const finiteCpus = n.cpus !== Infinity;
    const per = reps.map((t) => nodeFigures(n, t));
    const avg = (k: Exclude<keyof (typeof per)[number], 'utilization' | 'cpuUtilization'>) => mean(per.map((p) => p[k]));
    // Whether a resource is limited is fixed by the model, so a figure is null in every replication or in none.
    const shares = (k: 'utilization' | 'cpuUtilization') => (per.every((p) => p[k] !== null) ? per.map((p) => p[k]!) : null);
    const utilization = shares('utilization');
    const cpuUtilization = shares('cpuUtilization');
    const result: NodeResult = {
      kind: kind.kind,
      replicas: kind.replicated ? avg('replicas') : 1,
      throughput: avg('throughput'),
      utilization: utilization && mean(utilization),
      cpuUtilization: cpuUtilization && mean(cpuUtilization),
      inFlight: avg('inFlight'),
      queueLength: avg('queueLength'),
      waitTime: avg('waitTime'),
      responseTime: avg('responseTime'),
      rejected: avg('rejected'),
      arrivalRate: avg('arrivalRate'),
      failed: avg('failed'),
      utilizationCi: utilization && ci(utilization),
      workers: finiteWorkers ? n.workers : null,
      cpus: finiteCpus ? n.cpus : null,
    };
    Object.assign(result, kind.resultExtras(n, avg));
    if (n.contended) result.contentionStretch = mean(reps.map((t) => (t.nodes[n.index]!.ownDrawn > 0 ? t.nodes[n.index]!.ownStretched / t.nodes[n.index]!.ownDrawn : 1)));
    const holding = nodeHolding(model, n, reps);
    if (holding) result.holding = holding;
    nodes[n.id] = result;
    const exclusive = reps.reduce((s, t) => s + t.nodes[n.index]!.exclusiveTime, 0);
    latencyShare[n.id] = Math.min(1, ratio(exclusive, totalLatency));
  }

  backlogChecks(slo.maxBacklog, nodes, checks);

  // Stability: growth of the waiting lines over the window, in any replication.
  const pools = poolUtilization(model, reps);
  const findings: Finding[] = [];
  const stopped = reps.filter((t) => t.stoppedEarly !== null);
  const looped = reps.filter((t) => t.zeroTimeLoop);
  const overloaded = stopped.filter((t) => !t.zeroTimeLoop);
  if (looped.length > 0) findings.push(zeroTimeLoopFinding(reps, looped));
  if (overloaded.length > 0) findings.push(...earlyStopFindings(reps, overloaded, summary, nodes));
  const unstable = unstableGrowth(model, reps);
  for (const [id, growth] of unstable) findings.push(unstableFinding(id, growth, nodes[id], pools, model));
  const stable = unstable.size === 0 && stopped.length === 0;
  const judgement = judgeSlo({ checks, unstableNodes: [...unstable.keys()], stoppedEarly: overloaded.length > 0, zeroTimeLoop: looped[0]?.zeroTimeLoop?.node ?? null, throughput: summary.throughput });
  summary.sloMet = judgement.sloMet;
  summary.sloVerdict = judgement.sloVerdict;
  summary.sloReasons = judgement.sloReasons;
  findings.push(...judgement.findings);
  // Where requests are turned away, in so many words: the utilization-based bottleneck
  // does not point at a rate limit or a full queue.
  for (const n of model.nodes) {
    const r = nodes[n.id];
    if (!r || r.rejected < 0.01) continue;
    // CoDel's drops (shed by waiting time) are rejections too; a rate limit with it is still named as the rate limit.
    const waited = n.codelInterval > 0 ? (n.queue !== Infinity ? 'queueOrWaitingTime' : 'waitingTime') : 'queueLimit';
    const cause = n.rateLimitRate !== Infinity ? (n.queue !== Infinity ? 'rateLimitOrQueue' : 'rateLimit') : kindNamed(n.kindName).broker ? 'brokerCapacity' : waited;
    const figures: Finding['figures'] = { share: r.rejected, cause, limit: n.rateLimitRate === Infinity ? null : n.rateLimitRate };
    if (n.codelInterval > 0) figures.target = n.codelTarget;
    findings.push({ code: 'rejects', node: n.id, severity: 'warning', figures });
  }
  const english = sentenceContext('en');
  const warnings = findings.filter((f) => f.severity === 'warning').map((f) => renderFinding(f, english));

  const edgeRate = model.edges.map((e) => mean(reps.map((t) => ratio(t.edgeCalls[e.index] ?? 0, t.measured))));
  const verdict = findBottleneck({ model, nodes, latencyShare, poolUtilization: pools, edgeRate }, (f) => renderFinding(f, english));
  const bottleneck = verdict?.bottleneck ?? null;
  if (verdict) findings.push(verdict.finding);

  let perHour = 0;
  for (const n of model.nodes) {
    if (kindNamed(n.kindName).source || n.costPerReplica === 0) continue;
    perHour += n.costPerReplica * nodes[n.id]!.replicas * n.groups;
  }
  const cost =
    scenario.cost || perHour > 0
      ? {
          currency: scenario.cost?.currency ?? 'USD',
          perHour,
          perMillionRequests: summary.throughput > 0 ? (perHour / (summary.throughput * 3600)) * 1e6 : null,
        }
      : null;

  const series = timeSeries(model, reps);
  const hosts = hostResults(model, reps, ci);
  return {
    format: 'headroom/result',
    version: 1,
    scenario: scenario.name,
    run: { duration: model.duration, warmup: model.warmup, replications: model.replications, seed: model.seed, confidence },
    summary,
    classes,
    nodes,
    ...(hosts ? { hosts } : {}),
    bottleneck,
    stable,
    warnings,
    findings,
    cost,
    edges: model.edges.map((e) => ({
      from: model.nodes[e.from]!.id,
      to: model.nodes[e.to]!.id,
      rate: edgeRate[e.index]!,
      ...(pools[e.index] !== null ? { poolUtilization: pools[e.index]! } : {}),
    })),
    timeSeries: series,
    ...(model.events.length > 0 ? { events: eventMarks(model, reps, series) } : {}),
    latencyHistogram: latencyDistribution(reps),
    stats: {
      requests: reps.reduce((s, t) => s + t.classes.reduce((c, k) => c + k.created, 0), 0),
      events: reps.reduce((s, t) => s + t.events, 0),
      wallSeconds: stats.wallSeconds,
      eventsPerSecond: stats.wallSeconds > 0 ? reps.reduce((s, t) => s + t.events, 0) / stats.wallSeconds : 0,
    },
    ...(stopped.length > 0
      ? {
          earlyStop: {
            replications: stopped.map((t) => t.replication),
            measured: mean(reps.map((t) => t.measured)),
            measuredFrom: Math.min(...reps.map((t) => t.measuredFrom)),
            warmupCutShort: reps.some((t) => t.warmupCutShort),
          },
        }
      : {}),
  };
}

/**
 * `slo.maxBacklog`: one bound for every broker (checked against the largest mean
 * backlog, naming its queue) or a bound per queue (`maxBacklog.<id>`).
 */
function backlogChecks(bound: NonNullable<Scenario['slo']>['maxBacklog'], nodes: Record<string, NodeResult>, checks: Record<string, SloCheck>): void {
  if (bound === undefined) return;
  const queues = Object.entries(nodes).filter(([, n]) => kindNamed(n.kind).broker);
  if (typeof bound === 'number') {
    let worst: [string, number] | null = null;
    for (const [id, n] of queues) if (worst === null || (n.backlog ?? 0) > worst[1]) worst = [id, n.backlog ?? 0];
    if (worst) checks.maxBacklog = { bound, actual: worst[1], met: worst[1] <= bound, node: worst[0] };
    return;
  }
  for (const [id, limit] of Object.entries(bound)) {
    const actual = nodes[id]?.backlog ?? 0;
    checks[`maxBacklog.${id}`] = { bound: limit, actual, met: actual <= limit, node: id };
  }
}

/** A node's waiting line that grew: for a worker (a broker: its backlog), for a CPU, or for a slot of one of its call pools. */
interface Growth {
  /** Mean growth per second of measured time, over the replications: of this line, or (in unstableGrowth's answer) of all the node's lines together. */
  rate: number;
  line: 'workers' | 'cpus' | 'pool';
  /** With `line: 'pool'`, the edge whose pool it is. */
  edge: number | null;
}

/**
 * Nodes whose waiting grew without bound, with the line that grew most. "Waiting" is the
 * spec's rule (more than 100 and more than 2% of the node's arrivals in some replication)
 * applied to everything a request at the node waits for: a worker, a CPU (an asyncio server
 * with unlimited workers queues there) and a connection of a call pool (a cache's miss
 * queues there without holding a worker). Counting only the worker line called an
 * overloaded CPU or pool "stable".
 */
function unstableGrowth(model: CompiledModel, reps: readonly ReplicationTally[]): Map<string, Growth> {
  const out = new Map<string, Growth>();
  for (const n of model.nodes) {
    const pools = model.edges.filter((e) => e.from === n.index && e.pool !== Infinity);
    const lines: Growth[] = [
      { rate: 0, line: 'workers', edge: null },
      { rate: 0, line: 'cpus', edge: null },
      ...pools.map((e): Growth => ({ rate: 0, line: 'pool', edge: e.index })),
    ];
    let unstable = false;
    for (const t of reps) {
      const x = t.nodes[n.index]!;
      const grew = [
        x.waitingAtEnd - x.waitingAtStart,
        x.cpuWaitingAtEnd - x.cpuWaitingAtStart,
        ...pools.map((e) => (t.poolWaitingAtEnd[e.index] ?? 0) - (t.poolWaitingAtStart[e.index] ?? 0)),
      ];
      const growth = grew.reduce((a, b) => a + b, 0);
      if (growth > 100 && growth > 0.02 * x.arrivals) unstable = true;
      grew.forEach((g, i) => (lines[i]!.rate += ratio(g, t.measured) / reps.length));
    }
    if (!unstable) continue;
    const total = lines.reduce((a, l) => a + l.rate, 0);
    const most = lines.reduce((a, l) => (l.rate > a.rate ? l : a));
    out.set(n.id, { ...most, rate: total });
  }
  return out;
}

/** Where an unstable node's line grew, with the share of the resource it waits for. */
function unstableFinding(id: string, growth: Growth, r: NodeResult | undefined, pools: readonly (number | null)[], model: CompiledModel): Finding {
  const backlog = r !== undefined && kindNamed(r.kind).broker;
  let resource: string | null = null;
  let share: number | null = null;
  let poolTo: string | null = null;
  if (growth.line === 'pool' && growth.edge !== null) {
    resource = 'pool';
    share = pools[growth.edge] ?? null;
    poolTo = model.nodes[model.edges[growth.edge]!.to]!.id;
  } else if (growth.line === 'cpus' && r && r.cpuUtilization !== null) {
    resource = 'cpus';
    share = r.cpuUtilization;
  } else if (r) {
    const u = displayedUtilization(r);
    resource = u.resource;
    share = u.share;
  }
  return { code: 'unstable', node: id, severity: 'warning', figures: { backlog, growth: growth.rate, resource, share, poolTo } };
}

/** A run whose clock stood still: which node the loop of zero-time steps runs through, and when. */
function zeroTimeLoopFinding(reps: readonly ReplicationTally[], looped: readonly ReplicationTally[]): Finding {
  const first = looped[0]!.zeroTimeLoop!;
  return { code: 'zeroTimeLoop', node: first.node, severity: 'warning', figures: { stopped: looped.length, replications: reps.length, at: first.at, events: first.events } };
}

/**
 * An early stop, said first and in numbers: when and why it stopped, what the figures
 * cover, and how far the offered load exceeds what the system served before the stop.
 */
function earlyStopFindings(
  reps: readonly ReplicationTally[],
  stopped: readonly ReplicationTally[],
  summary: ResultDocument['summary'],
  nodes: Record<string, NodeResult>,
): Finding[] {
  const first = stopped[0]!.earlyStop;
  const findings: Finding[] = [
    {
      code: 'stoppedEarly',
      ...(first ? { node: first.node } : {}),
      severity: 'warning',
      figures: {
        stopped: stopped.length,
        replications: reps.length,
        at: mean(stopped.map((t) => t.earlyStop?.at ?? t.measuredFrom + t.measured)),
        limit: first?.limit ?? 0,
        waiting: first?.waiting ?? 0,
        measured: mean(reps.map((t) => t.measured)),
        warmupCutShort: reps.some((t) => t.warmupCutShort),
      },
    },
  ];
  // How far the load exceeds what the most congested node can serve, from what it received and completed.
  const congested = first ? nodes[first.node] : undefined;
  if (first && congested && congested.throughput > 0 && congested.arrivalRate > congested.throughput) {
    findings.push({
      code: 'overload',
      node: first.node,
      severity: 'warning',
      figures: { offered: summary.offered, arrivals: congested.arrivalRate, served: congested.throughput, factor: congested.arrivalRate / congested.throughput },
    });
  }
  return findings;
}

function timeSeries(model: CompiledModel, reps: readonly ReplicationTally[]): TimeSeries {
  const first = reps[0]!.series;
  const interval = first.interval;
  const buckets = first.ok.length;
  const over = (f: (t: ReplicationTally, b: number) => number) => Array.from({ length: buckets }, (_, b) => mean(reps.map((t) => f(t, b))));
  const nodes: TimeSeries['nodes'] = {};
  for (const n of model.nodes) {
    if (kindNamed(n.kindName).source) continue;
    nodes[n.id] = {
      queueLength: over((t, b) => t.series.nodes[n.index]!.waitingArea[b]! / interval),
      utilization: n.workers !== Infinity ? over((t, b) => ratio(t.series.nodes[n.index]!.busyArea[b]!, t.series.nodes[n.index]!.capacityArea[b]!)) : null,
      replicas: over((t, b) => t.series.nodes[n.index]!.replicasArea[b]! / interval),
    };
  }
  return {
    interval,
    start: Array.from({ length: buckets }, (_, b) => b * interval),
    throughput: over((t, b) => t.series.ok[b]! / interval),
    errorRate: over((t, b) => ratio(t.series.errors[b]!, t.series.ended[b]!)),
    p99: over((t, b) => t.series.p99[b]!),
    nodes,
  };
}

/** Latency shares in coarse log buckets (1/16 octave), for the distribution chart. */
function latencyDistribution(reps: readonly ReplicationTally[]): ResultDocument['latencyHistogram'] {
  const coarse = new LogHistogram(4);
  for (const t of reps) {
    for (const c of t.classes) {
      const e = c.latency;
      const fine = LogHistogram.decode(e);
      for (let k = 0; k < e.index.length; k++) coarse.counts[coarse.bucketOf(fine.lowerBound(e.index[k]!))]! += e.count[k]!;
      coarse.total += e.total;
      if (e.total > 0) coarse.max = Math.max(coarse.max, e.max ?? -Infinity);
    }
  }
  const lower: number[] = [];
  const upper: number[] = [];
  const share: number[] = [];
  if (coarse.total === 0) return { lower, upper, share };
  let firstIndex = -1;
  let lastIndex = -1;
  coarse.counts.forEach((c, i) => {
    if (c > 0) {
      if (firstIndex < 0) firstIndex = i;
      lastIndex = i;
    }
  });
  for (let i = firstIndex; i <= lastIndex; i++) {
    lower.push(coarse.lowerBound(i));
    upper.push(Math.min(coarse.upperBound(i), coarse.max));
    share.push(coarse.counts[i]! / coarse.total);
  }
  return { lower, upper, share };
}
