/** Findings of the validator about a number outside its bound (`model/valueLimits.ts`), in the field's own unit. */
import type { Finding, SentenceContext } from '../finding';
import { defineSentences, num } from '../finding';

const unitWords = {
  en: { seconds: ' s', milliseconds: ' ms', perSecond: '/s', messages: ' messages', bytes: ' bytes' },
  'zh-CN': { seconds: ' 秒', milliseconds: ' 毫秒', perSecond: ' 次/秒', messages: ' 条消息', bytes: ' 字节' },
} as const;

/** A figure in the finding's unit; a time of the file (seconds) is shown in milliseconds where the editor shows it so. */
function shown(f: Finding, c: SentenceContext, x: number): string {
  const unit = String(f.figures.unit);
  const words = unitWords[c.lang];
  // Exact digits, not "10 k": a bound is a number to type into the file.
  const plain = (v: number) =>
    Math.abs(v) >= 1e15 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(2).replace('e+', 'e') : v.toLocaleString(c.lang === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: 6 });
  switch (unit) {
    case 'percent':
      return c.percent(x, x * 100 === Math.round(x * 100) ? 0 : 1);
    case 'seconds':
      return `${plain(x)}${words.seconds}`;
    case 'milliseconds':
      return `${plain(x * 1000)}${words.milliseconds}`;
    case 'perSecond':
      return `${plain(x)}${words.perSecond}`;
    case 'messages':
      return `${plain(x)}${words.messages}`;
    case 'bytes':
      return `${plain(x)}${words.bytes}`;
    default:
      return plain(x);
  }
}

const gigabytes = (bytes: number): string => (bytes / 1e9).toFixed(1);

const tooBig = (f: Finding) => num(f, 'value') > num(f, 'max');

export const limitSentences = defineSentences({
  valueOutOfRange: {
    en: (f, c) =>
      f.figures.unit === 'share'
        ? `must be in [${shown(f, c, num(f, 'min'))}, ${shown(f, c, num(f, 'max'))}] (it is ${shown(f, c, num(f, 'value'))})`
        : f.figures.unit === 'percent'
        ? `must be between ${shown(f, c, num(f, 'min'))} and ${shown(f, c, num(f, 'max'))} (it is ${shown(f, c, num(f, 'value'))})`
        : tooBig(f)
          ? `must be at most ${shown(f, c, num(f, 'max'))} (it is ${shown(f, c, num(f, 'value'))})`
          : `must be at least ${shown(f, c, num(f, 'min'))} (it is ${shown(f, c, num(f, 'value'))})`,
    'zh-CN': (f, c) =>
      f.figures.unit === 'share' || f.figures.unit === 'percent'
        ? `必须在 ${shown(f, c, num(f, 'min'))} 到 ${shown(f, c, num(f, 'max'))} 之间（当前为 ${shown(f, c, num(f, 'value'))}）`
        : tooBig(f)
          ? `最多为 ${shown(f, c, num(f, 'max'))}（当前为 ${shown(f, c, num(f, 'value'))}）`
          : `至少为 ${shown(f, c, num(f, 'min'))}（当前为 ${shown(f, c, num(f, 'value'))}）`,
    example: { severity: 'warning', figures: { value: 1e12, min: 0, max: 3600, unit: 'milliseconds' } },
  },
  runNeedsTooMuchMemory: {
    en: (f, c) =>
      `this run needs about ${gigabytes(num(f, 'bytes'))} GB of memory and the machine can give ${gigabytes(num(f, 'available'))} GB: ` +
      (f.node
        ? `lower the replicas of ${c.label(f.node)} (its replicas, with their shards or autoscale.max: ${c.count(num(f, 'slots'))} replica slots)`
        : 'lower the number of classes')
      + (num(f, 'threads') > 1 ? ', or run on fewer threads (--threads)' : ''),
    'zh-CN': (f, c) =>
      `本次运行约需 ${gigabytes(num(f, 'bytes'))} G 字节内存，本机只能提供 ${gigabytes(num(f, 'available'))} G 字节：` +
      (f.node ? `请减少 ${c.label(f.node)} 的副本数（连同分片数或自动扩缩上限，共 ${c.count(num(f, 'slots'))} 个副本槽位）` : '请减少请求类别的数量') +
      (num(f, 'threads') > 1 ? '，或减少线程数' : ''),
    example: { node: 'db', severity: 'warning', figures: { bytes: 41e9, available: 8e9, slots: 10_240_000, threads: 2 } },
  },
  runHasTooManyEvents: {
    en: (f) =>
      `this run would process about ${num(f, 'events').toExponential(1).replace('e+', 'e')} events, more than the ${num(f, 'budget').toExponential(0).replace('e+', 'e')} a run may take: shorten run.duration (with warm-up ${num(f, 'duration').toLocaleString('en-US')} s), lower run.replications (${num(f, 'replications')}) or the arrival rates`,
    'zh-CN': (f) =>
      `本次运行约需处理 ${num(f, 'events').toExponential(1).replace('e+', 'e')} 个事件，超过单次运行上限 ${num(f, 'budget').toExponential(0).replace('e+', 'e')}：请缩短运行时长（含预热 ${num(f, 'duration').toLocaleString('zh-CN')} 秒）、减少重复次数（${num(f, 'replications')}）或降低到达率`,
    example: { severity: 'warning', figures: { events: 3.1e12, budget: 2e10, duration: 2_592_000, replications: 10 } },
  },
});
