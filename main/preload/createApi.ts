/**
 * Builds the `window.headroom` object over an ipcRenderer-like port. Kept free of
 * Electron imports so it is tested in Node; preload/index.ts only wires it to the real
 * ipcRenderer and contextBridge. Nothing Electron-shaped leaves this module: methods
 * are plain functions and subscribers receive payloads, never IpcRendererEvents.
 */
import type { HeadroomApi, MenuCommand, OpenedDocument } from '../../contract/api';
import { EVENT, INVOKE, SEND } from '../../contract/channels';

/** The parts of Electron's ipcRenderer the preload uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

type Handler<T> = (payload: T) => void;

/**
 * One main → renderer event stream with many subscribers. With `buffer`, payloads that
 * arrive while nobody listens are kept (up to `limit`) and handed to the first
 * subscriber; with `onUnhandled`, they are passed there instead.
 */
export function createEventStream<T>(
  ipc: IpcRendererLike,
  channel: string,
  options: { buffer?: boolean; limit?: number; onUnhandled?: (payload: T) => void; report?: (error: unknown) => void } = {},
): (handler: Handler<T>) => () => void {
  const handlers = new Set<Handler<T>>();
  const queued: T[] = [];
  const limit = options.limit ?? 16;
  const report = options.report ?? ((error: unknown) => console.error(`headroom: ${channel} handler failed`, error));

  const deliver = (payload: T): void => {
    for (const handler of [...handlers]) {
      try {
        handler(payload);
      } catch (error) {
        report(error);
      }
    }
  };

  ipc.on(channel, (_event, payload) => {
    if (handlers.size > 0) deliver(payload as T);
    else if (options.onUnhandled) options.onUnhandled(payload as T);
    else if (options.buffer && queued.length < limit) queued.push(payload as T);
  });

  return (handler) => {
    if (typeof handler !== 'function') throw new TypeError(`${channel}: handler must be a function`);
    handlers.add(handler);
    if (queued.length > 0) {
      const pending = queued.splice(0);
      queueMicrotask(() => pending.forEach((payload) => deliver(payload)));
    }
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      handlers.delete(handler);
    };
  };
}

/** Creates the API object to expose as `window.headroom`. */
export function createApi(ipc: IpcRendererLike): HeadroomApi {
  const answerCloseRequest = (requestId: string, saved: boolean): void => ipc.send(SEND.answerCloseRequest, requestId, saved);
  const onMenuCommand = createEventStream<MenuCommand>(ipc, EVENT.menuCommand);
  // Files opened at launch arrive before the UI has subscribed: keep them.
  const onOpenRequest = createEventStream<OpenedDocument>(ipc, EVENT.openRequest, { buffer: true });
  // A renderer that cannot save must not leave main waiting with the window half-closed.
  const onCloseRequest = createEventStream<string>(ipc, EVENT.closeRequest, {
    onUnhandled: (requestId) => answerCloseRequest(requestId, false),
  });

  const api: HeadroomApi = {
    platform: 'electron',
    openDocument: () => ipc.invoke(INVOKE.open) as ReturnType<HeadroomApi['openDocument']>,
    openRecent: (handle) => ipc.invoke(INVOKE.openRecent, handle) as ReturnType<HeadroomApi['openRecent']>,
    listRecent: () => ipc.invoke(INVOKE.listRecent) as ReturnType<HeadroomApi['listRecent']>,
    saveDocument: (request) => ipc.invoke(INVOKE.save, request) as ReturnType<HeadroomApi['saveDocument']>,
    autosave: async (text, name) => {
      await ipc.invoke(INVOKE.autosave, text, name);
    },
    loadAutosave: () => ipc.invoke(INVOKE.loadAutosave) as ReturnType<HeadroomApi['loadAutosave']>,
    clearAutosave: async () => {
      await ipc.invoke(INVOKE.clearAutosave);
    },
    getSystemLocale: () => ipc.invoke(INVOKE.getSystemLocale) as Promise<string>,
    exportFile: (request) => ipc.invoke(INVOKE.exportFile, request) as Promise<boolean>,
    exportPdf: (html, suggestedName) => ipc.invoke(INVOKE.exportPdf, html, suggestedName) as Promise<boolean>,
    setDirty: (dirty, name) => ipc.send(SEND.setDirty, dirty, name),
    setLanguage: (language) => ipc.send(SEND.setLanguage, language),
    onMenuCommand,
    onOpenRequest,
    onCloseRequest,
    answerCloseRequest,
  };
  return Object.freeze(api);
}

/** The DOM surface the focus tracker needs (a Window, or a fake in tests). */
export interface FocusEventSource {
  addEventListener(type: 'focusin' | 'focusout', listener: (event: FocusLikeEvent) => void, capture: boolean): void;
}

/** The parts of a FocusEvent the tracker reads. */
export interface FocusLikeEvent {
  target: unknown;
  relatedTarget: unknown;
}

const NON_TEXT_INPUTS = new Set(['button', 'checkbox', 'color', 'file', 'hidden', 'image', 'radio', 'range', 'reset', 'submit']);

/** True for elements where edit commands (copy, undo, select all…) mean text editing. */
export function isEditableElement(element: unknown): boolean {
  if (element === null || typeof element !== 'object') return false;
  const el = element as { tagName?: unknown; type?: unknown; isContentEditable?: unknown };
  if (el.isContentEditable === true) return true;
  const tag = typeof el.tagName === 'string' ? el.tagName.toUpperCase() : '';
  if (tag === 'TEXTAREA') return true;
  if (tag === 'INPUT') return !NON_TEXT_INPUTS.has(String(el.type ?? 'text').toLowerCase());
  return false;
}

/**
 * Reports to main whether a text field has focus, so menu edit commands can act
 * natively there. Sends only on change.
 */
export function trackEditableFocus(source: FocusEventSource, report: (focused: boolean) => void): void {
  let last = false;
  const update = (focused: boolean): void => {
    if (focused === last) return;
    last = focused;
    report(focused);
  };
  source.addEventListener('focusin', (event) => update(isEditableElement(event.target)), true);
  source.addEventListener('focusout', (event) => update(isEditableElement(event.relatedTarget)), true);
}
