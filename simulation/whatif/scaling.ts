/**
 * The scale-out verdict of a replica sweep: capacity at each replica count, the USL
 * fit and its peak, the last step that still paid (it added at least half the
 * capacity per replica that the first replica gave), and which node took over as the
 * bottleneck when scaling stopped paying.
 */
import { formatPercent } from '../format/units';
import type { ScalingVerdict, SweepPoint } from '../model/result';
import { reportSentences } from '../report/strings';
import { fitUsl } from './usl';

export function pointCapacity(p: SweepPoint): number {
  return p.capacity ? p.capacity.rate : p.result.summary.throughput;
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
  let explanation: string;
  let turn: ScalingVerdict['turn'] = null;
  const words = reportSentences.en;
  if (replicas.length < 2) explanation = 'one replica count only: nothing to compare';
  else if (stoppedAt < 0) {
    const last = sorted[sorted.length - 1]!.result;
    explanation = `${words.scalingAllPay(nodeId, replicas[replicas.length - 1]!)}${last.bottleneck ? `; at ${replicas[replicas.length - 1]} the bottleneck is ${last.bottleneck.node} at ${formatPercent(last.bottleneck.utilization, 0)} utilization` : ''}`;
  } else {
    const from = replicas[stoppedAt - 1]!;
    const to = replicas[stoppedAt]!;
    const growth = capacity[stoppedAt - 1]! > 0 ? capacity[stoppedAt]! / capacity[stoppedAt - 1]! - 1 : 0;
    const b = sorted[stoppedAt]!.result.bottleneck;
    // The result's bottleneck follows sync holding, so a scaled node whose workers only wait on a saturated callee names that callee.
    turn = { from, to, growth, bottleneck: b ? { node: b.node, utilization: b.utilization, resource: b.resource, ...(b.heldUp ? { heldUp: b.heldUp } : {}) } : null };
    explanation = words.scalingTurn(nodeId, from, to, formatPercent(growth, 0), b ? { node: b.node, utilization: formatPercent(b.utilization, 0) } : null);
  }
  const costs = sorted.map((p) => p.result.cost?.perHour ?? 0);
  return {
    path,
    replicas,
    capacity,
    usl: fit ? { sigma: fit.sigma, kappa: fit.kappa, peak: fit.peak, lambda: fit.lambda, sigmaCi: fit.sigmaCi, kappaCi: fit.kappaCi } : null,
    paysOffUntil,
    explanation,
    turn,
    ...(costs.some((c) => c > 0) ? { costPerHour: costs } : {}),
  };
}
