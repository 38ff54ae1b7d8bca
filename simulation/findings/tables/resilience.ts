/** Findings of `headroom resilience`: the verdict on recovery after a spike, and what it compared. */
import { numberFormats } from '../../locale/language';
import { defineSentences, num, str, type Finding, type SentenceContext } from '../finding';

const metricName = {
  en: { p99: 'p99', queue: 'requests waiting (all nodes)', errorRate: 'error rate' } as Record<string, string>,
  'zh-CN': { p99: 'p99', queue: '排队请求数（所有节点）', errorRate: '错误率' } as Record<string, string>,
};

/** A figure in the unit of its metric. */
function value(metric: string, x: number, c: SentenceContext): string {
  if (metric === 'p99') return c.duration(x);
  if (metric === 'errorRate') return c.percent(x, 2);
  return numberFormats(c.lang).number(x);
}

function baselineRange(f: Finding, c: SentenceContext): string {
  const m = str(f, 'metric');
  const n = num(f, 'replications');
  if (n <= 1) return c.lang === 'zh-CN' ? '仅 1 次重复，没有区间' : 'one replication, no interval';
  if (num(f, 'high') - num(f, 'low') < 1e-12) return c.lang === 'zh-CN' ? `${n} 次重复结果相同` : `the same in all ${n} replications`;
  const level = `${Math.round(num(f, 'confidence') * 100)}%`;
  return c.lang === 'zh-CN'
    ? `${n} 次重复的 ${level} 置信区间 ${value(m, num(f, 'low'), c)}–${value(m, num(f, 'high'), c)}`
    : `${value(m, num(f, 'low'), c)}–${value(m, num(f, 'high'), c)}, ${level} interval over ${n} replications`;
}

function range(f: Finding, c: SentenceContext): string {
  const latest = f.figures.latest;
  if (num(f, 'replications') <= 1 || latest === num(f, 'earliest')) return '';
  if (c.lang === 'zh-CN') {
    return typeof latest === 'number' ? `；按各次重复的置信区间上下限，在 ${c.duration(num(f, 'earliest'))} 到 ${c.duration(latest)} 之间` : `；按置信区间下限为 ${c.duration(num(f, 'earliest'))}，上限到运行结束仍未恢复`;
  }
  return typeof latest === 'number'
    ? `; between ${c.duration(num(f, 'earliest'))} and ${c.duration(latest)} on the ends of the replications' intervals`
    : `; ${c.duration(num(f, 'earliest'))} on the lower ends of the intervals, while their upper ends had not come back by the end of the run`;
}

export const resilienceSentences = defineSentences({
  'resilience.spike': {
    en: (f, c) => `${c.label(f.node!)} ×${numberFormats('en').number(num(f, 'factor'))} from ${c.duration(num(f, 'at'))} for ${c.duration(num(f, 'duration'))}`,
    'zh-CN': (f, c) => `${c.label(f.node!)} 从 ${c.duration(num(f, 'at'))} 起负载提升到 ${numberFormats('zh-CN').number(num(f, 'factor'))} 倍，持续 ${c.duration(num(f, 'duration'))}`,
    example: { node: 'users', severity: 'info', figures: { factor: 3, at: 60, duration: 30 } },
  },
  'resilience.profileReplaced': {
    en: (f, c) => `${c.label(f.node!)} has its own load profile; this check replaces it with the spike`,
    'zh-CN': (f, c) => `${c.label(f.node!)} 原有的负载曲线在本次检查中被峰值曲线替换`,
    example: { node: 'users', severity: 'warning', figures: {} },
  },
  'resilience.otherProfile': {
    en: (f, c) =>
      `${c.label(f.node!)}'s load profile changes between ${c.duration(num(f, 'from'))} and ${c.duration(num(f, 'to'))} (×${numberFormats('en').number(num(f, 'minScale'))} to ×${numberFormats('en').number(num(f, 'maxScale'))}), inside the span the verdict measures (${c.duration(num(f, 'spanFrom'))} to ${c.duration(num(f, 'spanTo'))}): part of what it sees comes from that source, not from the spike`,
    'zh-CN': (f, c) =>
      `${c.label(f.node!)} 的负载曲线在 ${c.duration(num(f, 'from'))} 到 ${c.duration(num(f, 'to'))} 之间变化（${numberFormats('zh-CN').number(num(f, 'minScale'))} 倍到 ${numberFormats('zh-CN').number(num(f, 'maxScale'))} 倍），落在结论所测量的时段内（${c.duration(num(f, 'spanFrom'))} 到 ${c.duration(num(f, 'spanTo'))}）：看到的变化有一部分来自这个来源，而不是峰值`,
    example: { node: 'batch', severity: 'warning', figures: { from: 70, to: 90, minScale: 1, maxScale: 2, spanFrom: 10, spanTo: 190 } },
  },
  'resilience.stoppedEarly': {
    en: (f) => `${num(f, 'stopped')} of ${num(f, 'replications')} replications stopped early: the run does not show a recovery, so it does not count as one`,
    'zh-CN': (f) => `${num(f, 'replications')} 次重复中有 ${num(f, 'stopped')} 次提前停止：运行没有展示出恢复过程，因此不算作已恢复`,
    example: { severity: 'warning', figures: { stopped: 2, replications: 5 } },
  },
  'resilience.oneReplication': {
    en: () => 'one replication: the figures have no interval and the verdict rests on a single run; set 3 or more replications (--replications) for intervals',
    'zh-CN': () => '只有 1 次重复：各项数值没有置信区间，结论只依据一次运行；设置 3 次或更多重复即可得到区间',
    example: { severity: 'warning', figures: {} },
  },
  'resilience.baseline': {
    en: (f, c) => {
      const m = str(f, 'metric');
      return `${metricName.en[m] ?? m} before the spike (${c.duration(num(f, 'from'))} to ${c.duration(num(f, 'to'))}): ${value(m, num(f, 'mean'), c)} (${baselineRange(f, c)}); back when its mean over a ${c.duration(num(f, 'window'))} window is at most ${value(m, num(f, 'limit'), c)}`;
    },
    'zh-CN': (f, c) => {
      const m = str(f, 'metric');
      return `峰值前（${c.duration(num(f, 'from'))} 到 ${c.duration(num(f, 'to'))}）的${metricName['zh-CN'][m] ?? m}：${value(m, num(f, 'mean'), c)}（${baselineRange(f, c)}）；在 ${c.duration(num(f, 'window'))} 滑动窗口内的均值不超过 ${value(m, num(f, 'limit'), c)} 即视为恢复`;
    },
    example: { severity: 'info', figures: { metric: 'p99', mean: 0.02, low: 0.0195, high: 0.0205, limit: 0.0256, from: 10, to: 60, window: 3.5, replications: 5, confidence: 0.95 } },
  },
  'resilience.before': {
    en: (f, c) => `before the spike: p99 ${c.duration(num(f, 'p99'))}, ${c.rate(num(f, 'throughput'))}, errors ${c.percent(num(f, 'errorRate'), 2)}`,
    'zh-CN': (f, c) => `峰值前：p99 ${c.duration(num(f, 'p99'))}，吞吐量 ${c.rate(num(f, 'throughput'))}，错误率 ${c.percent(num(f, 'errorRate'), 2)}`,
    example: { severity: 'info', figures: { p99: 0.02, throughput: 200, errorRate: 0 } },
  },
  'resilience.worst': {
    en: (f, c) => `worst during and after: p99 ${c.duration(num(f, 'p99'))}, errors ${c.percent(num(f, 'errorRate'), 2)}`,
    'zh-CN': (f, c) => `峰值期间及之后最差：p99 ${c.duration(num(f, 'p99'))}，错误率 ${c.percent(num(f, 'errorRate'), 2)}`,
    example: { severity: 'info', figures: { p99: 1.8, errorRate: 0.04 } },
  },
  'resilience.end': {
    en: (f, c) => `at the end of the run: p99 ${c.duration(num(f, 'p99'))}, ${c.rate(num(f, 'throughput'))}, errors ${c.percent(num(f, 'errorRate'), 2)}`,
    'zh-CN': (f, c) => `运行结束时：p99 ${c.duration(num(f, 'p99'))}，吞吐量 ${c.rate(num(f, 'throughput'))}，错误率 ${c.percent(num(f, 'errorRate'), 2)}`,
    example: { severity: 'info', figures: { p99: 0.021, throughput: 201, errorRate: 0 } },
  },
  'resilience.relapsed': {
    en: (f, c) => `came back ${c.duration(num(f, 'recoveredAt'))} after the spike ended but left the limits again from about ${c.duration(num(f, 'from'))} after it, for longer than the ${c.duration(num(f, 'hold'))} hold time`,
    'zh-CN': (f, c) => `峰值结束后 ${c.duration(num(f, 'recoveredAt'))} 曾恢复，但从峰值结束后约 ${c.duration(num(f, 'from'))} 起再次超出界限，且持续时间超过 ${c.duration(num(f, 'hold'))} 的保持时间`,
    example: { severity: 'warning', figures: { recoveredAt: 4, from: 30, hold: 15 } },
  },
  'resilience.recovered': {
    en: (f, c) => `back to the level before the spike ${c.duration(num(f, 'recoveryTime'))} after the spike ended and held for ${c.duration(num(f, 'hold'))}${range(f, c)} (limit ${c.duration(num(f, 'within'))})`,
    'zh-CN': (f, c) => `峰值结束后 ${c.duration(num(f, 'recoveryTime'))} 回到峰值前的水平，并保持了 ${c.duration(num(f, 'hold'))}${range(f, c)}（时限 ${c.duration(num(f, 'within'))}）`,
    example: { severity: 'info', figures: { recoveryTime: 5.2, earliest: 4.6, latest: 6.1, hold: 15, within: 60, replications: 5 } },
  },
  'resilience.late': {
    en: (f, c) => `back to the level before the spike only ${c.duration(num(f, 'recoveryTime'))} after the spike ended (held for ${c.duration(num(f, 'hold'))}), later than the limit of ${c.duration(num(f, 'within'))}`,
    'zh-CN': (f, c) => `峰值结束后 ${c.duration(num(f, 'recoveryTime'))} 才回到峰值前的水平（保持了 ${c.duration(num(f, 'hold'))}），超过了 ${c.duration(num(f, 'within'))} 的时限`,
    example: { severity: 'warning', figures: { recoveryTime: 84, hold: 15, within: 60 } },
  },
  'resilience.degraded': {
    en: (f, c) => {
      const m = str(f, 'metric');
      const why =
        m === ''
          ? `every figure is back within its limits only at the very end, not yet for the ${c.duration(num(f, 'hold'))} hold time`
          : f.figures.value === null
            ? `no request completed in the last ${c.duration(num(f, 'window'))} window`
            : `${metricName.en[m] ?? m} is ${value(m, num(f, 'value'), c)} over the last ${c.duration(num(f, 'window'))} window, above its limit of ${value(m, num(f, 'limit'), c)}`;
      return `not back to the level before the spike by the end of the run: ${why}; the system stays degraded`;
    },
    'zh-CN': (f, c) => {
      const m = str(f, 'metric');
      const why =
        m === ''
          ? `各项数值只在运行末尾回到界限内，尚未达到 ${c.duration(num(f, 'hold'))} 的保持时间`
          : f.figures.value === null
            ? `最后一个 ${c.duration(num(f, 'window'))} 窗口内没有请求完成`
            : `最后一个 ${c.duration(num(f, 'window'))} 窗口内${metricName['zh-CN'][m] ?? m}为 ${value(m, num(f, 'value'), c)}，高于界限 ${value(m, num(f, 'limit'), c)}`;
      return `到运行结束仍未回到峰值前的水平：${why}；系统持续处于降级状态`;
    },
    example: { severity: 'warning', figures: { metric: 'queue', value: 18250, limit: 1.3, window: 3.5, hold: 15 } },
  },
});
