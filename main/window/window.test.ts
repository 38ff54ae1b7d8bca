import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildPdfWindowOptions, buildWindowOptions } from './buildWindowOptions';
import { createMainWindow } from './createMainWindow';
import { guardSession, isAllowedExternal, isAllowedRequest, type GuardableSession, type PreventableEvent } from './guards';
import { APP_ENTRY_URL, createOriginPolicy } from './origins';

type Listener = (...args: never[]) => void;

class FakeWebContents {
  openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  listeners = new Map<string, Listener[]>();
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.openHandler = handler;
  }
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (...a: unknown[]) => void)(...args);
  }
}

class FakeBrowserWindow {
  static created: FakeBrowserWindow[] = [];
  readonly id = FakeBrowserWindow.created.length + 1;
  readonly webContents = new FakeWebContents();
  loaded: string[] = [];
  shown = false;
  readyListeners: (() => void)[] = [];
  constructor(readonly options: BrowserWindowConstructorOptions) {
    FakeBrowserWindow.created.push(this);
  }
  async loadURL(url: string): Promise<void> {
    // Guards must already be in place when the first navigation starts.
    expect(this.webContents.openHandler).not.toBeNull();
    this.loaded.push(url);
  }
  once(_event: 'ready-to-show', listener: () => void): this {
    this.readyListeners.push(listener);
    return this;
  }
  show(): void {
    this.shown = true;
  }
}

function navigationEvent(): PreventableEvent & { prevented: boolean } {
  const event = { prevented: false, preventDefault: () => void (event.prevented = true) };
  return event;
}

function makeWindow(devServer: string | null = null, allowedOrigins: string[] = []) {
  const policy = createOriginPolicy(devServer);
  const openExternal = vi.fn();
  const { window, loaded } = createMainWindow({
    createBrowserWindow: (options) => new FakeBrowserWindow(options),
    policy,
    preloadPath: '/app/out/preload/index.cjs',
    entryUrl: devServer ?? APP_ENTRY_URL,
    devTools: false,
    links: { allowedOrigins, openExternal },
  });
  return { window, loaded, openExternal };
}

describe('buildWindowOptions', () => {
  it('pins every isolation flag', () => {
    const prefs = buildWindowOptions({ preloadPath: '/p/index.cjs', devTools: false }).webPreferences;
    expect(prefs).toMatchObject({
      preload: '/p/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      spellcheck: false,
      devTools: false,
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
  });

  it('shows the window only after first paint', () => {
    expect(buildWindowOptions({ preloadPath: '/p', devTools: true }).show).toBe(false);
  });

  it('prints PDFs with JavaScript off, sandboxed, in a private partition, without a preload', () => {
    const options = buildPdfWindowOptions();
    expect(options.show).toBe(false);
    expect(options.webPreferences).toMatchObject({ javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(options.webPreferences?.preload).toBeUndefined();
    expect(options.webPreferences?.partition).not.toMatch(/^persist:/);
  });
});

describe('createMainWindow', () => {
  it('creates with secure options, loads the app entry and shows when ready', async () => {
    const { window, loaded } = makeWindow();
    await loaded;
    expect(window.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(window.loaded).toEqual(['app://headroom/index.html']);
    expect(window.shown).toBe(false);
    window.readyListeners.forEach((listener) => listener());
    expect(window.shown).toBe(true);
  });

  it('denies every new window and opens only allow-listed https links outside', () => {
    const { window, openExternal } = makeWindow(null, ['https://docs.headroom.example']);
    const deny = window.webContents.openHandler!;
    expect(deny({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(deny({ url: 'app://headroom/index.html' })).toEqual({ action: 'deny' });
    expect(deny({ url: 'https://docs.headroom.example/guide' })).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://docs.headroom.example/guide']]);
  });

  it('prevents navigation and redirects away from the app', () => {
    const { window, openExternal } = makeWindow();
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'http://localhost:5173/', 'app://other/index.html']) {
      for (const kind of ['will-navigate', 'will-redirect']) {
        const event = navigationEvent();
        window.webContents.emit(kind, event, url);
        expect(event.prevented, `${kind} ${url}`).toBe(true);
      }
    }
    const inside = navigationEvent();
    window.webContents.emit('will-navigate', inside, 'app://headroom/index.html');
    expect(inside.prevented).toBe(false);
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('allows the dev server only in development, and blocks webviews', () => {
    const { window } = makeWindow('http://localhost:5173');
    expect(window.loaded).toEqual(['http://localhost:5173']);
    const event = navigationEvent();
    window.webContents.emit('will-navigate', event, 'http://localhost:5173/');
    expect(event.prevented).toBe(false);
    const webview = navigationEvent();
    window.webContents.emit('will-attach-webview', webview);
    expect(webview.prevented).toBe(true);
  });

  it('refuses to load anything that is not the app', () => {
    expect(() =>
      createMainWindow({
        createBrowserWindow: (options) => new FakeBrowserWindow(options),
        policy: createOriginPolicy(null),
        preloadPath: '/p',
        entryUrl: 'https://evil.example/',
        devTools: false,
        links: { allowedOrigins: [], openExternal: vi.fn() },
      }),
    ).toThrow(/non-app URL/);
  });
});

describe('guardSession', () => {
  function fakeSession() {
    const calls: Record<string, unknown> = {};
    const session: GuardableSession = {
      setPermissionRequestHandler: (h) => void (calls.request = h),
      setPermissionCheckHandler: (h) => void (calls.check = h),
      setDevicePermissionHandler: (h) => void (calls.device = h),
      webRequest: { onBeforeRequest: (h) => void (calls.beforeRequest = h) },
    };
    return { session, calls };
  }

  it('refuses every permission request and check', () => {
    const { session, calls } = fakeSession();
    guardSession(session, createOriginPolicy(null));
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      const callback = vi.fn();
      (calls.request as (w: unknown, p: string, cb: (g: boolean) => void) => void)({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect((calls.check as (w: unknown, p: string) => boolean)({}, permission)).toBe(false);
    }
    expect((calls.device as (d: unknown) => boolean)({})).toBe(false);
  });

  it('cancels requests that leave the app', () => {
    const { session, calls } = fakeSession();
    guardSession(session, createOriginPolicy(null));
    const decide = (url: string) => {
      let cancel: boolean | undefined;
      (calls.beforeRequest as (d: { url: string }, cb: (r: { cancel?: boolean }) => void) => void)({ url }, (r) => {
        cancel = r.cancel;
      });
      return cancel;
    };
    expect(decide('app://headroom/assets/index.js')).toBe(false);
    expect(decide('https://fonts.googleapis.com/css')).toBe(true);
    expect(decide('http://localhost:5173/')).toBe(true);
  });
});

describe('isAllowedRequest', () => {
  it('admits the dev server and its HMR socket only in development', () => {
    const dev = createOriginPolicy('http://localhost:5173');
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isAllowedRequest('ws://localhost:5173/', dev)).toBe(true);
    expect(isAllowedRequest('ws://localhost:9999/', dev)).toBe(false);
    expect(isAllowedRequest('data:image/png;base64,AA==', dev)).toBe(true);
    expect(isAllowedRequest('ws://localhost:5173/', createOriginPolicy(null))).toBe(false);
    expect(isAllowedRequest('https://cdn.example/x.js', dev)).toBe(false);
  });
});

describe('isAllowedExternal', () => {
  it('needs https and an exact allow-listed origin', () => {
    const allowed = ['https://docs.headroom.example'];
    expect(isAllowedExternal('https://docs.headroom.example/a', allowed)).toBe(true);
    expect(isAllowedExternal('http://docs.headroom.example/a', allowed)).toBe(false);
    expect(isAllowedExternal('https://docs.headroom.example.evil.io/', allowed)).toBe(false);
    expect(isAllowedExternal('https://user@docs.headroom.example/', allowed)).toBe(false);
    expect(isAllowedExternal('javascript:alert(1)', allowed)).toBe(false);
  });
});
