/**
 * Why a what-if analysis cannot start on its inputs (`whatif/sweep.ts`, `plan.ts`,
 * `resilience.ts`): what to vary, which source or node, shards that do not fit
 * together. The English is the analysis's error message word for word.
 */
import type { Finding, SentenceContext } from '../finding';
import { defineSentences, num, str } from '../finding';

const warning = 'warning' as const;

/** A node named by the figure `key`, as a person knows it. */
const node = (f: Finding, c: SentenceContext, key: string) => c.label(str(f, key));

export const whatIfInputSentences = defineSentences({
  sweepNothingToVary: {
    en: () => 'nothing to vary: give whatIf.vary in the file or --vary PATH=V1,V2 on the command line',
    'zh-CN': () => '没有要变化的参数：请在文件中给出 whatIf.vary，或在命令行上给出 --vary PATH=V1,V2',
    example: { severity: warning, figures: {} },
    quotes: ['whatIf.vary', '--vary PATH=V1,V2'],
  },
  sweepLoadSource: {
    en: (f, c) => `whatIf.load.source: "${node(f, c, 'source')}" is not a source with an open arrival process`,
    'zh-CN': (f, c) => `whatIf.load.source："${node(f, c, 'source')}" 不是开放到达过程的流量源`,
    example: { severity: warning, figures: { source: 'users' } },
    nodeFigures: ['source'],
    quotes: ['whatIf.load.source'],
  },
  mergeFirstNotShard: {
    en: () => 'merge: the first input is not a shard output (it has no "shard" field)',
    'zh-CN': () => 'merge：第一个输入不是分片输出（它没有 "shard" 字段）',
    example: { severity: warning, figures: {} },
    quotes: ['merge', '"shard"'],
  },
  mergeNotSweep: {
    en: (f) => `merge: an input is not a sweep document (format "${str(f, 'format')}")`,
    'zh-CN': (f) => `merge：有一个输入不是 sweep 文档（format 为 "${str(f, 'format')}"）`,
    example: { severity: warning, figures: { format: 'headroom/result' } },
    verbatimFigures: ['format'],
    quotes: ['merge', 'sweep', 'format'],
  },
  mergeMismatch: {
    en: (f) =>
      `merge: ${f.figures.what === 'sharding' ? 'the inputs come from different shardings' : f.figures.what === 'sweep' ? 'the inputs come from different sweeps' : 'the shards ran different scenarios (another file, --set, --seed or other run settings)'}`,
    'zh-CN': (f) =>
      `merge：${f.figures.what === 'sharding' ? '这些输入来自不同的分片方式' : f.figures.what === 'sweep' ? '这些输入来自不同的 sweep' : '这些分片运行的是不同的场景（另一个文件、--set、--seed 或其他运行设置）'}`,
    example: { severity: warning, figures: { what: 'scenario' } },
    quotes: ['merge', 'sweep', '--set', '--seed'],
  },
  mergeShardTwice: {
    en: (f) => `merge: shard ${num(f, 'index')}/${num(f, 'count')} is given twice`,
    'zh-CN': (f) => `merge：分片 ${num(f, 'index')}/${num(f, 'count')} 给出了两次`,
    example: { severity: warning, figures: { index: 2, count: 4 } },
    quotes: ['merge'],
  },
  mergeShardsMissing: {
    en: (f) => {
      const missing = str(f, 'missing').split(',').filter(Boolean);
      return `merge: shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${num(f, 'count')}`).join(', ')} missing`;
    },
    'zh-CN': (f) => `merge：缺少分片 ${str(f, 'missing').split(',').filter(Boolean).map((i) => `${i}/${num(f, 'count')}`).join('、')}`,
    example: { severity: warning, figures: { missing: '1,3', count: 4 } },
    quotes: ['merge'],
  },
  planWhichSource: {
    en: () => 'plan: name the source whose load to plan for (the scenario has several open sources)',
    'zh-CN': () => 'plan：请指明按哪个流量源的负载做规划（场景中有多个开放流量源）',
    example: { severity: warning, figures: {} },
    quotes: ['plan'],
  },
  planNotOpenSource: {
    en: (f, c) => `plan: "${node(f, c, 'source')}" is not a source with an open arrival process`,
    'zh-CN': (f, c) => `plan："${node(f, c, 'source')}" 不是开放到达过程的流量源`,
    example: { severity: warning, figures: { source: 'db' } },
    nodeFigures: ['source'],
    quotes: ['plan'],
  },
  planNoNodes: {
    en: () => 'plan: name at least one node to size (whatIf.plan.nodes or --nodes)',
    'zh-CN': () => 'plan：请至少指明一个要确定规模的节点（whatIf.plan.nodes 或 --nodes）',
    example: { severity: warning, figures: {} },
    quotes: ['whatIf.plan.nodes', '--nodes', 'plan'],
  },
  planNoSuchNode: {
    en: (f) => `plan: no node "${str(f, 'id')}"`,
    'zh-CN': (f) => `plan：没有节点 "${str(f, 'id')}"`,
    example: { severity: warning, figures: { id: 'cache' } },
    verbatimFigures: ['id'],
    quotes: ['plan'],
  },
  planNotSizable: {
    en: (f, c) => `plan: ${c.label(f.node!)} is a ${str(f, 'kind')}; it has no replicas to size`,
    'zh-CN': (f, c) => `plan：${c.label(f.node!)} 是${f.figures.kind === 'queue' ? '消息队列' : '流量源'}，没有可以确定规模的副本`,
    example: { node: 'orders', severity: warning, figures: { kind: 'queue' } },
    quotes: ['plan'],
  },
  resilienceWhichSource: {
    en: () => 'resilience: name the source to spike (--source)',
    'zh-CN': () => 'resilience：请指明要突增流量的流量源（--source）',
    example: { severity: warning, figures: {} },
    quotes: ['resilience', '--source'],
  },
  resilienceNotSource: {
    en: (f, c) => `resilience: "${node(f, c, 'source')}" is not a source of this scenario`,
    'zh-CN': (f, c) => `resilience："${node(f, c, 'source')}" 不是本场景的流量源`,
    example: { severity: warning, figures: { source: 'api' } },
    nodeFigures: ['source'],
    quotes: ['resilience'],
  },
  resilienceSpikeTooEarly: {
    en: (f) =>
      `resilience: the spike must start at least ${num(f, 'baseline')} s after the warm-up (${num(f, 'warmup')} s) so the level before it can be measured: use --at ${num(f, 'baseline') + num(f, 'warmup')} or later`,
    'zh-CN': (f) =>
      `resilience：突增至少要在预热（${num(f, 'warmup')} s）结束 ${num(f, 'baseline')} s 之后开始，才能测出突增之前的水平：请使用 --at ${num(f, 'baseline') + num(f, 'warmup')} 或更晚`,
    example: { severity: warning, figures: { baseline: 30, warmup: 10 } },
    quotes: ['resilience', '--at'],
  },
  resilienceNoBaseline: {
    en: () => 'resilience: no whole time bucket before the spike to measure the baseline on; start the spike later (--at)',
    'zh-CN': () => 'resilience：突增之前没有一个完整的时间段可以测量基线；请让突增晚一些开始（--at）',
    example: { severity: warning, figures: {} },
    quotes: ['resilience', '--at'],
  },
});
