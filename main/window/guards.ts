/**
 * Runtime guards for windows and sessions: no pop-ups, no navigation away from the
 * app, no webviews, every permission refused, and no network requests except to the
 * app itself (and the dev server while developing). Written against narrow
 * interfaces so tests can drive them with fakes.
 */
import type { OriginPolicy } from './origins';

/** An event whose default can be prevented (Electron's Event). */
export interface PreventableEvent {
  preventDefault(): void;
}

/** The parts of WebContents the guards touch. */
export interface GuardableWebContents {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on(event: 'will-navigate', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
}

/** The parts of Session the guards touch. */
export interface GuardableSession {
  setPermissionRequestHandler(
    handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
  setDevicePermissionHandler(handler: (details: unknown) => boolean): void;
  webRequest: {
    onBeforeRequest(listener: (details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void): void;
  };
}

/** How to handle links the user clicks that point outside the app. */
export interface ExternalLinks {
  /** Exact origins (e.g. `https://headroom.example`) allowed to open in the browser. */
  allowedOrigins: readonly string[];
  openExternal(url: string): void;
}

/** True when `url` is an https URL on an allow-listed origin. */
export function isAllowedExternal(url: string, allowedOrigins: readonly string[]): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.username === '' && allowedOrigins.includes(parsed.origin);
  } catch {
    return false;
  }
}

/** Denies new windows and navigation away from the app on one window's contents. */
export function guardWebContents(webContents: GuardableWebContents, policy: OriginPolicy, links: ExternalLinks): void {
  const openOutside = (url: string): void => {
    if (isAllowedExternal(url, links.allowedOrigins)) links.openExternal(url);
  };
  webContents.setWindowOpenHandler(({ url }) => {
    openOutside(url);
    return { action: 'deny' };
  });
  webContents.on('will-navigate', (event, url) => {
    if (policy.isAppUrl(url)) return;
    event.preventDefault();
    openOutside(url);
  });
  webContents.on('will-redirect', (event, url) => {
    if (!policy.isAppUrl(url)) event.preventDefault();
  });
  webContents.on('will-attach-webview', (event) => event.preventDefault());
}

/**
 * Whether a network request from our pages may proceed: app URLs, inline data and
 * blobs, DevTools, and (in development) the dev server including its HMR socket.
 */
export function isAllowedRequest(url: string, policy: OriginPolicy): boolean {
  if (policy.isAppUrl(url)) return true;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'data:' || parsed.protocol === 'blob:' || parsed.protocol === 'devtools:') return true;
  if (policy.devOrigin && (parsed.protocol === 'ws:' || parsed.protocol === 'wss:')) {
    const dev = new URL(policy.devOrigin);
    return parsed.host === dev.host;
  }
  return false;
}

/** Refuses every permission and blocks requests that would leave the app. */
export function guardSession(session: GuardableSession, policy: OriginPolicy): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url, policy) }));
}
