/** The source kind: where requests come from (an open arrival process or closed users), by class mix and rate profile. */
import type { SourceNode } from '../schema';
import { valueLimits } from '../valueLimits';
import { noExtras, plainParams, type KindModule } from './types';

function round(x: number): string {
  return String(Math.round(x * 1e6) / 1e6);
}

export const sourceKind: KindModule<SourceNode> = {
  kind: 'source',
  station: 'source',
  source: true,
  broker: false,
  replicated: false,
  defaults: { timeout: Infinity },
  color: '#0f9f8f',
  spanAttributes: [],
  cpuColumn: false,
  workField: null,
  capacityFields: [],
  groups: () => 1,
  peakReplicas: () => 1,
  compile: (n) => ({ ...plainParams(n, undefined), source: n }),
  validate(n, { at, err, unconnected, checkClass, outgoing, hasDefaultClass }) {
    if (outgoing.length === 0) unconnected('errors', at, 'sourceMakesNoCalls', n.id);
    if (n.mix !== undefined) {
      for (const c of Object.keys(n.mix)) checkClass([...at, 'mix', c], c);
      const total = Object.values(n.mix).reduce((a, b) => a + b, 0);
      if (Math.abs(total - 1) > 1e-6) err([...at, 'mix'], 'mixNotOne', { total: round(total) });
    } else if (!hasDefaultClass) {
      err(at, 'sourceNeedsMix', {}, n.id);
    }
    if (n.profile !== undefined) {
      if (n.arrival.process === 'closed') {
        // The profile scales the user count; past the users bound the run would hold more users than a file may ask for directly.
        const peak = Math.max(...n.profile.map((p) => p.scale)) * n.arrival.users;
        if (Math.round(peak) > valueLimits.users.max) err([...at, 'profile'], 'closedProfileTooManyUsers', { users: Math.round(peak), max: valueLimits.users.max });
      }
      n.profile.forEach((p, k) => {
        const prev = k > 0 ? n.profile?.[k - 1] : undefined;
        if (prev !== undefined && p.at < prev.at) err([...at, 'profile', k, 'at'], 'profilePointOutOfOrder', { previous: prev.at });
      });
    }
  },
  resultExtras: noExtras,
};
