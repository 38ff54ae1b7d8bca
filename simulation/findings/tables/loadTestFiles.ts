/**
 * What `headroom fit` says about a load-test file it cannot use (Locust CSV, k6 summary
 * JSON, JMeter JTL; `import/loadTests/`) and about a fit it cannot make. Every sentence
 * about a file starts with the file and, where there is one, the line.
 */
import type { Finding } from '../finding';
import { defineSentences, num, str } from '../finding';

const warning = 'warning' as const;

const at = (f: Finding) => (f.figures.line === null || f.figures.line === undefined ? str(f, 'file') : `${str(f, 'file')}:${num(f, 'line')}`);

export const loadTestFileSentences = defineSentences({
  loadTestTooLarge: {
    en: (f) => `${str(f, 'file')}: ${num(f, 'megabytes')} MB is more than the ${num(f, 'limit')} MB a load-test file may have; export a shorter test or a sample`,
    'zh-CN': (f) => `${str(f, 'file')}：${num(f, 'megabytes')} MB，超过了压测文件允许的 ${num(f, 'limit')} MB；请导出更短的测试或其中一部分`,
    example: { severity: warning, figures: { file: 'results.jtl', megabytes: 900, limit: 256 } },
    verbatimFigures: ['file'],
    quotes: ['MB'],
  },
  loadTestTooManyRows: {
    en: (f) => `${str(f, 'file')}: more than ${num(f, 'limit').toLocaleString('en-US')} rows; fit a shorter stretch of the test`,
    'zh-CN': (f) => `${str(f, 'file')}：超过 ${num(f, 'limit').toLocaleString('en-US')} 行；请只拟合测试中较短的一段`,
    example: { severity: warning, figures: { file: 'results.jtl', limit: 1_000_000 } },
    verbatimFigures: ['file'],
  },
  loadTestUnclosedQuote: {
    en: (f) => `${at(f)}: a quoted field is not closed — the file looks cut short`,
    'zh-CN': (f) => `${at(f)}：带引号的字段没有结束，文件似乎被截断了`,
    example: { severity: warning, figures: { file: 'results.jtl', line: 812 } },
    verbatimFigures: ['file'],
  },
  loadTestMissingColumn: {
    en: (f) => `${at(f)}: no column "${str(f, 'column')}" in the header (it starts ${str(f, 'found')})`,
    'zh-CN': (f) => `${at(f)}：表头中没有 "${str(f, 'column')}" 列（表头开头为 ${str(f, 'found')}）`,
    example: { severity: warning, figures: { file: 'stats_history.csv', line: 1, column: 'Total Request Count', found: 'Timestamp,Users,Name' } },
    verbatimFigures: ['file', 'column', 'found'],
  },
  loadTestShortRow: {
    en: (f) => `${at(f)}: the line has only ${num(f, 'fields')} fields, no "${str(f, 'column')}" — the file looks cut short`,
    'zh-CN': (f) => `${at(f)}：这一行只有 ${num(f, 'fields')} 个字段，缺少 "${str(f, 'column')}"，文件似乎被截断了`,
    example: { severity: warning, figures: { file: 'results.jtl', line: 5001, fields: 3, column: 'success' } },
    verbatimFigures: ['file', 'column'],
  },
  loadTestNotNumber: {
    en: (f) => `${at(f)}: "${str(f, 'column')}" should be a number, got "${str(f, 'value')}"`,
    'zh-CN': (f) => `${at(f)}："${str(f, 'column')}" 应为数字，实际为 "${str(f, 'value')}"`,
    example: { severity: warning, figures: { file: 'results.jtl', line: 7, column: 'elapsed', value: 'slow' } },
    verbatimFigures: ['file', 'column', 'value'],
  },
  loadTestNotBoolean: {
    en: (f) => `${at(f)}: "${str(f, 'column')}" should be true or false, got "${str(f, 'value')}"`,
    'zh-CN': (f) => `${at(f)}："${str(f, 'column')}" 应为 true 或 false，实际为 "${str(f, 'value')}"`,
    example: { severity: warning, figures: { file: 'results.jtl', line: 7, column: 'success', value: 'maybe' } },
    verbatimFigures: ['file', 'column', 'value'],
    quotes: ['true', 'false'],
  },
  loadTestNotJtl: {
    en: (f) => `${at(f)}: not a JMeter CSV results file: expected a header line with timeStamp, elapsed, label and success (set jmeter.save.saveservice.print_field_names=true)`,
    'zh-CN': (f) => `${at(f)}：不是 JMeter 的 CSV 结果文件：第一行应是含 timeStamp、elapsed、label 和 success 的表头（请设置 jmeter.save.saveservice.print_field_names=true）`,
    example: { severity: warning, figures: { file: 'scenario.json', line: 1 } },
    verbatimFigures: ['file'],
    quotes: ['JMeter', 'CSV', 'timeStamp', 'elapsed', 'label', 'success', 'jmeter.save.saveservice.print_field_names=true'],
  },
  loadTestNotLocustHistory: {
    en: (f) => `${at(f)}: not a Locust stats history: expected the header of PREFIX_stats_history.csv (Timestamp,User Count,Type,Name,…), as locust --csv PREFIX writes it`,
    'zh-CN': (f) => `${at(f)}：不是 Locust 的统计历史：应为 PREFIX_stats_history.csv 的表头（Timestamp,User Count,Type,Name,…），即 locust --csv PREFIX 所写的文件`,
    example: { severity: warning, figures: { file: 'results.jtl', line: 1 } },
    verbatimFigures: ['file'],
    quotes: ['Locust', 'PREFIX_stats_history.csv', 'Timestamp,User Count,Type,Name,…', 'locust --csv PREFIX'],
  },
  loadTestNotLocustStats: {
    en: (f) => `${at(f)}: not a Locust stats file: expected the header of PREFIX_stats.csv (Type,Name,Request Count,Failure Count,…)`,
    'zh-CN': (f) => `${at(f)}：不是 Locust 的统计文件：应为 PREFIX_stats.csv 的表头（Type,Name,Request Count,Failure Count,…）`,
    example: { severity: warning, figures: { file: 'run_stats.csv', line: 1 } },
    verbatimFigures: ['file'],
    quotes: ['Locust', 'PREFIX_stats.csv', 'Type,Name,Request Count,Failure Count,…'],
  },
  loadTestNoAggregated: {
    en: (f) => `${str(f, 'file')}: no "Aggregated" rows: the history has nothing over time to replay`,
    'zh-CN': (f) => `${str(f, 'file')}：没有 "Aggregated" 行：历史中没有可以重放的随时间变化的数据`,
    example: { severity: warning, figures: { file: 'run_stats_history.csv' } },
    verbatimFigures: ['file'],
    quotes: ['"Aggregated"'],
  },
  loadTestCountsGoBack: {
    en: (f) => `${at(f)}: "${str(f, 'column')}" is smaller than on the row before; the history must count up (were two runs written into one file?)`,
    'zh-CN': (f) => `${at(f)}："${str(f, 'column')}" 比上一行小；历史中的累计数只能增加（是否把两次运行写进了同一个文件？）`,
    example: { severity: warning, figures: { file: 'run_stats_history.csv', line: 40, column: 'Total Request Count' } },
    verbatimFigures: ['file', 'column'],
  },
  loadTestNoRequests: {
    en: (f) => `${str(f, 'file')}: the test made no requests`,
    'zh-CN': (f) => `${str(f, 'file')}：测试没有发出任何请求`,
    example: { severity: warning, figures: { file: 'results.jtl' } },
    verbatimFigures: ['file'],
  },
  loadTestNotJson: {
    en: (f) => `${at(f)}: not valid JSON${f.figures.truncated === true ? ' — the file looks cut short' : ''} (${str(f, 'detail')})`,
    'zh-CN': (f) => `${at(f)}：不是有效的 JSON${f.figures.truncated === true ? '，文件似乎被截断了' : ''}（${str(f, 'detail')}）`,
    example: { severity: warning, figures: { file: 'summary.json', line: 12, truncated: true, detail: 'Unexpected end of JSON input' } },
    verbatimFigures: ['file', 'detail'],
  },
  loadTestNotK6: {
    en: (f) => `${str(f, 'file')}: not a k6 summary: expected an object with "metrics" (k6 run --summary-export FILE, or handleSummary's data as JSON)`,
    'zh-CN': (f) => `${str(f, 'file')}：不是 k6 的汇总：应为带 "metrics" 的对象（k6 run --summary-export FILE，或以 JSON 写出的 handleSummary 数据）`,
    example: { severity: warning, figures: { file: 'results.jtl' } },
    verbatimFigures: ['file'],
    quotes: ['k6 run --summary-export FILE', 'k6', '"metrics"', 'handleSummary', 'JSON'],
  },
  loadTestK6Metric: {
    en: (f) => `${str(f, 'file')}: metrics["${str(f, 'metric')}"] has no ${str(f, 'field')}`,
    'zh-CN': (f) => `${str(f, 'file')}：metrics["${str(f, 'metric')}"] 中没有 ${str(f, 'field')}`,
    example: { severity: warning, figures: { file: 'summary.json', metric: 'http_reqs', field: 'count' } },
    verbatimFigures: ['file', 'metric', 'field'],
    quotes: ['metrics["'],
  },

  // The fit itself (exit 1: the scenario and the test do not go together; exit 2: the command line).
  fitOneTest: {
    en: () => 'fit takes one scenario file and exactly one of --locust history.csv, --k6 summary.json or --jmeter results.jtl',
    'zh-CN': () => 'fit 需要一个场景文件，以及 --locust history.csv、--k6 summary.json、--jmeter results.jtl 三者之一',
    example: { severity: warning, figures: {} },
    quotes: ['fit', '--locust history.csv', '--k6 summary.json', '--jmeter results.jtl'],
  },
  fitMapEntry: {
    en: (f) => `--map: expected NAME=CLASS_ID (the endpoint's name in the test, then a class id of the scenario), got "${str(f, 'value')}"`,
    'zh-CN': (f) => `--map：应为 NAME=CLASS_ID（先是测试中的端点名称，再是场景中的类别 id），实际为 "${str(f, 'value')}"`,
    example: { severity: warning, figures: { value: 'GET /items' } },
    verbatimFigures: ['value'],
    quotes: ['--map', 'NAME=CLASS_ID'],
  },
  fitMapUnknownClass: {
    en: (f) => `--map ${str(f, 'name')}=${str(f, 'cls')}: the scenario has no class "${str(f, 'cls')}" (its classes: ${str(f, 'classes')})`,
    'zh-CN': (f) => `--map ${str(f, 'name')}=${str(f, 'cls')}：场景中没有类别 "${str(f, 'cls')}"（已有类别：${str(f, 'classes')}）`,
    example: { severity: warning, figures: { name: 'GET /items', cls: 'reads', classes: 'read, write' } },
    verbatimFigures: ['name', 'cls', 'classes'],
    quotes: ['--map'],
  },
  fitSource: {
    en: (f) => (f.figures.count === 0 ? 'the scenario has no source to replay the test at' : `the scenario has ${num(f, 'count')} sources (${str(f, 'sources')}): name the one the test played with --source ID`),
    'zh-CN': (f) => (f.figures.count === 0 ? '场景中没有可以重放测试的来源' : `场景中有 ${num(f, 'count')} 个来源（${str(f, 'sources')}）：请用 --source ID 指明测试所对应的来源`),
    example: { severity: warning, figures: { count: 2, sources: 'web, mobile' } },
    verbatimFigures: ['sources'],
    quotes: ['--source ID'],
  },
  fitNoMatch: {
    en: (f) => `no endpoint of the test is a class of the scenario (endpoints: ${str(f, 'endpoints')}; classes: ${str(f, 'classes')}); map them with --map NAME=CLASS_ID`,
    'zh-CN': (f) => `测试中没有任何端点对应场景中的类别（端点：${str(f, 'endpoints')}；类别：${str(f, 'classes')}）；请用 --map NAME=CLASS_ID 对应起来`,
    example: { severity: warning, figures: { endpoints: 'GET /items, POST /orders', classes: 'read, write' } },
    verbatimFigures: ['endpoints', 'classes'],
    quotes: ['--map NAME=CLASS_ID'],
  },
  fitCalibrateNode: {
    en: (f) =>
      f.figures.why === 'noWork'
        ? `--calibrate ${str(f, 'node')}: the node has no work or latency to scale`
        : `--calibrate ${str(f, 'node')}: the scenario has no node "${str(f, 'node')}"`,
    'zh-CN': (f) => (f.figures.why === 'noWork' ? `--calibrate ${str(f, 'node')}：该节点没有可以缩放的工作时间或延迟` : `--calibrate ${str(f, 'node')}：场景中没有节点 "${str(f, 'node')}"`),
    example: { severity: warning, figures: { node: 'apii', why: 'missing' } },
    verbatimFigures: ['node'],
    quotes: ['--calibrate'],
  },
  fitCalibrateEmpty: {
    en: (f) => `--calibrate "${str(f, 'value')}" names no node: give node ids, as --calibrate api --calibrate db`,
    'zh-CN': (f) => `--calibrate "${str(f, 'value')}" 没有给出任何节点：请给出节点 id，例如 --calibrate api --calibrate db`,
    example: { severity: warning, figures: { value: ',' } },
    verbatimFigures: ['value'],
    quotes: ['--calibrate api --calibrate db', '--calibrate', 'id'],
  },
  fitCalibrateNoFile: {
    en: (f) =>
      `--calibrate ${str(f, 'nodes')}: no scenario file is left: every word after --calibrate that can be a node id (letters, digits, - and _) is read as one, "${str(f, 'last')}" too; put the scenario file before --calibrate`,
    'zh-CN': (f) =>
      `--calibrate ${str(f, 'nodes')}：没有剩下场景文件：--calibrate 之后凡是可以作为节点 id 的词（字母、数字、- 和 _）都被当作节点，"${str(f, 'last')}" 也不例外；请把场景文件写在 --calibrate 之前`,
    example: { severity: warning, figures: { nodes: 'api shop', last: 'shop' } },
    verbatimFigures: ['nodes', 'last'],
    quotes: ['--calibrate', 'id'],
  },
  fitCalibrateSecondFile: {
    en: (f) =>
      `--calibrate ${str(f, 'nodes')} ${str(f, 'value')}: "${str(f, 'value')}" is not a node id (letters, digits, - and _), and the scenario file is already ${str(f, 'file')}; node ids go after --calibrate, separated by spaces or commas`,
    'zh-CN': (f) =>
      `--calibrate ${str(f, 'nodes')} ${str(f, 'value')}："${str(f, 'value')}" 不是节点 id（字母、数字、- 和 _），而场景文件已经是 ${str(f, 'file')}；--calibrate 之后写节点 id，以空格或逗号分隔`,
    example: { severity: warning, figures: { nodes: 'api', value: 'db.json', file: 'shop.headroom.json' } },
    verbatimFigures: ['nodes', 'value', 'file'],
    quotes: ['--calibrate', 'id'],
  },
  fitReplayMode: {
    en: (f) => `--replay: expected open or closed, got "${str(f, 'value')}"`,
    'zh-CN': (f) => `--replay：应为 open 或 closed，实际为 "${str(f, 'value')}"`,
    example: { severity: warning, figures: { value: 'users' } },
    verbatimFigures: ['value'],
    quotes: ['--replay', 'open', 'closed'],
  },
  fitOutNeedsCalibrate: {
    en: () => '--out writes the calibrated scenario: it needs --calibrate NODE',
    'zh-CN': () => '--out 写出校准后的场景：需要同时给出 --calibrate NODE',
    example: { severity: warning, figures: {} },
    quotes: ['--out', '--calibrate NODE'],
  },
});
