import * as nodeFs from 'node:fs';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkOutputPath, OutputError, removeStaleOutputTemps, STALE_OUTPUT_TEMP_MS, writeOutputFile, type OutputFs } from './outputFiles';

const root = mkdtempSync(join(tmpdir(), 'headroom-outputs-'));
let counter = 0;
function freshDir(): string {
  const dir = join(root, String(counter++));
  mkdirSync(dir);
  return dir;
}
afterAll(() => {
  // A test may leave a read-only folder; make it removable again.
  for (const name of readdirSync(root)) chmodSync(join(root, name), 0o755);
  rmSync(root, { recursive: true, force: true });
});

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(code), { code });
}

/** The real file system whose disk holds only `room` more bytes per write call. */
function diskWithRoom(room: number): OutputFs {
  return {
    ...nodeFs,
    writeSync: (fd, buffer, offset, length) => nodeFs.writeSync(fd, buffer, offset, Math.min(length, room)),
  } as OutputFs;
}

function thrown(fn: () => void): OutputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof OutputError) return error;
    throw error;
  }
  throw new Error('expected an OutputError');
}

describe('writeOutputFile', () => {
  it('writes exactly the text and leaves no temp file', () => {
    const dir = freshDir();
    const target = join(dir, 'result.json');
    const text = `${JSON.stringify({ a: 'é'.repeat(50_000) })}\n`;
    writeOutputFile('json', target, text);
    expect(readFileSync(target, 'utf8')).toBe(text);
    expect(readdirSync(dir)).toEqual(['result.json']);
  });

  it('finishes a file the disk takes in small pieces', () => {
    const dir = freshDir();
    const target = join(dir, 'report.html');
    writeOutputFile('report', target, 'x'.repeat(10_000), diskWithRoom(777));
    expect(readFileSync(target, 'utf8')).toBe('x'.repeat(10_000));
  });

  it('on a full disk (writes that stop making progress) keeps the old file, removes the temp and names the path', () => {
    const dir = freshDir();
    const target = join(dir, 'result.json');
    writeFileSync(target, 'old result');
    let calls = 0;
    const filling: OutputFs = {
      ...nodeFs,
      writeSync: (fd, buffer, offset, length) => (calls++ === 0 ? nodeFs.writeSync(fd, buffer, offset, Math.min(length, 100)) : 0),
    } as OutputFs;
    const error = thrown(() => writeOutputFile('json', target, 'y'.repeat(5_000), filling));
    expect(error.beforeRun).toBe(false);
    expect(error.message).toContain(`--json ${target}`);
    expect(error.message).toContain('the disk is full');
    expect(readFileSync(target, 'utf8')).toBe('old result');
    expect(readdirSync(dir)).toEqual(['result.json']);
  });

  it('on ENOSPC from the write keeps the old file and leaves no temp', () => {
    const dir = freshDir();
    const target = join(dir, 'points.csv');
    writeFileSync(target, 'old,csv\n');
    const full = { ...nodeFs, writeSync: () => { throw errno('ENOSPC'); } } as OutputFs;
    const error = thrown(() => writeOutputFile('csv', target, 'new,csv\n', full));
    expect(error.message).toMatch(/--csv .*points\.csv: could not write the file: the disk is full/);
    expect(readFileSync(target, 'utf8')).toBe('old,csv\n');
    expect(readdirSync(dir)).toEqual(['points.csv']);
  });

  it('on a failing fsync keeps the old file', () => {
    const dir = freshDir();
    const target = join(dir, 'result.json');
    writeFileSync(target, 'old');
    const failing = { ...nodeFs, fsyncSync: () => { throw errno('EIO'); } } as OutputFs;
    thrown(() => writeOutputFile('json', target, 'new', failing));
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['result.json']);
  });

  it('sweeps temp files of killed writes older than a minute, and only those', () => {
    const dir = freshDir();
    const stale = join(dir, '.result.json.0123456789ab.tmp');
    const fresh = join(dir, '.result.json.ba9876543210.tmp');
    const unrelated = join(dir, '.notes.tmp');
    for (const path of [stale, fresh, unrelated]) writeFileSync(path, 'partial');
    const old = (Date.now() - STALE_OUTPUT_TEMP_MS - 5_000) / 1000;
    utimesSync(stale, old, old);
    utimesSync(unrelated, old, old);
    writeOutputFile('json', join(dir, 'result.json'), '{}\n');
    expect(readdirSync(dir).sort()).toEqual(['.notes.tmp', '.result.json.ba9876543210.tmp', 'result.json']);
    expect(removeStaleOutputTemps(dir, Date.now() + 2 * STALE_OUTPUT_TEMP_MS)).toBe(1);
  });
});

describe('checkOutputPath', () => {
  it('accepts a new file in a writable folder and an existing file, leaving nothing behind', () => {
    const dir = freshDir();
    checkOutputPath('json', join(dir, 'new.json'));
    writeFileSync(join(dir, 'old.json'), 'x');
    checkOutputPath('json', join(dir, 'old.json'));
    expect(readdirSync(dir)).toEqual(['old.json']);
  });

  it('refuses a missing folder, naming the option and the folder', () => {
    const dir = freshDir();
    const error = thrown(() => checkOutputPath('report', join(dir, 'missing', 'r.html')));
    expect(error.beforeRun).toBe(true);
    expect(error.message).toContain(`--report ${join(dir, 'missing', 'r.html')}`);
    expect(error.message).toContain(`the folder ${join(dir, 'missing')} does not exist`);
  });

  it('refuses a read-only folder and a read-only file', () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'locked.json'), 'x');
    chmodSync(join(dir, 'locked.json'), 0o444);
    expect(thrown(() => checkOutputPath('json', join(dir, 'locked.json'))).message).toContain('the file is read-only');
    chmodSync(dir, 0o555);
    expect(thrown(() => checkOutputPath('csv', join(dir, 'points.csv'))).message).toContain(`the folder ${dir} is read-only`);
  });

  it('refuses a path that is a folder, and a folder path that is a file', () => {
    const dir = freshDir();
    mkdirSync(join(dir, 'out'));
    expect(thrown(() => checkOutputPath('json', join(dir, 'out'))).message).toContain('it is a folder');
    writeFileSync(join(dir, 'file'), 'x');
    expect(thrown(() => checkOutputPath('json', join(dir, 'file', 'r.json'))).message).toMatch(/does not exist|is not a folder/);
  });

  it('refuses a folder where creating a file fails (an ACL or a read-only mount)', () => {
    const dir = freshDir();
    const denied = { ...nodeFs, openSync: () => { throw errno('EACCES'); } } as unknown as OutputFs;
    expect(thrown(() => checkOutputPath('json', join(dir, 'r.json'), denied)).message).toContain('is not writable (permission denied)');
  });
});
