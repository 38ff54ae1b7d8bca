/**
 * The preload API: what `window.headroom` offers the renderer. Type-only, so the
 * renderer's electron bridge can `import type { HeadroomApi }` from here and be a
 * thin pass-through of HostBridge (same method names and payloads). Beyond
 * HostBridge it adds the dirty-close handshake main needs before closing a window.
 */
import type {
  AutosaveEntry,
  ExportRequest,
  MenuCommand,
  OpenedDocument,
  RecentFile,
  SavedDocument,
  SaveRequest,
  UiLanguage,
} from '../../renderer/src/bridge/types';

export type { AutosaveEntry, ExportRequest, MenuCommand, OpenedDocument, RecentFile, SavedDocument, SaveRequest, UiLanguage };

/**
 * `window.headroom`, exposed by main/preload through contextBridge. Every method is a
 * plain function (no Electron objects cross the bridge); subscriptions receive the
 * payload only and return their unsubscribe function. Requests are validated in main,
 * so a rejected promise means a bad payload or a failed operation (the error's
 * message says which).
 */
export interface HeadroomApi {
  readonly platform: 'electron';
  /** Shows the open dialog (owned by main); null when the user cancelled. */
  openDocument(): Promise<OpenedDocument | null>;
  /** Opens a file from {@link listRecent}; rejects if it has gone missing (and drops it from the list). */
  openRecent(handle: string): Promise<OpenedDocument | null>;
  /** Recent files, newest first, as opaque handles valid for this window. */
  listRecent(): Promise<RecentFile[]>;
  /**
   * Saves atomically. With a handle and `saveAs: false` writes back to that file;
   * otherwise main shows a save dialog. Null when the user cancelled the dialog.
   */
  saveDocument(request: SaveRequest): Promise<SavedDocument | null>;
  /** Writes unsaved work to the app's data folder, to be offered back after a crash. */
  autosave(text: string, name: string): Promise<void>;
  /** Work left by a crashed session (or this window's last autosave), if any. */
  loadAutosave(): Promise<AutosaveEntry | null>;
  /** Forgets this window's autosave: call after a save, or when the user declines recovery. */
  clearAutosave(): Promise<void>;
  /** Preferred UI language of the system, e.g. "zh-CN" or "en-US". */
  getSystemLocale(): Promise<string>;
  /** Asks where to save and writes `data` atomically; false when cancelled. */
  exportFile(request: ExportRequest): Promise<boolean>;
  /** Prints self-contained HTML (scripts disabled, no network) to a PDF the user places; false when cancelled. */
  exportPdf(html: string, suggestedName: string): Promise<boolean>;
  /** Tells main whether closing would lose work, and the document's display name for the prompt. */
  setDirty(dirty: boolean, name: string): void;
  /**
   * The language the user picked in the app. Main rebuilds the application menu in it
   * and uses it for its dialogs; it is one preference for the whole app, so the last
   * window to call wins.
   */
  setLanguage(language: UiLanguage): void;
  /**
   * Menu commands for this window. In Electron the menu owns the keyboard shortcuts
   * it shows (the renderer should not bind them again). Also delivers `'file:export'`
   * for File › Export…, which the bridge's MenuCommand does not list yet.
   */
  onMenuCommand(handler: (command: MenuCommand) => void): () => void;
  /**
   * Files the OS, the command line, a second instance or File › Open Recent asked to
   * open in this window. Requests that arrive before the first subscriber are kept
   * and delivered to it.
   */
  onOpenRequest(handler: (document: OpenedDocument) => void): () => void;
  /**
   * Dirty-close handshake. The user tried to close or quit with unsaved changes and
   * chose "Save" in main's prompt: save now (through {@link saveDocument}) and then
   * call {@link answerCloseRequest} with the request id and whether it was saved.
   * The window closes on `true`; `false` (cancelled dialog, failed save) keeps it open.
   * Without a subscriber the preload answers `false` at once.
   */
  onCloseRequest(handler: (requestId: string) => void): () => void;
  /** Answers an {@link onCloseRequest}. */
  answerCloseRequest(requestId: string, saved: boolean): void;
}
