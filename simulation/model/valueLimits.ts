/**
 * The one table of bounds on every number a scenario file holds. The validator checks
 * them (before the schema, so that 1e20 replicas reads "at most 10,000", not "must be a
 * positive integer"), the JSON schema publishes them as `minimum`/`maximum`, the
 * inspector's fields show the same message in their own units, and the README's
 * "Limits" section lists them. The bounds sit far above any system a person models and
 * far below what makes a run allocate gigabytes or never end; what a run costs as a
 * whole (replicas × workers, events) is the run estimate's business (`runBudget.ts`).
 */
import type { Finding } from '../findings/finding';
import { formatJsonPath } from './jsonPath';
import type { Issue } from './issue';

/** What a figure measures, which decides how a message shows it. */
export type LimitUnit = 'count' | 'seconds' | 'milliseconds' | 'share' | 'percent' | 'perSecond' | 'factor' | 'money' | 'messages' | 'bytes';

export interface ValueLimit {
  min: number;
  max: number;
  unit: LimitUnit;
  /** How the app's inspector shows the field, when not in the file's unit (seconds shown as ms). */
  editorUnit?: LimitUnit;
}

const hour = 3600;
const day = 24 * hour;
/** A time of one request's work, wait or timeout: an hour is already beyond any synchronous call. */
const requestTime: ValueLimit = { min: 0, max: hour, unit: 'seconds', editorUnit: 'milliseconds' };
/** A moment or a span of the simulated clock (a run, its warm-up, a fault). */
const clockTime: ValueLimit = { min: 0, max: 30 * day, unit: 'seconds' };
const share: ValueLimit = { min: 0, max: 1, unit: 'share', editorUnit: 'percent' };
const rate: ValueLimit = { min: 0, max: 1_000_000, unit: 'perSecond' };

/** Every bound, by field. The README lists this table; `limitFor` says which entry a JSON path falls under. */
export const valueLimits = {
  replicas: { min: 1, max: 10_000, unit: 'count' },
  workers: { min: 1, max: 100_000, unit: 'count' },
  cpus: { min: 1, max: 1_024, unit: 'count' },
  shards: { min: 1, max: 1_024, unit: 'count' },
  partitions: { min: 1, max: 10_000, unit: 'count' },
  autoscaleReplicas: { min: 1, max: 10_000, unit: 'count' },
  users: { min: 1, max: 1_000_000, unit: 'count' },
  /** A node's waiting line, a queue node's capacity. */
  queueLength: { min: 0, max: 10_000_000, unit: 'messages' },
  pool: { min: 1, max: 100_000, unit: 'count' },
  calls: { min: 0, max: 1_000, unit: 'count' },
  retries: { min: 0, max: 100, unit: 'count' },
  minCalls: { min: 1, max: 1_000_000, unit: 'count' },
  replications: { min: 1, max: 1_000, unit: 'count' },
  faultReplica: { min: 0, max: 9_999, unit: 'count' },
  erlangK: { min: 1, max: 500, unit: 'count' },
  cv: { min: 0, max: 100, unit: 'factor' },
  profileScale: { min: 0, max: 1_000, unit: 'factor' },
  requestTime,
  /** A timeout may stand for "never" (longer than any call), so it may be as long as a run. */
  timeout: { min: 0, max: 30 * day, unit: 'seconds', editorUnit: 'milliseconds' },
  clockTime,
  /** Autoscaler intervals, circuit-breaker windows, burst periods: a bounded number of ticks per run. */
  controlPeriod: { min: 0.001, max: 30 * day, unit: 'seconds' },
  rate,
  /** A service's `memory` figures: a petabyte is past any one replica. */
  memory: { min: 0, max: 1e15, unit: 'bytes' },
  share: share as ValueLimit,
  sloThroughput: { min: 0, max: 1e9, unit: 'perSecond' },
  backlog: { min: 0, max: 1e9, unit: 'messages' },
  cost: { min: 0, max: 1e12, unit: 'money' },
  autoscaleTarget: { min: 0, max: 1e9, unit: 'count' },
  /** A rate limit's bucket. */
  tokens: { min: 0, max: 1e9, unit: 'count' },
  /** A cache's `keys.count` and `maxKeys`: at most 20 bytes per key, so 200 MB at the bound. */
  cacheKeys: { min: 1, max: 10_000_000, unit: 'count' },
  /** A Zipf exponent: past 10 the first key takes all but a millionth of the lookups. */
  zipfExponent: { min: 0, max: 10, unit: 'factor' },
} as const satisfies Record<string, ValueLimit>;

export type LimitName = keyof typeof valueLimits;

type Key = string | number;

const distributionParents = new Set(['work', 'latency', 'thinkTime', 'background']);
const byKey: Readonly<Record<string, LimitName>> = {
  replicas: 'replicas',
  workers: 'workers',
  cpus: 'cpus',
  shards: 'shards',
  partitions: 'partitions',
  users: 'users',
  queue: 'queueLength',
  capacity: 'queueLength',
  pool: 'pool',
  calls: 'calls',
  minCalls: 'minCalls',
  replications: 'replications',
  k: 'erlangK',
  cv: 'cv',
  scale: 'profileScale',
  timeout: 'timeout',
  backoff: 'requestTime',
  mean: 'requestTime',
  p50: 'requestTime',
  p95: 'requestTime',
  p99: 'requestTime',
  duration: 'clockTime',
  warmup: 'clockTime',
  at: 'clockTime',
  for: 'clockTime',
  startup: 'clockTime',
  cooldown: 'clockTime',
  scaleUpStabilization: 'clockTime',
  scaleDownStabilization: 'clockTime',
  interval: 'controlPeriod',
  window: 'controlPeriod',
  openFor: 'controlPeriod',
  burstEvery: 'controlPeriod',
  burstLength: 'controlPeriod',
  rate: 'rate',
  burstRate: 'rate',
  burst: 'tokens',
  hitRatio: 'share',
  shardSkew: 'share',
  partitionSkew: 'share',
  errorRate: 'share',
  targetUtilization: 'share',
  throughput: 'sloThroughput',
  maxBacklog: 'backlog',
  cost: 'cost',
  targetRps: 'rate',
  targetBacklog: 'autoscaleTarget',
  maxReplicas: 'autoscaleReplicas',
  maxKeys: 'cacheKeys',
  ttl: 'clockTime',
  zipf: 'zipfExponent',
};

/**
 * The bound a number at `path` falls under, or none (positions, seeds, a sweep's values,
 * which are checked as the points they make). Reads the path as the schema lays it out.
 */
export function limitFor(path: readonly Key[]): LimitName | undefined {
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  if (path[0] === 'whatIf') {
    if (path[1] === 'load' && (last === 'min' || last === 'max')) return 'rate';
    if (path[1] === 'load' && last === 'precision') return 'share';
    if (path[1] === 'plan' && last === 'maxReplicas') return 'autoscaleReplicas';
    if (path[1] === 'load' && last === 'load') return 'rate';
    return path[1] === 'plan' && last === 'load' ? 'rate' : undefined;
  }
  if (path.includes('position')) return undefined;
  if (path.includes('mix')) return 'share';
  if (path[0] === 'slo' && path[1] === 'maxBacklog') return 'backlog';
  // Async work (a nightly report through a queue) can take longer than any request's latency.
  if (path[0] === 'slo' && path[1] === 'completion') return 'clockTime';
  if (typeof last === 'number' && parent === 'samples') return 'requestTime';
  if (typeof last !== 'string') return undefined;
  const inDistribution = path.some((k) => typeof k === 'string' && distributionParents.has(k));
  if (inDistribution && (last === 'value' || last === 'min' || last === 'max' || last === 'mean')) return 'requestTime';
  if (parent === 'autoscale' && (last === 'min' || last === 'max')) return 'autoscaleReplicas';
  if (parent === 'retries' && last === 'max') return 'retries';
  if (parent === 'pool' && last === 'size') return 'pool';
  if (parent === 'budget' && last === 'ratio') return 'share';
  // CoDel's target is a waiting time, bounded as a request's time is; its interval is a control period (by key).
  if (parent === 'codel' && last === 'target') return 'requestTime';
  // A geometric call count's mean is a number of calls, not a time.
  if (parent === 'calls' && last === 'mean') return 'calls';
  if (path[0] === 'faults' && last === 'replica') return 'faultReplica';
  if (path[0] === 'faults' && last === 'replicas') return 'replicas';
  if (path[0] === 'events' && last === 'replica') return 'faultReplica';
  if (path[0] === 'events' && (last === 'maxSurge' || last === 'maxUnavailable')) return 'faultReplica';
  if (path[0] === 'events' && (last === 'down' || last === 'promotion' || last === 'warm')) return 'clockTime';
  if (path.includes('hitRatio')) return 'share';
  // USL coefficients: σ is the serial share of the work; κ per pair of concurrent requests, bounded the same way.
  if (parent === 'contention') return 'share';
  if (parent === 'memory') return 'memory';
  if (parent === 'keys' && last === 'count') return 'cacheKeys';
  if (last === 'default') return undefined;
  // A class's hit ratio and mix share sit in per-class maps whose keys are class ids, handled above.
  return Object.hasOwn(byKey, last) ? byKey[last] : undefined;
}

/** The finding of a number outside its bound: data for the sentence tables (`tables/limits.ts`). */
export function valueOutOfRange(name: LimitName, value: number): Finding {
  const limit: ValueLimit = valueLimits[name];
  return {
    code: 'valueOutOfRange',
    severity: 'warning',
    figures: { value, min: limit.min, max: limit.max, unit: limit.unit, ...(limit.editorUnit ? { editorUnit: limit.editorUnit } : {}) },
  };
}

/**
 * Calls `visit` with every finite number of the document that has a bound, its path and
 * the bound's name. Iterative, so a hostile 10,000-level file cannot overflow the stack.
 */
function forEachBoundedNumber(doc: unknown, visit: (value: number, path: Key[], name: LimitName) => void): void {
  const stack: { value: unknown; path: Key[] }[] = [{ value: doc, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop() as { value: unknown; path: Key[] };
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) continue;
      const name = limitFor(path);
      if (name !== undefined) visit(value, path, name);
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: [...path, i] });
      continue;
    }
    const keys = Object.keys(value);
    for (let i = keys.length - 1; i >= 0; i--) {
      const k = keys[i] as string;
      stack.push({ value: (value as Record<string, unknown>)[k], path: [...path, k] });
    }
  }
}

/**
 * Every finite number of the (migrated, not yet schema-checked) document that lies
 * outside its bound, with its JSON path. Other wrong values (negative counts, fractions
 * of a replica, strings) are the schema's to word; a value beyond the bound is reported
 * here only, so the schema's "must be a positive integer" does not hide "at most 10,000".
 */
export function checkValueLimits(doc: unknown, render: (f: Finding) => string): Issue[] {
  const out: Issue[] = [];
  forEachBoundedNumber(doc, (value, path, name) => {
    const limit: ValueLimit = valueLimits[name];
    // Zero, negatives and fractions of a count are the schema's to word ("must be a positive integer"); a tiny positive period (1e-320 s) is this table's.
    const tooSmall = value < limit.min && (limit.unit === 'share' || (value > 0 && limit.unit !== 'count'));
    if (value > limit.max || tooSmall) {
      const finding = valueOutOfRange(name, value);
      out.push({ path: formatJsonPath(path), message: render(finding), finding, fix: { kind: 'setValue', value: value > limit.max ? limit.max : limit.min } });
    }
  });
  return out;
}

/**
 * The path of every number that no valid file could hold at its place, below its
 * bound's minimum (the zero counts the schema words) or above its maximum. The instant estimate leaves these out, since it runs
 * on every keystroke before the validator's wording matters (0 workers is not "overloaded").
 */
export function numbersOutOfBounds(doc: unknown): Key[][] {
  const out: Key[][] = [];
  forEachBoundedNumber(doc, (value, path, name) => {
    const limit: ValueLimit = valueLimits[name];
    if (value < limit.min || value > limit.max) out.push(path);
  });
  return out;
}
