/**
 * The scale-out verdict of a replica sweep: capacity at each replica count, the USL
 * fit and its peak, the last step that still paid (it added at least half the
 * capacity per replica that the first replica gave), and which node took over as the
 * bottleneck when scaling stopped paying.
 */
import type { Finding } from '../findings/finding';
import { renderFinding, sentenceContext } from '../findings/render';
import type { ScalingVerdict, SweepDocument, SweepPoint } from '../model/result';
import { fitUsl } from './usl';

/** A bottleneck this busy at the capacity explains the limit by itself. */
const saturatedShare = 0.9;

export function pointCapacity(p: SweepPoint): number {
  return p.capacity ? p.capacity.rate : p.result.summary.throughput;
}

/** The points a scale-out verdict is taken on: with other paths varied too, those at their first values, by replica count. */
export function scalingSlice(doc: Pick<SweepDocument, 'vary'>, path: string, points: readonly SweepPoint[]): SweepPoint[] {
  const others = doc.vary.filter((v) => v.path !== path);
  return points.filter((p) => others.every((o) => p.values[o.path] === o.values[0])).sort((a, b) => Number(a.values[path]) - Number(b.values[path]));
}

export function scalingVerdict(path: string, points: readonly SweepPoint[], confidence: number): ScalingVerdict {
  const nodeId = path.split('.')[1] ?? path;
  const sorted = [...points].sort((a, b) => Number(a.values[path]) - Number(b.values[path]));
  const replicas = sorted.map((p) => Number(p.values[path]));
  const capacity = sorted.map(pointCapacity);
  const fit = fitUsl(replicas, capacity, confidence);
  let paysOffUntil: number | null = replicas.length > 0 ? replicas[0]! : null;
  let stoppedAt = -1;
  const perReplica = replicas.length > 0 && replicas[0]! > 0 ? capacity[0]! / replicas[0]! : 0;
  for (let i = 1; i < replicas.length; i++) {
    const step = (capacity[i]! - capacity[i - 1]!) / (replicas[i]! - replicas[i - 1]!);
    if (step >= 0.5 * perReplica) paysOffUntil = replicas[i]!;
    else {
      stoppedAt = i;
      break;
    }
  }
  let finding: Finding;
  let turn: ScalingVerdict['turn'] = null;
  if (replicas.length < 2) finding = { code: 'scaling.single', node: nodeId, severity: 'info', figures: {} };
  else if (stoppedAt < 0) {
    const b = sorted[sorted.length - 1]!.result.bottleneck;
    finding = { code: 'scaling.allPay', node: nodeId, severity: 'info', figures: { last: replicas[replicas.length - 1]!, bottleneck: b?.node ?? null, utilization: b?.utilization ?? null, resource: b?.resource ?? null } };
  } else {
    const from = replicas[stoppedAt - 1]!;
    const to = replicas[stoppedAt]!;
    const growth = capacity[stoppedAt - 1]! > 0 ? capacity[stoppedAt]! / capacity[stoppedAt - 1]! - 1 : 0;
    const b = sorted[stoppedAt]!.result.bottleneck;
    const limit = sorted[stoppedAt]!.capacity?.limit;
    if (limit && limit.node !== null && limit.node !== b?.node && !(b && b.utilization >= saturatedShare)) {
      // At the capacity nothing is saturated: what limits it is what broke just above it (a contention collapse, a queue that runs away).
      turn = { from, to, growth, bottleneck: { node: limit.node, utilization: limit.utilization ?? 0, ...(limit.resource ? { resource: limit.resource } : {}) } };
      finding = { code: 'scaling.turnAbove', node: nodeId, severity: 'info', figures: { from, to, growth, bottleneck: limit.node, above: limit.rate, why: limit.why, caller: limit.caller ?? null, waitShare: limit.waitShare ?? null, utilization: b?.utilization ?? null, busiest: b?.node ?? null, resource: b?.resource ?? null } };
    } else {
      // The result's bottleneck follows sync holding, so a scaled node whose workers only wait on a saturated callee names that callee.
      turn = { from, to, growth, bottleneck: b ? { node: b.node, utilization: b.utilization, resource: b.resource, ...(b.heldUp ? { heldUp: b.heldUp } : {}) } : null };
      finding = { code: 'scaling.turn', node: nodeId, severity: 'info', figures: { from, to, growth, bottleneck: b?.node ?? null, utilization: b?.utilization ?? null, resource: b?.resource ?? null } };
    }
  }
  const costs = sorted.map((p) => p.result.cost?.perHour ?? 0);
  return {
    path,
    replicas,
    capacity,
    usl: fit ? { sigma: fit.sigma, kappa: fit.kappa, peak: fit.peak, lambda: fit.lambda, sigmaCi: fit.sigmaCi, kappaCi: fit.kappaCi } : null,
    paysOffUntil,
    explanation: renderFinding(finding, sentenceContext('en')),
    finding,
    turn,
    ...(costs.some((c) => c > 0) ? { costPerHour: costs } : {}),
  };
}
