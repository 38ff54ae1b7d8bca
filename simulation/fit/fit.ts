/**
 * `headroom fit`: replay a load test against the scenario, compare figure by figure,
 * and (with calibration) scale named nodes' work until the mean latency matches. The
 * document it returns is `fit --json`'s (README, "Model versus measurement").
 */
import type { CompiledModel } from '../engine/compile';
import type { Measurement } from '../import/loadTests/measurement';
import type { Scenario } from '../model/schema';
import { aggregate } from '../analysis/aggregate';
import { meanInterval } from '../stats/studentT';
import type { ReplicationTally } from '../stats/tally';
import { checkCalibrationNodes, exclusivePerRequest, maxRuns, nextFactor, scaleNodes, type CalibrationStep } from './calibrate';
import { compareFit, type FitComparison } from './compare';
import { classMeasurements, mapEndpoints, replayScenario, type EndpointMapping, type Replay, type ReplayMode } from './replay';

export type Runner = (s: Scenario) => Promise<{ model: CompiledModel; tallies: ReplicationTally[] }>;

export interface FitOptions {
  map: Readonly<Record<string, string>>;
  source?: string;
  mode?: ReplayMode;
  replications: number;
  seed: number;
  calibrate: readonly string[];
}

export interface Calibration {
  nodes: string[];
  /** One factor per node (they share it), the multiplier on the node's work means. */
  factors: Record<string, number>;
  steps: CalibrationStep[];
  measuredMean: number;
  converged: boolean;
  /** The comparison at the chosen factor. */
  after: FitComparison;
}

export interface FitDocument {
  format: 'headroom/fit';
  version: 1;
  scenario: string;
  test: { tool: Measurement['tool']; file: string; duration: number; requests: number; failures: number; windows: number };
  replay: Replay;
  mapping: EndpointMapping[];
  replications: number;
  confidence: number;
  fit: FitComparison;
  calibration: Calibration | null;
}

export async function fitScenario(s: Scenario, m: Measurement, options: FitOptions, run: Runner): Promise<{ document: FitDocument; calibrated: Scenario | null }> {
  checkCalibrationNodes(s, options.calibrate);
  const mapping = mapEndpoints(s, m, options.map);
  const measuredByClass = classMeasurements(m, mapping);
  const { scenario: replayed, replay } = replayScenario(s, m, mapping, options);
  const confidence = s.run.confidence ?? 0.95;
  const compare = async (scenario: Scenario) => {
    const { model, tallies } = await run(scenario);
    const comparison = compareFit(m, measuredByClass, model, tallies, confidence);
    // The result's own warnings (a queue that grows without bound, an early stop): a replay the model cannot keep up with.
    const warnings = aggregate(scenario, model, tallies, { wallSeconds: 0 }).findings.filter((f) => f.severity === 'warning');
    return { comparison: { ...comparison, warnings }, model, tallies };
  };
  const first = await compare(replayed);
  let calibration: Calibration | null = null;
  let calibrated: Scenario | null = null;
  const target = first.comparison.meanLatency.measured;
  if (options.calibrate.length > 0 && target !== null && target > 0) {
    const nodes = [...options.calibrate];
    const steps: CalibrationStep[] = [{ factor: 1, simulatedMean: first.comparison.meanLatency.simulated }];
    const outcomes = [first.comparison];
    const close = (c: FitComparison) => {
      const interval = meanInterval(c.meanLatency.perReplication, confidence);
      return Math.abs(c.meanLatency.simulated - target) <= Math.max(0.01 * target, interval.halfWidth);
    };
    let exclusive = exclusivePerRequest(first.model, first.tallies, nodes);
    while (!close(outcomes.at(-1)!) && steps.length < maxRuns) {
      const factor = nextFactor(steps, target, exclusive);
      if (steps.some((st) => Math.abs(st.factor - factor) < 1e-9 * factor)) break;
      const next = await compare(scaleNodes(replayed, nodes, factor));
      exclusive = exclusivePerRequest(next.model, next.tallies, nodes);
      steps.push({ factor, simulatedMean: next.comparison.meanLatency.simulated });
      outcomes.push(next.comparison);
    }
    let best = 0;
    steps.forEach((st, k) => {
      if (Math.abs(st.simulatedMean - target) < Math.abs(steps[best]!.simulatedMean - target)) best = k;
    });
    const factor = steps[best]!.factor;
    calibration = { nodes, factors: Object.fromEntries(nodes.map((n) => [n, factor])), steps, measuredMean: target, converged: close(outcomes[best]!), after: outcomes[best]! };
    calibrated = scaleNodes(s, nodes, factor);
  }
  return {
    document: {
      format: 'headroom/fit',
      version: 1,
      scenario: s.name,
      test: { tool: m.tool, file: m.file, duration: m.duration, requests: m.total.requests, failures: m.total.failures, windows: m.windows.length },
      replay,
      mapping,
      replications: options.replications,
      confidence,
      fit: first.comparison,
      calibration,
    },
    calibrated,
  };
}
