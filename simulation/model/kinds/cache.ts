/** The cache kind: a lookup that hits (answers) or misses (makes the cache's calls), by a fixed hit ratio or a key space. */
import type { CacheNode } from '../schema';
import { declaredReplicas, plainParams, type KindModule } from './types';

export const cacheKind: KindModule<CacheNode> = {
  kind: 'cache',
  station: 'cache',
  source: false,
  broker: false,
  replicated: true,
  defaults: { replicas: 1, balance: 'round-robin', onError: 'fail', singleFlight: false },
  color: '#e2841a',
  spanAttributes: [['db.system', 'redis']],
  cpuColumn: false,
  workField: 'latency',
  capacityFields: ['replicas', 'workers'],
  imported: { toFill: ['replicas', 'workers'], node: (base, latency, hitRatio) => ({ ...base, kind: 'cache', replicas: 1, workers: 1, latency, hitRatio: hitRatio() }) },
  groups: () => 1,
  peakReplicas: declaredReplicas,
  compile: (n) => ({
    ...plainParams(n, n.latency),
    hitRatio: n.hitRatio,
    keyed: n.keys !== undefined ? { keys: n.keys, ttl: n.ttl, maxKeys: n.maxKeys, singleFlight: n.singleFlight } : undefined,
    bypass: n.onError === 'bypass',
  }),
  validate(n, { at, err, warn }) {
    // Refused rather than one silently overriding the other: a file with both says two different things.
    if (n.keys !== undefined && n.hitRatio !== undefined) err([...at, 'hitRatio'], 'hitRatioWithKeys', {}, n.id);
    else if (n.keys === undefined && n.hitRatio === undefined) err(at, 'cacheNeedsHitRatioOrKeys', {}, n.id);
    if (n.keys === undefined) {
      for (const field of ['ttl', 'maxKeys', 'singleFlight'] as const) if (n[field] !== undefined) err([...at, field], 'keyOptionWithoutKeys', { field });
    } else if (n.maxKeys !== undefined && n.maxKeys >= n.keys.count) warn([...at, 'maxKeys'], 'maxKeysNotBelowCount', { maxKeys: n.maxKeys, count: n.keys.count });
  },
  resultExtras: (_n, avg) => ({ hitRatio: avg('hitRatio') }),
};
