/**
 * Ctrl-C and SIGTERM stop the command line at once, with every worker thread, in the
 * middle of a long run on two threads, and leave no half-written output file behind.
 * The bound is loose for a loaded machine; the latency measured is about 10 ms.
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

async function interrupt(signal: NodeJS.Signals): Promise<{ afterSignalMs: number; signal: string | null; output: string }> {
  const output = join(work.dir, `${signal}.json`);
  const child = spawn(process.execPath, [join(projectRoot, 'bin/headroom.mjs'), 'run', 'assets/examples/flash-sale.headroom.json', '--replications', '64', '--threads', '2', '--json', output], {
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
  it.each(['SIGINT', 'SIGTERM'] as const)('%s stops every thread at once and writes no output file', async (signal) => {
    const r = await interrupt(signal);
    expect(r.signal).toBe(signal);
    expect(r.afterSignalMs).toBeLessThan(1_000);
    expect(existsSync(r.output)).toBe(false);
  }, 60_000);
});
