/**
 * Ctrl-C and SIGTERM stop the command line at once, with every worker thread, in the
 * middle of a long run on two threads, and leave no half-written output file behind.
 * The bound is loose for a loaded machine; the latency measured is 17–28 ms (run and sweep,
 * 2 threads, on a machine busy with other work).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headroom, projectRoot, scratch } from '../helpers/cli';

const work = scratch();

beforeAll(() => {
  // Builds the bundle if a source is newer, so the timed runs below only simulate.
  expect(headroom(['schema']).status).toBe(0);
});
afterAll(() => work.remove());

const longWork = {
  run: ['run', 'assets/examples/flash-sale.headroom.json', '--replications', '64'],
  sweep: ['sweep', 'assets/examples/flash-sale.headroom.json', '--vary', 'nodes.shop-api.replicas=1..8', '--replications', '16'],
} as const;

async function interrupt(command: keyof typeof longWork, signal: NodeJS.Signals): Promise<{ afterSignalMs: number; signal: string | null; output: string }> {
  const output = join(work.dir, `${command}-${signal}.json`);
  const child = spawn(process.execPath, [join(projectRoot, 'bin/headroom.mjs'), ...longWork[command], '--threads', '2', '--json', output], {
    cwd: projectRoot,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, s) => resolve(s)));
  // Long enough for both worker threads to be deep in their replications.
  await new Promise((resolve) => setTimeout(resolve, 2_500));
  expect(child.exitCode, 'still running when interrupted').toBeNull();
  const sentAt = performance.now();
  child.kill(signal);
  const s = await exited;
  return { afterSignalMs: performance.now() - sentAt, signal: s, output };
}

describe('interrupting the command line', () => {
  it.each([
    ['run', 'SIGINT'],
    ['run', 'SIGTERM'],
    ['sweep', 'SIGINT'],
  ] as const)('%s: %s stops every thread at once and writes no output file', async (command, signal) => {
    const r = await interrupt(command, signal);
    expect(r.signal).toBe(signal);
    expect(r.afterSignalMs).toBeLessThan(1_000);
    expect(existsSync(r.output)).toBe(false);
  }, 60_000);
});
