/**
 * Crash recovery: each window autosaves its unsaved work to its own slot file under
 * `<userData>/autosave/`. A slot no live window owns is an orphan left by a crash;
 * the next window that asks gets the newest orphan and adopts it, so the work is
 * offered exactly once and deleted only when the user saves, discards or declines.
 */
import { join } from 'node:path';
import { z } from 'zod';
import type { FsPort, LoggerPort } from '../platform/ports';
import { removeStaleTemps, writeFileAtomic } from './atomicWrite';

/** Caps what one autosave may hold, matching the IPC contract's document limit. */
export const MAX_AUTOSAVE_CHARS = 64 * 1024 * 1024;

const slotFileSchema = z.object({
  version: z.literal(1),
  text: z.string().max(MAX_AUTOSAVE_CHARS),
  name: z.string().max(1024),
  savedAt: z.string(),
});

/** What a window gets back after a crash. */
export interface RecoveredWork {
  text: string;
  name: string;
  savedAt: string;
}

/** Autosave slots; `slot` ids are opaque, url-safe strings chosen by the caller. */
export interface AutosaveStore {
  write(slot: string, text: string, name: string): Promise<void>;
  /** Newest slot not in `liveSlots` (other windows' slots), adopted by `slot`; null when none. */
  recover(slot: string, liveSlots: ReadonlySet<string>): Promise<RecoveredWork | null>;
  /** Deletes `slot`'s own file and anything it adopted. */
  clear(slot: string): Promise<void>;
}

/** Options for {@link createAutosaveStore}. */
export interface AutosaveOptions {
  fs: FsPort;
  /** e.g. `<userData>/autosave`. */
  dir: string;
  logger: LoggerPort;
  now?: () => Date;
}

const SLOT_RE = /^[A-Za-z0-9_-]{1,64}$/;

/** Creates the autosave store. */
export function createAutosaveStore(options: AutosaveOptions): AutosaveStore {
  const { fs, dir, logger } = options;
  const now = options.now ?? (() => new Date());
  /** slot → orphan slots it adopted (superseded by its own next write). */
  const adopted = new Map<string, Set<string>>();
  const fileOf = (slot: string): string => {
    if (!SLOT_RE.test(slot)) throw new Error(`invalid autosave slot ${JSON.stringify(slot)}`);
    return join(dir, `${slot}.json`);
  };

  async function removeAdopted(slot: string): Promise<void> {
    const orphans = adopted.get(slot);
    if (!orphans) return;
    adopted.delete(slot);
    await Promise.all([...orphans].map((orphan) => fs.unlink(fileOf(orphan)).catch(() => undefined)));
  }

  async function readSlot(slot: string): Promise<RecoveredWork | null> {
    try {
      const parsed = slotFileSchema.safeParse(JSON.parse(await fs.readText(fileOf(slot))));
      if (parsed.success) return { text: parsed.data.text, name: parsed.data.name, savedAt: parsed.data.savedAt };
    } catch {
      /* reported below */
    }
    logger.warn(`ignoring unreadable autosave slot ${slot}`);
    return null;
  }

  return {
    async write(slot, text, name) {
      await fs.mkdirp(dir);
      const body = JSON.stringify({ version: 1, text, name, savedAt: now().toISOString() });
      await writeFileAtomic(fs, fileOf(slot), body);
      // The fresh write holds everything the adopted orphan had, and more.
      await removeAdopted(slot);
    },

    async recover(slot, liveSlots) {
      // A window asks once as it starts: the moment to drop temp files of autosaves a crash cut short.
      await removeStaleTemps(fs, dir, now().getTime());
      let names: string[];
      try {
        names = await fs.readdir(dir);
      } catch {
        return null;
      }
      // A window whose renderer crashed and reloaded finds its own slot first: it is
      // newer than any orphan from an earlier session.
      if (names.includes(`${slot}.json`)) {
        const own = await readSlot(slot);
        if (own) return own;
      }
      const claimed = new Set([...adopted.values()].flatMap((set) => [...set]));
      let best: { slot: string; work: RecoveredWork } | null = null;
      for (const name of names) {
        if (!name.endsWith('.json')) continue;
        const candidate = name.slice(0, -'.json'.length);
        if (!SLOT_RE.test(candidate) || candidate === slot || liveSlots.has(candidate) || claimed.has(candidate)) {
          continue;
        }
        const work = await readSlot(candidate);
        if (work && (best === null || work.savedAt > best.work.savedAt)) best = { slot: candidate, work };
      }
      if (!best) return null;
      const set = adopted.get(slot) ?? new Set<string>();
      set.add(best.slot);
      adopted.set(slot, set);
      return best.work;
    },

    async clear(slot) {
      await fs.unlink(fileOf(slot)).catch(() => undefined);
      await removeAdopted(slot);
    },
  };
}
