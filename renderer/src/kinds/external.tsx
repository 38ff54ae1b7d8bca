/** Somebody else's system: a required latency, an optional rate limit, never on one of our hosts. */
import { CapacitySection } from '../fields/CapacitySection';
import { LimitedSection } from '../fields/NodeFields';
import type { KindViewSpec } from './types';

export const externalView: KindViewSpec<'external'> = {
  kind: 'external',
  // A cloud: somebody else's system.
  icon: [{ tag: 'path', d: 'M7 19h10.5a4 4 0 0 0 .6-7.95A6 6 0 0 0 6.6 10.4 4.3 4.3 0 0 0 7 19z' }],
  idBase: 'external',
  create: (base) => ({ ...base, kind: 'external', latency: { dist: 'exponential', mean: 0.1 } }),
  summary: (n, { capacity, mean, rateLimit }) => [capacity(n.replicas, n.workers), mean(n.latency), rateLimit(n.rateLimit)],
  Sections: function ExternalSections(p) {
    return (
      <>
        <CapacitySection node={p.node} scenario={p.scenario} at={p.at} set={p.set} err={p.err} host={null} />
        <LimitedSection latency={p.node.latency} latencyRequired rateLimit={p.node.rateLimit} classes={p.classes} at={p.at} set={p.set} err={p.err} />
      </>
    );
  },
};
