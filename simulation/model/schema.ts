/**
 * The scenario file, version 1, as zod schemas: the single definition that the
 * validator, the TypeScript types and the published JSON Schema all come from.
 *
 * Objects are strict on purpose: a misspelt `workrs` would otherwise silently mean
 * "unlimited workers" and give a capacity answer that is wrong without warning.
 * Defaults are not filled in here; the file keeps what the user wrote, and the
 * engine's compile step applies defaults (see `simulation/engine/compile.ts`).
 */
import { z } from 'zod';
import { says } from './findingIssue';
import { valueLimits, type LimitName } from './valueLimits';

const positiveNumber = () => z.number({ error: says('mustBeNumber') }).positive({ error: says('mustBePositive') });
const nonNegativeNumber = () => z.number({ error: says('mustBeNumber') }).nonnegative({ error: says('mustBeNonNegative') });
const positiveInt = () =>
  z.number({ error: says('mustBePositiveInteger') }).int({ error: says('mustBePositiveInteger') }).min(1, { error: says('mustBePositiveInteger') });
const nonNegativeInt = () =>
  z.number({ error: says('mustBeCount') }).int({ error: says('mustBeCount') }).min(0, { error: says('mustBeCount') });
/** The field's upper bound from `valueLimits.ts`, so the published JSON Schema states it too (the validator words it before the schema runs). */
const upTo = <T extends z.ZodNumber>(schema: T, name: LimitName): T => schema.max(valueLimits[name].max, { error: says('numberAtMost', { max: valueLimits[name].max }) }) as T;
const ratio = () =>
  z.number({ error: says('mustBeShare') }).min(0, { error: says('mustBeInRange', { low: 0, high: 1 }) }).max(1, { error: says('mustBeInRange', { low: 0, high: 1 }) });

export const idPattern = /^[A-Za-z0-9_-]+$/;
/**
 * `__proto__` is the one name a JSON object cannot carry as an ordinary key once parsed
 * into JavaScript objects (assigning it replaces the object's prototype), so it is refused
 * by name rather than silently vanishing from a map or a result.
 */
export const identifier = () =>
  z
    .string({ error: says('mustBeString') })
    .regex(idPattern, { error: says('idCharacters') })
    .refine((id) => id !== '__proto__', { error: says('idReserved') });

export const exponentialDist = z.strictObject({ dist: z.literal('exponential'), mean: upTo(nonNegativeNumber(), 'requestTime') });
export const constantDist = z.strictObject({ dist: z.literal('constant'), value: upTo(nonNegativeNumber(), 'requestTime') });
export const uniformDist = z
  .strictObject({ dist: z.literal('uniform'), min: upTo(nonNegativeNumber(), 'requestTime'), max: upTo(nonNegativeNumber(), 'requestTime') })
  .refine((d) => d.max >= d.min, { error: says('maxBelowMin'), path: ['max'] });
export const erlangDist = z.strictObject({ dist: z.literal('erlang'), mean: upTo(nonNegativeNumber(), 'requestTime'), k: upTo(positiveInt(), 'erlangK') });
export const lognormalDist = z.strictObject({ dist: z.literal('lognormal'), mean: upTo(positiveNumber(), 'requestTime'), cv: upTo(positiveNumber(), 'cv') });
export const hyperexponentialDist = z.strictObject({
  dist: z.literal('hyperexponential'),
  mean: positiveNumber(),
  cv: z.number({ error: says('mustBeNumber') }).gt(1, { error: says('cvNotAboveOne') }),
});
export const empiricalDist = z.strictObject({
  dist: z.literal('empirical'),
  samples: z.array(upTo(nonNegativeNumber(), 'requestTime')).min(1, { error: says('needsSample') }),
});

export const dist = z.discriminatedUnion(
  'dist',
  [exponentialDist, constantDist, uniformDist, erlangDist, lognormalDist, hyperexponentialDist, empiricalDist],
  { error: says('mustBeDistribution') },
);
export const byClassDist = z.strictObject({ byClass: z.record(identifier(), dist), default: dist.optional() });
export const distSpec = z.union([byClassDist, dist], {
  error: says('mustBeDistributionOrByClass'),
});

export const ratioSpec = z.union([ratio(), z.strictObject({ byClass: z.record(identifier(), ratio()), default: ratio().optional() })], {
  error: says('mustBeShareOrByClass'),
});

export const position = z.strictObject({ x: z.number(), y: z.number() });

export const balancePolicy = z.enum(['round-robin', 'random', 'least-connections', 'power-of-two', 'weighted'], {
  error: says('mustBeBalance'),
});

export const rateLimit = z.strictObject({ rate: positiveNumber(), burst: positiveNumber().optional() });

export const profilePoint = z.strictObject({ at: nonNegativeNumber(), scale: nonNegativeNumber() });

export const arrival = z.discriminatedUnion(
  'process',
  [
    z.strictObject({ process: z.literal('poisson'), rate: upTo(positiveNumber(), 'rate') }),
    z.strictObject({ process: z.literal('constant'), rate: upTo(positiveNumber(), 'rate') }),
    z.strictObject({
      process: z.literal('bursty'),
      rate: positiveNumber(),
      burstRate: positiveNumber(),
      burstEvery: positiveNumber(),
      burstLength: positiveNumber(),
    }),
    z.strictObject({ process: z.literal('closed'), users: upTo(positiveInt(), 'users'), thinkTime: distSpec }),
  ],
  { error: says('mustBeArrival') },
);

/**
 * Added: the fields an import could not know (a trace shows no capacity) and wrote as
 * placeholders; a flag or `import k8s` that fills one takes it off, and the app lists them.
 */
export const toFillFields = ['replicas', 'workers', 'cpus', 'capacity', 'arrival'] as const;
export type ToFillField = (typeof toFillFields)[number];

const nodeBase = {
  id: identifier(),
  label: z.string({ error: says('mustBeString') }),
  position,
  cost: nonNegativeNumber().optional(),
  description: z.string().optional(),
  toFill: z.array(z.enum(toFillFields, { error: says('mustBeEither', { values: JSON.stringify(toFillFields.map((f) => `"${f}"`)) }) })).optional(),
};
/** Added: what a full `queue` sheds: the arrival (`newest`, as before) or the request that has waited longest (`oldest`). */
export const shedPolicies = ['newest', 'oldest'] as const;
/**
 * Added: `{"codel": {"target", "interval"}}` sheds by waiting time (CoDel, RFC 8289): a request
 * taken from the queue after waits above `target` have lasted an `interval` is dropped, with or
 * without a `queue` limit (a full queue then rejects the arrival, as `newest`). Defaults in `codel.ts`.
 */
export const codelShed = z.strictObject({
  codel: z.strictObject({ target: upTo(positiveNumber(), 'requestTime').optional(), interval: upTo(positiveNumber(), 'controlPeriod').optional() }, { error: says('mustBeCodel') }),
});
export const shedPolicy = z.union([z.enum(shedPolicies, { error: says('mustBeShed') }), codelShed], { error: says('mustBeShed') });
export type CodelShed = z.infer<typeof codelShed>;

/**
 * Added: one positive number per replica. `weights` share new requests out by smooth
 * weighted round robin (with balance "weighted"); `speed` divides the replica's own work.
 */
export const perReplica = z.array(positiveNumber()).min(1, { error: says('needsPerReplicaNumber') });
const capacity = {
  replicas: upTo(positiveInt(), 'replicas').optional(),
  balance: balancePolicy.optional(),
  weights: perReplica.optional(),
  speed: perReplica.optional(),
  workers: upTo(positiveInt(), 'workers').optional(),
  queue: upTo(nonNegativeInt(), 'queueLength').optional(),
  shed: shedPolicy.optional(),
  /** Added: the id of a top-level host whose CPUs this node's own work shares with the other nodes on it. */
  host: identifier().optional(),
};

/**
 * Added: own work that slows with concurrency, as the Universal Scalability Law has it.
 * A piece of own work starting at a replica where n requests (itself included) are doing
 * their own work takes its drawn time × (1 + serial·(n − 1) + crosstalk·n·(n − 1)).
 */
export const contention = z.strictObject({ serial: ratio().optional(), crosstalk: ratio().optional() });

/** Added: a replica's memory limit and what its processes take, in bytes: `base` + `perWorker` × workers must fit in `limit`. */
export const memory = z.strictObject({
  limit: upTo(positiveNumber(), 'memory'),
  base: upTo(nonNegativeNumber(), 'memory').optional(),
  perWorker: upTo(positiveNumber(), 'memory'),
});

/** What the autoscaler scales on; `workers` (the default) is the first rule, the others are what Kubernetes scales on. */
export const autoscaleMetrics = ['workers', 'cpu', 'rps', 'backlog'] as const;

export const autoscale = z
  .strictObject({
    min: upTo(positiveInt(), 'autoscaleReplicas'),
    max: upTo(positiveInt(), 'autoscaleReplicas'),
    metric: z.enum(autoscaleMetrics).optional(),
    /** With `workers` and `cpu` (required there): the busy share to keep. */
    targetUtilization: z.number().gt(0, { error: says('mustBeInRange', { low: 0, high: 1, lowOpen: true }) }).max(1, { error: says('mustBeInRange', { low: 0, high: 1, lowOpen: true }) }).optional(),
    /** With `rps`: arrivals per second per replica to keep. */
    targetRps: positiveNumber().optional(),
    /** With `backlog`: the queue node whose backlog counts, and the messages per replica to keep. */
    queue: identifier().optional(),
    targetBacklog: positiveNumber().optional(),
    /** The HPA's behavior.scaleUp/scaleDown.stabilizationWindowSeconds. */
    scaleUpStabilization: nonNegativeNumber().optional(),
    scaleDownStabilization: nonNegativeNumber().optional(),
    interval: positiveNumber().optional(),
    startup: nonNegativeNumber().optional(),
    cooldown: nonNegativeNumber().optional(),
  })
  .refine((a) => a.max >= a.min, { error: says('maxBelowMin'), path: ['max'] });

export const sourceNode = z.strictObject({
  ...nodeBase,
  kind: z.literal('source'),
  arrival,
  profile: z.array(profilePoint).min(1, { error: says('needsProfilePoint') }).optional(),
  mix: z.record(identifier(), ratio()).optional(),
  timeout: positiveNumber().optional(),
});
export const gatewayNode = z.strictObject({
  ...nodeBase,
  ...capacity,
  kind: z.literal('gateway'),
  latency: distSpec.optional(),
  contention: contention.optional(),
  rateLimit: rateLimit.optional(),
});
export const serviceNode = z.strictObject({
  ...nodeBase,
  ...capacity,
  kind: z.literal('service'),
  cpus: upTo(positiveInt(), 'cpus').optional(),
  work: distSpec,
  contention: contention.optional(),
  /** Added: work after the reply (FastAPI BackgroundTasks, a log flush), holding the worker and a CPU. */
  background: distSpec.optional(),
  memory: memory.optional(),
  autoscale: autoscale.optional(),
});
/**
 * Added: a cache's key space. Each lookup draws one of `count` keys, uniformly or by a Zipf
 * law with exponent s (P(rank k) ∝ k^−s); the hit ratio then emerges from `ttl`, `maxKeys`
 * and the load (see `engine/cacheKeys.ts`).
 */
export const cacheKeys = z.strictObject({
  count: upTo(positiveInt(), 'cacheKeys'),
  popularity: z
    .union([z.literal('uniform', { error: says('mustBePopularity') }), z.strictObject({ zipf: upTo(positiveNumber(), 'zipfExponent') })], { error: says('mustBePopularity') })
    .optional(),
});
export const cacheErrorPolicies = ['fail', 'bypass'] as const;
export const cacheNode = z.strictObject({
  ...nodeBase,
  ...capacity,
  kind: z.literal('cache'),
  latency: distSpec.optional(),
  contention: contention.optional(),
  /** Required unless `keys` is given; the two together are refused (see validate.ts). */
  hitRatio: ratioSpec.optional(),
  keys: cacheKeys.optional(),
  /** Added, with `keys`: seconds a loaded key stays present. */
  ttl: upTo(positiveNumber(), 'clockTime').optional(),
  /** Added, with `keys`: most keys present; the least recently used goes beyond. */
  maxKeys: upTo(positiveInt(), 'cacheKeys').optional(),
  /** Added, with `keys`: concurrent misses of one key wait for the first one's load. */
  singleFlight: z.boolean().optional(),
  /** Added: what a lookup that finds no replica serving does: fail (the default), or go to the cache's downstream calls as a miss. */
  onError: z.enum(cacheErrorPolicies, { error: says('mustBeEither', { values: JSON.stringify(cacheErrorPolicies.map((k) => `"${k}"`)) }) }).optional(),
});
export const queueNode = z.strictObject({
  ...nodeBase,
  kind: z.literal('queue'),
  latency: distSpec.optional(),
  capacity: upTo(nonNegativeInt(), 'queueLength').optional(),
  /** Added: Kafka-style partitions: each message goes to one by key; a consumer node has at most one message of a partition in hand. */
  partitions: upTo(positiveInt(), 'partitions').optional(),
  /** Added: as a database's `shardSkew`: the hottest partition gets (1 + skew × (partitions − 1)) ÷ partitions of the messages. */
  partitionSkew: ratio().optional(),
});
export const databaseNode = z.strictObject({
  ...nodeBase,
  ...capacity,
  kind: z.literal('database'),
  /** Added: CPUs per instance, a limit apart from its connections (`workers`). */
  cpus: upTo(positiveInt(), 'cpus').optional(),
  latency: distSpec,
  contention: contention.optional(),
  writes: z.array(identifier()).optional(),
  readsOnPrimary: z.boolean().optional(),
  shards: upTo(positiveInt(), 'shards').optional(),
  shardSkew: ratio().optional(),
});
export const externalNode = z.strictObject({
  ...nodeBase,
  kind: z.literal('external'),
  latency: distSpec,
  contention: contention.optional(),
  replicas: upTo(positiveInt(), 'replicas').optional(),
  balance: balancePolicy.optional(),
  weights: perReplica.optional(),
  speed: perReplica.optional(),
  workers: upTo(positiveInt(), 'workers').optional(),
  queue: upTo(nonNegativeInt(), 'queueLength').optional(),
  shed: shedPolicy.optional(),
  rateLimit: rateLimit.optional(),
});

export const nodeKinds = ['source', 'gateway', 'service', 'cache', 'queue', 'database', 'external'] as const;
export type NodeKind = (typeof nodeKinds)[number];

export const scenarioNode = z.discriminatedUnion('kind', [sourceNode, gatewayNode, serviceNode, cacheNode, queueNode, databaseNode, externalNode], {
  error: says('mustBeNode', { kinds: nodeKinds.map((k) => `"${k}"`).join(', ') }),
});

export const circuitBreaker = z.strictObject({
  errorRate: z.number().gt(0, { error: says('mustBeInRange', { low: 0, high: 1, lowOpen: true }) }).max(1, { error: says('mustBeInRange', { low: 0, high: 1, lowOpen: true }) }),
  window: positiveNumber(),
  minCalls: positiveInt(),
  openFor: positiveNumber(),
});

/**
 * Added: calls per visit drawn geometric on {0, 1, 2, …} with this mean, as layered-queueing
 * simulators draw them (P(n) = (1 − p)ⁿ p with p = 1 ÷ (1 + mean)).
 */
export const geometricCalls = z.strictObject({ mean: upTo(nonNegativeNumber(), 'calls'), dist: z.literal('geometric', { error: says('mustBeValue', { value: '"geometric"' }) }) });
export const callsSpec = z.union([upTo(nonNegativeNumber(), 'calls'), geometricCalls], {
  error: says('mustBeCalls'),
});

/**
 * Added: how a group of parallel calls ends for its caller: when every member answered
 * (`all`), the first did (`any`), or k of them did (`{"quorum": k}`).
 */
export const joinSpec = z.union([z.enum(['all', 'any'], { error: says('mustBeJoin') }), z.strictObject({ quorum: positiveInt() })], { error: says('mustBeJoin') });

/** Added: how a retry's wait is spread, as AWS's backoff note names them; `none` waits the full backoff. */
export const jitterKinds = ['none', 'full', 'equal'] as const;

/**
 * Added: retries at most `ratio` × the calls made over the edge in the last `window` s,
 * counted over the edge (all caller replicas together), as gRPC's and Envoy's retry budgets cap a storm.
 */
export const retryBudget = z.strictObject({ ratio: ratio(), window: positiveNumber() });

export const retries = z.strictObject({
  max: upTo(nonNegativeInt(), 'retries'),
  backoff: upTo(nonNegativeNumber(), 'requestTime').optional(),
  jitter: z.enum(jitterKinds, { error: says('mustBeEither', { values: JSON.stringify(jitterKinds.map((k) => `"${k}"`)) }) }).optional(),
  budget: retryBudget.optional(),
});

/** Added: a bulkhead: at most `queue` calls wait for a slot (one more is rejected at once), none longer than `timeout` s (then rejected). */
export const poolObject = z.strictObject({
  size: upTo(positiveInt(), 'pool'),
  queue: upTo(nonNegativeInt(), 'queueLength').optional(),
  timeout: positiveNumber().optional(),
});
export const poolSpec = z.union([upTo(positiveInt(), 'pool'), poolObject], { error: says('mustBePool') });

export const edge = z.strictObject({
  from: identifier(),
  to: identifier(),
  mode: z.enum(['sync', 'async'], { error: says('mustBeEither', { values: JSON.stringify(['"sync"', '"async"']) }) }).optional(),
  classes: z.array(identifier()).optional(),
  calls: callsSpec.optional(),
  /** Added: time on the wire per try, both ways together, drawn once and spent before the callee gets the request. */
  latency: distSpec.optional(),
  /** Added: the caller's edges with the same group are sent at once (asyncio.gather), one step at the first member's place. */
  group: identifier().optional(),
  /** Added: with `group`, when the caller goes on; members that state it must agree (default "all"). */
  join: joinSpec.optional(),
  timeout: positiveNumber().optional(),
  retries: retries.optional(),
  pool: poolSpec.optional(),
  circuitBreaker: circuitBreaker.optional(),
  label: z.string().optional(),
});

export const runSettings = z.strictObject({
  duration: upTo(positiveNumber(), 'clockTime'),
  warmup: upTo(nonNegativeNumber(), 'clockTime').optional(),
  replications: upTo(positiveInt(), 'replications').optional(),
  seed: z.number().int({ error: says('mustBeInteger') }).optional(),
  confidence: z.number().gt(0, { error: says('mustBeInRange', { low: 0, high: 1, lowOpen: true, highOpen: true }) }).lt(1, { error: says('mustBeInRange', { low: 0, high: 1, lowOpen: true, highOpen: true }) }).optional(),
});

export const slo = z.strictObject({
  mean: positiveNumber().optional(),
  p50: positiveNumber().optional(),
  p95: positiveNumber().optional(),
  p99: positiveNumber().optional(),
  errorRate: ratio().optional(),
  throughput: nonNegativeNumber().optional(),
  /**
   * Added (issue 11 §4): bounds on completion, the time until the last work a request
   * caused (its async calls and queue consumers included) ended, in seconds.
   */
  completion: z
    .strictObject({
      mean: positiveNumber().optional(),
      p50: positiveNumber().optional(),
      p95: positiveNumber().optional(),
      p99: positiveNumber().optional(),
    })
    .optional(),
  /**
   * Added: the most messages a broker's mean backlog may hold — one bound for every
   * queue node, or per queue by id. Async work that falls behind then fails the SLO
   * before it grows without bound.
   */
  maxBacklog: z
    .union([nonNegativeNumber(), z.record(identifier(), nonNegativeNumber())], {
      error: says('mustBeBacklogBound'),
    })
    .optional(),
});

export const fault = z.strictObject({
  node: identifier(),
  at: nonNegativeNumber(),
  for: positiveNumber(),
  replicas: positiveInt().optional(),
  replica: nonNegativeInt().optional(),
});

/**
 * Added: a machine (a VM, a pod's CPU limit) whose CPUs the own work of the nodes placed on
 * it (`host` on the node) shares, first come first served; `replicas` copies of it, and a
 * node's replica i runs on host replica i mod replicas.
 */
export const host = z.strictObject({
  id: identifier(),
  label: z.string().optional(),
  cpus: upTo(positiveInt(), 'cpus'),
  replicas: upTo(positiveInt(), 'replicas').optional(),
});

/**
 * Added: a Kubernetes count or share of the desired pods (`1`, `"25%"`); a share rounds up
 * for `maxSurge` and down for `maxUnavailable`, as the Deployment controller resolves them.
 */
export const podCount = z.union([nonNegativeInt(), z.string().regex(/^\d+(\.\d+)?%$/, { error: says('mustBeCountOrPercent') })], { error: says('mustBeCountOrPercent') });

const eventBase = { at: upTo(nonNegativeNumber(), 'clockTime'), node: identifier() };
/** Added: what a failover does with the queries that find no instance while a replica is being promoted. */
export const whileDownPolicies = ['fail', 'wait'] as const;

/** Added: one event of the timeline (`events`), by `action`. */
export const timelineEvent = z.discriminatedUnion(
  'action',
  [
    z.strictObject({
      ...eventBase,
      action: z.literal('restart'),
      replica: nonNegativeInt().optional(),
      down: upTo(positiveNumber(), 'clockTime'),
      warmup: upTo(nonNegativeNumber(), 'clockTime').optional(),
      coldFactor: z.number({ error: says('mustBeNumber') }).min(1, { error: says('numberAtLeast', { min: '1', exclusive: false }) }).max(100, { error: says('numberAtMost', { max: 100 }) }).optional(),
    }),
    z.strictObject({
      ...eventBase,
      action: z.literal('failover'),
      promotion: upTo(nonNegativeNumber(), 'clockTime').optional(),
      whileDown: z.enum(whileDownPolicies, { error: says('mustBeEither', { values: JSON.stringify(whileDownPolicies.map((k) => `"${k}"`)) }) }).optional(),
    }),
    z.strictObject({
      ...eventBase,
      action: z.literal('deploy'),
      maxUnavailable: podCount.optional(),
      maxSurge: podCount.optional(),
      startup: upTo(nonNegativeNumber(), 'clockTime'),
    }),
    z.strictObject({
      ...eventBase,
      action: z.literal('flush'),
      warm: upTo(nonNegativeNumber(), 'clockTime').optional(),
      /** The share of the keys lost (keyed) or of the hit ratio (keyless), in (0, 1]; default 1. */
      share: z
        .number({ error: says('mustBeNumber') })
        .gt(0, { error: says('mustBeInRange', { low: 0, high: 1, lowOpen: true, highOpen: false }) })
        .max(1, { error: says('mustBeInRange', { low: 0, high: 1, lowOpen: true, highOpen: false }) })
        .optional(),
      /** Seconds the cache stays flushed (a keyed cache stores no lost key meanwhile) before it warms; default 0. */
      for: upTo(nonNegativeNumber(), 'clockTime').optional(),
    }),
  ],
  { error: says('mustBeEventAction') },
);
export const eventActions = ['restart', 'failover', 'deploy', 'flush'] as const;

export const varyEntry = z.strictObject({
  path: z.string().min(1, { error: says('mustNameField') }),
  values: z.array(z.union([z.number(), z.string(), z.boolean()])).min(1, { error: says('needsValue') }),
});

export const whatIf = z.strictObject({
  vary: z.array(varyEntry).optional(),
  load: z
    .strictObject({
      source: identifier(),
      find: z.literal('max', { error: says('mustBeValue', { value: '"max"' }) }),
      /** Added by Headroom: search bounds and precision for `find: "max"`. */
      min: positiveNumber().optional(),
      max: positiveNumber().optional(),
      precision: z.number().gt(0).lt(1).optional(),
    })
    .optional(),
  /** Added by Headroom: nodes the capacity plan may resize, and the target load. */
  plan: z
    .strictObject({
      nodes: z.array(identifier()).min(1),
      workers: z.boolean().optional(),
      maxReplicas: positiveInt().optional(),
      load: positiveNumber().optional(),
    })
    .optional(),
});

export const scenario = z.strictObject({
  /** Added by Headroom: a reference to the JSON Schema, for editors; ignored otherwise. */
  $schema: z.string({ error: says('mustBeString') }).optional(),
  format: z.literal('headroom/scenario', { error: says('mustBeValue', { value: '"headroom/scenario"' }) }),
  version: z.literal(1, { error: says('mustBeValue', { value: '1' }) }),
  name: z.string({ error: says('mustBeString') }),
  description: z.string().optional(),
  classes: z.array(z.strictObject({ id: identifier(), label: z.string().optional() })).optional(),
  nodes: z.array(scenarioNode),
  edges: z.array(edge),
  run: runSettings,
  slo: slo.optional(),
  cost: z.strictObject({ currency: z.string() }).optional(),
  faults: z.array(fault).optional(),
  hosts: z.array(host).optional(),
  /** Added: restarts, failovers, rolling deploys and cache flushes at stated times (see `engine/timeline.ts`). */
  events: z.array(timelineEvent).optional(),
  whatIf: whatIf.optional(),
});

export type Dist = z.infer<typeof dist>;
export type DistSpec = z.infer<typeof distSpec>;
export type RatioSpec = z.infer<typeof ratioSpec>;
export type Arrival = z.infer<typeof arrival>;
export type ScenarioNode = z.infer<typeof scenarioNode>;
export type SourceNode = z.infer<typeof sourceNode>;
export type GatewayNode = z.infer<typeof gatewayNode>;
export type ServiceNode = z.infer<typeof serviceNode>;
export type CacheNode = z.infer<typeof cacheNode>;
export type CacheKeys = z.infer<typeof cacheKeys>;
export type QueueNode = z.infer<typeof queueNode>;
export type DatabaseNode = z.infer<typeof databaseNode>;
export type ExternalNode = z.infer<typeof externalNode>;
export type Autoscale = z.infer<typeof autoscale>;
export type Contention = z.infer<typeof contention>;
export type Memory = z.infer<typeof memory>;
export type AutoscaleMetricName = (typeof autoscaleMetrics)[number];
export type Edge = z.infer<typeof edge>;
export type PoolSpec = z.infer<typeof poolSpec>;
export type JitterKind = (typeof jitterKinds)[number];
export type CallsSpec = z.infer<typeof callsSpec>;
export type JoinSpec = z.infer<typeof joinSpec>;
export type RunSettings = z.infer<typeof runSettings>;
export type Slo = z.infer<typeof slo>;
export type Fault = z.infer<typeof fault>;
export type Host = z.infer<typeof host>;
export type TimelineEvent = z.infer<typeof timelineEvent>;
export type EventAction = TimelineEvent['action'];
export type WhatIf = z.infer<typeof whatIf>;
export type Scenario = z.infer<typeof scenario>;
