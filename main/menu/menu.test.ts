import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { MENU_COMMANDS } from '../../contract/bridge';
import { buildMenuTemplate, commandSpecs, type MenuActions, type MenuState } from './buildMenuTemplate';
import { routeCommand } from './routeCommand';
import { en, format, resolveMenuLocale, STRING_TABLES, stripMnemonic, zhCN } from './strings';

const PLATFORMS = ['darwin', 'win32', 'linux'] as const;

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

function build(overrides: Partial<MenuState> = {}) {
  const actions: MenuActions = { command: vi.fn(), openRecent: vi.fn(), clearRecent: vi.fn() };
  const state: MenuState = { platform: 'linux', strings: en, recent: [], isDev: false, ...overrides };
  const template = buildMenuTemplate(state, actions);
  return { template, items: flatten(template), actions };
}

const click = (item: MenuItemConstructorOptions | undefined): void =>
  (item?.click as (() => void) | undefined)?.();

describe('buildMenuTemplate', () => {
  it.each(PLATFORMS)('has every command exactly once as a visible item on %s, and clicking sends it', (platform) => {
    const { items, actions } = build({ platform });
    for (const command of MENU_COMMANDS) {
      const visible = items.filter((item) => item.id === command);
      expect(visible, command).toHaveLength(1);
      click(visible[0]);
      expect(actions.command).toHaveBeenLastCalledWith(command);
    }
  });

  it.each(PLATFORMS)('gives every command a standard accelerator on %s (Delete is never captured)', (platform) => {
    const specs = commandSpecs(platform);
    const { items } = build({ platform });
    for (const command of MENU_COMMANDS) {
      const item = items.find((i) => i.id === command)!;
      if (command === 'edit:delete') {
        expect(item.accelerator === undefined || item.registerAccelerator === false).toBe(true);
        continue;
      }
      // Import is rare enough to need no key, and every free one is taken by convention (Ctrl+I: italics, Ctrl+Shift+I: developer tools).
      if (command === 'file:import') {
        expect(item.accelerator ?? null).toBeNull();
        continue;
      }
      expect(item.accelerator, command).toBe(specs[command].accelerator);
      expect(item.accelerator).toBeTruthy();
      expect(item.registerAccelerator).toBeUndefined();
    }
  });

  it('uses the agreed shortcuts', () => {
    const accel = (platform: NodeJS.Platform, id: string) =>
      build({ platform })
        .items.filter((i) => i.id === id || i.id?.startsWith(`${id}#`))
        .map((i) => i.accelerator);
    expect(accel('win32', 'run:start')).toEqual(['F5', 'CmdOrCtrl+R', 'CmdOrCtrl+Enter']);
    expect(accel('darwin', 'run:start')).toEqual(['CmdOrCtrl+R', 'F5', 'CmdOrCtrl+Enter']);
    expect(accel('linux', 'run:cancel')).toEqual(['Shift+F5', 'CmdOrCtrl+.']);
    expect(accel('linux', 'file:save')).toEqual(['CmdOrCtrl+S']);
    expect(accel('linux', 'file:saveAs')).toEqual(['Shift+CmdOrCtrl+S']);
    expect(accel('win32', 'edit:redo')).toEqual(['Ctrl+Y', 'Shift+Ctrl+Z']);
    expect(accel('darwin', 'edit:redo')).toEqual(['Shift+CmdOrCtrl+Z']);
    expect(accel('linux', 'view:zoomIn')).toContain('CmdOrCtrl+=');
    expect(accel('linux', 'view:fit')[0]).toBe('CmdOrCtrl+0');
  });

  it.each(PLATFORMS)('never binds one accelerator twice on %s', (platform) => {
    const { items } = build({ platform, isDev: true });
    const bound = items
      .filter((i) => i.accelerator && i.registerAccelerator !== false)
      .map((i) => String(i.accelerator).toLowerCase().replace('cmdorctrl', platform === 'darwin' ? 'cmd' : 'ctrl'));
    expect(new Set(bound).size).toBe(bound.length);
  });

  it('keeps hidden alternates working when hidden', () => {
    const { items } = build({ platform: 'darwin' });
    const hidden = items.filter((i) => i.visible === false);
    expect(hidden.length).toBeGreaterThan(0);
    for (const item of hidden) expect(item.acceleratorWorksWhenHidden).toBe(true);
  });

  it('lists recent files, opens them by path and can clear them', () => {
    const recent = [
      { path: '/home/me/a&b.headroom.json', label: 'a&b.headroom.json' },
      { path: '/home/me/c.headroom.json', label: 'c.headroom.json' },
    ];
    const { template, actions } = build({ recent });
    const submenu = flatten(template).find((i) => i.id === 'file:openRecent')!.submenu as MenuItemConstructorOptions[];
    expect(submenu[0]!.label).toBe('a&&b.headroom.json');
    click(submenu[1]);
    expect(actions.openRecent).toHaveBeenCalledWith('/home/me/c.headroom.json');
    click(submenu.at(-1));
    expect(actions.clearRecent).toHaveBeenCalled();
  });

  it('shows a disabled placeholder when nothing was opened yet', () => {
    const { items } = build();
    const placeholder = items.find((i) => i.label === en['menu.file.noRecent']);
    expect(placeholder?.enabled).toBe(false);
  });

  it('follows platform conventions: app menu on macOS, Exit in File elsewhere', () => {
    expect(build({ platform: 'darwin' }).template[0]!.label).toBe('Headroom');
    expect(build({ platform: 'darwin' }).template[1]!.label).toBe('File');
    const win = build({ platform: 'win32' });
    expect(win.template[0]!.label).toBe('&File');
    expect(win.items.some((i) => i.role === 'quit')).toBe(true);
  });

  it('adds developer items only in development, without stealing Ctrl+R', () => {
    expect(build().items.some((i) => i.role === 'toggleDevTools')).toBe(false);
    const reload = build({ isDev: true }).items.find((i) => i.role === 'reload');
    expect(reload?.accelerator).not.toMatch(/^CmdOrCtrl\+R$/);
  });

  it('speaks Chinese when asked', () => {
    const { items } = build({ strings: zhCN, platform: 'darwin' });
    expect(items.find((i) => i.id === 'run:start')?.label).toBe('运行仿真');
    expect(items.find((i) => i.label === '文件')).toBeDefined();
  });
});

describe('string tables', () => {
  const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  it('have the same keys in both languages, none empty, same placeholders', () => {
    for (const table of Object.values(STRING_TABLES)) {
      expect(Object.keys(table).sort()).toEqual(Object.keys(en).sort());
      for (const [key, value] of Object.entries(table)) {
        expect(value.trim(), key).not.toBe('');
        expect(placeholders(value), key).toEqual(placeholders(en[key as keyof typeof en]));
      }
    }
  });

  it('label every command in both languages', () => {
    for (const platform of PLATFORMS) {
      for (const spec of Object.values(commandSpecs(platform))) {
        expect(en[spec.label]).toBeTruthy();
        expect(zhCN[spec.label]).toBeTruthy();
      }
    }
  });

  it('resolve the locale from the preferred languages', () => {
    expect(resolveMenuLocale(['zh-CN', 'en-US'])).toBe('zh-CN');
    expect(resolveMenuLocale(['zh-Hans-CN'])).toBe('zh-CN');
    expect(resolveMenuLocale(['zh_TW'])).toBe('zh-CN');
    expect(resolveMenuLocale(['fr-FR', 'zh-CN'])).toBe('zh-CN');
    expect(resolveMenuLocale(['en-GB', 'zh-CN'])).toBe('en');
    expect(resolveMenuLocale(['de-DE'])).toBe('en');
    expect(resolveMenuLocale([])).toBe('en');
  });

  it('format placeholders and strip mnemonics', () => {
    expect(format(en['dialog.unsaved.message'], { name: 'plan' })).toBe('Do you want to save the changes you made to plan?');
    expect(stripMnemonic('&File')).toBe('File');
    expect(stripMnemonic('文件(&F)')).toBe('文件');
  });
});

describe('routeCommand', () => {
  it('sends edit commands to the native editor while a text field has focus', () => {
    expect(routeCommand('edit:copy', true)).toEqual({ kind: 'native', edit: 'copy' });
    expect(routeCommand('edit:selectAll', true)).toEqual({ kind: 'native', edit: 'selectAll' });
    expect(routeCommand('edit:undo', false)).toEqual({ kind: 'renderer', command: 'edit:undo' });
  });

  it('always sends non-edit commands to the renderer', () => {
    for (const command of MENU_COMMANDS.filter((c) => !c.startsWith('edit:'))) {
      expect(routeCommand(command, true)).toEqual({ kind: 'renderer', command });
    }
  });
});
