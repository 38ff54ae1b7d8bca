/**
 * The capacity plan: the cheapest replica counts (and, where the user allows, worker
 * counts) for chosen nodes that meet the SLO at a target load. The search is one a
 * reviewer can follow, and every step is a simulation:
 *
 * 1. Start where the operational laws say each node would run at ~80% (the instant
 *    estimate), so the search begins near the answer rather than at one replica.
 * 2. While the SLO is missed, grow the busiest planned node: one replica more, or
 *    double when it is saturated (its measured utilization cannot say by how much
 *    it is short); with workers allowed, a node whose workers are held while its
 *    CPUs idle gets 50% more workers instead, which costs nothing.
 * 3. Once the SLO holds, try taking one replica off each planned node, the most
 *    expensive first, keeping every removal that still meets the SLO.
 *
 * The plan reports each step (what changed, the verdict, p99, the bottleneck), so the
 * answer comes with its evidence.
 */
import { estimate } from '../estimate/estimate';
import { FindingError, problem } from '../findings/error';
import type { Finding } from '../findings/finding';
import { renderFinding, sentenceContext } from '../findings/render';
import { displayedUtilization } from '../measures/utilization';
import type { ResultDocument } from '../model/result';
import type { Scenario } from '../model/schema';
import { setPath } from '../model/paths';

export interface PlanOptions {
  /** Target arrival rate of the source (requests/s). */
  load: number;
  source?: string;
  nodes: string[];
  allowWorkers?: boolean;
  maxReplicas?: number;
  maxSteps?: number;
}

export interface PlanStep {
  /** The change in English (`why` is it as data, for other languages). */
  change: string;
  /** Added: the change as a finding (codes `plan.step.*` of `findings/tables/scaling.ts`). */
  why?: Finding;
  assignment: Record<string, { replicas: number; workers: number | null }>;
  sloMet: boolean;
  /** Why the SLO is not met at this step, e.g. a queue that grows without bound (empty when met). */
  sloReasons: ResultDocument['summary']['sloReasons'];
  p99: number;
  costPerHour: number | null;
  bottleneck: string | null;
}

export interface CapacityPlan {
  format: 'headroom/plan';
  version: 1;
  scenario: string;
  source: string;
  load: number;
  found: boolean;
  assignment: Record<string, { replicas: number; workers: number | null }>;
  costPerHour: number | null;
  currency: string;
  result: ResultDocument;
  steps: PlanStep[];
  /** The plan in English with ids, followed by the bottleneck of its result (rendered from `finding` and the result's findings). */
  explanation: string;
  /** The plan as data (`plan.found` or `plan.notFound`, `findings/tables/scaling.ts`). */
  finding: Finding;
}

type Assignment = Record<string, { replicas: number; workers: number | null }>;

function apply(base: Scenario, a: Assignment): Scenario {
  let s = base;
  for (const [id, v] of Object.entries(a)) {
    s = setPath(s, `nodes.${id}.replicas`, v.replicas);
    if (v.workers !== null) s = setPath(s, `nodes.${id}.workers`, v.workers);
  }
  return s;
}

/** Whether node `id` at `replicas` has at least as many workers as some partitioned queue it consumes has partitions. */
function coversPartitions(s: Scenario, id: string, replicas: number): boolean {
  const n = s.nodes.find((x) => x.id === id);
  const workers = n && 'workers' in n && n.workers !== undefined ? n.workers : Infinity;
  return s.edges.some((e) => {
    if (e.to !== id) return false;
    const q = s.nodes.find((x) => x.id === e.from);
    return q !== undefined && q.kind === 'queue' && q.partitions !== undefined && q.partitions > 0 && workers * replicas >= q.partitions;
  });
}

function cloneAssignment(a: Assignment): Assignment {
  return Object.fromEntries(Object.entries(a).map(([id, v]) => [id, { ...v }]));
}

export async function capacityPlan(base: Scenario, o: PlanOptions, simulate: (s: Scenario) => Promise<ResultDocument>): Promise<CapacityPlan> {
  const sources = base.nodes.filter((n) => n.kind === 'source' && n.arrival.process !== 'closed');
  const sourceId = o.source ?? base.whatIf?.load?.source ?? (sources.length === 1 ? sources[0]!.id : undefined);
  if (!sourceId) throw new FindingError(problem('planWhichSource'));
  const source = base.nodes.find((n) => n.id === sourceId);
  if (!source || source.kind !== 'source' || source.arrival.process === 'closed') throw new FindingError(problem('planNotOpenSource', { source: sourceId }));
  if (o.nodes.length === 0) throw new FindingError(problem('planNoNodes'));
  const maxReplicas = o.maxReplicas ?? 64;
  const loaded = setPath(base, `nodes.${sourceId}.arrival.rate`, o.load);
  const byId = new Map(loaded.nodes.map((n) => [n.id, n]));
  for (const id of o.nodes) {
    const n = byId.get(id);
    if (!n) throw new FindingError(problem('planNoSuchNode', { id }));
    if (n.kind === 'source' || n.kind === 'queue') throw new FindingError({ ...problem('planNotSizable', { kind: n.kind }), node: id });
  }
  const workersOf = (id: string) => {
    const n = byId.get(id)!;
    return 'workers' in n && n.workers !== undefined ? n.workers : null;
  };

  const est = estimate(loaded);
  let assignment: Assignment = {};
  for (const id of o.nodes) {
    const n = byId.get(id)!;
    const current = 'replicas' in n && n.replicas !== undefined ? n.replicas : 1;
    const u = est.nodes[id]?.utilization ?? null;
    // A consumer whose workers already cover its queue's partitions gains nothing from more replicas: they would sit idle.
    const start = u === null || coversPartitions(loaded, id, current) ? current : Math.max(1, Math.ceil((current * u) / 0.8));
    assignment[id] = { replicas: Math.min(maxReplicas, start), workers: workersOf(id) };
  }

  const steps: PlanStep[] = [];
  const costOf = (r: ResultDocument) => r.cost?.perHour ?? null;
  const english = sentenceContext('en');
  const evaluate = async (a: Assignment, why: Finding) => {
    const result = await simulate(apply(loaded, a));
    steps.push({ change: renderFinding(why, english), why, assignment: cloneAssignment(a), sloMet: result.summary.sloMet, sloReasons: result.summary.sloReasons ?? [], p99: result.summary.latency.p99, costPerHour: costOf(result), bottleneck: result.bottleneck?.node ?? null });
    return result;
  };

  const maxSteps = o.maxSteps ?? 40;
  let result = await evaluate(assignment, { code: 'plan.step.start', severity: 'info', figures: { assignment: JSON.stringify(assignment) } });
  // A consumer held back by its queue's partitions: its replicas beyond them sit idle, and no replica count of any node raises that limit.
  let partitionsLimit: Finding | null = null;
  while (!result.summary.sloMet && steps.length < maxSteps) {
    let busiest: string | null = null;
    let busiestU = -1;
    // The bottleneck follows sync holding: a planned node whose workers only wait on it would gain nothing from more replicas.
    const b = result.bottleneck;
    if (b && b.resource === 'partitions' && b.partitionsOf !== undefined) {
      partitionsLimit = { code: 'plan.partitionsLimit', severity: 'warning', node: b.node, figures: { load: o.load, queue: b.partitionsOf, partitions: b.partitions ?? 0 } };
      break;
    }
    if (b && o.nodes.includes(b.node) && assignment[b.node]!.replicas < maxReplicas) {
      busiest = b.node;
      busiestU = b.utilization;
    }
    for (const id of busiest === null ? o.nodes : []) {
      const n = result.nodes[id];
      if (!n) continue;
      // A node with nothing limited (share null) is the last one to grow: more replicas of it buy nothing.
      const u = displayedUtilization(n).share ?? 0;
      if (u > busiestU && assignment[id]!.replicas < maxReplicas) {
        busiest = id;
        busiestU = u;
      }
    }
    if (busiest === null) break;
    const n = result.nodes[busiest]!;
    const next = cloneAssignment(assignment);
    let change: Finding;
    if (o.allowWorkers && next[busiest]!.workers !== null && n.utilization !== null && n.cpuUtilization !== null && n.utilization > 0.9 && n.cpuUtilization < 0.6) {
      next[busiest]!.workers = Math.ceil(next[busiest]!.workers! * 1.5);
      change = { code: 'plan.step.workers', severity: 'info', node: busiest, figures: { held: n.utilization, cpu: n.cpuUtilization, workers: next[busiest]!.workers! } };
    } else {
      const saturated = busiestU > 0.97;
      next[busiest]!.replicas = Math.min(maxReplicas, saturated ? next[busiest]!.replicas * 2 : next[busiest]!.replicas + 1);
      change = { code: 'plan.step.replicas', severity: 'info', node: busiest, figures: { bottleneck: busiest === b?.node, utilization: JSON.stringify(displayedUtilization(n)), replicas: next[busiest]!.replicas } };
    }
    assignment = next;
    result = await evaluate(assignment, change);
  }
  const found = result.summary.sloMet;
  if (found) {
    const costOrder = [...o.nodes].sort((x, y) => (byId.get(y)!.cost ?? 0) - (byId.get(x)!.cost ?? 0));
    for (const id of costOrder) {
      while (assignment[id]!.replicas > 1 && steps.length < maxSteps * 2) {
        const trial = cloneAssignment(assignment);
        trial[id]!.replicas -= 1;
        const r = await evaluate(trial, { code: 'plan.step.fewer', severity: 'info', node: id, figures: { replicas: trial[id]!.replicas } });
        if (!r.summary.sloMet) break;
        assignment = trial;
        result = r;
      }
    }
  }
  const currency = base.cost?.currency ?? 'USD';
  const cost = costOf(result);
  const finding: Finding = found
    ? { code: 'plan.found', severity: 'info', figures: { load: o.load, assignment: JSON.stringify(assignment), p99: result.summary.latency.p99, perHour: cost, currency } }
    : (partitionsLimit ?? { code: 'plan.notFound', severity: 'warning', figures: { load: o.load, maxReplicas } });
  const explanation = `${renderFinding(finding, sentenceContext('en'))}${result.bottleneck ? `; ${result.bottleneck.explanation}` : ''}`;
  return { format: 'headroom/plan', version: 1, scenario: base.name, source: sourceId, load: o.load, found, assignment, costPerHour: cost, currency, result, steps, explanation, finding };
}
