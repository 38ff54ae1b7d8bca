/**
 * Finding the Chromium (or Chrome) the browser tests drive, and installing Debian's
 * when none is there and this machine can (root with apt-get), the way a fresh CI
 * machine needs. Everything the lookup touches comes in through `system`, so the
 * "no browser anywhere" paths are tested with fakes on a machine that has one.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Environment variables naming a browser executable, first wins. */
export const BROWSER_ENV = ['CHROME_PATH', 'CHROMIUM_PATH'];
/** Names looked up on PATH, in order. */
export const BROWSER_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
/** Debian's locations, for a PATH that lacks /usr/bin (e.g. a trimmed CI environment). */
export const BROWSER_LOCATIONS = ['/usr/bin/chromium', '/usr/lib/chromium/chromium'];
/** Debian's packages: the browser, and the CJK fonts the zh-CN screens need to render text. */
export const DEBIAN_PACKAGES = ['chromium', 'fonts-noto-cjk'];
/** Set to 1 to forbid the automatic apt-get install (the tests use it; so can a user). */
export const NO_INSTALL_ENV = 'HEADROOM_NO_BROWSER_INSTALL';

/** The real machine. */
export const realSystem = {
  env: process.env,
  isExecutable(path) {
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  },
  isRoot: () => typeof process.getuid === 'function' && process.getuid() === 0,
  run(command, args) {
    const child = spawnSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    return { status: child.status ?? (child.error ? 127 : 1), output: `${child.stdout ?? ''}${child.stderr ?? ''}` };
  },
  log: (line) => console.log(line),
};

/** Absolute path of the first browser found, or null. */
export function findBrowser(system = realSystem) {
  for (const name of BROWSER_ENV) {
    const path = system.env[name];
    if (path) return system.isExecutable(path) ? path : null;
  }
  const dirs = (system.env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const name of BROWSER_NAMES) {
    for (const dir of dirs) {
      const candidate = join(dir, name);
      if (system.isExecutable(candidate)) return candidate;
    }
  }
  return BROWSER_LOCATIONS.find((p) => system.isExecutable(p)) ?? null;
}

/** Why the browser cannot be installed automatically here, or null when it can. */
function installBlocker(system) {
  if (system.env[NO_INSTALL_ENV] === '1') return `${NO_INSTALL_ENV}=1`;
  if (!system.isRoot()) return 'not running as root';
  if (system.run('apt-get', ['--version']).status !== 0) return 'no apt-get on this machine';
  return null;
}

/**
 * The browser to use: found, or installed from Debian when possible. Returns
 * `{ path }` or `{ error }`, the error a single line saying what to install.
 */
export function ensureBrowser(system = realSystem) {
  const found = findBrowser(system);
  if (found) return { path: found };
  for (const name of BROWSER_ENV) {
    if (system.env[name]) return { error: `${name}=${system.env[name]} is not an executable browser: point it at Chromium or Chrome` };
  }
  const advice = `install Chromium or Chrome (Debian/Ubuntu: apt-get install -y ${DEBIAN_PACKAGES.join(' ')}) or set CHROME_PATH to one`;
  const blocker = installBlocker(system);
  if (blocker) return { error: `no Chromium or Chrome found (${blocker}, so not installing it): ${advice}` };
  system.log(`no Chromium or Chrome found: installing Debian's (apt-get install -y ${DEBIAN_PACKAGES.join(' ')})…`);
  const update = system.run('apt-get', ['update', '-qq']);
  const install = update.status === 0 ? system.run('apt-get', ['install', '-y', '-qq', ...DEBIAN_PACKAGES]) : update;
  const installed = install.status === 0 ? findBrowser(system) : null;
  if (installed) return { path: installed };
  const lastLine = install.output.trim().split('\n').pop() ?? '';
  return { error: `apt-get could not install Chromium (${lastLine || `exit ${install.status}`}): ${advice}` };
}
