/**
 * Runs the real command line (`bin/headroom.mjs`, which rebuilds its bundle when a
 * source changed) in a child process, and gives each test a scratch directory.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(projectRoot, 'bin/headroom.mjs');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `nodeArgs` go to node before the script: `--max-old-space-size=120` bounds the heap a command may use. */
export function headroom(args: readonly string[], options: { nodeArgs?: readonly string[] } = {}): CliResult {
  const p = spawnSync(process.execPath, [...(options.nodeArgs ?? []), bin, ...args], {
    cwd: projectRoot,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 180_000,
    // Not a terminal: no progress line (and no colour) is expected.
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (p.error) throw p.error;
  return { status: p.status, stdout: p.stdout, stderr: p.stderr };
}

export interface Scratch {
  dir: string;
  /** Writes `content` (JSON-encoded unless a string) to `name` in the scratch directory. */
  file(name: string, content: unknown): string;
  remove(): void;
}

export function scratch(): Scratch {
  const dir = mkdtempSync(join(tmpdir(), 'headroom-test-'));
  return {
    dir,
    file(name, content) {
      const path = join(dir, name);
      writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
