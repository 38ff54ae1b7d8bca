/**
 * BrowserWindow options as pure data, so the security-relevant flags are tested in
 * plain Node. Anything that loosens isolation (node integration, disabled sandbox,
 * web security off, webviews, remote spellcheck dictionaries) is pinned off here.
 */
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

/** Inputs for {@link buildWindowOptions}. */
export interface WindowOptionsInput {
  /** Absolute path of the bundled CommonJS preload. */
  preloadPath: string;
  /** DevTools only while developing. */
  devTools: boolean;
  title?: string;
  /** Window icon (Linux/Windows; macOS uses the bundle's). */
  icon?: string;
}

/** Web preferences shared by every window that shows our own content. */
export function secureWebPreferences(extra: WebPreferences = {}): WebPreferences {
  return {
    ...extra,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    // Chromium fetches spellcheck dictionaries from Google's CDN: remote content.
    spellcheck: false,
  };
}

/** Options for a main editor window. */
export function buildWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    width: 1360,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: input.title ?? 'Headroom',
    backgroundColor: '#f7f7f8',
    ...(input.icon ? { icon: input.icon } : {}),
    webPreferences: secureWebPreferences({ preload: input.preloadPath, devTools: input.devTools }),
  };
}

/** Partition of the hidden PDF window: in-memory, separate from the app's session. */
export const PDF_PARTITION = 'headroom-pdf';

/** Options for the hidden window that prints reports: no preload, no JavaScript. */
export function buildPdfWindowOptions(): BrowserWindowConstructorOptions {
  return {
    show: false,
    width: 1024,
    height: 1400,
    webPreferences: secureWebPreferences({
      javascript: false,
      partition: PDF_PARTITION,
      devTools: false,
      images: true,
      backgroundThrottling: false,
    }),
  };
}
