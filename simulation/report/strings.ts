/** The report's words in each language the app speaks. */

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
  stable: 'Stable',
  backlog: 'backlog of',
  yes: 'yes',
  no: 'NO',
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
  densityUnit: 'share per ms',
  p99SuccessOnly: 'p99 counts successful requests only: failed, timed-out and rejected requests are not in it, so during an outage it can look fine. The error rate over the same time is below.',
  sweep: 'What-if sweep',
  capacity: 'Capacity',
  recommendation: 'Recommendation',
  verdict: 'Verdict',
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
    stable: '稳定',
    backlog: '积压消息：',
    yes: '是',
    no: '否',
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
    densityUnit: '每毫秒占比',
    p99SuccessOnly: 'p99 只统计成功的请求：失败、超时和被拒绝的请求都不计入，因此故障期间它可能看起来正常。同一时段的错误率见下图。',
    sweep: '假设分析扫描',
    capacity: '容量',
    recommendation: '建议',
    verdict: '结论',
    kinds: { source: '流量来源', gateway: '网关', service: '服务', cache: '缓存', queue: '队列', database: '数据库', external: '外部服务' },
    processes: { poisson: '泊松到达', constant: '恒定速率', bursty: '突发', closed: '闭环用户' },
  },
};

/** Sentences built from the result's numbers, so a report reads naturally in its language. */
export interface ReportSentences {
  scalingTurn(node: string, from: number, to: number, growth: string, bottleneck: { node: string; utilization: string } | null): string;
  scalingAllPay(node: string, last: number): string;
  paysOff(count: number, node: string, cost: string | null): string;
  pointsMeet(met: number, total: number, cheapest: string): string;
  noPointMeets: string;
  noSloStated: string;
  pointsLabel: string;
  latencyDensityNote(tailShare: string, upTo: string): string;
}


export const reportSentences: Record<ReportLanguage, ReportSentences> = {
  en: {
    scalingTurn: (node, from, to, growth, b) =>
      `from ${from} to ${to} replicas of ${node} capacity grows ${growth}: ${b ? (b.node === node ? `${node} itself stays the bottleneck at ${b.utilization} utilization (contention)` : `${b.node} becomes the bottleneck at ${b.utilization} utilization`) : 'no node with a finite capacity limits it'}`,
    scalingAllPay: (node, last) => `every step up to ${last} replicas of ${node} still pays off`,
    paysOff: (count, node, cost) => `${count} ${count === 1 ? 'replica' : 'replicas'} of ${node} ${count === 1 ? 'pays' : 'pay'} off${cost ? ` (${cost})` : ''}`,
    pointsMeet: (met, total, cheapest) => `${met} of ${total} points meet the SLO; the cheapest is ${cheapest}`,
    noPointMeets: 'no point of the sweep meets the SLO',
    noSloStated: 'no SLO is stated, so no point is judged against one',
    pointsLabel: 'points',
    latencyDensityNote: (tail, upTo) => `Successful requests: each bucket's share divided by its width (buckets widen with latency). Drawn up to p99.9 (${upTo}); the ${tail} beyond it is not drawn.`,
  },
  'zh-CN': {
    scalingTurn: (node, from, to, growth, b) =>
      `${node} 副本从 ${from} 增加到 ${to}，容量只增长 ${growth}：${b ? (b.node === node ? `${node} 自身仍是瓶颈，利用率 ${b.utilization}（资源争用）` : `${b.node} 成为瓶颈，利用率 ${b.utilization}`) : '没有容量有限的节点限制它'}`,
    scalingAllPay: (node, last) => `${node} 增加到 ${last} 个副本的每一步都仍然划算`,
    paysOff: (count, node, cost) => `${node} 扩展到 ${count} 个副本是划算的${cost ? `（${cost}）` : ''}`,
    pointsMeet: (met, total, cheapest) => `${total} 个点中有 ${met} 个满足 SLO；成本最低的是 ${cheapest}`,
    noPointMeets: '扫描中没有任何点满足 SLO',
    noSloStated: '未设定 SLO，因此不对任何点作出判定',
    pointsLabel: '个点',
    latencyDensityNote: (tail, upTo) => `成功请求：每个区间的占比除以区间宽度（延迟越高区间越宽）。绘制到 p99.9（${upTo}）为止，其后 ${tail} 的请求未绘出。`,
  },
};
