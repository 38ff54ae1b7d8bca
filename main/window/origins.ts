/**
 * Which URLs count as "our app": the `app://headroom/` origin that serves the built
 * renderer, plus the electron-vite dev server while developing. Everything that
 * authorizes by origin (IPC senders, navigation, network requests) asks this module.
 */

/** Scheme registered with protocol.handle for the renderer's files. */
export const APP_SCHEME = 'app';
/** Host part of every app URL; fixed so the origin is stable. */
export const APP_HOST = 'headroom';
/** Entry URL of the built renderer. */
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Decides whether a URL belongs to the app. */
export interface OriginPolicy {
  /** True for `app://headroom/…` and, in development only, the dev server's origin. */
  isAppUrl(url: string): boolean;
  /** The dev server origin (e.g. `http://localhost:5173`), or null when serving built files. */
  readonly devOrigin: string | null;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Creates the origin policy. `devServerUrl` comes from electron-vite's
 * ELECTRON_RENDERER_URL and must be ignored in packaged builds (the caller decides),
 * otherwise an environment variable could widen what the app trusts.
 */
export function createOriginPolicy(devServerUrl: string | null): OriginPolicy {
  const dev = devServerUrl ? parse(devServerUrl) : null;
  const devOrigin = dev && (dev.protocol === 'http:' || dev.protocol === 'https:') ? dev.origin : null;
  return {
    devOrigin,
    isAppUrl(url) {
      const parsed = parse(url);
      if (!parsed) return false;
      // WHATWG gives non-special schemes an opaque origin ("null"), so compare parts.
      if (parsed.protocol === `${APP_SCHEME}:`) return parsed.host === APP_HOST && parsed.username === '';
      return devOrigin !== null && parsed.origin === devOrigin;
    },
  };
}
