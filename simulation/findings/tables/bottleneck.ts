/** The bottleneck of a run, with the callers it holds up (simulation/analysis/bottleneck.ts). */
import { defineSentences, num, str, type Finding, type SentenceContext } from '../finding';

/** The share of arrivals the resource turned away, when that is what made it the bottleneck. */
function rejected(f: Finding): number | null {
  const share = f.figures.rejected;
  return typeof share === 'number' ? share : null;
}

/** "its connection pool to db 92% busy": a pool named by its callee, in the bottleneck and in the unstable warning alike. */
export function poolBusy(c: SentenceContext, poolTo: string, percent: string): string {
  return c.lang === 'zh-CN' ? `到 ${c.label(poolTo)} 的连接池 ${percent} 占用` : `its connection pool to ${c.label(poolTo)} ${percent} busy`;
}

/** Contention's mean stretch of the node's own work, when that is what made it the bottleneck. */
function stretch(f: Finding): number | null {
  const factor = f.figures.contentionStretch;
  return typeof factor === 'number' ? factor : null;
}

/** The consumer's workers over all replicas, or null when they are unlimited (-1 in the figures). */
function consumers(f: Finding): number | null {
  const k = f.figures.consumers;
  return typeof k === 'number' && k >= 0 ? k : null;
}

/** A consumer held back by its queue's partitions: more consumers would sit idle, so the advice is more partitions. */
function partitionsEn(f: Finding, c: SentenceContext, u: string): string {
  const p = num(f, 'partitions');
  const k = consumers(f);
  return (
    `the ${p} partitions of ${c.label(str(f, 'partitionsOf'))} ${u} in hand: a consumer takes one message of a partition at a time, so at most ${p} of its ${k === null ? 'unlimited' : c.number(k)} workers are busy and more consumer workers or replicas will not help; more partitions would`
  );
}

function partitionsZh(f: Finding, c: SentenceContext, u: string): string {
  const p = num(f, 'partitions');
  const k = consumers(f);
  return `${c.label(str(f, 'partitionsOf'))} 的 ${p} 个分区 ${u} 被占用：每个分区同一时间只交给消费者一条消息，${k === null ? '' : `其 ${c.number(k)} 个工作线程中`}最多只有 ${p} 个在忙，增加消费者的工作线程或副本无济于事，增加分区才有用`;
}

function resourceEn(f: Finding, c: SentenceContext): string {
  const factor = stretch(f);
  if (factor !== null) return `contention stretches its work ×${c.number(factor)}, with ${resourceEn({ ...f, figures: { ...f.figures, contentionStretch: null } }, c)}`;
  const u = c.percent(num(f, 'utilization'));
  const turnedAway = rejected(f);
  if (turnedAway !== null) {
    const what = str(f, 'resource') === 'rateLimit' ? 'its rate limit' : `its queue limit (${str(f, 'resource') === 'connections' ? 'connections' : 'workers'} ${u} busy)`;
    return `${what} turns away ${c.percent(turnedAway, 1)} of its arrivals`;
  }
  switch (str(f, 'resource')) {
    case 'cpus':
      return `CPUs ${u} busy`;
    case 'connections':
      return `connections ${u} busy`;
    case 'pool':
      return poolBusy(c, str(f, 'poolTo'), u);
    case 'rateLimit':
      return `its rate limit ${u} used`;
    case 'partitions':
      return partitionsEn(f, c, u);
    default:
      return `workers ${u} busy`;
  }
}

function resourceZh(f: Finding, c: SentenceContext): string {
  const factor = stretch(f);
  if (factor !== null) return `争用使其处理耗时变为 ${c.number(factor)} 倍，而${resourceZh({ ...f, figures: { ...f.figures, contentionStretch: null } }, c)}`;
  const u = c.percent(num(f, 'utilization'));
  const turnedAway = rejected(f);
  if (turnedAway !== null) {
    const what = str(f, 'resource') === 'rateLimit' ? '限流' : `队列上限（${str(f, 'resource') === 'connections' ? '连接' : '工作线程'} ${u} 忙碌）`;
    return `${what}拒绝了 ${c.percent(turnedAway, 1)} 的到达请求`;
  }
  switch (str(f, 'resource')) {
    case 'cpus':
      return `CPU ${u} 忙碌`;
    case 'connections':
      return `连接 ${u} 忙碌`;
    case 'pool':
      return poolBusy(c, str(f, 'poolTo'), u);
    case 'rateLimit':
      return `限流额度已用 ${u}`;
    case 'partitions':
      return partitionsZh(f, c, u);
    default:
      return `工作线程 ${u} 忙碌`;
  }
}

export const bottleneckSentences = defineSentences({
  bottleneck: {
    en: (f, c) => {
      const node = c.label(f.node!);
      const held = str(f, 'heldNode');
      const more = num(f, 'moreHeldUp');
      return (
        `${node} is the bottleneck (${resourceEn(f, c)})` +
        (held
          ? `; ${c.label(held)}'s workers are ${c.percent(num(f, 'heldShare'))} held, ${c.percent(num(f, 'waitShare'))} of that time waiting on ${c.label(str(f, 'waitingOn'))}` +
            (more > 0 ? ` (and ${more} more ${more === 1 ? 'caller' : 'callers'} held up along the chain)` : '')
          : '') +
        `; ${c.percent(num(f, 'latencyShare'))} of end-to-end latency is spent in or waiting for ${node}`
      );
    },
    'zh-CN': (f, c) => {
      const node = c.label(f.node!);
      const held = str(f, 'heldNode');
      const more = num(f, 'moreHeldUp');
      return (
        `${node} 是瓶颈（${resourceZh(f, c)}）` +
        (held
          ? `；${c.label(held)} 的工作线程 ${c.percent(num(f, 'heldShare'))} 被占用，其中 ${c.percent(num(f, 'waitShare'))} 的时间在等待 ${c.label(str(f, 'waitingOn'))}` +
            (more > 0 ? `（调用链上另有 ${more} 个调用方也被拖住）` : '')
          : '') +
        `；端到端延迟的 ${c.percent(num(f, 'latencyShare'))} 花在 ${node} 上或等待它`
      );
    },
    example: {
      node: 'db',
      severity: 'info',
      figures: { resource: 'connections', utilization: 1, latencyShare: 0.61, poolTo: null, heldNode: 'api', heldShare: 1, waitingOn: 'db', waitShare: 0.81, moreHeldUp: 1 },
    },
    nodeFigures: ['poolTo', 'heldNode', 'waitingOn', 'partitionsOf'],
  },
});
