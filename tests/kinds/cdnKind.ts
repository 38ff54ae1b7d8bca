/**
 * A fixture node kind, registered only by its test: a CDN edge, an edge cache in front of
 * an origin, composed from the cache station (hit: answered at the edge; miss: the
 * edge's calls go on to the origin). It is the whole simulation side of a new kind.
 */
import type { CacheNode } from '../../simulation/model/schema';
import type { KindModule } from '../../simulation/model/kinds';
import { declaredReplicas, plainParams } from '../../simulation/model/kinds/types';

/** A CDN node as a file would write it: an edge latency and the share of requests the edge answers. */
export type CdnNode = Omit<CacheNode, 'kind' | 'hitRatio' | 'latency' | 'keys'> & { kind: 'cdn'; edgeLatency: CacheNode['latency']; offload: number };

export const cdnKind: KindModule<CdnNode> = {
  kind: 'cdn',
  station: 'cache',
  source: false,
  broker: false,
  replicated: true,
  defaults: { replicas: 1, offload: 0 },
  color: '#a855f7',
  spanAttributes: [['http.cache', 'edge']],
  cpuColumn: false,
  workField: 'edgeLatency',
  capacityFields: ['replicas', 'workers'],
  groups: () => 1,
  peakReplicas: declaredReplicas,
  compile: (n) => ({ ...plainParams(n, n.edgeLatency), hitRatio: n.offload, bypass: n.onError === 'bypass' }),
  validate(n, { at, warn }) {
    if (n.offload === 0) warn([...at, 'offload'], 'cdnOffloadsNothing', {}, n.id);
  },
  resultExtras: (_n, avg) => ({ hitRatio: avg('hitRatio') }),
};
