/** Findings about one run's result: stability, early stops, rejections. */
import { defineSentences, num } from '../finding';

export const resultSentences = defineSentences({
  rejects: {
    en: (f, c) => `${c.label(f.node!)}: rejects ${c.percent(num(f, 'share'), 1)} of its arrivals at ${f.figures.cause === 'rateLimit' ? `its rate limit (${c.rate(num(f, 'limit'))})` : f.figures.cause === 'rateLimitOrQueue' ? `its rate limit (${c.rate(num(f, 'limit'))}) or its queue limit` : f.figures.cause === 'brokerCapacity' ? 'its capacity' : 'its queue limit'}`,
    'zh-CN': (f, c) => `${c.label(f.node!)}：${c.percent(num(f, 'share'), 1)} 的到达请求被拒绝，原因是${f.figures.cause === 'rateLimit' ? `限流（${c.rate(num(f, 'limit'))}）` : f.figures.cause === 'rateLimitOrQueue' ? `限流（${c.rate(num(f, 'limit'))}）或队列上限` : f.figures.cause === 'brokerCapacity' ? '其容量已满' : '队列上限'}`,
    example: { node: 'gateway', severity: 'warning', figures: { share: 0.184, cause: 'rateLimit', limit: 350 } },
  },
});
