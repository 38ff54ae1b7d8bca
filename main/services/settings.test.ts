import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LanguagePreference, settingsLanguageMemory } from '../app/language';
import { createNodeFs } from '../platform/nodeFs';
import { fakeLogger } from '../testing/fakes';
import { useTmpDirs } from '../testing/tmpdir';
import { createSettingsStore } from './settings';

const makeDir = useTmpDirs();

async function setup() {
  const file = join(await makeDir(), 'settings.json');
  const logger = fakeLogger();
  return { file, logger, settings: createSettingsStore({ fs: createNodeFs(), file, logger }) };
}

describe('settings file', () => {
  it('reads as empty before the first write, without a warning', async () => {
    const { settings, logger } = await setup();
    expect(await settings.read()).toEqual({});
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('keeps the language across store instances (a restart)', async () => {
    const { file, settings, logger } = await setup();
    await settings.update({ language: 'zh-CN' });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ version: 1, language: 'zh-CN' });
    expect(await createSettingsStore({ fs: createNodeFs(), file, logger }).read()).toEqual({ language: 'zh-CN' });
  });

  it.each([
    ['not JSON', '{"version": 1, "language": '],
    ['a foreign document', '["zh-CN"]'],
    ['a future version', '{"version": 2, "language": "zh-CN"}'],
  ])('reads %s as no settings, with a warning naming the file', async (_, text) => {
    const { file, settings, logger } = await setup();
    await writeFile(file, text);
    expect(await settings.read()).toEqual({});
    expect(logger.warn).toHaveBeenCalledWith(`ignoring corrupt settings at ${file}`);
  });

  it('reads a language it does not ship as "not picked" and keeps fields it does not know on rewrite', async () => {
    const { file, settings } = await setup();
    await writeFile(file, JSON.stringify({ version: 1, language: 'fr', theme: 'dark' }));
    expect(await settings.read()).toEqual({});
    await settings.update({ language: 'en' });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ version: 1, language: 'en', theme: 'dark' });
  });

  it('loses no update when several are in flight', async () => {
    const { settings } = await setup();
    await Promise.all([settings.update({ language: 'zh-CN' }), settings.update({ language: 'en' })]);
    expect(await settings.read()).toEqual({ language: 'en' });
  });
});

describe('the remembered UI language', () => {
  it('starts in the saved pick over the system language, and saves only a new pick', async () => {
    const { settings, logger, file } = await setup();
    await settings.update({ language: 'zh-CN' });
    const saves: string[] = [];
    const memory = await settingsLanguageMemory(settings, logger);
    const language = new LanguagePreference(() => 'en', { saved: memory.saved, save: (l) => (saves.push(l), memory.save(l)) });
    expect(language.current).toBe('zh-CN');
    expect(language.choose('zh-CN')).toBe(false);
    expect(saves).toEqual([]);
    expect(language.choose('en')).toBe(true);
    expect(saves).toEqual(['en']);
    await expect.poll(async () => JSON.parse(await readFile(file, 'utf8')).language).toBe('en');
  });

  it('follows the system language until the user picks one', async () => {
    const { settings, logger } = await setup();
    let system: 'en' | 'zh-CN' = 'en';
    const language = new LanguagePreference(() => system, await settingsLanguageMemory(settings, logger));
    expect(language.current).toBe('en');
    system = 'zh-CN';
    expect(language.current).toBe('zh-CN');
  });

  it('logs, and keeps the pick for this run, when the settings cannot be written', async () => {
    const logger = fakeLogger();
    const settings = createSettingsStore({ fs: createNodeFs(), file: join(await makeDir(), 'missing-dir', 'settings.json'), logger });
    const language = new LanguagePreference(() => 'en', await settingsLanguageMemory(settings, logger));
    language.choose('zh-CN');
    expect(language.current).toBe('zh-CN');
    await expect.poll(() => logger.warn.mock.calls.length).toBe(1);
    expect(logger.warn.mock.calls[0]![0]).toBe('could not save the UI language');
  });
});
