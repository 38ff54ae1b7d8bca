/**
 * HostBridge for a plain browser: a file picker to open, a download to save,
 * IndexedDB for the autosave (webAutosave.ts), localStorage for the recent list, the browser's languages for
 * the locale, and a print window for PDF. A download cannot write back to the
 * same file, so every save is a "save as" that keeps the chosen name.
 */
import { readScenarioText } from '../../../simulation/model/openable';
import { createPageAutosaveStore } from './webAutosave';
import type { ExportRequest, HostBridge, MenuCommand, OpenedDocument, RecentFile, SaveRequest, SavedDocument } from '../../../contract/bridge';

const recentKey = 'headroom.recent';
const recentLimit = 8;
/** Documents larger than this are listed as recent but not kept for reopening. */
const recentTextLimit = 400_000;

function readJson<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
}

function writeJson(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or disabled (private mode): autosave is best effort.
  }
}

function remember(name: string, text: string): string {
  const handle = `web:${name}`;
  const list = readJson<RecentFile[]>(recentKey, []).filter((r) => r.handle !== handle);
  writeJson(recentKey, [{ handle, name }, ...list].slice(0, recentLimit));
  if (text.length <= recentTextLimit) writeJson(`${recentKey}:${handle}`, text);
  return handle;
}

function pickFile(): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.json,.headroom.json,application/json';
    input.style.display = 'none';
    let settled = false;
    const done = (file: File | null) => {
      if (settled) return;
      settled = true;
      input.remove();
      resolve(file);
    };
    input.addEventListener('change', () => done(input.files?.[0] ?? null));
    input.addEventListener('cancel', () => done(null));
    document.body.appendChild(input);
    input.click();
  });
}

function download(name: string, data: BlobPart, mime: string): void {
  const url = URL.createObjectURL(new Blob([data], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function createWebBridge(): HostBridge {
  const openHandlers = new Set<(d: OpenedDocument) => void>();
  const menuHandlers = new Set<(c: MenuCommand) => void>();
  const autosaveStore = createPageAutosaveStore();
  return {
    platform: 'web',
    async openDocument() {
      const file = await pickFile();
      if (!file) return null;
      const text = await file.text();
      // A file the editor will refuse is not listed among the recent ones.
      return { handle: readScenarioText(text).ok ? remember(file.name, text) : `web:${file.name}`, name: file.name, text };
    },
    async openRecent(handle) {
      const item = readJson<RecentFile[]>(recentKey, []).find((r) => r.handle === handle);
      const text = readJson<string | null>(`${recentKey}:${handle}`, null);
      if (!item || text === null) return null;
      return { handle, name: item.name, text };
    },
    async listRecent() {
      return readJson<RecentFile[]>(recentKey, []);
    },
    async saveDocument(request: SaveRequest): Promise<SavedDocument | null> {
      const name = request.suggestedName.endsWith('.json') ? request.suggestedName : `${request.suggestedName}.headroom.json`;
      download(name, request.text, 'application/json');
      return { handle: remember(name, request.text), name };
    },
    autosave(text, name) {
      return autosaveStore.save({ text, name, savedAt: new Date().toISOString() });
    },
    loadAutosave() {
      return autosaveStore.load();
    },
    clearAutosave() {
      return autosaveStore.clear();
    },
    async getSystemLocale() {
      return navigator.languages?.[0] ?? navigator.language ?? 'en';
    },
    async exportFile(request: ExportRequest) {
      download(request.suggestedName, typeof request.data === 'string' ? request.data : new Uint8Array(request.data), request.mime);
      return true;
    },
    async exportPdf(html) {
      const win = window.open('', '_blank');
      if (!win) return false;
      win.document.open();
      win.document.write(html);
      win.document.close();
      win.focus();
      win.print();
      return true;
    },
    setDirty(dirty, name) {
      document.title = `${dirty ? '• ' : ''}${name} — Headroom`;
    },
    setLanguage() {
      // The browser draws no menu or dialogs of its own in our words.
    },
    onMenuCommand(handler) {
      menuHandlers.add(handler);
      return () => menuHandlers.delete(handler);
    },
    onOpenRequest(handler) {
      openHandlers.add(handler);
      return () => openHandlers.delete(handler);
    },
  };
}
