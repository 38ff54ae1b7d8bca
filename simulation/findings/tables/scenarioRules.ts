/**
 * What the validator says about the rules between a scenario's fields (`model/validate.ts`)
 * and about override paths (`model/paths.ts`): references, shares that must add up,
 * autoscaler targets, faults, what-ifs. The English is the validator's `message`, word
 * for word; nodes of the file are named by their labels, names the file does not define
 * (a misspelt id) as written.
 */
import type { Finding, SentenceContext } from '../finding';
import { defineSentences, num, quotingFileNames, str } from '../finding';
import { didYouMeanText } from './scenarioFile';
import { formatBytes } from '../bytes';

const warning = 'warning' as const;

const kindWords: Record<string, string> = { source: '来源', gateway: '网关', service: '服务', cache: '缓存', queue: '队列', database: '数据库', external: '外部服务' };

/** A node kind in the reader's words (the English sentence writes the kind as the file does). */
const kindName = (f: Finding, c: SentenceContext): string => (c.lang === 'en' ? str(f, 'kind') : (kindWords[str(f, 'kind')] ?? str(f, 'kind')));

/** A JSON list figure, as strings ('' or broken JSON: none). */
function list(f: Finding, key: string): string[] {
  try {
    const v = JSON.parse(str(f, key)) as unknown;
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}

const quotedList = (items: readonly string[], c: SentenceContext) => items.map((x) => `"${x}"`).join(c.lang === 'en' ? ', ' : '、');
const node = (f: Finding, c: SentenceContext) => c.label(f.node ?? '');
const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

/** An id given twice in one of the file's lists (`list`), naming the first place that has it. */
const duplicateId = (what: string, whatZh: string, list: string, id: string, first: number) => ({
  en: (f: Finding) => `duplicate ${what} id "${str(f, 'id')}" (${list}[${num(f, 'first')}] has it too)`,
  'zh-CN': (f: Finding) => `${whatZh} id "${str(f, 'id')}" 重复（${list}[${num(f, 'first')}] 也用了它）`,
  example: { severity: warning, figures: { id, first } },
  quotes: [list],
});

export const scenarioRuleSentences = quotingFileNames(
  defineSentences({
    classNotDeclared: {
      en: (f, c) => `class "${str(f, 'class')}" is not declared in classes${didYouMeanText(f, c)}${f.figures.implicit === true ? ' (the file declares no "classes", so the only class is "default")' : ''}`,
      'zh-CN': (f, c) => `请求类别 "${str(f, 'class')}" 未在 classes 中声明${didYouMeanText(f, c)}${f.figures.implicit === true ? '（文件未声明 "classes"，唯一的类别是 "default"）' : ''}`,
      example: { severity: warning, figures: { class: 'chekout', suggestion: 'checkout', implicit: true } },
      quotes: ['classes'],
    },
    duplicateClassId: duplicateId('class', '请求类别', 'classes', 'checkout', 0),
    duplicateNodeId: duplicateId('node', '节点', 'nodes', 'api', 1),
    noSuchNode: {
      en: (f, c) => `there is no node "${str(f, 'id')}"${didYouMeanText(f, c)}`,
      'zh-CN': (f, c) => `没有节点 "${str(f, 'id')}"${didYouMeanText(f, c)}`,
      example: { severity: warning, figures: { id: 'dbb', suggestion: 'db' } },
    },
    autoscaleTargetRequired: {
      en: (f) => `is required with metric "${str(f, 'metric')}" (e.g. ${str(f, 'example')})`,
      'zh-CN': (f) => `指标为 "${str(f, 'metric')}" 时必须填写（例如 ${str(f, 'example')}）`,
      example: { severity: warning, figures: { metric: 'rps', example: '100' } },
      verbatimFigures: ['example'],
    },
    autoscaleFieldIgnored: {
      en: (f) => `is ignored: the autoscaler scales on ${f.figures.implicit === true ? 'busy workers (metric "workers", the default)' : `metric "${str(f, 'metric')}"`}`,
      'zh-CN': (f) => `不起作用：自动扩缩依据${f.figures.implicit === true ? '忙碌的工作槽（指标 "workers"，默认）' : `指标 "${str(f, 'metric')}"`}`,
      example: { severity: warning, figures: { metric: 'workers', implicit: true } },
    },
    autoscaleNeedsWorkersOrCpus: {
      en: () => 'needs "workers" or "cpus" on the node: the target utilization is a share of them',
      'zh-CN': () => '节点需要 "workers" 或 "cpus"：目标利用率是它们的占比',
      example: { severity: warning, figures: {} },
    },
    autoscaleNeedsCpus: {
      en: () => 'needs "cpus" on the node: the target utilization is a share of its CPUs',
      'zh-CN': () => '节点需要 "cpus"：目标利用率是其 CPU 的占比',
      example: { severity: warning, figures: {} },
    },
    autoscaleQueueNotAQueue: {
      en: (f, c) => `"${node(f, c)}" is a ${kindName(f, c)}, not a queue: the backlog metric reads a queue node's backlog`,
      'zh-CN': (f, c) => `"${node(f, c)}" 是${kindName(f, c)}，不是队列：积压指标读取的是队列节点的积压`,
      example: { node: 'db', severity: warning, figures: { kind: 'database' } },
    },
    needsSource: {
      en: () => 'needs at least one source node: load comes only from sources',
      'zh-CN': () => '至少需要一个来源节点：负载只来自来源',
      example: { severity: warning, figures: {} },
    },
    sourceMakesNoCalls: {
      en: (f, c) => `source "${node(f, c)}" makes no calls: add an edge from it`,
      'zh-CN': (f, c) => `来源 "${node(f, c)}" 没有发出任何调用：请从它连出一条调用`,
      example: { node: 'users', severity: warning, figures: {} },
    },
    mixNotOne: {
      en: (f) => `shares must add up to 1; they add up to ${str(f, 'total')}`,
      'zh-CN': (f) => `各占比之和必须为 1；当前之和为 ${str(f, 'total')}`,
      example: { severity: warning, figures: { total: '0.9' } },
    },
    sourceNeedsMix: {
      en: (f, c) => `source "${node(f, c)}" has no "mix", so its requests are of class "default", which classes does not declare: add a mix`,
      'zh-CN': (f, c) => `来源 "${node(f, c)}" 没有 "mix"，所以它的请求属于类别 "default"，而 classes 未声明该类别：请添加 mix`,
      example: { node: 'users', severity: warning, figures: {} },
      quotes: ['classes', 'mix'],
    },
    closedProfileTooManyUsers: {
      en: (f, c) => `asks for ${c.count(num(f, 'users'))} users at its peak ("users" × the largest "scale"); at most ${c.count(num(f, 'max'))} are allowed`,
      'zh-CN': (f, c) => `峰值时需要 ${c.count(num(f, 'users'))} 个用户（"users" × 最大的 "scale"）；最多允许 ${c.count(num(f, 'max'))} 个`,
      example: { severity: warning, figures: { users: 2_000_000, max: 1_000_000 } },
    },
    profilePointOutOfOrder: {
      en: (f) => `must not be earlier than the point before it (at ${str(f, 'previous')})`,
      'zh-CN': (f) => `不能早于前一个点（at ${str(f, 'previous')}）`,
      example: { severity: warning, figures: { previous: 60 } },
      quotes: ['at'],
    },
    nothingCalls: {
      en: (f, c) => `nothing calls "${node(f, c)}": it receives no requests`,
      'zh-CN': (f, c) => `没有调用指向 "${node(f, c)}"：它收不到任何请求`,
      example: { node: 'cache', severity: warning, figures: {} },
    },
    toFillLeft: {
      en: (f, c) => `"${node(f, c)}" still has ${quotedList(list(f, 'fields'), c)} to fill in (the import could not know them): the run uses placeholders until you set them`,
      'zh-CN': (f, c) => `"${node(f, c)}" 仍有 ${quotedList(list(f, 'fields'), c)} 待填写（导入无法得知）：填写之前，运行使用的是占位值`,
      example: { node: 'api', severity: warning, figures: { fields: '["replicas","workers"]' } },
      quotes: ['"replicas"', '"workers"'],
    },
    cacheNeedsHitRatioOrKeys: {
      en: (f, c) => `cache "${node(f, c)}" needs "hitRatio" (a fixed share of hits) or "keys" (a key space whose hit ratio emerges from the load)`,
      'zh-CN': (f, c) => `缓存 "${node(f, c)}" 需要 "hitRatio"（固定的命中比例）或 "keys"（由负载决定命中率的键空间）`,
      example: { node: 'redis', severity: warning, figures: {} },
      quotes: ['"hitRatio"', '"keys"'],
    },
    hitRatioWithKeys: {
      en: (f, c) => `cache "${node(f, c)}" has both "hitRatio" and "keys": with keys the hit ratio emerges from the load, so remove one of them`,
      'zh-CN': (f, c) => `缓存 "${node(f, c)}" 同时有 "hitRatio" 和 "keys"：有 "keys" 时命中率由负载决定，请去掉其中之一`,
      example: { node: 'redis', severity: warning, figures: {} },
      quotes: ['"hitRatio"', '"keys"'],
    },
    keyOptionWithoutKeys: {
      en: (f) => `"${str(f, 'field')}" needs "keys": without a key space the cache has a fixed "hitRatio"`,
      'zh-CN': (f) => `"${str(f, 'field')}" 需要 "keys"：没有键空间时缓存使用固定的 "hitRatio"`,
      example: { severity: warning, figures: { field: 'ttl' } },
      quotes: ['"keys"', '"hitRatio"'],
    },
    maxKeysNotBelowCount: {
      en: (f, c) => `has no effect: ${c.count(num(f, 'maxKeys'))} is not below the ${c.count(num(f, 'count'))} keys, so no key is ever evicted`,
      'zh-CN': (f, c) => `不起作用：${c.count(num(f, 'maxKeys'))} 不小于键的总数 ${c.count(num(f, 'count'))}，不会有键被淘汰`,
      example: { severity: warning, figures: { maxKeys: 1000, count: 1000 } },
    },
    cpusAboveWorkers: {
      en: (f) => `must not be more than workers (${num(f, 'cpus')} > ${num(f, 'workers')}): a CPU runs a request that holds a worker`,
      'zh-CN': (f) => `不能多于 workers（${num(f, 'cpus')} > ${num(f, 'workers')}）：CPU 只运行占有工作槽的请求`,
      example: { severity: warning, figures: { cpus: 8, workers: 4 } },
      quotes: ['workers'],
    },
    memoryWorkersDoNotFit: {
      en: (f, c) =>
        `${c.count(num(f, 'workers'))} workers do not fit in memory: (${formatBytes(num(f, 'limit'))} limit − ${formatBytes(num(f, 'base'))} base) ÷ ${formatBytes(num(f, 'perWorker'))} per worker leaves room for ${c.count(num(f, 'fit'))}`,
      'zh-CN': (f, c) =>
        `${c.count(num(f, 'workers'))} 个工作进程放不进内存：（上限 ${formatBytes(num(f, 'limit'))} − 基础 ${formatBytes(num(f, 'base'))}）÷ 每个工作进程 ${formatBytes(num(f, 'perWorker'))}，只容得下 ${c.count(num(f, 'fit'))} 个`,
      example: { severity: warning, figures: { workers: 12, fit: 5, limit: 2 * 1024 ** 3, base: 512 * 1024 ** 2, perWorker: 300 * 1024 ** 2 } },
      quotes: ['KiB', 'MiB', 'GiB', 'TiB', 'B'],
    },
    memoryWorkersUnlimited: {
      en: (f, c) =>
        `must be set with "memory": unlimited workers do not fit; (${formatBytes(num(f, 'limit'))} limit − ${formatBytes(num(f, 'base'))} base) ÷ ${formatBytes(num(f, 'perWorker'))} per worker leaves room for ${c.count(num(f, 'fit'))}`,
      'zh-CN': (f, c) =>
        `设置了 "memory" 时必须填写：不限数量的工作进程放不进内存；（上限 ${formatBytes(num(f, 'limit'))} − 基础 ${formatBytes(num(f, 'base'))}）÷ 每个工作进程 ${formatBytes(num(f, 'perWorker'))}，只容得下 ${c.count(num(f, 'fit'))} 个`,
      example: { severity: warning, figures: { fit: 5, limit: 2 * 1024 ** 3, base: 512 * 1024 ** 2, perWorker: 300 * 1024 ** 2 } },
      quotes: ['KiB', 'MiB', 'GiB', 'TiB', 'B'],
    },
    sweepPointDoesNotFit: {
      en: (f, c) => `${str(f, 'path')} = ${str(f, 'value')}: the workers do not fit in memory (at most ${c.count(num(f, 'fit'))}); the sweep shows this point as invalid and does not simulate it`,
      'zh-CN': (f, c) => `${str(f, 'path')} = ${str(f, 'value')}：工作进程放不进内存（最多 ${c.count(num(f, 'fit'))} 个）；扫描把这一点标为无效，不做模拟`,
      example: { severity: warning, figures: { path: 'nodes.api.workers', value: '12', fit: 5 } },
      verbatimFigures: ['path', 'value'],
    },
    contentionEmpty: {
      en: () => 'has neither "serial" nor "crosstalk" above 0: own work does not slow with concurrency',
      'zh-CN': () => '"serial" 与 "crosstalk" 都不大于 0：自身工作不会随并发变慢',
      example: { severity: warning, figures: {} },
      quotes: ['"serial"', '"crosstalk"'],
    },
    perReplicaLength: {
      en: (f, c) => `"${node(f, c)}" has ${c.count(num(f, 'count'))} "${str(f, 'field')}" but ${c.count(num(f, 'replicas'))} ${plural(num(f, 'replicas'), 'replica', 'replicas')}: give one number per replica`,
      'zh-CN': (f, c) => `"${node(f, c)}" 的 "${str(f, 'field')}" 有 ${c.count(num(f, 'count'))} 个数，但副本有 ${c.count(num(f, 'replicas'))} 个：每个副本给一个数`,
      example: { node: 'api', severity: warning, figures: { field: 'weights', count: 2, replicas: 3 } },
    },
    perReplicaWithAutoscale: {
      en: (f, c) => `"${node(f, c)}" is autoscaled, so its replica count changes and "${str(f, 'field')}" (one number per replica) cannot be used; remove one of them`,
      'zh-CN': (f, c) => `"${node(f, c)}" 启用了自动扩缩容，副本数会变化，不能使用按副本给出的 "${str(f, 'field')}"；请去掉其中之一`,
      example: { node: 'api', severity: warning, figures: { field: 'speed' } },
    },
    weightedNeedsWeights: {
      en: (f, c) => `"weighted" needs "weights" on "${node(f, c)}": one positive number per replica, e.g. [3, 1, 1]`,
      'zh-CN': (f, c) => `"weighted" 需要在 "${node(f, c)}" 上填写 "weights"：每个副本一个正数，例如 [3, 1, 1]`,
      example: { node: 'api', severity: warning, figures: {} },
      quotes: ['[3, 1, 1]'],
    },
    weightsUnused: {
      en: (f, c) => `has no effect on "${node(f, c)}": "weights" is used only with "balance": "weighted"`,
      'zh-CN': (f, c) => `对 "${node(f, c)}" 不起作用："weights" 只在 "balance": "weighted" 时使用`,
      example: { node: 'api', severity: warning, figures: {} },
    },
    contentionOneAtATime: {
      en: (f) => `has no effect: with "${str(f, 'field')}": 1 a replica does its own work one request at a time, so n is always 1 and the work is never scaled`,
      'zh-CN': (f) => `不起作用："${str(f, 'field')}" 为 1 时每个副本一次只做一个请求的自身工作，n 恒为 1，工作时间不会被放大`,
      example: { severity: warning, figures: { field: 'cpus' } },
    },
    replicasOutsideAutoscale: {
      en: (f) => `${num(f, 'replicas')} is ${f.figures.below === true ? `below autoscale.min (${num(f, 'limit')})` : `above autoscale.max (${num(f, 'limit')})`}; the run starts at ${num(f, 'start')}`,
      'zh-CN': (f) => `${num(f, 'replicas')} ${f.figures.below === true ? `低于 autoscale.min（${num(f, 'limit')}）` : `高于 autoscale.max（${num(f, 'limit')}）`}；运行从 ${num(f, 'start')} 个副本开始`,
      example: { severity: warning, figures: { replicas: 1, below: true, limit: 2, start: 2 } },
      quotes: ['autoscale.min', 'autoscale.max'],
    },
    burstBelowOne: {
      en: () => 'must be at least 1: a request takes a whole token, so a smaller bucket never admits one',
      'zh-CN': () => '至少为 1：一个请求要占用一整个令牌，更小的令牌桶永远放不进请求',
      example: { severity: warning, figures: {} },
    },
    shedWithoutQueue: {
      en: () => 'has no effect: without a "queue" limit the queue is never full, so nothing is shed',
      'zh-CN': () => '不起作用：没有 "queue" 上限时队列永远不会满，不会丢弃任何请求',
      example: { severity: warning, figures: {} },
    },
    codelTargetNotBelowInterval: {
      en: (f, c) =>
        `the target (${c.duration(num(f, 'target'))}) is not below the interval (${c.duration(num(f, 'interval'))}): CoDel judges waits over an interval many times its target (RFC 8289 takes 5% to 10%), so it would hardly ever drop`,
      'zh-CN': (f, c) =>
        `目标等待时间（${c.duration(num(f, 'target'))}）不小于观察窗口（${c.duration(num(f, 'interval'))}）：受控延迟算法在数倍于目标的窗口内判断等待（其规范取目标为窗口的 5% 到 10%），这样几乎永远不会丢弃`,
      example: { severity: warning, figures: { target: 0.2, interval: 0.1 } },
    },
    duplicateHostId: duplicateId('host', '主机', 'hosts', 'pod', 0),
    noSuchHost: {
      en: (f, c) => `there is no host "${str(f, 'id')}" in "hosts"${didYouMeanText(f, c)}`,
      'zh-CN': (f, c) => `"hosts" 中没有主机 "${str(f, 'id')}"${didYouMeanText(f, c)}`,
      example: { severity: warning, figures: { id: 'podd', suggestion: 'pod' } },
    },
    hostUnused: {
      en: (f) => `no node is placed on host "${str(f, 'id')}" (no node has "host": "${str(f, 'id')}"): its CPUs are not used`,
      'zh-CN': (f) => `没有节点放在主机 "${str(f, 'id')}" 上（没有节点写 "host": "${str(f, 'id')}"）：它的 CPU 不会被使用`,
      example: { severity: warning, figures: { id: 'pod' } },
    },
    hostUnevenPlacement: {
      en: (f, c) =>
        `"${node(f, c)}" has ${c.count(num(f, 'replicas'))} ${plural(num(f, 'replicas'), 'replica', 'replicas')} on host "${str(f, 'host')}" with ${c.count(num(f, 'hostReplicas'))} ${plural(num(f, 'hostReplicas'), 'replica', 'replicas')}: replica i runs on host replica i mod ${c.count(num(f, 'hostReplicas'))}, so the host replicas carry unequal shares of it`,
      'zh-CN': (f, c) =>
        `"${node(f, c)}" 有 ${c.count(num(f, 'replicas'))} 个副本，放在有 ${c.count(num(f, 'hostReplicas'))} 个副本的主机 "${str(f, 'host')}" 上：第 i 个副本运行在编号为 i 除以 ${c.count(num(f, 'hostReplicas'))} 的余数的主机副本上，各主机副本承担的份额不相等`,
      example: { node: 'sidecar', severity: warning, figures: { replicas: 3, host: 'pod', hostReplicas: 2 } },
    },
    partitionSkewUnused: {
      en: () => 'has no effect: "partitionSkew" needs "partitions" of 2 or more',
      'zh-CN': () => '不起作用："partitionSkew" 需要 "partitions" 至少为 2',
      example: { severity: warning, figures: {} },
    },
    consumersBeyondPartitions: {
      en: (f, c) =>
        `"${node(f, c)}" has ${c.count(num(f, 'workers'))} workers over its replicas but queue "${str(f, 'queue')}" has ${c.count(num(f, 'partitions'))} ${plural(num(f, 'partitions'), 'partition', 'partitions')}: a consumer node holds at most one message per partition, so ${c.count(num(f, 'idle'))} of its workers never get one from it`,
      'zh-CN': (f, c) =>
        `"${node(f, c)}" 的各副本共有 ${c.count(num(f, 'workers'))} 个工作槽，但队列 "${str(f, 'queue')}" 只有 ${c.count(num(f, 'partitions'))} 个分区：消费者节点每个分区同时只处理一条消息，其中 ${c.count(num(f, 'idle'))} 个工作槽永远拿不到它的消息`,
      example: { node: 'worker', severity: warning, figures: { workers: 6, queue: 'orders', partitions: 3, idle: 3 } },
    },
    queueWithoutSubscribers: {
      en: (f, c) => `queue "${node(f, c)}" has no subscribers (no edge from it): its messages are never consumed`,
      'zh-CN': (f, c) => `队列 "${node(f, c)}" 没有订阅者（没有从它连出的调用）：它的消息永远不会被消费`,
      example: { node: 'orders', severity: warning, figures: {} },
    },
    sourceCalled: {
      en: (f, c) => `"${node(f, c)}" is a source: sources send requests and cannot be called`,
      'zh-CN': (f, c) => `"${node(f, c)}" 是来源：来源只发出请求，不能被调用`,
      example: { node: 'users', severity: warning, figures: {} },
    },
    poolOnAsyncCall: {
      en: () => 'only sync calls have a pool; this call is async',
      'zh-CN': () => '只有同步调用才有连接池；这是异步调用',
      example: { severity: warning, figures: {} },
    },
    retriesOnAsyncCall: {
      en: () => 'has no effect: async calls are not retried',
      'zh-CN': () => '不起作用：异步调用不会重试',
      example: { severity: warning, figures: {} },
    },
    retryOptionWithoutRetries: {
      en: () => 'has no effect: "max" is 0, so no retry is ever made',
      'zh-CN': () => '不起作用："max" 为 0，不会发起任何重试',
      example: { severity: warning, figures: {} },
    },
    poolTimeoutWithoutQueue: {
      en: () => 'has no effect: with "queue": 0 no call waits for a slot',
      'zh-CN': () => '不起作用："queue" 为 0 时没有调用会等待连接',
      example: { severity: warning, figures: {} },
    },
    timeoutOnAsyncCall: {
      en: () => 'has no effect: the caller of an async call does not wait for it',
      'zh-CN': () => '不起作用：异步调用的调用方不等待它',
      example: { severity: warning, figures: {} },
    },
    syncCycle: {
      en: (f, c) => `sync calls form a cycle: ${list(f, 'cycle').map(c.label).join(' → ')}`,
      'zh-CN': (f, c) => `同步调用形成了环：${list(f, 'cycle').map(c.label).join(' → ')}`,
      example: { severity: warning, figures: { cycle: JSON.stringify(['api', 'auth', 'api']) } },
      nodeFigures: ['cycle'],
    },
    byClassIncomplete: {
      en: (f, c) => {
        const missing = list(f, 'classes');
        return `has no "default" and no entry for class${missing.length > 1 ? 'es' : ''} ${quotedList(missing, c)}, whose requests reach "${node(f, c)}"`;
      },
      'zh-CN': (f, c) => `没有 "default"，也没有类别 ${quotedList(list(f, 'classes'), c)} 的条目，而这些类别的请求会到达 "${node(f, c)}"`,
      example: { node: 'api', severity: warning, figures: { classes: JSON.stringify(['browse', 'checkout']) } },
    },
    byClassIncompleteForCall: {
      en: (f, c) => {
        const missing = list(f, 'classes');
        return `has no "default" and no entry for class${missing.length > 1 ? 'es' : ''} ${quotedList(missing, c)}, whose requests make this call`;
      },
      'zh-CN': (f, c) => `没有 "default"，也没有类别 ${quotedList(list(f, 'classes'), c)} 的条目，而这些类别的请求会经过这条调用`,
      example: { severity: warning, figures: { classes: JSON.stringify(['checkout']) } },
    },
    latencyOutOfQueue: {
      en: (f, c) => `"${node(f, c)}" is a queue, and its subscribers pull messages: put the wire time on the edge into the queue instead`,
      'zh-CN': (f, c) => `"${node(f, c)}" 是队列，订阅者主动拉取消息：请把网络时间放在进入队列的那条调用上`,
      example: { node: 'orders', severity: warning, figures: {} },
    },
    joinWithoutGroup: {
      en: () => 'needs "group": only the members of a group of parallel calls join',
      'zh-CN': () => '需要 "group"：只有并行调用组的成员才会汇合',
      example: { severity: warning, figures: {} },
    },
    groupOnAsyncCall: {
      en: () => 'an async call cannot be in a group: its caller does not wait for it, so there is nothing to join',
      'zh-CN': () => '异步调用不能放进调用组：调用方不等待它，没有可汇合的应答',
      example: { severity: warning, figures: {} },
    },
    groupOutOfQueue: {
      en: (f, c) => `"${node(f, c)}" is a queue, and its edges are subscriptions that consumers pull: only calls a caller waits for are sent in parallel`,
      'zh-CN': (f, c) => `"${node(f, c)}" 是队列，它的边是由消费者拉取的订阅：只有调用方等待应答的调用才能并行发出`,
      example: { node: 'orders', severity: warning, figures: {} },
    },
    joinDisagrees: {
      en: (f) => `the members of group "${str(f, 'group')}" must agree on join: edges[${num(f, 'first')}] says ${str(f, 'firstJoin')}, this one ${str(f, 'join')}`,
      'zh-CN': (f) => `调用组 "${str(f, 'group')}" 的成员必须给出相同的 join：edges[${num(f, 'first')}] 是 ${str(f, 'firstJoin')}，这条是 ${str(f, 'join')}`,
      example: { severity: warning, figures: { group: 'fanout', first: 2, firstJoin: '"all"', join: '"any"' } },
      verbatimFigures: ['firstJoin', 'join'],
      quotes: ['edges', 'join'],
    },
    quorumAboveMembers: {
      en: (f, c) => {
        const n = num(f, 'members');
        return `group "${str(f, 'group')}" of "${node(f, c)}" has ${n} member${n === 1 ? '' : 's'}: a quorum of ${num(f, 'quorum')} can never be reached`;
      },
      'zh-CN': (f, c) => `"${node(f, c)}" 的调用组 "${str(f, 'group')}" 只有 ${num(f, 'members')} 个成员：永远凑不齐 ${num(f, 'quorum')} 个应答`,
      example: { node: 'api', severity: warning, figures: { group: 'fanout', members: 2, quorum: 3 } },
    },
    quorumAboveClassMembers: {
      en: (f, c) => {
        const n = num(f, 'members');
        return `only ${n} member${n === 1 ? '' : 's'} of group "${str(f, 'group')}" ${n === 1 ? 'carries' : 'carry'} class "${str(f, 'class')}", whose requests reach "${node(f, c)}": a quorum of ${num(f, 'quorum')} can never be reached for them`;
      },
      'zh-CN': (f, c) => `调用组 "${str(f, 'group')}" 只有 ${num(f, 'members')} 个成员承载类别 "${str(f, 'class')}"，而该类别的请求会到达 "${node(f, c)}"：这些请求永远凑不齐 ${num(f, 'quorum')} 个应答`,
      example: { node: 'api', severity: warning, figures: { group: 'fanout', members: 1, quorum: 2, class: 'checkout' } },
    },
    groupOfOne: {
      en: (f, c) => `group "${str(f, 'group')}" has no other member among the calls of "${node(f, c)}": this call is made like any other`,
      'zh-CN': (f, c) => `在 "${node(f, c)}" 的调用中，调用组 "${str(f, 'group')}" 没有其他成员：这条调用和普通调用一样进行`,
      example: { node: 'api', severity: warning, figures: { group: 'fanout' } },
    },
    faultOnNodeWithoutReplicas: {
      en: (f, c) => `"${node(f, c)}" is a ${kindName(f, c)}: only nodes with replicas can fail`,
      'zh-CN': (f, c) => `"${node(f, c)}" 是${kindName(f, c)}：只有带副本的节点才会故障`,
      example: { node: 'orders', severity: warning, figures: { kind: 'queue' } },
    },
    faultReplicaOutOfRange: {
      en: (f, c) => {
        const n = num(f, 'replicas');
        return `"${node(f, c)}" has ${n} replica${n === 1 ? '' : 's'}, numbered 0${n > 1 ? `–${n - 1}` : ''}`;
      },
      'zh-CN': (f, c) => {
        const n = num(f, 'replicas');
        return `"${node(f, c)}" 有 ${n} 个副本，编号为 0${n > 1 ? `–${n - 1}` : ''}`;
      },
      example: { node: 'api', severity: warning, figures: { replicas: 3 } },
    },
    faultReplicaAndReplicas: {
      en: () => 'give either "replica" (one named replica) or "replicas" (how many), not both',
      'zh-CN': () => '"replica"（指定某个副本）和 "replicas"（副本个数）只能给一个',
      example: { severity: warning, figures: {} },
    },
    faultTakesAllReplicas: {
      en: (f, c) => `"${node(f, c)}" has only ${num(f, 'replicas')} ${plural(num(f, 'replicas'), 'replica', 'replicas')}: all of them fail`,
      'zh-CN': (f, c) => `"${node(f, c)}" 只有 ${num(f, 'replicas')} 个副本：全部会故障`,
      example: { node: 'api', severity: warning, figures: { replicas: 2 } },
    },
    faultAfterRun: {
      en: (f) => `${str(f, 'at')} s is at or after the end of the run (${str(f, 'end')} s, warm-up included): this fault never happens`,
      'zh-CN': (f) => `${str(f, 'at')} 秒处于运行结束（${str(f, 'end')} 秒，含预热）之时或之后：这个故障永远不会发生`,
      example: { severity: warning, figures: { at: 900, end: 660 } },
    },
    eventAfterRun: {
      en: (f) => `${str(f, 'at')} s is at or after the end of the run (${str(f, 'end')} s, warm-up included): this event would never happen`,
      'zh-CN': (f) => `${str(f, 'at')} 秒处于运行结束（${str(f, 'end')} 秒，含预热）之时或之后：这个事件永远不会发生`,
      example: { severity: warning, figures: { at: 900, end: 660 } },
    },
    eventWrongKind: {
      en: (f, c) => `"${node(f, c)}" is a ${kindName(f, c)}: "${str(f, 'action')}" applies to ${list(f, 'kinds').map((k) => `a ${k}`).join(' or ')}`,
      'zh-CN': (f, c) => `"${node(f, c)}" 是${kindName(f, c)}："${str(f, 'action')}" 只适用于${list(f, 'kinds').map((k) => kindWords[k] ?? k).join('或')}`,
      example: { node: 'redis', severity: warning, figures: { action: 'deploy', kind: 'cache', kinds: JSON.stringify(['service', 'gateway']) } },
      verbatimFigures: ['action'],
    },
    deployAutoscaled: {
      en: (f, c) => `"${node(f, c)}" is autoscaled: a rolling deploy is modelled for a fixed replica count only`,
      'zh-CN': (f, c) => `"${node(f, c)}" 启用了自动扩缩：滚动发布只对固定副本数建模`,
      example: { node: 'api', severity: warning, figures: {} },
    },
    eventsOverlap: {
      en: (f, c) => `overlaps events[${num(f, 'first')}] (${str(f, 'from')}–${str(f, 'to')} s) on the same replica of "${node(f, c)}": give the second one a later "at"`,
      'zh-CN': (f, c) => `与 events[${num(f, 'first')}]（${str(f, 'from')}–${str(f, 'to')} 秒）在 "${node(f, c)}" 的同一副本上重叠：请把后一个事件的 "at" 设得更晚`,
      example: { node: 'api', severity: warning, figures: { first: 0, from: 120, to: 180 } },
      quotes: ['"at"', 'events'],
    },
    flushesOverlap: {
      en: (f, c) =>
        `meets the flush of events[${num(f, 'first')}] (${str(f, 'from')}–${str(f, 'to')} s) on "${node(f, c)}": the two compound (${f.figures.keyed === true ? 'a key stays lost while either holds it out' : 'their shares of the hit ratio multiply'}), so the run measures both at once; give the second one a later "at" if they are meant apart`,
      'zh-CN': (f, c) =>
        `与 events[${num(f, 'first')}] 在 "${node(f, c)}" 上的清空（${str(f, 'from')}–${str(f, 'to')} 秒）相遇：两次清空叠加（${f.figures.keyed === true ? '任一次清空挡住的键都保持失去' : '两者对命中率的削减相乘'}），因此这次运行同时测的是两次清空；如果它们本应分开，请把后一个事件的 "at" 设得更晚`,
      example: { node: 'redis', severity: warning, figures: { first: 0, from: 70, to: 130, keyed: false } },
      quotes: ['"at"', 'events'],
    },
    alreadyVaried: {
      en: (f) => `"${str(f, 'path')}" is already varied by whatIf.vary[${num(f, 'first')}]`,
      'zh-CN': (f) => `"${str(f, 'path')}" 已由 whatIf.vary[${num(f, 'first')}] 改变`,
      example: { severity: warning, figures: { path: 'nodes.api.replicas', first: 0 } },
      quotes: ['whatIf.vary'],
    },
    loadSourceNotASource: {
      en: (f, c) => `"${node(f, c)}" is a ${kindName(f, c)}, not a source`,
      'zh-CN': (f, c) => `"${node(f, c)}" 是${kindName(f, c)}，不是来源`,
      example: { node: 'api', severity: warning, figures: { kind: 'service' } },
    },
    loadSourceClosed: {
      en: (f, c) => `"${node(f, c)}" is a closed loop of users: find "max" searches an arrival rate, which needs an open process (poisson, constant, bursty)`,
      'zh-CN': (f, c) => `"${node(f, c)}" 是封闭的用户循环：find "max" 搜索的是到达率，需要开放的到达过程（poisson、constant、bursty）`,
      example: { node: 'web', severity: warning, figures: {} },
      quotes: ['find', 'poisson', 'constant', 'bursty'],
    },
    loadMaxBelowMin: {
      en: (f) => `must be at least min (${str(f, 'min')})`,
      'zh-CN': (f) => `不能小于 min（${str(f, 'min')}）`,
      example: { severity: warning, figures: { min: 100 } },
    },
    loadSearchWithoutSlo: {
      en: () => 'find "max" looks for the highest load that meets the SLO, but the file states no "slo"',
      'zh-CN': () => 'find "max" 寻找满足 SLO 的最高负载，但文件没有写 "slo"',
      example: { severity: warning, figures: {} },
      quotes: ['find'],
    },
    backlogBoundNotAQueue: {
      en: (f, c) => `"${node(f, c)}" is a ${kindName(f, c)}; only a queue node has a backlog`,
      'zh-CN': (f, c) => `"${node(f, c)}" 是${kindName(f, c)}；只有队列节点才有积压`,
      example: { node: 'db', severity: warning, figures: { kind: 'database' } },
    },
    backlogBoundWithoutQueue: {
      en: () => 'the model has no queue node, so there is no backlog to bound',
      'zh-CN': () => '模型中没有队列节点，没有可限制的积压',
      example: { severity: warning, figures: {} },
    },
    sweepPointInvalid: {
      en: (f, c) => `with ${str(f, 'value')}, ${str(f, 'path') === '' ? '' : `${str(f, 'path')}: `}${c.finding(str(f, 'inner'))}`,
      'zh-CN': (f, c) => `取值为 ${str(f, 'value')} 时，${str(f, 'path') === '' ? '' : `${str(f, 'path')}：`}${c.finding(str(f, 'inner'))}`,
      example: { severity: warning, figures: { value: '0', path: 'nodes[1].replicas', inner: JSON.stringify({ code: 'mustBePositiveInteger', severity: warning, figures: {} }) } },
      verbatimFigures: ['path'],
    },

    // Override paths (`whatIf.vary[].path`, `--set`), from model/paths.ts.
    pathMalformed: {
      en: () => 'must be dot-separated names, like nodes.api.replicas or run.duration',
      'zh-CN': () => '必须是以点分隔的名称，例如 nodes.api.replicas 或 run.duration',
      example: { severity: warning, figures: {} },
      quotes: ['nodes.api.replicas', 'run.duration'],
    },
    pathNotAField: {
      en: (f) => `"${str(f, 'segment')}" is not a field`,
      'zh-CN': (f) => `"${str(f, 'segment')}" 不是字段`,
      example: { severity: warning, figures: { segment: 'constructor' } },
    },
    pathFixedRoot: {
      en: (f) => `"${str(f, 'root')}" identifies the file format and cannot be overridden`,
      'zh-CN': (f) => `"${str(f, 'root')}" 标识文件格式，不能改写`,
      example: { severity: warning, figures: { root: 'version' } },
    },
    pathIndexNotNumber: {
      en: (f) => `"${str(f, 'segment')}" is not an index into ${str(f, 'list')}`,
      'zh-CN': (f) => `"${str(f, 'segment')}" 不是 ${str(f, 'list')} 的下标`,
      example: { severity: warning, figures: { segment: 'first', list: 'edges' } },
      verbatimFigures: ['list'],
    },
    pathNoElement: {
      en: (f) => {
        const n = num(f, 'count');
        const range = n === 0 ? 'there are none' : n === 1 ? 'the only one is 0' : `they are 0–${n - 1}`;
        return `there is no ${str(f, 'list').replace(/s$/, '')} ${num(f, 'index')} (${range})`;
      },
      'zh-CN': (f) => {
        const n = num(f, 'count');
        const range = n === 0 ? '一个也没有' : n === 1 ? '只有 0' : `编号为 0–${n - 1}`;
        return `${str(f, 'list')} 中没有第 ${num(f, 'index')} 项（${range}）`;
      },
      example: { severity: warning, figures: { list: 'edges', index: 7, count: 3 } },
      verbatimFigures: ['list'],
    },
    pathWholeNode: {
      en: (f) => `names a whole node; add the field to change, like nodes.${str(f, 'id')}.replicas`,
      'zh-CN': (f) => `指向整个节点；请加上要改的字段，例如 nodes.${str(f, 'id')}.replicas`,
      example: { severity: warning, figures: { id: 'api' } },
      quotes: ['nodes.', '.replicas'],
      verbatimFigures: ['id'],
    },
    pathHasNoFields: {
      en: (f) => `${str(f, 'prefix')} is ${str(f, 'value')}, which has no fields`,
      'zh-CN': (f) => `${str(f, 'prefix')} 的值是 ${str(f, 'value')}，它没有字段`,
      example: { severity: warning, figures: { prefix: 'run.duration', value: '600' } },
      verbatimFigures: ['prefix', 'value'],
    },
    pathCannotBeSet: {
      en: () => 'cannot be set',
      'zh-CN': () => '不能设置',
      example: { severity: warning, figures: {} },
    },
  }),
);
