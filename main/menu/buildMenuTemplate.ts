/**
 * The application menu as pure data. Items carry the renderer's command ids and
 * standard accelerators; clicks go to injected actions, so the whole template is
 * tested in Node (electron is only imported for types, which are erased).
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../contract/bridge';
import { stripMnemonic, type StringKey, type Strings } from './strings';

/** What the menu shows. */
export interface MenuState {
  platform: NodeJS.Platform;
  strings: Strings;
  /** Recent files, newest first. */
  recent: readonly { path: string; label: string }[];
  /** Adds Reload and DevTools. */
  isDev: boolean;
}

/** What menu clicks do; supplied by the composition root. */
export interface MenuActions {
  command(command: MenuCommand): void;
  openRecent(path: string): void;
  clearRecent(): void;
}

/** Label and shortcuts of one command item. */
export interface CommandSpec {
  label: StringKey;
  /** Shown in the menu and registered, unless `displayOnly`. Null: no shortcut. */
  accelerator: string | null;
  /** Extra shortcuts for the same command, registered through hidden items. */
  alternates: string[];
  /** Shown but not registered (Windows/Linux), so the key still reaches text fields. */
  displayOnly?: boolean;
}

/** The shortcut table: platform conventions (F5 on Windows/Linux, ⌘R on macOS for Run). */
export function commandSpecs(platform: NodeJS.Platform): Record<MenuCommand, CommandSpec> {
  const mac = platform === 'darwin';
  return {
    'file:new': { label: 'menu.file.new', accelerator: 'CmdOrCtrl+N', alternates: [] },
    'file:open': { label: 'menu.file.open', accelerator: 'CmdOrCtrl+O', alternates: [] },
    'file:save': { label: 'menu.file.save', accelerator: 'CmdOrCtrl+S', alternates: [] },
    'file:saveAs': { label: 'menu.file.saveAs', accelerator: 'Shift+CmdOrCtrl+S', alternates: [] },
    'file:import': { label: 'menu.file.import', accelerator: null, alternates: [] },
    'file:export': { label: 'menu.file.export', accelerator: 'CmdOrCtrl+E', alternates: [] },
    'edit:undo': { label: 'menu.edit.undo', accelerator: 'CmdOrCtrl+Z', alternates: [] },
    'edit:redo': mac
      ? { label: 'menu.edit.redo', accelerator: 'Shift+CmdOrCtrl+Z', alternates: [] }
      : { label: 'menu.edit.redo', accelerator: 'Ctrl+Y', alternates: ['Shift+Ctrl+Z'] },
    'edit:cut': { label: 'menu.edit.cut', accelerator: 'CmdOrCtrl+X', alternates: [] },
    'edit:copy': { label: 'menu.edit.copy', accelerator: 'CmdOrCtrl+C', alternates: [] },
    'edit:paste': { label: 'menu.edit.paste', accelerator: 'CmdOrCtrl+V', alternates: [] },
    // A bare Delete/Backspace must keep working in text fields and IME composition,
    // so it is never captured by the menu; the renderer handles the key itself.
    'edit:delete': mac
      ? { label: 'menu.edit.delete', accelerator: null, alternates: [] }
      : { label: 'menu.edit.delete', accelerator: 'Delete', alternates: [], displayOnly: true },
    'edit:selectAll': { label: 'menu.edit.selectAll', accelerator: 'CmdOrCtrl+A', alternates: [] },
    'run:start': mac
      ? { label: 'menu.run.start', accelerator: 'CmdOrCtrl+R', alternates: ['F5', 'CmdOrCtrl+Enter'] }
      : { label: 'menu.run.start', accelerator: 'F5', alternates: ['CmdOrCtrl+R', 'CmdOrCtrl+Enter'] },
    'run:cancel': mac
      ? { label: 'menu.run.cancel', accelerator: 'CmdOrCtrl+.', alternates: ['Shift+F5'] }
      : { label: 'menu.run.cancel', accelerator: 'Shift+F5', alternates: ['CmdOrCtrl+.'] },
    'view:zoomIn': { label: 'menu.view.zoomIn', accelerator: 'CmdOrCtrl+Plus', alternates: ['CmdOrCtrl+=', 'CmdOrCtrl+numadd'] },
    'view:zoomOut': { label: 'menu.view.zoomOut', accelerator: 'CmdOrCtrl+-', alternates: ['CmdOrCtrl+numsub'] },
    'view:fit': { label: 'menu.view.fit', accelerator: 'CmdOrCtrl+0', alternates: ['CmdOrCtrl+num0'] },
  };
}

/** Builds the full menu template for `state`. */
export function buildMenuTemplate(state: MenuState, actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = state.platform === 'darwin';
  const t = (key: StringKey): string => (mac ? stripMnemonic(state.strings[key]) : state.strings[key]);
  const specs = commandSpecs(state.platform);
  const sep: MenuItemConstructorOptions = { type: 'separator' };

  const item = (command: MenuCommand): MenuItemConstructorOptions[] => {
    const spec = specs[command];
    const click = (): void => actions.command(command);
    const primary: MenuItemConstructorOptions = { id: command, label: t(spec.label), click };
    if (spec.accelerator) primary.accelerator = spec.accelerator;
    if (spec.displayOnly) primary.registerAccelerator = false;
    const hidden = spec.alternates.map<MenuItemConstructorOptions>((accelerator) => ({
      id: `${command}#${accelerator}`,
      label: t(spec.label),
      accelerator,
      visible: false,
      acceleratorWorksWhenHidden: true,
      click,
    }));
    return [primary, ...hidden];
  };

  const recentItems: MenuItemConstructorOptions[] =
    state.recent.length === 0
      ? [{ label: t('menu.file.noRecent'), enabled: false }]
      : state.recent.map((entry) => ({
          // A file name's "&" would be taken as a mnemonic marker on Windows/Linux.
          label: mac ? entry.label : entry.label.replace(/&/g, '&&'),
          toolTip: entry.path,
          click: () => actions.openRecent(entry.path),
        }));

  const fileMenu: MenuItemConstructorOptions = {
    label: t('menu.file'),
    submenu: [
      ...item('file:new'),
      ...item('file:open'),
      {
        id: 'file:openRecent',
        label: t('menu.file.openRecent'),
        submenu: [
          ...recentItems,
          sep,
          { label: t('menu.file.clearRecent'), enabled: state.recent.length > 0, click: () => actions.clearRecent() },
        ],
      },
      sep,
      ...item('file:save'),
      ...item('file:saveAs'),
      ...item('file:import'),
      ...item('file:export'),
      sep,
      mac
        ? { role: 'close', label: t('menu.file.close') }
        : { role: 'quit', label: t('menu.file.quit'), ...(state.platform === 'linux' ? { accelerator: 'Ctrl+Q' } : {}) },
    ],
  };

  const editMenu: MenuItemConstructorOptions = {
    label: t('menu.edit'),
    submenu: [
      ...item('edit:undo'),
      ...item('edit:redo'),
      sep,
      ...item('edit:cut'),
      ...item('edit:copy'),
      ...item('edit:paste'),
      ...item('edit:delete'),
      sep,
      ...item('edit:selectAll'),
    ],
  };

  const runMenu: MenuItemConstructorOptions = {
    label: t('menu.run'),
    submenu: [...item('run:start'), ...item('run:cancel')],
  };

  const viewMenu: MenuItemConstructorOptions = {
    label: t('menu.view'),
    submenu: [
      ...item('view:zoomIn'),
      ...item('view:zoomOut'),
      ...item('view:fit'),
      sep,
      { role: 'togglefullscreen', label: t('menu.view.fullscreen') },
      ...(state.isDev
        ? [
            sep,
            // Reload's default Ctrl+R belongs to Run.
            { role: 'reload', label: t('menu.view.reload'), accelerator: 'Shift+CmdOrCtrl+F5' } as const,
            { role: 'toggleDevTools', label: t('menu.view.devtools') } as const,
          ]
        : []),
    ],
  };

  const windowMenu: MenuItemConstructorOptions = {
    label: t('menu.window'),
    // On macOS the role adds the list of open windows.
    ...(mac ? { role: 'windowMenu' as const } : {}),
    submenu: mac
      ? [
          { role: 'minimize', label: t('menu.window.minimize') },
          { role: 'zoom', label: t('menu.window.zoom') },
          sep,
          { role: 'front', label: t('menu.window.front') },
        ]
      : [
          { role: 'minimize', label: t('menu.window.minimize') },
          { role: 'close', label: t('menu.file.close') },
        ],
  };

  if (mac) {
    const appMenu: MenuItemConstructorOptions = {
      label: 'Headroom',
      submenu: [
        { role: 'about', label: t('app.about') },
        sep,
        { role: 'services', label: t('app.services') },
        sep,
        { role: 'hide', label: t('app.hide') },
        { role: 'hideOthers', label: t('app.hideOthers') },
        { role: 'unhide', label: t('app.showAll') },
        sep,
        { role: 'quit', label: t('app.quit') },
      ],
    };
    return [appMenu, fileMenu, editMenu, runMenu, viewMenu, windowMenu];
  }
  const helpMenu: MenuItemConstructorOptions = {
    label: t('menu.help'),
    submenu: [{ role: 'about', label: t('menu.help.about') }],
  };
  return [fileMenu, editMenu, runMenu, viewMenu, windowMenu, helpMenu];
}
