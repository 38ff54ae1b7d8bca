/**
 * Ports: the narrow interfaces main-process logic is written against. Electron and
 * Node supply the real implementations (electron/*, platform/nodeFs.ts);
 * tests supply fakes, so nothing a test loads ever needs the Electron binary.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { EventChannel } from '../../contract/channels';
import type { EventPayload } from '../../contract/ipc';

/** An open file, as much of Node's FileHandle as atomic writes need. */
export interface FileHandleLike {
  writeFile(data: string | Uint8Array): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** File-system operations used by services; paths are absolute. */
export interface FsPort {
  /** Creates a new file exclusively (fails if it exists). */
  createExclusive(path: string): Promise<FileHandleLike>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  readText(path: string): Promise<string>;
  readBytes(path: string): Promise<Uint8Array>;
  mkdirp(path: string): Promise<void>;
  readdir(path: string): Promise<string[]>;
  /** Permission bits of an existing file, or null when it does not exist. */
  modeOf(path: string): Promise<number | null>;
  chmod(path: string, mode: number): Promise<void>;
  /** Flushes a directory entry to disk where the platform allows it; never throws. */
  syncDir(path: string): Promise<void>;
  /** The path with every symbolic link resolved; `path` itself when it does not exist. */
  realpath(path: string): Promise<string>;
  /** Last-modified time in ms since the epoch, or null when the file does not exist. */
  mtimeOf(path: string): Promise<number | null>;
  /** False for an existing file this process may not write (read-only bits, ACLs); true otherwise. */
  isWritable(path: string): Promise<boolean>;
}

/** A file filter for open/save dialogs. */
export interface FileFilter {
  name: string;
  extensions: string[];
}

/** The three answers to "save changes before closing?". */
export type UnsavedChoice = 'save' | 'discard' | 'cancel';

/**
 * Native dialogs, always owned by main and parented to a window. `windowId` is the
 * id of the BrowserWindow the dialog belongs to (null: app-modal).
 */
export interface DialogPort {
  showOpen(windowId: number | null, options: { title: string; filters: FileFilter[] }): Promise<string | null>;
  showSave(
    windowId: number | null,
    options: { title: string; defaultPath: string; filters: FileFilter[] },
  ): Promise<string | null>;
  askUnsaved(
    windowId: number | null,
    options: { message: string; detail: string; save: string; discard: string; cancel: string },
  ): Promise<UnsavedChoice>;
  showError(windowId: number | null, options: { title: string; message: string }): void;
}

/** The application menu. */
export interface MenuPort {
  /** Replaces the whole application menu with one built from `template`. */
  setApplicationMenu(template: MenuItemConstructorOptions[]): void;
}

/** OS-level recent documents (Jump List, Dock menu); a no-op where unsupported. */
export interface OsRecentDocumentsPort {
  add(path: string): void;
  clear(): void;
}

/** Renders self-contained HTML to PDF bytes with scripts disabled. */
export interface PdfRendererPort {
  render(html: string): Promise<Uint8Array>;
}

/** The subset of an IPC event the main side needs to authorize a message. */
export interface IpcEventLike {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
}

/** A handler registered with {@link IpcMainLike.handle}; its result answers `invoke`. */
export type IpcInvokeListener = (event: IpcEventLike, ...args: unknown[]) => unknown;

/** A listener registered with {@link IpcMainLike.on} for one-way `send` messages. */
export type IpcSendListener = (event: IpcEventLike, ...args: unknown[]) => void;

/** Electron's ipcMain, reduced to what register.ts uses. */
export interface IpcMainLike {
  handle(channel: string, listener: IpcInvokeListener): void;
  on(channel: string, listener: IpcSendListener): void;
}

/** Minimal logger so services can report without depending on a console. */
export interface LoggerPort {
  warn(message: string, detail?: unknown): void;
  error(message: string, detail?: unknown): void;
}

/** Native editing commands WebContents can execute in the focused frame. */
export type NativeEdit = 'undo' | 'redo' | 'cut' | 'copy' | 'paste' | 'delete' | 'selectAll';

/** One editor window, as the controller sees it. */
export interface EditorWindowPort {
  readonly id: number;
  /** Id of its web contents (IPC senders are identified by it). */
  readonly webContentsId: number;
  /** Sends an event; delivery waits until the page has loaded. */
  send<C extends EventChannel>(channel: C, payload: EventPayload<C>): void;
  isRendererAlive(): boolean;
  /** Shows, restores and focuses the window. */
  focus(): void;
  close(): void;
  /** Runs a native editing command in the focused frame. */
  edit(command: NativeEdit): void;
  /** macOS: the dot in the close button; elsewhere a no-op. */
  setDocumentEdited(edited: boolean): void;
}

/** Creates windows and tells which one has focus. */
export interface WindowHostPort {
  /** Creates and loads an editor window; lifecycle events come back through the controller's `on*` methods. */
  createWindow(): EditorWindowPort;
  focusedWindowId(): number | null;
}
