/**
 * Autosave survives the browser being killed: unsaved edits in the web build, the whole
 * browser SIGKILLed (no unload, no shutdown flush), a new browser on the same profile is
 * offered the edits back. The browser is our own process on a profile on disk, driven over
 * the DevTools protocol, because playwright's own contexts live in memory.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { test, expectText, waitFor, autosavedText } from '../harness.mjs';

async function startBrowser(browserPath, profile) {
  const args = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
  const child = spawn(browserPath, [...args, `--user-data-dir=${profile}`, '--remote-debugging-port=0', 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  const endpoint = await new Promise((resolve, reject) => {
    let said = '';
    const timer = setTimeout(() => reject(new Error(`the browser gave no DevTools address: ${said}`)), 30_000);
    child.stderr.on('data', (chunk) => {
      said += chunk;
      const found = /DevTools listening on (ws:\/\/\S+)/.exec(said);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`the browser exited (${code}): ${said}`)));
  });
  const browser = await chromium.connectOverCDP(endpoint);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return { child, browser, exited, page: await browser.contexts()[0].newPage() };
}

/** Kills the browser with its renderer and utility processes, which outlive a killed parent for a moment and keep writing to the profile. */
async function killBrowser(running) {
  try {
    process.kill(-running.child.pid, 'SIGKILL');
  } catch {
    running.child.kill('SIGKILL');
  }
  await running.exited;
}

test('web: unsaved edits survive the browser being killed and are offered back', async ({ url, browserPath }) => {
  const profile = mkdtempSync(join(tmpdir(), 'headroom-kill-'));
  let running = null;
  try {
    running = await startBrowser(browserPath, profile);
    let { page } = running;
    await page.goto(url);
    await page.locator('.palette-item[data-kind=source]').focus();
    await page.keyboard.press('Enter');
    await page.locator('.palette-item[data-kind=service]').focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=node-label]').fill('Orders after the kill');
    await page.locator('[data-testid=node-label]').press('Enter');
    await expectText(page, '.react-flow__node[data-id="service"]', 'Orders after the kill');
    await waitFor(async () => (await autosavedText(page))?.includes('Orders after the kill'), 'the edit reached the autosave', 15_000);

    await killBrowser(running);
    running = await startBrowser(browserPath, profile);
    page = running.page;
    await page.goto(url);
    await expectText(page, '[role=dialog]', 'Restore unsaved work?');
    await page.locator('[data-testid=restore-accept]').click();
    await expectText(page, '.statusbar', '2 nodes');
    await expectText(page, '.react-flow__node[data-id="service"]', 'Orders after the kill');
  } finally {
    if (running) {
      await running.browser.close().catch(() => undefined);
      await killBrowser(running);
    }
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  }
});
