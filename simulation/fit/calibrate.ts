/**
 * `fit --calibrate NODE…`: scale the named nodes' own work (a service's `work`, the
 * others' `latency`) by one factor until the simulated mean latency matches the
 * measured one, over the measured classes weighted by their requests.
 *
 * The method: the first step assumes the latency not spent at the named nodes stays
 * put, L(f) = A + B·f/f₀ with B the time requests spend in or waiting at those nodes
 * (their exclusive time per answered request), so f₁ = f₀·(1 + (L* − L₀)/B); from then
 * on the secant through the last two runs, since queueing makes L grow faster than
 * linearly. Each step is bounded to a third or three times the factor before it, and
 * the factor to [0.05, 20]. It stops when the difference is under 1% or inside the
 * mean's own interval, or after {@link maxRuns} runs. With several nodes they share the
 * factor: one measured mean cannot tell them apart.
 */
import type { CompiledModel } from '../engine/compile';
import type { Dist, DistSpec, Scenario } from '../model/schema';
import type { ReplicationTally } from '../stats/tally';
import { problem } from '../findings/error';
import { FitInputError } from './replay';

export const maxRuns = 8;
const bounds: [number, number] = [0.05, 20];

function scaleDist(d: Dist, f: number): Dist {
  switch (d.dist) {
    case 'constant':
      return { ...d, value: d.value * f };
    case 'uniform':
      return { ...d, min: d.min * f, max: d.max * f };
    case 'empirical':
      return { ...d, samples: d.samples.map((x) => x * f) };
    default:
      return { ...d, mean: d.mean * f };
  }
}

export function scaleSpec(spec: DistSpec, f: number): DistSpec {
  if ('byClass' in spec) {
    return { byClass: Object.fromEntries(Object.entries(spec.byClass).map(([k, d]) => [k, scaleDist(d, f)])), ...(spec.default ? { default: scaleDist(spec.default, f) } : {}) };
  }
  return scaleDist(spec, f);
}

/** The field holding a node's own work, or null (a source has none). */
function workField(s: Scenario, id: string): 'work' | 'latency' | null {
  const node = s.nodes.find((n) => n.id === id);
  if (!node) throw new FitInputError(problem('fitCalibrateNode', { node: id, why: 'missing' }));
  if (node.kind === 'service') return 'work';
  if ('latency' in node && node.latency !== undefined) return 'latency';
  return null;
}

export function checkCalibrationNodes(s: Scenario, nodes: readonly string[]): void {
  for (const id of nodes) if (workField(s, id) === null) throw new FitInputError(problem('fitCalibrateNode', { node: id, why: 'noWork' }));
}

/** The scenario with the nodes' work scaled by f. */
export function scaleNodes(s: Scenario, nodes: readonly string[], f: number): Scenario {
  return {
    ...s,
    nodes: s.nodes.map((n) => {
      if (!nodes.includes(n.id)) return n;
      const field = workField(s, n.id)!;
      const spec = (n as unknown as Record<string, DistSpec | undefined>)[field];
      return spec === undefined ? n : ({ ...n, [field]: scaleSpec(spec, f) } as typeof n);
    }),
  };
}

/** Time per answered request spent in or waiting at the nodes: what scales with their work, to first order. */
export function exclusivePerRequest(model: CompiledModel, tallies: readonly ReplicationTally[], nodes: readonly string[]): number {
  const index = nodes.map((id) => model.nodes.findIndex((n) => n.id === id)).filter((i) => i >= 0);
  const per = tallies.map((t) => {
    const ok = t.classes.reduce((a, c) => a + c.ok, 0);
    return ok > 0 ? index.reduce((a, i) => a + t.nodes[i]!.exclusiveTime, 0) / ok : 0;
  });
  return per.reduce((a, b) => a + b, 0) / Math.max(1, per.length);
}

export interface CalibrationStep {
  factor: number;
  simulatedMean: number;
}

/** The next factor from the runs so far, toward `target`. */
export function nextFactor(steps: readonly CalibrationStep[], target: number, exclusive: number): number {
  const last = steps.at(-1)!;
  let next: number;
  const before = steps.at(-2);
  if (before && Math.abs(last.simulatedMean - before.simulatedMean) > 1e-12 && last.factor !== before.factor) {
    const slope = (last.simulatedMean - before.simulatedMean) / (last.factor - before.factor);
    next = slope > 0 ? last.factor + (target - last.simulatedMean) / slope : last.factor * (target / last.simulatedMean);
  } else {
    next = exclusive > 0 ? last.factor * (1 + (target - last.simulatedMean) / exclusive) : last.factor * (target / last.simulatedMean);
  }
  if (!Number.isFinite(next)) next = last.factor;
  next = Math.min(last.factor * 3, Math.max(last.factor / 3, next));
  return Math.min(bounds[1], Math.max(bounds[0], next));
}
