/**
 * Recently opened documents: our own list in userData (so "Open Recent" works on
 * every OS, including Linux, which has no system list), mirrored to the OS list where
 * one exists. The file is small JSON written atomically; a corrupt or foreign file
 * reads as an empty list instead of breaking startup.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import type { FsPort, LoggerPort, OsRecentDocumentsPort } from '../platform/ports';
import { writeFileAtomic } from './atomicWrite';

/** Entries kept; matches the usual length of OS recent menus. */
export const MAX_RECENT_FILES = 10;

const recentFileSchema = z.object({
  version: z.literal(1),
  paths: z.array(z.string().min(1)).max(1000),
});

/** Options for {@link createRecentFiles}. */
export interface RecentFilesOptions {
  fs: FsPort;
  /** Absolute path of the JSON list, e.g. `<userData>/recent-files.json`. */
  file: string;
  os: OsRecentDocumentsPort;
  logger: LoggerPort;
  /** Windows and macOS file systems are case-insensitive by default. */
  caseInsensitive: boolean;
}

/** The recent-files list; all paths are absolute. */
export interface RecentFiles {
  list(): Promise<string[]>;
  /** Moves `path` to the front (deduplicated, capped at {@link MAX_RECENT_FILES}). */
  add(path: string): Promise<string[]>;
  remove(path: string): Promise<string[]>;
  clear(): Promise<void>;
}

/** Creates the recent-files store. Calls are serialized so concurrent adds never lose an entry. */
export function createRecentFiles(options: RecentFilesOptions): RecentFiles {
  const { fs, file, os, logger } = options;
  const key = (path: string): string => (options.caseInsensitive ? path.toLowerCase() : path);
  let queue: Promise<unknown> = Promise.resolve();

  const serialize = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  };

  async function read(): Promise<string[]> {
    let text: string;
    try {
      text = await fs.readText(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') logger.warn('recent files unreadable', error);
      return [];
    }
    try {
      const parsed = recentFileSchema.safeParse(JSON.parse(text));
      if (parsed.success) return dedupe(parsed.data.paths);
    } catch {
      /* falls through to the warning */
    }
    logger.warn(`ignoring corrupt recent files list at ${file}`);
    return [];
  }

  function dedupe(paths: string[]): string[] {
    const seen = new Set<string>();
    const out: string[] = [];
    for (const path of paths) {
      const k = key(path);
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(path);
      if (out.length === MAX_RECENT_FILES) break;
    }
    return out;
  }

  async function write(paths: string[]): Promise<void> {
    await writeFileAtomic(fs, file, `${JSON.stringify({ version: 1, paths }, null, 2)}\n`);
  }

  return {
    list: () => serialize(read),
    add: (path) =>
      serialize(async () => {
        const absolute = resolve(path);
        const paths = dedupe([absolute, ...(await read())]);
        await write(paths);
        os.add(absolute);
        return paths;
      }),
    remove: (path) =>
      serialize(async () => {
        const paths = (await read()).filter((p) => key(p) !== key(resolve(path)));
        await write(paths);
        return paths;
      }),
    clear: () =>
      serialize(async () => {
        await write([]);
        os.clear();
      }),
  };
}
