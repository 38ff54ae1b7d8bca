/**
 * fast-check generators of small valid scenarios: one source and 2–5 nodes of random
 * kinds and capacities, wired as a DAG (every node is called by an earlier one), with
 * short runs. Two families:
 *
 * - `cleanModel`: nothing that makes a visit end early (no timeouts, retries,
 *   breakers, faults, rate limits), one class, no warm-up. Here the operational laws
 *   hold exactly or nearly, and the tests can check them.
 * - `fullModel`: everything the format offers, two classes, faults, autoscaling. Here
 *   only the invariants that hold whatever happens are checked.
 */
import fc from 'fast-check';
import type { Dist, Scenario } from '../../simulation/model/schema';
import { build, type Fields } from './build';

const kinds = ['gateway', 'service', 'cache', 'database', 'external', 'queue'] as const;
type Kind = (typeof kinds)[number];

const meanArb = fc.constantFrom(0.001, 0.002, 0.005, 0.01, 0.02);

export const distArb: fc.Arbitrary<Dist> = fc.oneof(
  meanArb.map((mean): Dist => ({ dist: 'exponential', mean })),
  meanArb.map((value): Dist => ({ dist: 'constant', value })),
  meanArb.map((m): Dist => ({ dist: 'uniform', min: m / 2, max: (3 * m) / 2 })),
  fc.tuple(meanArb, fc.integer({ min: 1, max: 4 })).map(([mean, k]): Dist => ({ dist: 'erlang', mean, k })),
  fc.tuple(meanArb, fc.constantFrom(0.5, 1.5)).map(([mean, cv]): Dist => ({ dist: 'lognormal', mean, cv })),
  fc.tuple(meanArb, fc.constantFrom(1.5, 3)).map(([mean, cv]): Dist => ({ dist: 'hyperexponential', mean, cv })),
);

const balanceArb = fc.constantFrom('round-robin', 'random', 'least-connections', 'power-of-two');
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });

interface NodeDraw {
  kind: Kind;
  dist: Dist;
  workers: number | undefined;
  cpus: number | undefined;
  replicas: number;
  queue: number | undefined;
  balance: string;
  hitRatio: number;
  shards: number;
  skew: number;
  capacity: number | undefined;
  caller: number;
  extraCaller: number | undefined;
  async: boolean;
  calls: number | { mean: number; dist: 'geometric' };
  /** Wire time of the calls into this node (not of a subscription, which refuses it). */
  latency: Dist | undefined;
  pool: number | undefined;
}

const nodeDrawArb = (family: 'clean' | 'full'): fc.Arbitrary<NodeDraw> =>
  fc.record({
    kind: fc.constantFrom(...kinds),
    dist: distArb,
    workers: optional(fc.integer({ min: 1, max: 16 })),
    cpus: optional(fc.integer({ min: 1, max: 4 })),
    replicas: fc.integer({ min: 1, max: 3 }),
    queue: optional(fc.integer({ min: 0, max: 20 })),
    balance: balanceArb,
    hitRatio: fc.constantFrom(0, 0.3, 0.9, 1),
    shards: fc.integer({ min: 1, max: 3 }),
    skew: fc.constantFrom(0, 0.5, 1),
    capacity: optional(fc.integer({ min: 0, max: 50 })),
    caller: fc.nat(),
    extraCaller: optional(fc.nat()),
    async: family === 'clean' ? fc.boolean() : fc.boolean(),
    calls: fc.constantFrom<NodeDraw['calls']>(1, 1, 0.5, 1.5, { mean: 1.5, dist: 'geometric' }),
    latency: fc.option(distArb, { nil: undefined, freq: 3 }),
    pool: optional(fc.integer({ min: 1, max: 4 })),
  });

function nodeFields(id: string, d: NodeDraw): Fields {
  const capacity: Fields = { replicas: d.replicas, balance: d.balance, ...(d.workers ? { workers: d.workers } : {}), ...(d.queue !== undefined ? { queue: d.queue } : {}) };
  switch (d.kind) {
    case 'service':
      return { id, kind: 'service', work: d.dist, ...capacity, ...(d.cpus !== undefined && d.workers !== undefined && d.cpus <= d.workers ? { cpus: d.cpus } : {}) };
    case 'gateway':
      return { id, kind: 'gateway', latency: d.dist, ...capacity };
    case 'cache':
      return { id, kind: 'cache', latency: d.dist, hitRatio: d.hitRatio, ...capacity };
    case 'database':
      return { id, kind: 'database', latency: d.dist, ...capacity, shards: d.shards, shardSkew: d.skew };
    case 'external':
      return { id, kind: 'external', latency: d.dist, ...capacity };
    case 'queue':
      return { id, kind: 'queue', latency: d.dist, ...(d.capacity !== undefined ? { capacity: d.capacity } : {}) };
  }
}

function edgesFor(ids: string[], kindsOf: string[], draws: NodeDraw[], extra: (i: number, d: NodeDraw) => Fields): Fields[] {
  const edges: Fields[] = [];
  draws.forEach((d, k) => {
    const i = k + 1;
    const callers = new Set([d.caller % i]);
    if (d.extraCaller !== undefined) callers.add(d.extraCaller % i);
    for (const c of [...callers].sort((a, b) => a - b)) {
      const fromQueue = kindsOf[c] === 'queue';
      const mode = d.async && !fromQueue ? 'async' : 'sync';
      const e: Fields = { from: ids[c], to: ids[i], ...(d.calls !== 1 && !fromQueue ? { calls: d.calls } : {}) };
      if (mode === 'async') e.mode = 'async';
      if (d.latency !== undefined && !fromQueue) e.latency = d.latency;
      if (mode === 'sync' && !fromQueue && d.pool !== undefined) e.pool = d.pool;
      edges.push({ ...e, ...(mode === 'sync' && !fromQueue ? extra(i, d) : {}) });
    }
  });
  return edges;
}

export interface GeneratedModel {
  scenario: Scenario;
  /** The source's rate, requests per second. */
  rate: number;
}

/** One class, no warm-up, nothing that ends a visit early except full queues. */
export const cleanModel: fc.Arbitrary<GeneratedModel> = fc
  .record({
    rate: fc.integer({ min: 5, max: 40 }),
    draws: fc.array(nodeDrawArb('clean'), { minLength: 2, maxLength: 5 }),
    duration: fc.constantFrom(30, 60),
    seed: fc.integer({ min: 1, max: 1000 }),
  })
  .map(({ rate, draws, duration, seed }) => {
    const ids = ['src', ...draws.map((_, k) => `n${k + 1}`)];
    const kindsOf = ['source', ...draws.map((d) => d.kind)];
    const scenario = build({
      name: 'random clean model',
      nodes: [{ id: 'src', kind: 'source', arrival: { process: 'poisson', rate } }, ...draws.map((d, k) => nodeFields(ids[k + 1]!, d))],
      edges: edgesFor(ids, kindsOf, draws, () => ({})),
      run: { duration, warmup: 0, replications: 2, seed },
    });
    return { scenario, rate };
  });

/** Everything: two classes, timeouts, retries, breakers, rate limits, faults, autoscaling, shared hosts, partitions. */
export const fullModel: fc.Arbitrary<GeneratedModel> = fc
  .record({
    rate: fc.integer({ min: 5, max: 60 }),
    closed: fc.boolean(),
    draws: fc.array(nodeDrawArb('full'), { minLength: 2, maxLength: 5 }),
    duration: fc.constantFrom(20, 40),
    warmup: fc.constantFrom(0, 5),
    seed: fc.integer({ min: 1, max: 1000 }),
    writeShare: fc.constantFrom(0, 0.3, 1),
    sourceTimeout: optional(fc.constantFrom(0.01, 0.05, 0.5)),
    edgeTimeout: fc.array(optional(fc.constantFrom(0.005, 0.02, 0.2)), { minLength: 6, maxLength: 6 }),
    retries: fc.array(optional(fc.record({ max: fc.integer({ min: 0, max: 2 }), backoff: fc.constantFrom(0, 0.01) })), { minLength: 6, maxLength: 6 }),
    breaker: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
    onlyWrites: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
    rateLimit: fc.array(optional(fc.record({ rate: fc.integer({ min: 5, max: 50 }), burst: fc.integer({ min: 1, max: 10 }) })), { minLength: 6, maxLength: 6 }),
    fault: optional(fc.record({ node: fc.nat(), at: fc.constantFrom(2, 10, 30), for: fc.constantFrom(1, 5, 20), replicas: fc.integer({ min: 1, max: 3 }) })),
    autoscale: fc.constantFrom('none', 'workers', 'cpu', 'rps'),
    /** Shared hosts: which nodes sit on the one host, its CPUs and copies; partitions of each queue. */
    hosted: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
    host: fc.record({ cpus: fc.integer({ min: 1, max: 3 }), replicas: fc.integer({ min: 1, max: 2 }) }),
    partitions: fc.array(optional(fc.record({ partitions: fc.integer({ min: 1, max: 4 }), partitionSkew: fc.constantFrom(0, 0.5) })), { minLength: 6, maxLength: 6 }),
  })
  .map((g) => {
    const ids = ['src', ...g.draws.map((_, k) => `n${k + 1}`)];
    const kindsOf = ['source', ...g.draws.map((d) => d.kind)];
    const nodes = g.draws.map((d, k) => {
      const f = nodeFields(ids[k + 1]!, d);
      const limit = g.rateLimit[k];
      if ((d.kind === 'gateway' || d.kind === 'external') && limit) f.rateLimit = limit;
      if (d.kind === 'database') f.writes = ['write'];
      if (g.hosted[k] && d.kind !== 'queue' && d.kind !== 'external') f.host = 'box';
      const parts = g.partitions[k];
      if (d.kind === 'queue' && parts) Object.assign(f, parts.partitions > 1 ? parts : { partitions: parts.partitions });
      if (d.kind === 'service' && g.autoscale !== 'none' && d.workers !== undefined) {
        const rule = { min: 1, max: 4, interval: 5, startup: 2, cooldown: 10 };
        const metric = { workers: { targetUtilization: 0.6 }, cpu: { metric: 'cpu', targetUtilization: 0.6, scaleDownStabilization: 15 }, rps: { metric: 'rps', targetRps: 20, scaleUpStabilization: 5 } }[g.autoscale];
        f.autoscale = { ...rule, ...metric };
        f.replicas = Math.min(d.replicas, 4);
      }
      return f;
    });
    const arrival = g.closed ? { process: 'closed', users: Math.ceil(g.rate / 4), thinkTime: { dist: 'exponential', mean: 0.2 } } : { process: 'poisson', rate: g.rate };
    const mix = g.writeShare === 0 ? { read: 1 } : g.writeShare === 1 ? { write: 1 } : { read: 1 - g.writeShare, write: g.writeShare };
    const edges = edgesFor(ids, kindsOf, g.draws, (i, d) => ({
      ...(g.edgeTimeout[i] !== undefined ? { timeout: g.edgeTimeout[i] } : {}),
      ...(g.retries[i] !== undefined ? { retries: g.retries[i] } : {}),
      ...(g.breaker[i] ? { circuitBreaker: { errorRate: 0.5, window: 2, minCalls: 5, openFor: 1 } } : {}),
      ...(g.onlyWrites[i] && d.kind !== 'queue' ? { classes: ['write'] } : {}),
    }));
    const faultable = g.draws.map((d, k) => ({ d, id: ids[k + 1]! })).filter((x) => x.d.kind !== 'queue');
    const faults =
      g.fault && faultable.length > 0 ? [{ node: faultable[g.fault.node % faultable.length]!.id, at: g.fault.at, for: g.fault.for, replicas: g.fault.replicas }] : undefined;
    const scenario = build({
      name: 'random full model',
      classes: ['read', 'write'],
      nodes: [{ id: 'src', kind: 'source', arrival, mix, ...(g.sourceTimeout !== undefined && !g.closed ? { timeout: g.sourceTimeout } : {}) }, ...nodes],
      edges,
      run: { duration: g.duration, warmup: g.warmup, replications: 2, seed: g.seed },
      ...(faults ? { faults } : {}),
      ...(nodes.some((n) => n.host !== undefined) ? { hosts: [{ id: 'box', ...g.host }] } : {}),
    });
    return { scenario, rate: g.rate };
  });
