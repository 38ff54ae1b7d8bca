/** The trace import's printed report, in English and Simplified Chinese. */
import type { ImportReport } from './infer';

export type ImportLanguage = 'en' | 'zh-CN';

const ms = (s: number) => `${(s * 1000).toFixed(s < 0.01 ? 2 : 1)} ms`;

const spans = (n: number) => `${n} span${n === 1 ? '' : 's'}`;

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
  toFill: 'To fill in (traces do not show capacity; placeholders of 1 were written):',
  fill: (node: string, fields: string[]) => `  ${node}: ${fields.join(', ')}`,
  notInferred: 'Could not infer:',
  orphans: (n: number, examples: string[]) => `  ${spans(n)} whose parent is not in the files (dropped or not sampled): their own work counts, the call into them does not${examples.length > 0 ? `; e.g. ${examples.join('; ')}` : ''}`,
  skew: (n: number, max: number) => `  clock skew: ${spans(n)} ${n === 1 ? 'starts' : 'start'} before their parent (by up to ${ms(max)}); their times were used as they are`,
  unnamed: (n: number) => `  ${n} client ${n === 1 ? 'span names' : 'spans name'} no callee (no peer.service, db.system or messaging.system): their time counts as their caller's own work`,
  rootless: (n: number) => `  ${n} ${n === 1 ? 'trace has' : 'traces have'} no root span: they count for work, not for classes or arrivals`,
  duplicates: (n: number) => `  ${spans(n)} ${n === 1 ? 'repeats' : 'repeat'} a span id of their trace: the later ones were skipped`,
  parallel: (n: number) => `  ${n} ${n === 1 ? 'visit makes' : 'visits make'} sync calls that overlap (in parallel): the imported model makes them one after another, so their latency adds up there; give such edges one "group" to send them at once`,
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
  toFill: '待填写（链路不包含容量信息；已写入占位值 1）：',
  fill: (node, fields) => `  ${node}：${fields.join('、')}`,
  notInferred: '无法推断：',
  orphans: (n, examples) => `  ${n} 个 span 的父 span 不在文件中（被丢弃或未采样）：计入其自身工作，不计入对它的调用${examples.length > 0 ? `；例如 ${examples.join('；')}` : ''}`,
  skew: (n, max) => `  时钟偏差：${n} 个 span 早于其父 span 开始（最多 ${ms(max)}）；其时间按原样使用`,
  unnamed: (n) => `  ${n} 个客户端 span 未指明被调用方（没有 peer.service、db.system 或 messaging.system）：其时间计为调用方的自身工作`,
  rootless: (n) => `  ${n} 条链路没有根 span：计入工作，不计入类别和到达率`,
  duplicates: (n) => `  ${n} 个 span 与同一链路中的 span id 重复：已跳过后出现的`,
  parallel: (n) => `  ${n} 次访问发出了相互重叠的同步调用（并行）：导入的模型中这些调用依次进行，其延迟会相加；给这些边填上同一个 "group" 即可同时发出`,
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
  lines.push(t.work);
  for (const w of r.work) lines.push(t.workLine(w.node, w.cls, w.mean, w.cv, w.dist, w.samples));
  lines.push(t.toFill);
  for (const f of r.toFill) lines.push(t.fill(f.node, f.fields));
  lines.push(t.notInferred);
  const before = lines.length;
  if (r.orphans > 0) lines.push(t.orphans(r.orphans, r.orphanExamples));
  if (r.skew.spans > 0) lines.push(t.skew(r.skew.spans, r.skew.maxSeconds));
  if (r.unnamedCalls > 0) lines.push(t.unnamed(r.unnamedCalls));
  if (r.rootlessTraces > 0) lines.push(t.rootless(r.rootlessTraces));
  if (r.duplicates > 0) lines.push(t.duplicates(r.duplicates));
  if (r.parallel > 0) lines.push(t.parallel(r.parallel));
  if (lines.length === before) lines.push(t.nothing);
  return lines.join('\n');
}
