import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNodeFs } from '../platform/nodeFs';
import { useTmpDirs } from '../testing/tmpdir';
import { APP_CSP } from './csp';
import { contentTypeFor, createAppProtocolHandler, resolveAppPath } from './protocol';

const makeDir = useTmpDirs();
const ROOT = join(sep, 'opt', 'headroom', 'out', 'renderer');

function inside(path: string | null): boolean {
  if (path === null) return true;
  const rel = relative(ROOT, path);
  return rel !== '' && !rel.startsWith('..');
}

describe('resolveAppPath', () => {
  it('maps app URLs into the renderer folder', () => {
    expect(resolveAppPath('app://headroom/index.html', ROOT)).toBe(join(ROOT, 'index.html'));
    expect(resolveAppPath('app://headroom/', ROOT)).toBe(join(ROOT, 'index.html'));
    expect(resolveAppPath('app://headroom/assets/index-Ab12.js?v=1#x', ROOT)).toBe(join(ROOT, 'assets', 'index-Ab12.js'));
    expect(resolveAppPath('app://headroom/fonts/Noto%20Sans.woff2', ROOT)).toBe(join(ROOT, 'fonts', 'Noto Sans.woff2'));
  });

  it.each([
    'app://x/../../etc/passwd',
    'app://headroom/..%2f..%2fetc%2fpasswd',
    'app://headroom/assets/..%2F..%2F..%2Fetc%2Fpasswd',
    'app://headroom/%2e%2e/%2e%2e/etc/passwd',
    'app://headroom/a/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc/passwd',
    'app://headroom/..%5c..%5cwindows%5cwin.ini',
    'app://headroom/C:/Windows/win.ini',
    'app://headroom/C%3A%5CWindows%5Cwin.ini',
    'app://headroom/%00index.html',
    'app://headroom/%E0%A4%A',
    'file:///etc/passwd',
    'https://evil.example/index.html',
    'app://headroom@evil/index.html',
    'not a url',
  ])('rejects %s or keeps it inside the root', (url) => {
    const path = resolveAppPath(url, ROOT);
    expect(inside(path)).toBe(true);
    expect(path === null || !path.includes('passwd') || path.startsWith(ROOT)).toBe(true);
  });

  it('rejects the traversal and absolute forms outright', () => {
    for (const url of [
      'app://x/../../etc/passwd',
      'app://headroom/..%2f..%2fetc%2fpasswd',
      'app://headroom/%2e%2e%2f%2e%2e%2fetc/passwd',
      'app://headroom/C:/Windows/win.ini',
      'app://headroom/..%5c..%5cx',
    ]) {
      expect(resolveAppPath(url, ROOT), url).toBeNull();
    }
  });

  it('keeps dot segments that the URL parser folds away inside the root', () => {
    // "/../../etc/passwd" is normalised to "/etc/passwd" before we see it: still inside.
    expect(resolveAppPath('app://headroom/../../etc/passwd', ROOT)).toBe(join(ROOT, 'etc', 'passwd'));
    expect(resolveAppPath('app://headroom//etc/passwd', ROOT)).toBe(join(ROOT, 'etc', 'passwd'));
  });
});

describe('createAppProtocolHandler', () => {
  async function served() {
    const root = join(await makeDir(), 'renderer');
    await mkdir(join(root, 'assets'), { recursive: true });
    await writeFile(join(root, 'index.html'), '<!doctype html><title>Headroom</title>');
    await writeFile(join(root, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(join(root, '..', 'secret.txt'), 'top secret');
    return createAppProtocolHandler({ fs: createNodeFs(), root });
  }

  it('serves files with the CSP header and a fixed content type', async () => {
    const handle = await served();
    const response = await handle({ url: 'app://headroom/index.html', method: 'GET' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(APP_CSP);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Headroom</title>');
    const script = await handle({ url: 'app://headroom/assets/app.js', method: 'GET' });
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('answers 404 for missing files and traversal, 405 for writes', async () => {
    const handle = await served();
    expect((await handle({ url: 'app://headroom/missing.js', method: 'GET' })).status).toBe(404);
    expect((await handle({ url: 'app://headroom/..%2fsecret.txt', method: 'GET' })).status).toBe(404);
    expect((await handle({ url: 'app://headroom/%2e%2e/secret.txt', method: 'GET' })).status).toBe(404);
    expect((await handle({ url: 'app://headroom/index.html', method: 'POST' })).status).toBe(405);
  });

  it('does not follow a symbolic link out of the app folder, but serves one that stays inside, and a linked app folder', async () => {
    const root = join(await makeDir(), 'renderer');
    await mkdir(join(root, 'assets'), { recursive: true });
    await writeFile(join(root, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(join(root, '..', 'secret.txt'), 'top secret');
    await symlink(join(root, '..', 'secret.txt'), join(root, 'leak.txt'));
    await symlink(join(root, '..'), join(root, 'outside'));
    await symlink(join(root, 'assets', 'app.js'), join(root, 'alias.js'));
    await symlink(root, join(root, '..', 'linked-renderer'));
    const handle = createAppProtocolHandler({ fs: createNodeFs(), root });
    expect((await handle({ url: 'app://headroom/leak.txt', method: 'GET' })).status).toBe(404);
    expect((await handle({ url: 'app://headroom/outside/secret.txt', method: 'GET' })).status).toBe(404);
    const alias = await handle({ url: 'app://headroom/alias.js', method: 'GET' });
    expect(alias.status).toBe(200);
    expect(await alias.text()).toBe('console.log(1)');
    const linked = createAppProtocolHandler({ fs: createNodeFs(), root: join(root, '..', 'linked-renderer') });
    expect((await linked({ url: 'app://headroom/assets/app.js', method: 'GET' })).status).toBe(200);
    expect((await linked({ url: 'app://headroom/leak.txt', method: 'GET' })).status).toBe(404);
  });

  it('does not guess types it does not know', () => {
    expect(contentTypeFor('/x/file.exe')).toBe('application/octet-stream');
  });
});

describe('report URLs', () => {
  it('round-trip tokens and refuse everything else', async () => {
    const { reportUrl, reportTokenFromUrl, isAllowedReportRequest } = await import('./protocol');
    expect(reportTokenFromUrl(reportUrl('abcDEF12_-'))).toBe('abcDEF12_-');
    expect(reportTokenFromUrl('app://report/../x.html')).toBeNull();
    expect(reportTokenFromUrl('app://headroom/abcdefgh.html')).toBeNull();
    expect(isAllowedReportRequest('data:image/png;base64,AA')).toBe(true);
    expect(isAllowedReportRequest('https://tracker.example/pixel.gif')).toBe(false);
    expect(isAllowedReportRequest('file:///etc/passwd')).toBe(false);
    expect(isAllowedReportRequest('app://headroom/index.html')).toBe(false);
  });
});
