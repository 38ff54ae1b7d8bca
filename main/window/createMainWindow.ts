/**
 * The editor-window factory: builds the secure options, creates the window through an
 * injected constructor, installs the navigation guards before anything loads, and
 * loads the app (built files over app://, or the dev server while developing).
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import { buildWindowOptions } from './buildWindowOptions';
import { guardWebContents, type ExternalLinks, type GuardableWebContents } from './guards';
import type { OriginPolicy } from './origins';

/** What the factory needs from a created window. */
export interface CreatedWindow {
  readonly id: number;
  readonly webContents: GuardableWebContents;
  loadURL(url: string): Promise<void>;
  once(event: 'ready-to-show', listener: () => void): unknown;
  show(): void;
}

/** Dependencies of {@link createMainWindow}. */
export interface MainWindowDeps<W extends CreatedWindow> {
  createBrowserWindow(options: BrowserWindowConstructorOptions): W;
  policy: OriginPolicy;
  preloadPath: string;
  /** `app://headroom/index.html`, or the dev server URL. */
  entryUrl: string;
  devTools: boolean;
  icon?: string;
  links: ExternalLinks;
}

/** Creates, guards and loads an editor window; it is shown once it has painted. */
export function createMainWindow<W extends CreatedWindow>(deps: MainWindowDeps<W>): { window: W; loaded: Promise<void> } {
  if (!deps.policy.isAppUrl(deps.entryUrl)) throw new Error(`refusing to load a non-app URL: ${deps.entryUrl}`);
  const window = deps.createBrowserWindow(
    buildWindowOptions({ preloadPath: deps.preloadPath, devTools: deps.devTools, ...(deps.icon ? { icon: deps.icon } : {}) }),
  );
  guardWebContents(window.webContents, deps.policy, deps.links);
  window.once('ready-to-show', () => window.show());
  return { window, loaded: window.loadURL(deps.entryUrl) };
}
