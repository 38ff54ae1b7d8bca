/**
 * The published JSON Schema of the scenario file, generated from the zod schema so
 * the two cannot drift (a test compares it with the committed
 * `assets/schema/scenario-v1.schema.json`). Editors use it for completion and hover
 * help; the schema cannot carry the rules between fields (references, cycles, shares
 * adding up), so a file that passes it may still be rejected by `parseScenario`.
 */
import { z } from 'zod';
import * as m from './schema';

/** The `$id` of the published schema; stable for the life of format version 1. */
export const scenarioSchemaId = 'urn:headroom:schema:scenario:1';

interface Meta {
  id: string;
  description: string;
  [key: string]: unknown;
}

/**
 * Names and hover text for the shared parts; each named schema becomes one entry in
 * `$defs` instead of being inlined everywhere it is used. A local registry, not zod's
 * global one, so that re-running this (tests, hot reload) never trips over taken ids.
 */
function definitions(): z.core.$ZodRegistry<Meta> {
  const r = z.registry<Meta>();
  r.add(m.dist, { id: 'Dist', description: 'A distribution of a time in seconds.' });
  r.add(m.distSpec, { id: 'DistSpec', description: 'A distribution, or one per request class: {"byClass": {"classId": Dist}, "default": Dist}.' });
  r.add(m.ratioSpec, { id: 'RatioSpec', description: 'A share in [0, 1], or one per request class: {"byClass": {"classId": x}, "default": x}.' });
  r.add(m.position, { id: 'Position', description: 'Canvas coordinates; ignored by the simulation.' });
  r.add(m.balancePolicy, { id: 'BalancePolicy', description: 'How each new request picks a replica (default round-robin).' });
  r.add(m.rateLimit, { id: 'RateLimit', description: 'A token bucket: starts full with `burst` tokens (default 1), refills at `rate` per second; a request without a token is rejected.' });
  r.add(m.arrival, { id: 'Arrival', description: 'How requests arrive: an open process at `rate` per second, or a closed loop of `users` with a think time.' });
  r.add(m.contention, {
    id: 'Contention',
    description:
      'Own work that slows with concurrency (Universal Scalability Law): a piece of own work that starts while n requests of its replica do their own work, itself included, takes its drawn time × (1 + serial·(n − 1) + crosstalk·n·(n − 1)). Both default to 0.',
  });
  r.add(m.memory, {
    id: 'Memory',
    description: 'A replica\'s memory limit and what its processes take, in bytes: `base` (default 0) plus `perWorker` per worker must fit in `limit`, so at most ⌊(limit − base) ÷ perWorker⌋ workers.',
  });
  r.add(m.sourceNode, { id: 'SourceNode', description: 'Where load comes from. Its outgoing edges are the calls each request makes, in order.' });
  r.add(m.gatewayNode, { id: 'GatewayNode', description: 'A load balancer or API gateway, optionally rate-limited.' });
  r.add(m.serviceNode, {
    id: 'ServiceNode',
    description:
      'An application server: `workers` requests held at once per replica (held across sync calls), `cpus` of them doing their own `work` at a time; `background`: work after the reply, holding the worker and a CPU, in its utilization but not in its callers\' latency.',
  });
  r.add(m.cacheNode, {
    id: 'CacheNode',
    description:
      'Redis, Memcached, a CDN: answers hits itself; on a miss makes its outgoing calls. Either a fixed `hitRatio`, or `keys` (not both): each lookup draws a key, present once a miss loaded it until `ttl` s later or until evicted as the least recently used of more than `maxKeys`; with `singleFlight`, concurrent misses of one key wait for the first one\'s load and share its outcome.',
  });
  r.add(m.cacheKeys, { id: 'CacheKeys', description: 'A cache\'s key space: `count` keys looked up uniformly ("uniform", the default) or by a Zipf law {"zipf": s}, P(rank k) ∝ k^−s.' });
  r.add(m.queueNode, {
    id: 'QueueNode',
    description:
      'A message broker: every outgoing edge is a subscription; consumers pull when they have a free worker. With `partitions` (Kafka): each message goes to one partition by key (uniformly, or the hottest taking (1 + partitionSkew × (partitions − 1)) ÷ partitions of them), and each consumer node has at most one message of a partition in hand at a time, so its workers beyond the partition count sit idle.',
  });
  r.add(m.databaseNode, { id: 'DatabaseNode', description: 'A database: the first replica is the primary (takes `writes`), the rest are read replicas; `workers` are its connections per instance, `cpus` (default: as many as connections) how many queries of an instance do their own work at once.' });
  r.add(m.externalNode, { id: 'ExternalNode', description: 'A third-party API or anything not modelled inside.' });
  r.add(m.scenarioNode, { id: 'Node', description: 'A node of the architecture, by `kind`.' });
  r.add(m.autoscale, { id: 'Autoscale', description: 'Replica autoscaling as the Kubernetes HPA does, on `metric`: busy workers (`workers`, the default, with `targetUtilization`), CPU utilization (`cpu`, with `targetUtilization`), arrivals per replica (`rps`, with `targetRps`) or the backlog of the queue node `queue` per replica (`backlog`, with `targetBacklog`, as KEDA scales consumers); `scaleUpStabilization`/`scaleDownStabilization` are the HPA\'s stabilization windows in seconds; `replicas` is then the starting count.' });
  r.add(m.circuitBreaker, { id: 'CircuitBreaker', description: 'Opens when at least `errorRate` of `minCalls` or more calls in `window` s failed; fails calls at once for `openFor` s.' });
  r.add(m.callsSpec, { id: 'Calls', description: 'Calls per visit: a mean whose fraction is one more call with that probability (2.5: two, and a third half the time), or {"mean": m, "dist": "geometric"}: drawn geometric on 0, 1, 2, … with mean m.' });
  r.add(m.joinSpec, {
    id: 'Join',
    description:
      'When a group of parallel calls lets its caller go on: "all" (default) when every member answered OK, "any" at the first OK, {"quorum": k} at the k-th; it fails as soon as that can no longer happen. Members left running go on, their answers ignored.',
  });
  r.add(m.edge, {
    id: 'Edge',
    description:
      'A call from one node to another; a node makes its outgoing calls in edge order. `latency` is the time on the wire of each try, both ways together, spent before the callee gets the request (the caller waits; the callee holds nothing). Sync edges of one caller with the same `group` are sent at once, as one step at the first member\'s place, and joined by `join` (members that state it must agree); each keeps its own calls, timeout, retries, pool and breaker.',
  });
  r.add(m.runSettings, { id: 'RunSettings', description: 'Simulated seconds per replication (after `warmup`), replications, seed and confidence level.' });
  r.add(m.slo, { id: 'Slo', description: 'Bounds a run must meet: end-to-end latency in seconds, error rate, least throughput, most messages in a broker backlog (`maxBacklog`, for every queue or per queue id), and `completion` (mean, p50, p95, p99 in seconds: until the last work a request caused, its async calls and queue consumers included, ended).' });
  r.add(m.host, {
    id: 'Host',
    description:
      'A machine whose `cpus` the own work of the nodes with this `host` shares, first come first served (an app and its sidecar in one pod, services on one VM). `replicas` (default 1) copies; instance i of a node on it runs on copy i mod replicas. A node\'s own `cpus` still bound its share.',
  });
  r.add(m.fault, { id: 'Fault', description: 'At `at` s (warm-up included) `replicas` (default 1) of `node` fail for `for` s.' });
  r.add(m.podCount, { id: 'PodCount', description: 'Pods as a count, or as a share of the desired pods ("25%"): rounded up for `maxSurge`, down for `maxUnavailable`, as Kubernetes resolves them.' });
  r.add(m.timelineEvent, {
    id: 'Event',
    description:
      'At `at` s (warm-up included), on `node`: `restart` (replica `replica`, default 0, fails as in a fault, is down `down` s, then serves again with empty queues and for `warmup` s its own work takes up to `coldFactor` (default 2) times as long, falling linearly to 1); `failover` (a database or cache primary fails; after `promotion` s, default 30, a replica is promoted, leaving a database\'s read pool; meanwhile a query that finds no instance fails, or with `whileDown: "wait"` waits for the promotion); `deploy` (a rolling update as the Kubernetes Deployment controller does it, `maxSurge` and `maxUnavailable` default "25%", each new pod ready after `startup` s; old pods drain); `flush` (a keyless cache\'s hit ratio drops to (1 − `share`) × its own, `share` in (0, 1] and default 1, stays there `for` s, default 0, and climbs back linearly over `warm` s, default 60; a keyed cache loses `share` of its keys, chosen by a seeded hash of the key, and stores none of them for `for` s).',
  });
  r.add(m.whatIf, { id: 'WhatIf', description: 'Parameter sweeps (`vary`) and the search for the highest load that meets the SLO (`load`).' });
  return r;
}

/**
 * The JSON Schema (draft 2020-12) of a version 1 scenario file, describing what a
 * file may contain (`io: "input"`), with shared parts under `$defs`.
 */
export function scenarioJsonSchema(): object {
  const generated = z.toJSONSchema(m.scenario, {
    target: 'draft-2020-12',
    io: 'input',
    metadata: definitions(),
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: scenarioSchemaId,
    title: 'Headroom scenario, version 1',
    description:
      'An architecture (nodes and the calls between them), the load it receives, and how to simulate and judge it. Times in seconds, rates per second, costs per replica per hour.',
    ...rest,
  };
}
