/**
 * File → Import a load test: read a Locust, k6 or JMeter result, replay it against the
 * open model and compare, as `headroom fit` does (the same engine-side code, so the
 * app and the CLI give the same figures). The simulate step is the caller's `run`,
 * which the dialog points at the worker pool; this module never runs the engine.
 */
import type { Scenario } from '../../../simulation/model/schema';
import { errorText } from '../../../simulation/findings/error';
import { parseJmeter } from '../../../simulation/import/loadTests/jmeter';
import { parseK6 } from '../../../simulation/import/loadTests/k6';
import { locustStatsName, parseLocust } from '../../../simulation/import/loadTests/locust';
import { LoadTestInputError, type Measurement } from '../../../simulation/import/loadTests/measurement';
import { fitScenario, type FitDocument, type Runner } from '../../../simulation/fit/fit';
import type { FitComparison, FitMetric } from '../../../simulation/fit/compare';
import type { Interval } from '../../../simulation/model/result';
import { FitInputError } from '../../../simulation/fit/replay';
import { checkCalibrationNodes } from '../../../simulation/fit/calibrate';
import { fitVerdictText, formatFitReport } from '../../../simulation/fit/report';
import type { NumberLanguage as Language } from '../../../simulation/locale/language';
import type { ImportFile } from './importFiles';

/** Replications of the replay, as the CLI's default: enough for a prediction interval. */
export const fitReplications = 5;

export type ReadLoadTest = { ok: true; measurement: Measurement } | { ok: false; error: string };

/** JMeter's CSV results begin with its own header; Locust's history with `Timestamp`. */
function isJtl(file: ImportFile): boolean {
  if (/\.jtl$/i.test(file.name)) return true;
  const first = file.text.slice(0, 2000).split(/\r?\n/, 1)[0] ?? '';
  return /\.csv$/i.test(file.name) && first.split(',').includes('timeStamp');
}

/**
 * The measurement in the picked files: a k6 summary (.json), a JMeter results file
 * (.jtl, or a .csv with JMeter's header), or a Locust `_stats_history.csv` with, when
 * picked beside it, its `_stats.csv` (whole-test percentiles per endpoint).
 */
export function readLoadTest(files: readonly ImportFile[], language: Language): ReadLoadTest {
  try {
    if (files.length === 0) return { ok: false, error: '' };
    const json = files.find((f) => /\.json$/i.test(f.name));
    if (json) return { ok: true, measurement: parseK6(json.text, json.name) };
    const jtl = files.find(isJtl);
    if (jtl) return { ok: true, measurement: parseJmeter(jtl.text, jtl.name) };
    const history = files.find((f) => f.name.endsWith('_stats_history.csv')) ?? files.find((f) => !/_stats\.csv$/i.test(f.name)) ?? files[0]!;
    const statsName = locustStatsName(history.name);
    const stats = files.find((f) => f !== history && f.name === statsName) ?? null;
    return { ok: true, measurement: parseLocust(history, stats) };
  } catch (e) {
    if (e instanceof LoadTestInputError) return { ok: false, error: errorText(e, language) };
    throw e;
  }
}

export interface FitRequest {
  map: Record<string, string>;
  /** Node ids whose work is scaled until the mean latency matches; none for a plain comparison. */
  calibrate: readonly string[];
}

export type FitOutcome = { ok: true; document: FitDocument; calibrated: Scenario | null; verdict: string; report: string } | { ok: false; error: string };

/** Replays the measurement against `scenario` through `run`; a mapping or calibration the model refuses becomes the error to show. */
export async function fitLoadTest(scenario: Scenario, measurement: Measurement, request: FitRequest, run: Runner, language: Language): Promise<FitOutcome> {
  try {
    const { document, calibrated } = await fitScenario(
      scenario,
      measurement,
      { map: request.map, replications: fitReplications, seed: scenario.run.seed ?? 1, calibrate: request.calibrate },
      run,
    );
    const shown = document.calibration?.after ?? document.fit;
    return { ok: true, document, calibrated, verdict: fitVerdictText(shown, language), report: formatFitReport(document, language) };
  } catch (e) {
    if (e instanceof FitInputError || e instanceof LoadTestInputError) return { ok: false, error: errorText(e, language) };
    throw e;
  }
}

/** Nodes whose work calibration can scale: every node with a `work` or `latency`. */
export function calibratableNodes(scenario: Scenario): string[] {
  return scenario.nodes
    .filter((n) => {
      try {
        checkCalibrationNodes(scenario, [n.id]);
        return true;
      } catch {
        return false;
      }
    })
    .map((n) => n.id);
}

export interface FitTableRow {
  /** Class id, or null for overall. */
  cls: string | null;
  metric: FitMetric;
  measured: number | null;
  /** The measured figure's interval at the fit's confidence (batch means over the test), or null when the file gives none. */
  measuredCi: Interval | null;
  /** Its half-width: the table's "±" beside the measured figure. */
  measuredHalf: number | null;
  simulated: number;
  /** The simulated mean's Student-t interval over the replications, and its half-width. */
  ci: Interval;
  simulatedHalf: number;
  difference: number | null;
  /** Inside the model's prediction interval; null when not judged or nothing measured. */
  inside: boolean | null;
}

/** The side-by-side table: overall first, then each class, six figures each, every figure with its interval. */
export function fitTableRows(c: FitComparison): FitTableRow[] {
  return [c.overall, ...c.classes].flatMap((g) =>
    g.rows.map((r) => ({
      cls: g.cls,
      metric: r.metric,
      measured: r.measured,
      measuredCi: r.measuredCi,
      measuredHalf: r.measuredCi === null ? null : (r.measuredCi[1] - r.measuredCi[0]) / 2,
      simulated: r.simulated,
      ci: r.ci,
      simulatedHalf: (r.ci[1] - r.ci[0]) / 2,
      difference: r.difference,
      inside: g.judged ? r.inside : null,
    })),
  );
}

/** One figure over time: measured, simulated, and the simulated 99% range for one test as a band. */
export interface FitCurve {
  measured: number[];
  simulated: number[];
  band: { lower: number[]; upper: number[] };
}

export interface FitCurves {
  start: number[];
  /** The stretches' mean width: the charts draw each point at its stretch's middle. */
  interval: number;
  throughput: FitCurve;
  /** Null when the test gives no p95 over time (k6's summary, a Locust history without it). */
  p95: FitCurve | null;
}

/** Measured and simulated over the test's stretches (simulation/fit/overTime.ts), or null when the file has no time (k6). */
export function fitCurves(c: FitComparison): FitCurves | null {
  const w = c.overTime;
  if (w.length === 0) return null;
  const curve = (metric: 'throughput' | 'p95'): FitCurve => ({
    measured: w.map((x) => x.figures[metric].measured ?? Number.NaN),
    simulated: w.map((x) => x.figures[metric].simulated),
    band: { lower: w.map((x) => x.figures[metric].prediction[0]), upper: w.map((x) => x.figures[metric].prediction[1]) },
  });
  return {
    start: w.map((x) => x.start),
    interval: (w.at(-1)!.end - w[0]!.start) / w.length,
    throughput: curve('throughput'),
    p95: w.some((x) => x.figures.p95.measured !== null) ? curve('p95') : null,
  };
}

/** The open model's nodes with the calibrated nodes' work put in: what Apply writes, in one edit. */
export function calibratedNodes(current: Scenario, calibrated: Scenario, nodes: readonly string[]): Scenario['nodes'] {
  return current.nodes.map((n) => (nodes.includes(n.id) ? (calibrated.nodes.find((c) => c.id === n.id) ?? n) : n));
}
