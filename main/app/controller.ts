/**
 * The application controller: owns the editor windows and their state, answers IPC,
 * builds the application menu (in the language the user picked, with the recent
 * files), routes menu commands, opens files the OS hands us, and runs the
 * unsaved-changes flow on close and quit. It talks to Electron only through ports, so
 * the whole lifecycle is tested in Node; index.ts adapts real BrowserWindows to these ports.
 */
import type { MenuCommand } from '../../contract/bridge';
import { EVENT } from '../../contract/channels';
import type { InvokeHandlers, SendHandlers } from '../ipc/register';
import { buildMenuTemplate } from '../menu/buildMenuTemplate';
import { routeCommand } from '../menu/routeCommand';
import { format } from '../menu/strings';
import type { DialogPort, EditorWindowPort, LoggerPort, MenuPort, WindowHostPort } from '../platform/ports';
import type { AutosaveStore } from '../services/autosave';
import { CloseRequests, confirmClose, decideOnClose } from '../services/closeGuard';
import type { DocumentService } from '../services/documents';
import type { Exporter } from '../services/exporter';
import { pickTargetWindow } from '../services/openRequests';
import type { RecentFiles } from '../services/recentFiles';
import { WindowState } from '../services/windowState';
import type { LanguagePreference } from './language';

/** Dependencies of {@link AppController}. */
export interface AppControllerDeps {
  host: WindowHostPort;
  documents: DocumentService;
  exporter: Exporter;
  autosave: AutosaveStore;
  recent: RecentFiles;
  dialogs: DialogPort;
  menu: MenuPort;
  /** Menu conventions (app menu, shortcuts) follow it. */
  platform: NodeJS.Platform;
  /** Adds the developer items to the menu. */
  isDev: boolean;
  logger: LoggerPort;
  /** Shared with the services, so their dialogs and errors speak the same language. */
  language: LanguagePreference;
  /** Normalized system locale, e.g. "zh-CN". */
  systemLocale(): string;
  /** Mints an autosave slot id for a new window. */
  newSlot(): string;
  /** Asks the app to quit again (after a close that a quit had to wait for). */
  quit(): void;
}

/** A window and its state. */
export interface WindowEntry {
  readonly port: EditorWindowPort;
  readonly state: WindowState;
}

/** See the file header. */
export class AppController {
  private readonly windows = new Map<number, WindowEntry>();
  private readonly closeRequests = new CloseRequests();
  private quitting = false;
  private openQueue: Promise<void> = Promise.resolve();
  private recentPaths: readonly string[] = [];

  constructor(private readonly deps: AppControllerDeps) {}

  /** Opens a new, empty editor window. */
  openWindow(): WindowEntry {
    const port = this.deps.host.createWindow();
    const entry: WindowEntry = { port, state: new WindowState(port.id, this.deps.newSlot()) };
    this.windows.set(port.id, entry);
    return entry;
  }

  /** Number of open editor windows. */
  get windowCount(): number {
    return this.windows.size;
  }

  /** The window whose web contents sent an IPC message, or null for strangers. */
  contextFor(webContentsId: number): WindowEntry | null {
    for (const entry of this.windows.values()) if (entry.port.webContentsId === webContentsId) return entry;
    return null;
  }

  /** Focuses some window, creating one if there is none (second launch, Dock click). */
  showSomeWindow(): void {
    const focused = this.deps.host.focusedWindowId();
    const entry = (focused !== null ? this.windows.get(focused) : undefined) ?? [...this.windows.values()][0];
    (entry ?? this.openWindow()).port.focus();
  }

  // ---- menu -------------------------------------------------------------------------

  /** The recent list changed (or was first read): rebuild the menu that lists it. */
  recentChanged(paths: readonly string[]): void {
    this.recentPaths = paths;
    this.installMenu();
  }

  private installMenu(): void {
    const template = buildMenuTemplate(
      {
        platform: this.deps.platform,
        strings: this.deps.language.strings(),
        recent: this.recentPaths.map((path) => ({ path, label: path.split(/[/\\]/).pop() ?? path })),
        isDev: this.deps.isDev,
      },
      {
        command: (command) => this.menuCommand(command),
        openRecent: (path) => void this.openRecentPath(path),
        clearRecent: () => void this.clearRecent(),
      },
    );
    this.deps.menu.setApplicationMenu(template);
  }

  /** A menu item was chosen: native edit in a text field, else forwarded to the renderer. */
  menuCommand(command: MenuCommand): void {
    const focused = this.deps.host.focusedWindowId();
    const entry = focused === null ? undefined : this.windows.get(focused);
    if (!entry) {
      // With no window (macOS), New and Open still have to do something.
      if (command === 'file:new') this.openWindow();
      if (command === 'file:open') void this.openWithDialog(this.openWindow());
      return;
    }
    const route = routeCommand(command, entry.state.editableFocused);
    if (route.kind === 'native') entry.port.edit(route.edit);
    else entry.port.send(EVENT.menuCommand, route.command);
  }

  private async openWithDialog(entry: WindowEntry): Promise<void> {
    try {
      const document = await this.deps.documents.open(entry.state);
      // Open requests are held by the preload until the page subscribes.
      if (document) entry.port.send(EVENT.openRequest, document);
    } catch (error) {
      this.showError(entry, error);
    }
  }

  private showError(entry: WindowEntry, error: unknown): void {
    this.deps.dialogs.showError(entry.state.id, {
      title: this.deps.language.strings()['error.title'],
      message: error instanceof Error ? error.message : String(error),
    });
  }

  /** File › Open Recent › (path). */
  openRecentPath(path: string): Promise<void> {
    return this.openPaths([path]);
  }

  /** File › Open Recent › Clear. */
  async clearRecent(): Promise<void> {
    await this.deps.recent.clear();
    this.recentChanged([]);
  }

  // ---- files from the OS --------------------------------------------------------------

  /**
   * Opens files from the command line, a second instance, the Dock/Finder or the recent
   * menu, each in a window that has nothing unsaved (a new one if needed). Calls are
   * queued so two quick requests never pick the same window.
   */
  openPaths(paths: readonly string[]): Promise<void> {
    const run = async (): Promise<void> => {
      for (const path of paths) await this.openOne(path);
    };
    this.openQueue = this.openQueue.then(run, run);
    return this.openQueue;
  }

  private async openOne(path: string): Promise<void> {
    const candidates = [...this.windows.values()].map(({ state }) => ({
      id: state.id,
      dirty: state.dirty,
      hasDocument: state.documentPath !== null,
    }));
    const targetId = pickTargetWindow(candidates, this.deps.host.focusedWindowId());
    const entry = (targetId !== null ? this.windows.get(targetId) : undefined) ?? this.openWindow();
    try {
      const document = await this.deps.documents.openPath(entry.state, path);
      entry.port.send(EVENT.openRequest, document);
      entry.port.focus();
    } catch (error) {
      this.showError(entry, error);
    }
  }

  // ---- lifecycle --------------------------------------------------------------------

  /** The user started quitting (before-quit). */
  beforeQuit(): void {
    this.quitting = true;
  }

  /**
   * A window is about to close. Returns true to let it close now; false to keep it
   * open (a prompt is showing, or will decide).
   */
  onCloseAttempt(windowId: number): boolean {
    const entry = this.windows.get(windowId);
    if (!entry) return true;
    const { state, port } = entry;
    const rendererAlive = port.isRendererAlive();
    const step = decideOnClose({ approved: state.closeApproved, dirty: state.dirty, closing: state.closing, rendererAlive });
    if (step === 'close') {
      if (state.dirty && !state.closeApproved && !rendererAlive) state.keepAutosave = true;
      return true;
    }
    if (step === 'prompt') void this.promptAndClose(entry);
    return false;
  }

  private async promptAndClose(entry: WindowEntry): Promise<void> {
    const { state, port } = entry;
    const t = this.deps.language.strings();
    state.closing = true;
    let approved = false;
    try {
      port.focus();
      approved = await confirmClose({
        ask: () =>
          this.deps.dialogs.askUnsaved(state.id, {
            message: format(t['dialog.unsaved.message'], { name: state.name || t['document.untitled'] }),
            detail: t['dialog.unsaved.detail'],
            save: t['dialog.unsaved.save'],
            discard: t['dialog.unsaved.discard'],
            cancel: t['dialog.unsaved.cancel'],
          }),
        requestSave: () => this.closeRequests.request(state.id, (requestId) => port.send(EVENT.closeRequest, requestId)),
      });
    } catch (error) {
      this.deps.logger.error('close prompt failed', error);
    } finally {
      state.closing = false;
    }
    if (!approved) {
      this.quitting = false;
      return;
    }
    state.closeApproved = true;
    port.close();
    if (this.quitting) this.deps.quit();
  }

  /** The window is gone: forget it, and drop its autosave unless it holds rescued work. */
  onClosed(windowId: number): void {
    const entry = this.windows.get(windowId);
    if (!entry) return;
    this.windows.delete(windowId);
    this.closeRequests.abandon(windowId);
    if (!entry.state.keepAutosave) {
      this.deps.autosave.clear(entry.state.slot).catch((error) => this.deps.logger.warn('autosave cleanup failed', error));
    }
  }

  /** The renderer crashed or was killed: nobody will answer a pending save request. */
  onRendererGone(windowId: number): void {
    this.closeRequests.abandon(windowId);
    const entry = this.windows.get(windowId);
    if (entry) entry.state.editableFocused = false;
  }

  // ---- IPC --------------------------------------------------------------------------

  /** Handlers for every invoke channel. */
  readonly invokeHandlers: InvokeHandlers<WindowEntry> = {
    'doc:open': ({ state }) => this.deps.documents.open(state),
    'doc:openRecent': ({ state }, handle) => this.deps.documents.openRecent(state, handle),
    'recent:list': ({ state }) => this.deps.documents.listRecent(state),
    'doc:save': ({ state }, request) => this.deps.documents.save(state, request),
    'autosave:write': ({ state }, text, name) => this.deps.autosave.write(state.slot, text, name),
    'autosave:load': async ({ state }) => {
      const others = new Set([...this.windows.values()].filter((e) => e.state !== state).map((e) => e.state.slot));
      return this.deps.autosave.recover(state.slot, others);
    },
    'autosave:clear': ({ state }) => this.deps.autosave.clear(state.slot),
    'app:getSystemLocale': () => this.deps.systemLocale(),
    'export:file': ({ state }, request) => this.deps.exporter.exportFile(state, request),
    'export:pdf': ({ state }, html, suggestedName) => this.deps.exporter.exportPdf(state, html, suggestedName),
  };

  /** Handlers for every one-way channel. */
  readonly sendHandlers: SendHandlers<WindowEntry> = {
    'doc:setDirty': ({ state, port }, dirty, name) => {
      state.dirty = dirty;
      state.name = name;
      port.setDocumentEdited(dirty);
    },
    'close:answer': ({ state }, requestId, saved) => {
      if (!this.closeRequests.answer(state.id, requestId, saved)) this.deps.logger.warn('stray close answer');
    },
    'ui:editableFocus': ({ state }, focused) => {
      state.editableFocused = focused;
    },
    'ui:setLanguage': (_entry, language) => {
      if (this.deps.language.choose(language)) this.installMenu();
    },
  };
}
