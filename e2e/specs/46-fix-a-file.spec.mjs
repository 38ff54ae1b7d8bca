/**
 * Opening a file with problems: it loads, every problem is listed with its path and,
 * where one is obvious, a quick fix that is one undoable edit; a sync cycle is marked
 * on the canvas until it is broken.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expectText, waitFor, assert } from '../harness.mjs';

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

test('fix a file: quick fixes for a misspelt field, a value out of range and a sync cycle', async ({ page, url, root, shots }) => {
  const doc = JSON.parse(readFileSync(join(root, 'simulation/model/fixtures/shop.headroom.json'), 'utf8'));
  const api = doc.nodes.find((n) => n.id === 'api');
  api.workrs = api.workers;
  delete api.workers;
  doc.nodes.find((n) => n.id === 'redis').hitRatio = 1.5;
  doc.edges.push({ from: 'auth', to: 'api' });
  const path = join(mkdtempSync(join(tmpdir(), 'headroom-fix-')), 'broken.headroom.json');
  writeFileSync(path, JSON.stringify(doc, null, 2));

  await page.goto(url);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('[data-action="file.open"]').click()]);
  await chooser.setFiles(path);
  await waitFor(async () => (await page.locator('.react-flow__node').count()) === doc.nodes.length, 'every node loaded');
  await expectText(page, '[data-testid=problems]', 'unknown field "workrs"');
  await expectText(page, '[data-testid=problems]', 'sync calls form a cycle');
  // The cycle is marked on the canvas: both of its calls.
  await waitFor(async () => (await page.locator('.react-flow__edge .call-edge.cycle').count()) === 2, 'both calls of the cycle marked');
  await page.screenshot({ path: join(shots, 'fix-a-file.png') });

  const fix = (text) => page.locator('[data-testid=quick-fix]', { hasText: text });
  await fix('Rename “workrs” to “workers”').click();
  await waitFor(async () => !(await page.locator('[data-testid=problems]').innerText()).includes('workrs'), 'rename applied');
  // One edit, one undo.
  await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
  await page.keyboard.press(`${mod}+z`);
  await expectText(page, '[data-testid=problems]', 'unknown field "workrs"');
  await page.keyboard.press(`${mod}+Shift+z`);
  await waitFor(async () => !(await page.locator('[data-testid=problems]').innerText()).includes('workrs'), 'redo renames again');

  await fix('Set to 1').click();
  await waitFor(async () => !(await page.locator('[data-testid=problems]').innerText()).includes('hitRatio'), 'hit ratio set to 1');

  await fix('Remove the call that closes the cycle').click();
  await waitFor(async () => (await page.locator('.react-flow__edge .call-edge.cycle').count()) === 0, 'cycle no longer marked');
  await expectText(page, '.statusbar', 'Model valid');
  assert((await page.locator('.react-flow__edge').count()) === doc.edges.length - 1, 'exactly the closing call removed');
});

test('recent files: a file that failed to open is not listed, one that opened is', async ({ page, url, root }) => {
  const dir = mkdtempSync(join(tmpdir(), 'headroom-recent-'));
  const bad = join(dir, 'not-a-scenario.json');
  writeFileSync(bad, '{ this is not json');
  const good = join(dir, 'good.headroom.json');
  writeFileSync(good, readFileSync(join(root, 'simulation/model/fixtures/shop.headroom.json'), 'utf8'));
  await page.goto(url);
  for (const path of [bad, good]) {
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('[data-action="file.open"]').click()]);
    await chooser.setFiles(path);
  }
  await expectText(page, '[data-testid=notice-error]', 'not valid JSON');
  await waitFor(async () => (await page.locator('.react-flow__node').count()) > 0, 'the good file opened');
  await page.locator('[data-action="file.new"]').click();
  await expectText(page, '.recent', 'good.headroom.json');
  assert(!(await page.locator('.recent').innerText()).includes('not-a-scenario.json'), 'the file that failed is not among the recent ones');
});
