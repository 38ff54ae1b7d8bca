/**
 * `headroom fit SCENARIO --locust|--k6|--jmeter FILE`: replay a load test against the
 * scenario and compare (simulation/fit/). The report goes to stdout (stderr with
 * `--json -`); `--report` writes it as HTML with the curves; `--out` writes the
 * calibrated scenario.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { errorText, problem } from '../findings/error';
import { parseJmeter } from '../import/loadTests/jmeter';
import { parseK6 } from '../import/loadTests/k6';
import { locustStatsName, parseLocust } from '../import/loadTests/locust';
import { LoadTestInputError, loadTestTooLarge, maxLoadTestBytes, type Measurement } from '../import/loadTests/measurement';
import { nameMap } from '../import/nameMap';
import { nodeLabels } from '../format/present';
import { fitScenario } from '../fit/fit';
import { fitStrings, formatFitReport } from '../fit/report';
import { renderFitReport } from '../fit/fitHtml';
import { FitInputError } from '../fit/replay';
import { runReplications } from '../runner/runScenario';
import { InputError, UsageError, loadScenario, positiveNumberOption, refuseUnwritableOutputs, reportLanguage, withPool, writeOutputs, type Io } from './cliShared';
import { readInputFile } from './cliImport';
import { writeOutputFile } from './outputFiles';
import { fitArguments } from './calibrateArgs';

/** Replications of the replay unless --replications says otherwise: enough for a prediction interval. */
const defaultReplications = 5;

function readMeasurement(values: { locust?: string; k6?: string; jmeter?: string }): Measurement {
  const read = (name: string) => readInputFile(name, maxLoadTestBytes, loadTestTooLarge);
  if (values.locust !== undefined) {
    const history = read(values.locust);
    const statsName = locustStatsName(values.locust);
    return parseLocust(history, statsName !== null && existsSync(statsName) ? read(statsName) : null);
  }
  if (values.k6 !== undefined) {
    const f = read(values.k6);
    return parseK6(f.text, f.name);
  }
  const f = read(values.jmeter!);
  return parseJmeter(f.text, f.name);
}

export async function commandFit(args: string[], io: Io): Promise<number> {
  const { values, tokens } = parseArgs({
    args,
    allowPositionals: true,
    tokens: true,
    options: {
      locust: { type: 'string' },
      k6: { type: 'string' },
      jmeter: { type: 'string' },
      map: { type: 'string', multiple: true },
      source: { type: 'string' },
      replay: { type: 'string' },
      calibrate: { type: 'string', multiple: true },
      out: { type: 'string' },
      json: { type: 'string' },
      report: { type: 'string' },
      lang: { type: 'string' },
      replications: { type: 'string' },
      seed: { type: 'string' },
      set: { type: 'string', multiple: true },
      threads: { type: 'string' },
    },
  });
  const tests = [values.locust, values.k6, values.jmeter].filter((v) => v !== undefined);
  const { files: positionals, calibrate } = fitArguments(tokens);
  if (positionals.length !== 1 || tests.length !== 1) throw new UsageError(problem('fitOneTest'));
  const language = reportLanguage(values);
  const replications = positiveNumberOption('replications', values.replications, true) ?? defaultReplications;
  positiveNumberOption('threads', values.threads, true);
  if (values.replay !== undefined && values.replay !== 'open' && values.replay !== 'closed') throw new UsageError(problem('fitReplayMode', { value: values.replay }));
  const parsedMap = nameMap(values.map ?? []);
  if ('bad' in parsedMap) throw new UsageError(problem('fitMapEntry', { value: parsedMap.bad }));
  if (values.out !== undefined && calibrate.length === 0) throw new UsageError(problem('fitOutNeedsCalibrate'));
  if (values.out === '-') throw new UsageError(problem('cliNeedsFilePath', { option: 'out', carries: 'summary' }));
  if (values.report === '-') throw new UsageError(problem('cliNeedsFilePath', { option: 'report', carries: 'summary' }));
  refuseUnwritableOutputs(values);
  // The file's replications and duration are the replay's to set; --seed and --set still apply.
  const scenario = loadScenario(positionals[0]!, { ...values, replications: undefined }, io);
  if (!scenario) return 1;
  const colon = language === 'zh-CN' ? '：' : ': ';
  try {
    const measurement = readMeasurement(values);
    const { document, calibrated } = await withPool(values, replications, io, (pool) =>
      fitScenario(
        scenario,
        measurement,
        { map: parsedMap.map, source: values.source, mode: values.replay as 'open' | 'closed' | undefined, replications, seed: scenario.run.seed ?? 1, calibrate },
        (s) => runReplications(pool, s),
      ),
    );
    const t = fitStrings(language);
    let summary = formatFitReport(document, language, nodeLabels(scenario));
    if (calibrate.length > 0 && !document.calibration) summary += `\n${t.calibrationNoMean}`;
    if (typeof values.out === 'string' && calibrated) summary += `\n${t.wrote(values.out)}`;
    writeOutputs(values, io, summary, document, () => renderFitReport(document, language, summary));
    if (typeof values.out === 'string' && calibrated) writeOutputFile('out', values.out, `${JSON.stringify(calibrated, null, 2)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof LoadTestInputError || error instanceof FitInputError || error instanceof InputError) {
      io.stderr(`headroom fit${colon}${errorText(error, language)}\n`);
      return 1;
    }
    throw error;
  }
}
