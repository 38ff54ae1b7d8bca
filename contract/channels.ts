/**
 * IPC channel names, shared by main and the preload. Kept apart from ipc.ts so
 * the preload bundle carries plain strings and no schema library.
 */

/** Renderer → main request/response channels (`ipcRenderer.invoke`). */
export const INVOKE = {
  open: 'doc:open',
  openRecent: 'doc:openRecent',
  listRecent: 'recent:list',
  save: 'doc:save',
  autosave: 'autosave:write',
  loadAutosave: 'autosave:load',
  clearAutosave: 'autosave:clear',
  getSystemLocale: 'app:getSystemLocale',
  exportFile: 'export:file',
  exportPdf: 'export:pdf',
} as const;

/** Renderer → main one-way messages (`ipcRenderer.send`). */
export const SEND = {
  setDirty: 'doc:setDirty',
  answerCloseRequest: 'close:answer',
  editableFocus: 'ui:editableFocus',
  setLanguage: 'ui:setLanguage',
} as const;

/** Main → renderer events (`webContents.send`). */
export const EVENT = {
  menuCommand: 'menu:command',
  openRequest: 'doc:openRequest',
  closeRequest: 'close:saveRequest',
} as const;

/** Any renderer → main request channel. */
export type InvokeChannel = (typeof INVOKE)[keyof typeof INVOKE];
/** Any renderer → main one-way channel. */
export type SendChannel = (typeof SEND)[keyof typeof SEND];
/** Any main → renderer event channel. */
export type EventChannel = (typeof EVENT)[keyof typeof EVENT];
