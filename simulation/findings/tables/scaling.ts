/**
 * The what-if verdicts: where scaling a node out stops paying (`whatif/scaling.ts`), the
 * sweep's recommendation (`whatif/recommend.ts`) and the capacity plan (`whatif/plan.ts`).
 * The English renderings without labels are the `explanation` strings the result
 * documents keep (cli-and-results.md), so they stay worded as the spec shows them.
 */
import { utilizationText, type DisplayedUtilization } from '../../measures/utilization';
import { defineSentences, num, str, type Finding, type SentenceContext } from '../finding';

const replicaWord = (n: number) => (n === 1 ? 'replica' : 'replicas');

/** Which of the bottleneck's resources the share is of, from the figure `resource` (empty for a document without it). */
const resourceWords = {
  en: { workers: ' of its workers', cpus: ' of its CPUs', connections: ' of its connections', pool: ' of its connection pool', rateLimit: ' of its rate limit', partitions: ' of its queue’s partitions' },
  'zh-CN': { workers: '工作线程', cpus: 'CPU ', connections: '连接', pool: '连接池', rateLimit: '限流', partitions: '所消费队列的分区' },
} as const;

function ofResource(f: Finding, c: SentenceContext): string {
  const r = f.figures.resource;
  return typeof r === 'string' && Object.hasOwn(resourceWords.en, r) ? resourceWords[c.lang][r as keyof (typeof resourceWords)['en']] : '';
}

/** The node that limits the scaled-out system, from the figures `bottleneck` and `utilization`. */
function turnCauseEn(f: Finding, c: SentenceContext): string {
  const b = str(f, 'bottleneck');
  if (!b) return 'no node with a finite capacity limits it';
  const u = `${c.percent(num(f, 'utilization'))} utilization${ofResource(f, c)}`;
  // A consumer held back by its queue's partitions gains nothing from its own replicas: they sit idle.
  if (b === f.node && f.figures.resource === 'partitions') return `${c.label(b)} itself stays the bottleneck at ${u} (more replicas of it sit idle; more partitions would help)`;
  return b === f.node ? `${c.label(b)} itself stays the bottleneck at ${u} (contention)` : `${c.label(b)} becomes the bottleneck at ${u}`;
}

function turnCauseZh(f: Finding, c: SentenceContext): string {
  const b = str(f, 'bottleneck');
  if (!b) return '没有容量有限的节点限制它';
  const u = `${ofResource(f, c)}利用率 ${c.percent(num(f, 'utilization'))}`;
  if (b === f.node && f.figures.resource === 'partitions') return `${c.label(b)} 自身仍是瓶颈，${u}（再加它的副本也只会空闲，增加分区才有用）`;
  return b === f.node ? `${c.label(b)} 自身仍是瓶颈，${u}（资源争用）` : `${c.label(b)} 成为瓶颈，${u}`;
}

/** What broke at the lowest rate that missed the SLO (`capacity.limit`). */
function aboveEn(f: Finding, c: SentenceContext): string {
  const rate = c.rate(num(f, 'above'));
  if (f.figures.why === 'heldUp') return `at ${rate} ${c.label(str(f, 'caller'))} cannot keep up, its workers ${c.percent(num(f, 'waitShare'))} of their time waiting on it`;
  return f.figures.why === 'unstable' ? `at ${rate} it cannot keep up (its queue grows without bound)` : f.figures.why === 'bottleneck' ? `at ${rate} it is the bottleneck` : `at ${rate} the SLO is missed`;
}

function aboveZh(f: Finding, c: SentenceContext): string {
  const rate = c.rate(num(f, 'above'));
  if (f.figures.why === 'heldUp') return `到 ${rate} 时 ${c.label(str(f, 'caller'))} 跟不上，其工作线程 ${c.percent(num(f, 'waitShare'))} 的时间在等待它`;
  return f.figures.why === 'unstable' ? `到 ${rate} 时它跟不上（队列无限增长）` : f.figures.why === 'bottleneck' ? `到 ${rate} 时它是瓶颈` : `到 ${rate} 时未满足 SLO`;
}

/** The busiest node at the capacity, which is not saturated: why it is not the answer. */
function busiestEn(f: Finding, c: SentenceContext): string {
  const b = str(f, 'busiest');
  return b ? `, while at the capacity the busiest, ${c.label(b)}, is at only ${c.percent(num(f, 'utilization'))} utilization${ofResource(f, c)}` : '';
}

function busiestZh(f: Finding, c: SentenceContext): string {
  const b = str(f, 'busiest');
  return b ? `；而在容量处最忙的 ${c.label(b)} ${ofResource(f, c)}利用率只有 ${c.percent(num(f, 'utilization'))}` : '';
}

/** A sweep point's varied values, kept as JSON in the figure `point`: "Orders API replicas = 2". */
const fieldNames: Record<'en' | 'zh-CN', Record<string, string>> = {
  en: {},
  'zh-CN': { replicas: '副本数', workers: '工作线程数', cpus: 'CPU 数', queue: '队列上限', shards: '分片数', capacity: '容量', cost: '成本', 'arrival.rate': '到达速率', 'arrival.users': '用户数', timeout: '超时' },
};

/** A figure that holds a record as JSON (findings keep only scalars); null when it does not parse. */
function jsonFigure<T>(f: Finding, key: string): T | null {
  try {
    return JSON.parse(str(f, key)) as T;
  } catch {
    return null;
  }
}

function pointWords(f: Finding, c: SentenceContext): string {
  const values = jsonFigure<Record<string, unknown>>(f, 'point');
  if (!values) return str(f, 'point');
  return Object.entries(values)
    .map(([path, value]) => {
      const m = /^nodes\.([^.]+)\.(.+)$/.exec(path);
      const where = m ? `${c.label(m[1]!)} ${fieldNames[c.lang][m[2]!] ?? m[2]}` : path;
      return `${where} = ${String(value)}`;
    })
    .join(c.lang === 'zh-CN' ? '，' : ', ');
}

/** A plan's assignment, kept as JSON in the figure `assignment`: "Orders API×6 (4 workers), db×4". */
function assignmentWords(f: Finding, c: SentenceContext): string {
  const a = jsonFigure<Record<string, { replicas: number; workers: number | null }>>(f, 'assignment');
  if (!a) return str(f, 'assignment');
  return Object.entries(a)
    .map(([id, v]) => {
      const workers = v.workers === null ? '' : c.lang === 'zh-CN' ? `（${v.workers} 个工作线程）` : ` (${v.workers} ${v.workers === 1 ? 'worker' : 'workers'})`;
      return `${c.label(id)}×${v.replicas}${workers}`;
    })
    .join(c.lang === 'zh-CN' ? '，' : ', ');
}

/** A node's displayed utilization, kept in the finding as its JSON, read inside a sentence. */
function utilizationWords(f: Finding, c: SentenceContext): string {
  const u = jsonFigure<DisplayedUtilization>(f, 'utilization');
  return u ? utilizationText(u, c.lang, 'inline') : str(f, 'utilization');
}

function money(f: Finding, key: string): string {
  return `${num(f, key).toFixed(2)} ${str(f, 'currency')}`;
}

/** A load in requests per second as the plan states it (a target the user typed, so exact digits in English). */
const loadEn = (f: Finding) => `${num(f, 'load')} req/s`;

export const scalingSentences = defineSentences({
  'scaling.single': {
    en: () => 'one replica count only: nothing to compare',
    'zh-CN': () => '只有一个副本数：无从比较',
    example: { severity: 'info', figures: {} },
  },
  'scaling.allPay': {
    en: (f, c) => {
      const last = num(f, 'last');
      const b = str(f, 'bottleneck');
      return `every step up to ${last} replicas of ${c.label(f.node!)} still pays off${b ? `; at ${last} the bottleneck is ${c.label(b)} at ${c.percent(num(f, 'utilization'))} utilization${ofResource(f, c)}` : ''}`;
    },
    'zh-CN': (f, c) => {
      const last = num(f, 'last');
      const b = str(f, 'bottleneck');
      return `${c.label(f.node!)} 增加到 ${last} 个副本的每一步都仍然划算${b ? `；${last} 个副本时瓶颈是 ${c.label(b)}，${ofResource(f, c)}利用率 ${c.percent(num(f, 'utilization'))}` : ''}`;
    },
    example: { node: 'api', severity: 'info', figures: { last: 8, bottleneck: 'db', utilization: 0.9, resource: 'connections' } },
    nodeFigures: ['bottleneck'],
  },
  'scaling.turn': {
    en: (f, c) => `from ${num(f, 'from')} to ${num(f, 'to')} replicas of ${c.label(f.node!)} capacity grows ${c.percent(num(f, 'growth'))}: ${turnCauseEn(f, c)}`,
    'zh-CN': (f, c) => `${c.label(f.node!)} 副本从 ${num(f, 'from')} 增加到 ${num(f, 'to')}，容量只增长 ${c.percent(num(f, 'growth'))}：${turnCauseZh(f, c)}`,
    example: { node: 'api', severity: 'info', figures: { from: 4, to: 8, growth: 0.05, bottleneck: 'db', utilization: 0.96, resource: 'connections' } },
    nodeFigures: ['bottleneck'],
  },
  'scaling.turnAbove': {
    en: (f, c) => `from ${num(f, 'from')} to ${num(f, 'to')} replicas of ${c.label(f.node!)} capacity grows ${c.percent(num(f, 'growth'))}: ${c.label(str(f, 'bottleneck'))} limits it: ${aboveEn(f, c)}${busiestEn(f, c)}`,
    'zh-CN': (f, c) => `${c.label(f.node!)} 副本从 ${num(f, 'from')} 增加到 ${num(f, 'to')}，容量只增长 ${c.percent(num(f, 'growth'))}：限制它的是 ${c.label(str(f, 'bottleneck'))}：${aboveZh(f, c)}${busiestZh(f, c)}`,
    example: { node: 'api', severity: 'info', figures: { from: 4, to: 6, growth: 0.11, bottleneck: 'db', above: 1100, why: 'heldUp', caller: 'api', waitShare: 0.72, utilization: 0.72, busiest: 'api', resource: 'cpus' } },
    nodeFigures: ['bottleneck', 'busiest', 'caller'],
  },
  'sweep.replicasPayOff': {
    en: (f, c) => {
      const n = num(f, 'count');
      const cost = f.figures.perMillion === null || f.figures.perMillion === undefined ? '' : ` (${money(f, 'perHour')}/h, ${money(f, 'perMillion')} / 1M)`;
      return `${n} ${replicaWord(n)} of ${c.label(f.node!)} ${n === 1 ? 'pays' : 'pay'} off${cost}`;
    },
    'zh-CN': (f, c) => {
      const cost = f.figures.perMillion === null || f.figures.perMillion === undefined ? '' : `（每小时 ${money(f, 'perHour')}，每百万请求 ${money(f, 'perMillion')}）`;
      return `${c.label(f.node!)} 扩展到 ${num(f, 'count')} 个副本是划算的${cost}`;
    },
    example: { node: 'api', severity: 'info', figures: { count: 4, perHour: 1.2, perMillion: 0.83, currency: 'USD' } },
    verbatimFigures: ['currency'],
  },
  'sweep.noSlo': {
    en: () => 'no SLO is stated, so no point is judged against one',
    'zh-CN': () => '未设定 SLO，因此不对任何点作出判定',
    example: { severity: 'info', figures: {} },
  },
  'sweep.noneMeet': {
    en: () => 'no point of the sweep meets the SLO',
    'zh-CN': () => '扫描中没有任何点满足 SLO',
    example: { severity: 'info', figures: { total: 6 } },
  },
  'sweep.loadAll': {
    en: (f, c) => `the SLO holds at every load tried, up to ${c.rate(num(f, 'max'))}`,
    'zh-CN': (f, c) => `所试的每个负载下都满足 SLO，最高到 ${c.rate(num(f, 'max'))}`,
    example: { severity: 'info', figures: { max: 800 } },
  },
  'sweep.loadUpTo': {
    en: (f, c) => `the SLO holds up to ${c.rate(num(f, 'rate'))}; at ${c.rate(num(f, 'missed'))} it is missed`,
    'zh-CN': (f, c) => `负载不超过 ${c.rate(num(f, 'rate'))} 时满足 SLO；到 ${c.rate(num(f, 'missed'))} 时未满足`,
    example: { severity: 'info', figures: { rate: 650, missed: 700 } },
  },
  'sweep.metCount': {
    en: (f) => `${num(f, 'met')} of ${num(f, 'total')} points meet the SLO`,
    'zh-CN': (f) => `${num(f, 'total')} 个点中有 ${num(f, 'met')} 个满足 SLO`,
    example: { severity: 'info', figures: { met: 3, total: 6 } },
  },
  'sweep.cheapest': {
    en: (f, c) => `${num(f, 'met')} of ${num(f, 'total')} points meet the SLO; the cheapest is ${pointWords(f, c)}`,
    'zh-CN': (f, c) => `${num(f, 'total')} 个点中有 ${num(f, 'met')} 个满足 SLO；成本最低的是 ${pointWords(f, c)}`,
    example: { severity: 'info', figures: { met: 3, total: 6, point: JSON.stringify({ 'nodes.api.replicas': 2, 'nodes.db.replicas': 3 }) } },
  },
  // A capacity plan's steps: what each one changed and why (the CLI lists them; `change` holds the English).
  'plan.step.start': {
    en: (f, c) => `start from the operational-law estimate: ${assignmentWords(f, c)}`,
    'zh-CN': (f, c) => `从运算定律估算出发：${assignmentWords(f, c)}`,
    example: { severity: 'info', figures: { assignment: JSON.stringify({ api: { replicas: 3, workers: 4 } }) } },
  },
  'plan.step.workers': {
    en: (f, c) => `${c.label(f.node ?? '')} workers held (${c.percent(num(f, 'held'))}) while CPUs idle (${c.percent(num(f, 'cpu'))}): workers → ${num(f, 'workers')}`,
    'zh-CN': (f, c) => `${c.label(f.node ?? '')} 的工作线程被占用（${c.percent(num(f, 'held'))}）而 CPU 空闲（${c.percent(num(f, 'cpu'))}）：工作线程 → ${num(f, 'workers')}`,
    example: { severity: 'info', node: 'api', figures: { held: 0.95, cpu: 0.4, workers: 6 } },
  },
  'plan.step.replicas': {
    en: (f, c) => `${c.label(f.node ?? '')} is ${f.figures.bottleneck === true ? 'the bottleneck' : 'the busiest planned node'} (${utilizationWords(f, c)}): replicas → ${num(f, 'replicas')}`,
    'zh-CN': (f, c) => `${c.label(f.node ?? '')} ${f.figures.bottleneck === true ? '是瓶颈' : '是所规划节点中最忙的'}（${utilizationWords(f, c)}）：副本 → ${num(f, 'replicas')}`,
    example: { severity: 'info', node: 'api', figures: { bottleneck: true, utilization: JSON.stringify({ resource: 'cpus', share: 0.98, inFlight: 7.5, waiting: false }), replicas: 4 } },
  },
  'plan.step.fewer': {
    en: (f, c) => `try ${c.label(f.node ?? '')} replicas → ${num(f, 'replicas')}`,
    'zh-CN': (f, c) => `尝试 ${c.label(f.node ?? '')} 副本 → ${num(f, 'replicas')}`,
    example: { severity: 'info', node: 'api', figures: { replicas: 3 } },
  },
  'plan.found': {
    en: (f, c) =>
      `at ${loadEn(f)}, ${assignmentWords(f, c)} meets the SLO (p99 ${c.duration(num(f, 'p99'))})${f.figures.perHour === null || f.figures.perHour === undefined ? '' : ` for ${money(f, 'perHour')}/hour`}`,
    'zh-CN': (f, c) =>
      `在 ${c.rate(num(f, 'load'))} 下，${assignmentWords(f, c)} 满足 SLO（p99 ${c.duration(num(f, 'p99'))}）${f.figures.perHour === null || f.figures.perHour === undefined ? '' : `，每小时 ${money(f, 'perHour')}`}`,
    example: { severity: 'info', figures: { load: 230, assignment: JSON.stringify({ api: { replicas: 6, workers: 4 }, db: { replicas: 4, workers: null } }), p99: 0.18, perHour: 3.5, currency: 'USD' } },
    verbatimFigures: ['currency'],
  },
  'plan.partitionsLimit': {
    en: (f, c) =>
      `at ${loadEn(f)} more replicas cannot meet the SLO: ${c.label(f.node ?? '')} is limited by the ${num(f, 'partitions')} partitions of ${c.label(str(f, 'queue'))} (a consumer takes one message of a partition at a time, so replicas beyond them sit idle); add partitions`,
    'zh-CN': (f, c) =>
      `在 ${c.rate(num(f, 'load'))} 下，再加副本也无法满足 SLO：${c.label(f.node ?? '')} 受限于 ${c.label(str(f, 'queue'))} 的 ${num(f, 'partitions')} 个分区（每个分区同一时间只交给消费者一条消息，多出的副本只会空闲）；应增加分区`,
    example: { severity: 'warning', node: 'worker', figures: { load: 95, queue: 'orders', partitions: 3 } },
    nodeFigures: ['queue'],
  },
  'plan.notFound': {
    en: (f) => `no assignment within ${num(f, 'maxReplicas')} replicas per node met the SLO at ${loadEn(f)}`,
    'zh-CN': (f, c) => `在 ${c.rate(num(f, 'load'))} 下，每个节点最多 ${num(f, 'maxReplicas')} 个副本的任何组合都未满足 SLO`,
    example: { severity: 'warning', figures: { load: 230, maxReplicas: 4 } },
  },
});
