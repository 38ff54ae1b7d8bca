/** The report's words in each language the app speaks. */
import { resourceName } from '../format/utilization';

export type ReportLanguage = 'en' | 'zh-CN';

const en = {
  subtitle: 'Headroom capacity report',
  architecture: 'Architecture',
  assumptions: 'Assumptions',
  load: 'Load',
  users: 'users',
  profile: 'rate profile',
  runSettings: 'Run settings',
  warmup: 'warm-up',
  seed: 'seed',
  intervals: 'confidence intervals',
  results: 'Results',
  throughput: 'Throughput',
  throughputUnit: 'requests/s',
  errorRate: 'Error rate',
  slo: 'SLO',
  noSlo: 'none set',
  met: 'met',
  notMet: 'not met',
  sloBound: 'Bound',
  target: 'Target',
  measured: 'Measured',
  bottleneck: 'Bottleneck',
  cost: 'Cost',
  perMillion: 'per million requests',
  utilization: 'Utilization',
  node: 'Node',
  kind: 'Kind',
  replicas: 'Replicas',
  queue: 'Queue',
  wait: 'Wait',
  response: 'Response',
  rejected: 'Rejected',
  overTime: 'Over simulated time',
  simulatedTime: 'simulated time (s)',
  latencyDistribution: 'Latency distribution',
  latency: 'latency',
  share: 'share of requests',
  sweep: 'What-if sweep',
  capacity: 'Capacity',
  recommendation: 'Recommendation',
  kinds: { source: 'source', gateway: 'gateway', service: 'service', cache: 'cache', queue: 'queue', database: 'database', external: 'external' } as Record<string, string>,
  processes: { poisson: 'poisson', constant: 'constant', bursty: 'bursty', closed: 'closed' } as Record<string, string>,
};

export const reportStrings: Record<ReportLanguage, typeof en> = {
  en,
  'zh-CN': {
    subtitle: 'Headroom 容量报告',
    architecture: '架构',
    assumptions: '假设',
    load: '负载',
    users: '个用户',
    profile: '速率曲线',
    runSettings: '运行设置',
    warmup: '预热',
    seed: '随机种子',
    intervals: '置信区间',
    results: '结果',
    throughput: '吞吐量',
    throughputUnit: '请求/秒',
    errorRate: '错误率',
    slo: 'SLO',
    noSlo: '未设置',
    met: '达标',
    notMet: '未达标',
    sloBound: '指标',
    target: '目标',
    measured: '实测',
    bottleneck: '瓶颈',
    cost: '成本',
    perMillion: '每百万请求',
    utilization: '利用率',
    node: '节点',
    kind: '类型',
    replicas: '副本',
    queue: '排队',
    wait: '等待',
    response: '响应',
    rejected: '拒绝',
    overTime: '随模拟时间变化',
    simulatedTime: '模拟时间（秒）',
    latencyDistribution: '延迟分布',
    latency: '延迟',
    share: '请求占比',
    sweep: '假设分析扫描',
    capacity: '容量',
    recommendation: '建议',
    kinds: { source: '流量来源', gateway: '网关', service: '服务', cache: '缓存', queue: '队列', database: '数据库', external: '外部服务' },
    processes: { poisson: '泊松到达', constant: '恒定速率', bursty: '突发', closed: '闭环用户' },
  },
};

/** Sentences built from the result's numbers, so a report reads naturally in its language. */
export interface ReportSentences {
  bottleneck(node: string, resource: 'workers' | 'cpus' | 'connections', utilization: string, share: string): string;
  scalingTurn(node: string, from: number, to: number, growth: string, bottleneck: { node: string; utilization: string } | null): string;
  scalingAllPay(node: string, last: number): string;
  paysOff(count: number, node: string, cost: string | null): string;
  pointsMeet(met: number, total: number, cheapest: string): string;
  noPointMeets: string;
  pointsLabel: string;
}


export const reportSentences: Record<ReportLanguage, ReportSentences> = {
  en: {
    bottleneck: (node, resource, u, share) => `${node} ${resourceName(resource, 'en')} are busy ${u} of the time; ${share} of end-to-end latency is spent in or waiting for ${node}`,
    scalingTurn: (node, from, to, growth, b) =>
      `from ${from} to ${to} replicas of ${node} capacity grows ${growth}: ${b ? (b.node === node ? `${node} itself stays the bottleneck at ${b.utilization} utilization (contention)` : `${b.node} becomes the bottleneck at ${b.utilization} utilization`) : 'no node with a finite capacity limits it'}`,
    scalingAllPay: (node, last) => `every step up to ${last} replicas of ${node} still pays off`,
    paysOff: (count, node, cost) => `${count} ${count === 1 ? 'replica' : 'replicas'} of ${node} ${count === 1 ? 'pays' : 'pay'} off${cost ? ` (${cost})` : ''}`,
    pointsMeet: (met, total, cheapest) => `${met} of ${total} points meet the SLO; the cheapest is ${cheapest}`,
    noPointMeets: 'no point of the sweep meets the SLO',
    pointsLabel: 'points',
  },
  'zh-CN': {
    bottleneck: (node, resource, u, share) => `${node} 的${resourceName(resource, 'zh-CN')}有 ${u} 的时间处于忙碌；端到端延迟的 ${share} 花在 ${node} 上或等待它`,
    scalingTurn: (node, from, to, growth, b) =>
      `${node} 副本从 ${from} 增加到 ${to}，容量只增长 ${growth}：${b ? (b.node === node ? `${node} 自身仍是瓶颈，利用率 ${b.utilization}（资源争用）` : `${b.node} 成为瓶颈，利用率 ${b.utilization}`) : '没有容量有限的节点限制它'}`,
    scalingAllPay: (node, last) => `${node} 增加到 ${last} 个副本的每一步都仍然划算`,
    paysOff: (count, node, cost) => `${node} 扩展到 ${count} 个副本是划算的${cost ? `（${cost}）` : ''}`,
    pointsMeet: (met, total, cheapest) => `${total} 个点中有 ${met} 个满足 SLO；成本最低的是 ${cheapest}`,
    noPointMeets: '扫描中没有任何点满足 SLO',
    pointsLabel: '个点',
  },
};
