/**
 * One registry of user actions. The toolbar, the keyboard shortcuts and the
 * host's menu all look actions up here, so a command behaves the same whichever
 * way it is invoked.
 */
import type { TFunction } from 'i18next';
import type { ReactFlowInstance } from '@xyflow/react';
import type { HostBridge, MenuCommand } from '../../../contract/bridge';
import type { Stores } from '../stores/context';
import type { SimClient } from '../sim/simClient';
import type { LanguageSwitch } from '../i18n/languageSwitch';

export interface ActionContext extends LanguageSwitch {
  stores: Stores;
  bridge: HostBridge;
  sim: SimClient;
  t: TFunction;
  /** The canvas, once mounted. */
  flow: () => ReactFlowInstance | null;
}

export interface Action {
  id: string;
  /** i18n key of the label. */
  labelKey: string;
  /** Shortcuts like "Mod+Z" ("Mod" is ⌘ on macOS, Ctrl elsewhere). */
  shortcuts?: string[];
  /** Host menu command that triggers it. */
  menu?: MenuCommand;
  /**
   * Shortcuts the renderer binds even in Electron. There the menu owns the keys of
   * its commands, except these: ones its item only displays, or does not have.
   */
  keysInElectron?: string[];
  /** Whether the shortcut also fires while typing in a text field. */
  inInputs?: boolean;
  enabled?(ctx: ActionContext): boolean;
  perform(ctx: ActionContext): void | Promise<void>;
}

export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** "Mod+Shift+Z" for the event, or null for a plain key with no action meaning. */
export function shortcutOf(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'> & { code?: string }): string {
  const parts: string[] = [];
  if (isMac ? e.metaKey : e.ctrlKey) parts.push('Mod');
  if (e.altKey) parts.push('Alt');
  if (e.shiftKey) parts.push('Shift');
  // With Shift a digit key reports its symbol ("!" on US layouts, something else elsewhere); "Shift+1" names the key.
  const digit = e.shiftKey && e.code ? /^Digit(\d)$/.exec(e.code)?.[1] : undefined;
  const key = digit ?? (e.key.length === 1 ? e.key.toUpperCase() : e.key);
  parts.push(key === '+' || key === '=' ? '=' : key);
  return parts.join('+');
}

/**
 * Whether the renderer binds this shortcut of this action. In Electron the menu
 * owns the keys of its commands (binding them again would run them twice), except
 * the ones listed in `keysInElectron`.
 */
export function rendererBinds(action: Action, shortcut: string, platform: 'electron' | 'web'): boolean {
  return platform !== 'electron' || !action.menu || (action.keysInElectron?.includes(shortcut) ?? false);
}

/** Human form of a shortcut for tooltips and menus. */
export function displayShortcut(shortcut: string): string {
  return shortcut
    .split('+')
    .map((p) => (p === 'Mod' ? (isMac ? '⌘' : 'Ctrl') : p === 'Shift' ? (isMac ? '⇧' : 'Shift') : p === 'Alt' ? (isMac ? '⌥' : 'Alt') : p === '=' ? '+' : p))
    .join(isMac ? '' : '+');
}

export class ActionRegistry {
  private readonly actions = new Map<string, Action>();

  register(...actions: Action[]): this {
    for (const a of actions) this.actions.set(a.id, a);
    return this;
  }

  get(id: string): Action | undefined {
    return this.actions.get(id);
  }

  all(): Action[] {
    return [...this.actions.values()];
  }

  byShortcut(shortcut: string): Action | undefined {
    return this.all().find((a) => a.shortcuts?.includes(shortcut));
  }

  byMenu(command: MenuCommand): Action | undefined {
    return this.all().find((a) => a.menu === command);
  }

  async run(id: string, ctx: ActionContext): Promise<boolean> {
    const a = this.actions.get(id);
    if (!a || (a.enabled && !a.enabled(ctx))) return false;
    await a.perform(ctx);
    return true;
  }
}
