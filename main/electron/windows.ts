/**
 * {@link WindowHostPort} over real BrowserWindows: creates guarded editor windows via
 * the window factory and reports their lifecycle (close, closed, renderer gone) to
 * the controller. Events sent before the page has loaded wait for it, because a
 * message sent to a page that is still loading is lost.
 */
import { BrowserWindow, type WebContents } from 'electron';
import { createMainWindow, type CreatedWindow, type MainWindowDeps } from '../window/createMainWindow';
import type { EditorWindowPort, LoggerPort, WindowHostPort } from '../platform/ports';

/** Lifecycle callbacks into the controller. */
export interface WindowLifecycle {
  /** Return false to keep the window open. */
  onCloseAttempt(windowId: number): boolean;
  onClosed(windowId: number): void;
  onRendererGone(windowId: number): void;
}

/** Options for {@link createElectronWindowHost}: what every window is made with, plus logging and lifecycle. */
export interface ElectronWindowHostOptions extends Omit<MainWindowDeps<CreatedWindow>, 'createBrowserWindow'> {
  logger: LoggerPort;
  lifecycle(): WindowLifecycle;
}

function alive(webContents: WebContents): boolean {
  return !webContents.isDestroyed() && !webContents.isCrashed();
}

/** Creates the window host. */
export function createElectronWindowHost(options: ElectronWindowHostOptions): WindowHostPort {
  return {
    focusedWindowId: () => BrowserWindow.getFocusedWindow()?.id ?? null,

    createWindow(): EditorWindowPort {
      const { window, loaded } = createMainWindow({
        createBrowserWindow: (windowOptions) => new BrowserWindow(windowOptions),
        policy: options.policy,
        preloadPath: options.preloadPath,
        entryUrl: options.entryUrl,
        devTools: options.devTools,
        ...(options.icon ? { icon: options.icon } : {}),
        links: options.links,
      });
      const id = window.id;
      const { webContents } = window;
      const webContentsId = webContents.id;
      let pageReady: Promise<void> = loaded.catch((error) => options.logger.error('window failed to load', error));
      webContents.on('did-start-loading', () => {
        pageReady = new Promise((resolve) => webContents.once('did-finish-load', () => resolve()));
      });

      window.on('close', (event) => {
        if (!options.lifecycle().onCloseAttempt(id)) event.preventDefault();
      });
      window.on('closed', () => options.lifecycle().onClosed(id));
      webContents.on('render-process-gone', (_event, details) => {
        options.logger.error(`renderer of window ${id} gone: ${details.reason}`);
        options.lifecycle().onRendererGone(id);
      });

      return {
        id,
        webContentsId,
        send(channel, payload) {
          void pageReady.then(() => {
            if (!webContents.isDestroyed()) webContents.send(channel, payload);
          });
        },
        isRendererAlive: () => alive(webContents),
        focus() {
          if (window.isDestroyed()) return;
          if (window.isMinimized()) window.restore();
          window.show();
          window.focus();
        },
        close() {
          if (!window.isDestroyed()) window.close();
        },
        edit(command) {
          if (!alive(webContents)) return;
          const run: Record<typeof command, () => void> = {
            undo: () => webContents.undo(),
            redo: () => webContents.redo(),
            cut: () => webContents.cut(),
            copy: () => webContents.copy(),
            paste: () => webContents.paste(),
            delete: () => webContents.delete(),
            selectAll: () => webContents.selectAll(),
          };
          run[command]();
        },
        setDocumentEdited(edited) {
          if (process.platform === 'darwin' && !window.isDestroyed()) window.setDocumentEdited(edited);
        },
      };
    },
  };
}
