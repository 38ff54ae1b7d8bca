import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { EVENT } from '../ipc/channels';
import type { NativeEdit } from '../menu/routeCommand';
import { en } from '../menu/strings';
import { createNodeFs } from '../platform/nodeFs';
import { createAutosaveStore } from '../services/autosave';
import { createDocumentService } from '../services/documents';
import { createExporter } from '../services/exporter';
import { createRecentFiles } from '../services/recentFiles';
import { fakeDialogs, fakeLogger } from '../testing/fakes';
import { useTmpDirs } from '../testing/tmpdir';
import { AppController, type EditorWindowPort, type WindowEntry } from './controller';

const makeDir = useTmpDirs();
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

class FakeWindow implements EditorWindowPort {
  sent: [string, unknown][] = [];
  edits: NativeEdit[] = [];
  closed = 0;
  alive = true;
  focused = 0;
  edited = false;
  constructor(
    readonly id: number,
    readonly webContentsId: number,
  ) {}
  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload]);
  }
  isRendererAlive(): boolean {
    return this.alive;
  }
  focus(): void {
    this.focused++;
  }
  close(): void {
    this.closed++;
  }
  edit(command: NativeEdit): void {
    this.edits.push(command);
  }
  setDocumentEdited(edited: boolean): void {
    this.edited = edited;
  }
}

async function setup() {
  const dir = await makeDir();
  const fs = createNodeFs();
  const logger = fakeLogger();
  const { dialogs, openAnswers, saveAnswers, unsavedAnswers } = fakeDialogs();
  const recent = createRecentFiles({ fs, file: join(dir, 'recent.json'), os: { add: vi.fn(), clear: vi.fn() }, logger, caseInsensitive: false });
  const onRecentChanged = vi.fn();
  const documents = createDocumentService({ fs, dialogs, recent, logger, strings: () => en, documentsDir: dir, onRecentChanged });
  const exporter = createExporter({ fs, dialogs, pdf: { render: async () => new Uint8Array() }, strings: () => en, documentsDir: dir });
  const autosaveDir = join(dir, 'autosave');
  const autosave = createAutosaveStore({ fs, dir: autosaveDir, logger });
  const windows: FakeWindow[] = [];
  let focusedId: number | null = null;
  let slots = 0;
  const quit = vi.fn();
  const controller = new AppController({
    host: {
      createWindow: () => {
        const win = new FakeWindow(windows.length + 1, 100 + windows.length + 1);
        windows.push(win);
        focusedId = win.id;
        return win;
      },
      focusedWindowId: () => focusedId,
    },
    documents,
    exporter,
    autosave,
    recent,
    dialogs,
    logger,
    strings: () => en,
    systemLocale: () => 'zh-CN',
    newSlot: () => `slot${++slots}`,
    quit,
    onRecentChanged,
  });
  const ctx = (win: FakeWindow): WindowEntry => controller.contextFor(win.webContentsId)!;
  return {
    dir, autosaveDir, controller, windows, dialogs, openAnswers, saveAnswers, unsavedAnswers, quit, ctx, logger,
    focus: (id: number | null) => void (focusedId = id),
  };
}

describe('AppController: closing with unsaved changes', () => {
  it('closes clean windows at once', async () => {
    const { controller, dialogs } = await setup();
    const { port } = controller.openWindow();
    expect(controller.onCloseAttempt(port.id)).toBe(true);
    expect(dialogs.askUnsaved).not.toHaveBeenCalled();
  });

  it('Cancel keeps the window open and cancels a quit', async () => {
    const { controller, windows, unsavedAnswers, ctx, quit, dialogs } = await setup();
    controller.openWindow();
    const win = windows[0]!;
    controller.sendHandlers['doc:setDirty'](ctx(win), true, 'shop.headroom.json');
    expect(win.edited).toBe(true);
    controller.beforeQuit();
    unsavedAnswers.push('cancel');
    expect(controller.onCloseAttempt(win.id)).toBe(false);
    // A second close while the prompt is up does not stack another prompt.
    expect(controller.onCloseAttempt(win.id)).toBe(false);
    await flush();
    expect(dialogs.askUnsaved).toHaveBeenCalledOnce();
    expect(dialogs.askUnsaved.mock.calls[0]![1].message).toBe('Do you want to save the changes you made to shop.headroom.json?');
    expect(win.closed).toBe(0);
    expect(quit).not.toHaveBeenCalled();
  });

  it("Don't Save closes, continues the quit and drops the autosave", async () => {
    const { controller, windows, unsavedAnswers, ctx, quit, autosaveDir } = await setup();
    controller.openWindow();
    const win = windows[0]!;
    await controller.invokeHandlers['autosave:write'](ctx(win), 'work', 'x');
    controller.sendHandlers['doc:setDirty'](ctx(win), true, 'x');
    controller.beforeQuit();
    unsavedAnswers.push('discard');
    controller.onCloseAttempt(win.id);
    await flush();
    expect(win.closed).toBe(1);
    expect(quit).toHaveBeenCalledOnce();
    expect(controller.onCloseAttempt(win.id)).toBe(true);
    controller.onClosed(win.id);
    await flush();
    expect(await readdir(autosaveDir)).toEqual([]);
  });

  it('Save asks the renderer to save, waits, then closes', async () => {
    const { controller, windows, unsavedAnswers, ctx } = await setup();
    controller.openWindow();
    const win = windows[0]!;
    controller.sendHandlers['doc:setDirty'](ctx(win), true, 'x');
    unsavedAnswers.push('save');
    controller.onCloseAttempt(win.id);
    await flush();
    const [channel, requestId] = win.sent.at(-1)!;
    expect(channel).toBe(EVENT.closeRequest);
    expect(win.closed).toBe(0);
    controller.sendHandlers['close:answer'](ctx(win), requestId as string, true);
    await flush();
    expect(win.closed).toBe(1);
  });

  it('stays open when the renderer could not save, and when it crashes meanwhile', async () => {
    const { controller, windows, unsavedAnswers, ctx } = await setup();
    controller.openWindow();
    const win = windows[0]!;
    controller.sendHandlers['doc:setDirty'](ctx(win), true, 'x');
    unsavedAnswers.push('save', 'save');
    controller.onCloseAttempt(win.id);
    await flush();
    controller.sendHandlers['close:answer'](ctx(win), win.sent.at(-1)![1] as string, false);
    await flush();
    expect(win.closed).toBe(0);
    controller.onCloseAttempt(win.id);
    await flush();
    controller.onRendererGone(win.id);
    await flush();
    expect(win.closed).toBe(0);
  });

  it('lets a crashed window close without asking and keeps its autosave for recovery', async () => {
    const { controller, windows, ctx, dialogs, autosaveDir } = await setup();
    controller.openWindow();
    const win = windows[0]!;
    await controller.invokeHandlers['autosave:write'](ctx(win), 'rescue me', 'plan');
    controller.sendHandlers['doc:setDirty'](ctx(win), true, 'plan');
    win.alive = false;
    expect(controller.onCloseAttempt(win.id)).toBe(true);
    controller.onClosed(win.id);
    await flush();
    expect(dialogs.askUnsaved).not.toHaveBeenCalled();
    expect(await readdir(autosaveDir)).toEqual(['slot1.json']);

    const next = controller.openWindow();
    const entry = ctx(windows[1]!);
    expect(entry).toBe(next);
    expect(await controller.invokeHandlers['autosave:load'](entry)).toMatchObject({ text: 'rescue me', name: 'plan' });
  });
});

describe('AppController: opening files from outside', () => {
  it('opens in the focused window when it has nothing unsaved, else in a new one', async () => {
    const { controller, windows, dir, ctx } = await setup();
    const a = join(dir, 'a.headroom.json');
    const b = join(dir, 'b.headroom.json');
    await writeFile(a, 'A');
    await writeFile(b, 'B');
    controller.openWindow();
    await controller.openPaths([a]);
    expect(windows).toHaveLength(1);
    expect(windows[0]!.sent.at(-1)).toEqual([EVENT.openRequest, expect.objectContaining({ name: 'a.headroom.json', text: 'A' })]);
    controller.sendHandlers['doc:setDirty'](ctx(windows[0]!), true, 'a.headroom.json');
    await controller.openPaths([b]);
    expect(windows).toHaveLength(2);
    expect(windows[1]!.sent.at(-1)).toEqual([EVENT.openRequest, expect.objectContaining({ text: 'B' })]);
  });

  it('reports files that cannot be opened', async () => {
    const { controller, dialogs, dir } = await setup();
    controller.openWindow();
    await controller.openPaths([join(dir, 'gone.headroom.json')]);
    expect(dialogs.showError).toHaveBeenCalledWith(1, { title: 'Headroom', message: '“gone.headroom.json” no longer exists.' });
  });
});

describe('AppController: menu and IPC', () => {
  it('routes edit commands natively in text fields and to the renderer elsewhere', async () => {
    const { controller, windows, ctx } = await setup();
    controller.openWindow();
    const win = windows[0]!;
    controller.menuCommand('edit:copy');
    controller.sendHandlers['ui:editableFocus'](ctx(win), true);
    controller.menuCommand('edit:copy');
    controller.menuCommand('run:start');
    expect(win.sent).toEqual([
      [EVENT.menuCommand, 'edit:copy'],
      [EVENT.menuCommand, 'run:start'],
    ]);
    expect(win.edits).toEqual(['copy']);
  });

  it('opens a window for New and Open when none is left (macOS)', async () => {
    const { controller, windows, focus, openAnswers, dir } = await setup();
    focus(null);
    controller.menuCommand('file:new');
    expect(windows).toHaveLength(1);
    const path = join(dir, 'c.headroom.json');
    await writeFile(path, 'C');
    openAnswers.push(path);
    focus(null);
    controller.menuCommand('file:open');
    expect(windows).toHaveLength(2);
    await vi.waitFor(() => expect(windows[1]!.sent).toEqual([[EVENT.openRequest, expect.objectContaining({ text: 'C' })]]));
  });

  it('knows only its own windows and answers the locale', async () => {
    const { controller, ctx, windows } = await setup();
    controller.openWindow();
    expect(controller.contextFor(999)).toBeNull();
    expect(await controller.invokeHandlers['app:getSystemLocale'](ctx(windows[0]!))).toBe('zh-CN');
  });

  it('ignores close answers for requests it never made', async () => {
    const { controller, windows, ctx, logger } = await setup();
    controller.openWindow();
    controller.sendHandlers['close:answer'](ctx(windows[0]!), 'made-up', true);
    expect(logger.warn).toHaveBeenCalledWith('stray close answer');
    expect(windows[0]!.closed).toBe(0);
  });
});
