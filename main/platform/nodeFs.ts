/**
 * The real {@link FsPort} over node:fs/promises. Kept free of Electron so services
 * can be exercised against a temporary directory in plain Node.
 */
import { constants as fsConstants, promises as fs } from 'node:fs';
import type { FileHandleLike, FsPort } from './ports';

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

/** Creates an {@link FsPort} backed by the local file system. */
export function createNodeFs(): FsPort {
  return {
    async createExclusive(path): Promise<FileHandleLike> {
      const handle = await fs.open(path, 'wx', 0o600);
      return {
        writeFile: (data) => handle.writeFile(data),
        sync: () => handle.sync(),
        close: () => handle.close(),
      };
    },
    rename: (from, to) => fs.rename(from, to),
    unlink: (path) => fs.unlink(path),
    readText: (path) => fs.readFile(path, 'utf8'),
    readBytes: async (path) => new Uint8Array(await fs.readFile(path)),
    mkdirp: async (path) => {
      await fs.mkdir(path, { recursive: true });
    },
    readdir: (path) => fs.readdir(path),
    async modeOf(path) {
      try {
        return (await fs.stat(path)).mode & 0o7777;
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
    chmod: (path, mode) => fs.chmod(path, mode),
    async realpath(path) {
      try {
        return await fs.realpath(path);
      } catch (error) {
        if (isMissing(error)) return path;
        throw error;
      }
    },
    async mtimeOf(path) {
      try {
        return (await fs.lstat(path)).mtimeMs;
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
    async isWritable(path) {
      try {
        // The bits first: root passes access(W_OK) on a 0444 file, yet the user marked it read-only.
        if (((await fs.stat(path)).mode & 0o222) === 0) return false;
        await fs.access(path, fsConstants.W_OK);
        return true;
      } catch (error) {
        return isMissing(error);
      }
    },
    async syncDir(path) {
      // Windows cannot open a directory for fsync; durability there comes from NTFS's
      // rename semantics, so a failure here is expected and harmless.
      let handle: Awaited<ReturnType<typeof fs.open>> | undefined;
      try {
        handle = await fs.open(path, 'r');
        await handle.sync();
      } catch {
        /* best effort */
      } finally {
        await handle?.close().catch(() => undefined);
      }
    },
  };
}
