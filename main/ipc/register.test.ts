import { describe, expect, it, vi } from 'vitest';
import type { IpcEventLike, IpcInvokeListener, IpcMainLike, IpcSendListener } from '../platform/ports';
import { createOriginPolicy } from '../window/origins';
import { INVOKE, SEND } from '../../contract/channels';
import { registerIpc, senderProblem, type InvokeHandlers, type SendHandlers } from './register';

interface Ctx {
  windowId: number;
}

const HANDLE = 'abcdefgh12345678';

function fakeIpcMain() {
  const invoke = new Map<string, IpcInvokeListener>();
  const send = new Map<string, IpcSendListener>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => void invoke.set(channel, listener),
    on: (channel, listener) => void send.set(channel, listener),
  };
  return { ipcMain, invoke, send };
}

function event(url: string, options: { parent?: unknown; senderId?: number; noFrame?: boolean } = {}): IpcEventLike {
  return {
    sender: { id: options.senderId ?? 1 },
    senderFrame: options.noFrame ? null : { url, parent: options.parent ?? null },
  };
}

const APP = 'app://headroom/index.html';

function setup(overrides: Partial<InvokeHandlers<Ctx>> = {}) {
  const { ipcMain, invoke, send } = fakeIpcMain();
  const handlers = {
    [INVOKE.open]: vi.fn(async () => ({ handle: HANDLE, name: 'a.headroom.json', text: '{}' })),
    [INVOKE.openRecent]: vi.fn(async () => null),
    [INVOKE.listRecent]: vi.fn(async () => []),
    [INVOKE.save]: vi.fn(async () => ({ handle: HANDLE, name: 'a.headroom.json' })),
    [INVOKE.autosave]: vi.fn(async () => undefined),
    [INVOKE.loadAutosave]: vi.fn(async () => null),
    [INVOKE.clearAutosave]: vi.fn(async () => undefined),
    [INVOKE.getSystemLocale]: vi.fn(async () => 'zh-CN'),
    [INVOKE.exportFile]: vi.fn(async () => true),
    [INVOKE.exportPdf]: vi.fn(async () => true),
    ...overrides,
  } as InvokeHandlers<Ctx>;
  const sendHandlers: SendHandlers<Ctx> = {
    [SEND.setDirty]: vi.fn(),
    [SEND.answerCloseRequest]: vi.fn(),
    [SEND.editableFocus]: vi.fn(),
    [SEND.setLanguage]: vi.fn(),
  };
  const logger = { warn: vi.fn(), error: vi.fn() };
  const policy = createOriginPolicy('http://localhost:5173');
  registerIpc<Ctx>({
    ipcMain,
    isAppUrl: policy.isAppUrl,
    resolveContext: (e) => (e.sender.id === 1 ? { windowId: 7 } : null),
    invoke: handlers,
    send: sendHandlers,
    logger,
  });
  const call = (channel: string, e: IpcEventLike, ...args: unknown[]) => {
    const listener = invoke.get(channel);
    if (!listener) throw new Error(`no handler for ${channel}`);
    return Promise.resolve(listener(e, ...args));
  };
  const post = (channel: string, e: IpcEventLike, ...args: unknown[]) => send.get(channel)?.(e, ...args);
  return { handlers, sendHandlers, logger, call, post, invoke, send };
}

describe('registerIpc', () => {
  it('registers every channel of the contract', () => {
    const { invoke, send } = setup();
    expect([...invoke.keys()].sort()).toEqual(Object.values(INVOKE).sort());
    expect([...send.keys()].sort()).toEqual(Object.values(SEND).sort());
  });

  it('passes a valid request from the app to the handler with the window context', async () => {
    const { call, handlers } = setup();
    const request = { text: '{}', handle: null, saveAs: false, suggestedName: 'x.headroom.json' };
    await expect(call(INVOKE.save, event(APP), request)).resolves.toEqual({ handle: HANDLE, name: 'a.headroom.json' });
    expect(handlers[INVOKE.save]).toHaveBeenCalledWith({ windowId: 7 }, request);
  });

  it('accepts the dev server origin', async () => {
    const { call } = setup();
    await expect(call(INVOKE.getSystemLocale, event('http://localhost:5173/'))).resolves.toBe('zh-CN');
  });

  it.each([
    ['a foreign https origin', event('https://evil.example/')],
    ['file://', event('file:///tmp/x.html')],
    ['another app host', event('app://other/index.html')],
    ['a lookalike dev port', event('http://localhost:5174/')],
    ['a subframe of the app', event(APP, { parent: { url: APP } })],
    ['a destroyed frame', event(APP, { noFrame: true })],
    ['an unknown web contents', event(APP, { senderId: 99 })],
  ])('rejects %s without calling the handler', async (_label, e) => {
    const { call, handlers } = setup();
    await expect(call(INVOKE.open, e)).rejects.toThrow(/doc:open: sender/);
    expect(handlers[INVOKE.open]).not.toHaveBeenCalled();
  });

  it.each([
    ['missing argument', []],
    ['extra argument', [{ text: '', handle: null, saveAs: false, suggestedName: 'x' }, 'extra']],
    ['wrong type', [{ text: 42, handle: null, saveAs: false, suggestedName: 'x' }]],
    ['unknown field (a path smuggled in)', [{ text: '', handle: null, saveAs: false, suggestedName: 'x', path: '/etc/passwd' }]],
    ['a forged handle', [{ text: '', handle: '../../etc/passwd', saveAs: false, suggestedName: 'x' }]],
    ['not an object', ['just text']],
  ])('rejects a bad payload (%s) without calling the handler', async (_label, args) => {
    const { call, handlers } = setup();
    await expect(call(INVOKE.save, event(APP), ...args)).rejects.toThrow(/doc:save: bad request/);
    expect(handlers[INVOKE.save]).not.toHaveBeenCalled();
  });

  it('accepts bytes for exports and rejects other binary shapes', async () => {
    const { call, handlers } = setup();
    const ok = { suggestedName: 'c.png', mime: 'image/png', data: new Uint8Array([1, 2]) };
    await expect(call(INVOKE.exportFile, event(APP), ok)).resolves.toBe(true);
    await expect(call(INVOKE.exportFile, event(APP), { ...ok, data: [1, 2] })).rejects.toThrow(/bad request/);
    expect(handlers[INVOKE.exportFile]).toHaveBeenCalledOnce();
  });

  it('refuses to leak a response outside the contract', async () => {
    const { call, logger } = setup({
      [INVOKE.open]: async () => ({ handle: null, name: 'x', text: '{}', path: '/home/me/secret' }) as never,
      [INVOKE.getSystemLocale]: async () => 42 as never,
    });
    await expect(call(INVOKE.getSystemLocale, event(APP))).rejects.toThrow('app:getSystemLocale: internal error');
    expect(logger.error).toHaveBeenCalled();
    // Unknown keys are stripped rather than forwarded.
    await expect(call(INVOKE.open, event(APP))).resolves.toEqual({ handle: null, name: 'x', text: '{}' });
  });

  it('propagates handler failures as rejections', async () => {
    const { call } = setup({
      [INVOKE.openRecent]: async () => {
        throw new Error('plan.headroom.json no longer exists');
      },
    });
    await expect(call(INVOKE.openRecent, event(APP), HANDLE)).rejects.toThrow('no longer exists');
  });

  it('validates one-way messages and drops bad ones', () => {
    const { post, sendHandlers, logger } = setup();
    post(SEND.setDirty, event(APP), true, 'plan');
    expect(sendHandlers[SEND.setDirty]).toHaveBeenCalledWith({ windowId: 7 }, true, 'plan');
    post(SEND.setDirty, event(APP), 'yes', 'plan');
    post(SEND.setDirty, event('https://evil.example/'), true, 'plan');
    post(SEND.answerCloseRequest, event(APP, { parent: {} }), 'r1', true);
    expect(sendHandlers[SEND.setDirty]).toHaveBeenCalledOnce();
    expect(sendHandlers[SEND.answerCloseRequest]).not.toHaveBeenCalled();
    expect(logger.warn).toHaveBeenCalledTimes(3);
  });

  it('passes a supported UI language to the handler', () => {
    const { post, sendHandlers } = setup();
    post(SEND.setLanguage, event(APP), 'zh-CN');
    post(SEND.setLanguage, event(APP), 'en');
    expect(vi.mocked(sendHandlers[SEND.setLanguage]).mock.calls).toEqual([
      [{ windowId: 7 }, 'zh-CN'],
      [{ windowId: 7 }, 'en'],
    ]);
  });

  it.each([
    ['no argument', []],
    ['a language main has no table for', ['fr']],
    ['a variant rather than the exact tag', ['zh-TW']],
    ['the wrong case', ['ZH-CN']],
    ['an empty tag', ['']],
    ['not a string', [42]],
    ['null', [null]],
    ['an object', [{ language: 'zh-CN' }]],
    ['an extra argument', ['zh-CN', 'en']],
  ])('drops setLanguage with a bad payload (%s)', (_label, args) => {
    const { post, sendHandlers, logger } = setup();
    post(SEND.setLanguage, event(APP), ...args);
    expect(sendHandlers[SEND.setLanguage]).not.toHaveBeenCalled();
    expect(logger.warn).toHaveBeenCalledWith('ipc message dropped', expect.objectContaining({ message: expect.stringMatching(/^ui:setLanguage: bad message/) }));
  });

  it('drops setLanguage from a sender that is not the app', () => {
    const { post, sendHandlers } = setup();
    post(SEND.setLanguage, event('https://evil.example/'), 'zh-CN');
    post(SEND.setLanguage, event(APP, { parent: { url: APP } }), 'zh-CN');
    post(SEND.setLanguage, event(APP, { senderId: 99 }), 'zh-CN');
    expect(sendHandlers[SEND.setLanguage]).not.toHaveBeenCalled();
  });
});

describe('senderProblem', () => {
  const isApp = createOriginPolicy(null).isAppUrl;
  it('only trusts the dev server when one is configured', () => {
    expect(senderProblem(event('http://localhost:5173/'), isApp)).toMatch(/origin/);
    expect(senderProblem(event(APP), isApp)).toBeNull();
  });
});
