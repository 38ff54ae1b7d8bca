/**
 * HostBridge: everything the renderer needs from its host, behind one interface.
 * The Electron implementation calls the preload API (main owns dialogs, paths and
 * disk); the web implementation uses a file picker, downloads and localStorage. The
 * renderer never learns a file path it could write to: it hands text to the host and
 * gets back a display name.
 */

/** Every command the application menu (or the web shell's shortcuts) can send the renderer. */
export const MENU_COMMANDS = [
  'file:new',
  'file:open',
  'file:save',
  'file:saveAs',
  'file:import',
  'file:export',
  'edit:undo',
  'edit:redo',
  'edit:cut',
  'edit:copy',
  'edit:paste',
  'edit:delete',
  'edit:selectAll',
  'run:start',
  'run:cancel',
  'view:zoomIn',
  'view:zoomOut',
  'view:fit',
] as const;

/** A command the menu sends to the renderer. */
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** A language the UI ships in. */
export type UiLanguage = 'en' | 'zh-CN';

export interface OpenedDocument {
  /** Opaque token the host uses to save back to the same file; null for untitled. */
  handle: string | null;
  /** Display name, e.g. "flash-sale.headroom.json". */
  name: string;
  text: string;
}

export interface SaveRequest {
  text: string;
  /** Token from OpenedDocument or a previous save; null asks for a location. */
  handle: string | null;
  saveAs: boolean;
  suggestedName: string;
  /** The user agreed to replace a read-only file, after a {@link ReadOnlyFile} answer. */
  overwriteReadOnly?: boolean;
}

export interface SavedDocument {
  handle: string | null;
  name: string;
}

/** Nothing was written: the file is marked read-only. Ask, then resend with `handle` and `overwriteReadOnly`. */
export interface ReadOnlyFile {
  readOnly: true;
  handle: string;
  name: string;
}

export interface RecentFile {
  handle: string;
  name: string;
}

export interface AutosaveEntry {
  text: string;
  /** ISO time of the autosave. */
  savedAt: string;
  /** The document it belonged to, if it had been saved before. */
  name: string;
}

export interface ExportRequest {
  suggestedName: string;
  mime: string;
  /** Text (SVG, HTML, CSV) or bytes (PNG). */
  data: string | Uint8Array;
}

export interface HostBridge {
  readonly platform: 'electron' | 'web';
  /** Shows an open dialog; null when the user cancelled. */
  openDocument(): Promise<OpenedDocument | null>;
  openRecent(handle: string): Promise<OpenedDocument | null>;
  listRecent(): Promise<RecentFile[]>;
  /** Saves atomically; null when the user cancelled the dialog. */
  saveDocument(request: SaveRequest): Promise<SavedDocument | ReadOnlyFile | null>;
  /** Keeps unsaved work somewhere that survives a crash. */
  autosave(text: string, name: string): Promise<void>;
  loadAutosave(): Promise<AutosaveEntry | null>;
  clearAutosave(): Promise<void>;
  /** Preferred UI language of the system, e.g. "zh-CN". */
  getSystemLocale(): Promise<string>;
  exportFile(request: ExportRequest): Promise<boolean>;
  /** Prints self-contained HTML to PDF (Electron) or opens the print dialog (web). */
  exportPdf(html: string, suggestedName: string): Promise<boolean>;
  /** Tells the host whether closing would lose work, so it can ask first. */
  setDirty(dirty: boolean, name: string): void;
  /**
   * The language the UI shows, so the host's own words (Electron's menu and dialogs)
   * match it rather than the system's. Call at start and on every switch.
   */
  setLanguage(language: UiLanguage): void;
  onMenuCommand(handler: (command: MenuCommand) => void): () => void;
  /** Files the OS or a second instance asked us to open. */
  onOpenRequest(handler: (document: OpenedDocument) => void): () => void;
}
