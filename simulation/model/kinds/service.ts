/** The service kind: application code with workers and CPUs, background work, a memory limit and an autoscaler. */
import type { ServiceNode } from '../schema';
import { workersThatFit } from '../memory';
import { declaredReplicas, plainParams, type KindModule } from './types';

export const serviceKind: KindModule<ServiceNode> = {
  kind: 'service',
  station: 'service',
  source: false,
  broker: false,
  replicated: true,
  defaults: { replicas: 1, balance: 'round-robin' },
  color: '#2f6fed',
  spanAttributes: [],
  cpuColumn: true,
  workField: 'work',
  capacityFields: ['replicas', 'workers', 'cpus'],
  imported: { toFill: ['replicas', 'workers', 'cpus'], node: (base, work) => ({ ...base, kind: 'service', replicas: 1, workers: 1, cpus: 1, work }) },
  groups: () => 1,
  peakReplicas: (n) => (n.autoscale !== undefined ? Math.max(declaredReplicas(n), n.autoscale.max) : declaredReplicas(n)),
  compile(n) {
    const declared = declaredReplicas(n);
    return {
      ...plainParams(n, n.work),
      // An autoscaled service starts within its bounds (the validator warns when clamped).
      replicas: n.autoscale ? Math.min(n.autoscale.max, Math.max(n.autoscale.min, declared)) : declared,
      cpus: n.cpus,
      background: n.background,
      autoscale: n.autoscale,
    };
  },
  validate(n, ctx) {
    const { at, err, warn } = ctx;
    if (n.memory !== undefined) {
      const m = n.memory;
      const figures = { fit: workersThatFit(m), limit: m.limit, base: m.base ?? 0, perWorker: m.perWorker };
      if (n.workers === undefined) err([...at, 'workers'], 'memoryWorkersUnlimited', figures);
      else if (n.workers > figures.fit) err([...at, 'workers'], 'memoryWorkersDoNotFit', { ...figures, workers: n.workers });
    }
    if (n.autoscale !== undefined) {
      const a = n.autoscale;
      ctx.checkAutoscale(n, ctx.index);
      if (n.replicas !== undefined && (n.replicas < a.min || n.replicas > a.max)) {
        const below = n.replicas < a.min;
        warn([...at, 'replicas'], 'replicasOutsideAutoscale', { replicas: n.replicas, below, limit: below ? a.min : a.max, start: Math.min(Math.max(n.replicas, a.min), a.max) });
      }
    }
  },
  // Own work waits for a CPU.
  resultExtras: (_n, avg) => ({ cpuWaitTime: avg('cpuWaitTime') }),
};
