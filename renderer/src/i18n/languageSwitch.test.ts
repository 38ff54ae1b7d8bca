// @vitest-environment happy-dom
/** Switching the UI language, by the action or the toolbar's select, reaches the host so its menu follows. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { HostBridge } from '../../../contract/bridge';
import { createActionRegistry } from '../actions/appActions';
import type { ActionContext } from '../actions/registry';
import { emptyScenario } from '../model/newScenario';
import { createStores } from '../stores/context';
import { initI18n, storedLanguage, type Language } from './index';
import { createLanguageSwitch } from './languageSwitch';

async function setup(start: Language) {
  const i18n = await initI18n(start);
  const setLanguage = vi.fn<HostBridge['setLanguage']>();
  const bridge = { platform: 'electron', setLanguage } as unknown as HostBridge;
  const ctx: ActionContext = {
    stores: createStores(emptyScenario('Shop')),
    bridge,
    sim: { run: vi.fn(), sweep: vi.fn(), compare: vi.fn(), replications: vi.fn(), metastability: vi.fn(), dispose: vi.fn() },
    t: i18n.t.bind(i18n),
    flow: () => null,
    ...createLanguageSwitch(i18n, bridge),
  };
  return { i18n, ctx, setLanguage, registry: createActionRegistry() };
}

describe('language switch', () => {
  beforeEach(() => localStorage.clear());

  it('tells the host the language the renderer resolved at start', async () => {
    const { setLanguage } = await setup('zh-CN');
    expect(setLanguage.mock.calls).toEqual([['zh-CN']]);
  });

  it('the language action switches the UI, remembers it and tells the host', async () => {
    const { ctx, i18n, setLanguage, registry } = await setup('en');
    setLanguage.mockClear();
    await registry.run('view.language', ctx);
    await vi.waitFor(() => expect(i18n.language).toBe('zh-CN'));
    expect(setLanguage.mock.calls).toEqual([['zh-CN']]);
    expect(storedLanguage()).toBe('zh-CN');
    expect(document.documentElement.lang).toBe('zh-CN');

    await registry.run('view.language', ctx);
    await vi.waitFor(() => expect(setLanguage).toHaveBeenLastCalledWith('en'));
    expect(ctx.language()).toBe('en');
  });

  it('hands the host only the languages it knows, whatever tag the UI was given', async () => {
    const { ctx, setLanguage } = await setup('en');
    ctx.changeLanguage('zh-Hans-CN');
    await vi.waitFor(() => expect(setLanguage).toHaveBeenLastCalledWith('zh-CN'));
    ctx.changeLanguage('fr');
    await vi.waitFor(() => expect(setLanguage).toHaveBeenLastCalledWith('en'));
  });

  it('still switches the UI when the host throws', async () => {
    const { ctx, i18n, setLanguage } = await setup('en');
    setLanguage.mockImplementation(() => {
      throw new Error('gone');
    });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    ctx.changeLanguage('zh-CN');
    await vi.waitFor(() => expect(i18n.language).toBe('zh-CN'));
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });
});
