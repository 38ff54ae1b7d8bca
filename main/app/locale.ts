/**
 * The system locale as the renderer wants it: a BCP 47 tag in the short form its
 * i18n tables use ("zh-CN", "en-US"). macOS reports script subtags ("zh-Hans-CN"),
 * Windows and Linux sometimes underscores; both are folded here.
 */

/** Normalizes one OS language tag; falls back to "en-US" for anything unusable. */
export function normalizeLocaleTag(tag: string | undefined): string {
  if (!tag) return 'en-US';
  const cleaned = tag.replace(/_/g, '-').replace(/\..*$/, '').replace(/@.*$/, '');
  let canonical: string;
  try {
    canonical = Intl.getCanonicalLocales(cleaned)[0] ?? 'en-US';
  } catch {
    return 'en-US';
  }
  const locale = new Intl.Locale(canonical);
  if (locale.language === 'zh') {
    const traditional = locale.script === 'Hant' || (!locale.script && ['TW', 'HK', 'MO'].includes(locale.region ?? ''));
    if (traditional) return `zh-${locale.region ?? 'TW'}`;
    return 'zh-CN';
  }
  return locale.region ? `${locale.language}-${locale.region}` : locale.language;
}

/** The first usable tag of the user's preferred languages. */
export function systemLocale(preferred: readonly string[], fallback: string | undefined): string {
  return normalizeLocaleTag(preferred[0] ?? fallback);
}
