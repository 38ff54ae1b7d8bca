import { readdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createNodeFs } from '../platform/nodeFs';
import { useTmpDirs } from '../testing/tmpdir';
import { STALE_TEMP_AGE_MS, tempPathFor } from './atomicWrite';
import { createAutosaveStore } from './autosave';

const makeDir = useTmpDirs();

async function setup() {
  const root = await makeDir();
  const dir = join(root, 'autosave');
  let clock = Date.parse('2030-01-01T00:00:00Z');
  const logger = { warn: vi.fn(), error: vi.fn() };
  const make = () =>
    createAutosaveStore({ fs: createNodeFs(), dir, logger, now: () => new Date((clock += 1000)) });
  return { dir, logger, make };
}

describe('autosave', () => {
  it('round-trips after a crash: a new process offers the orphan once, clear deletes it', async () => {
    const { dir, make } = await setup();
    const before = make();
    await before.write('win-a', '{"nodes":[]}', 'flash-sale.headroom.json');

    const after = make();
    const work = await after.recover('win-b', new Set(['win-b']));
    expect(work).toMatchObject({ text: '{"nodes":[]}', name: 'flash-sale.headroom.json' });
    expect(work?.savedAt).toMatch(/^2030-01-01T00:00:01/);
    expect(await after.recover('win-c', new Set(['win-b', 'win-c']))).toBeNull();

    await after.clear('win-b');
    expect(await readdir(dir)).toEqual([]);
  });

  it('removes the temp files of autosaves a kill cut short when the next window starts, and keeps a save in progress', async () => {
    const { dir, logger } = await setup();
    const store = createAutosaveStore({ fs: createNodeFs(), dir, logger });
    await store.write('win-a', 'kept', 'a.headroom.json');
    const killed = tempPathFor(join(dir, 'win-a.json'), '0123456789ab');
    const inProgress = tempPathFor(join(dir, 'win-b.json'), 'ba9876543210');
    await writeFile(killed, 'half a sav');
    await writeFile(inProgress, 'being writ');
    const old = (Date.now() - STALE_TEMP_AGE_MS - 5_000) / 1000;
    await utimes(killed, old, old);

    const next = createAutosaveStore({ fs: createNodeFs(), dir, logger });
    expect((await next.recover('win-c', new Set(['win-c'])))?.text).toBe('kept');
    expect((await readdir(dir)).sort()).toEqual([inProgress.slice(dir.length + 1), 'win-a.json'].sort());
  });

  it('offers the newest orphan and never a live window’s slot', async () => {
    const { make } = await setup();
    const old = make();
    await old.write('old1', 'first', 'a');
    await old.write('old2', 'second', 'b');
    await old.write('live', 'mine', 'c');
    const store = make();
    expect((await store.recover('fresh', new Set(['live', 'fresh'])))?.text).toBe('second');
  });

  it('drops the adopted orphan once the adopting window writes its own autosave', async () => {
    const { dir, make } = await setup();
    await make().write('orphan', 'old work', 'x');
    const store = make();
    await store.recover('w1', new Set(['w1']));
    await store.write('w1', 'old work, edited', 'x');
    expect(await readdir(dir)).toEqual(['w1.json']);
  });

  it('gives a reloaded window its own slot back', async () => {
    const { make } = await setup();
    const store = make();
    await store.write('w1', 'mine', 'x');
    expect((await store.recover('w1', new Set(['w1'])))?.text).toBe('mine');
  });

  it('returns null with no autosave folder, and skips corrupt slots', async () => {
    const { dir, make, logger } = await setup();
    const store = make();
    expect(await store.recover('w', new Set())).toBeNull();
    await store.write('good', 'ok', 'n');
    await writeFile(join(dir, 'bad.json'), '{"version":1,');
    await writeFile(join(dir, 'notes.txt'), 'ignored');
    expect((await make().recover('w', new Set(['w'])))?.text).toBe('ok');
    expect(logger.warn).toHaveBeenCalledOnce();
  });

  it('rejects slot ids that could escape the folder', async () => {
    const { make } = await setup();
    await expect(make().write('../evil', 't', 'n')).rejects.toThrow(/invalid autosave slot/);
  });
});
