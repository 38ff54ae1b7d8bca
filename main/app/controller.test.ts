import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { EVENT } from '../../contract/channels';
import { en, zhCN, type MenuLocale } from '../menu/strings';
import { createNodeFs } from '../platform/nodeFs';
import type { EditorWindowPort, MenuPort, NativeEdit } from '../platform/ports';
import { createAutosaveStore } from '../services/autosave';
import { createDocumentService } from '../services/documents';
import { createExporter } from '../services/exporter';
import { createRecentFiles } from '../services/recentFiles';
import { createSettingsStore } from '../services/settings';
import { fakeDialogs, fakeLogger } from '../testing/fakes';
import { useTmpDirs } from '../testing/tmpdir';
import { AppController, type WindowEntry } from './controller';
import { LanguagePreference, settingsLanguageMemory } from './language';

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

/** Records every menu installed, reduced to its labels: the top level and each submenu's. */
class FakeMenu implements MenuPort {
  installed: MenuItemConstructorOptions[][] = [];
  setApplicationMenu(template: MenuItemConstructorOptions[]): void {
    this.installed.push(template);
  }
  /** Labels of the last menu, as `Top › Item` paths (visible items only). */
  labels(): string[] {
    const walk = (items: MenuItemConstructorOptions[], prefix: string): string[] =>
      items.flatMap((item) => {
        if (item.visible === false || item.type === 'separator') return [];
        const path = prefix ? `${prefix} › ${item.label}` : String(item.label);
        return [path, ...(Array.isArray(item.submenu) ? walk(item.submenu, path) : [])];
      });
    return walk(this.installed.at(-1) ?? [], '');
  }
}

async function setup(options: { system?: MenuLocale; settingsFile?: string } = {}) {
  const dir = await makeDir();
  const fs = createNodeFs();
  const logger = fakeLogger();
  const { dialogs, openAnswers, saveAnswers, unsavedAnswers } = fakeDialogs();
  const recent = createRecentFiles({ fs, file: join(dir, 'recent.json'), os: { add: vi.fn(), clear: vi.fn() }, logger, caseInsensitive: false });
  const settings = options.settingsFile ? createSettingsStore({ fs, file: options.settingsFile, logger }) : null;
  const language = new LanguagePreference(() => options.system ?? 'en', settings ? await settingsLanguageMemory(settings, logger) : undefined);
  const menu = new FakeMenu();
  // As in index.ts: the services learn of recent-list changes through the controller.
  let controllerRef: AppController | null = null;
  const onRecentChanged = (paths: readonly string[]) => controllerRef?.recentChanged(paths);
  const documents = createDocumentService({ fs, dialogs, recent, logger, strings: language.strings, documentsDir: dir, onRecentChanged });
  const exporter = createExporter({ fs, dialogs, pdf: { render: async () => new Uint8Array() }, strings: language.strings, documentsDir: dir });
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
    menu,
    platform: 'linux',
    isDev: false,
    logger,
    language,
    systemLocale: () => 'zh-CN',
    newSlot: () => `slot${++slots}`,
    quit,
  });
  controllerRef = controller;
  const ctx = (win: FakeWindow): WindowEntry => controller.contextFor(win.webContentsId)!;
  return {
    dir, autosaveDir, controller, windows, dialogs, openAnswers, saveAnswers, unsavedAnswers, quit, ctx, logger, menu, recent,
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

describe('AppController: the language the user picked', () => {
  const lastSegment = (path: string) => path.split(' › ').at(-1)!;
  const notIn = (table: Record<string, string>, labels: string[]) => {
    const values = new Set(Object.values(table));
    return labels.map(lastSegment).filter((label) => !values.has(label));
  };

  it('rebuilds the menu in Chinese after setLanguage("zh-CN"), and back in English', async () => {
    const { controller, windows, ctx, menu } = await setup();
    controller.openWindow();
    controller.recentChanged([]);
    expect(menu.labels()).toContain('&File › Open…');
    expect(notIn(en, menu.labels())).toEqual([]);

    controller.sendHandlers['ui:setLanguage'](ctx(windows[0]!), 'zh-CN');
    expect(menu.installed).toHaveLength(2);
    expect(menu.labels()).toContain('文件(&F) › 打开…');
    expect(menu.labels()).toContain('运行(&R) › 运行仿真');
    expect(notIn(zhCN, menu.labels())).toEqual([]);

    controller.sendHandlers['ui:setLanguage'](ctx(windows[0]!), 'en');
    expect(menu.labels()).toContain('&Run › Run Simulation');
  });

  it('starts the next run’s menu in the language picked in this one (remembered in userData)', async () => {
    const settingsFile = join(await makeDir(), 'settings.json');
    const first = await setup({ system: 'en', settingsFile });
    first.controller.openWindow();
    first.controller.sendHandlers['ui:setLanguage'](first.ctx(first.windows[0]!), 'zh-CN');
    await vi.waitFor(async () => expect(JSON.parse(await readFile(settingsFile, 'utf8'))).toMatchObject({ version: 1, language: 'zh-CN' }));

    const second = await setup({ system: 'en', settingsFile });
    second.controller.openWindow();
    second.controller.recentChanged([]);
    // No window has reported its language in this run: the menu comes from the settings file.
    expect(second.menu.labels()).toContain('文件(&F) › 打开…');
    expect(second.logger.warn).not.toHaveBeenCalled();
  });

  it('leaves the menu alone when the language in effect does not change', async () => {
    const { controller, windows, ctx, menu } = await setup({ system: 'zh-CN' });
    controller.openWindow();
    controller.recentChanged([]);
    controller.sendHandlers['ui:setLanguage'](ctx(windows[0]!), 'zh-CN');
    expect(menu.installed).toHaveLength(1);
    // The pick wins over the system language.
    controller.sendHandlers['ui:setLanguage'](ctx(windows[0]!), 'en');
    expect(menu.installed).toHaveLength(2);
    expect(menu.labels()).toContain('&File › Save As…');
  });

  it('keeps the recent files through a language change, and menu clicks still act', async () => {
    const { controller, windows, ctx, menu, dir } = await setup();
    const path = join(dir, 'plan.headroom.json');
    // Only a file the editor can open enters Recent.
    await writeFile(path, await readFile(new URL('../../assets/examples/fastapi-stack.headroom.json', import.meta.url), 'utf8'));
    controller.openWindow();
    await controller.openPaths([path]);
    expect(menu.labels()).toContain('&File › Open Recent › plan.headroom.json');
    controller.sendHandlers['ui:setLanguage'](ctx(windows[0]!), 'zh-CN');
    expect(menu.labels()).toContain('文件(&F) › 最近打开 › plan.headroom.json');

    const file = menu.installed.at(-1)![0]!.submenu as MenuItemConstructorOptions[];
    const run = (menu.installed.at(-1)![2]!.submenu as MenuItemConstructorOptions[]).find((item) => item.id === 'run:start')!;
    (run.click as () => void)();
    expect(windows[0]!.sent.at(-1)).toEqual([EVENT.menuCommand, 'run:start']);
    const clear = (file.find((item) => item.id === 'file:openRecent')!.submenu as MenuItemConstructorOptions[]).at(-1)!;
    (clear.click as () => void)();
    await vi.waitFor(() => expect(menu.labels()).toContain('文件(&F) › 最近打开 › 没有最近的文件'));
  });

  it('asks about unsaved changes and reports file errors in the picked language', async () => {
    const { controller, windows, ctx, dialogs, unsavedAnswers, dir } = await setup();
    controller.openWindow();
    const win = windows[0]!;
    controller.sendHandlers['ui:setLanguage'](ctx(win), 'zh-CN');

    await controller.openPaths([join(dir, 'gone.headroom.json')]);
    expect(dialogs.showError).toHaveBeenCalledWith(1, { title: 'Headroom', message: '“gone.headroom.json”已不存在。' });

    controller.sendHandlers['doc:setDirty'](ctx(win), true, '');
    unsavedAnswers.push('cancel');
    controller.onCloseAttempt(win.id);
    await flush();
    expect(dialogs.askUnsaved.mock.calls[0]![1]).toEqual({
      message: '是否保存对“未命名”的更改？',
      detail: zhCN['dialog.unsaved.detail'],
      save: '保存',
      discard: '不保存',
      cancel: '取消',
    });
  });

  it('is one preference for the whole app: the last window to pick wins', async () => {
    const { controller, windows, ctx, menu } = await setup();
    controller.openWindow();
    controller.openWindow();
    controller.recentChanged([]);
    controller.sendHandlers['ui:setLanguage'](ctx(windows[0]!), 'zh-CN');
    controller.sendHandlers['ui:setLanguage'](ctx(windows[1]!), 'en');
    expect(notIn(en, menu.labels())).toEqual([]);
  });
});
