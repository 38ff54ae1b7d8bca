import { describe, expect, it, vi } from 'vitest';
import { EVENT, INVOKE, SEND } from '../../contract/channels';
import { createApi, isEditableElement, trackEditableFocus, type FocusLikeEvent, type IpcRendererLike } from './createApi';

function fakeIpc() {
  const listeners = new Map<string, ((event: unknown, ...args: unknown[]) => void)[]>();
  const ipc = {
    invoke: vi.fn(async (channel: string, ..._args: unknown[]) => (channel === INVOKE.getSystemLocale ? 'zh-CN' : null)),
    send: vi.fn<IpcRendererLike['send']>(),
    on: vi.fn((channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
    }),
  } satisfies IpcRendererLike;
  const emit = (channel: string, payload: unknown) => {
    const rawEvent = { sender: 'ipcRenderer', ports: [] };
    for (const listener of listeners.get(channel) ?? []) listener(rawEvent, payload);
  };
  return { ipc, emit };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createApi', () => {
  it('exposes only named functions and a platform tag, frozen', () => {
    const api = createApi(fakeIpc().ipc);
    expect(Object.isFrozen(api)).toBe(true);
    for (const [key, value] of Object.entries(api)) {
      if (key === 'platform') expect(value).toBe('electron');
      else expect(typeof value, key).toBe('function');
    }
    expect(Object.keys(api)).not.toContain('ipcRenderer');
  });

  it('maps each method onto its channel with the same arguments', async () => {
    const { ipc } = fakeIpc();
    const api = createApi(ipc);
    const request = { text: '{}', handle: null, saveAs: true, suggestedName: 'a' };
    await api.openDocument();
    await api.openRecent('handle123');
    await api.listRecent();
    await api.saveDocument(request);
    await expect(api.autosave('t', 'n')).resolves.toBeUndefined();
    await api.loadAutosave();
    await expect(api.clearAutosave()).resolves.toBeUndefined();
    await expect(api.getSystemLocale()).resolves.toBe('zh-CN');
    await api.exportFile({ suggestedName: 'a.csv', mime: 'text/csv', data: 'x' });
    await api.exportPdf('<p/>', 'r');
    expect(ipc.invoke.mock.calls).toEqual([
      [INVOKE.open],
      [INVOKE.openRecent, 'handle123'],
      [INVOKE.listRecent],
      [INVOKE.save, request],
      [INVOKE.autosave, 't', 'n'],
      [INVOKE.loadAutosave],
      [INVOKE.clearAutosave],
      [INVOKE.getSystemLocale],
      [INVOKE.exportFile, { suggestedName: 'a.csv', mime: 'text/csv', data: 'x' }],
      [INVOKE.exportPdf, '<p/>', 'r'],
    ]);
    api.setDirty(true, 'plan');
    api.setLanguage('zh-CN');
    api.answerCloseRequest('r1', true);
    expect(ipc.send.mock.calls).toEqual([
      [SEND.setDirty, true, 'plan'],
      [SEND.setLanguage, 'zh-CN'],
      [SEND.answerCloseRequest, 'r1', true],
    ]);
  });

  it('passes subscribers the payload only and unsubscribes', () => {
    const { ipc, emit } = fakeIpc();
    const api = createApi(ipc);
    const handler = vi.fn();
    const off = api.onMenuCommand(handler);
    emit(EVENT.menuCommand, 'run:start');
    expect(handler).toHaveBeenCalledWith('run:start');
    expect(handler.mock.calls[0]).toHaveLength(1);
    off();
    off();
    emit(EVENT.menuCommand, 'run:cancel');
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('keeps one failing subscriber from starving the others', () => {
    const { ipc, emit } = fakeIpc();
    const api = createApi(ipc);
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const good = vi.fn();
    api.onMenuCommand(() => {
      throw new Error('boom');
    });
    api.onMenuCommand(good);
    emit(EVENT.menuCommand, 'file:save');
    expect(good).toHaveBeenCalledWith('file:save');
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
  });

  it('holds open requests until the UI subscribes', async () => {
    const { ipc, emit } = fakeIpc();
    const api = createApi(ipc);
    const doc = { handle: 'abcdefgh', name: 'a.headroom.json', text: '{}' };
    emit(EVENT.openRequest, doc);
    const handler = vi.fn();
    api.onOpenRequest(handler);
    await tick();
    expect(handler).toHaveBeenCalledWith(doc);
    emit(EVENT.openRequest, { ...doc, name: 'b' });
    expect(handler).toHaveBeenCalledTimes(2);
  });

  it('answers a close request "not saved" when nobody can save', () => {
    const { ipc, emit } = fakeIpc();
    const api = createApi(ipc);
    emit(EVENT.closeRequest, 'req1');
    expect(ipc.send).toHaveBeenCalledWith(SEND.answerCloseRequest, 'req1', false);
    const handler = vi.fn();
    api.onCloseRequest(handler);
    emit(EVENT.closeRequest, 'req2');
    expect(handler).toHaveBeenCalledWith('req2');
    expect(ipc.send).toHaveBeenCalledTimes(1);
  });
});

describe('editable focus', () => {
  it('recognises text fields only', () => {
    expect(isEditableElement({ tagName: 'INPUT', type: 'text' })).toBe(true);
    expect(isEditableElement({ tagName: 'input', type: 'number' })).toBe(true);
    expect(isEditableElement({ tagName: 'INPUT', type: 'checkbox' })).toBe(false);
    expect(isEditableElement({ tagName: 'TEXTAREA' })).toBe(true);
    expect(isEditableElement({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(isEditableElement({ tagName: 'DIV', isContentEditable: false })).toBe(false);
    expect(isEditableElement(null)).toBe(false);
  });

  it('reports changes only', () => {
    const listeners: Record<string, (event: FocusLikeEvent) => void> = {};
    const report = vi.fn();
    trackEditableFocus({ addEventListener: (type, listener) => void (listeners[type] = listener) }, report);
    const input = { tagName: 'INPUT', type: 'text' };
    const canvas = { tagName: 'DIV' };
    listeners.focusin!({ target: canvas, relatedTarget: null });
    listeners.focusout!({ target: canvas, relatedTarget: input });
    listeners.focusin!({ target: input, relatedTarget: canvas });
    listeners.focusout!({ target: input, relatedTarget: null });
    expect(report.mock.calls).toEqual([[true], [false]]);
  });
});
