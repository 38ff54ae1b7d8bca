#!/usr/bin/env node
/**
 * `npm start`: the desktop app when this machine has (or can fetch) an Electron binary,
 * otherwise the same app as a web page. Electron ≥ 42 has no install script: the binary
 * is fetched on first use. We try that fetch once, with a time limit, so a machine that
 * cannot reach Electron's download host falls back to the web UI within seconds instead
 * of failing, and says in one line why.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const WEB_PORT = 5173;
/** Long enough for Electron's ~110 MB archive on an ordinary connection; an offline machine fails at once. */
const DOWNLOAD_LIMIT_MS = 90_000;

const electronPackage = join(root, 'node_modules', 'electron');

/** Path of the Electron executable if one is installed, else null (same rules as electron/index.js). */
function electronBinary() {
  const pathFile = join(electronPackage, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative ?? (process.platform === 'win32' ? 'electron.exe' : 'electron'));
    return existsSync(candidate) ? candidate : null;
  }
  if (!relative) return null;
  const candidate = join(electronPackage, 'dist', relative);
  return existsSync(candidate) ? candidate : null;
}

/**
 * Runs Electron's own downloader (the step its index.js would run on first use) with a
 * time limit. Resolves to null on success, else to a one-line reason.
 */
function downloadElectron() {
  const installer = join(electronPackage, 'install.js');
  if (!existsSync(installer)) return Promise.resolve('the electron package is not installed (run npm ci)');
  console.log(`Headroom: fetching the Electron binary, which is not on this machine yet (at most ${DOWNLOAD_LIMIT_MS / 1000} s)…`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [installer], { cwd: electronPackage, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve(`the download did not finish within ${DOWNLOAD_LIMIT_MS / 1000} s`);
    }, DOWNLOAD_LIMIT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve(error.message);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0 && electronBinary()) resolve(null);
      else resolve(firstErrorLine(stderr) ?? `the downloader exited with ${code}`);
    });
  });
}

/** The message line of a Node stack trace (the downloader prints only err.stack). */
function firstErrorLine(text) {
  const message = text.split('\n').map((l) => l.trim()).find((l) => l && !l.startsWith('at '));
  return message ? `its download failed: ${message}` : null;
}

/** Runs a command to completion, failing the script if it fails. */
function run(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? code})`)),
    );
  });
}

/** Runs a long-lived command, passing Ctrl+C on and exiting with its status. */
function serve(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

async function main() {
  const passThrough = process.argv.slice(2);
  const reason = electronBinary() ? null : await downloadElectron();
  const electron = electronBinary();
  if (electron) {
    await run(bin('electron-vite'), ['build', '--logLevel', 'warn']);
    serve(electron, ['.', ...passThrough]);
    return;
  }
  console.log(
    `Headroom: no Electron binary (${reason}); serving the same app at http://localhost:${WEB_PORT} — open it in a browser.`,
  );
  await run(bin('vite'), ['build', '--logLevel', 'warn']);
  serve(bin('vite'), ['preview', '--port', String(WEB_PORT), '--strictPort', '--logLevel', 'warn']);
}

main().catch((error) => {
  console.error(`Headroom: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
