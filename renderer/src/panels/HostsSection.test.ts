import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../../simulation/model/schema';
import { removeHost, renameHost } from './HostsSection';

const doc = (): Scenario =>
  ({
    format: 'headroom/scenario',
    version: 1,
    name: 't',
    nodes: [
      { id: 'app', label: 'app', position: { x: 0, y: 0 }, kind: 'service', work: { dist: 'constant', value: 0.01 }, host: 'pod' },
      { id: 'side', label: 'side', position: { x: 0, y: 0 }, kind: 'service', work: { dist: 'constant', value: 0.01 }, host: 'pod' },
      { id: 'db', label: 'db', position: { x: 0, y: 0 }, kind: 'database', latency: { dist: 'constant', value: 0.01 }, host: 'vm' },
    ],
    edges: [],
    run: { duration: 10 },
    hosts: [
      { id: 'pod', cpus: 2 },
      { id: 'vm', cpus: 4 },
    ],
  }) as Scenario;

const hostOf = (d: Scenario, id: string) => {
  const n = d.nodes.find((x) => x.id === id)!;
  return 'host' in n ? n.host : undefined;
};

describe('host edits', () => {
  it('renaming a host renames every node’s reference to it, and only those', () => {
    const d = doc();
    renameHost(d, 'pod', 'pod-a');
    expect(d.hosts!.map((h) => h.id)).toEqual(['pod-a', 'vm']);
    expect([hostOf(d, 'app'), hostOf(d, 'side'), hostOf(d, 'db')]).toEqual(['pod-a', 'pod-a', 'vm']);
    renameHost(d, 'vm', '');
    expect(hostOf(d, 'db')).toBe('vm');
  });
  it('removing a host takes its nodes off it; the last one removes the list', () => {
    const d = doc();
    removeHost(d, 'pod');
    expect(hostOf(d, 'app')).toBeUndefined();
    expect(hostOf(d, 'db')).toBe('vm');
    removeHost(d, 'vm');
    expect(d.hosts).toBeUndefined();
  });
});
