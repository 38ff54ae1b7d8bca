/**
 * i18next set up with English and Simplified Chinese bundled in. The language is
 * the one the user chose last (localStorage), else the system's.
 */
import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import zhCN from './zh-CN.json';

export const languages = ['en', 'zh-CN'] as const;
export type Language = (typeof languages)[number];

const storageKey = 'headroom.language';

export function normalizeLanguage(tag: string | null | undefined): Language {
  return tag && /^zh\b/i.test(tag) ? 'zh-CN' : 'en';
}

export function storedLanguage(): Language | null {
  try {
    const v = localStorage.getItem(storageKey);
    return v === 'en' || v === 'zh-CN' ? v : null;
  } catch {
    return null;
  }
}

export function rememberLanguage(lang: Language): void {
  try {
    localStorage.setItem(storageKey, lang);
  } catch {
    // Not remembered; the choice still holds for this session.
  }
}

export async function initI18n(lang: Language): Promise<i18n> {
  const instance = i18next.createInstance();
  await instance.use(initReactI18next).init({
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    lng: lang,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = lang;
  instance.on('languageChanged', (l) => {
    document.documentElement.lang = l;
  });
  return instance;
}
