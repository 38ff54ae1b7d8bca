import { lstat, readdir, readFile, readlink, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNodeFs } from '../platform/nodeFs';
import type { FsPort } from '../platform/ports';
import { useTmpDirs } from '../testing/tmpdir';
import { isAtomicTempName, removeStaleTemps, STALE_TEMP_AGE_MS, tempPathFor, writeFileAtomic } from './atomicWrite';

const makeDir = useTmpDirs();
const noSleep = async (): Promise<void> => undefined;

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(code), { code });
}

describe('writeFileAtomic', () => {
  it('creates a new file with exactly the content and leaves no temp file', async () => {
    const dir = await makeDir();
    const target = join(dir, 'plan.headroom.json');
    await writeFileAtomic(createNodeFs(), target, '{"a":1}\n');
    expect(await readFile(target, 'utf8')).toBe('{"a":1}\n');
    expect(await readdir(dir)).toEqual(['plan.headroom.json']);
  });

  it('replaces an existing file and keeps its permission bits', async () => {
    const dir = await makeDir();
    const target = join(dir, 'plan.headroom.json');
    await writeFile(target, 'old', { mode: 0o644 });
    await writeFileAtomic(createNodeFs(), target, new TextEncoder().encode('new bytes'));
    expect(await readFile(target, 'utf8')).toBe('new bytes');
    if (process.platform !== 'win32') expect((await stat(target)).mode & 0o777).toBe(0o644);
    expect(await readdir(dir)).toEqual(['plan.headroom.json']);
  });

  it('leaves the original intact and removes the temp file when the write fails midway', async () => {
    const dir = await makeDir();
    const target = join(dir, 'plan.headroom.json');
    await writeFile(target, 'original');
    const real = createNodeFs();
    const failing: FsPort = {
      ...real,
      async createExclusive(path) {
        const handle = await real.createExclusive(path);
        return {
          ...handle,
          async writeFile(data) {
            await handle.writeFile(typeof data === 'string' ? data.slice(0, 3) : data.slice(0, 3));
            throw errno('ENOSPC');
          },
        };
      },
    };
    await expect(writeFileAtomic(failing, target, 'a much longer replacement')).rejects.toThrow('ENOSPC');
    expect(await readFile(target, 'utf8')).toBe('original');
    expect(await readdir(dir)).toEqual(['plan.headroom.json']);
  });

  it('removes the temp file when fsync fails', async () => {
    const dir = await makeDir();
    const target = join(dir, 'x.json');
    const real = createNodeFs();
    const failing: FsPort = {
      ...real,
      async createExclusive(path) {
        const handle = await real.createExclusive(path);
        return { ...handle, sync: async () => Promise.reject(errno('EIO')) };
      },
    };
    await expect(writeFileAtomic(failing, target, 'data')).rejects.toThrow('EIO');
    expect(await readdir(dir)).toEqual([]);
  });

  it('retries a rename blocked by a transient Windows lock', async () => {
    const dir = await makeDir();
    const target = join(dir, 'x.json');
    const real = createNodeFs();
    let failures = 2;
    const sleeps: number[] = [];
    const locked: FsPort = {
      ...real,
      async rename(from, to) {
        if (failures-- > 0) throw errno(failures % 2 ? 'EBUSY' : 'EPERM');
        await real.rename(from, to);
      },
    };
    await writeFileAtomic(locked, target, 'data', { sleep: async (ms) => void sleeps.push(ms) });
    expect(await readFile(target, 'utf8')).toBe('data');
    expect(sleeps).toHaveLength(2);
  });

  it('gives up after the configured attempts, cleaning up', async () => {
    const dir = await makeDir();
    const target = join(dir, 'x.json');
    await writeFile(target, 'original');
    const real = createNodeFs();
    let calls = 0;
    const locked: FsPort = {
      ...real,
      rename: async () => {
        calls++;
        throw errno('EPERM');
      },
    };
    await expect(writeFileAtomic(locked, target, 'new', { attempts: 3, sleep: noSleep })).rejects.toThrow('EPERM');
    expect(calls).toBe(3);
    expect(await readFile(target, 'utf8')).toBe('original');
    expect(await readdir(dir)).toEqual(['x.json']);
  });

  it('does not retry errors that are not lock-related', async () => {
    const dir = await makeDir();
    const real = createNodeFs();
    let calls = 0;
    const broken: FsPort = {
      ...real,
      rename: async () => {
        calls++;
        throw errno('EXDEV');
      },
    };
    await expect(writeFileAtomic(broken, join(dir, 'x.json'), 'new', { sleep: noSleep })).rejects.toThrow('EXDEV');
    expect(calls).toBe(1);
  });

  it('names temp files recognisably, beside the target', () => {
    const temp = tempPathFor('/a/b/plan.headroom.json', 'abcdef012345');
    expect(temp).toBe(join('/a/b', '.plan.headroom.json.abcdef012345.tmp'));
    expect(isAtomicTempName('.plan.headroom.json.abcdef012345.tmp')).toBe(true);
    expect(isAtomicTempName('plan.headroom.json')).toBe(false);
  });

  it('writes a symlinked document through to its target and keeps the link a link', async () => {
    const dir = await makeDir();
    const real = join(dir, 'real.headroom.json');
    const link = join(dir, 'link.headroom.json');
    await writeFile(real, 'old');
    await symlink(real, link);
    await writeFileAtomic(createNodeFs(), link, 'new');
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe(real);
    expect(await readFile(real, 'utf8')).toBe('new');
    expect((await readdir(dir)).sort()).toEqual(['link.headroom.json', 'real.headroom.json']);
  });

  it('sweeps temp files of killed saves older than a minute, and only those', async () => {
    const dir = await makeDir();
    const stale = '.plan.headroom.json.0123456789ab.tmp';
    const fresh = '.plan.headroom.json.ba9876543210.tmp';
    const notOurs = '.plan.headroom.json.notours.tmp';
    for (const name of [stale, fresh, notOurs]) await writeFile(join(dir, name), 'partial');
    const old = (Date.now() - STALE_TEMP_AGE_MS - 5_000) / 1000;
    await utimes(join(dir, stale), old, old);
    await utimes(join(dir, notOurs), old, old);
    await writeFileAtomic(createNodeFs(), join(dir, 'plan.headroom.json'), 'new');
    expect((await readdir(dir)).sort()).toEqual([fresh, notOurs, 'plan.headroom.json'].sort());
    // A minute later the fresh one is stale too.
    expect(await removeStaleTemps(createNodeFs(), dir, Date.now() + STALE_TEMP_AGE_MS + 1_000)).toBe(1);
    expect((await readdir(dir)).sort()).toEqual([notOurs, 'plan.headroom.json'].sort());
  });

  it('keeps the old file when the folder refuses new files (EACCES)', async () => {
    const dir = await makeDir();
    const target = join(dir, 'x.json');
    await writeFile(target, 'original');
    const readOnlyDir: FsPort = { ...createNodeFs(), createExclusive: async () => Promise.reject(errno('EACCES')) };
    await expect(writeFileAtomic(readOnlyDir, target, 'new', { sleep: noSleep })).rejects.toThrow('EACCES');
    expect(await readFile(target, 'utf8')).toBe('original');
    expect(await readdir(dir)).toEqual(['x.json']);
  });
});
