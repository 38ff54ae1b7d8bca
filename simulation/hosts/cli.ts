/**
 * `headroom`, the command line: validate and run scenario files without a screen
 * (CI capacity checks, servers, batch sweeps). The contract is
 * shared/spec/cli-and-results.md: options, the result document and exit codes
 * (0 done, 1 invalid input, 2 bad command line, 3 SLO missed under --check).
 */
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatSummary } from '../format/summary';
import { scenarioJsonSchema } from '../model/jsonSchema';
import { parseCliValue, setPath } from '../model/paths';
import type { Scenario } from '../model/schema';
import { formatIssue, parseScenario, parseScenarioJson } from '../model/validate';
import { WorkerPool } from '../runner/pool';
import { runScenario, type RunProgress } from '../runner/runScenario';
import { renderReport } from '../report/html';
import { createNodeWorkerPort } from './nodeWorkerPort';

const usage = `usage:
  headroom validate FILE...
  headroom run FILE [options]
  headroom schema                      print the scenario JSON Schema

options for run:
  --json PATH           also write the result document to PATH ('-': standard output)
  --report PATH         also write a self-contained HTML report
  --replications N      override run.replications
  --duration S          override run.duration (simulated seconds after warm-up)
  --warmup S            override run.warmup
  --seed N              override run.seed
  --set PATH=VALUE      override any field by path, e.g. nodes.api.replicas=4 (repeatable)
  --threads N           worker threads (default: the machine's cores)
  --check               exit 3 when the SLO is not met
  --no-timing           write 0 for wall-clock figures, so equal runs give equal bytes`;

export class UsageError extends Error {}
class InputError extends Error {}

interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTty: boolean;
}

const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTty: Boolean(process.stderr.isTTY),
};

function readScenarioFile(file: string): { scenario: Scenario | null; problems: string[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { scenario: null, problems: [code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? String(error)})`] };
  }
  const outcome = parseScenarioJson(text);
  if (!outcome.ok) return { scenario: null, problems: outcome.issues.map(formatIssue) };
  return { scenario: outcome.scenario, problems: [] };
}

/** Writes through a temporary file and a rename, so a reader never sees half a file. */
export function writeFileAtomic(path: string, text: string): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const fd = openSync(temp, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      /* already gone */
    }
    throw error;
  }
  closeSync(fd);
  renameSync(temp, path);
}

function positiveNumberOption(name: string, text: string | undefined, integer: boolean): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || (integer && !Number.isInteger(value)) || (name !== 'seed' && name !== 'warmup' && value <= 0) || (name === 'warmup' && value < 0)) {
    throw new UsageError(`--${name}: expected ${integer ? 'a whole number' : 'a number'}${name === 'seed' ? '' : name === 'warmup' ? ' ≥ 0' : ' > 0'}, got "${text}"`);
  }
  return value;
}

function applyOverrides(scenario: Scenario, values: Record<string, string | boolean | string[] | undefined>): Scenario {
  let s = scenario;
  const settings: [string, string, boolean][] = [
    ['replications', 'run.replications', true],
    ['duration', 'run.duration', false],
    ['warmup', 'run.warmup', false],
    ['seed', 'run.seed', true],
  ];
  for (const [option, path, integer] of settings) {
    const value = positiveNumberOption(option, values[option] as string | undefined, integer);
    if (value !== undefined) s = setPath(s, path, value);
  }
  for (const assignment of (values.set as string[] | undefined) ?? []) {
    const eq = assignment.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set: expected PATH=VALUE, got "${assignment}"`);
    try {
      s = setPath(s, assignment.slice(0, eq), parseCliValue(assignment.slice(eq + 1)));
    } catch (error) {
      throw new InputError(`--set ${assignment}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const outcome = parseScenario(s);
  if (!outcome.ok) throw new InputError(`after overrides the scenario is invalid:\n${outcome.issues.map((i) => `  ${formatIssue(i)}`).join('\n')}`);
  return outcome.scenario;
}

function progressLine(io: Io): (p: RunProgress) => void {
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (now - last < 100 && p.fraction < 1) return;
    last = now;
    const width = 30;
    const filled = Math.round(p.fraction * width);
    io.stderr(`\r  [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(p.fraction * 100).toFixed(0).padStart(3)}%  replications ${p.replicationsDone}/${p.replications}`);
  };
}

async function commandRun(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      json: { type: 'string' },
      report: { type: 'string' },
      replications: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      seed: { type: 'string' },
      set: { type: 'string', multiple: true },
      threads: { type: 'string' },
      check: { type: 'boolean' },
      'no-timing': { type: 'boolean' },
    },
  });
  if (positionals.length !== 1) throw new UsageError('run takes exactly one scenario file');
  const file = positionals[0]!;
  const threadsOption = positiveNumberOption('threads', values.threads, true);
  const { scenario: loaded, problems } = readScenarioFile(file);
  if (!loaded) {
    io.stderr(problems.map((p) => `${file}: ${p}\n`).join(''));
    return 1;
  }
  let scenario: Scenario;
  try {
    scenario = applyOverrides(loaded, values);
  } catch (error) {
    if (error instanceof InputError) {
      io.stderr(`${file}: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  const replications = scenario.run.replications ?? 1;
  const threads = Math.max(1, Math.min(threadsOption ?? availableParallelism(), replications));
  const pool = new WorkerPool(() => createNodeWorkerPort(new URL('./node.worker.mjs', import.meta.url)), threads);
  const showProgress = io.isTty;
  let result;
  try {
    result = await runScenario(pool, scenario, { onProgress: showProgress ? progressLine(io) : undefined });
  } finally {
    pool.dispose();
    if (showProgress) io.stderr('\r\x1b[2K');
  }
  if (values['no-timing']) result.stats = { ...result.stats, wallSeconds: 0, eventsPerSecond: 0 };
  const json = `${JSON.stringify(result, null, 2)}\n`;
  const summaryTo = values.json === '-' ? io.stderr : io.stdout;
  summaryTo(`${formatSummary(result)}\n`);
  if (values.json === '-') io.stdout(json);
  else if (values.json !== undefined) writeFileAtomic(values.json, json);
  if (values.report !== undefined) writeFileAtomic(values.report, renderReport(scenario, result));
  return values.check && !result.summary.sloMet ? 3 : 0;
}

function commandValidate(files: string[], io: Io): number {
  if (files.length === 0) throw new UsageError('validate takes one or more scenario files');
  let invalid = 0;
  for (const file of files) {
    const { scenario, problems } = readScenarioFile(file);
    if (scenario) io.stdout(`${file}: valid\n`);
    else {
      invalid++;
      io.stdout(problems.map((p) => `${file}: ${p}\n`).join(''));
    }
  }
  return invalid > 0 ? 1 : 0;
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'validate':
        return commandValidate(rest, io);
      case 'run':
        return await commandRun(rest, io);
      case 'schema':
        io.stdout(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
        return 0;
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.stdout(`${usage}\n`);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      io.stderr(`headroom: ${error.message}\n${usage}\n`);
      return 2;
    }
    throw error;
  }
}
