/**
 * `fit --calibrate NODE…`: scale the named nodes' own work (a service's `work`, the
 * others' `latency`) until the simulated mean latency matches the measured one.
 *
 * One node: one factor on the mean latency over the measured classes, weighted by
 * their requests. The first step assumes the latency not spent at the node stays put,
 * L(f) = A + B·f/f₀ with B the time requests spend in or waiting at it (its exclusive
 * time per answered request), so f₁ = f₀·(1 + (L* − L₀)/B); from then on the secant
 * through the last two runs, since queueing makes L grow faster than linearly.
 *
 * Several nodes: a factor each, least squares over the classes' mean latencies. Each
 * class c's latency is split by node, E_cn the time a request of c spends in or waiting
 * at n (the engine counts it per class), and to first order L_c moves by Σ_n E_cn·Δf_n/f_n;
 * the step solves min Σ_c w_c (L*_c − L_c − Σ_n J_cn Δf_n)² with w_c the class's measured
 * requests and J_cn = E_cn/f_n on the first step, then J updated by Broyden's rule from
 * what each run moved (queueing again). It needs as many timed classes as nodes, and
 * classes that spend their time at the nodes in different proportions: otherwise the
 * classes cannot tell the nodes apart and they share one factor, as with one node (the
 * report says so).
 *
 * Each step is bounded to a third or three times the factor before it, and a factor to
 * [0.05, 20]. It stops when every matched mean is within 1% or inside its interval,
 * when a step changes no factor by more than 0.1%, or after {@link maxRuns} runs.
 */
import { kindOf } from '../model/kinds';
import type { CompiledModel } from '../engine/compile';
import type { Dist, DistSpec, Scenario } from '../model/schema';
import type { ReplicationTally } from '../stats/tally';
import { problem } from '../findings/error';
import { FitInputError } from './replay';
import { solve } from '../stats/solve';

export const maxRuns = 8;
/** Most runs with several nodes: each step moves every factor at once, from one run. */
export const maxRunsPerNode = 10;
export const bounds: [number, number] = [0.05, 20];

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
function workField(s: Scenario, id: string): string | null {
  const node = s.nodes.find((n) => n.id === id);
  if (!node) throw new FitInputError(problem('fitCalibrateNode', { node: id, why: 'missing' }));
  const field = kindOf(node).workField;
  // An optional work field left out (a gateway's latency) is no work to scale.
  return field !== null && (node as unknown as Record<string, unknown>)[field] !== undefined ? field : null;
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
  /** The factor of the first named node (with one node, or nodes sharing a factor, everyone's). */
  factor: number;
  simulatedMean: number;
  /** Each named node's factor in this run. */
  factors?: Record<string, number>;
  /** Each matched class's simulated mean latency in this run (several nodes). */
  classMeans?: Record<string, number>;
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
  return boundedFactor(last.factor, next - last.factor);
}

/** Per timed class (by model class index), E_cn: seconds per answered request of the class spent in or waiting at each node, over the replications. */
export function classExclusive(model: CompiledModel, tallies: readonly ReplicationTally[], classes: readonly number[], nodes: readonly string[]): number[][] {
  const index = nodes.map((id) => model.nodes.findIndex((n) => n.id === id));
  return classes.map((k) =>
    index.map((i) => {
      if (i < 0 || tallies.length === 0) return 0;
      const per = tallies.map((t) => {
        const ok = t.classes[k]!.ok;
        return ok > 0 ? (t.nodes[i]!.exclusiveByClass?.[k] ?? 0) / ok : 0;
      });
      return per.reduce((a, b) => a + b, 0) / per.length;
    }),
  );
}

/**
 * The weighted least-squares step Δ: min Σ_c w_c (d_c − Σ_n J_cn Δ_n)², or null when
 * the classes cannot tell the nodes apart (fewer classes than nodes, a node no class
 * spends time at, or columns so alike that a pivot of the normalized normal equations
 * falls under 10⁻³).
 */
export function leastSquaresStep(J: readonly (readonly number[])[], d: readonly number[], w: readonly number[]): number[] | null {
  const k = J[0]?.length ?? 0;
  if (k === 0 || J.length < k) return null;
  // Columns scaled to unit weighted norm, so the pivot test does not depend on units.
  const norm = Array.from({ length: k }, (_, n) => Math.sqrt(J.reduce((a, row, c) => a + w[c]! * row[n]! ** 2, 0)));
  if (norm.some((x) => !(x > 0))) return null;
  const A = Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => J.reduce((a, row, c) => a + (w[c]! * row[i]! * row[j]!) / (norm[i]! * norm[j]!), 0)));
  const b = Array.from({ length: k }, (_, i) => J.reduce((a, row, c) => a + (w[c]! * row[i]! * d[c]!) / norm[i]!, 0));
  const x = solve(A, b, 1e-3);
  return x === null ? null : x.map((v, n) => v / norm[n]!);
}

/** Broyden's update of J after a step Δf moved the class means by ΔL. */
export function broyden(J: number[][], step: readonly number[], moved: readonly number[]): number[][] {
  const ss = step.reduce((a, x) => a + x * x, 0);
  if (!(ss > 0)) return J;
  return J.map((row, c) => {
    const predicted = row.reduce((a, x, n) => a + x * step[n]!, 0);
    return row.map((x, n) => x + ((moved[c]! - predicted) * step[n]!) / ss);
  });
}

/** A factor moved by Δ, within a third and three times the one before and within {@link bounds}. */
export function boundedFactor(before: number, delta: number): number {
  const next = Number.isFinite(delta) ? before + delta : before;
  return Math.min(bounds[1], Math.max(bounds[0], Math.min(before * 3, Math.max(before / 3, next))));
}

/** The scenario with each named node's work scaled by its own factor. */
export function scaleEach(s: Scenario, factors: Readonly<Record<string, number>>): Scenario {
  return Object.entries(factors).reduce((acc, [id, f]) => scaleNodes(acc, [id], f), s);
}
