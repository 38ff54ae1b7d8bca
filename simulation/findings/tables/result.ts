/** Findings about one run's result: stability, early stops, rejections, the SLO verdict. */
import { resourceName } from '../../measures/utilization';
import { poolBusy } from './bottleneck';
import { sloBoundIsFloor, sloBoundKind } from '../../measures/sloBounds';
import { defineSentences, num, str, type Finding, type Language, type SentenceContext } from '../finding';

const sloKeys: Record<string, { en: string; zh: string }> = {
  mean: { en: 'mean latency', zh: '平均延迟' },
  p50: { en: 'p50', zh: 'p50' },
  p95: { en: 'p95', zh: 'p95' },
  p99: { en: 'p99', zh: 'p99' },
  errorRate: { en: 'error rate', zh: '错误率' },
  throughput: { en: 'throughput', zh: '吞吐量' },
  'completion.mean': { en: 'mean completion', zh: '平均完成时间' },
  'completion.p50': { en: 'completion p50', zh: '完成时间 p50' },
  'completion.p95': { en: 'completion p95', zh: '完成时间 p95' },
  'completion.p99': { en: 'completion p99', zh: '完成时间 p99' },
};

function boundValue(key: string, value: number, c: SentenceContext): string {
  const kind = sloBoundKind(key);
  return kind === 'share' ? c.percent(value, 2) : kind === 'rate' ? c.rate(value) : kind === 'messages' ? c.number(value) : c.duration(value);
}

/** What an SLO bound limits, in the reader's language ("error rate", "错误率"); a backlog bound is named with its node by the caller. */
export function sloBoundName(key: string, lang: Language): string {
  return (lang === 'zh-CN' ? sloKeys[key]?.zh : sloKeys[key]?.en) ?? key;
}

function boundName(f: Finding, c: SentenceContext): string {
  const key = str(f, 'key');
  if (sloBoundKind(key) === 'messages') return c.lang === 'zh-CN' ? `${c.label(f.node!)} 的积压消息` : `${c.label(f.node!)}'s backlog`;
  return sloBoundName(key, c.lang);
}

/** "; workers 100%": the saturated resource of an unstable node, when it has a limited one. */
function saturation(f: Finding, c: SentenceContext): string {
  const resource = str(f, 'resource');
  if (resource === 'pool') return `${c.lang === 'zh-CN' ? '；' : '; '}${poolBusy(c, str(f, 'poolTo'), c.percent(num(f, 'share'), 0))}`;
  if (resource !== 'workers' && resource !== 'cpus' && resource !== 'connections') return '';
  return `${c.lang === 'zh-CN' ? '；' : '; '}${resourceName(resource, c.lang)} ${c.percent(num(f, 'share'), 0)}`;
}

/** The reasons that are not a missed bound, in each language. */
const unsoundReasons = {
  en: { stoppedEarly: () => 'the run stopped early (overloaded)', unstable: (node: string) => `${node} is unstable (its queue grows without bound)`, zeroTimeLoop: (node: string) => `the run stopped: simulated time stood still in a loop of zero-time steps through ${node}`, noCompletions: () => 'no request completed in the measured time' },
  'zh-CN': { stoppedEarly: () => '运行提前停止（系统过载）', unstable: (node: string) => `${node} 不稳定（队列无限增长）`, zeroTimeLoop: (node: string) => `运行已停止：经过 ${node} 的零耗时循环使模拟时间停滞不前`, noCompletions: () => '测量时间内没有请求完成' },
} as const;

function sloReason(f: Finding, c: SentenceContext): string {
  const reason = str(f, 'reason');
  const words = unsoundReasons[c.lang];
  if (reason === 'stoppedEarly' || reason === 'noCompletions') return words[reason]();
  if (reason === 'unstable') return words.unstable(c.label(f.node!));
  if (reason === 'zeroTimeLoop') return words.zeroTimeLoop(c.label(f.node!));
  const key = str(f, 'key');
  const floor = sloBoundIsFloor(key);
  const actual = boundValue(key, num(f, 'actual'), c);
  const bound = boundValue(key, num(f, 'bound'), c);
  if (reason === 'unfinished') {
    if (c.lang === 'zh-CN') return `${boundName(f, c)}至少为 ${actual}（目标 ${bound}），但这只是下限：运行结束时仍有太多请求的工作没有完成`;
    return `${boundName(f, c)} is at least ${actual} (bound ${bound}), only a lower bound: too many requests still had work in progress at the end`;
  }
  if (c.lang === 'zh-CN') return `${boundName(f, c)}为 ${actual}，${floor ? '低于' : '超过'}目标 ${bound}`;
  return `${boundName(f, c)} ${actual} ${floor ? '<' : '>'} ${bound}`;
}

export const resultSentences = defineSentences({
  rejects: {
    en: (f, c) => `${c.label(f.node!)}: rejects ${c.percent(num(f, 'share'), 1)} of its arrivals at ${f.figures.cause === 'rateLimit' ? `its rate limit (${c.rate(num(f, 'limit'))})` : f.figures.cause === 'rateLimitOrQueue' ? `its rate limit (${c.rate(num(f, 'limit'))}) or its queue limit` : f.figures.cause === 'brokerCapacity' ? 'its capacity' : f.figures.cause === 'waitingTime' ? `CoDel, waits above its target (${c.duration(num(f, 'target'))})` : f.figures.cause === 'queueOrWaitingTime' ? `its queue limit or CoDel, waits above its target (${c.duration(num(f, 'target'))})` : 'its queue limit'}`,
    'zh-CN': (f, c) => `${c.label(f.node!)}：${c.percent(num(f, 'share'), 1)} 的到达请求被拒绝，原因是${f.figures.cause === 'rateLimit' ? `限流（${c.rate(num(f, 'limit'))}）` : f.figures.cause === 'rateLimitOrQueue' ? `限流（${c.rate(num(f, 'limit'))}）或队列上限` : f.figures.cause === 'brokerCapacity' ? '其容量已满' : f.figures.cause === 'waitingTime' ? `等待时间超过受控延迟目标（${c.duration(num(f, 'target'))}）` : f.figures.cause === 'queueOrWaitingTime' ? `队列上限或等待时间超过受控延迟目标（${c.duration(num(f, 'target'))}）` : '队列上限'}`,
    example: { node: 'gateway', severity: 'warning', figures: { share: 0.184, cause: 'rateLimit', limit: 350 } },
  },
  unstable: {
    en: (f, c) =>
      `${c.label(f.node!)}: the ${f.figures.backlog ? 'backlog' : 'queue'} grows without bound (about ${c.number(num(f, 'growth'))} more waiting each second: offered load above capacity${saturation(f, c)})`,
    'zh-CN': (f, c) => `${c.label(f.node!)}：${f.figures.backlog ? '积压消息' : '排队请求'}无限增长（每秒约多 ${c.number(num(f, 'growth'))} 个：负载超过容量${saturation(f, c)}）`,
    example: { node: 'cache', severity: 'warning', figures: { backlog: false, growth: 212, resource: 'pool', share: 1, poolTo: 'db' } },
    nodeFigures: ['poolTo'],
  },
  stoppedEarly: {
    en: (f, c) =>
      `stopped early in ${num(f, 'stopped')} of ${num(f, 'replications')} replications, at t = ${c.duration(num(f, 'at'))}, with more than ${c.count(num(f, 'limit'))} requests in the system (${c.label(f.node!)} had ${c.count(num(f, 'waiting'))} waiting); the figures cover the ${c.duration(num(f, 'measured'))} measured before the stop${f.figures.warmupCutShort ? ', from before the end of the warm-up (the overload cut it short)' : ''}`,
    'zh-CN': (f, c) =>
      `${num(f, 'replications')} 次重复中有 ${num(f, 'stopped')} 次提前停止：在 t = ${c.duration(num(f, 'at'))} 时系统中超过 ${c.count(num(f, 'limit'))} 个请求（${c.label(f.node!)} 有 ${c.count(num(f, 'waiting'))} 个在等待）；各项数字只覆盖停止前测量的 ${c.duration(num(f, 'measured'))}${f.figures.warmupCutShort ? '，并且测量在预热结束前就已开始（过载使预热提前结束）' : ''}`,
    example: { node: 'api', severity: 'warning', figures: { stopped: 3, replications: 3, at: 42.5, limit: 1_500_000, waiting: 1_210_000, measured: 38.2, warmupCutShort: true } },
  },
  zeroTimeLoop: {
    en: (f, c) =>
      `stopped in ${num(f, 'stopped')} of ${num(f, 'replications')} replications at t = ${c.duration(num(f, 'at'))}: more than ${c.count(num(f, 'events'))} events happened at that one instant, a loop of zero-time steps through ${c.label(f.node!)} (a cycle with no work, no latency and no think time); give a step on the loop some time, or break the cycle`,
    'zh-CN': (f, c) =>
      `${num(f, 'replications')} 次重复中有 ${num(f, 'stopped')} 次在 t = ${c.duration(num(f, 'at'))} 时停止：同一时刻发生了超过 ${c.count(num(f, 'events'))} 个事件，这是经过 ${c.label(f.node!)} 的零耗时循环（循环中没有工作时间、延迟或思考时间）；请给循环中的某一步设定耗时，或打断该循环`,
    example: { node: 'orders', severity: 'warning', figures: { stopped: 1, replications: 1, at: 0.5, events: 5_000_000 } },
  },
  overload: {
    en: (f, c) => `${c.label(f.node!)} receives ${c.rate(num(f, 'arrivals'))} and completes ${c.rate(num(f, 'served'))}: the load is ${c.count(Math.round(num(f, 'factor') * 10) / 10)}× what it can serve`,
    'zh-CN': (f, c) => `${c.label(f.node!)} 收到 ${c.rate(num(f, 'arrivals'))}，只能完成 ${c.rate(num(f, 'served'))}：负载是其处理能力的 ${c.count(Math.round(num(f, 'factor') * 10) / 10)} 倍`,
    example: { node: 'api', severity: 'warning', figures: { offered: 20_000, arrivals: 20_000, served: 928, factor: 21.6 } },
  },
  slo: {
    en: (f) => (f.figures.verdict === 'met' ? 'SLO met' : f.figures.verdict === 'notMet' ? 'SLO not met' : 'no SLO stated'),
    'zh-CN': (f) => (f.figures.verdict === 'met' ? '满足 SLO' : f.figures.verdict === 'notMet' ? '未满足 SLO' : '未设定 SLO'),
    example: { severity: 'info', figures: { verdict: 'notMet', bounds: 1 } },
  },
  sloReason: {
    en: sloReason,
    'zh-CN': sloReason,
    example: { node: 'celery', severity: 'info', figures: { reason: 'unstable', key: null, actual: null, bound: null } },
  },
});
