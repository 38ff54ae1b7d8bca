/** Findings about a service's autoscaler: what it scales on. */
import { defineSentences, num } from '../finding';

export const autoscaleSentences = defineSentences({
  autoscaleWorkersOnAsyncServer: {
    en: (f, c) =>
      `${c.label(f.node!)}: the autoscaler counts busy workers, but ${c.count(num(f, 'workers'))} workers per replica on ${c.count(num(f, 'cpus'))} CPUs is an async server, whose workers are rarely all busy: it would scale down while its CPUs are saturated. Set autoscale.metric to "cpu", as the Kubernetes HPA scales`,
    'zh-CN': (f, c) =>
      `${c.label(f.node!)}：自动扩缩按忙碌的工作槽计数，但每个副本 ${c.count(num(f, 'workers'))} 个工作槽只有 ${c.count(num(f, 'cpus'))} 个 CPU，这是异步服务器，工作槽很少全部忙碌：CPU 已经饱和时它仍会缩容。请把扩缩指标改为 CPU 利用率，与 HPA 相同`,
    example: { node: 'api', severity: 'warning', figures: { workers: 800, cpus: 4 } },
  },
});
