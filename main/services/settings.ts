/**
 * The app's own settings in userData (today: the UI language the user picked, so the
 * menu and dialogs start in it before any window has loaded). Small JSON written
 * atomically; a missing, corrupt or foreign file reads as "no settings" and a field
 * this version does not understand is kept on rewrite, so startup never breaks on it
 * and a newer version's settings survive a run of an older one.
 */
import { z } from 'zod';
import { STRING_TABLES, type MenuLocale } from '../menu/strings';
import type { FsPort, LoggerPort } from '../platform/ports';
import { writeFileAtomic } from './atomicWrite';

const languages = Object.keys(STRING_TABLES) as [MenuLocale, ...MenuLocale[]];

const settingsFileSchema = z.looseObject({
  version: z.literal(1),
  // An unknown language (say, one a newer version ships) reads as "not picked".
  language: z.enum(languages).optional().catch(undefined),
});

/** What the settings file holds; every field optional (absent: the default applies). */
export interface Settings {
  language?: MenuLocale;
}

/** Options for {@link createSettingsStore}. */
export interface SettingsStoreOptions {
  fs: FsPort;
  /** Absolute path, e.g. `<userData>/settings.json`. */
  file: string;
  logger: LoggerPort;
}

/** Reads and updates the settings file; updates are serialized so none is lost. */
export interface SettingsStore {
  read(): Promise<Settings>;
  update(patch: Settings): Promise<void>;
}

/** Creates the settings store. */
export function createSettingsStore(options: SettingsStoreOptions): SettingsStore {
  const { fs, file, logger } = options;
  let queue: Promise<unknown> = Promise.resolve();
  const serialize = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  };

  /** The whole file, unknown fields included, or null when there is none to keep. */
  async function readRaw(): Promise<z.infer<typeof settingsFileSchema> | null> {
    let text: string;
    try {
      text = await fs.readText(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') logger.warn('settings unreadable', error);
      return null;
    }
    try {
      const parsed = settingsFileSchema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
    } catch {
      /* falls through to the warning */
    }
    logger.warn(`ignoring corrupt settings at ${file}`);
    return null;
  }

  return {
    read: () =>
      serialize(async () => {
        const raw = await readRaw();
        return raw?.language ? { language: raw.language } : {};
      }),
    update: (patch) =>
      serialize(async () => {
        const next = { ...(await readRaw()), ...patch, version: 1 };
        await writeFileAtomic(fs, file, `${JSON.stringify(next, null, 2)}\n`);
      }),
  };
}
