// @vitest-environment happy-dom
/** The browser bridge: autosave (in happy-dom, which has no IndexedDB, its localStorage fallback) and recent files, locale from the browser, saving as a download. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createWebBridge } from './web';
import { createBridge } from './index';

describe('web bridge', () => {
  beforeEach(() => localStorage.clear());

  it('keeps one autosave and forgets it on request', async () => {
    const b = createWebBridge();
    expect(await b.loadAutosave()).toBeNull();
    await b.autosave('{"a":1}', 'shop.headroom.json');
    const entry = await b.loadAutosave();
    expect(entry).toMatchObject({ text: '{"a":1}', name: 'shop.headroom.json' });
    expect(Number.isNaN(Date.parse(entry!.savedAt))).toBe(false);
    await b.clearAutosave();
    expect(await b.loadAutosave()).toBeNull();
  });

  it('saves by download, remembers it as recent and can reopen it', async () => {
    const b = createWebBridge();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    URL.createObjectURL = vi.fn(() => 'blob:x');
    URL.revokeObjectURL = vi.fn();
    const saved = await b.saveDocument({ text: '{"x":2}', handle: null, saveAs: true, suggestedName: 'shop' });
    expect(saved?.name).toBe('shop.headroom.json');
    expect(click).toHaveBeenCalled();
    const recent = await b.listRecent();
    expect(recent[0]?.name).toBe('shop.headroom.json');
    const reopened = await b.openRecent(recent[0]!.handle);
    expect(reopened?.text).toBe('{"x":2}');
  });

  it('reports the browser language and sets the title when dirty', async () => {
    const b = createWebBridge();
    expect(typeof (await b.getSystemLocale())).toBe('string');
    b.setDirty(true, 'shop.headroom.json');
    expect(document.title).toBe('• shop.headroom.json — Headroom');
  });

  it('accepts the UI language and does nothing with it (the browser has no menu of ours)', () => {
    const b = createWebBridge();
    expect(() => b.setLanguage('zh-CN')).not.toThrow();
    expect(localStorage.length).toBe(0);
  });

  it('is chosen when there is no preload global, the Electron bridge when there is', async () => {
    expect(createBridge().platform).toBe('web');
    const api = { getSystemLocale: vi.fn(async () => 'zh-CN'), setDirty: vi.fn(), setLanguage: vi.fn() };
    (window as unknown as { headroom: unknown }).headroom = api;
    const b = createBridge();
    expect(b.platform).toBe('electron');
    expect(await b.getSystemLocale()).toBe('zh-CN');
    b.setDirty(true, 'a');
    expect(api.setDirty).toHaveBeenCalledWith(true, 'a');
    b.setLanguage('zh-CN');
    expect(api.setLanguage).toHaveBeenCalledWith('zh-CN');
    delete (window as unknown as { headroom?: unknown }).headroom;
  });
});
