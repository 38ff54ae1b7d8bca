/**
 * HostBridge inside Electron: a thin pass-through to the preload global
 * `window.headroom`. Main owns dialogs, paths and the disk; this file only adapts
 * names, so the renderer runs unchanged against the real preload or the e2e fake.
 */
import type { HeadroomApi } from '../../../contract/api';
import type { HostBridge } from '../../../contract/bridge';

declare global {
  interface Window {
    headroom?: HeadroomApi;
  }
}

/** The Electron bridge adds main's dirty-close handshake to HostBridge. */
export interface ElectronBridge extends HostBridge {
  onCloseRequest(handler: (requestId: string) => void): () => void;
  answerCloseRequest(requestId: string, saved: boolean): void;
}

export function createElectronBridge(api: HeadroomApi): ElectronBridge {
  return {
    platform: 'electron',
    openDocument: () => api.openDocument(),
    openRecent: (handle) => api.openRecent(handle),
    listRecent: () => api.listRecent(),
    saveDocument: (request) => api.saveDocument(request),
    autosave: (text, name) => api.autosave(text, name),
    loadAutosave: () => api.loadAutosave(),
    clearAutosave: () => api.clearAutosave(),
    getSystemLocale: () => api.getSystemLocale(),
    exportFile: (request) => api.exportFile(request),
    exportPdf: (html, suggestedName) => api.exportPdf(html, suggestedName),
    setDirty: (dirty, name) => {
      api.setDirty(dirty, name);
      // The window title is ours to keep in step; main shows it in the title bar.
      document.title = `${dirty ? '• ' : ''}${name} — Headroom`;
    },
    setLanguage: (language) => api.setLanguage(language),
    onMenuCommand: (handler) => api.onMenuCommand(handler),
    onOpenRequest: (handler) => api.onOpenRequest(handler),
    onCloseRequest: (handler) => api.onCloseRequest(handler),
    answerCloseRequest: (requestId, saved) => api.answerCloseRequest(requestId, saved),
  };
}
