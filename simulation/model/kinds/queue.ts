/** The queue kind: a broker that holds messages for its subscribers, with a capacity and Kafka-style partitions. */
import type { QueueNode } from '../schema';
import { plainParams, type KindModule } from './types';

export const queueKind: KindModule<QueueNode> = {
  kind: 'queue',
  station: 'queue',
  source: false,
  broker: true,
  replicated: false,
  defaults: { capacity: Infinity, partitions: 0, partitionSkew: 0 },
  color: '#d4457f',
  spanAttributes: [['messaging.system', 'headroom']],
  cpuColumn: false,
  workField: 'latency',
  capacityFields: ['capacity'],
  imported: { toFill: ['capacity'], node: (base, latency) => ({ ...base, kind: 'queue', latency }) },
  groups: () => 1,
  peakReplicas: () => 1,
  compile: (n) => ({ ...plainParams(n, n.latency), capacity: n.capacity ?? Infinity, partitions: n.partitions ?? 0, partitionSkew: n.partitionSkew ?? 0 }),
  validate(n, { at, warn, outgoing }) {
    if (outgoing.length === 0) warn(at, 'queueWithoutSubscribers', {}, n.id);
  },
  resultExtras: (_n, avg) => ({ backlog: avg('queueLength') }),
};
