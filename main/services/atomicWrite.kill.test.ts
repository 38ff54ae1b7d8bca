/**
 * Crash safety under real kills: a child process saves the same document again and
 * again with the app's atomic write while the test SIGKILLs it at random moments.
 * After every kill the document must parse and be one whole version, never older
 * than the last save the child reported finished; the temp files the kills leave are
 * gone after the next save.
 */
import { spawn } from 'node:child_process';
import { readdir, readFile, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { createNodeFs } from '../platform/nodeFs';
import { useTmpDirs } from '../testing/tmpdir';
import { versionBody } from '../testing/saveLoop';
import { isAtomicTempName, STALE_TEMP_AGE_MS, writeFileAtomic } from './atomicWrite';

const makeDir = useTmpDirs();
const KILLS = 200;
// Large enough that a save takes a few milliseconds, so kills land inside writes and renames too.
const BODY_CHARS = 64 * 1024;

/** Deterministic kill delays (mulberry32), so a failure can be replayed. */
function delays(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Starts the save loop, kills it `afterMs` after its first finished save; resolves with the last version it reported. */
function saveUntilKilled(script: string, target: string, first: number, afterMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, target, String(BODY_CHARS), String(first)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let reported = first - 1;
    let buffered = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) reported = Math.max(reported, Number(line));
      timer ??= setTimeout(() => child.kill('SIGKILL'), afterMs);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') resolve(reported);
      else reject(new Error(`save loop ended by itself (code ${code}): ${stderr}`));
    });
  });
}

function checkWhole(text: string, atLeast: number): number {
  const parsed = JSON.parse(text) as { version: number };
  expect(parsed.version).toBeGreaterThanOrEqual(atLeast);
  expect(text).toBe(versionBody(parsed.version, BODY_CHARS));
  return parsed.version;
}

describe('atomic save under SIGKILL', () => {
  it(`leaves a whole old or new document after each of ${KILLS} kills, and no temp files after the next save`, async () => {
    const dir = await makeDir();
    const script = join(dir, 'saveLoop.mjs');
    await build({ entryPoints: [join(import.meta.dirname, '../testing/saveLoop.ts')], outfile: script, bundle: true, platform: 'node', format: 'esm', logLevel: 'silent' });
    const docs = join(dir, 'docs');
    await createNodeFs().mkdirp(docs);
    const target = join(docs, 'plan.headroom.json');

    const random = delays(14);
    let committed = -1;
    let next = 0;
    let tempsBefore = 0;
    let killsMidSave = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      const reported = await saveUntilKilled(script, target, next, random() * 12);
      const version = checkWhole(await readFile(target, 'utf8'), Math.max(committed, reported));
      committed = version;
      next = version + 1;
      const temps = (await readdir(docs)).filter(isAtomicTempName).length;
      if (temps > tempsBefore) killsMidSave++;
      tempsBefore = temps;
    }
    // Some kills must have cut a save short, or the test proved nothing about torn writes.
    expect(killsMidSave).toBeGreaterThan(KILLS / 20);

    // The next save, a minute on, finds the leftovers stale and removes them.
    const temps = (await readdir(docs)).filter(isAtomicTempName);
    const aMinuteAgo = (Date.now() - STALE_TEMP_AGE_MS - 1_000) / 1000;
    await Promise.all(temps.map((name) => utimes(join(docs, name), aMinuteAgo, aMinuteAgo)));
    await writeFileAtomic(createNodeFs(), target, versionBody(next, BODY_CHARS));
    expect(await readdir(docs)).toEqual(['plan.headroom.json']);
    expect(checkWhole(await readFile(target, 'utf8'), next)).toBe(next);
    console.info(`atomic save: ${KILLS} kills, ${killsMidSave} of them mid-save (${temps.length} temp files left, all swept by the next save)`);
  }, 300_000);
});
