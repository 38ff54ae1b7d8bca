/**
 * A minimal e2e harness over playwright-core: specs register tests with `test`,
 * each test gets a fresh browser context (fresh storage) and page, failures get
 * a screenshot, and `expect`-style helpers wait for the UI like a user would.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const tests = [];

export function test(name, fn, options = {}) {
  tests.push({ name, fn, options });
}

export class AssertionError extends Error {}

export function assert(cond, message) {
  if (!cond) throw new AssertionError(message);
}

/** Polls `probe` until it returns a truthy value or the time is up. */
export async function waitFor(probe, message, timeout = 10_000) {
  const until = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await probe();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > until) throw new AssertionError(`${message} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function expectText(page, selector, pattern, timeout = 10_000) {
  return waitFor(
    async () => {
      const text = await page.locator(selector).first().innerText({ timeout: 500 });
      return (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text)) ? text : false;
    },
    `expected ${selector} to show ${pattern}`,
    timeout,
  );
}

export function screenshotDir(root) {
  const dir = join(root, 'e2e', 'screenshots');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Copies a screenshot into docs/screenshots, but only when asked to
 * (`npm run screenshots`): an ordinary test run must leave the checkout as it found it.
 */
export function keepScreenshot(root, shots, name) {
  if (process.env.HEADROOM_UPDATE_SCREENSHOTS !== '1') return;
  const dir = join(root, 'docs/screenshots');
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(shots, name), join(dir, name));
}

/**
 * The text of the web build's autosave as the page's IndexedDB holds it now, or null:
 * what a restart will find (webAutosave.ts keeps it there).
 */
export function autosavedText(page) {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const open = indexedDB.open('headroom', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('autosave');
        open.onerror = () => resolve(null);
        open.onsuccess = () => {
          const get = open.result.transaction('autosave', 'readonly').objectStore('autosave').get('current');
          get.onsuccess = () => {
            open.result.close();
            resolve(get.result?.text ?? null);
          };
          get.onerror = () => resolve(null);
        };
      }),
  );
}
