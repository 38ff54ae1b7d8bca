/**
 * A disk that fills up during the run: the output path passed its check before the run,
 * then the write of the result stops making progress. The command must say so, exit 4
 * (not 0 with a truncated file, as it once did), keep the earlier file and leave no temp.
 * The disk is filled by stopping writes to the CLI's temp files in this process.
 */
import type * as NodeFs from 'node:fs';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../simulation/hosts/cli';
import { build, edge, exponential, poissonSource, service } from '../helpers/build';
import { scratch } from '../helpers/cli';

const full = vi.hoisted(() => ({ fds: new Map<number, number>(), on: false }));
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof NodeFs>();
  const openSync = (path: NodeFs.PathLike, ...rest: unknown[]): number => {
    const fd = (real.openSync as (...a: unknown[]) => number)(path, ...rest);
    if (full.on && /\.tmp$/.test(String(path))) full.fds.set(fd, 0);
    return fd;
  };
  // A full disk takes the first few bytes, then no more.
  const writeSync = (fd: number, buffer: Uint8Array, ...rest: unknown[]): number => {
    const taken = full.fds.get(fd);
    if (taken === undefined) return (real.writeSync as (...a: unknown[]) => number)(fd, buffer, ...rest);
    const [offset, length] = rest as [number | undefined, number | undefined];
    if (taken > 0) return 0;
    const n = real.writeSync(fd, buffer, offset ?? 0, Math.min(64, length ?? buffer.length));
    full.fds.set(fd, n);
    return n;
  };
  const patched = { ...real, openSync, writeSync };
  return { ...patched, default: patched };
});

const tmp = scratch();
afterAll(() => tmp.remove());

const file = tmp.file(
  'disk.headroom.json',
  build({
    nodes: [poissonSource('users', 20), service('api', exponential(0.01), { workers: 4 })],
    edges: [edge('users', 'api')],
    run: { duration: 5, warmup: 1, replications: 1, seed: 3 },
  }),
);

describe('a disk that fills during the run', () => {
  it.each(['--json', '--report'])('%s: exit 4, a message naming the path, the old file kept, no temp left', async (option) => {
    const out = join(tmp.dir, `out-${option.slice(2)}`);
    writeFileSync(out, 'the earlier result');
    let stderr = '';
    full.on = true;
    let code: number;
    try {
      code = await main(['run', file, option, out, '--threads', '1'], { stdout: () => undefined, stderr: (t) => (stderr += t), isTty: false });
    } finally {
      full.on = false;
    }
    expect(code, stderr).toBe(4);
    expect(stderr).toContain(`${option} ${out}`);
    expect(stderr).toContain('the disk is full');
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(out, 'utf8')).toBe('the earlier result');
    expect(readdirSync(tmp.dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});
