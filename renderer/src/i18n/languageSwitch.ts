/**
 * The language half of the action context: switching the UI language, remembering
 * the pick, and keeping the host in step so Electron's menu and dialogs speak it too.
 * The host hears about every change of the i18next instance, not only the ones made
 * here, so no future way of switching can leave the menu behind.
 */
import type { i18n } from 'i18next';
import type { HostBridge } from '../../../contract/bridge';
import { normalizeLanguage, rememberLanguage } from './index';

/** The language half of the action context (`ActionContext` extends it). */
export interface LanguageSwitch {
  changeLanguage(lang: string): void;
  language(): string;
}

/** Tells `host` the language `instance` starts in and every one it switches to. */
export function createLanguageSwitch(instance: i18n, host: Pick<HostBridge, 'setLanguage'>): LanguageSwitch {
  const report = (tag: string): void => {
    try {
      host.setLanguage(normalizeLanguage(tag));
    } catch (error) {
      // A host that cannot follow keeps its own language; the UI still switches.
      console.warn('headroom: the host did not take the language', error);
    }
  };
  report(instance.language);
  instance.on('languageChanged', report);
  return {
    changeLanguage(tag) {
      const lang = normalizeLanguage(tag);
      rememberLanguage(lang);
      void instance.changeLanguage(lang);
    },
    language: () => instance.language,
  };
}
