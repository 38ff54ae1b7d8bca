/**
 * What every `headroom` command shares: reading a scenario with the command line's
 * overrides, the worker pool, progress on a terminal, and writing the outputs
 * (summary, JSON, report) atomically. Node-only, like the rest of the hosts.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';
import { runRefusal } from '../estimate/runBudget';
import { FindingError, errorText, problem } from '../findings/error';
import { renderFinding, sentenceContext } from '../findings/render';
import type { ResultDocument } from '../model/result';
import { issueOf } from '../model/findingIssue';
import { parseCliValue, PathError, setPath } from '../model/paths';
import type { Scenario } from '../model/schema';
import { formatIssueIn, parseScenario, parseScenarioJson, type Issue } from '../model/validate';
import type { ReportLanguage } from '../report/strings';
import { createInProcessPort } from '../runner/inProcessPort';
import { WorkerPool } from '../runner/pool';
import type { VaryEntry } from '../whatif/sweep';
import { createNodeWorkerPort } from './nodeWorkerPort';
import { checkOutputPaths, writeOutputFile } from './outputFiles';

/** The command line is wrong (exit 2); its finding is worded in the reader's language where it is printed. */
export class UsageError extends FindingError {}
/** An input cannot be used (exit 1). */
export class InputError extends FindingError {}

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTty: boolean;
}

export const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTty: Boolean(process.stderr.isTTY),
};

export function readScenarioFile(file: string, lang: ReportLanguage = 'en'): { scenario: Scenario | null; problems: string[]; warnings: string[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const missing = lang === 'en' ? 'no such file' : '文件不存在';
    return { scenario: null, problems: [code === 'ENOENT' ? missing : `${lang === 'en' ? 'cannot be read' : '无法读取'} (${code ?? String(error)})`], warnings: [] };
  }
  const outcome = parseScenarioJson(text);
  const format = (i: Issue) => formatIssueIn(i, lang);
  if (!outcome.ok) return { scenario: null, problems: outcome.issues.map(format), warnings: [] };
  return { scenario: outcome.scenario, problems: [], warnings: outcome.warnings.map(format) };
}

export function positiveNumberOption(name: string, text: string | undefined, integer: boolean): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || (integer && !Number.isInteger(value)) || (name !== 'seed' && name !== 'warmup' && value <= 0) || (name === 'warmup' && value < 0)) {
    throw new UsageError(problem('cliNumberOption', { option: name, integer, bound: name === 'seed' ? 'any' : name === 'warmup' ? 'atLeastZero' : 'positive', value: text }));
  }
  return value;
}

/** `option` is the flag the assignments came from (`set`, or compare's `with`), so an error names what was typed. */
export function applyOverrides(scenario: Scenario, values: Values, option: 'set' | 'with' = 'set'): Scenario {
  const lang = reportLanguage(values);
  let s = scenario;
  const settings: [string, string, boolean][] = [
    ['replications', 'run.replications', true],
    ['duration', 'run.duration', false],
    ['warmup', 'run.warmup', false],
    ['seed', 'run.seed', true],
  ];
  for (const [name, path, integer] of settings) {
    const value = positiveNumberOption(name, values[name] as string | undefined, integer);
    if (value !== undefined) s = setPath(s, path, value);
  }
  for (const assignment of (values.set as string[] | undefined) ?? []) {
    const eq = assignment.indexOf('=');
    if (eq <= 0) throw new UsageError(problem('cliSetShape', { option, value: assignment }));
    try {
      s = setPath(s, assignment.slice(0, eq), parseCliValue(assignment.slice(eq + 1)));
    } catch (error) {
      const problem = error instanceof PathError ? formatIssueIn(issueOf(error.path, error.finding), lang) : error instanceof Error ? error.message : String(error);
      throw new InputError(`--${option} ${assignment}: ${problem}`);
    }
  }
  const outcome = parseScenario(s);
  const heading = lang === 'en' ? 'after overrides the scenario is invalid:' : '改写后的场景无效：';
  if (!outcome.ok) throw new InputError(`${heading}\n${outcome.issues.map((i) => `  ${formatIssueIn(i, lang)}`).join('\n')}`);
  return outcome.scenario;
}

export function progressLine(io: Io): (p: { fraction: number; label: string }) => void {
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (now - last < 100 && p.fraction < 1) return;
    last = now;
    const width = 30;
    const filled = Math.round(Math.min(1, p.fraction) * width);
    io.stderr(`\r  [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(p.fraction * 100).toFixed(0).padStart(3)}%  ${p.label}`);
  };
}

export const runOptions = {
  json: { type: 'string' },
  report: { type: 'string' },
  lang: { type: 'string' },
  replications: { type: 'string' },
  duration: { type: 'string' },
  warmup: { type: 'string' },
  seed: { type: 'string' },
  set: { type: 'string', multiple: true },
  threads: { type: 'string' },
  check: { type: 'boolean' },
  'no-timing': { type: 'boolean' },
} as const;

export type Values = Record<string, string | boolean | string[] | undefined>;

export function reportLanguage(values: Values): ReportLanguage {
  const lang = values.lang as string | undefined;
  if (lang === undefined || lang === 'en') return 'en';
  if (lang === 'zh-CN' || lang === 'zh') return 'zh-CN';
  throw new UsageError(problem('cliLang', { value: lang }));
}

/** Reads a scenario and applies the command line's overrides; null after printing why not. */
export function loadScenario(file: string, values: Values, io: Io): Scenario | null {
  const { scenario: loaded, problems } = readScenarioFile(file, reportLanguage(values));
  if (!loaded) {
    io.stderr(problems.map((p) => `${file}: ${p}\n`).join(''));
    return null;
  }
  let scenario: Scenario;
  try {
    scenario = applyOverrides(loaded, values);
  } catch (error) {
    if (error instanceof InputError) {
      io.stderr(`${file}: ${errorText(error, reportLanguage(values))}\n`);
      return null;
    }
    throw error;
  }
  // Refused before a worker starts: a run that cannot fit in memory or finish in reasonable time never begins.
  const refusal = runRefusal(scenario, memoryForRuns(), threadsFor(values, scenario.run.replications ?? 1));
  if (refusal) {
    const labels = Object.fromEntries(scenario.nodes.map((n) => [n.id, n.label || n.id]));
    io.stderr(`${file}: ${renderFinding(refusal, sentenceContext(reportLanguage(values), labels))}\n`);
    return null;
  }
  return scenario;
}

/** What runs may use: half the machine's memory, leaving the rest to the system and other programs. */
export function memoryForRuns(): number {
  return totalmem() / 2;
}

function threadsFor(values: Values, wanted: number): number {
  const threadsOption = positiveNumberOption('threads', values.threads as string | undefined, true);
  return Math.max(1, Math.min(threadsOption ?? availableParallelism(), wanted));
}

export function createPool(values: Values, wanted: number): WorkerPool {
  const threads = threadsFor(values, wanted);
  if (threads === 1) return new WorkerPool(createInProcessPort, 1);
  return new WorkerPool(() => createNodeWorkerPort(new URL('./node.worker.mjs', import.meta.url)), threads);
}

export function withoutTiming(r: ResultDocument, values: Values): ResultDocument {
  return values['no-timing'] ? { ...r, stats: { ...r.stats, wallSeconds: 0, eventsPerSecond: 0 } } : r;
}

/** Refuses, before anything runs, an output path (`--json`, `--report`, `--csv`, `--traces`) that cannot be written. */
export function refuseUnwritableOutputs(values: Values): void {
  checkOutputPaths({ json: values.json, report: values.report, csv: values.csv, traces: values.traces, out: values.out });
}

export function writeOutputs(values: Values, io: Io, summary: string, document: unknown, report: (() => string) | null): void {
  const json = `${JSON.stringify(document, null, 2)}\n`;
  (values.json === '-' ? io.stderr : io.stdout)(`${summary}\n`);
  if (values.json === '-') io.stdout(json);
  else if (typeof values.json === 'string') writeOutputFile('json', values.json, json);
  if (typeof values.report === 'string' && report) writeOutputFile('report', values.report, report());
}

export async function withPool<T>(values: Values, wanted: number, io: Io, work: (pool: WorkerPool, progress: ((p: { fraction: number; label: string }) => void) | undefined) => Promise<T>): Promise<T> {
  const pool = createPool(values, wanted);
  const showProgress = io.isTty;
  try {
    return await work(pool, showProgress ? progressLine(io) : undefined);
  } finally {
    pool.dispose();
    if (showProgress) io.stderr('\r\x1b[2K');
    // For measuring searches (scripts/bench.mjs): events are robust on a shared machine, wall time is not.
    if (process.env.HEADROOM_COUNT_EVENTS === '1') io.stderr(`events simulated: ${pool.eventsSimulated}\n`);
  }
}

/** `--vary PATH=1,2,4` or `--vary PATH=1..8` or `--vary PATH=0..100:20`. */
export function parseVary(text: string): VaryEntry {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new UsageError(problem('cliVaryShape', { value: text }));
  const path = text.slice(0, eq);
  const spec = text.slice(eq + 1);
  const range = /^(-?[\d.]+)\.\.(-?[\d.]+)(?::([\d.]+))?$/.exec(spec);
  if (range) {
    const from = Number(range[1]);
    const to = Number(range[2]);
    const step = range[3] !== undefined ? Number(range[3]) : 1;
    if (!(step > 0) || !(to >= from) || (to - from) / step > 10_000) throw new UsageError(problem('cliVaryRange', { path, range: spec }));
    const values: number[] = [];
    for (let k = 0; from + k * step <= to + 1e-9; k++) values.push(Number((from + k * step).toPrecision(12)));
    return { path, values };
  }
  const values = spec.split(',').map((v) => {
    const parsed = parseCliValue(v.trim());
    if (typeof parsed !== 'number' && typeof parsed !== 'string' && typeof parsed !== 'boolean') throw new UsageError(problem('cliVaryValue', { path, value: v }));
    return parsed;
  });
  if (values.length === 0 || spec === '') throw new UsageError(problem('cliVaryEmpty', { path }));
  return { path, values };
}

