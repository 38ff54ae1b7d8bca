#!/usr/bin/env node
/**
 * `npm start`: the desktop app when this machine has an Electron binary, otherwise the
 * same app as a web page. The binary is looked up on disk only; nothing here (or in
 * the children, via ELECTRON_SKIP_BINARY_DOWNLOAD) ever tries to download it.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const env = { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' };
const WEB_PORT = 5173;

/** Path of the Electron executable if one is installed, else null (same rules as electron/index.js). */
function electronBinary() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const exe = process.platform === 'win32' ? 'electron.exe' : 'electron';
    const candidate = join(process.env.ELECTRON_OVERRIDE_DIST_PATH, exe);
    return existsSync(candidate) ? candidate : null;
  }
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const candidate = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(candidate) ? candidate : null;
}

/** Runs a command to completion, failing the script if it fails. */
function run(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: 'inherit', shell: process.platform === 'win32' });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? code})`)),
    );
  });
}

/** Runs a long-lived command, passing Ctrl+C on and exiting with its status. */
function serve(command, args) {
  const child = spawn(command, args, { cwd: root, env, stdio: 'inherit', shell: process.platform === 'win32' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

async function main() {
  const electron = electronBinary();
  const passThrough = process.argv.slice(2);
  if (electron) {
    await run(bin('electron-vite'), ['build', '--logLevel', 'warn']);
    serve(electron, ['.', ...passThrough]);
    return;
  }
  console.log(
    `Headroom: no Electron binary on this machine (it cannot be downloaded here); serving the same app at http://localhost:${WEB_PORT} — open it in a browser.`,
  );
  await run(bin('vite'), ['build', '--logLevel', 'warn']);
  serve(bin('vite'), ['preview', '--port', String(WEB_PORT), '--strictPort', '--logLevel', 'warn']);
}

main().catch((error) => {
  console.error(`Headroom: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
