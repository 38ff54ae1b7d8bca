/**
 * Atomic file replacement: write a sibling temp file, fsync it, rename it over the
 * target. A reader (or a crash) sees either the old file or the new one, never a
 * half-written one. Windows briefly locks files that antivirus or indexers touch,
 * so the rename is retried on EPERM/EBUSY/EACCES.
 *
 * A symlinked target is written through to the file it points at (the link stays a
 * link), and temp files that a killed save left behind are swept on the next write
 * into the same folder.
 */
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import type { FsPort } from '../platform/ports';

const RETRYABLE = new Set(['EPERM', 'EBUSY', 'EACCES']);

/** Tuning and test seams for {@link writeFileAtomic}. */
export interface AtomicWriteOptions {
  /** Rename attempts before giving up (default 8, spanning roughly a second). */
  attempts?: number;
  /** Waits between rename attempts; injectable so tests do not sleep. */
  sleep?: (ms: number) => Promise<void>;
  /** Temp-name suffix source; injectable for deterministic tests. */
  randomSuffix?: () => string;
  /** Clock for the stale-temp sweep; injectable for tests. */
  now?: () => number;
}

/**
 * A temp file younger than this may belong to a save still in progress (another
 * window, another process), so only older ones are swept.
 */
export const STALE_TEMP_AGE_MS = 60_000;

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The temp-file name used for `target`: hidden, in the same directory, so rename stays on one volume. */
export function tempPathFor(target: string, suffix: string): string {
  return join(dirname(target), `.${basename(target)}.${suffix}.tmp`);
}

/** True for temp files left by {@link writeFileAtomic} (e.g. after a power cut). */
export function isAtomicTempName(name: string): boolean {
  return /^\..+\.[0-9a-f]{12}\.tmp$/.test(name);
}

/**
 * Replaces `target` with `data` atomically. On any failure the temp file is removed,
 * the original (if any) is untouched, and the error is rethrown.
 */
export async function writeFileAtomic(
  fs: FsPort,
  target: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const attempts = options.attempts ?? 8;
  const sleep = options.sleep ?? defaultSleep;
  const suffix = options.randomSuffix?.() ?? randomBytes(6).toString('hex');
  // Renaming over a symlink would replace the link; the file it names is the document.
  target = await fs.realpath(target);
  const temp = tempPathFor(target, suffix);
  await removeStaleTemps(fs, dirname(target), options.now?.() ?? Date.now());

  let created = false;
  try {
    const mode = await fs.modeOf(target);
    const handle = await fs.createExclusive(temp);
    created = true;
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (mode !== null) await fs.chmod(temp, mode);
    await renameWithRetry(fs, temp, target, attempts, sleep);
    created = false;
  } catch (error) {
    if (created) await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
  await fs.syncDir(dirname(target));
}

/**
 * Deletes temp files of killed saves in `dir`: names {@link writeFileAtomic} makes,
 * older than {@link STALE_TEMP_AGE_MS}. Best effort: a sweep that fails never fails
 * the save. Returns how many were removed.
 */
export async function removeStaleTemps(fs: FsPort, dir: string, now: number = Date.now()): Promise<number> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names.filter(isAtomicTempName)) {
    const path = join(dir, name);
    try {
      const mtime = await fs.mtimeOf(path);
      if (mtime === null || now - mtime < STALE_TEMP_AGE_MS) continue;
      await fs.unlink(path);
      removed++;
    } catch {
      /* gone already, or not ours to delete */
    }
  }
  return removed;
}

async function renameWithRetry(
  fs: FsPort,
  from: string,
  to: string,
  attempts: number,
  sleep: (ms: number) => Promise<void>,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await fs.rename(from, to);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException | undefined)?.code;
      if (attempt >= attempts || code === undefined || !RETRYABLE.has(code)) throw error;
      await sleep(Math.min(10 * 2 ** (attempt - 1), 250));
    }
  }
}
