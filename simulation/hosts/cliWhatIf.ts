/**
 * The what-if commands: `sweep`, `merge`, `compare`, `plan` and `resilience`. Each
 * parses its options, loads the scenario with the shared overrides, runs on the
 * worker pool, and writes its document and report through the shared outputs.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pointValuesText, sweepTable } from '../report/sweepTable';
import { summaryRow } from '../locale/words';
import type { SweepDocument, SweepPoint } from '../model/result';
import { sloVerdictOf } from '../analysis/verdict';
import type { Scenario } from '../model/schema';
import { renderReport } from '../report/html';
import { renderSweepReport, sweepCsv } from '../report/sweepReport';
import { runReplications, runScenario, runScenarioWithTallies } from '../runner/runScenario';
import { compareLines, compareTallies } from '../whatif/compare';
import { capacityPlan, type PlanStep } from '../whatif/plan';
import { nodeLabels } from '../format/present';
import { planText } from '../whatif/present';
import { judgeResilience, replicationSeries, withSpike, type ResilienceVerdict } from '../whatif/resilience';
import { renderFinding, sentenceContext } from '../findings/render';
import { errorText, problem } from '../findings/error';
import { reportStrings, type ReportLanguage } from '../report/strings';
import { mergeSweeps, parseShard, runSweep, sweepGrid, type ShardSpec } from '../whatif/sweep';
import { InputError, UsageError, applyOverrides, loadScenario, parseVary, positiveNumberOption, reportLanguage, runOptions, withPool, withoutTiming, refuseUnwritableOutputs, writeOutputs, type Io } from './cliShared';
import { writeOutputFile } from './outputFiles';
import { FindingError } from '../findings/error';
import { checkMetastability, metaTriggers, runMetastability, sizeBound, spread, type MetastabilityOptions } from '../whatif/metastability';
import { metastabilityText } from '../report/metastabilityTable';
import { renderMetastabilityReport } from '../report/metastabilityReport';

export async function commandSweep(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { ...runOptions, vary: { type: 'string', multiple: true }, shard: { type: 'string' }, csv: { type: 'string' } } });
  if (positionals.length !== 1) throw new UsageError(problem('cliOneFile', { command: 'sweep' }));
  const language = reportLanguage(values);
  positiveNumberOption('threads', values.threads, true);
  const vary = values.vary?.map(parseVary);
  let shard: ShardSpec | undefined;
  try {
    shard = values.shard !== undefined ? parseShard(values.shard) : undefined;
  } catch {
    throw new UsageError(problem('cliShard', { value: values.shard ?? '' }));
  }
  const file = positionals[0]!;
  refuseUnwritableOutputs(values);
  const scenario = loadScenario(file, values, io);
  if (!scenario) return 1;
  let grid;
  try {
    grid = sweepGrid(scenario, vary ?? scenario.whatIf?.vary ?? []);
  } catch (error) {
    io.stderr(`${file}: ${errorText(error, language)}\n`);
    return 1;
  }
  const replications = scenario.run.replications ?? 1;
  const doc = await withPool(values, grid.length * replications, io, (pool, progress) =>
    runSweep(pool, scenario, {
      vary,
      shard,
      onProgress: progress && ((p) => progress({ fraction: p.fraction, label: renderFinding(problem('cliProgress', { unit: 'points', done: p.pointsDone, total: p.points }), sentenceContext(language)) })),
      // On a terminal each point is shown as it finishes, so a long sweep answers early.
      onPoint: progress && ((p) => io.stderr(`\r\x1b[2K  ${renderFinding(pointDone(p, grid.length), sentenceContext(language))}\n`)),
    }),
  );
  const out: SweepDocument = { ...doc, points: doc.points.map((p) => ({ ...p, result: withoutTiming(p.result, values) })) };
  writeOutputs(values, io, sweepTable(out, language, nodeLabels(scenario)), out, () => renderSweepReport(scenario, out, language));
  if (typeof values.csv === 'string') writeOutputFile('csv', values.csv, sweepCsv(out));
  return values.check && out.points.some((p) => !p.result.summary.sloMet) ? 3 : 0;
}

/** A finished sweep point as a finding: its values, its capacity (or throughput), p99 and verdict. */
function pointDone(p: SweepPoint, total: number): ReturnType<typeof problem> {
  const summary = p.result.summary;
  return problem('cliPointDone', { index: p.index + 1, total, values: pointValuesText(p.values), capacity: p.capacity !== undefined, rate: p.capacity?.rate ?? summary.throughput, p99: summary.latency.p99, verdict: sloVerdictOf(summary), stable: p.result.stable });
}

export function commandMerge(args: string[], io: Io): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'string' }, csv: { type: 'string' }, lang: { type: 'string' } } });
  const language = reportLanguage(values);
  if (positionals.length === 0) throw new UsageError(problem('cliNoShards'));
  refuseUnwritableOutputs(values);
  const docs: SweepDocument[] = [];
  for (const file of positionals) {
    try {
      docs.push(JSON.parse(readFileSync(file, 'utf8')) as SweepDocument);
    } catch (error) {
      const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? problem('cliFileMissing', { file }) : problem('cliNotSweepOutput', { file, detail: (error as Error).message });
      io.stderr(`${renderFinding(why, sentenceContext(language))}\n`);
      return 1;
    }
  }
  let merged: SweepDocument;
  try {
    merged = mergeSweeps(docs);
  } catch (error) {
    io.stderr(`${errorText(error, language)}\n`);
    return 1;
  }
  const json = `${JSON.stringify(merged, null, 2)}\n`;
  if (values.json === undefined || values.json === '-') io.stdout(json);
  else {
    writeOutputFile('json', values.json, json);
    io.stdout(`${sweepTable(merged, language)}\n`);
  }
  if (typeof values.csv === 'string') writeOutputFile('csv', values.csv, sweepCsv(merged));
  return 0;
}

export async function commandCompare(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { ...runOptions, with: { type: 'string', multiple: true } } });
  if (positionals.length < 1 || positionals.length > 2) throw new UsageError(problem('cliCompareFiles'));
  if (positionals.length === 1 && !values.with) throw new UsageError(problem('cliCompareNeedsWith'));
  refuseUnwritableOutputs(values);
  const a = loadScenario(positionals[0]!, values, io);
  if (!a) return 1;
  let b = positionals.length === 2 ? loadScenario(positionals[1]!, values, io) : a;
  if (!b) return 1;
  const language = reportLanguage(values);
  try {
    b = applyOverrides(b, { set: values.with, lang: values.lang }, 'with');
  } catch (error) {
    if (error instanceof InputError) {
      io.stderr(`${errorText(error, language)}\n`);
      return 1;
    }
    throw error;
  }
  const changes = (values.with ?? []).join(', ');
  if (positionals.length === 1) b = { ...b, name: language === 'zh-CN' ? `${a.name}（改为 ${changes}）` : `${a.name} with ${changes}` };
  // Common random numbers: the variant runs with exactly the baseline's run settings.
  const variant = { ...b, run: a.run };
  const doc = await withPool(values, 2 * (a.run.replications ?? 1), io, async (pool) => {
    const [ra, rb] = await Promise.all([runReplications(pool, a), runReplications(pool, variant)]);
    return compareTallies({ scenario: a, ...ra }, { scenario: variant, ...rb });
  });
  const heading = problem('cliCompareHeading', { a: doc.a, b: doc.b, replications: doc.replications, confidence: doc.confidence });
  const summary = [renderFinding(heading, sentenceContext(language)), '', ...compareLines(doc.metrics, language).map((l) => `  ${l}`)].join('\n');
  writeOutputs(values, io, summary, doc, null);
  return 0;
}

export async function commandPlan(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...runOptions, load: { type: 'string' }, nodes: { type: 'string' }, source: { type: 'string' }, workers: { type: 'boolean' }, 'max-replicas': { type: 'string' } },
  });
  if (positionals.length !== 1) throw new UsageError(problem('cliOneFile', { command: 'plan' }));
  const language = reportLanguage(values);
  const maxReplicas = positiveNumberOption('max-replicas', values['max-replicas'], true);
  refuseUnwritableOutputs(values);
  const scenario = loadScenario(positionals[0]!, values, io);
  if (!scenario) return 1;
  const load = positiveNumberOption('load', values.load, false) ?? scenario.whatIf?.plan?.load;
  if (load === undefined) throw new UsageError(problem('cliPlanNeedsLoad'));
  const nodes = values.nodes?.split(',').map((n) => n.trim()) ?? scenario.whatIf?.plan?.nodes ?? [];
  let plan;
  try {
    plan = await withPool(values, scenario.run.replications ?? 1, io, (pool) =>
      capacityPlan(scenario, { load, nodes, source: values.source, allowWorkers: values.workers ?? scenario.whatIf?.plan?.workers, maxReplicas: maxReplicas ?? scenario.whatIf?.plan?.maxReplicas }, (s) => runScenario(pool, s)),
    );
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('plan:')) {
      io.stderr(`${positionals[0]}: ${errorText(error, language)}\n`);
      return 1;
    }
    throw error;
  }
  const out = { ...plan, result: withoutTiming(plan.result, values) };
  const labels = nodeLabels(scenario);
  const planWords = planText(plan, language, labels);
  const words = sentenceContext(language, labels);
  const summary = [
    renderFinding(problem('cliPlanHeading', { scenario: plan.scenario, load: plan.load, source: plan.source }), words),
    '',
    ...plan.steps.map((s, i) => `  ${String(i + 1).padStart(2)}. ${renderFinding(stepFinding(s), words)}`),
    '',
    summaryRow(renderFinding(problem('cliPlanLabel'), words), planWords),
  ].join('\n');
  writeOutputs(values, io, summary, out, () => renderReport(setPlanName(scenario, planWords, language), out.result, language));
  return values.check && !plan.found ? 3 : 0;
}

/** A step as a finding: its verdict, and why its latency does not count when the run could not keep up. */
function stepFinding(s: PlanStep): ReturnType<typeof problem> {
  const unstable = s.sloReasons.filter((r) => r.reason === 'unstable').map((r) => r.node);
  return problem('cliPlanStep', { change: s.change, why: s.why ? JSON.stringify(s.why) : null, met: s.sloMet, unstable: unstable.length ? JSON.stringify(unstable) : null, stoppedEarly: s.sloReasons.some((r) => r.reason === 'stoppedEarly'), p99: s.p99, cost: s.costPerHour });
}

function setPlanName(s: Scenario, planWords: string, language: ReportLanguage): Scenario {
  return { ...s, description: `${s.description ? `${s.description}\n\n` : ''}${reportStrings[language].capacityPlan}: ${planWords}` };
}

export async function commandResilience(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...runOptions, spike: { type: 'string' }, at: { type: 'string' }, for: { type: 'string' }, within: { type: 'string' }, source: { type: 'string' }, window: { type: 'string' }, hold: { type: 'string' } },
  });
  if (positionals.length !== 1) throw new UsageError(problem('cliOneFile', { command: 'resilience' }));
  const language = reportLanguage(values);
  const factor = positiveNumberOption('spike', values.spike ?? '3', false)!;
  refuseUnwritableOutputs(values);
  const scenario = loadScenario(positionals[0]!, values, io);
  if (!scenario) return 1;
  const warmup = scenario.run.warmup ?? 0;
  const at = positiveNumberOption('at', values.at, false) ?? warmup + 60;
  const duration = positiveNumberOption('for', values.for, false) ?? 30;
  const within = positiveNumberOption('within', values.within, false) ?? 60;
  const window = positiveNumberOption('window', values.window, false);
  const hold = positiveNumberOption('hold', values.hold, false);
  const options = { factor, at, duration, within, source: values.source, window, hold };
  let spiked;
  try {
    spiked = withSpike(scenario, options);
  } catch (error) {
    io.stderr(`${positionals[0]}: ${errorText(error, language)}\n`);
    return 1;
  }
  const run = await withPool(values, spiked.scenario.run.replications ?? 1, io, (pool) => runScenarioWithTallies(pool, spiked.scenario));
  const result = withoutTiming(run.result, values);
  const verdict = judgeResilience(spiked, result, replicationSeries(run.model, run.tallies), options);
  writeOutputs(values, io, resilienceSummary(verdict, nodeLabels(spiked.scenario), language), verdict, () => renderReport(spiked.scenario, result, language, verdict.findings));
  return values.check && !verdict.recovers ? 3 : 0;
}

/** The verdict first, then warnings, then what was compared, in the reader's language. */
function resilienceSummary(verdict: ResilienceVerdict, labels: Record<string, string>, language: ReportLanguage): string {
  const context = sentenceContext(language, labels);
  const words = language === 'zh-CN' ? { verdict: '结论', warning: '警告', evidence: '依据' } : { verdict: 'Verdict', warning: 'Warning', evidence: 'Evidence' };
  // The judge puts what was done first and the verdict last.
  const spike = verdict.findings[0]!;
  const headline = verdict.findings.at(-1)!;
  const others = verdict.findings.slice(1, -1);
  return [
    `${verdict.scenario} — ${renderFinding(spike, context)}`,
    '',
    summaryRow(words.verdict, `${verdict.recovers ? '' : '✗ '}${renderFinding(headline, context)}`),
    ...others.filter((f) => f.severity === 'warning').map((f) => summaryRow(words.warning, renderFinding(f, context))),
    ...others.filter((f) => f.severity !== 'warning').map((f) => summaryRow(words.evidence, renderFinding(f, context))),
  ].join('\n');
}


/** Most values on one axis of a metastability map: each point is a full run of every replication. */
const mostPerAxis = 12;

/** `a..b` (spread over `count` values) or a list `a,b,c`, each value checked against the trigger's bound (0 allowed with `zero`). */
export function parseMetaRange(option: string, text: string, count: number, share: boolean, zero = false): number[] {
  const fail = (why: string) => new UsageError(problem('cliMetaRange', { option, value: text, why: why === 'positive' && zero ? 'nonNegative' : why }));
  const ends = text.split('..');
  let values: number[];
  if (ends.length === 2) {
    const [low, high] = ends.map((x) => (x.trim() === '' ? NaN : Number(x))) as [number, number];
    if (!Number.isFinite(low) || !Number.isFinite(high)) throw fail(share ? 'share' : 'positive');
    if (low > high) throw fail('order');
    values = spread(low, high, count);
  } else {
    values = text.split(',').map((v) => (v.trim() === '' ? NaN : Number(v)));
    if (values.length > mostPerAxis) throw fail('many');
  }
  if (values.some((v) => !Number.isFinite(v) || v < 0 || (v === 0 && !zero) || (share && v > 1))) throw fail(share ? 'share' : 'positive');
  return [...new Set(values)].sort((a, b) => a - b);
}

function parseGrid(text: string | undefined): [number, number] {
  if (text === undefined) return [4, 3];
  const m = /^(\d+)x(\d+)$/.exec(text);
  const sizes = m ? Number(m[1]) : NaN;
  const durations = m ? Number(m[2]) : NaN;
  if (!(sizes >= 1 && sizes <= mostPerAxis && durations >= 1 && durations <= mostPerAxis)) throw new UsageError(problem('cliMetaGrid', { value: text, most: mostPerAxis }));
  return [sizes, durations];
}

export async function commandMetastability(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...runOptions,
      trigger: { type: 'string' },
      size: { type: 'string' },
      for: { type: 'string' },
      grid: { type: 'string' },
      at: { type: 'string' },
      within: { type: 'string' },
      node: { type: 'string' },
      source: { type: 'string' },
      window: { type: 'string' },
      hold: { type: 'string' },
    },
  });
  if (positionals.length !== 1) throw new UsageError(problem('cliOneFile', { command: 'metastability' }));
  const language = reportLanguage(values);
  positiveNumberOption('threads', values.threads, true);
  if (values.trigger === undefined) throw new UsageError(problem('cliMetaNeeds', { option: 'trigger' }));
  const trigger = metaTriggers.find((t) => t === values.trigger);
  if (!trigger) throw new UsageError(problem('cliMetaTrigger', { value: values.trigger }));
  for (const option of ['size', 'for'] as const) if (values[option] === undefined) throw new UsageError(problem('cliMetaNeeds', { option }));
  const [sizeCount, durationCount] = parseGrid(values.grid);
  const sizes = parseMetaRange('size', values.size!, sizeCount, sizeBound(trigger).high !== null);
  // An instant flush (for 0) is a column only a flush can have; checkMetastability refuses it on a keyless cache.
  const durations = parseMetaRange('for', values.for!, durationCount, false, trigger === 'flush');
  const at = positiveNumberOption('at', values.at, false);
  const within = positiveNumberOption('within', values.within, false) ?? 60;
  const window = positiveNumberOption('window', values.window, false);
  const hold = positiveNumberOption('hold', values.hold, false);
  if (trigger !== 'spike' && values.node === undefined) throw new UsageError(problem('metaNeedsNode', { trigger }));
  refuseUnwritableOutputs(values);
  const scenario = loadScenario(positionals[0]!, values, io);
  if (!scenario) return 1;
  const options: MetastabilityOptions = { trigger, sizes, durations, at, within, node: values.node, source: values.source, window, hold };
  try {
    checkMetastability(scenario, options);
  } catch (error) {
    if (!(error instanceof FindingError)) throw error;
    io.stderr(`${positionals[0]}: ${errorText(error, language)}\n`);
    return 1;
  }
  const points = sizes.length * durations.length;
  const doc = await withPool(values, (points + 1) * (scenario.run.replications ?? 1), io, (pool, progress) =>
    runMetastability(pool, scenario, options, {
      onProgress: progress && ((p) => progress({ fraction: p.fraction, label: renderFinding(problem('cliProgress', { unit: 'points', done: p.pointsDone, total: p.points }), sentenceContext(language)) })),
    }),
  );
  const labels = nodeLabels(scenario);
  writeOutputs(values, io, metastabilityText(doc, language, labels), doc, () => renderMetastabilityReport(scenario, doc, language));
  return values.check && doc.points.some((p) => !p.recovers) ? 3 : 0;
}
