/**
 * What the command line says about itself: a wrong command line (exit 2), an input it
 * cannot read (exit 1), an output it cannot write (exit 1 before a run, 4 after). The
 * English is the CLI's message word for word (tests and scripts read it); option names,
 * commands, paths and the values typed stay as they were typed in every language.
 */
import type { Finding, SentenceContext } from '../finding';
import { defineSentences, num, str } from '../finding';

const warning = 'warning' as const;

/** What was typed, quoted: `"x"`. */
const typed = (f: Finding, key: string) => `"${str(f, key)}"`;

/** Why a file cannot be written, from its `reason` figure (an errno turned into words; `detail` otherwise). */
function reasonText(f: Finding, c: SentenceContext): string {
  const zh = c.lang === 'zh-CN';
  switch (str(f, 'reason')) {
    case 'denied':
      return zh ? '权限不足' : 'permission denied';
    case 'full':
      return zh ? '磁盘已满' : 'the disk is full';
    case 'readOnlyDisk':
      return zh ? '磁盘为只读' : 'the disk is read-only';
    case 'noFolder':
      return zh ? '所在文件夹不存在' : 'its folder does not exist';
    case 'isFolder':
      return zh ? '它是一个文件夹' : 'it is a folder';
    case 'short':
      return zh ? `只有 ${num(f, 'written')} / ${num(f, 'bytes')} 字节写到了磁盘` : `${num(f, 'written')} of ${num(f, 'bytes')} bytes reached the disk`;
    default:
      return str(f, 'detail');
  }
}

/** Why an output path is refused before the run, from its `why` figure. */
function refusalText(f: Finding, c: SentenceContext): string {
  const zh = c.lang === 'zh-CN';
  const folder = str(f, 'folder');
  switch (str(f, 'why')) {
    case 'noFolder':
      return zh ? `文件夹 ${folder} 不存在` : `the folder ${folder} does not exist`;
    case 'notFolder':
      return zh ? `${folder} 不是文件夹` : `${folder} is not a folder`;
    case 'folderReadOnly':
      return zh ? `文件夹 ${folder} 为只读` : `the folder ${folder} is read-only`;
    case 'isFolder':
      return zh ? '它是一个文件夹' : 'it is a folder';
    case 'fileReadOnly':
      return zh ? '该文件为只读' : 'the file is read-only';
    default:
      return zh ? `文件夹 ${folder} 不可写（${reasonText(f, c)}）` : `the folder ${folder} is not writable (${reasonText(f, c)})`;
  }
}

/** A plan step's change in the reader's language: its finding when the step has one, else the English it was written in. */
const planChange = (f: Finding, c: SentenceContext) => (typeof f.figures.why === 'string' ? c.finding(str(f, 'why')) : str(f, 'change'));

const numberBounds = {
  en: { any: '', atLeastZero: ' ≥ 0', positive: ' > 0' },
  'zh-CN': { any: '', atLeastZero: '不小于 0 的', positive: '大于 0 的' },
} as const;

export const cliSentences = defineSentences({
  // The command line (exit 2).
  cliUnknownCommand: {
    en: (f) => `unknown command ${typed(f, 'command')}`,
    'zh-CN': (f) => `未知命令 ${typed(f, 'command')}`,
    example: { severity: warning, figures: { command: 'rnu' } },
    verbatimFigures: ['command'],
  },
  cliOneFile: {
    en: (f) => `${str(f, 'command')} takes exactly one scenario file`,
    'zh-CN': (f) => `${str(f, 'command')} 只接受一个场景文件`,
    example: { severity: warning, figures: { command: 'sweep' } },
    verbatimFigures: ['command'],
  },
  cliNoScenarioFiles: {
    en: (f) => `${str(f, 'command')} takes one or more scenario files`,
    'zh-CN': (f) => `${str(f, 'command')} 需要一个或多个场景文件`,
    example: { severity: warning, figures: { command: 'validate' } },
    verbatimFigures: ['command'],
  },
  cliNoTraceFiles: {
    en: () => 'import traces takes one or more trace files (OTLP JSON or Jaeger JSON)',
    'zh-CN': () => 'import traces 需要一个或多个追踪文件（OTLP JSON 或 Jaeger JSON）',
    example: { severity: warning, figures: {} },
    quotes: ['import traces', 'OTLP', 'Jaeger'],
  },
  cliNoShards: {
    en: () => 'merge takes the shard outputs (sweep --shard i/n --json FILE) to combine',
    'zh-CN': () => 'merge 需要要合并的分片输出（sweep --shard i/n --json FILE）',
    example: { severity: warning, figures: {} },
    quotes: ['merge', 'sweep --shard i/n --json FILE'],
  },
  cliCompareFiles: {
    en: () => 'compare takes two scenario files, or one with --with PATH=VALUE',
    'zh-CN': () => 'compare 需要两个场景文件，或者一个场景文件加上 --with PATH=VALUE',
    example: { severity: warning, figures: {} },
    quotes: ['compare', '--with PATH=VALUE'],
  },
  cliCompareNeedsWith: {
    en: () => 'compare with one file needs --with PATH=VALUE for the variant',
    'zh-CN': () => 'compare 只给一个文件时，需要用 --with PATH=VALUE 给出变体',
    example: { severity: warning, figures: {} },
    quotes: ['compare', '--with PATH=VALUE'],
  },
  cliPlanNeedsLoad: {
    en: () => 'plan needs --load RATE (or whatIf.plan.load in the file)',
    'zh-CN': () => 'plan 需要 --load RATE（或文件中的 whatIf.plan.load）',
    example: { severity: warning, figures: {} },
    quotes: ['whatIf.plan.load', '--load RATE', 'plan'],
  },
  cliNoManifestFiles: {
    en: () => 'import k8s takes one or more manifest files (YAML: Deployment, StatefulSet, HorizontalPodAutoscaler)',
    'zh-CN': () => 'import k8s 需要一个或多个清单文件（YAML：Deployment、StatefulSet、HorizontalPodAutoscaler）',
    example: { severity: warning, figures: {} },
    quotes: ['import k8s', 'YAML', 'Deployment', 'StatefulSet', 'HorizontalPodAutoscaler'],
  },
  cliNeedsInto: {
    en: () => 'import k8s needs --into SCENARIO: manifests give capacity, the scenario gives the rest',
    'zh-CN': () => 'import k8s 需要 --into 场景文件：清单只给出容量，其余来自场景',
    example: { severity: warning, figures: {} },
    quotes: ['import k8s', '--into'],
  },
  cliManifestTooLarge: {
    en: (f) => `${str(f, 'file')}: ${num(f, 'megabytes')} MB is more than the ${num(f, 'limit')} MB a manifest file may have`,
    'zh-CN': (f) => `${str(f, 'file')}：${num(f, 'megabytes')} MB 超过了清单文件允许的 ${num(f, 'limit')} MB`,
    example: { severity: warning, figures: { file: 'all.yaml', megabytes: 40, limit: 16 } },
    verbatimFigures: ['file'],
    quotes: ['MB'],
  },
  cliImportWhat: {
    en: (f) => `import: expected "traces" or "k8s", got ${f.figures.got === null ? 'nothing' : typed(f, 'got')}`,
    'zh-CN': (f) => `import：应为 "traces" 或 "k8s"，${f.figures.got === null ? '但什么也没有给出' : `实际为 ${typed(f, 'got')}`}`,
    example: { severity: warning, figures: { got: 'trace' } },
    verbatimFigures: ['got'],
    quotes: ['import', '"traces"'],
  },
  cliNumberOption: {
    en: (f) => {
      const bound = numberBounds.en[str(f, 'bound') as keyof (typeof numberBounds)['en']] ?? '';
      return `--${str(f, 'option')}: expected ${f.figures.integer === true ? 'a whole number' : 'a number'}${bound}, got ${typed(f, 'value')}`;
    },
    'zh-CN': (f) => {
      const bound = numberBounds['zh-CN'][str(f, 'bound') as keyof (typeof numberBounds)['zh-CN']] ?? '';
      return `--${str(f, 'option')}：应为${bound}${f.figures.integer === true ? '整数' : '数字'}，实际为 ${typed(f, 'value')}`;
    },
    example: { severity: warning, figures: { option: 'replications', integer: true, bound: 'positive', value: 'three' } },
    verbatimFigures: ['option', 'value'],
  },
  cliOptionAtMost: {
    en: (f) => `--${str(f, 'option')}: at most ${num(f, 'limit').toLocaleString('en-US')}, got ${num(f, 'value')}`,
    'zh-CN': (f) => `--${str(f, 'option')}：最多 ${num(f, 'limit').toLocaleString('en-US')}，实际为 ${num(f, 'value')}`,
    example: { severity: warning, figures: { option: 'trace-requests', limit: 100_000, value: 250_000 } },
    verbatimFigures: ['option'],
  },
  cliOptionNeedsOption: {
    en: (f) => `--${str(f, 'option')} needs ${str(f, 'needs')}`,
    'zh-CN': (f) => `--${str(f, 'option')} 需要同时给出 ${str(f, 'needs')}`,
    example: { severity: warning, figures: { option: 'trace-requests', needs: '--traces PATH' } },
    verbatimFigures: ['option', 'needs'],
  },
  cliNeedsFilePath: {
    en: (f) => `--${str(f, 'option')} needs a file path (${f.figures.carries === 'scenario' ? `without --${str(f, 'option')} the scenario goes to standard output` : 'standard output carries the summary'})`,
    'zh-CN': (f) => `--${str(f, 'option')} 需要一个文件路径（${f.figures.carries === 'scenario' ? `不给 --${str(f, 'option')} 时，场景写到标准输出` : '标准输出用于打印摘要'}）`,
    example: { severity: warning, figures: { option: 'out', carries: 'scenario' } },
    verbatimFigures: ['option'],
  },
  cliMapEntry: {
    en: (f) => `--map: expected SERVICE=NODE_ID (the id letters, digits, "-" and "_"), got ${typed(f, 'value')}`,
    'zh-CN': (f) => `--map：应为 SERVICE=NODE_ID（节点 id 只能含字母、数字、"-" 和 "_"），实际为 ${typed(f, 'value')}`,
    example: { severity: warning, figures: { value: 'frontend' } },
    verbatimFigures: ['value'],
    quotes: ['--map', 'SERVICE=NODE_ID'],
  },
  cliCapacityEntry: {
    en: (f) => `--${str(f, 'option')}: expected NODE=N (a node id and a whole number of at least 1${str(f, 'option') === 'workers' ? ', or unlimited' : ''}), got ${typed(f, 'value')}`,
    'zh-CN': (f) => `--${str(f, 'option')}：应为 NODE=N（节点 id 和不小于 1 的整数${str(f, 'option') === 'workers' ? '，或 unlimited' : ''}），实际为 ${typed(f, 'value')}`,
    example: { severity: warning, figures: { option: 'cpus', value: 'api=two' } },
    verbatimFigures: ['option', 'value'],
    quotes: ['NODE=N'],
  },
  cliCapacityNode: {
    en: (f) => `${str(f, 'flag')}: the imported scenario has no node "${str(f, 'node')}" (its nodes: ${str(f, 'nodes')}; --map SERVICE=NODE renames)`,
    'zh-CN': (f) => `${str(f, 'flag')}：导入的场景中没有节点 "${str(f, 'node')}"（现有节点：${str(f, 'nodes')}；可用 --map SERVICE=NODE 改名）`,
    example: { severity: warning, figures: { flag: '--replicas apii=4', node: 'apii', nodes: 'clients, api, postgresql' } },
    verbatimFigures: ['flag', 'node', 'nodes'],
    quotes: ['--map', 'SERVICE=NODE'],
  },
  cliCapacityField: {
    en: (f) => `${str(f, 'flag')}: node "${str(f, 'node')}" is a ${str(f, 'kind')}, which has no "${str(f, 'field')}"`,
    'zh-CN': (f) => `${str(f, 'flag')}：节点 "${str(f, 'node')}" 的类型是 ${str(f, 'kind')}，没有 "${str(f, 'field')}"`,
    example: { severity: warning, figures: { flag: '--cpus redis=2', node: 'redis', kind: 'cache', field: 'cpus' } },
    verbatimFigures: ['flag', 'node', 'kind', 'field'],
  },
  cliCapacityRefused: {
    en: (f) =>
      `${str(f, 'flags')} ${num(f, 'count') === 1 ? 'gives' : 'give'} a scenario the format refuses (${str(f, 'issues')}); nothing was written: give the fields it depends on too, e.g. --workers with --cpus`,
    'zh-CN': (f) => `${str(f, 'flags')} 得到的场景不符合格式（${str(f, 'issues')}）；未写入任何文件：请同时给出它所依赖的字段，例如 --cpus 与 --workers 一起给出`,
    example: { severity: warning, figures: { flags: '--cpus api=4', count: 1, issues: 'nodes[1].cpus: cpus (4) is more than workers (1)' } },
    verbatimFigures: ['flags', 'issues'],
    quotes: ['--workers', '--cpus'],
  },
  cliSetShape: {
    en: (f) => `--${str(f, 'option')}: expected PATH=VALUE, got ${typed(f, 'value')}`,
    'zh-CN': (f) => `--${str(f, 'option')}：应为 PATH=VALUE，实际为 ${typed(f, 'value')}`,
    example: { severity: warning, figures: { option: 'set', value: 'nodes.api.replicas' } },
    verbatimFigures: ['option', 'value'],
    quotes: ['PATH=VALUE'],
  },
  cliVaryShape: {
    en: (f) => `--vary: expected PATH=V1,V2,..., got ${typed(f, 'value')}`,
    'zh-CN': (f) => `--vary：应为 PATH=V1,V2,...，实际为 ${typed(f, 'value')}`,
    example: { severity: warning, figures: { value: 'nodes.api.replicas' } },
    verbatimFigures: ['value'],
    quotes: ['--vary', 'PATH=V1,V2,...'],
  },
  cliVaryRange: {
    en: (f) => `--vary ${str(f, 'path')}: the range ${typed(f, 'range')} is empty or too long`,
    'zh-CN': (f) => `--vary ${str(f, 'path')}：范围 ${typed(f, 'range')} 为空或过长`,
    example: { severity: warning, figures: { path: 'nodes.api.replicas', range: '8..1' } },
    verbatimFigures: ['path', 'range'],
    quotes: ['--vary'],
  },
  cliVaryValue: {
    en: (f) => `--vary ${str(f, 'path')}: ${typed(f, 'value')} is not a number, string or boolean`,
    'zh-CN': (f) => `--vary ${str(f, 'path')}：${typed(f, 'value')} 不是数字、字符串或布尔值`,
    example: { severity: warning, figures: { path: 'nodes.api.replicas', value: '[1]' } },
    verbatimFigures: ['path', 'value'],
    quotes: ['--vary'],
  },
  cliVaryEmpty: {
    en: (f) => `--vary ${str(f, 'path')}: no values`,
    'zh-CN': (f) => `--vary ${str(f, 'path')}：没有给出取值`,
    example: { severity: warning, figures: { path: 'nodes.api.replicas' } },
    verbatimFigures: ['path'],
    quotes: ['--vary'],
  },
  cliShard: {
    en: (f) => `--shard: expected i/n with 1 ≤ i ≤ n, got ${typed(f, 'value')}`,
    'zh-CN': (f) => `--shard：应为 i/n，且 1 ≤ i ≤ n，实际为 ${typed(f, 'value')}`,
    example: { severity: warning, figures: { value: '3/2' } },
    verbatimFigures: ['value'],
    quotes: ['--shard'],
  },
  cliLang: {
    en: (f) => `--lang: expected en or zh-CN, got ${typed(f, 'value')}`,
    'zh-CN': (f) => `--lang：应为 en 或 zh-CN，实际为 ${typed(f, 'value')}`,
    example: { severity: warning, figures: { value: 'fr' } },
    verbatimFigures: ['value'],
    quotes: ['--lang', 'zh-CN', 'en'],
  },
  // What node:util parseArgs refuses, by its error code, naming the option.
  cliUnknownOption: {
    en: (f) => `${str(f, 'command')}: unknown option ${str(f, 'option')} (headroom --help lists the options)`,
    'zh-CN': (f) => `${str(f, 'command')}：没有选项 ${str(f, 'option')}（headroom --help 列出全部选项）`,
    example: { severity: warning, figures: { command: 'run', option: '--replication' } },
    verbatimFigures: ['command', 'option'],
    quotes: ['headroom --help'],
  },
  cliOptionNeedsValue: {
    en: (f) => `${str(f, 'command')}: ${str(f, 'option')} needs a value`,
    'zh-CN': (f) => `${str(f, 'command')}：${str(f, 'option')} 需要一个值`,
    example: { severity: warning, figures: { command: 'run', option: '--json' } },
    verbatimFigures: ['command', 'option'],
  },
  cliOptionTakesNoValue: {
    en: (f) => `${str(f, 'command')}: ${str(f, 'option')} takes no value`,
    'zh-CN': (f) => `${str(f, 'command')}：${str(f, 'option')} 不接受值`,
    example: { severity: warning, figures: { command: 'run', option: '--check' } },
    verbatimFigures: ['command', 'option'],
  },
  cliBadArguments: {
    en: (f) => `${str(f, 'command')}: ${str(f, 'detail')}`,
    'zh-CN': (f) => `${str(f, 'command')}：命令行有误（${str(f, 'detail')}）`,
    example: { severity: warning, figures: { command: 'run', detail: "Unexpected argument 'x'" } },
    verbatimFigures: ['command', 'detail'],
  },

  // Lines the CLI prints around an analysis's own summary.
  cliProgress: {
    en: (f) => `${f.figures.unit === 'points' ? 'points' : 'replications'} ${num(f, 'done')}/${num(f, 'total')}`,
    'zh-CN': (f) => `${f.figures.unit === 'points' ? '点' : '重复'} ${num(f, 'done')}/${num(f, 'total')}`,
    example: { severity: 'info', figures: { unit: 'points', done: 3, total: 8 } },
  },
  // A sweep point as it finishes, printed above the progress bar on a terminal.
  cliPointDone: {
    en: (f, c) => {
      const figure = f.figures.capacity === true ? `capacity ${c.rate(num(f, 'rate'))}` : c.rate(num(f, 'rate'));
      const verdict = f.figures.verdict === 'met' ? 'SLO met' : f.figures.verdict === 'notMet' ? 'SLO missed' : 'no SLO';
      return `point ${num(f, 'index')}/${num(f, 'total')}  ${str(f, 'values')}: ${figure}, p99 ${c.duration(num(f, 'p99'))}, ${verdict}${f.figures.stable === false ? ', unstable' : ''}`;
    },
    'zh-CN': (f, c) => {
      const figure = f.figures.capacity === true ? `容量 ${c.rate(num(f, 'rate'))}` : c.rate(num(f, 'rate'));
      const verdict = f.figures.verdict === 'met' ? '满足 SLO' : f.figures.verdict === 'notMet' ? '未满足 SLO' : '未设定 SLO';
      return `第 ${num(f, 'index')}/${num(f, 'total')} 个点  ${str(f, 'values')}：${figure}，p99 ${c.duration(num(f, 'p99'))}，${verdict}${f.figures.stable === false ? '，不稳定' : ''}`;
    },
    example: { severity: 'info', figures: { index: 3, total: 8, values: '甲 = 4', capacity: true, rate: 424, p99: 0.244, verdict: 'met', stable: false } },
    verbatimFigures: ['values'],
  },
  cliCompareHeading: {
    en: (f, c) => `${str(f, 'a')}  →  ${str(f, 'b')}   (paired over ${num(f, 'replications')} replications, ${c.percent(num(f, 'confidence'))} intervals)`,
    'zh-CN': (f, c) => `${str(f, 'a')}  →  ${str(f, 'b')}   （${num(f, 'replications')} 次重复逐对比较，${c.percent(num(f, 'confidence'))} 置信区间）`,
    example: { severity: 'info', figures: { a: '基线', b: '变体', replications: 5, confidence: 0.95 } },
    verbatimFigures: ['a', 'b'],
  },
  cliPlanHeading: {
    en: (f, c) => `${str(f, 'scenario')} — capacity plan at ${c.rate(num(f, 'load'))} of ${c.label(str(f, 'source'))}`,
    'zh-CN': (f, c) => `${str(f, 'scenario')} — 按 ${c.label(str(f, 'source'))} 的 ${c.rate(num(f, 'load'))} 做容量规划`,
    example: { severity: 'info', figures: { scenario: '商城', load: 230, source: 'users' } },
    verbatimFigures: ['scenario'],
    nodeFigures: ['source'],
  },
  cliPlanStep: {
    en: (f, c) => {
      const unstable = f.figures.unstable ? (JSON.parse(str(f, 'unstable')) as string[]).map((id) => c.label(id)) : [];
      const notes = [...(unstable.length ? [`unstable: ${unstable.join(', ')}`] : []), ...(f.figures.stoppedEarly === true ? ['stopped early'] : [])];
      const cost = f.figures.cost === null ? '' : `, ${num(f, 'cost').toFixed(2)}/h`;
      return `${planChange(f, c)}: ${f.figures.met === true ? 'SLO met' : `SLO missed${notes.length ? ` (${notes.join('; ')})` : ''}`}, p99 ${c.duration(num(f, 'p99'))}${cost}`;
    },
    'zh-CN': (f, c) => {
      const unstable = f.figures.unstable ? (JSON.parse(str(f, 'unstable')) as string[]).map((id) => c.label(id)) : [];
      const notes = [...(unstable.length ? [`不稳定：${unstable.join('、')}`] : []), ...(f.figures.stoppedEarly === true ? ['提前停止'] : [])];
      const cost = f.figures.cost === null ? '' : `，每小时 ${num(f, 'cost').toFixed(2)}`;
      return `${planChange(f, c)}：${f.figures.met === true ? '满足 SLO' : `未满足 SLO${notes.length ? `（${notes.join('；')}）` : ''}`}，p99 ${c.duration(num(f, 'p99'))}${cost}`;
    },
    example: { severity: 'info', figures: { change: '基线', why: JSON.stringify({ code: 'plan.step.fewer', severity: 'info', node: 'api', figures: { replicas: 3 } }), met: false, unstable: '["api"]', stoppedEarly: true, p99: 0.42, cost: 3.5 } },
    verbatimFigures: ['change'],
    nodeFigures: ['unstable'],
  },
  cliPlanLabel: {
    en: () => 'Plan',
    'zh-CN': () => '方案',
    example: { severity: 'info', figures: {} },
  },

  // Inputs the CLI reads itself (exit 1).
  cliFileMissing: {
    en: (f) => `${str(f, 'file')}: no such file`,
    'zh-CN': (f) => `${str(f, 'file')}：文件不存在`,
    example: { severity: warning, figures: { file: 'traces/missing.json' } },
    verbatimFigures: ['file'],
  },
  cliFileUnreadable: {
    en: (f) => `${str(f, 'file')}: cannot be read (${str(f, 'detail')})`,
    'zh-CN': (f) => `${str(f, 'file')}：无法读取（${str(f, 'detail')}）`,
    example: { severity: warning, figures: { file: 'traces/locked.json', detail: 'EACCES' } },
    verbatimFigures: ['file', 'detail'],
  },
  cliNotSweepOutput: {
    en: (f) => `${str(f, 'file')}: is not a sweep output (${str(f, 'detail')})`,
    'zh-CN': (f) => `${str(f, 'file')}：不是 sweep 的输出（${str(f, 'detail')}）`,
    example: { severity: warning, figures: { file: 'shard-1.json', detail: 'Unexpected end of JSON input' } },
    verbatimFigures: ['file', 'detail'],
    quotes: ['sweep'],
  },

  // Outputs (exit 1 when refused before the run, 4 when a finished run's file could not be written).
  cliOutputRefused: {
    en: (f, c) => `--${str(f, 'option')} ${str(f, 'path')}: cannot write there: ${refusalText(f, c)} (nothing was run)`,
    'zh-CN': (f, c) => `--${str(f, 'option')} ${str(f, 'path')}：无法写到这里：${refusalText(f, c)}（未运行任何模拟）`,
    example: { severity: warning, figures: { option: 'report', path: 'out/r.html', why: 'folderNotWritable', folder: '/work/out', reason: 'denied', detail: null } },
    verbatimFigures: ['option', 'path', 'folder', 'detail'],
  },
  cliOutputFailed: {
    en: (f, c) => `--${str(f, 'option')} ${str(f, 'path')}: could not write the file: ${reasonText(f, c)} (any earlier file there is unchanged)`,
    'zh-CN': (f, c) => `--${str(f, 'option')} ${str(f, 'path')}：文件写入失败：${reasonText(f, c)}（原有的同名文件保持不变）`,
    example: { severity: warning, figures: { option: 'report', path: 'r.html', reason: 'full', written: 4096, bytes: 81_920, detail: null } },
    verbatimFigures: ['option', 'path', 'detail'],
  },
});
