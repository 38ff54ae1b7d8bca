/**
 * What `import traces` says about a file that is not a usable trace export
 * (`import/parse.ts`, `import/infer.ts`). Every sentence starts with where: the file,
 * and the span's place in it as a JSON path, written as it is in every language.
 */
import type { Finding } from '../finding';
import { defineSentences, num, str } from '../finding';

const warning = 'warning' as const;

/** Where in the file: `f.json: resourceSpans[0].scopeSpans[0].spans[3]`. */
const at = (f: Finding) => str(f, 'where');

const grouped = (n: number) => n.toLocaleString('en-US');

export const traceFileSentences = defineSentences({
  traceFileTooLarge: {
    en: (f) => `${at(f)}: ${str(f, 'megabytes')} MB is more than the ${num(f, 'limit')} MB a trace file may have; export fewer traces`,
    'zh-CN': (f) => `${at(f)}：${str(f, 'megabytes')} MB，超过了追踪文件允许的 ${num(f, 'limit')} MB；请少导出一些追踪`,
    example: { severity: warning, figures: { where: 'big.json', megabytes: '300', limit: 256 } },
    verbatimFigures: ['where'],
    quotes: ['MB'],
  },
  traceNotJson: {
    en: (f) => {
      const place = f.figures.line === null ? `end of file (${num(f, 'characters')} characters)` : `line ${num(f, 'line')}, column ${num(f, 'column')}`;
      return `${at(f)}: not valid JSON at ${place}${f.figures.truncated === true ? ' — the file looks cut short' : ''} (${str(f, 'detail')})`;
    },
    'zh-CN': (f) => {
      const place = f.figures.line === null ? `文件末尾（共 ${num(f, 'characters')} 个字符）` : `第 ${num(f, 'line')} 行第 ${num(f, 'column')} 列`;
      return `${at(f)}：${place}处不是有效的 JSON${f.figures.truncated === true ? '，文件似乎被截断了' : ''}（${str(f, 'detail')}）`;
    },
    example: { severity: warning, figures: { where: 'cut.json', line: 3, column: 17, characters: 420, truncated: true, detail: 'Unexpected end of JSON input' } },
    verbatimFigures: ['where', 'detail'],
  },
  traceTooManySpans: {
    en: (f) => `${at(f)}: more than ${grouped(num(f, 'limit'))} spans (at least ${grouped(num(f, 'count'))}); import a sample of the traces (a few thousand requests are plenty)`,
    'zh-CN': (f) => `${at(f)}：span 超过 ${grouped(num(f, 'limit'))} 个（至少 ${grouped(num(f, 'count'))} 个）；请只导入部分追踪（几千个请求就足够了）`,
    example: { severity: warning, figures: { where: 'all.json', limit: 200_000, count: 1_000_000 } },
    verbatimFigures: ['where'],
    quotes: ['span'],
  },
  traceNotList: {
    en: (f) => `${at(f)}: ${f.figures.field === 'data' ? 'data must be a list of traces' : `${str(f, 'field')} must be a list`}`,
    'zh-CN': (f) => `${at(f)}：${str(f, 'field')} 必须是${f.figures.field === 'data' ? '追踪的列表' : '列表'}`,
    example: { severity: warning, figures: { where: 'otlp.json', field: 'resourceSpans' } },
    verbatimFigures: ['where', 'field'],
  },
  traceNotObject: {
    en: (f) => `${at(f)}: ${f.figures.item ? `${str(f, 'item')} ` : ''}must be an object`,
    'zh-CN': (f) => `${at(f)}：${f.figures.item ? `${str(f, 'item')} ` : ''}必须是对象`,
    example: { severity: warning, figures: { where: 'otlp.json', item: 'resourceSpans[2]' } },
    verbatimFigures: ['where', 'item'],
  },
  traceNotTrace: {
    en: (f) => `${at(f)}: data[${num(f, 'index')}] must be a trace with a list of spans`,
    'zh-CN': (f) => `${at(f)}：data[${num(f, 'index')}] 必须是带有 spans 列表的追踪`,
    example: { severity: warning, figures: { where: 'jaeger.json', index: 4 } },
    verbatimFigures: ['where'],
    quotes: ['data[', 'spans'],
  },
  traceIdMissing: {
    en: (f) => `${at(f)}: ${str(f, 'field')} is missing`,
    'zh-CN': (f) => `${at(f)}：缺少 ${str(f, 'field')}`,
    example: { severity: warning, figures: { where: 'otlp.json: resourceSpans[0].scopeSpans[0].spans[3]', field: 'spanId' } },
    verbatimFigures: ['where', 'field'],
  },
  traceTimeNotNumber: {
    en: (f) => `${at(f)}: expected ${f.figures.unit === 'nanoseconds' ? 'nanoseconds as a whole number' : f.figures.unit === 'duration' ? 'microseconds ≥ 0' : 'microseconds as a number'}, got ${str(f, 'value')}`,
    'zh-CN': (f) => `${at(f)}：应为${f.figures.unit === 'nanoseconds' ? '整数纳秒' : f.figures.unit === 'duration' ? '不小于 0 的微秒数' : '微秒数'}，实际为 ${str(f, 'value')}`,
    example: { severity: warning, figures: { where: 'otlp.json: resourceSpans[0].scopeSpans[0].spans[3].startTimeUnixNano', unit: 'nanoseconds', value: '"soon"' } },
    verbatimFigures: ['where', 'value'],
  },
  traceNotTraceFile: {
    en: (f) =>
      `${at(f)}: not a trace file: expected OpenTelemetry OTLP JSON (an object with "resourceSpans") or a Jaeger export (an object with "data", a list of traces with "spans")`,
    'zh-CN': (f) => `${at(f)}：不是追踪文件：应为 OpenTelemetry OTLP JSON（带 "resourceSpans" 的对象）或 Jaeger 导出文件（带 "data" 的对象，即带 "spans" 的追踪列表）`,
    example: { severity: warning, figures: { where: 'scenario.json' } },
    verbatimFigures: ['where'],
    quotes: ['OpenTelemetry', 'OTLP', 'Jaeger', '"resourceSpans"', '"data"', '"spans"'],
  },
  traceEndsBeforeStart: {
    en: (f) => `${at(f)}: ends before it starts`,
    'zh-CN': (f) => `${at(f)}：结束时间早于开始时间`,
    example: { severity: warning, figures: { where: 'jaeger.json: data[0].spans[7]' } },
    verbatimFigures: ['where'],
  },
  traceNoSpans: {
    en: () => 'the files hold no spans',
    'zh-CN': () => '这些文件里没有任何 span',
    example: { severity: warning, figures: {} },
    quotes: ['span'],
  },
  traceCycle: {
    en: (f) => `${at(f)}: trace ${str(f, 'trace')} has a cycle of parent ids (span ${str(f, 'span')} is its own ancestor); ${grouped(num(f, 'unreached'))} of its spans reach no root`,
    'zh-CN': (f) => `${at(f)}：追踪 ${str(f, 'trace')} 的父 id 构成了环（span ${str(f, 'span')} 是它自己的祖先）；它有 ${grouped(num(f, 'unreached'))} 个 span 到达不了根`,
    example: { severity: warning, figures: { where: 'otlp.json: resourceSpans[0].scopeSpans[0].spans[1]', trace: 't1', span: 'b2', unreached: 3 } },
    verbatimFigures: ['where', 'trace', 'span'],
    quotes: ['span'],
  },
});
