/**
 * `headroom`, the command line: validate and run scenario files without a screen
 * (CI capacity checks, servers, batch sweeps). The contract is
 * shared/spec/cli-and-results.md: options, the result document and exit codes
 * (0 done, 1 invalid input or an output path that cannot be written, 2 bad command
 * line, 3 SLO missed under --check, 4 the run finished but an output file could not
 * be written).
 */
import { parseArgs } from 'node:util';
import { recordTraces } from '../engine/recordTraces';
import { formatSummary } from '../format/summary';
import { inferScenario } from '../import/infer';
import { TraceInputError, maxTraceBytes, readTraceFiles, tooLarge } from '../import/parse';
import { formatImportReport, importStrings } from '../import/report';
import { errorText, problem } from '../findings/error';
import type { Finding } from '../findings/finding';
import { nodeLabels } from '../format/present';
import { renderFinding, sentenceContext } from '../findings/render';
import { scenarioJsonSchema } from '../model/jsonSchema';
import { renderReport } from '../report/html';
import type { ReportLanguage } from '../report/strings';
import { runScenario } from '../runner/runScenario';
import { InputError, UsageError, loadScenario, positiveNumberOption, processIo, readScenarioFile, refuseUnwritableOutputs, reportLanguage, runOptions, withPool, withoutTiming, writeOutputs, type Io } from './cliShared';
import { OutputError, writeOutputFile } from './outputFiles';
import { commandImportK8s } from './cliImportK8s';
import { commandFit } from './cliFit';
import { applyCapacityFlags, capacityFills, checkImportOut, emitImported, importNameMap, readInputFile } from './cliImport';
import { commandCompare, commandMerge, commandMetastability, commandPlan, commandResilience, commandSweep } from './cliWhatIf';

export { parseVary } from './cliShared';

const usage = `usage:
  headroom validate FILE... [--lang en|zh-CN]
  headroom run FILE [options]
  headroom sweep FILE [options] [--vary PATH=V1,V2,...]... [--shard i/n] [--csv PATH]
  headroom merge SHARD.json... [--json PATH]
  headroom compare A.json [B.json] [--with PATH=VALUE]... [options]
  headroom plan FILE --load RATE [--nodes ID,ID] [--workers] [--max-replicas N] [options]
  headroom resilience FILE --spike FACTOR --at S --for S --within S [--source ID] [--window S] [--hold S] [options]
  headroom metastability FILE --trigger spike|fault|flush --size A..B --for A..B [--grid 4x3] [--node ID]
               [--source ID] [--at S] [--within S] [--window S] [--hold S] [options]
                                       a map of trigger sizes × durations: which recover, which stay stuck, and why
  headroom import traces FILE... [--map SERVICE=NODE]... [--replicas NODE=N]... [--workers NODE=N|unlimited]...
               [--cpus NODE=N]... [--capacity QUEUE=N]... [--out PATH] [--lang en|zh-CN]
                                       a scenario from OTLP JSON or Jaeger JSON traces; capacity from the flags,
                                       else marked "toFill" on the node
  headroom import k8s MANIFEST... --into FILE [--map WORKLOAD=NODE]... [--out PATH] [--lang en|zh-CN]
                                       replicas, workers, CPUs and HPAs from Kubernetes YAML onto FILE's nodes
  headroom fit FILE --locust history.csv | --k6 summary.json | --jmeter results.jtl
               [--map NAME=CLASS]... [--source ID] [--replay open|closed] [--calibrate NODE...] [--out PATH]
               [--json PATH] [--report PATH] [--replications N] [--seed N] [--lang en|zh-CN]
                                       replay a load test against FILE: measured vs simulated, per endpoint and over time
                                       --calibrate A,B = --calibrate A --calibrate B = --calibrate A B
                                       (after --calibrate, words that can be node ids are nodes; a file name has a dot or a slash)
  headroom schema                      print the scenario JSON Schema

options:
  --json PATH           also write the result document to PATH ('-': standard output)
  --report PATH         also write a self-contained HTML report
  --lang en|zh-CN       language of the printed summary, the report, the file's problems and errors (default en)
  --replications N      override run.replications
  --duration S          override run.duration (simulated seconds after warm-up)
  --warmup S            override run.warmup
  --seed N              override run.seed
  --set PATH=VALUE      override any field by path, e.g. nodes.api.replicas=4 (repeatable)
  --threads N           worker threads (default: the machine's cores)
  --check               exit 3 when the SLO is not met (sweep: at every point; plan: when no plan meets it)
  --no-timing           write 0 for wall-clock figures, so equal runs give equal bytes
  --traces PATH         run: also write simulated requests of replication 0 as OTLP JSON
  --trace-requests N    run: how many requests --traces writes (default 1000), the first after warm-up

--vary values may be a list (1,2,4,8) or a range (1..8 or 0..100:20).`;

/** The same usage for a Chinese reader: commands and options as they are typed, what they do in Chinese. */
const usageZh = `用法：
  headroom validate FILE... [--lang en|zh-CN]
  headroom run FILE [选项]
  headroom sweep FILE [选项] [--vary PATH=V1,V2,...]... [--shard i/n] [--csv PATH]
  headroom merge SHARD.json... [--json PATH]
  headroom compare A.json [B.json] [--with PATH=VALUE]... [选项]
  headroom plan FILE --load RATE [--nodes ID,ID] [--workers] [--max-replicas N] [选项]
  headroom resilience FILE --spike FACTOR --at S --for S --within S [--source ID] [--window S] [--hold S] [选项]
  headroom metastability FILE --trigger spike|fault|flush --size A..B --for A..B [--grid 4x3] [--node ID]
               [--source ID] [--at S] [--within S] [--window S] [--hold S] [选项]
                                       触发规模 × 持续时间的网格：哪些能恢复、哪些卡住不恢复，以及原因
  headroom import traces FILE... [--map SERVICE=NODE]... [--replicas NODE=N]... [--workers NODE=N|unlimited]...
               [--cpus NODE=N]... [--capacity QUEUE=N]... [--out PATH] [--lang en|zh-CN]
                                       由 OTLP JSON 或 Jaeger JSON 追踪生成场景；容量来自这些参数，
                                       否则在节点的 "toFill" 中标为待填写
  headroom import k8s MANIFEST... --into FILE [--map WORKLOAD=NODE]... [--out PATH] [--lang en|zh-CN]
                                       由 Kubernetes YAML 设置 FILE 中节点的副本数、工作线程数、CPU 数和 HPA
  headroom fit FILE --locust history.csv | --k6 summary.json | --jmeter results.jtl
               [--map NAME=CLASS]... [--source ID] [--replay open|closed] [--calibrate NODE...] [--out PATH]
               [--json PATH] [--report PATH] [--replications N] [--seed N] [--lang en|zh-CN]
                                       对 FILE 重放压测：逐个端点、随时间对比实测与模拟
                                       --calibrate A,B = --calibrate A --calibrate B = --calibrate A B
                                       （--calibrate 之后可以作为节点 id 的词都是节点；文件名带点或斜杠）
  headroom schema                      打印场景的 JSON Schema

选项：
  --json PATH           同时把结果文档写到 PATH（'-'：标准输出）
  --report PATH         同时写一份独立的 HTML 报告
  --lang en|zh-CN       打印的摘要、报告、文件问题、错误信息和本帮助的语言（默认 en）
  --replications N      改写 run.replications
  --duration S          改写 run.duration（预热之后的模拟秒数）
  --warmup S            改写 run.warmup
  --seed N              改写 run.seed
  --set PATH=VALUE      按路径改写任意字段，例如 nodes.api.replicas=4（可重复）
  --threads N           工作线程数（默认：本机的核数）
  --check               SLO 未满足时以退出码 3 结束（sweep：任一点未满足；plan：没有方案满足）
  --no-timing           墙钟时间写为 0，使相同的运行得到相同的字节
  --traces PATH         run：同时把第 0 次重复的模拟请求写成 OTLP JSON
  --trace-requests N    run：--traces 写多少个请求（默认 1000），从预热结束后的第一个开始

--vary 的取值可以是列表（1,2,4,8）或范围（1..8 或 0..100:20）。`;

/** The usage in the reader's language. */
function usageIn(lang: ReportLanguage): string {
  return lang === 'zh-CN' ? usageZh : usage;
}

/**
 * `--lang` wherever it stands (before the command too), read before anything else so a
 * wrong command line is already reported in the reader's language; `bad` is a value
 * that names no language.
 */
function languageOf(argv: readonly string[]): { lang: ReportLanguage; bad: string | null } {
  let value: string | undefined;
  for (let i = 0; i < argv.length && argv[i] !== '--'; i++) {
    if (argv[i] === '--lang' && i + 1 < argv.length) value = argv[++i];
    else if (argv[i]!.startsWith('--lang=')) value = argv[i]!.slice('--lang='.length);
  }
  if (value === undefined || value === 'en') return { lang: 'en', bad: null };
  if (value === 'zh-CN' || value === 'zh') return { lang: 'zh-CN', bad: null };
  return { lang: 'en', bad: value };
}

/** `--lang` options at the head of `args`, taken off it. */
function leadingLanguage(args: string[]): string[] {
  const lead: string[] = [];
  while (args[0] === '--lang' || args[0]?.startsWith('--lang=')) lead.push(...args.splice(0, args[0] === '--lang' ? 2 : 1));
  return lead;
}

/** The command and its arguments, with a `--lang` before the command (or before `import`'s kind) moved after them. */
function commandOf(argv: readonly string[]): [string | undefined, string[]] {
  const rest = [...argv];
  const lead = leadingLanguage(rest);
  const [command, ...args] = rest;
  if (command === 'import') lead.push(...leadingLanguage(args));
  return [command, [...args, ...lead]];
}

/** What node:util parseArgs refused, as a finding naming the option (its own English otherwise). */
function parseArgsProblem(error: Error, command: string): Finding {
  const code = 'code' in error ? String(error.code) : '';
  const unknown = /^Unknown option '([^']+)'/.exec(error.message);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknown) return problem('cliUnknownOption', { command, option: unknown[1]! });
  const option = /^Option '(?:-\w, )?(--?[^ ']+)/.exec(error.message)?.[1];
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    return problem(/does not take an argument/.test(error.message) ? 'cliOptionTakesNoValue' : 'cliOptionNeedsValue', { command, option });
  }
  return problem('cliBadArguments', { command, detail: error.message });
}

const defaultTraceRequests = 1000;
/** Bounds the traces file (a request of a few spans is about 1 kB of JSON). */
const maxTraceRequests = 100_000;

async function commandRun(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { ...runOptions, traces: { type: 'string' }, 'trace-requests': { type: 'string' } } });
  if (positionals.length !== 1) throw new UsageError(problem('cliOneFile', { command: 'run' }));
  const language = reportLanguage(values);
  positiveNumberOption('threads', values.threads, true);
  const traceRequests = positiveNumberOption('trace-requests', values['trace-requests'], true) ?? defaultTraceRequests;
  if (traceRequests > maxTraceRequests) throw new UsageError(problem('cliOptionAtMost', { option: 'trace-requests', limit: maxTraceRequests, value: traceRequests }));
  if (values['trace-requests'] !== undefined && values.traces === undefined) throw new UsageError(problem('cliOptionNeedsOption', { option: 'trace-requests', needs: '--traces PATH' }));
  if (values.traces === '-') throw new UsageError(problem('cliNeedsFilePath', { option: 'traces', carries: 'summary' }));
  refuseUnwritableOutputs(values);
  const scenario = loadScenario(positionals[0]!, values, io);
  if (!scenario) return 1;
  const result = withoutTiming(
    await withPool(values, scenario.run.replications ?? 1, io, (pool, progress) =>
      runScenario(pool, scenario, { onProgress: progress && ((p) => progress({ fraction: p.fraction, label: renderFinding(problem('cliProgress', { unit: 'replications', done: p.replicationsDone, total: p.replications }), sentenceContext(language)) })) }),
    ),
    values,
  );
  writeOutputs(values, io, formatSummary(result, language, nodeLabels(scenario)), result, () => renderReport(scenario, result, language));
  if (typeof values.traces === 'string') writeOutputFile('traces', values.traces, `${JSON.stringify(recordTraces(scenario, traceRequests))}\n`);
  return values.check && !result.summary.sloMet ? 3 : 0;
}

/** `import traces`: OTLP or Jaeger JSON to a scenario; the report on stdout, or stderr when the scenario goes there. */
function commandImport(args: string[], io: Io): number {
  const [what, ...rest] = args;
  if (what === 'k8s') return commandImportK8s(rest, io);
  if (what !== 'traces') throw new UsageError(problem('cliImportWhat', { got: what ?? null }));
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { map: { type: 'string', multiple: true }, out: { type: 'string' }, lang: { type: 'string' }, replicas: { type: 'string', multiple: true }, workers: { type: 'string', multiple: true }, cpus: { type: 'string', multiple: true }, capacity: { type: 'string', multiple: true } },
  });
  if (positionals.length === 0) throw new UsageError(problem('cliNoTraceFiles'));
  const language = reportLanguage(values);
  const map = importNameMap(values.map);
  const fills = capacityFills(values);
  checkImportOut(values.out);
  try {
    const files = positionals.map((name) => readInputFile(name, maxTraceBytes, tooLarge));
    const inferred = inferScenario(readTraceFiles(files), { map });
    const { scenario, report } = applyCapacityFlags(inferred.scenario, inferred.report, fills, language);
    emitImported(io, values.out, scenario, formatImportReport(report, language), importStrings(language).wrote);
    return 0;
  } catch (error) {
    if (error instanceof TraceInputError || error instanceof InputError) {
      io.stderr(`headroom import traces${language === 'zh-CN' ? '：' : ': '}${errorText(error, language)}\n`);
      return 1;
    }
    throw error;
  }
}

function commandValidate(args: string[], io: Io): number {
  const { values, positionals: files } = parseArgs({ args, allowPositionals: true, options: { lang: { type: 'string' } } });
  if (files.length === 0) throw new UsageError(problem('cliNoScenarioFiles', { command: 'validate' }));
  const lang = reportLanguage(values);
  const zh = lang === 'zh-CN';
  let invalid = 0;
  for (const file of files) {
    const { scenario, problems, warnings } = readScenarioFile(file, lang);
    const count = warnings.length === 0 ? '' : zh ? `（${warnings.length} 个警告）` : ` (${warnings.length} warning${warnings.length === 1 ? '' : 's'})`;
    if (scenario) io.stdout(`${file}: ${zh ? '有效' : 'valid'}${count}\n${warnings.map((w) => `${file}: ${zh ? '警告' : 'warning'}: ${w}\n`).join('')}`);
    else {
      invalid++;
      io.stdout(problems.map((p) => `${file}: ${p}\n`).join(''));
    }
  }
  return invalid > 0 ? 1 : 0;
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const { lang, bad } = languageOf(argv);
  if (bad !== null) {
    // No language to choose yet: the reader gets both.
    const finding = problem('cliLang', { value: bad });
    io.stderr(`headroom: ${renderFinding(finding, sentenceContext('en'))}\nheadroom：${renderFinding(finding, sentenceContext('zh-CN'))}\n`);
    return 2;
  }
  const [command, rest] = commandOf(argv);
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
      case 'metastability':
        return await commandMetastability(rest, io);
      case 'import':
        return commandImport(rest, io);
      case 'fit':
        return await commandFit(rest, io);
      case 'schema':
        io.stdout(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
        return 0;
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.stdout(`${usageIn(lang)}\n`);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(problem('cliUnknownCommand', { command }));
    }
  } catch (error) {
    const colon = lang === 'zh-CN' ? '：' : ': ';
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      const text = error instanceof UsageError ? errorText(error, lang) : renderFinding(parseArgsProblem(error, command ?? ''), sentenceContext(lang));
      io.stderr(`headroom${colon}${text}\n${usageIn(lang)}\n`);
      return 2;
    }
    if (error instanceof OutputError) {
      io.stderr(`headroom${colon}${errorText(error, lang)}\n`);
      return error.beforeRun ? 1 : 4;
    }
    throw error;
  }
}
