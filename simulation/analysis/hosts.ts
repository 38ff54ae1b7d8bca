/**
 * Shared hosts' utilization (issue 10 §5): busy CPUs ÷ CPUs of each host over all its
 * copies, time-averaged over the measured window, per replication and then averaged with a
 * Student-t interval, as the nodes' utilizations are.
 *
 * A node on a host holds one of the host's CPUs exactly while it holds one of its own
 * (simulation/engine/hosts.ts), so the host's busy-CPU area is the sum of its nodes'
 * busy-CPU areas and needs nothing from the engine's loop.
 */
import type { CompiledModel } from '../engine/compile';
import type { HostResult, Interval } from '../model/result';
import type { ReplicationTally } from '../stats/tally';
import { mean } from '../stats/studentT';

/** The `hosts` block of the result, or undefined when the scenario has no host. */
export function hostResults(model: CompiledModel, reps: readonly ReplicationTally[], ci: (values: number[]) => Interval): Record<string, HostResult> | undefined {
  if (model.hosts.length === 0) return undefined;
  const out: Record<string, HostResult> = {};
  model.hosts.forEach((h, index) => {
    const on = model.nodes.filter((n) => n.host === index);
    const capacity = (t: ReplicationTally) => h.cpus * h.replicas * t.measured;
    const share = (t: ReplicationTally, area: number) => (capacity(t) > 0 ? area / capacity(t) : 0);
    const perRep = reps.map((t) => share(t, on.reduce((s, n) => s + t.nodes[n.index]!.busyCpusArea, 0)));
    const nodes: Record<string, number> = {};
    for (const n of on) nodes[n.id] = mean(reps.map((t) => share(t, t.nodes[n.index]!.busyCpusArea)));
    out[h.id] = { cpus: h.cpus, replicas: h.replicas, utilization: mean(perRep), utilizationCi: ci(perRep), nodes };
  });
  return out;
}
