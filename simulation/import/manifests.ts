/**
 * Reading Kubernetes manifests: Deployments, StatefulSets and HorizontalPodAutoscalers
 * (autoscaling/v2 and v1), in any number of YAML documents per file, `kind: List`
 * included. Only what decides capacity is kept: replicas, each container's command,
 * args, environment, CPU and memory; an HPA's bounds, CPU target and behavior. Pure:
 * the CLI reads the files.
 */
import { LineCounter, parseAllDocuments } from 'yaml';

export interface ContainerSpec {
  name: string;
  /** The image reference as written (`mysql:8.4`), '' when none. */
  image: string;
  /** `command` then `args`, as the kubelet runs them. */
  argv: string[];
  /** Literal `env` values only (a `valueFrom` is not known before the pod runs). */
  env: Record<string, string>;
  cpuRequest: number | null;
  cpuLimit: number | null;
  memoryRequest: number | null;
  memoryLimit: number | null;
}

export interface Workload {
  kind: 'Deployment' | 'StatefulSet';
  name: string;
  /** null when the manifest leaves it out (Kubernetes then starts 1, or an HPA decides). */
  replicas: number | null;
  containers: ContainerSpec[];
  /** "file.yaml, document 2": for messages. */
  where: string;
}

export interface AutoscalerSpec {
  name: string;
  targetKind: string;
  targetName: string;
  min: number;
  max: number;
  /** averageUtilization of the CPU resource metric, as a share of the CPU request. */
  cpuTarget: number | null;
  /** Metrics other than CPU utilization ("memory", "Pods", "External"), which are not imported. */
  otherMetrics: string[];
  /** behavior.scaleUp/scaleDown.stabilizationWindowSeconds, or null when not stated. */
  scaleUpWindow: number | null;
  scaleDownWindow: number | null;
  where: string;
}

export interface ManifestSet {
  workloads: Workload[];
  autoscalers: AutoscalerSpec[];
  /** Documents of other kinds (Service, ConfigMap, Ingress…), by kind and name: listed, not used. */
  skipped: string[];
}

/** Bad manifest input: names the file and the place in it. */
export class ManifestInputError extends Error {}

export const maxManifestBytes = 16 * 1024 * 1024;
const maxDocuments = 10_000;

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

const binarySuffix: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const decimalSuffix: Record<string, number> = { m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/**
 * A Kubernetes quantity ("500m", "1.5", "512Mi", "1G", "129e6") as a number, or null
 * when it is not one. CPU quantities come out in cores, memory ones in bytes.
 */
export function parseQuantity(value: Json): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : null;
  if (typeof value !== 'string') return null;
  const m = /^\s*(\d+(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d+))?(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)?\s*$/.exec(value);
  if (!m) return null;
  const base = Number(m[1]) * (m[2] === undefined ? 1 : 10 ** Number(m[2]));
  const suffix = m[3] ?? '';
  const factor = binarySuffix[suffix] ?? decimalSuffix[suffix];
  return factor === undefined || !Number.isFinite(base * factor) ? null : base * factor;
}

function strings(v: Json): string[] {
  return Array.isArray(v) ? v.map((x) => (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean' ? String(x) : '')) : [];
}

function container(c: Record<string, Json>, where: string): ContainerSpec {
  const env: Record<string, string> = {};
  for (const e of Array.isArray(c.env) ? c.env : []) {
    if (isObject(e) && typeof e.name === 'string' && (typeof e.value === 'string' || typeof e.value === 'number')) env[e.name] = String(e.value);
  }
  const resources = isObject(c.resources) ? c.resources : {};
  const requests = isObject(resources.requests) ? resources.requests : {};
  const limits = isObject(resources.limits) ? resources.limits : {};
  const quantity = (from: Record<string, Json>, key: string): number | null => {
    if (from[key] === undefined) return null;
    const q = parseQuantity(from[key]);
    if (q === null) throw new ManifestInputError(`${where}: container "${String(c.name)}": resources ${key} "${String(from[key])}" is not a Kubernetes quantity (e.g. 500m, 2, 512Mi)`);
    return q;
  };
  return {
    name: typeof c.name === 'string' ? c.name : '',
    image: typeof c.image === 'string' ? c.image : '',
    argv: [...strings(c.command), ...strings(c.args)],
    env,
    cpuRequest: quantity(requests, 'cpu'),
    cpuLimit: quantity(limits, 'cpu'),
    memoryRequest: quantity(requests, 'memory'),
    memoryLimit: quantity(limits, 'memory'),
  };
}

function nonNegativeInt(v: Json): number | null {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : null;
}

function window(behavior: Record<string, Json>, direction: 'scaleUp' | 'scaleDown'): number | null {
  const b = behavior[direction];
  return isObject(b) && typeof b.stabilizationWindowSeconds === 'number' && b.stabilizationWindowSeconds >= 0 ? b.stabilizationWindowSeconds : null;
}

function autoscaler(doc: Record<string, Json>, name: string, where: string): AutoscalerSpec {
  const spec = isObject(doc.spec) ? doc.spec : {};
  const ref = isObject(spec.scaleTargetRef) ? spec.scaleTargetRef : {};
  if (typeof ref.name !== 'string') throw new ManifestInputError(`${where}: HorizontalPodAutoscaler "${name}" has no spec.scaleTargetRef.name`);
  const max = nonNegativeInt(spec.maxReplicas);
  if (max === null || max < 1) throw new ManifestInputError(`${where}: HorizontalPodAutoscaler "${name}": spec.maxReplicas must be a positive integer`);
  const min = spec.minReplicas === undefined ? 1 : nonNegativeInt(spec.minReplicas);
  if (min === null || min < 1 || min > max) throw new ManifestInputError(`${where}: HorizontalPodAutoscaler "${name}": spec.minReplicas must be an integer from 1 to maxReplicas (${max})`);
  let cpuTarget: number | null = null;
  const otherMetrics: string[] = [];
  // autoscaling/v1 states one CPU target; v2 a list of metrics.
  if (typeof spec.targetCPUUtilizationPercentage === 'number') cpuTarget = spec.targetCPUUtilizationPercentage / 100;
  for (const metric of Array.isArray(spec.metrics) ? spec.metrics : []) {
    if (!isObject(metric)) continue;
    const resource = isObject(metric.resource) ? metric.resource : null;
    const target = resource && isObject(resource.target) ? resource.target : null;
    if (metric.type === 'Resource' && resource?.name === 'cpu' && target && typeof target.averageUtilization === 'number') cpuTarget = target.averageUtilization / 100;
    else otherMetrics.push(metric.type === 'Resource' && typeof resource?.name === 'string' ? resource.name : String(metric.type ?? 'unknown'));
  }
  // The HPA's default when nothing is stated: 80% CPU.
  if (cpuTarget === null && otherMetrics.length === 0) cpuTarget = 0.8;
  const behavior = isObject(spec.behavior) ? spec.behavior : {};
  return { name, targetKind: String(ref.kind ?? 'Deployment'), targetName: ref.name, min, max, cpuTarget, otherMetrics, scaleUpWindow: window(behavior, 'scaleUp'), scaleDownWindow: window(behavior, 'scaleDown'), where };
}

function collect(doc: Json, where: string, into: ManifestSet): void {
  if (!isObject(doc)) return;
  const kind = typeof doc.kind === 'string' ? doc.kind : '';
  if (kind === 'List') {
    const items = Array.isArray(doc.items) ? doc.items : [];
    items.forEach((item, i) => collect(item, `${where}, item ${i + 1}`, into));
    return;
  }
  const metadata = isObject(doc.metadata) ? doc.metadata : {};
  const name = typeof metadata.name === 'string' ? metadata.name : '';
  if (kind === 'Deployment' || kind === 'StatefulSet') {
    if (name === '') throw new ManifestInputError(`${where}: ${kind} without metadata.name`);
    const spec = isObject(doc.spec) ? doc.spec : {};
    const template = isObject(spec.template) && isObject(spec.template.spec) ? spec.template.spec : {};
    const containers = (Array.isArray(template.containers) ? template.containers : []).filter(isObject).map((c) => container(c, where));
    if (containers.length === 0) throw new ManifestInputError(`${where}: ${kind} "${name}" has no spec.template.spec.containers`);
    const replicas = spec.replicas === undefined ? null : nonNegativeInt(spec.replicas);
    if (spec.replicas !== undefined && replicas === null) throw new ManifestInputError(`${where}: ${kind} "${name}": spec.replicas must be a non-negative integer`);
    into.workloads.push({ kind, name, replicas, containers, where });
    return;
  }
  if (kind === 'HorizontalPodAutoscaler') {
    into.autoscalers.push(autoscaler(doc, name, where));
    return;
  }
  if (kind !== '') into.skipped.push(`${kind}${name ? ` "${name}"` : ''}`);
}

/** Every manifest of the files; throws ManifestInputError naming the file, document and line of bad YAML. */
export function readManifests(files: readonly { name: string; text: string }[]): ManifestSet {
  const set: ManifestSet = { workloads: [], autoscalers: [], skipped: [] };
  let documents = 0;
  for (const file of files) {
    if (file.text.length > maxManifestBytes) throw new ManifestInputError(`${file.name}: ${(file.text.length / 1e6).toFixed(0)} MB is more than the ${maxManifestBytes / 1024 / 1024} MB a manifest file may have`);
    const lines = new LineCounter();
    // Aliases are expanded only up to a bound, so a "billion laughs" file stays small.
    const docs = parseAllDocuments(file.text, { lineCounter: lines, prettyErrors: false });
    const list = Array.isArray(docs) ? docs : [docs];
    for (const [i, doc] of list.entries()) {
      if (++documents > maxDocuments) throw new ManifestInputError(`${file.name}: more than ${maxDocuments.toLocaleString('en-US')} YAML documents`);
      const where = `${file.name}, document ${i + 1}`;
      const error = doc.errors[0];
      if (error) {
        const at = lines.linePos(error.pos[0]);
        throw new ManifestInputError(`${file.name}: not valid YAML at line ${at.line}, column ${at.col}: ${error.message.split('\n')[0]}`);
      }
      let json: Json;
      try {
        json = doc.toJS({ maxAliasCount: 100 });
      } catch (e) {
        throw new ManifestInputError(`${where}: ${e instanceof Error ? e.message : String(e)}`);
      }
      collect(json, where, set);
    }
  }
  if (set.workloads.length === 0) throw new ManifestInputError(`${files.map((f) => f.name).join(', ')}: no Deployment or StatefulSet found (these are the manifests that give replicas, CPUs and workers)`);
  return set;
}
