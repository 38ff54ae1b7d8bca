/** The Kubernetes import's printed report, in English and Simplified Chinese. */
import type { FieldChange, ManifestNote, ManifestReport } from './applyManifests';
import type { ImportLanguage } from './report';

const cores = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(n < 1 ? 2 : 1).replace(/0$/, ''));

function bytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`;
}

function shown(v: unknown): string {
  if (v === undefined) return '–';
  if (v === null) return 'unlimited';
  if (typeof v === 'object') {
    const a = v as { min?: number; max?: number; targetUtilization?: number };
    return `${a.min}–${a.max} on cpu ${Math.round((a.targetUtilization ?? 0) * 1000) / 10}%`;
  }
  return String(v);
}

const en = {
  read: (n: number, nodes: number) => `Read ${n} workload${n === 1 ? '' : 's'}; ${nodes} matched a node of the scenario.`,
  workload: (name: string, kind: string, node: string | null) => (node ? `${kind} ${name} → node ${node}` : `${kind} ${name}: no node of that id or label (use --map ${name}=NODE_ID)`),
  change: (c: FieldChange) => `  ${c.field}: ${shown(c.from)} → ${shown(c.to)}`,
  unchanged: '  nothing to change: the scenario already says the same',
  note(n: ManifestNote): string {
    switch (n.code) {
      case 'server': {
        const s = n.server;
        const per = s.perProcess === null ? 'no stated limit per process (an event loop)' : `${s.perProcess} at once per process`;
        return `  ${s.server} (${s.model}): ${s.processes} process${s.processes === 1 ? '' : 'es'}, ${per}${s.from.length ? `, from ${s.from.join(' ')}` : ', its defaults'}`;
      }
      case 'unknownServer':
        return `  container ${n.container} runs neither gunicorn, uvicorn nor a Celery worker: workers not inferred, set them by hand`;
      case 'cpuFromLimit':
      case 'cpuFromRequest':
        return `  CPU ${n.code === 'cpuFromLimit' ? 'limit' : 'request (no limit)'} ${cores(n.cores)} → cpus ${n.cpus}${n.processes !== null && n.processes < Math.ceil(n.cores - 1e-9) ? ` (no more than its ${n.processes} Python process${n.processes === 1 ? '' : 'es'} can use: one CPU each under the GIL)` : ''}`;
      case 'cpuBelowOne':
        return `  a CPU limit of ${cores(n.cores)} is less than one CPU: Headroom counts 1, and the kernel throttles the pod, so its work takes about ${cores(1 / n.cores)}× as long as unthrottled; scale the node's work if it was measured without the limit`;
      case 'noCpuStated':
        return `  no CPU request or limit: cpus ${n.cpus}, one per process (the node's free CPUs decide in reality)`;
      case 'celeryDefaultConcurrency':
        return n.fromCpu
          ? `  no --concurrency: Celery starts one process per CPU it sees (the machine's, not the limit's); ${n.used} from the CPU limit was used, state --concurrency to be sure`
          : `  no --concurrency and no CPU limit: Celery starts one process per CPU of the machine, which the manifest does not give; 1 was used, state --concurrency`;
      case 'configFile':
        return `  gunicorn reads ${n.file}, which may set workers or threads this import cannot see`;
      case 'sidecars':
        return `  other containers in the pod (${n.containers.join(', ')}): not modelled; they share the pod's node`;
      case 'replicasZero':
        return '  replicas 0 (scaled to zero): the scenario keeps its own count';
      case 'replicasUnstated':
        return '  no spec.replicas (Kubernetes starts 1): the scenario keeps its own count';
      case 'memory':
        return `  memory ${n.limit !== null ? `limit ${bytes(n.limit)}` : ''}${n.limit !== null && n.request !== null ? ', ' : ''}${n.request !== null ? `request ${bytes(n.request)}` : ''}: not imported (a node's memory sizes also need what each worker takes, which a manifest does not say)`;
      case 'autoscaler':
        return `  HPA ${n.hpa}: CPU target ${Math.round(n.target * 100)}% of the request${n.requestShare !== null ? `, which is ${cores(n.requestShare)} of cpus: ${Math.round(n.target * n.requestShare * 1000) / 10}% of cpus` : ' (no CPU request, which the HPA needs: taken as a share of cpus)'}`;
      case 'targetAboveOne':
        return `  HPA ${n.hpa}: that is ${Math.round(n.converted * 100)}% of cpus, more than they can be busy: 100% used`;
      case 'otherMetrics':
        return `  HPA ${n.hpa}: metrics ${n.metrics.join(', ')} not imported (Headroom's autoscaler scales on one metric; cpu was kept)`;
      case 'noCpuTarget':
        return `  HPA ${n.hpa}: no CPU target: no autoscale set`;
      case 'notAService':
        return `  a ${n.kind} node: only replicas are taken from a manifest`;
      case 'databaseConnections':
        return `  ${n.found.server ?? 'database'}: ${n.found.connections} connections (workers), ${n.found.from === 'flag' ? 'from max_connections on its command line' : n.found.from === 'env' ? 'from max_connections in its environment' : 'its default max_connections, none being stated'}`;
      case 'databaseUnknown':
        return `  container ${n.container} runs no MySQL, MariaDB or PostgreSQL this import recognises: connections not inferred, set workers by hand`;
      case 'databaseCpus':
        return `  CPU ${cores(n.cores)} → cpus ${n.cpus}${n.connections !== null && n.cpus < Math.ceil(n.cores - 1e-9) ? ` (no more than its ${n.connections} connections can use)` : ''}`;
    }
  },
  orphanHpa: (name: string, target: string) => `HPA ${name} scales ${target}, which is not among the manifests read`,
  untouched: (ids: string[]) => `Service nodes no manifest named: ${ids.join(', ')}`,
  toFill: (items: { node: string; fields: string[] }[]) => `Still to fill in (toFill): ${items.map((i) => `${i.node}: ${i.fields.join(', ')}`).join('; ')}`,
  skipped: (kinds: string[]) => `Not used: ${kinds.join(', ')}`,
  wrote: (path: string) => `Wrote ${path}.`,
};

const zhShown = (v: unknown): string => (v === null ? '不限' : shown(v).replace(' on cpu ', '，按 CPU '));

const zh: typeof en = {
  read: (n, nodes) => `读取了 ${n} 个工作负载；其中 ${nodes} 个对应到场景中的节点。`,
  workload: (name, kind, node) => (node ? `${kind} ${name} → 节点 ${node}` : `${kind} ${name}：场景中没有该 id 或名称的节点（用 --map ${name}=节点ID 指定）`),
  change: (c) => `  ${c.field}：${zhShown(c.from)} → ${zhShown(c.to)}`,
  unchanged: '  无需修改：场景中已是相同的值',
  note(n) {
    switch (n.code) {
      case 'server': {
        const s = n.server;
        const per = s.perProcess === null ? '每个进程不设并发上限（事件循环）' : `每个进程同时处理 ${s.perProcess} 个`;
        return `  ${s.server}（${s.model}）：${s.processes} 个进程，${per}${s.from.length ? `，依据 ${s.from.join(' ')}` : '，使用其默认值'}`;
      }
      case 'unknownServer':
        return `  容器 ${n.container} 运行的不是 gunicorn、uvicorn 或 Celery worker：未推断工作线程数，请手动填写`;
      case 'cpuFromLimit':
      case 'cpuFromRequest':
        return `  CPU ${n.code === 'cpuFromLimit' ? '上限' : '请求（无上限）'} ${cores(n.cores)} → cpus ${n.cpus}${n.processes !== null && n.processes < Math.ceil(n.cores - 1e-9) ? `（受 GIL 限制，${n.processes} 个 Python 进程最多各用一个 CPU）` : ''}`;
      case 'cpuBelowOne':
        return `  CPU 上限 ${cores(n.cores)} 不足一个 CPU：Headroom 按 1 个计算，而内核会限流该 Pod，其工作耗时约为不限流时的 ${cores(1 / n.cores)} 倍；若工作时间是在无上限时测得的，请相应放大`;
      case 'noCpuStated':
        return `  未设 CPU 请求或上限：cpus 取 ${n.cpus}，每个进程一个（实际取决于节点的空闲 CPU）`;
      case 'celeryDefaultConcurrency':
        return n.fromCpu
          ? `  未设 --concurrency：Celery 按其看到的 CPU 数（机器的，而非上限）启动进程；此处按 CPU 上限取 ${n.used}，请写明 --concurrency`
          : '  未设 --concurrency 且无 CPU 上限：Celery 按机器的 CPU 数启动进程，清单中没有该信息；此处取 1，请写明 --concurrency';
      case 'configFile':
        return `  gunicorn 读取 ${n.file}，其中可能设置了本次导入看不到的工作进程或线程数`;
      case 'sidecars':
        return `  Pod 中的其他容器（${n.containers.join('、')}）：未建模；它们共享 Pod 所在的节点`;
      case 'replicasZero':
        return '  副本数为 0（已缩容到零）：保留场景中的副本数';
      case 'replicasUnstated':
        return '  未设 spec.replicas（Kubernetes 启动 1 个）：保留场景中的副本数';
      case 'memory':
        return `  内存${n.limit !== null ? `上限 ${bytes(n.limit)}` : ''}${n.limit !== null && n.request !== null ? '，' : ''}${n.request !== null ? `请求 ${bytes(n.request)}` : ''}：未导入（节点的内存设置还需要每个工作进程的占用，清单中没有这一项）`;
      case 'autoscaler':
        return `  HPA ${n.hpa}：CPU 目标为请求量的 ${Math.round(n.target * 100)}%${n.requestShare !== null ? `，请求量是 cpus 的 ${cores(n.requestShare)}：即 cpus 的 ${Math.round(n.target * n.requestShare * 1000) / 10}%` : '（未设 CPU 请求，而 HPA 需要它：按 cpus 的比例处理）'}`;
      case 'targetAboveOne':
        return `  HPA ${n.hpa}：折算为 cpus 的 ${Math.round(n.converted * 100)}%，超过了 CPU 能达到的忙碌程度：取 100%`;
      case 'otherMetrics':
        return `  HPA ${n.hpa}：指标 ${n.metrics.join('、')} 未导入（Headroom 的自动扩缩按单一指标；保留 cpu）`;
      case 'noCpuTarget':
        return `  HPA ${n.hpa}：没有 CPU 目标：未设置自动扩缩`;
      case 'notAService':
        return `  ${n.kind} 类型节点：只从清单中取副本数`;
      case 'databaseConnections':
        return `  ${n.found.server ?? '数据库'}：${n.found.connections} 个连接（workers），${n.found.from === 'flag' ? '取自命令行中的 max_connections' : n.found.from === 'env' ? '取自环境变量中的 max_connections' : '未设置，取其默认 max_connections'}`;
      case 'databaseUnknown':
        return `  容器 ${n.container} 运行的不是本导入能识别的 MySQL、MariaDB 或 PostgreSQL：未推断连接数，请手动设置 workers`;
      case 'databaseCpus':
        return `  CPU ${cores(n.cores)} → cpus ${n.cpus}${n.connections !== null && n.cpus < Math.ceil(n.cores - 1e-9) ? `（不超过其 ${n.connections} 个连接能用的数量）` : ''}`;
    }
  },
  orphanHpa: (name, target) => `HPA ${name} 扩缩的 ${target} 不在所读取的清单中`,
  untouched: (ids) => `没有清单对应的服务节点：${ids.join('、')}`,
  toFill: (items) => `仍待填写（toFill）：${items.map((i) => `${i.node}：${i.fields.join('、')}`).join('；')}`,
  skipped: (kinds) => `未使用：${kinds.join('、')}`,
  wrote: (path) => `已写入 ${path}。`,
};

export function manifestStrings(language: ImportLanguage): typeof en {
  return language === 'zh-CN' ? zh : en;
}

export function formatManifestReport(r: ManifestReport, language: ImportLanguage): string {
  const t = manifestStrings(language);
  const lines = [t.read(r.workloads.length, r.workloads.filter((w) => w.node !== null).length)];
  for (const w of r.workloads) {
    lines.push(t.workload(w.workload, w.kind, w.node));
    if (w.node === null) continue;
    for (const c of w.changes) lines.push(t.change(c));
    if (w.changes.length === 0) lines.push(t.unchanged);
    for (const n of w.notes) lines.push(t.note(n));
  }
  for (const o of r.orphanAutoscalers) lines.push(t.orphanHpa(o.name, o.target));
  if (r.untouchedServices.length > 0) lines.push(t.untouched(r.untouchedServices));
  if (r.skipped.length > 0) lines.push(t.skipped(r.skipped));
  if (r.toFill.length > 0) lines.push(t.toFill(r.toFill));
  return lines.join('\n');
}
