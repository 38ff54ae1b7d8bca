import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createNodeFs } from '../platform/nodeFs';
import { useTmpDirs } from '../testing/tmpdir';
import { createRecentFiles, MAX_RECENT_FILES } from './recentFiles';

const makeDir = useTmpDirs();

async function setup(caseInsensitive = false) {
  const dir = await makeDir();
  const file = join(dir, 'recent-files.json');
  const os = { add: vi.fn(), clear: vi.fn() };
  const logger = { warn: vi.fn(), error: vi.fn() };
  const recent = createRecentFiles({ fs: createNodeFs(), file, os, logger, caseInsensitive });
  return { dir, file, os, logger, recent };
}

describe('recent files', () => {
  it('starts empty when no list exists yet', async () => {
    const { recent, logger } = await setup();
    expect(await recent.list()).toEqual([]);
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('puts the newest first and deduplicates', async () => {
    const { recent, os } = await setup();
    await recent.add('/d/a.headroom.json');
    await recent.add('/d/b.headroom.json');
    await recent.add('/d/a.headroom.json');
    expect(await recent.list()).toEqual(['/d/a.headroom.json', '/d/b.headroom.json']);
    expect(os.add).toHaveBeenCalledTimes(3);
  });

  it('deduplicates case-insensitively where the file system is', async () => {
    const { recent } = await setup(true);
    await recent.add('/D/Plan.headroom.json');
    await recent.add('/d/plan.headroom.json');
    expect(await recent.list()).toEqual(['/d/plan.headroom.json']);
  });

  it(`keeps at most ${MAX_RECENT_FILES}`, async () => {
    const { recent } = await setup();
    for (let i = 0; i < 15; i++) await recent.add(`/d/f${i}.headroom.json`);
    const list = await recent.list();
    expect(list).toHaveLength(MAX_RECENT_FILES);
    expect(list[0]).toBe('/d/f14.headroom.json');
    expect(list.at(-1)).toBe('/d/f5.headroom.json');
  });

  it('loses nothing when adds race', async () => {
    const { recent } = await setup();
    await Promise.all(['/a', '/b', '/c', '/d'].map((p) => recent.add(p)));
    expect((await recent.list()).sort()).toEqual(['/a', '/b', '/c', '/d']);
  });

  it('survives corrupt JSON and a wrong shape, then recovers on the next add', async () => {
    const { recent, file, logger } = await setup();
    await writeFile(file, '{not json');
    expect(await recent.list()).toEqual([]);
    await writeFile(file, JSON.stringify({ version: 1, paths: [42] }));
    expect(await recent.list()).toEqual([]);
    expect(logger.warn).toHaveBeenCalledTimes(2);
    await recent.add('/d/a.headroom.json');
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ version: 1, paths: ['/d/a.headroom.json'] });
  });

  it('removes and clears, leaving no temp files', async () => {
    const { recent, os, dir } = await setup();
    await recent.add('/d/a');
    await recent.add('/d/b');
    expect(await recent.remove('/d/a')).toEqual(['/d/b']);
    await recent.clear();
    expect(await recent.list()).toEqual([]);
    expect(os.clear).toHaveBeenCalledOnce();
    expect(await readdir(dir)).toEqual(['recent-files.json']);
  });
});
