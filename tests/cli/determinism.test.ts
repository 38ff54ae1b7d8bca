/**
 * The same file and seed give the same result document, byte for byte, run after run
 * and with any number of worker threads (`--no-timing` zeroes the wall-clock
 * figures, the only ones allowed to differ). A different seed gives other numbers.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { headroom } from '../helpers/cli';

// The flash sale has every node kind but a database of shards, classes, a rate limit,
// a pool, async calls to a broker, timeouts and retries; shortened for the test.
const example = 'assets/examples/flash-sale.headroom.json';
const short = ['--duration', '20', '--warmup', '5', '--replications', '4', '--no-timing', '--json', '-'];

function run(extra: string[]): string {
  const p = headroom(['run', example, ...short, ...extra]);
  expect(p.status, p.stderr).toBe(0);
  return p.stdout;
}

describe('determinism', () => {
  let one = '';
  beforeAll(() => {
    one = run(['--threads', '1']);
  });

  it('is valid JSON with the wall-clock figures zeroed', () => {
    const doc = JSON.parse(one) as { stats: { wallSeconds: number; eventsPerSecond: number; events: number }; run: { replications: number } };
    expect(doc.stats.wallSeconds).toBe(0);
    expect(doc.stats.eventsPerSecond).toBe(0);
    expect(doc.stats.events).toBeGreaterThan(0);
    expect(doc.run.replications).toBe(4);
  });

  it('gives identical bytes on a second run', () => {
    expect(run(['--threads', '1'])).toBe(one);
  });

  it('gives identical bytes with two threads', () => {
    expect(run(['--threads', '2'])).toBe(one);
  });

  it('gives other numbers with another seed', () => {
    const other = run(['--threads', '2', '--seed', '2']);
    expect(other).not.toBe(one);
    const a = JSON.parse(one) as { summary: { latency: { mean: number } } };
    const b = JSON.parse(other) as { summary: { latency: { mean: number } } };
    expect(b.summary.latency.mean).not.toBe(a.summary.latency.mean);
  });

  it('a seed set with --set equals the same seed set with --seed', () => {
    expect(run(['--threads', '2', '--set', 'run.seed=2'])).toBe(run(['--threads', '1', '--seed', '2']));
  });
});
