/**
 * The CLI's output files (`--json`, `--report`, `--csv`): checked before a run starts,
 * so a long sweep never ends in an unwritable path, and written complete or not at
 * all (temp file in the same folder, every byte counted, fsync, rename). The temp
 * names follow the app's pattern (`.NAME.<12 hex>.tmp`), so both sweep the same
 * leftovers. Node-only, like the rest of the hosts.
 */
import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { FindingError, problem } from '../findings/error';
import type { Finding } from '../findings/finding';

/** The file-system calls an output write needs; injectable so tests can fill the disk. */
export interface OutputFs {
  openSync(path: string, flags: string, mode?: number): number;
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number): number;
  fsyncSync(fd: number): void;
  closeSync(fd: number): void;
  renameSync(from: string, to: string): void;
  unlinkSync(path: string): void;
  statSync(path: string): nodeFs.Stats;
  readdirSync(path: string): string[];
}

const realFs: OutputFs = nodeFs;

/** An output the CLI cannot write; `beforeRun` when it was found before simulating anything. */
export class OutputError extends FindingError {
  constructor(
    finding: Finding,
    readonly beforeRun: boolean,
  ) {
    super(finding);
  }
}

/** A temp file younger than this may belong to another headroom still writing. */
export const STALE_OUTPUT_TEMP_MS = 60_000;
const TEMP_NAME = /^\..+\.[0-9a-f]{12}\.tmp$/;

/** Why a write failed, as figures of a finding: a known errno as a `reason`, anything else as its `detail`. */
function reasonOf(error: unknown): Finding['figures'] {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (error instanceof ShortWrite) return { reason: 'short', written: error.written, bytes: error.bytes };
  if (code === 'EACCES' || code === 'EPERM') return { reason: 'denied' };
  if (code === 'ENOSPC' || code === 'EDQUOT') return { reason: 'full' };
  if (code === 'EROFS') return { reason: 'readOnlyDisk' };
  if (code === 'ENOENT') return { reason: 'noFolder' };
  if (code === 'EISDIR') return { reason: 'isFolder' };
  return { reason: 'other', detail: error instanceof Error ? error.message : String(error) };
}

/** Fewer bytes reached the disk than were written, though no call failed. */
class ShortWrite extends Error {
  constructor(
    readonly written: number,
    readonly bytes: number,
  ) {
    super(`${written} of ${bytes} bytes reached the disk`);
  }
}

function statOrNull(fs: OutputFs, path: string): nodeFs.Stats | null {
  try {
    return fs.statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
    throw error;
  }
}

/**
 * Throws an {@link OutputError} (beforeRun) naming the option and the path when the
 * output cannot be written: a missing or read-only folder, a folder in its place, a
 * read-only file. The folder is probed by creating and removing a temp file, which
 * catches ACLs and read-only mounts that permission bits do not show.
 */
export function checkOutputPath(option: string, path: string, fs: OutputFs = realFs): void {
  const refuse = (why: string, more: Finding['figures'] = {}): never => {
    throw new OutputError(problem('cliOutputRefused', { option, path, why, folder, ...more }), true);
  };
  const target = resolve(path);
  const folder = dirname(target);
  const folderStat = statOrNull(fs, folder);
  if (!folderStat) refuse('noFolder');
  if (!folderStat!.isDirectory()) refuse('notFolder');
  // Permission bits first: root may write anywhere, yet a 0555 folder was made read-only on purpose.
  if ((folderStat!.mode & 0o222) === 0) refuse('folderReadOnly');
  const existing = statOrNull(fs, target);
  if (existing?.isDirectory()) refuse('isFolder');
  if (existing && (existing.mode & 0o222) === 0) refuse('fileReadOnly');
  const probe = tempPathFor(target);
  try {
    fs.closeSync(fs.openSync(probe, 'wx', 0o600));
    fs.unlinkSync(probe);
  } catch (error) {
    refuse('folderNotWritable', reasonOf(error));
  }
}

/** Checks every output path in `outputs` (option name → path; `-` and absent ones skipped). */
export function checkOutputPaths(outputs: Record<string, unknown>, fs: OutputFs = realFs): void {
  for (const [option, path] of Object.entries(outputs)) {
    if (typeof path === 'string' && path !== '-') checkOutputPath(option, path, fs);
  }
}

function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
}

/** Removes temp files of killed writes in `folder`, older than {@link STALE_OUTPUT_TEMP_MS}; best effort. */
export function removeStaleOutputTemps(folder: string, now: number = Date.now(), fs: OutputFs = realFs): number {
  let removed = 0;
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return 0;
  }
  for (const name of names) {
    if (!TEMP_NAME.test(name)) continue;
    try {
      const path = join(folder, name);
      if (now - fs.statSync(path).mtimeMs < STALE_OUTPUT_TEMP_MS) continue;
      fs.unlinkSync(path);
      removed++;
    } catch {
      /* gone already, or not ours to delete */
    }
  }
  return removed;
}

/**
 * Replaces `path` with `text` atomically. A short write (a full disk) or any other
 * failure leaves the old file as it was, removes the temp file and throws an
 * {@link OutputError} naming the option and the path.
 */
export function writeOutputFile(option: string, path: string, text: string, fs: OutputFs = realFs): void {
  const target = resolve(path);
  removeStaleOutputTemps(dirname(target), Date.now(), fs);
  const bytes = Buffer.from(text, 'utf8');
  const temp = tempPathFor(target);
  let fd: number | null = null;
  try {
    fd = fs.openSync(temp, 'wx', 0o644);
    let written = 0;
    while (written < bytes.length) {
      const n = fs.writeSync(fd, bytes, written, bytes.length - written);
      // A write that makes no progress would loop for ever; the disk has no room left.
      if (n <= 0) throw Object.assign(new Error('no bytes written'), { code: 'ENOSPC' });
      written += n;
    }
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = null;
    const size = fs.statSync(temp).size;
    if (size !== bytes.length) throw new ShortWrite(size, bytes.length);
    fs.renameSync(temp, target);
  } catch (error) {
    if (fd !== null) {
      try {
        fs.closeSync(fd);
      } catch {
        /* the write error is the one to report */
      }
    }
    try {
      fs.unlinkSync(temp);
    } catch {
      /* never created, or already renamed */
    }
    throw new OutputError(problem('cliOutputFailed', { option, path, ...reasonOf(error) }), false);
  }
}
