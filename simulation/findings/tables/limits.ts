/** Findings of the validator about a number outside its bound (`model/valueLimits.ts`), in the field's own unit. */
import type { Finding, SentenceContext } from '../finding';
import { defineSentences, num } from '../finding';

const unitWords = {
  en: { seconds: ' s', milliseconds: ' ms', perSecond: '/s', messages: ' messages' },
  'zh-CN': { seconds: ' 秒', milliseconds: ' 毫秒', perSecond: ' 次/秒', messages: ' 条消息' },
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
    default:
      return plain(x);
  }
}

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
});
