/** The gateway kind: a proxy in front of the services, with an optional rate limit (a token bucket). */
import type { GatewayNode } from '../schema';
import { declaredReplicas, noChecks, noExtras, plainParams, type KindModule } from './types';

export const gatewayKind: KindModule<GatewayNode> = {
  kind: 'gateway',
  station: 'gateway',
  source: false,
  broker: false,
  replicated: true,
  defaults: { replicas: 1, balance: 'round-robin', rateLimitBurst: 1 },
  color: '#7c5cf0',
  spanAttributes: [],
  cpuColumn: false,
  workField: 'latency',
  capacityFields: ['replicas', 'workers'],
  imported: { toFill: ['replicas', 'workers'], node: (base, latency) => ({ ...base, kind: 'gateway', replicas: 1, workers: 1, latency }) },
  groups: () => 1,
  peakReplicas: declaredReplicas,
  compile: (n) => ({ ...plainParams(n, n.latency), rateLimit: n.rateLimit ? n.rateLimit : null }),
  validate: noChecks,
  resultExtras: noExtras,
};
