/** The database kind: connections (workers) and CPUs per instance, writes to the primary, shards with a skew. */
import type { DatabaseNode } from '../schema';
import { declaredReplicas, plainParams, type KindModule } from './types';

export const databaseKind: KindModule<DatabaseNode> = {
  kind: 'database',
  station: 'database',
  source: false,
  broker: false,
  replicated: true,
  defaults: { replicas: 1, shards: 1, readsOnPrimary: false, shardSkew: 0 },
  color: '#2e9d4e',
  spanAttributes: [['db.system', 'headroom']],
  cpuColumn: false,
  workField: 'latency',
  capacityFields: ['replicas', 'workers', 'cpus'],
  imported: { toFill: ['replicas', 'workers'], node: (base, latency) => ({ ...base, kind: 'database', replicas: 1, workers: 1, latency }) },
  groups: (n) => n.shards ?? 1,
  peakReplicas: declaredReplicas,
  compile: (n) => ({
    ...plainParams(n, n.latency),
    cpus: n.cpus,
    groups: n.shards ?? 1,
    writes: n.writes ?? [],
    readsOnPrimary: n.readsOnPrimary ?? false,
    shardSkew: n.shardSkew ?? 0,
  }),
  validate: (n, ctx) => n.writes?.forEach((c, k) => ctx.checkClass([...ctx.at, 'writes', k], c)),
  // A database has a CPU wait once its CPUs are fewer than its connections (the added `cpus`).
  resultExtras: (n, avg) => (n.cpus < n.workers ? { cpuWaitTime: avg('cpuWaitTime') } : {}),
};
