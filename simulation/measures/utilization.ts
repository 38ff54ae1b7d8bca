/**
 * The one definition of a node's displayed utilization: which limited resource it is a
 * share of, and how it reads. The canvas, the inspector, the charts, compare, the CLI,
 * the HTML reports, plan and warnings all go through here, so one node never shows two
 * figures under two meanings. A share of an unlimited resource does not exist (spec
 * version 1.1): such a node shows "–" and the mean number of requests in it.
 */
import { numberFormats, type NumberLanguage } from '../locale/language';

export type UtilizationResource = 'workers' | 'cpus' | 'connections';

export interface DisplayedUtilization {
  /** The resource the share is of; null when the node has no limited resource. */
  resource: UtilizationResource | null;
  /** Busy share of `resource` (an estimate's offered share may exceed 1); null when unlimited. */
  share: number | null;
  /** Mean requests in the node (for a queue: messages waiting), what an unlimited node shows instead. */
  inFlight: number;
  /** The node is a queue: `inFlight` counts messages waiting for a consumer. */
  waiting: boolean;
}

/** What the definition reads: a measured node result, or an estimate in the same terms. */
export interface UtilizationFigures {
  kind: string;
  /** Busy workers ÷ workers, null when unlimited. */
  utilization: number | null;
  /** Busy CPUs ÷ CPUs, null when unlimited. */
  cpuUtilization: number | null;
  inFlight: number;
  /** Queues: mean messages waiting. */
  backlog?: number;
}

export function displayedUtilization(n: UtilizationFigures): DisplayedUtilization {
  const waiting = n.kind === 'queue';
  const inFlight = waiting && n.backlog !== undefined ? n.backlog : n.inFlight;
  const cpu = resourceShare(n, 'cpus');
  const workers = resourceShare(n, 'workers');
  if (cpu !== null && (workers === null || cpu > workers)) return { resource: 'cpus', share: cpu, inFlight, waiting };
  if (workers !== null) return { resource: n.kind === 'database' ? 'connections' : 'workers', share: workers, inFlight, waiting };
  return { resource: null, share: null, inFlight, waiting };
}

/** The figures of an instant estimate (`NodeEstimate`) this definition reads; named here so that it sits below the estimate. */
export interface EstimatedShares {
  workerUtilization: number | null;
  cpuUtilization: number | null;
  busy: number;
}

/** The instant estimate in the same terms: offered shares, and busy workers (Little's law) in flight. */
export function estimateFigures(kind: string, e: EstimatedShares): UtilizationFigures {
  return { kind, utilization: e.workerUtilization, cpuUtilization: e.cpuUtilization, inFlight: e.busy };
}

/** The busy share of one resource of a node (workers and connections are the same figure), null when it is unlimited. */
export function resourceShare(n: UtilizationFigures, resource: UtilizationResource): number | null {
  // A service's CPUs are a resource of their own, and a database's (its added `cpus`, apart from its connections); elsewhere CPUs
  // are the workers, and busy CPUs never exceed held workers (a database without `cpus` has the two equal, and ties go to connections).
  return resource === 'cpus' ? (n.kind === 'service' || n.kind === 'database' ? n.cpuUtilization : null) : n.utilization;
}

/** The share alone, for colours, bars and sorting: null when unlimited. */
export function utilizationShare(n: UtilizationFigures): number | null {
  return displayedUtilization(n).share;
}

const words = {
  en: {
    resource: { workers: 'workers', cpus: 'CPUs', connections: 'connections' },
    unlimited: (figure: string) => `– (unlimited; ${figure})`,
    inFlight: (x: string) => `${x} in flight`,
    waiting: (x: string) => `${x} waiting`,
  },
  'zh-CN': {
    resource: { workers: '工作线程', cpus: 'CPU', connections: '连接' },
    unlimited: (figure: string) => `–（不限；${figure}）`,
    inFlight: (x: string) => `在途 ${x}`,
    waiting: (x: string) => `积压 ${x}`,
  },
} as const;

/**
 * How a displayed utilization reads:
 * - `full` (a cell or badge with room): "workers 81%", "CPUs 55%", "– (unlimited; 12.3 in flight)";
 * - `short` (a table that shows the in-flight count in its own column): "workers 81%" or "–";
 * - `inline` (inside a sentence): "workers 81%" or "12.3 in flight".
 */
export function utilizationText(u: DisplayedUtilization, lang: NumberLanguage | string, style: 'full' | 'short' | 'inline' = 'full'): string {
  const w = words[language(lang)];
  const numbers = numberFormats(language(lang));
  if (u.resource !== null && u.share !== null) return shareText(u.resource, u.share, lang);
  if (style === 'short') return '–';
  const figure = (u.waiting ? w.waiting : w.inFlight)(numbers.number(u.inFlight));
  return style === 'inline' ? figure : w.unlimited(figure);
}

/** A share of a named resource: "connections 93%" (a bottleneck's figure reads the same way). */
export function shareText(resource: UtilizationResource | 'pool' | 'rateLimit' | 'partitions' | undefined, share: number, lang: NumberLanguage | string): string {
  const percent = numberFormats(language(lang)).percent(share, 0);
  // A document from a build before `bottleneck.resource` existed has only the share.
  if (!resource) return percent;
  const name = resource === 'pool' || resource === 'rateLimit' || resource === 'partitions' ? callLimitWords[language(lang)][resource] : resourceName(resource, lang);
  return `${name} ${percent}`;
}

/** The bottleneck's other limits: a call's connection pool, a rate limit, a consumed queue's partitions. */
const callLimitWords = {
  en: { pool: 'pool', rateLimit: 'rate limit', partitions: 'partitions' },
  'zh-CN': { pool: '连接池', rateLimit: '限流', partitions: '分区' },
} as const;

/** The name of a resource in the reader's language ("connections", "连接"). */
export function resourceName(resource: UtilizationResource, lang: NumberLanguage | string): string {
  return words[language(lang)].resource[resource];
}

/** The app passes its UI language as a plain string; anything but Chinese reads in English. */
function language(lang: string): NumberLanguage {
  return lang === 'zh-CN' ? 'zh-CN' : 'en';
}
