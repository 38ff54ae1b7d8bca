import { chmod, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { en } from '../menu/strings';
import { createNodeFs } from '../platform/nodeFs';
import type { FsPort } from '../platform/ports';
import { fakeDialogs, fakeLogger } from '../testing/fakes';
import { useTmpDirs } from '../testing/tmpdir';
import { createDocumentService } from './documents';
import { createRecentFiles } from './recentFiles';
import { WindowState } from './windowState';

const makeDir = useTmpDirs();
const shopText = await readFile(join(import.meta.dirname, '../../simulation/model/fixtures/shop.headroom.json'), 'utf8');

async function setup(fs: FsPort = createNodeFs()) {
  const dir = await makeDir();
  const docs = join(dir, 'Documents');
  await rm(docs, { recursive: true, force: true });
  await createNodeFs().mkdirp(docs);
  const { dialogs, openAnswers, saveAnswers } = fakeDialogs();
  const os = { add: vi.fn(), clear: vi.fn() };
  const recent = createRecentFiles({ fs, file: join(dir, 'recent.json'), os, logger: fakeLogger(), caseInsensitive: false });
  const onRecentChanged = vi.fn();
  const service = createDocumentService({
    fs,
    dialogs,
    recent,
    logger: fakeLogger(),
    strings: () => en,
    documentsDir: docs,
    onRecentChanged,
  });
  return { dir, docs, dialogs, openAnswers, saveAnswers, recent, service, onRecentChanged, win: new WindowState(1, 'slot1') };
}

describe('document service', () => {
  it('opens through main’s dialog and hands out an opaque handle, never the path', async () => {
    const { docs, service, win, openAnswers, dialogs, onRecentChanged } = await setup();
    const path = join(docs, 'shop.headroom.json');
    await writeFile(path, shopText);
    openAnswers.push(path);
    const opened = await service.open(win);
    expect(opened).toEqual({ handle: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/), name: 'shop.headroom.json', text: shopText });
    expect(JSON.stringify(opened)).not.toContain(docs);
    expect(dialogs.showOpen).toHaveBeenCalledWith(1, expect.objectContaining({ title: en['dialog.open.title'] }));
    expect(win.handles.pathOf(opened!.handle!)).toBe(path);
    expect(win.documentPath).toBe(path);
    expect(onRecentChanged).toHaveBeenCalledWith([path]);
  });

  it('hands over a file the editor will refuse, but does not list it as recent', async () => {
    const { docs, service, win, openAnswers, recent, onRecentChanged } = await setup();
    for (const [name, text] of [['notes.json', 'not json {'], ['other.json', '{"version":1}']] as const) {
      const path = join(docs, name);
      await writeFile(path, text);
      openAnswers.push(path);
      expect((await service.open(win))?.text).toBe(text);
    }
    expect(onRecentChanged).not.toHaveBeenCalled();
    expect(await recent.list()).toEqual([]);
  });

  it('returns null when the open dialog is cancelled', async () => {
    const { service, win } = await setup();
    expect(await service.open(win)).toBeNull();
  });

  it('saves back to the same file by handle, atomically, without a dialog', async () => {
    const { docs, service, win, openAnswers, dialogs } = await setup();
    const path = join(docs, 'shop.headroom.json');
    await writeFile(path, 'old');
    openAnswers.push(path);
    const opened = (await service.open(win))!;
    const saved = await service.save(win, { text: 'new', handle: opened.handle, saveAs: false, suggestedName: 'ignored' });
    expect(saved).toEqual({ handle: opened.handle, name: 'shop.headroom.json' });
    expect(await readFile(path, 'utf8')).toBe('new');
    expect(dialogs.showSave).not.toHaveBeenCalled();
    expect(await readdir(docs)).toEqual(['shop.headroom.json']);
  });

  it('asks where to save untitled work, suggesting a safe scenario name', async () => {
    const { docs, service, win, saveAnswers, dialogs } = await setup();
    saveAnswers.push(join(docs, 'chosen.headroom.json'));
    const saved = await service.save(win, { text: '{}', handle: null, saveAs: false, suggestedName: '../../etc/Flash: sale' });
    expect(saved?.name).toBe('chosen.headroom.json');
    const { defaultPath } = dialogs.showSave.mock.calls[0]![1];
    expect(defaultPath).toBe(join(docs, '-..-etc-Flash- sale.headroom.json'));
    expect(await readFile(join(docs, 'chosen.headroom.json'), 'utf8')).toBe('{}');
  });

  it('Save As always asks, starting next to the current file', async () => {
    const { dir, service, win, saveAnswers, openAnswers, dialogs } = await setup();
    const path = join(dir, 'shop.headroom.json');
    await writeFile(path, 'x');
    openAnswers.push(path);
    const opened = (await service.open(win))!;
    saveAnswers.push(null);
    expect(await service.save(win, { text: 'y', handle: opened.handle, saveAs: true, suggestedName: 'copy' })).toBeNull();
    expect(dialogs.showSave.mock.calls[0]![1].defaultPath).toBe(join(dir, 'copy.headroom.json'));
    expect(await readFile(path, 'utf8')).toBe('x');
  });

  it('rejects handles the window was never given', async () => {
    const { service, win } = await setup();
    const other = new WindowState(2, 'slot2');
    const token = other.handles.tokenFor('/etc/passwd');
    await expect(service.save(win, { text: 'x', handle: token, saveAs: false, suggestedName: 'x' })).rejects.toThrow(
      'unknown document handle',
    );
    await expect(service.openRecent(win, token)).rejects.toThrow('unknown recent file');
  });

  const errno = (code: string) => Object.assign(new Error(code), { code });
  const failingWrite = (real: FsPort): FsPort => ({
    ...real,
    async createExclusive(path) {
      const handle = await real.createExclusive(path);
      return { ...handle, writeFile: async () => Promise.reject(errno('ENOSPC')) };
    },
  });
  const readOnlyFolder = (real: FsPort): FsPort => ({ ...real, createExclusive: async () => Promise.reject(errno('EACCES')) });
  it.each([
    ['a full disk (ENOSPC)', failingWrite, 'the disk is full'],
    ['a read-only folder (EACCES)', readOnlyFolder, 'permission denied (the folder or the file may be read-only)'],
  ])('keeps the original file intact on %s, with a message naming the file', async (_, inject, reason) => {
    const { docs, service, win, openAnswers } = await setup(inject(createNodeFs()));
    const path = join(docs, 'shop.headroom.json');
    await writeFile(path, 'precious');
    openAnswers.push(path);
    const opened = (await service.open(win))!;
    await expect(service.save(win, { text: 'new', handle: opened.handle, saveAs: false, suggestedName: '' })).rejects.toThrow(
      `Could not save “shop.headroom.json”: ${reason}. The file on disk was not changed.`,
    );
    expect(await readFile(path, 'utf8')).toBe('precious');
    expect(await readdir(docs)).toEqual(['shop.headroom.json']);
  });

  it('lists recent files as handles and drops one that has gone missing', async () => {
    const { docs, service, win, recent, onRecentChanged } = await setup();
    const a = join(docs, 'a.headroom.json');
    const b = join(docs, 'b.headroom.json');
    await writeFile(a, 'A');
    await recent.add(a);
    await recent.add(b);
    const list = await service.listRecent(win);
    expect(list.map((r) => r.name)).toEqual(['b.headroom.json', 'a.headroom.json']);
    expect((await service.openRecent(win, list[1]!.handle))?.text).toBe('A');
    await expect(service.openRecent(win, list[0]!.handle)).rejects.toThrow('“b.headroom.json” no longer exists.');
    expect(await recent.list()).toEqual([a]);
    expect(onRecentChanged).toHaveBeenLastCalledWith([a]);
  });

  it('does not replace a read-only file without asking, and does once the user agreed', async () => {
    const { docs, service, win, openAnswers } = await setup();
    const path = join(docs, 'locked.headroom.json');
    await writeFile(path, 'precious');
    await chmod(path, 0o444);
    openAnswers.push(path);
    const opened = (await service.open(win))!;
    const refusal = await service.save(win, { text: 'new', handle: opened.handle, saveAs: false, suggestedName: '' });
    expect(refusal).toEqual({ readOnly: true, handle: opened.handle, name: 'locked.headroom.json' });
    expect(await readFile(path, 'utf8')).toBe('precious');
    const saved = await service.save(win, { text: 'new', handle: opened.handle, saveAs: false, suggestedName: '', overwriteReadOnly: true });
    expect(saved).toEqual({ handle: opened.handle, name: 'locked.headroom.json' });
    expect(await readFile(path, 'utf8')).toBe('new');
    expect((await stat(path)).mode & 0o777).toBe(0o444);
  });
});
