/** The trace import's printed report, in English and Simplified Chinese. */
import type { ImportReport } from './infer';
import type { SamplingReport } from './sampling';

export type ImportLanguage = 'en' | 'zh-CN';

const ms = (s: number) => `${(s * 1000).toFixed(s < 0.01 ? 2 : 1)} ms`;

const spans = (n: number) => `${n} span${n === 1 ? '' : 's'}`;
const traces = (n: number) => `${n} trace${n === 1 ? '' : 's'}`;
const pct = (x: number) => `${x >= 0.0995 ? (x * 100).toFixed(1) : (x * 100).toPrecision(2)}%`;
const perSecond = (x: number) => x.toPrecision(3);
const vias = (list: { via: string; traces: number }[], zh: boolean) => list.map((d) => (zh ? `${d.via}，${d.traces} 条链路` : `${d.via} on ${traces(d.traces)}`)).join(zh ? '；' : '; ');

const en = {
  read: (r: ImportReport) => `Read ${r.spans} spans in ${r.traces} traces: ${r.requests} requests over ${r.window.toFixed(1)} s.`,
  arrivals: (r: ImportReport) => `Arrivals: ${r.rate.toPrecision(3)} requests/s (Poisson) at source "${r.source}".`,
  nodes: 'Nodes (one per service; kind from span attributes, edit if wrong):',
  node: (id: string, kind: string, service: string, visits: number) => `  ${id}  ${kind}${service !== id ? ` (service "${service}")` : ''}, ${visits} spans`,
  hitRatio: (share: number) => `, hit ratio ${(share * 100).toFixed(1)}% (the visits that called nothing onward; its calls are per miss)`,
  classes: 'Classes (root span name):',
  cls: (id: string, label: string, n: number, share: number) => `  ${id}${label !== id ? ` ("${label}")` : ''}: ${n} requests (${(share * 100).toFixed(0)}%)`,
  edges: 'Calls (mean per visit of the caller):',
  edge: (from: string, to: string, mode: string, calls: number, cls: string) => `  ${from} → ${to}  ${mode === 'async' ? 'async' : 'sync'}  ${calls.toFixed(2)} per visit  [${cls}]`,
  work: 'Own work (self time: span length minus its sync calls):',
  workLine: (node: string, cls: string, mean: number, cv: number, dist: string, n: number) => `  ${node} [${cls}]: mean ${ms(mean)}, cv ${cv.toFixed(2)} → ${dist} (${n} spans)`,
  sampled: (r: SamplingReport) =>
    `Sampling: the traces state how they were sampled (${vias(r.declared, false)}): they are about ${pct(r.rate ?? 1)} of the requests, so the ${perSecond(r.observedRate)} requests/s they show were scaled to the rate above, and the mix weighted the same way.`,
  groups: 'Parallel calls (overlapping sync calls of one visit, written as an edge "group": sent at once):',
  group: (from: string, group: string, members: string[]) => `  ${from}: ${group} = ${members.join(', ')}`,
  toFill: 'To fill in (traces do not show capacity; placeholders of 1 were written, and each node\'s "toFill" lists them; --replicas, --workers, --cpus and a queue\'s --capacity NODE=N fill them; --workers NODE=unlimited for no limit):',
  fill: (node: string, fields: string[]) => `  ${node}: ${fields.join(', ')}`,
  noneToFill: '  nothing: every capacity was given',
  filled: 'Filled from flags:',
  filledLine: (node: string, field: string, value: number | null, flag: string) => `  ${node}: ${field} ${value ?? 'unlimited'} (${flag})`,
  rateLimited: (r: SamplingReport) =>
    `  sampling: rate-limited (${vias(r.rateLimited, false)}): the traces are at most ${r.rateLimited.map((d) => perSecond(d.perSecond)).join(' or ')} per second of the requests, with no probability to scale by; the source's rate is the traces' own, to be filled in`,
  unknownRate: (r: SamplingReport) => `  sampling: the traces say they were sampled (${vias(r.unknownRate, false)}) but not at what rate: the source's rate is that of the kept traces, to be filled in`,
  sameCallee: (from: string, to: string, n: number) => `  ${from} calls ${to} several times at once in ${n} ${n === 1 ? 'visit' : 'visits'}: a group holds one edge per callee, so these calls were written one after another (their latencies add up there)`,
  notInferred: 'Could not infer:',
  orphans: (n: number, examples: string[]) => `  ${spans(n)} whose parent is not in the files (dropped or not sampled): their own work counts, the call into them does not${examples.length > 0 ? `; e.g. ${examples.join('; ')}` : ''}`,
  skew: (n: number, max: number) => `  clock skew: ${spans(n)} ${n === 1 ? 'starts' : 'start'} before their parent (by up to ${ms(max)}); their times were used as they are`,
  unnamed: (n: number) => `  ${n} client ${n === 1 ? 'span names' : 'spans name'} no callee (no peer.service, db.system or messaging.system): their time counts as their caller's own work`,
  rootless: (n: number, r: SamplingReport) =>
    `  ${n} ${n === 1 ? 'trace has' : 'traces have'} no root span: they count for work, not for classes or arrivals. The trace looks sampled or cut: if each was a request whose root was not kept, ${pct(r.rootShare)} of roots were kept and the rate would be ${perSecond(r.observedRate / Math.max(1e-12, r.rootShare))} requests/s; not scaled, the source's rate is to be filled in`,
  duplicates: (n: number) => `  ${spans(n)} ${n === 1 ? 'repeats' : 'repeat'} a span id of their trace: the later ones were skipped`,
  nothing: '  nothing else: every span had its parent',
  wrote: (path: string) => `Wrote ${path}.`,
};

const zh: typeof en = {
  read: (r) => `读取了 ${r.traces} 条链路中的 ${r.spans} 个 span：${r.window.toFixed(1)} 秒内 ${r.requests} 个请求。`,
  arrivals: (r) => `到达：来源 "${r.source}" 每秒 ${r.rate.toPrecision(3)} 个请求（泊松）。`,
  nodes: '节点（每个服务一个；类型由 span 属性推断，如有误请修改）：',
  node: (id, kind, service, visits) => `  ${id}  ${kind}${service !== id ? `（服务 "${service}"）` : ''}，${visits} 个 span`,
  hitRatio: (share) => `，命中率 ${(share * 100).toFixed(1)}%（没有向下游调用的访问；它的调用按未命中计）`,
  classes: '请求类别（根 span 名称）：',
  cls: (id, label, n, share) => `  ${id}${label !== id ? `（"${label}"）` : ''}：${n} 个请求（${(share * 100).toFixed(0)}%）`,
  edges: '调用（调用方每次访问的平均次数）：',
  edge: (from, to, mode, calls, cls) => `  ${from} → ${to}  ${mode === 'async' ? '异步' : '同步'}  每次访问 ${calls.toFixed(2)} 次  [${cls}]`,
  work: '自身工作（自身时间：span 时长减去其同步调用）：',
  workLine: (node, cls, mean, cv, dist, n) => `  ${node} [${cls}]：均值 ${ms(mean)}，变异系数 ${cv.toFixed(2)} → ${dist}（${n} 个 span）`,
  sampled: (r) => `采样：链路说明了采样方式（${vias(r.declared, true)}）：它们约占请求的 ${pct(r.rate ?? 1)}，因此链路中每秒 ${perSecond(r.observedRate)} 个请求已按此放大为上面的到达率，请求类别占比也按同样的权重计算。`,
  groups: '并行调用（一次访问中相互重叠的同步调用，写成边的 "group"：同时发出）：',
  group: (from, group, members) => `  ${from}：${group} = ${members.join('、')}`,
  toFill: '待填写（链路不包含容量信息；已写入占位值 1，并在每个节点的 "toFill" 中列出；可用 --replicas、--workers、--cpus 和队列的 --capacity NODE=N 填写；--workers NODE=unlimited 表示不限）：',
  fill: (node, fields) => `  ${node}：${fields.join('、')}`,
  noneToFill: '  无：所有容量都已给出',
  filled: '由参数填写：',
  filledLine: (node, field, value, flag) => `  ${node}：${field} ${value ?? '不限'}（${flag}）`,
  rateLimited: (r) => `  采样：按速率限制（${vias(r.rateLimited, true)}）：链路每秒最多 ${r.rateLimited.map((d) => perSecond(d.perSecond)).join(' 或 ')} 条，没有可用于放大的采样概率；来源的到达率是链路本身的，待填写`,
  unknownRate: (r) => `  采样：链路表明经过采样（${vias(r.unknownRate, true)}），但没有说明采样率：来源的到达率是保留下来的链路的，待填写`,
  sameCallee: (from, to, n) => `  ${from} 在 ${n} 次访问中同时多次调用 ${to}：一个 group 中每个被调用方只有一条边，因此这些调用写成了依次进行（其延迟会相加）`,
  notInferred: '无法推断：',
  orphans: (n, examples) => `  ${n} 个 span 的父 span 不在文件中（被丢弃或未采样）：计入其自身工作，不计入对它的调用${examples.length > 0 ? `；例如 ${examples.join('；')}` : ''}`,
  skew: (n, max) => `  时钟偏差：${n} 个 span 早于其父 span 开始（最多 ${ms(max)}）；其时间按原样使用`,
  unnamed: (n) => `  ${n} 个客户端 span 未指明被调用方（没有 peer.service、db.system 或 messaging.system）：其时间计为调用方的自身工作`,
  rootless: (n, r) =>
    `  ${n} 条链路没有根 span：计入工作，不计入类别和到达率。链路看起来经过采样或被截断：如果每条都是根 span 未被保留的请求，则保留了 ${pct(r.rootShare)} 的根 span，到达率应为每秒 ${perSecond(r.observedRate / Math.max(1e-12, r.rootShare))} 个请求；未放大，来源的到达率待填写`,
  duplicates: (n) => `  ${n} 个 span 与同一链路中的 span id 重复：已跳过后出现的`,
  nothing: '  没有其他问题：每个 span 都有其父 span',
  wrote: (path) => `已写入 ${path}。`,
};

export function importStrings(language: ImportLanguage): typeof en {
  return language === 'zh-CN' ? zh : en;
}

export function formatImportReport(r: ImportReport, language: ImportLanguage): string {
  const t = importStrings(language);
  const lines = [t.read(r), t.arrivals(r), t.nodes];
  for (const n of r.nodes) lines.push(t.node(n.id, n.kind, n.service, n.visits) + (n.hitRatio === undefined ? '' : t.hitRatio(n.hitRatio)));
  lines.push(t.classes);
  for (const c of r.classes) lines.push(t.cls(c.id, c.label, c.requests, c.requests / Math.max(1, r.requests)));
  lines.push(t.edges);
  for (const e of r.edges) lines.push(t.edge(e.from, e.to, e.mode, e.calls, e.cls));
  if (r.parallelGroups.length > 0) {
    lines.push(t.groups);
    for (const g of r.parallelGroups) lines.push(t.group(g.from, g.group, g.members));
  }
  lines.push(t.work);
  for (const w of r.work) lines.push(t.workLine(w.node, w.cls, w.mean, w.cv, w.dist, w.samples));
  if (r.sampling.scaled) lines.splice(2, 0, t.sampled(r.sampling));
  if (r.filled.length > 0) {
    lines.push(t.filled);
    for (const f of r.filled) lines.push(t.filledLine(f.node, f.field, f.value, f.flag));
  }
  lines.push(t.toFill);
  for (const f of r.toFill) lines.push(t.fill(f.node, f.fields));
  if (r.toFill.length === 0) lines.push(t.noneToFill);
  lines.push(t.notInferred);
  const before = lines.length;
  if (r.orphans > 0) lines.push(t.orphans(r.orphans, r.orphanExamples));
  if (r.skew.spans > 0) lines.push(t.skew(r.skew.spans, r.skew.maxSeconds));
  if (r.unnamedCalls > 0) lines.push(t.unnamed(r.unnamedCalls));
  if (r.rootlessTraces > 0) lines.push(t.rootless(r.rootlessTraces, r.sampling));
  if (r.sampling.rateLimited.length > 0) lines.push(t.rateLimited(r.sampling));
  if (r.sampling.unknownRate.length > 0) lines.push(t.unknownRate(r.sampling));
  for (const c of r.sameCallee) lines.push(t.sameCallee(c.from, c.to, c.visits));
  if (r.duplicates > 0) lines.push(t.duplicates(r.duplicates));
  if (lines.length === before) lines.push(t.nothing);
  return lines.join('\n');
}
