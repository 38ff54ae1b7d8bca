/**
 * Test helper: a fresh temporary directory per test, removed afterwards. Not loaded
 * by the app; only *.test.ts files import it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/** Registers cleanup and returns a function that creates a temp dir for the current test. */
export function useTmpDirs(): () => Promise<string> {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });
  return async () => {
    const dir = await mkdtemp(join(tmpdir(), 'headroom-main-'));
    dirs.push(dir);
    return dir;
  };
}
