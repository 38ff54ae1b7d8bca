/**
 * Runs that cannot finish are refused before they start (exit 1), naming the field to
 * change, in the language of --lang; the same files within budget still run.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { build, edge, exponential, poissonSource, service } from '../helpers/build';
import { headroom, scratch } from '../helpers/cli';

const tmp = scratch();
afterAll(() => tmp.remove());

// Every value is within its own bound; only the product is too much: 1e6 requests/s for 30 days, 1,000 times.
const huge = build({
  name: 'huge',
  nodes: [poissonSource('users', 1_000_000), service('svc', exponential(0.000001), { replicas: 10, workers: 1000 })],
  edges: [edge('users', 'svc')],
  run: { duration: 2_592_000, replications: 1000 },
});

describe('run budget', () => {
  it('refuses a plausible-but-huge run with exit 1 before it starts, naming the fields to change', () => {
    const started = Date.now();
    const p = headroom(['run', tmp.file('huge.headroom.json', huge), '--json', '-']);
    expect(p.status).toBe(1);
    expect(p.stdout).toBe('');
    expect(p.stderr).toMatch(/events/);
    expect(p.stderr).toContain('run.duration');
    expect(p.stderr).toContain('run.replications');
    // Refused, not run: far less than the days the run would take (the bundle may be rebuilt first).
    expect(Date.now() - started).toBeLessThan(120_000);
  });

  it('says it in Chinese under --lang zh-CN', () => {
    const p = headroom(['run', tmp.file('huge-zh.headroom.json', huge), '--lang', 'zh-CN']);
    expect(p.status).toBe(1);
    expect(p.stderr).toMatch(/请缩短运行时长/);
  });

  it('runs the same model once it is cut down', () => {
    const p = headroom(['run', tmp.file('huge.headroom.json', huge), '--set', 'run.duration=1', '--set', 'run.replications=1', '--set', 'nodes.users.arrival.rate=100']);
    expect(p.stderr).toBe('');
    expect(p.status).toBe(0);
  });
});
