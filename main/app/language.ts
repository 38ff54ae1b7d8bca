/**
 * The language main speaks in (menu, dialogs, file errors). The user's pick in the
 * app wins over the system's; the last pick is remembered across starts (through
 * `save`, into the settings file) so the menu starts in it before any window has
 * told us. With no pick yet, the system's stands in.
 * One value for the whole app because the application menu is shared by every window.
 */
import { STRING_TABLES, type MenuLocale, type Strings } from '../menu/strings';
import type { LoggerPort } from '../platform/ports';
import type { SettingsStore } from '../services/settings';

/** The pick remembered from an earlier run, and where to remember a new one. */
export interface LanguageMemory {
  saved: MenuLocale | null;
  save: (language: MenuLocale) => void;
}

/** See the file header. */
export class LanguagePreference {
  private chosen: MenuLocale | null;

  /** `system` is asked each time, so a change of OS language applies until the user picks one. */
  constructor(
    private readonly system: () => MenuLocale,
    private readonly memory: LanguageMemory = { saved: null, save: () => undefined },
  ) {
    this.chosen = memory.saved;
  }

  /** The language in effect. */
  get current(): MenuLocale {
    return this.chosen ?? this.system();
  }

  /** Records the user's pick; true when the language in effect changed. */
  choose(language: MenuLocale): boolean {
    const before = this.current;
    // Every window reports its language on load; only a new pick is worth a write.
    if (language !== this.chosen) this.memory.save(language);
    this.chosen = language;
    return before !== language;
  }

  /** The string table in effect; services take this as their `strings()`. */
  readonly strings = (): Strings => STRING_TABLES[this.current];
}

/**
 * The language memory kept in the settings file. A failed save is logged, not shown:
 * the pick still applies for this run, and the worst case is the old language next start.
 */
export async function settingsLanguageMemory(settings: SettingsStore, logger: LoggerPort): Promise<LanguageMemory> {
  return {
    saved: (await settings.read()).language ?? null,
    save: (language) => void settings.update({ language }).catch((error: unknown) => logger.warn('could not save the UI language', error)),
  };
}
