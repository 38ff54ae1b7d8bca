/**
 * Where a menu command goes. Edit commands act on whatever has focus: in a text field
 * they must be the native editing command (so typing, IMEs and the text clipboard
 * behave as everywhere else); on the canvas they are the renderer's to handle.
 */
import type { MenuCommand } from '../../contract/bridge';
import type { NativeEdit } from '../platform/ports';

const NATIVE: Partial<Record<MenuCommand, NativeEdit>> = {
  'edit:undo': 'undo',
  'edit:redo': 'redo',
  'edit:cut': 'cut',
  'edit:copy': 'copy',
  'edit:paste': 'paste',
  'edit:delete': 'delete',
  'edit:selectAll': 'selectAll',
};

/** A routing decision. */
export type CommandRoute = { kind: 'native'; edit: NativeEdit } | { kind: 'renderer'; command: MenuCommand };

/** Routes `command` given whether an editable element has focus in the window. */
export function routeCommand(command: MenuCommand, editableFocused: boolean): CommandRoute {
  const native = NATIVE[command];
  if (native && editableFocused) return { kind: 'native', edit: native };
  return { kind: 'renderer', command };
}
