/**
 * The language main speaks in (menu, dialogs, file errors). The user's pick in the
 * app wins over the system's; until a window has told us, the system's stands in.
 * One value for the whole app because the application menu is shared by every window.
 */
import { STRING_TABLES, type MenuLocale, type Strings } from '../menu/strings';

/** See the file header. */
export class LanguagePreference {
  private chosen: MenuLocale | null = null;

  /** `system` is asked each time, so a change of OS language applies until the user picks one. */
  constructor(private readonly system: () => MenuLocale) {}

  /** The language in effect. */
  get current(): MenuLocale {
    return this.chosen ?? this.system();
  }

  /** Records the user's pick; true when the language in effect changed. */
  choose(language: MenuLocale): boolean {
    const before = this.current;
    this.chosen = language;
    return before !== language;
  }

  /** The string table in effect; services take this as their `strings()`. */
  readonly strings = (): Strings => STRING_TABLES[this.current];
}
