/** The external kind: a third-party API the system calls but does not run, with an optional rate limit. */
import type { ExternalNode } from '../schema';
import { declaredReplicas, noChecks, noExtras, plainParams, type KindModule } from './types';

export const externalKind: KindModule<ExternalNode> = {
  kind: 'external',
  station: 'external',
  source: false,
  broker: false,
  replicated: true,
  defaults: { replicas: 1, balance: 'round-robin', rateLimitBurst: 1 },
  color: '#64748b',
  spanAttributes: [],
  cpuColumn: false,
  workField: 'latency',
  capacityFields: ['replicas', 'workers'],
  imported: { toFill: ['replicas', 'workers'], node: (base, latency) => ({ ...base, kind: 'external', replicas: 1, workers: 1, latency }) },
  groups: () => 1,
  peakReplicas: declaredReplicas,
  compile: (n) => ({ ...plainParams(n, n.latency), rateLimit: n.rateLimit ? n.rateLimit : null }),
  validate: noChecks,
  resultExtras: noExtras,
};
