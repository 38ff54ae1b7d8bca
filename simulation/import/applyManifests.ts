/**
 * Kubernetes manifests onto an existing scenario: each Deployment or StatefulSet sets
 * the capacity of the node of its name (replicas; for a service, the workers and CPUs
 * its server gives; an HPA's bounds, CPU target and stabilization windows). The model's
 * work, calls and load are the scenario's; only the capacity a manifest states changes.
 *
 * The rules, stated in the README ("Deployments to capacity"):
 * - workers = processes × requests per process (sync: 1; gthread: threads; gevent and
 *   eventlet: worker connections; Celery threads or green pools: concurrency); an event
 *   loop with no stated limit (uvicorn) leaves workers unlimited;
 * - cpus = the CPU limit (else the request), rounded up to whole CPUs, but no more than
 *   the processes: each Python process runs Python code on one CPU at a time (the GIL);
 * - a database's workers are its connection limit (`max_connections`, or its server's
 *   default), and its cpus the CPU limit (else request) rounded up, at most the connections;
 * - an HPA on CPU becomes `autoscale.metric: "cpu"`; its target is a share of the CPU
 *   request, Headroom's a share of `cpus`, so the target is converted by request ÷ cpus.
 */
import type { Scenario, ScenarioNode, ServiceNode, ToFillField } from '../model/schema';
import type { AutoscalerSpec, ContainerSpec, ManifestSet, Workload } from './manifests';
import { databaseConnections, type DatabaseConnections } from './databaseArgs';
import { serverConcurrency, type ServerConcurrency } from './serverArgs';
import { clearToFill, toFillOf } from './fillCapacity';

export type FieldChange = { field: 'replicas' | 'workers' | 'cpus' | 'autoscale'; from: unknown; to: unknown };

/** What the report says about a workload, as data; `manifestReport.ts` words it. */
export type ManifestNote =
  | { code: 'server'; server: ServerConcurrency }
  | { code: 'unknownServer'; container: string }
  | { code: 'cpuFromLimit' | 'cpuFromRequest'; cores: number; cpus: number; processes: number | null }
  | { code: 'cpuBelowOne'; cores: number }
  | { code: 'noCpuStated'; cpus: number }
  | { code: 'celeryDefaultConcurrency'; used: number; fromCpu: boolean }
  | { code: 'configFile'; file: string }
  | { code: 'sidecars'; containers: string[] }
  | { code: 'replicasZero' }
  | { code: 'replicasUnstated' }
  | { code: 'memory'; limit: number | null; request: number | null }
  | { code: 'autoscaler'; hpa: string; target: number; requestShare: number | null }
  | { code: 'targetAboveOne'; hpa: string; converted: number }
  | { code: 'otherMetrics'; hpa: string; metrics: string[] }
  | { code: 'noCpuTarget'; hpa: string }
  | { code: 'notAService'; kind: ScenarioNode['kind'] }
  | { code: 'databaseConnections'; found: DatabaseConnections }
  | { code: 'databaseUnknown'; container: string }
  | { code: 'databaseCpus'; cores: number; cpus: number; connections: number | null };

export interface WorkloadReport {
  workload: string;
  kind: Workload['kind'];
  node: string | null;
  changes: FieldChange[];
  notes: ManifestNote[];
}

export interface ManifestReport {
  workloads: WorkloadReport[];
  /** HPAs whose target is not among the workloads read. */
  orphanAutoscalers: { name: string; target: string }[];
  /** Service nodes no workload named. */
  untouchedServices: string[];
  /** What is still marked to be filled in after the manifests (an imported scenario's `toFill`). */
  toFill: { node: string; fields: ToFillField[] }[];
  skipped: string[];
}

export interface ManifestOptions {
  /** workload name → node id. */
  map?: Record<string, string>;
}

function findNode(s: Scenario, name: string, map: Record<string, string>): ScenarioNode | null {
  const id = Object.hasOwn(map, name) ? map[name]! : name;
  const lower = name.toLowerCase();
  return s.nodes.find((n) => n.id === id) ?? (Object.hasOwn(map, name) ? null : (s.nodes.find((n) => n.label.toLowerCase() === lower) ?? null));
}

/** The container that serves: the one running a known server, else the one of the workload's name, else the first. */
function mainContainer(w: Workload): { container: ContainerSpec; server: ServerConcurrency | null } {
  for (const c of w.containers) {
    const server = serverConcurrency(c.argv, c.env);
    if (server) return { container: c, server };
  }
  return { container: w.containers.find((c) => c.name === w.name) ?? w.containers[0]!, server: null };
}

function serviceCapacity(w: Workload, notes: ManifestNote[]): { workers: number | null | undefined; cpus: number | undefined; cpuRequest: number | null } {
  const { container, server } = mainContainer(w);
  const cores = container.cpuLimit ?? container.cpuRequest;
  if (!server) notes.push({ code: 'unknownServer', container: container.name });
  else {
    notes.push({ code: 'server', server });
    if (server.configFile) notes.push({ code: 'configFile', file: server.configFile });
  }
  const sidecars = w.containers.filter((c) => c !== container).map((c) => c.name);
  if (sidecars.length > 0) notes.push({ code: 'sidecars', containers: sidecars });
  let processes = server?.processes ?? null;
  let perProcess = server?.perProcess ?? null;
  if (server?.concurrencyUnstated) {
    // Celery starts one process per CPU it sees: the node's, which the manifest does not give; the limit is the nearest stated figure.
    const used = cores !== null ? Math.max(1, Math.ceil(cores)) : 1;
    notes.push({ code: 'celeryDefaultConcurrency', used, fromCpu: cores !== null });
    if (server.model === 'prefork' || server.model === 'processes') processes = used;
    else perProcess = used;
  }
  let cpus: number | undefined;
  if (cores !== null) {
    if (cores < 1) notes.push({ code: 'cpuBelowOne', cores });
    cpus = Math.max(1, Math.ceil(cores - 1e-9));
    if (processes !== null) cpus = Math.min(cpus, processes);
    notes.push({ code: container.cpuLimit !== null ? 'cpuFromLimit' : 'cpuFromRequest', cores, cpus, processes });
  } else if (processes !== null) {
    cpus = processes;
    notes.push({ code: 'noCpuStated', cpus });
  }
  if (container.memoryLimit !== null || container.memoryRequest !== null) notes.push({ code: 'memory', limit: container.memoryLimit, request: container.memoryRequest });
  const workers = !server ? undefined : perProcess === null ? null : (processes ?? 1) * perProcess;
  return { workers, cpus, cpuRequest: container.cpuRequest };
}

/** A database's connections and CPUs, from the container that runs its server. */
function databaseCapacity(w: Workload, fields: Record<string, unknown>, changes: FieldChange[], notes: ManifestNote[]): void {
  const found = w.containers.map((c) => ({ c, found: databaseConnections(c) })).find((x) => x.found !== null);
  const container = found?.c ?? w.containers.find((c) => c.name === w.name) ?? w.containers[0]!;
  if (found?.found) {
    notes.push({ code: 'databaseConnections', found: found.found });
    change(changes, fields, 'workers', found.found.connections);
  } else notes.push({ code: 'databaseUnknown', container: container.name });
  const cores = container.cpuLimit ?? container.cpuRequest;
  if (cores === null) return;
  const connections = found?.found?.connections ?? (typeof fields.workers === 'number' ? fields.workers : null);
  // A database runs at most one query per connection, so it cannot use more CPUs than it has connections.
  const cpus = Math.min(Math.max(1, Math.ceil(cores - 1e-9)), connections ?? Number.POSITIVE_INFINITY);
  notes.push({ code: 'databaseCpus', cores, cpus, connections });
  change(changes, fields, 'cpus', cpus);
}

function autoscaleOf(hpa: AutoscalerSpec, cpus: number | undefined, cpuRequest: number | null, existing: ServiceNode['autoscale'], notes: ManifestNote[]): NonNullable<ServiceNode['autoscale']> | null {
  if (hpa.otherMetrics.length > 0) notes.push({ code: 'otherMetrics', hpa: hpa.name, metrics: hpa.otherMetrics });
  if (hpa.cpuTarget === null) {
    notes.push({ code: 'noCpuTarget', hpa: hpa.name });
    return null;
  }
  const requestShare = cpuRequest !== null && cpus !== undefined ? cpuRequest / cpus : null;
  let target = hpa.cpuTarget * (requestShare ?? 1);
  notes.push({ code: 'autoscaler', hpa: hpa.name, target: hpa.cpuTarget, requestShare });
  if (target > 1) {
    notes.push({ code: 'targetAboveOne', hpa: hpa.name, converted: target });
    target = 1;
  }
  return {
    ...(existing ?? {}),
    min: hpa.min,
    max: hpa.max,
    metric: 'cpu',
    targetUtilization: Number(target.toPrecision(6)),
    // The HPA's defaults when behavior is silent: no scale-up window, 300 s down.
    scaleUpStabilization: hpa.scaleUpWindow ?? 0,
    scaleDownStabilization: hpa.scaleDownWindow ?? 300,
  };
}

/** Sets a field and records the change; `null` is "unlimited", which the format writes by leaving the field out. */
function change(changes: FieldChange[], node: Record<string, unknown>, field: FieldChange['field'], to: unknown): void {
  // A manifest that states the value fills it, even when it equals the placeholder an import wrote.
  if (field !== 'autoscale') clearToFill(node as unknown as ScenarioNode, field);
  const from = node[field] ?? (field === 'workers' ? null : undefined);
  if (JSON.stringify(from) === JSON.stringify(to)) return;
  changes.push({ field, from, to });
  if (to === null) delete node[field];
  else node[field] = to;
}

export function applyManifests(scenario: Scenario, set: ManifestSet, options: ManifestOptions = {}): { scenario: Scenario; report: ManifestReport } {
  const map = options.map ?? {};
  const s = JSON.parse(JSON.stringify(scenario)) as Scenario;
  const report: ManifestReport = { workloads: [], orphanAutoscalers: [], untouchedServices: [], toFill: [], skipped: set.skipped };
  const touched = new Set<string>();
  for (const w of set.workloads) {
    const node = findNode(s, w.name, map);
    const notes: ManifestNote[] = [];
    const changes: FieldChange[] = [];
    report.workloads.push({ workload: w.name, kind: w.kind, node: node?.id ?? null, changes, notes });
    if (!node) continue;
    touched.add(node.id);
    const fields = node as unknown as Record<string, unknown>;
    const hpa = set.autoscalers.find((a) => a.targetName === w.name && a.targetKind === w.kind);
    if (w.replicas === 0) notes.push({ code: 'replicasZero' });
    else if (w.replicas === null && !hpa) notes.push({ code: 'replicasUnstated' });
    let replicas = w.replicas === null || w.replicas === 0 ? undefined : w.replicas;
    if (hpa && replicas !== undefined) replicas = Math.min(hpa.max, Math.max(hpa.min, replicas));
    if (hpa && replicas === undefined) replicas = hpa.min;
    if (node.kind === 'queue' || node.kind === 'source') {
      notes.push({ code: 'notAService', kind: node.kind });
      continue;
    }
    if (replicas !== undefined) change(changes, fields, 'replicas', replicas);
    if (node.kind === 'database') {
      databaseCapacity(w, fields, changes, notes);
      continue;
    }
    if (node.kind !== 'service') {
      notes.push({ code: 'notAService', kind: node.kind });
      continue;
    }
    const capacity = serviceCapacity(w, notes);
    if (capacity.workers !== undefined) change(changes, fields, 'workers', capacity.workers);
    if (capacity.cpus !== undefined) change(changes, fields, 'cpus', capacity.cpus);
    if (hpa) {
      const autoscale = autoscaleOf(hpa, capacity.cpus ?? node.cpus, capacity.cpuRequest, node.autoscale, notes);
      if (autoscale) change(changes, fields, 'autoscale', autoscale);
    }
  }
  for (const hpa of set.autoscalers) {
    if (!set.workloads.some((w) => w.name === hpa.targetName && w.kind === hpa.targetKind)) report.orphanAutoscalers.push({ name: hpa.name, target: `${hpa.targetKind}/${hpa.targetName}` });
  }
  report.untouchedServices = s.nodes.filter((n) => n.kind === 'service' && !touched.has(n.id)).map((n) => n.id);
  report.toFill = toFillOf(s);
  return { scenario: s, report };
}
