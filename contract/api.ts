/**
 * The preload API: what `window.headroom` offers the renderer. Type-only, so the
 * renderer's electron bridge can `import type { HeadroomApi }` from here and be a thin
 * pass-through of HostBridge. Beyond HostBridge it adds the dirty-close handshake main
 * needs before closing a window.
 */
import type { HostBridge } from './bridge';

export type {
  AutosaveEntry,
  ExportRequest,
  MenuCommand,
  OpenedDocument,
  RecentFile,
  ReadOnlyFile,
  SavedDocument,
  SaveRequest,
  UiLanguage,
} from './bridge';

/**
 * `window.headroom`, exposed by main/preload through contextBridge: HostBridge as
 * main implements it. Every method is a plain function (no Electron objects cross the
 * bridge); subscriptions receive the payload only and return their unsubscribe
 * function. Requests are validated in main, so a rejected promise means a bad payload
 * or a failed operation (the error's message says which). In Electron the menu owns
 * the keyboard shortcuts it shows; open requests that arrive before the first
 * subscriber are kept and delivered to it.
 */
export interface HeadroomApi extends Omit<HostBridge, 'platform'> {
  readonly platform: 'electron';
  /**
   * Dirty-close handshake. The user tried to close or quit with unsaved changes and
   * chose "Save" in main's prompt: save now (through `saveDocument`) and then call
   * {@link answerCloseRequest} with the request id and whether it was saved. The
   * window closes on `true`; `false` (cancelled dialog, failed save) keeps it open.
   * Without a subscriber the preload answers `false` at once.
   */
  onCloseRequest(handler: (requestId: string) => void): () => void;
  /** Answers an {@link onCloseRequest}. */
  answerCloseRequest(requestId: string, saved: boolean): void;
}
