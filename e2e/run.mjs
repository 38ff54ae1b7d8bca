/**
 * The e2e runner: builds the web renderer, serves it on localhost, runs every
 * spec in e2e/specs against Chromium or Chrome (see browser.mjs) through playwright-core, saves
 * screenshots to e2e/screenshots, and ends with one line
 * `e2e: N passed, M failed` (non-zero exit if any failed).
 *
 * Options: --no-build (reuse out/web), --grep TEXT (only tests whose name has TEXT).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { ensureBrowser } from './browser.mjs';
import { serve } from './server.mjs';
import { tests, screenshotDir } from './harness.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const grep = args.includes('--grep') ? args[args.indexOf('--grep') + 1] : null;

const browserFound = ensureBrowser();
if (browserFound.error) {
  console.log(`e2e: ${browserFound.error}`);
  console.log('e2e: 0 passed, 1 failed');
  process.exit(1);
}

if (!args.includes('--no-build')) {
  const r = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.log('e2e: 0 passed, 1 failed');
    process.exit(1);
  }
}

for (const f of readdirSync(join(root, 'e2e/specs')).filter((f) => f.endsWith('.spec.mjs')).sort()) {
  await import(pathToFileURL(join(root, 'e2e/specs', f)).href);
}

const { server, url } = await serve(join(root, 'out/web'));
const userDataDir = mkdtempSync(join(tmpdir(), 'headroom-e2e-'));
const browser = await chromium.launch({
  executablePath: browserFound.path,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  // playwright gives every launch a fresh temporary profile; ours is for downloads.
  downloadsPath: userDataDir,
});
const shots = screenshotDir(root);
let passed = 0;
let failed = 0;
for (const t of tests) {
  if (grep && !t.name.includes(grep)) continue;
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1, acceptDownloads: true, locale: t.options.locale ?? 'en-US' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('dialog', (d) => void d.accept());
  const started = Date.now();
  try {
    await t.fn({ page, context, url, shots, errors, root, browserPath: browserFound.path });
    const fatal = errors.filter((e) => !/favicon/.test(e));
    if (fatal.length) throw new Error(`page errors: ${fatal.join(' | ')}`);
    passed++;
    console.log(`  ✓ ${t.name} (${Date.now() - started} ms)`);
  } catch (e) {
    failed++;
    console.log(`  ✗ ${t.name}\n      ${(e && e.stack) || e}`);
    await page.screenshot({ path: join(shots, `FAILED-${t.name.replace(/[^\w]+/g, '-')}.png`) }).catch(() => undefined);
  } finally {
    await context.close();
  }
}
await browser.close();
server.close();
rmSync(userDataDir, { recursive: true, force: true });
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
