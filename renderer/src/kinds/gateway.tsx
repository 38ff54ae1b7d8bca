/** One entry in front of several backends: a latency of its own and an optional rate limit. */
import { CapacitySection } from '../fields/CapacitySection';
import { LimitedSection } from '../fields/NodeFields';
import type { KindViewSpec } from './types';

export const gatewayView: KindViewSpec<'gateway'> = {
  kind: 'gateway',
  // One entry fanning out to several backends.
  icon: [
    { tag: 'rect', x: 2.5, y: 9.5, width: 5, height: 5, rx: 1.2 },
    { tag: 'path', d: 'M7.5 12h3.5M11 12l4-5.5h2.5M11 12h6.5M11 12l4 5.5h2.5' },
    { tag: 'circle', cx: 19.5, cy: 6.5, r: 1.8, fill: true },
    { tag: 'circle', cx: 19.5, cy: 12, r: 1.8, fill: true },
    { tag: 'circle', cx: 19.5, cy: 17.5, r: 1.8, fill: true },
  ],
  idBase: 'gateway',
  create: (base) => ({ ...base, kind: 'gateway', latency: { dist: 'constant', value: 0.001 } }),
  summary: (n, { capacity, mean, rateLimit }) => [capacity(n.replicas, n.workers), mean(n.latency), rateLimit(n.rateLimit)],
  Sections: function GatewaySections(p) {
    return (
      <>
        <CapacitySection node={p.node} scenario={p.scenario} at={p.at} set={p.set} err={p.err} host={{ value: p.node.host }} />
        <LimitedSection latency={p.node.latency} latencyRequired={false} rateLimit={p.node.rateLimit} classes={p.classes} at={p.at} set={p.set} err={p.err} />
      </>
    );
  },
};
