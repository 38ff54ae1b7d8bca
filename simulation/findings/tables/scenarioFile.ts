/**
 * What the validator says about a scenario file's shape: its size and nesting
 * (`model/limits.ts`), its format and version (`model/migrate.ts`) and every rule of the
 * schema (`model/schema.ts`, through the validator's zod error map). The English is the
 * validator's `message`, word for word; the Chinese is what the app and `validate --lang
 * zh-CN` show. Field names and JSON snippets stay as they are written in the file.
 */
import type { Finding, SentenceContext } from '../finding';
import { defineSentences, num, quotingFileNames, str } from '../finding';

const grouped = (c: SentenceContext, n: number) => n.toLocaleString(c.lang === 'en' ? 'en-US' : 'zh-CN');

/** ` (did you mean "x"?)`, from a `suggestion` figure. */
export function didYouMeanText(f: Finding, c: SentenceContext): string {
  const hit = str(f, 'suggestion');
  if (hit === '') return '';
  return c.lang === 'en' ? ` (did you mean "${hit}"?)` : `（是否想写 "${hit}"？）`;
}

const typeNouns = {
  en: { object: 'an object', record: 'an object', array: 'a list', string: 'a string', number: 'a number', int: 'a whole number', boolean: 'a boolean (true or false)', null: 'null' },
  'zh-CN': { object: '对象', record: '对象', array: '列表', string: '字符串', number: '数字', int: '整数', boolean: '布尔值（true 或 false）', null: 'null' },
} as const;

/** `a number or a string`: the types of a `types` figure ("number|string") in the reader's words. */
function typeList(f: Finding, c: SentenceContext): string {
  const nouns: Record<string, string> = typeNouns[c.lang];
  const words = [...new Set(str(f, 'types').split('|').map((t) => nouns[t] ?? t))];
  if (words.length <= 1) return words[0] ?? '';
  const or = c.lang === 'en' ? ' or ' : '或';
  return `${words.slice(0, -1).join(c.lang === 'en' ? ', ' : '、')}${or}${words[words.length - 1] ?? ''}`;
}

/** The JSON values of a `values` figure (a JSON list of them, each already written as JSON). */
function values(f: Finding): string[] {
  const text = str(f, 'values');
  return text === '' ? [] : (JSON.parse(text) as string[]);
}

/** `[0, 1]`, `(0, 1]`: a range from its bounds and whether each end is open. */
function range(f: Finding): string {
  return `${f.figures.lowOpen === true ? '(' : '['}${str(f, 'low')}, ${str(f, 'high')}${f.figures.highOpen === true ? ')' : ']'}`;
}

const warning = 'warning' as const;

const distributionShape = '{"dist": "exponential" | "constant" | "uniform" | "erlang" | "lognormal" | "hyperexponential" | "empirical", …}';
const distributionExample = '{"dist": "exponential", "mean": …}';
const byClassShape = '{"byClass": {…}, "default": …}';
const arrivalShape = '{"process": "poisson" | "constant" | "bursty" | "closed", …}';
const balanceNames = '"round-robin", "random", "least-connections", "power-of-two", "weighted"';

export const scenarioFileSentences = quotingFileNames(
  defineSentences({
  // The file as a whole (model/limits.ts, model/migrate.ts, reading and parsing).
  fileTooLong: {
    en: (f) => `is ${(num(f, 'characters') / 1e6).toFixed(1)} million characters; a scenario file may have at most ${(num(f, 'limit') / 1e6).toFixed(0)} million`,
    'zh-CN': (f) => `共 ${(num(f, 'characters') / 1e6).toFixed(1)} 百万个字符；场景文件最多 ${(num(f, 'limit') / 1e6).toFixed(0)} 百万个字符`,
    example: { severity: warning, figures: { characters: 12_345_678, limit: 10_000_000 } },
  },
  fileNotJson: {
    en: (f) => `is not valid JSON${num(f, 'line') > 0 ? ` (line ${num(f, 'line')}, column ${num(f, 'column')})` : ''}: ${str(f, 'detail')}`,
    // The parser's detail is English: a Chinese reader is told the place and whether the file was cut off.
    'zh-CN': (f) =>
      `不是有效的 JSON${num(f, 'line') > 0 ? `（第 ${num(f, 'line')} 行，第 ${num(f, 'column')} 列）` : ''}${f.figures.truncated === true ? '：文件似乎被截断了' : ''}`,
    example: { severity: warning, figures: { detail: "Expected ',' or '}' after property value in JSON at position 42", truncated: false, line: 3, column: 7 } },
    verbatimFigures: ['detail'],
  },
  fileUnreadable: {
    en: (f) => `could not be read: ${str(f, 'detail')}`,
    'zh-CN': (f) => `无法读取：${str(f, 'detail')}`,
    example: { severity: warning, figures: { detail: 'Converting circular structure to JSON' } },
    verbatimFigures: ['detail'],
  },
  tooManyItemsOfKind: {
    en: (f, c) => {
      const n = num(f, 'count');
      const word = { nodes: ['node', 'nodes'], edges: ['edge', 'edges'], classes: ['class', 'classes'] }[str(f, 'field')] ?? ['item', 'items'];
      return `has ${grouped(c, n)} ${n === 1 ? word[0] : word[1]}; a scenario may have at most ${grouped(c, num(f, 'limit'))}`;
    },
    'zh-CN': (f, c) => {
      const word = { nodes: '个节点', edges: '条调用', classes: '个请求类别' }[str(f, 'field')] ?? '项';
      return `有 ${grouped(c, num(f, 'count'))} ${word}；一个场景最多 ${grouped(c, num(f, 'limit'))} ${word}`;
    },
    example: { severity: warning, figures: { field: 'nodes', count: 12_000, limit: 10_000 } },
    verbatimFigures: ['field'],
  },
  stringTooLong: {
    en: (f, c) => `is ${grouped(c, num(f, 'length'))} character${num(f, 'length') === 1 ? '' : 's'} long; at most ${grouped(c, num(f, 'limit'))} are allowed here`,
    'zh-CN': (f, c) => `长 ${grouped(c, num(f, 'length'))} 个字符；此处最多 ${grouped(c, num(f, 'limit'))} 个`,
    example: { severity: warning, figures: { length: 20_000, limit: 10_000 } },
  },
  nestedTooDeep: {
    en: (f) => `is nested ${num(f, 'depth')} levels deep; a scenario nests at most ${num(f, 'limit')}`,
    'zh-CN': (f) => `嵌套了 ${num(f, 'depth')} 层；场景最多嵌套 ${num(f, 'limit')} 层`,
    example: { severity: warning, figures: { depth: 65, limit: 64 } },
  },
  listTooLong: {
    en: (f, c) => `has ${grouped(c, num(f, 'count'))} item${num(f, 'count') === 1 ? '' : 's'}; a list may have at most ${grouped(c, num(f, 'limit'))}`,
    'zh-CN': (f, c) => `有 ${grouped(c, num(f, 'count'))} 项；一个列表最多 ${grouped(c, num(f, 'limit'))} 项`,
    example: { severity: warning, figures: { count: 200_000, limit: 100_000 } },
  },
  tooManyFields: {
    en: (f, c) => `has ${grouped(c, num(f, 'count'))} field${num(f, 'count') === 1 ? '' : 's'}; an object may have at most ${grouped(c, num(f, 'limit'))}`,
    'zh-CN': (f, c) => `有 ${grouped(c, num(f, 'count'))} 个字段；一个对象最多 ${grouped(c, num(f, 'limit'))} 个字段`,
    example: { severity: warning, figures: { count: 1500, limit: 1000 } },
  },
  fieldNameTooLong: {
    en: (f, c) => `has a field name ${grouped(c, num(f, 'length'))} character${num(f, 'length') === 1 ? '' : 's'} long; at most ${num(f, 'limit')} are allowed`,
    'zh-CN': (f, c) => `有一个字段名长 ${grouped(c, num(f, 'length'))} 个字符；最多 ${num(f, 'limit')} 个`,
    example: { severity: warning, figures: { length: 300, limit: 128 } },
  },
  notAnObject: {
    en: (f, c) => `must be a JSON object (a Headroom scenario, "format": "${str(f, 'format')}"), not ${typeList(f, c)}`,
    'zh-CN': (f, c) => `必须是 JSON 对象（Headroom 场景，"format": "${str(f, 'format')}"），而不是${typeList(f, c)}`,
    example: { severity: warning, figures: { format: 'headroom/scenario', types: 'array' } },
    verbatimFigures: ['format'],
  },
  wrongFormat: {
    en: (f) => `must be "${str(f, 'format')}"${str(f, 'found') === '' ? '' : ` (this is a ${str(f, 'found')} document, not a scenario)`}`,
    'zh-CN': (f) => `必须是 "${str(f, 'format')}"${str(f, 'found') === '' ? '' : `（这是 ${str(f, 'found')} 文档，不是场景）`}`,
    example: { severity: warning, figures: { format: 'headroom/scenario', found: 'headroom/result' } },
    verbatimFigures: ['format', 'found'],
  },
  versionMissing: {
    en: (f) => `is missing: a scenario file states its format version ("version": ${num(f, 'current')})`,
    'zh-CN': (f) => `缺失：场景文件须写明格式版本（"version": ${num(f, 'current')}）`,
    example: { severity: warning, figures: { current: 1 } },
    quotes: ['"version"'],
  },
  versionNotWhole: {
    en: (f) => `must be a whole number (this Headroom reads versions ${num(f, 'oldest')} to ${num(f, 'current')}), not ${str(f, 'value')}`,
    'zh-CN': (f) => `必须是整数（此版本的 Headroom 可读取版本 ${num(f, 'oldest')} 到 ${num(f, 'current')}），而不是 ${str(f, 'value')}`,
    example: { severity: warning, figures: { oldest: 1, current: 1, value: '"one"' } },
    verbatimFigures: ['value'],
  },
  versionTooNew: {
    en: (f) => `this file is version ${num(f, 'version')}; this Headroom reads up to version ${num(f, 'current')}`,
    'zh-CN': (f) => `此文件是版本 ${num(f, 'version')}；此版本的 Headroom 最高只能读取版本 ${num(f, 'current')}`,
    example: { severity: warning, figures: { version: 2, current: 1 } },
  },
  versionTooOld: {
    en: (f) => `version ${num(f, 'version')} is older than any this Headroom can read (${num(f, 'oldest')} to ${num(f, 'current')})`,
    'zh-CN': (f) => `版本 ${num(f, 'version')} 太旧，此版本的 Headroom 无法读取（可读取 ${num(f, 'oldest')} 到 ${num(f, 'current')}）`,
    example: { severity: warning, figures: { version: 0, oldest: 1, current: 1 } },
  },
  noMigration: {
    en: (f) => `no migration from version ${num(f, 'from')} to ${num(f, 'from') + 1}`,
    'zh-CN': (f) => `没有从版本 ${num(f, 'from')} 到 ${num(f, 'from') + 1} 的迁移`,
    example: { severity: warning, figures: { from: 0 } },
  },

  // What the editor needs before it can show a file at all (model/openable.ts).
  openNotJson: {
    en: (f) => `not valid JSON${num(f, 'line') > 0 ? ` (line ${num(f, 'line')}, column ${num(f, 'column')})` : ''}: ${str(f, 'detail')}`,
    'zh-CN': (f) =>
      `不是有效的 JSON${num(f, 'line') > 0 ? `（第 ${num(f, 'line')} 行，第 ${num(f, 'column')} 列）` : ''}${f.figures.truncated === true ? '：文件似乎被截断了' : ''}`,
    example: { severity: warning, figures: { detail: 'Unexpected end of JSON input', truncated: true, line: 3, column: 7 } },
  },
  openNotScenario: { en: () => 'not a scenario object', 'zh-CN': () => '不是场景对象', example: { severity: warning, figures: {} } },
  openNeedsList: {
    en: (f) => `must be a list of ${str(f, 'list') === 'edges' ? 'calls' : 'nodes'}`,
    'zh-CN': (f) => `必须是${str(f, 'list') === 'edges' ? '调用' : '节点'}列表`,
    example: { severity: warning, figures: { list: 'edges' } },
  },
  openNeedsRun: { en: () => 'must be an object with the run settings', 'zh-CN': () => '必须是包含运行设置的对象', example: { severity: warning, figures: {} } },
  openIdTwice: {
    en: (f) => `"${str(f, 'id')}" is used twice`,
    'zh-CN': (f) => `"${str(f, 'id')}" 被用了两次`,
    example: { severity: warning, figures: { id: 'api' } },
  },
  openBadPosition: { en: () => 'must be {"x": number, "y": number}', 'zh-CN': () => '必须是 {"x": 数字, "y": 数字}', example: { severity: warning, figures: {} } },
  openSourceNeedsArrival: { en: () => 'a source needs an arrival process', 'zh-CN': () => '来源需要到达过程', example: { severity: warning, figures: {} } },
  openBadEdge: { en: () => 'must be {"from": id, "to": id, …}', 'zh-CN': () => '必须是 {"from": id, "to": id, …}', example: { severity: warning, figures: {} } },

  // The schema's rules, worded by the validator's error map and the schema itself.
  fieldRequired: {
    en: (f) => (values(f).length === 0 ? 'is required' : `is required: ${values(f).join(' or ')}`),
    'zh-CN': (f) => (values(f).length === 0 ? '必须填写' : `必须填写：${values(f).join(' 或 ')}`),
    example: { severity: warning, figures: { values: JSON.stringify(['"sync"', '"async"']) } },
  },
  fieldRequiredOneOf: {
    en: (f) => `is required: one of ${str(f, 'options')}`,
    'zh-CN': (f) => `必须填写，取值之一：${str(f, 'options')}`,
    example: { severity: warning, figures: { options: '"poisson", "constant"' } },
    verbatimFigures: ['options'],
  },
  unknownField: {
    en: (f, c) => `unknown field "${str(f, 'field')}"${didYouMeanText(f, c)}`,
    'zh-CN': (f, c) => `未知字段 "${str(f, 'field')}"${didYouMeanText(f, c)}`,
    example: { severity: warning, figures: { field: 'wokers', suggestion: 'workers' } },
    verbatimFigures: ['field', 'suggestion'],
  },
  notOneOf: {
    en: (f, c) => `must be one of ${str(f, 'options')}${str(f, 'value') === '' ? '' : `, not ${str(f, 'value')}`}${didYouMeanText(f, c)}`,
    'zh-CN': (f, c) => `必须是 ${str(f, 'options')} 之一${str(f, 'value') === '' ? '' : `，而不是 ${str(f, 'value')}`}${didYouMeanText(f, c)}`,
    example: { severity: warning, figures: { options: '"sync", "async"', value: '"asynch"', suggestion: 'async' } },
    verbatimFigures: ['options', 'value', 'suggestion'],
  },
  mustBeEither: {
    en: (f) => `must be ${values(f).join(' or ')}`,
    'zh-CN': (f) => `必须是 ${values(f).join(' 或 ')}`,
    example: { severity: warning, figures: { values: JSON.stringify(['"sync"', '"async"']) } },
  },
  mustBeValue: {
    en: (f) => `must be ${str(f, 'value')}`,
    'zh-CN': (f) => `必须是 ${str(f, 'value')}`,
    example: { severity: warning, figures: { value: '"max"' } },
    verbatimFigures: ['value'],
  },
  invalidKey: {
    en: (f, c) => `is not a valid key${str(f, 'inner') === '' ? '' : `: ${c.finding(str(f, 'inner'))}`}`,
    'zh-CN': (f, c) => `不是有效的键${str(f, 'inner') === '' ? '' : `：${c.finding(str(f, 'inner'))}`}`,
    example: { severity: warning, figures: { inner: JSON.stringify({ code: 'idCharacters', severity: warning, figures: {} }) } },
  },
  wrongType: {
    en: (f, c) => `must be ${typeList(f, c)}`,
    'zh-CN': (f, c) => `必须是${typeList(f, c)}`,
    example: { severity: warning, figures: { types: 'number|string' } },
  },
  listTooShort: {
    en: (f) => `needs at least ${num(f, 'min')} item${num(f, 'min') === 1 ? '' : 's'}`,
    'zh-CN': (f) => `至少需要 ${num(f, 'min')} 项`,
    example: { severity: warning, figures: { min: 1 } },
  },
  listAtMost: {
    en: (f) => `may have at most ${num(f, 'max')} items`,
    'zh-CN': (f) => `最多 ${num(f, 'max')} 项`,
    example: { severity: warning, figures: { max: 64 } },
  },
  stringEmpty: { en: () => 'must not be empty', 'zh-CN': () => '不能为空', example: { severity: warning, figures: {} } },
  numberAtLeast: {
    en: (f) => (f.figures.exclusive === true ? `must be greater than ${str(f, 'min')}` : `must be at least ${str(f, 'min')}`),
    'zh-CN': (f) => (f.figures.exclusive === true ? `必须大于 ${str(f, 'min')}` : `至少为 ${str(f, 'min')}`),
    example: { severity: warning, figures: { min: 1, exclusive: false } },
  },
  numberAtMost: {
    en: (f) => (f.figures.exclusive === true ? `must be less than ${str(f, 'max')}` : `must be at most ${str(f, 'max')}`),
    'zh-CN': (f) => (f.figures.exclusive === true ? `必须小于 ${str(f, 'max')}` : `最多为 ${str(f, 'max')}`),
    example: { severity: warning, figures: { max: 1_000_000, exclusive: false } },
  },
  badFormat: {
    en: (f) => (str(f, 'pattern') === '' ? `must be a valid ${str(f, 'format')}` : `must match ${str(f, 'pattern')}`),
    'zh-CN': (f) => (str(f, 'pattern') === '' ? `必须是有效的 ${str(f, 'format')}` : `必须匹配 ${str(f, 'pattern')}`),
    example: { severity: warning, figures: { format: 'regex', pattern: '/^[A-Za-z0-9_-]+$/' } },
    verbatimFigures: ['format', 'pattern'],
  },
  mustBeNumber: { en: () => 'must be a number', 'zh-CN': () => '必须是数字', example: { severity: warning, figures: {} } },
  mustBeInteger: { en: () => 'must be an integer', 'zh-CN': () => '必须是整数', example: { severity: warning, figures: {} } },
  mustBePositive: { en: () => 'must be greater than 0', 'zh-CN': () => '必须大于 0', example: { severity: warning, figures: {} } },
  mustBeNonNegative: { en: () => 'must be 0 or more', 'zh-CN': () => '必须大于或等于 0', example: { severity: warning, figures: {} } },
  mustBePositiveInteger: { en: () => 'must be a positive integer', 'zh-CN': () => '必须是正整数', example: { severity: warning, figures: {} } },
  mustBeCount: { en: () => 'must be a whole number, 0 or more', 'zh-CN': () => '必须是大于或等于 0 的整数', example: { severity: warning, figures: {} } },
  mustBeString: { en: () => 'must be a string', 'zh-CN': () => '必须是字符串', example: { severity: warning, figures: {} } },
  mustBeShare: { en: () => 'must be a number in [0, 1]', 'zh-CN': () => '必须是 [0, 1] 内的数', example: { severity: warning, figures: {} } },
  mustBeInRange: {
    en: (f) => `must be in ${range(f)}`,
    'zh-CN': (f) => `必须在 ${range(f)} 之内`,
    example: { severity: warning, figures: { low: 0, high: 1, lowOpen: true, highOpen: false } },
  },
  idCharacters: {
    en: () => 'may contain only letters, digits, "-" and "_"',
    'zh-CN': () => '只能包含字母、数字、"-" 和 "_"',
    example: { severity: warning, figures: {} },
  },
  idReserved: {
    en: () => '"__proto__" is reserved and cannot be a name: choose another',
    'zh-CN': () => '"__proto__" 是保留字，不能用作名称：请换一个',
    example: { severity: warning, figures: {} },
    quotes: ['__proto__'],
  },
  maxBelowMin: { en: () => 'max must be at least min', 'zh-CN': () => 'max 不能小于 min', example: { severity: warning, figures: {} }, quotes: ['max'] },
  cvNotAboveOne: {
    en: () => 'must be greater than 1 (use exponential for cv = 1)',
    'zh-CN': () => '必须大于 1（cv = 1 时请用 exponential 分布）',
    example: { severity: warning, figures: {} },
    quotes: ['exponential'],
  },
  needsSample: { en: () => 'needs at least one sample', 'zh-CN': () => '至少需要一个样本', example: { severity: warning, figures: {} } },
  needsProfilePoint: { en: () => 'needs at least one point', 'zh-CN': () => '至少需要一个点', example: { severity: warning, figures: {} } },
  needsPerReplicaNumber: { en: () => 'needs one number per replica', 'zh-CN': () => '每个副本需要一个数', example: { severity: warning, figures: {} } },
  needsValue: { en: () => 'needs at least one value', 'zh-CN': () => '至少需要一个取值', example: { severity: warning, figures: {} } },
  mustNameField: { en: () => 'must name a field', 'zh-CN': () => '必须指明一个字段', example: { severity: warning, figures: {} } },
  mustBeDistribution: {
    en: () => `must be a distribution: ${distributionShape}`,
    'zh-CN': () => `必须是分布：${distributionShape}`,
    example: { severity: warning, figures: {} },
    quotes: [distributionShape],
  },
  mustBeDistributionOrByClass: {
    en: () => `must be a distribution (${distributionExample} and the like) or a per-class map ${byClassShape}`,
    'zh-CN': () => `必须是分布（如 ${distributionExample}）或按请求类别的映射 ${byClassShape}`,
    example: { severity: warning, figures: {} },
    quotes: [distributionExample, byClassShape],
  },
  mustBeShareOrByClass: {
    en: () => `must be a number in [0, 1] or a per-class map ${byClassShape}`,
    'zh-CN': () => `必须是 [0, 1] 内的数或按请求类别的映射 ${byClassShape}`,
    example: { severity: warning, figures: {} },
    quotes: [byClassShape],
  },
  mustBePopularity: {
    en: () => 'must be "uniform" or {"zipf": s} with s > 0',
    'zh-CN': () => '必须是 "uniform" 或 {"zipf": s}（s > 0）',
    example: { severity: warning, figures: {} },
    quotes: ['"uniform"', '{"zipf": s}'],
  },
  mustBeBalance: {
    en: () => `must be one of ${balanceNames}`,
    'zh-CN': () => `必须是 ${balanceNames} 之一`,
    example: { severity: warning, figures: {} },
    quotes: [balanceNames],
  },
  mustBeArrival: {
    en: () => `must be an arrival process: ${arrivalShape}`,
    'zh-CN': () => `必须是到达过程：${arrivalShape}`,
    example: { severity: warning, figures: {} },
    quotes: [arrivalShape],
  },
  mustBeNode: {
    en: (f) => `must be a node with "kind" one of ${str(f, 'kinds')}`,
    'zh-CN': (f) => `必须是节点，"kind" 取 ${str(f, 'kinds')} 之一`,
    example: { severity: warning, figures: { kinds: '"source", "gateway", "service"' } },
    verbatimFigures: ['kinds'],
    quotes: ['"kind"'],
  },
  mustBeCalls: {
    en: () => 'must be a number of calls (2.5: two, and a third half the time) or {"mean": m, "dist": "geometric"}',
    'zh-CN': () => '必须是调用次数（2.5：两次，另有一半概率再调用一次）或 {"mean": m, "dist": "geometric"}',
    example: { severity: warning, figures: {} },
  },
  mustBeJoin: {
    en: () => 'must be "all" (every member answered), "any" (the first) or {"quorum": k} (k of them)',
    'zh-CN': () => '必须是 "all"（所有成员都已应答）、"any"（第一个应答）或 {"quorum": k}（其中 k 个应答）',
    example: { severity: warning, figures: {} },
    quotes: ['"all"', '"any"', '{"quorum": k}'],
  },
  mustBePool: {
    en: () => 'must be a number of connections, or {"size": n, "queue": q, "timeout": s} ("queue" and "timeout" optional)',
    'zh-CN': () => '必须是连接数，或 {"size": n, "queue": q, "timeout": s}（"queue" 与 "timeout" 可省略）',
    example: { severity: warning, figures: {} },
    quotes: ['{"size": n, "queue": q, "timeout": s}'],
  },
  mustBeShed: {
    en: () => 'must be "newest" (a full queue rejects the arrival), "oldest" (it drops the longest waiting) or {"codel": {"target": s, "interval": s}} (drop by waiting time; both optional, 5 ms and 100 ms)',
    'zh-CN': () => '必须是 "newest"（队列满时拒绝新到的请求）、"oldest"（丢弃等待最久的请求）或 {"codel": {"target": s, "interval": s}}（按等待时间丢弃；两项都可省略，默认 5 毫秒与 100 毫秒）',
    example: { severity: warning, figures: {} },
    quotes: ['"newest"', '"oldest"', '{"codel": {"target": s, "interval": s}}'],
  },
  mustBeCodel: {
    en: () => 'must be an object {"target": s, "interval": s} (seconds, both optional: 0.005 and 0.1 by default)',
    'zh-CN': () => '必须是对象 {"target": s, "interval": s}（单位为秒，两项都可省略：默认 0.005 与 0.1）',
    example: { severity: warning, figures: {} },
    quotes: ['{"target": s, "interval": s}'],
  },
  mustBeBacklogBound: {
    en: () => 'must be a number of messages, or an object of queue ids and numbers ({"rabbitmq": 1000})',
    'zh-CN': () => '必须是消息条数，或以队列 id 为键、条数为值的对象（{"rabbitmq": 1000}）',
    example: { severity: warning, figures: {} },
    quotes: ['{"rabbitmq": 1000}'],
  },
  mustBeEventAction: {
    en: () => 'must be an event with "action" "restart", "failover", "deploy" or "flush"',
    'zh-CN': () => '必须是 "action" 为 "restart"、"failover"、"deploy" 或 "flush" 的事件',
    example: { severity: warning, figures: {} },
    quotes: ['"action"', '"restart"', '"failover"', '"deploy"', '"flush"'],
  },
  mustBeCountOrPercent: {
    en: () => 'must be a number of pods (0, 1, 2, …) or a share of them as "25%"',
    'zh-CN': () => '必须是实例个数（0、1、2……）或以 "25%" 表示的比例',
    example: { severity: warning, figures: {} },
    quotes: ['"25%"'],
  },
}),
);
