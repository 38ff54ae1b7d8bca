/**
 * {@link DialogPort} over Electron's dialog module. Dialogs are sheets of the window
 * that asked (modal on Windows/Linux) so they cannot be lost behind another window.
 */
import { BrowserWindow, dialog } from 'electron';
import type { DialogPort, UnsavedChoice } from '../platform/ports';

const CHOICES: readonly UnsavedChoice[] = ['save', 'discard', 'cancel'];

function parentOf(windowId: number | null): BrowserWindow | undefined {
  if (windowId === null) return undefined;
  const window = BrowserWindow.fromId(windowId);
  return window && !window.isDestroyed() ? window : undefined;
}

/** Creates the Electron dialog adapter. */
export function createElectronDialogs(): DialogPort {
  return {
    async showOpen(windowId, { title, filters }) {
      const parent = parentOf(windowId);
      const options: Electron.OpenDialogOptions = { title, filters, properties: ['openFile'] };
      const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },

    async showSave(windowId, { title, defaultPath, filters }) {
      const parent = parentOf(windowId);
      const options: Electron.SaveDialogOptions = {
        title,
        defaultPath,
        filters,
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },

    async askUnsaved(windowId, { message, detail, save, discard, cancel }) {
      const parent = parentOf(windowId);
      const options: Electron.MessageBoxOptions = {
        type: 'warning',
        buttons: [save, discard, cancel],
        defaultId: 0,
        cancelId: 2,
        noLink: true,
        message,
        detail,
      };
      const { response } = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
      return CHOICES[response] ?? 'cancel';
    },

    showError(windowId, { title, message }) {
      const parent = parentOf(windowId);
      const options: Electron.MessageBoxOptions = { type: 'error', title, message, buttons: ['OK'], noLink: true };
      void (parent ? dialog.showMessageBox(parent, options) : dialog.showMessageBox(options));
    },
  };
}
