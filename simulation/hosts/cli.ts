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
import { formatDuration, formatPercent, formatRate, table, trim } from '../format/units';
import type { ResultDocument, SweepDocument } from '../model/result';
import { renderSweepReport, sweepCsv, sweepRecommendation } from '../report/sweepReport';
import type { ReportLanguage } from '../report/strings';
import { compareTallies } from '../whatif/compare';
import { capacityPlan } from '../whatif/plan';
import { judgeResilience, withSpike } from '../whatif/resilience';
import { mergeSweeps, parseShard, runSweep, sweepGrid, type ShardSpec, type VaryEntry } from '../whatif/sweep';
import { scenarioJsonSchema } from '../model/jsonSchema';
import { parseCliValue, setPath } from '../model/paths';
import type { Scenario } from '../model/schema';
import { formatIssue, parseScenario, parseScenarioJson } from '../model/validate';
import { WorkerPool } from '../runner/pool';
import { runReplications, runScenario } from '../runner/runScenario';
import { renderReport } from '../report/html';
import { createNodeWorkerPort } from './nodeWorkerPort';

const usage = `usage:
  headroom validate FILE...
  headroom run FILE [options]
  headroom sweep FILE [options] [--vary PATH=V1,V2,...]... [--shard i/n] [--csv PATH]
  headroom merge SHARD.json... [--json PATH]
  headroom compare A.json [B.json] [--with PATH=VALUE]... [options]
  headroom plan FILE --load RATE [--nodes ID,ID] [--workers] [--max-replicas N] [options]
  headroom resilience FILE --spike FACTOR --at S --for S --within S [--source ID] [options]
  headroom schema                      print the scenario JSON Schema

options:
  --json PATH           also write the result document to PATH ('-': standard output)
  --report PATH         also write a self-contained HTML report
  --lang en|zh-CN       language of the report (default en)
  --replications N      override run.replications
  --duration S          override run.duration (simulated seconds after warm-up)
  --warmup S            override run.warmup
  --seed N              override run.seed
  --set PATH=VALUE      override any field by path, e.g. nodes.api.replicas=4 (repeatable)
  --threads N           worker threads (default: the machine's cores)
  --check               exit 3 when the SLO is not met (sweep: at every point; plan: when no plan meets it)
  --no-timing           write 0 for wall-clock figures, so equal runs give equal bytes

--vary values may be a list (1,2,4,8) or a range (1..8 or 0..100:20).`;

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

function readScenarioFile(file: string): { scenario: Scenario | null; problems: string[]; warnings: string[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { scenario: null, problems: [code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? String(error)})`], warnings: [] };
  }
  const outcome = parseScenarioJson(text);
  if (!outcome.ok) return { scenario: null, problems: outcome.issues.map(formatIssue), warnings: [] };
  return { scenario: outcome.scenario, problems: [], warnings: outcome.warnings.map(formatIssue) };
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

function applyOverrides(scenario: Scenario, values: Values): Scenario {
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

function progressLine(io: Io): (p: { fraction: number; label: string }) => void {
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

const runOptions = {
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

type Values = Record<string, string | boolean | string[] | undefined>;

function reportLanguage(values: Values): ReportLanguage {
  const lang = values.lang as string | undefined;
  if (lang === undefined || lang === 'en') return 'en';
  if (lang === 'zh-CN' || lang === 'zh') return 'zh-CN';
  throw new UsageError(`--lang: expected en or zh-CN, got "${lang}"`);
}

/** Reads a scenario and applies the command line's overrides; null after printing why not. */
function loadScenario(file: string, values: Values, io: Io): Scenario | null {
  const { scenario: loaded, problems } = readScenarioFile(file);
  if (!loaded) {
    io.stderr(problems.map((p) => `${file}: ${p}\n`).join(''));
    return null;
  }
  try {
    return applyOverrides(loaded, values);
  } catch (error) {
    if (error instanceof InputError) {
      io.stderr(`${file}: ${error.message}\n`);
      return null;
    }
    throw error;
  }
}

function createPool(values: Values, wanted: number): WorkerPool {
  const threadsOption = positiveNumberOption('threads', values.threads as string | undefined, true);
  const threads = Math.max(1, Math.min(threadsOption ?? availableParallelism(), wanted));
  return new WorkerPool(() => createNodeWorkerPort(new URL('./node.worker.mjs', import.meta.url)), threads);
}

function withoutTiming(r: ResultDocument, values: Values): ResultDocument {
  return values['no-timing'] ? { ...r, stats: { ...r.stats, wallSeconds: 0, eventsPerSecond: 0 } } : r;
}

function writeOutputs(values: Values, io: Io, summary: string, document: unknown, report: (() => string) | null): void {
  const json = `${JSON.stringify(document, null, 2)}\n`;
  (values.json === '-' ? io.stderr : io.stdout)(`${summary}\n`);
  if (values.json === '-') io.stdout(json);
  else if (typeof values.json === 'string') writeFileAtomic(values.json, json);
  if (typeof values.report === 'string' && report) writeFileAtomic(values.report, report());
}

async function withPool<T>(values: Values, wanted: number, io: Io, work: (pool: WorkerPool, progress: ((p: { fraction: number; label: string }) => void) | undefined) => Promise<T>): Promise<T> {
  const pool = createPool(values, wanted);
  const showProgress = io.isTty;
  try {
    return await work(pool, showProgress ? progressLine(io) : undefined);
  } finally {
    pool.dispose();
    if (showProgress) io.stderr('\r\x1b[2K');
  }
}

async function commandRun(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: runOptions });
  if (positionals.length !== 1) throw new UsageError('run takes exactly one scenario file');
  const language = reportLanguage(values);
  positiveNumberOption('threads', values.threads, true);
  const scenario = loadScenario(positionals[0]!, values, io);
  if (!scenario) return 1;
  const result = withoutTiming(
    await withPool(values, scenario.run.replications ?? 1, io, (pool, progress) =>
      runScenario(pool, scenario, { onProgress: progress && ((p) => progress({ fraction: p.fraction, label: `replications ${p.replicationsDone}/${p.replications}` })) }),
    ),
    values,
  );
  writeOutputs(values, io, formatSummary(result), result, () => renderReport(scenario, result, language));
  return values.check && !result.summary.sloMet ? 3 : 0;
}

/** `--vary PATH=1,2,4` or `--vary PATH=1..8` or `--vary PATH=0..100:20`. */
export function parseVary(text: string): VaryEntry {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new UsageError(`--vary: expected PATH=V1,V2,..., got "${text}"`);
  const path = text.slice(0, eq);
  const spec = text.slice(eq + 1);
  const range = /^(-?[\d.]+)\.\.(-?[\d.]+)(?::([\d.]+))?$/.exec(spec);
  if (range) {
    const from = Number(range[1]);
    const to = Number(range[2]);
    const step = range[3] !== undefined ? Number(range[3]) : 1;
    if (!(step > 0) || !(to >= from) || (to - from) / step > 10_000) throw new UsageError(`--vary ${path}: the range "${spec}" is empty or too long`);
    const values: number[] = [];
    for (let k = 0; from + k * step <= to + 1e-9; k++) values.push(Number((from + k * step).toPrecision(12)));
    return { path, values };
  }
  const values = spec.split(',').map((v) => {
    const parsed = parseCliValue(v.trim());
    if (typeof parsed !== 'number' && typeof parsed !== 'string' && typeof parsed !== 'boolean') throw new UsageError(`--vary ${path}: "${v}" is not a number, string or boolean`);
    return parsed;
  });
  if (values.length === 0 || spec === '') throw new UsageError(`--vary ${path}: no values`);
  return { path, values };
}

function sweepTable(doc: SweepDocument): string {
  const paths = doc.vary.map((v) => v.path);
  const rows = doc.points.map((p) => {
    const r = p.result;
    return [
      ...paths.map((path) => String(p.values[path])),
      formatRate(p.capacity ? p.capacity.rate : r.summary.throughput),
      formatDuration(r.summary.latency.p99),
      formatPercent(r.summary.errorRate, 2),
      r.summary.sloMet ? 'met' : 'missed',
      r.bottleneck ? `${r.bottleneck.node} ${formatPercent(r.bottleneck.utilization, 0)}` : '',
      r.cost ? `${r.cost.perHour.toFixed(2)}/h` : '',
    ];
  });
  const lines = [
    `${doc.scenario} — ${doc.points.length} point${doc.points.length === 1 ? '' : 's'}${doc.shard ? ` (shard ${doc.shard.index}/${doc.shard.count} of ${doc.shard.points})` : ''}`,
    '',
    table([...paths.map((p) => p.replace(/^nodes\./, '')), doc.load ? `capacity (${doc.load.source})` : 'throughput', 'p99', 'errors', 'SLO', 'bottleneck', 'cost'], rows)
      .split('\n')
      .map((l) => `  ${l}`)
      .join('\n'),
  ];
  const s = doc.scaling;
  if (s) {
    lines.push('');
    if (s.usl) lines.push(`  USL fit     σ = ${s.usl.sigma.toFixed(4)}, κ = ${s.usl.kappa.toExponential(2)}${s.usl.peak !== null ? `, peak at ${trim(s.usl.peak)} replicas` : ', no peak'}`);
    lines.push(`  Pays off    until ${s.paysOffUntil ?? '–'} replicas`);
    lines.push(`  Why         ${s.explanation}`);
    lines.push(`  Recommend   ${sweepRecommendation(doc)}`);
  }
  return lines.join('\n');
}

async function commandSweep(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { ...runOptions, vary: { type: 'string', multiple: true }, shard: { type: 'string' }, csv: { type: 'string' } } });
  if (positionals.length !== 1) throw new UsageError('sweep takes exactly one scenario file');
  const language = reportLanguage(values);
  positiveNumberOption('threads', values.threads, true);
  const vary = values.vary?.map(parseVary);
  let shard: ShardSpec | undefined;
  try {
    shard = values.shard !== undefined ? parseShard(values.shard) : undefined;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const file = positionals[0]!;
  const scenario = loadScenario(file, values, io);
  if (!scenario) return 1;
  let grid;
  try {
    grid = sweepGrid(scenario, vary ?? scenario.whatIf?.vary ?? []);
  } catch (error) {
    io.stderr(`${file}: ${(error as Error).message}\n`);
    return 1;
  }
  const replications = scenario.run.replications ?? 1;
  const doc = await withPool(values, grid.length * replications, io, (pool, progress) =>
    runSweep(pool, scenario, { vary, shard, onProgress: progress && ((p) => progress({ fraction: p.fraction, label: `points ${p.pointsDone}/${p.points}` })) }),
  );
  const out: SweepDocument = { ...doc, points: doc.points.map((p) => ({ ...p, result: withoutTiming(p.result, values) })) };
  writeOutputs(values, io, sweepTable(out), out, () => renderSweepReport(scenario, out, language));
  if (typeof values.csv === 'string') writeFileAtomic(values.csv, sweepCsv(out));
  return values.check && out.points.some((p) => !p.result.summary.sloMet) ? 3 : 0;
}

function commandMerge(args: string[], io: Io): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'string' }, csv: { type: 'string' } } });
  if (positionals.length === 0) throw new UsageError('merge takes the shard outputs (sweep --shard i/n --json FILE) to combine');
  const docs: SweepDocument[] = [];
  for (const file of positionals) {
    try {
      docs.push(JSON.parse(readFileSync(file, 'utf8')) as SweepDocument);
    } catch (error) {
      io.stderr(`${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `is not a sweep output (${(error as Error).message})`}\n`);
      return 1;
    }
  }
  let merged: SweepDocument;
  try {
    merged = mergeSweeps(docs);
  } catch (error) {
    io.stderr(`${(error as Error).message}\n`);
    return 1;
  }
  const json = `${JSON.stringify(merged, null, 2)}\n`;
  if (values.json === undefined || values.json === '-') io.stdout(json);
  else {
    writeFileAtomic(values.json, json);
    io.stdout(`${sweepTable(merged)}\n`);
  }
  if (typeof values.csv === 'string') writeFileAtomic(values.csv, sweepCsv(merged));
  return 0;
}

async function commandCompare(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { ...runOptions, with: { type: 'string', multiple: true } } });
  if (positionals.length < 1 || positionals.length > 2) throw new UsageError('compare takes two scenario files, or one with --with PATH=VALUE');
  if (positionals.length === 1 && !values.with) throw new UsageError('compare with one file needs --with PATH=VALUE for the variant');
  const a = loadScenario(positionals[0]!, values, io);
  if (!a) return 1;
  let b = positionals.length === 2 ? loadScenario(positionals[1]!, values, io) : a;
  if (!b) return 1;
  try {
    b = applyOverrides(b, { set: values.with });
  } catch (error) {
    if (error instanceof InputError) {
      io.stderr(`${error.message.replace('--set', '--with')}\n`);
      return 1;
    }
    throw error;
  }
  if (positionals.length === 1) b = { ...b, name: `${a.name} with ${(values.with ?? []).join(', ')}` };
  // Common random numbers: the variant runs with exactly the baseline's run settings.
  const variant = { ...b, run: a.run };
  const doc = await withPool(values, 2 * (a.run.replications ?? 1), io, async (pool) => {
    const [ra, rb] = await Promise.all([runReplications(pool, a), runReplications(pool, variant)]);
    return compareTallies({ scenario: a, ...ra }, { scenario: variant, ...rb });
  });
  const summary = [`${doc.a}  →  ${doc.b}   (paired over ${doc.replications} replications, ${Math.round(doc.confidence * 100)}% intervals)`, '', ...doc.lines.map((l) => `  ${l}`)].join('\n');
  writeOutputs(values, io, summary, doc, null);
  return 0;
}

async function commandPlan(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...runOptions, load: { type: 'string' }, nodes: { type: 'string' }, source: { type: 'string' }, workers: { type: 'boolean' }, 'max-replicas': { type: 'string' } },
  });
  if (positionals.length !== 1) throw new UsageError('plan takes exactly one scenario file');
  const language = reportLanguage(values);
  const maxReplicas = positiveNumberOption('max-replicas', values['max-replicas'], true);
  const scenario = loadScenario(positionals[0]!, values, io);
  if (!scenario) return 1;
  const load = positiveNumberOption('load', values.load, false) ?? scenario.whatIf?.plan?.load;
  if (load === undefined) throw new UsageError('plan needs --load RATE (or whatIf.plan.load in the file)');
  const nodes = values.nodes?.split(',').map((n) => n.trim()) ?? scenario.whatIf?.plan?.nodes ?? [];
  let plan;
  try {
    plan = await withPool(values, scenario.run.replications ?? 1, io, (pool) =>
      capacityPlan(scenario, { load, nodes, source: values.source, allowWorkers: values.workers ?? scenario.whatIf?.plan?.workers, maxReplicas: maxReplicas ?? scenario.whatIf?.plan?.maxReplicas }, (s) => runScenario(pool, s)),
    );
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('plan:')) {
      io.stderr(`${positionals[0]}: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  const out = { ...plan, result: withoutTiming(plan.result, values) };
  const summary = [
    `${plan.scenario} — capacity plan at ${formatRate(plan.load)} of ${plan.source}`,
    '',
    ...plan.steps.map((s, i) => `  ${String(i + 1).padStart(2)}. ${s.change}: ${s.sloMet ? 'SLO met' : 'SLO missed'}, p99 ${formatDuration(s.p99)}${s.costPerHour !== null ? `, ${s.costPerHour.toFixed(2)}/h` : ''}`),
    '',
    `  Plan        ${plan.explanation}`,
  ].join('\n');
  writeOutputs(values, io, summary, out, () => renderReport(setPlanName(scenario, plan.explanation), out.result, language));
  return values.check && !plan.found ? 3 : 0;
}

function setPlanName(s: Scenario, explanation: string): Scenario {
  return { ...s, description: `${s.description ? `${s.description}\n\n` : ''}Capacity plan: ${explanation}` };
}

async function commandResilience(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...runOptions, spike: { type: 'string' }, at: { type: 'string' }, for: { type: 'string' }, within: { type: 'string' }, source: { type: 'string' } },
  });
  if (positionals.length !== 1) throw new UsageError('resilience takes exactly one scenario file');
  const language = reportLanguage(values);
  const factor = positiveNumberOption('spike', values.spike ?? '3', false)!;
  const scenario = loadScenario(positionals[0]!, values, io);
  if (!scenario) return 1;
  const warmup = scenario.run.warmup ?? 0;
  const at = positiveNumberOption('at', values.at, false) ?? warmup + 60;
  const duration = positiveNumberOption('for', values.for, false) ?? 30;
  const within = positiveNumberOption('within', values.within, false) ?? 60;
  const options = { factor, at, duration, within, source: values.source };
  let spiked;
  try {
    spiked = withSpike(scenario, options);
  } catch (error) {
    io.stderr(`${positionals[0]}: ${(error as Error).message}\n`);
    return 1;
  }
  const result = withoutTiming(await withPool(values, spiked.scenario.run.replications ?? 1, io, (pool) => runScenario(pool, spiked.scenario)), values);
  const verdict = judgeResilience(spiked.scenario, result, options);
  const summary = [
    `${scenario.name} — ${trim(factor)}× spike on ${spiked.source} at ${formatDuration(at)} for ${formatDuration(duration)}`,
    '',
    `  Verdict     ${verdict.recovers ? `recovers within ${formatDuration(within)}` : 'STAYS DEGRADED'}`,
    ...verdict.evidence.map((e) => `  Evidence    ${e}`),
  ].join('\n');
  writeOutputs(values, io, summary, verdict, () => renderReport(spiked.scenario, result, language));
  return values.check && !verdict.recovers ? 3 : 0;
}

function commandValidate(files: string[], io: Io): number {
  if (files.length === 0) throw new UsageError('validate takes one or more scenario files');
  let invalid = 0;
  for (const file of files) {
    const { scenario, problems, warnings } = readScenarioFile(file);
    if (scenario) io.stdout(`${file}: valid${warnings.length > 0 ? ` (${warnings.length} warning${warnings.length === 1 ? '' : 's'})` : ''}\n${warnings.map((w) => `${file}: warning: ${w}\n`).join('')}`);
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
      case 'sweep':
        return await commandSweep(rest, io);
      case 'merge':
        return commandMerge(rest, io);
      case 'compare':
        return await commandCompare(rest, io);
      case 'plan':
        return await commandPlan(rest, io);
      case 'resilience':
        return await commandResilience(rest, io);
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
