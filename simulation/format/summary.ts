/**
 * The readable summary of a run, as `headroom run` prints it: the headline figures
 * with their confidence intervals, the SLO verdict, a per-node table a person can
 * scan, the bottleneck in words, and any warnings, in the reader's language. The
 * English is the CLI's output byte for byte (scripts and the README read it).
 */
import { bottleneckText, warningTexts } from './present';
import type { CompletionFigures, CompletionSummary, ResultDocument } from '../model/result';
import { renderFinding, sentenceContext } from '../findings/render';
import { sloBoundIsFloor, sloBoundKind } from '../measures/sloBounds';
import { sloVerdictOf } from '../analysis/verdict';
import { numberFormats, type NumberLanguage } from '../locale/language';
import { formatCount, formatPercent, table, trim } from '../locale/units';
import { displayedUtilization, utilizationText } from '../measures/utilization';
import { kindWord, summaryRow } from '../locale/words';
import { hostLines } from './hostsText';
import { knownKind } from '../model/kinds';

function plusMinus(interval: [number, number], unit: (x: number) => string): string {
  const half = (interval[1] - interval[0]) / 2;
  return half > 0 ? ` ± ${unit(half)}` : '';
}

const words = {
  en: {
    heading: (scenario: string, replications: number, duration: string, warmup: string, seed: number, confidence: number) =>
      `${scenario} — ${replications} replication${replications === 1 ? '' : 's'} × ${duration} (warm-up ${warmup}), seed ${seed}, ${confidence}% intervals`,
    stableNo: 'NO: the figures below are from a run that could not keep up',
    yes: 'yes',
    offered: (rate: string) => `(offered ${rate})`,
    latency: { mean: 'mean', max: 'max' },
    errors: (rejected: string, timedOut: string, failed: string) => `(rejected ${rejected}, timed out ${timedOut}, failed ${failed})`,
    slo: { mean: 'mean', p50: 'p50', p95: 'p95', p99: 'p99', errorRate: 'errors', throughput: 'throughput', 'completion.mean': 'completion mean', 'completion.p50': 'completion p50', 'completion.p95': 'completion p95', 'completion.p99': 'completion p99' } as Record<string, string>,
    unfinished: (count: string, share: string, lowerBound: boolean) => `(unfinished at the end ${count}, ${share}${lowerBound ? ': lower bounds' : ''})`,
    backlog: (node: string) => `${node} backlog`,
    notMeasured: 'not measured',
    ok: 'ok',
    missed: 'MISSED',
    verdict: { met: 'met', notMet: 'NOT MET', none: 'none stated' },
    cost: (perHour: string, currency: string, perMillion: string | null) => `${perHour} ${currency}/hour${perMillion === null ? '' : `, ${perMillion} ${currency} per million requests`}`,
    header: ['node', 'kind', 'replicas', 'throughput', 'utilization', 'cpu', 'in flight', 'queue', 'wait', 'response', 'rejected', ''],
    hit: 'hit',
    cpuWait: 'cpu wait',
    simulated: (events: string, seconds: string, perSecond: string) => `${events} events in ${seconds} s (${perSecond} events/s)`,
    actions: { restart: 'restart', failover: 'failover', deploy: 'rolling deploy', flush: 'flush' } as Record<string, string>,
    event: (at: string, action: string, node: string, end: string, recovered: string, errors: string, p99: string) => `${at}  ${action} of ${node}: ended ${end}, recovered ${recovered}; worst errors ${errors}, p99 ${p99}`,
    moment: (x: string | null) => (x === null ? 'not within the run' : `${x} s`),
  },
  'zh-CN': {
    heading: (scenario: string, replications: number, duration: string, warmup: string, seed: number, confidence: number) =>
      `${scenario} — ${replications} 次重复 × ${duration}（预热 ${warmup}），种子 ${seed}，${confidence}% 置信区间`,
    stableNo: '否：以下数字来自一次未能跟上负载的运行',
    yes: '是',
    offered: (rate: string) => `（到达 ${rate}）`,
    latency: { mean: '均值', max: '最大' },
    errors: (rejected: string, timedOut: string, failed: string) => `（拒绝 ${rejected}，超时 ${timedOut}，失败 ${failed}）`,
    slo: { mean: '均值', p50: 'p50', p95: 'p95', p99: 'p99', errorRate: '错误率', throughput: '吞吐量', 'completion.mean': '完成时间均值', 'completion.p50': '完成时间 p50', 'completion.p95': '完成时间 p95', 'completion.p99': '完成时间 p99' } as Record<string, string>,
    unfinished: (count: string, share: string, lowerBound: boolean) => `（运行结束时未完成 ${count}，${share}${lowerBound ? '：以上只是下限' : ''}）`,
    backlog: (node: string) => `${node} 积压`,
    notMeasured: '未测得',
    ok: '达标',
    missed: '未达标',
    verdict: { met: '达标', notMet: '未达标', none: '未设定' },
    cost: (perHour: string, currency: string, perMillion: string | null) => `${perHour} ${currency}/小时${perMillion === null ? '' : `，每百万请求 ${perMillion} ${currency}`}`,
    header: ['节点', '类型', '副本', '吞吐量', '利用率', 'CPU', '在途', '队列', '等待', '响应', '拒绝', ''],
    hit: '命中',
    cpuWait: 'CPU 等待',
    simulated: (events: string, seconds: string, perSecond: string) => `${events} 个事件，用时 ${seconds} 秒（每秒 ${perSecond} 个事件）`,
    actions: { restart: '重启', failover: '故障切换', deploy: '滚动发布', flush: '缓存清空' } as Record<string, string>,
    event: (at: string, action: string, node: string, end: string, recovered: string, errors: string, p99: string) => `${at}  ${node} 的${action}：结束于 ${end}，恢复于 ${recovered}；最高错误率 ${errors}，最高 p99 ${p99}`,
    moment: (x: string | null) => (x === null ? '不在运行时间内' : `${x} 秒`),
  },
} as const;

const rows = {
  en: { throughput: 'Throughput', latency: 'Latency', completion: 'Completion', errors: 'Errors', slo: 'SLO', cost: 'Cost', event: 'Event', bottleneck: 'Bottleneck', host: 'Host', stable: 'Stable', warning: 'Warning', simulated: 'Simulated' },
  'zh-CN': { throughput: '吞吐量', latency: '延迟', completion: '完成时间', errors: '错误', slo: 'SLO', cost: '成本', event: '事件', bottleneck: '瓶颈', host: '主机', stable: '稳定', warning: '警告', simulated: '模拟' },
} as const;

export function formatSummary(r: ResultDocument, lang: NumberLanguage = 'en', labels: Readonly<Record<string, string>> = {}): string {
  const w = words[lang];
  const n = numberFormats(lang);
  const row = (key: keyof (typeof rows)['en'], text: string) => summaryRow(rows[lang][key], text);
  const context = sentenceContext(lang, labels);
  // English keeps the document's own sentences (with ids), as the CLI always printed them.
  const warnings = lang === 'en' ? r.warnings : warningTexts(r, lang, labels);
  const s = r.summary;
  const out: string[] = [];
  out.push(w.heading(r.scenario, r.run.replications, n.duration(r.run.duration), n.duration(r.run.warmup), r.run.seed, Math.round(r.run.confidence * 100)));
  out.push('');
  // An overloaded run's figures mislead unless the reader knows first: warnings lead.
  const warningsFirst = !r.stable;
  if (warningsFirst) {
    out.push(row('stable', w.stableNo));
    for (const text of warnings) out.push(row('warning', text));
    out.push('');
  }
  out.push(row('throughput', `${n.rate(s.throughput)}${plusMinus(s.throughputCi, n.number)}   ${w.offered(n.rate(s.offered))}`));
  out.push(
    row(
      'latency',
      `${w.latency.mean} ${n.duration(s.latency.mean)}${plusMinus(s.latencyCi.mean, n.duration)}   p50 ${n.duration(s.latency.p50)}   p95 ${n.duration(s.latency.p95)}   p99 ${n.duration(s.latency.p99)}${plusMinus(s.latencyCi.p99, n.duration)}   ${w.latency.max} ${n.duration(s.latency.max)}`,
    ),
  );
  if (s.completion) out.push(...completionRows(s.completion, lang, (text) => row('completion', text)));
  out.push(row('errors', `${formatPercent(s.errorRate, 2)}   ${w.errors(formatPercent(s.errors.rejected, 2), formatPercent(s.errors.timedOut, 2), formatPercent(s.errors.failed, 2))}`));
  const verdict = sloVerdictOf(s);
  const parts = Object.entries(s.slo).map(([key, c]) => {
    const kind = sloBoundKind(key);
    const fmt = kind === 'share' ? (x: number) => formatPercent(x, 2) : kind === 'rate' ? n.rate : kind === 'messages' ? n.number : n.duration;
    const op = sloBoundIsFloor(key) ? '≥' : '≤';
    const name = kind === 'messages' ? w.backlog(lang === 'en' ? (c.node ?? '') : context.label(c.node ?? '')) : (w.slo[key] ?? key);
    if (c.unmeasured) return `${name} ${w.notMeasured} (${op} ${fmt(c.bound)}) ${w.missed}`;
    return `${name} ${fmt(c.actual)} ${op} ${fmt(c.bound)} ${c.met ? w.ok : w.missed}`;
  });
  // The reasons a sound-looking latency does not count (bounds are listed with their figures).
  const unsound = (r.findings ?? []).filter((f) => f.code === 'sloReason' && f.figures.reason !== 'bound').map((f) => renderFinding(f, lang === 'en' ? sentenceContext('en') : context));
  const detail = [...unsound, ...parts].join(lang === 'en' ? '; ' : '；');
  out.push(row('slo', `${w.verdict[verdict]}${detail ? `${lang === 'en' ? ': ' : '：'}${detail}` : ''}`));
  if (r.cost) out.push(row('cost', w.cost(r.cost.perHour.toFixed(2), r.cost.currency, r.cost.perMillionRequests === null ? null : r.cost.perMillionRequests.toFixed(2))));
  // The timeline, one row per event in the file's order (as `events` in the document): the node by id in English, as the table below.
  for (const e of r.events ?? []) {
    const moment = (x: number | null) => w.moment(x === null ? null : trim(x));
    const node = lang === 'en' ? e.node : context.label(e.node);
    const action = `${w.actions[e.action] ?? e.action}${e.replica !== undefined ? ` #${e.replica}` : ''}`;
    out.push(row('event', w.event(moment(e.at), action, node, moment(e.end), moment(e.recovered), formatPercent(e.worst.errorRate, 2), n.duration(e.worst.p99))));
  }
  out.push('');
  const nodeRows = Object.entries(r.nodes).map(([id, node]) => [
    id,
    kindWord(node.kind, lang),
    trim(node.replicas),
    n.rate(node.throughput),
    utilizationText(displayedUtilization(node), lang, 'short'),
    knownKind(node.kind)?.cpuColumn === true && node.cpuUtilization !== null ? formatPercent(node.cpuUtilization, 0) : '–',
    trim(node.inFlight),
    trim(node.queueLength),
    n.duration(node.waitTime),
    n.duration(node.responseTime),
    formatPercent(node.rejected, 2),
    node.hitRatio !== undefined ? `${w.hit} ${formatPercent(node.hitRatio, 1)}` : node.cpuWaitTime !== undefined && node.cpuWaitTime > 0 ? `${w.cpuWait} ${n.duration(node.cpuWaitTime)}` : '',
  ]);
  out.push(
    table([...w.header], nodeRows)
      .split('\n')
      .map((l) => `  ${l}`)
      .join('\n'),
  );
  // English names nodes by id, as the table above does.
  for (const line of hostLines(r, lang, lang === 'en' ? {} : labels)) out.push(row('host', line));
  out.push('');
  const bottleneck = lang === 'en' ? (r.bottleneck?.explanation ?? null) : bottleneckText(r, lang, labels);
  if (bottleneck) out.push(row('bottleneck', bottleneck));
  if (!warningsFirst) {
    out.push(row('stable', w.yes));
    for (const text of warnings) out.push(row('warning', text));
  }
  if (r.stats.wallSeconds > 0) out.push(row('simulated', w.simulated(lang === 'en' ? formatCount(r.stats.events) : n.count(r.stats.events), trim(r.stats.wallSeconds), lang === 'en' ? formatCount(r.stats.eventsPerSecond) : n.count(r.stats.eventsPerSecond))));
  return out.join('\n');
}

/**
 * The completion line (until the last async work a request caused ended), then one per
 * consumer path that carried requests, in the latency line's form.
 */
function completionRows(c: CompletionSummary, lang: NumberLanguage, row: (text: string) => string): string[] {
  const w = words[lang];
  const n = numberFormats(lang);
  const figures = (f: CompletionFigures) => {
    const unfinished = f.unfinished > 0 ? `   ${w.unfinished(n.number(f.unfinished), formatPercent(f.unfinishedShare, 2), f.lowerBound.length > 0)}` : '';
    return `${w.latency.mean} ${n.duration(f.mean)}${plusMinus(f.ci.mean, n.duration)}   p50 ${n.duration(f.p50)}   p95 ${n.duration(f.p95)}   p99 ${n.duration(f.p99)}${plusMinus(f.ci.p99, n.duration)}   ${w.latency.max} ${n.duration(f.max)}${unfinished}`;
  };
  const out = [row(figures(c))];
  for (const p of c.paths) if (p.rate > 0) out.push(row(`${p.path.join(' → ')}${lang === 'en' ? ': ' : '：'}${figures(p)}`));
  return out;
}
