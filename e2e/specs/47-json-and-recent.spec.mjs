/**
 * The inspector's JSON view (a field the inspector has no control for, a rename,
 * a call's settings, text refused with the reason, one undo step, copy), and the
 * recent files from the toolbar in the browser and in Electron.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expectText, waitFor, assert } from '../harness.mjs';
import { fakePreload } from '../fakePreload.mjs';

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';
const scenarioText = (root, name) => JSON.stringify(JSON.parse(readFileSync(join(root, 'tests/fixtures/validation', `${name}.json`), 'utf8')).scenario, null, 2);

async function editJson(page, change) {
  const node = JSON.parse(await page.locator('[data-testid=json-text]').inputValue());
  await page.locator('[data-testid=json-text]').fill(JSON.stringify(change(node), null, 2));
  await page.locator('[data-testid=json-apply]').click();
}

test('JSON view: any field of a node or call, refused when broken, one undo step, copied', async ({ page, context, url, shots }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url });
  await page.goto(url);
  await page.locator('.palette-item[data-kind=source]').focus();
  await page.keyboard.press('Enter');
  await page.locator('.palette-item[data-kind=service]').focus();
  await page.keyboard.press('Enter');
  await expectText(page, '.statusbar', '2 nodes');
  await page.locator('[data-testid=inspector-view-json]').click();
  await expectText(page, '[data-testid=json-view]', 'Apply');
  const shown = JSON.parse(await page.locator('[data-testid=json-text]').inputValue());
  assert(shown.id === 'service' && shown.kind === 'service' && shown.workers === 8, `the node as the file has it: ${JSON.stringify(shown)}`);

  // Broken text changes nothing and says where.
  await page.locator('[data-testid=json-text]').fill('{\n  "id": "service",\n  "workers": 3,,\n}');
  await page.locator('[data-testid=json-apply]').click();
  await expectText(page, '[data-testid=json-problem]', 'Not valid JSON at line 3');
  await page.locator('[data-testid=json-text]').fill(JSON.stringify({ ...shown, kind: 'lambda' }));
  await page.locator('[data-testid=json-apply]').click();
  await expectText(page, '[data-testid=json-problem]', 'kind: must be one of');
  await page.getByRole('button', { name: 'Revert' }).click();

  // A field the inspector shows, and one it has no control for.
  await editJson(page, (n) => ({ ...n, workers: 3, workrs: 3 }));
  await expectText(page, '[data-testid=json-issues]', 'unknown field "workrs"');
  await page.locator('[data-testid=inspector-view-fields]').click();
  await waitFor(async () => (await page.locator('[data-testid=workers]').inputValue()) === '3', 'the inspector shows the applied value');
  // One step of the app's history.
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press(`${mod}+z`);
  await page.locator('.react-flow__node[data-id="service"] .flow-node-label').click();
  await waitFor(async () => (await page.locator('[data-testid=workers]').inputValue()) === '8', 'undone in one step');

  // A rename through the id: the node and its selection follow.
  await page.locator('[data-testid=inspector-view-json]').click();
  await editJson(page, (n) => ({ ...n, id: 'checkout', label: 'Checkout' }));
  await waitFor(async () => (await page.locator('.react-flow__node[data-id="checkout"]').count()) === 1, 'renamed on the canvas');
  assert(JSON.parse(await page.locator('[data-testid=json-text]').inputValue()).id === 'checkout', 'still selected under its new id');
  await page.screenshot({ path: join(shots, 'json-view.png') });

  // A field the inspector has no control for: the position, which moves the card.
  const before = await page.locator('.react-flow__node[data-id="checkout"]').boundingBox();
  await editJson(page, (n) => ({ ...n, position: { x: n.position.x + 200, y: n.position.y + 120 } }));
  await waitFor(async () => {
    const after = await page.locator('.react-flow__node[data-id="checkout"]').boundingBox();
    return after.x - before.x > 50 && after.y - before.y > 30;
  }, 'the card moved right and down as the JSON says');
  await page.locator('[data-testid=inspector-view-fields]').click();
  assert(!/position/i.test(await page.locator('[data-testid=node-inspector]').innerText()), 'the inspector itself has no position field');
  await page.locator('[data-testid=inspector-view-json]').click();
  await editJson(page, (n) => ({ ...n, position: { x: n.position.x - 200, y: n.position.y - 120 } }));
  await waitFor(async () => Math.abs((await page.locator('.react-flow__node[data-id="checkout"]').boundingBox()).x - before.x) < 2, 'and back where it was');

  // Copy puts the text on the clipboard.
  await page.locator('[data-testid=json-copy]').click();
  await expectText(page, '[data-testid=json-copy]', 'Copied');
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  assert(JSON.parse(clip).id === 'checkout', `clipboard: ${clip.slice(0, 80)}`);

  // A call: wired by hand, then its timeout and retries set as JSON.
  await page.locator('.react-flow__node[data-id="users"] .flow-node-label').click();
  await page.locator('[data-testid=json-text]').waitFor();
  await page.locator('[data-testid=inspector-view-fields]').click();
  const a = await page.locator('.react-flow__node[data-id="users"] .handle-out').boundingBox();
  const b = await page.locator('.react-flow__node[data-id="checkout"] .handle-in').boundingBox();
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2 + 10, { steps: 6 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 6 });
  await page.mouse.up();
  await expectText(page, '.statusbar', '1 calls');
  await expectText(page, '[data-testid=edge-inspector]', 'Call order');
  await page.locator('[data-testid=inspector-view-json]').click();
  await editJson(page, (e) => ({ ...e, to: 'nowhere' }));
  await expectText(page, '[data-testid=json-problem]', 'to: there is no node “nowhere”');
  await editJson(page, (e) => ({ ...e, to: 'checkout', timeout: 2, retries: { max: 1, backoff: 0.1 } }));
  await page.locator('[data-testid=inspector-view-fields]').click();
  await expectText(page, '[data-testid=edge-inspector]', 'Retries');
  await page.screenshot({ path: join(shots, 'json-view-edge.png') });
  await waitFor(async () => (await page.locator('[data-testid=edge-inspector] input[type=checkbox]').first().isChecked()) === true, 'retries switched on');
});

test('recent files from the toolbar (browser): listed after opening, reopened from the menu', async ({ page, url, root }) => {
  const path = join(mkdtempSync(join(tmpdir(), 'headroom-recent-')), 'queue.headroom.json');
  writeFileSync(path, scenarioText(root, 'mm1'));
  await page.goto(url);
  await page.locator('[data-testid=recent-menu-button]').click();
  await expectText(page, '[data-testid=recent-menu]', 'No recent files yet');
  await page.keyboard.press('Escape');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('[data-action="file.open"]').click()]);
  await chooser.setFiles(path);
  await expectText(page, '[data-testid=doc-title]', 'queue.headroom.json');
  await page.locator('[data-action="file.new"]').click();
  await page.locator('[data-testid=template-empty]').click();
  await expectText(page, '.statusbar', '0 nodes');
  await page.locator('[data-testid=recent-menu-button]').click();
  await page.getByRole('menuitem', { name: 'queue.headroom.json' }).click();
  await expectText(page, '[data-testid=doc-title]', 'queue.headroom.json');
  await expectText(page, '.statusbar', '2 nodes');
});

test('recent files from the toolbar (electron): main lists them, opens one, and says when one has gone', async ({ page, url, root }) => {
  await page.addInitScript(fakePreload, {
    recent: [
      { handle: 'h-mmc', name: 'mmc.headroom.json', text: scenarioText(root, 'mmc') },
      { handle: 'h-gone', name: 'gone.headroom.json', text: null },
    ],
  });
  await page.goto(url);
  await page.locator('[data-testid=recent-menu-button]').click();
  await expectText(page, '[data-testid=recent-menu]', 'gone.headroom.json');
  await page.getByRole('menuitem', { name: 'mmc.headroom.json' }).click();
  await expectText(page, '[data-testid=doc-title]', 'mmc.headroom.json');
  const opened = await page.evaluate(() => window.__calls.filter((c) => c.name === 'openRecent').map((c) => c.args[0]));
  assert(opened.join() === 'h-mmc', `opened through main's handle: ${opened}`);
  await page.locator('[data-testid=recent-menu-button]').click();
  await page.getByRole('menuitem', { name: 'gone.headroom.json' }).click();
  await expectText(page, '[data-testid=notice-error]', 'no longer exists');
  await expectText(page, '[data-testid=doc-title]', 'mmc.headroom.json');
});
