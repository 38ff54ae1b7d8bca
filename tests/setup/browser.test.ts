import { delimiter } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureBrowser, findBrowser, NO_INSTALL_ENV, type BrowserSystem } from '../../e2e/browser.mjs';

/** A machine with the given executables, whose apt-get "installs" Chromium when allowed. */
function fakeSystem(options: { executables?: string[]; env?: Record<string, string>; root?: boolean; apt?: 'works' | 'fails' | 'absent' }) {
  const executables = new Set(options.executables ?? []);
  const commands: string[] = [];
  const lines: string[] = [];
  const system: BrowserSystem = {
    env: { PATH: ['/opt/bin', '/usr/local/bin'].join(delimiter), ...options.env },
    isExecutable: (path) => executables.has(path),
    isRoot: () => options.root ?? false,
    run(command, args) {
      commands.push([command, ...args].join(' '));
      const apt = options.apt ?? 'absent';
      if (apt === 'absent') return { status: 127, output: 'apt-get: not found' };
      if (args[0] === 'install') {
        if (apt === 'fails') return { status: 100, output: 'E: Unable to locate package chromium' };
        executables.add('/usr/bin/chromium');
      }
      return { status: 0, output: '' };
    },
    log: (line) => lines.push(line),
  };
  return { system, commands, lines };
}

describe('finding the browser for the e2e tests', () => {
  it('prefers CHROME_PATH, then the PATH names in order, then Debian’s location', () => {
    expect(findBrowser(fakeSystem({ executables: ['/x/chrome', '/opt/bin/chromium'], env: { CHROME_PATH: '/x/chrome' } }).system)).toBe('/x/chrome');
    expect(findBrowser(fakeSystem({ executables: ['/usr/local/bin/google-chrome', '/opt/bin/chromium-browser'] }).system)).toBe('/opt/bin/chromium-browser');
    expect(findBrowser(fakeSystem({ executables: ['/usr/local/bin/google-chrome-stable'] }).system)).toBe('/usr/local/bin/google-chrome-stable');
    expect(findBrowser(fakeSystem({ executables: ['/usr/bin/chromium'] }).system)).toBe('/usr/bin/chromium');
    expect(findBrowser(fakeSystem({}).system)).toBeNull();
  });

  it('does not fall back past a CHROME_PATH that points nowhere, and says so', () => {
    const { system } = fakeSystem({ executables: ['/opt/bin/chromium'], env: { CHROME_PATH: '/nope' } });
    expect(findBrowser(system)).toBeNull();
    expect(ensureBrowser(system).error).toMatch(/^CHROME_PATH=\/nope is not an executable browser/);
  });

  it('uses a browser that is there without touching apt-get', () => {
    const { system, commands } = fakeSystem({ executables: ['/opt/bin/chromium'], root: true, apt: 'works' });
    expect(ensureBrowser(system)).toEqual({ path: '/opt/bin/chromium' });
    expect(commands).toEqual([]);
  });

  it('installs Debian’s Chromium and CJK fonts as root with apt-get, then uses it', () => {
    const { system, commands, lines } = fakeSystem({ root: true, apt: 'works' });
    expect(ensureBrowser(system)).toEqual({ path: '/usr/bin/chromium' });
    expect(commands).toEqual(['apt-get --version', 'apt-get update -qq', 'apt-get install -y -qq chromium fonts-noto-cjk']);
    expect(lines).toHaveLength(1);
  });

  it.each([
    ['the opt-out variable is set', { root: true, apt: 'works' as const, env: { [NO_INSTALL_ENV]: '1' } }, `${NO_INSTALL_ENV}=1`],
    ['not root', { root: false, apt: 'works' as const }, 'not running as root'],
    ['no apt-get', { root: true, apt: 'absent' as const }, 'no apt-get on this machine'],
  ])('fails in one line naming what to install when %s', (_, options, reason) => {
    const { system, commands } = fakeSystem(options);
    const result = ensureBrowser(system);
    expect(result.path).toBeUndefined();
    expect(result.error).toContain(reason);
    expect(result.error).toContain('apt-get install -y chromium fonts-noto-cjk');
    expect(result.error).not.toContain('\n');
    expect(commands.filter((c) => c.includes('install'))).toEqual([]);
  });

  it('reports apt-get’s own last line when the install fails', () => {
    const result = ensureBrowser(fakeSystem({ root: true, apt: 'fails' }).system);
    expect(result.error).toMatch(/^apt-get could not install Chromium \(E: Unable to locate package chromium\)/);
  });
});
