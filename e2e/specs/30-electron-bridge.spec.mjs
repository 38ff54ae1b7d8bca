/**
 * The renderer inside Electron, through a fake preload that records calls: the
 * system locale picks the language and main hears it (and every switch, for its
 * menu and dialogs), open/save go to main with the file's handle,
 * dirty state reaches main, menu commands and OS open requests work, and the
 * save-before-close handshake answers.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expectText, waitFor, assert } from '../harness.mjs';
import { fakePreload } from '../fakePreload.mjs';

const fixture = (root, name) => readFileSync(join(root, 'tests/fixtures/validation', `${name}.json`), 'utf8');
const scenarioText = (root, name) => JSON.stringify(JSON.parse(fixture(root, name)).scenario, null, 2);
const calls = (page, name) => page.evaluate((n) => window.__calls.filter((c) => c.name === n), name);

test('electron: locale from main, open, edit, save to the same file, menu undo, open request', async ({ page, url, root, shots }) => {
  await page.addInitScript(fakePreload, { locale: 'zh-CN', openText: scenarioText(root, 'mm1'), openName: 'mm1.headroom.json' });
  await page.goto(url);
  await expectText(page, '.palette', '组件');
  assert((await calls(page, 'getSystemLocale')).length === 1, 'asked main for the locale');
  const languages = async () => (await calls(page, 'setLanguage')).map((c) => c.args[0]);
  await waitFor(async () => (await languages()).join() === 'zh-CN', 'told main the language it resolved');
  // Back to English for the rest (and remembered), and main's menu follows.
  await page.locator('[data-testid=language]').selectOption('en');
  await waitFor(async () => (await languages()).join() === 'zh-CN,en', 'told main about the switch');

  await page.locator('[data-action="file.open"]').click();
  await expectText(page, '[data-testid=doc-title]', 'mm1.headroom.json');
  await expectText(page, '.statusbar', '2 nodes · 1 calls');
  // The estimate knows M/M/1 at 80 req/s × 10 ms is 80% busy.
  await expectText(page, '.react-flow__node[data-id="svc"]', 'offered workers 80%');

  await page.locator('.react-flow__node[data-id="svc"] .flow-node-label').click();
  await page.locator('[data-testid=workers]').fill('2');
  await page.locator('[data-testid=workers]').press('Enter');
  await expectText(page, '.react-flow__node[data-id="svc"]', 'offered workers 40%');
  await waitFor(async () => (await calls(page, 'setDirty')).some((c) => c.args[0] === true && c.args[1] === 'mm1.headroom.json'), 'main told the document is dirty');

  // Menu › Undo goes through the same action.
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.evaluate(() => window.__menu('edit:undo'));
  await expectText(page, '.react-flow__node[data-id="svc"]', 'offered workers 80%');
  await page.evaluate(() => window.__menu('edit:redo'));
  await expectText(page, '.react-flow__node[data-id="svc"]', 'offered workers 40%');

  // Save writes back through the handle main gave, without a dialog.
  await page.evaluate(() => window.__menu('file:save'));
  await waitFor(async () => (await calls(page, 'saveDocument')).length === 1, 'saved');
  const [save] = await calls(page, 'saveDocument');
  assert(save.args[0].handle === 'h-open' && save.args[0].saveAs === false, `save to the same file: ${JSON.stringify(save.args[0]).slice(0, 200)}`);
  assert(JSON.parse(save.args[0].text).nodes.find((n) => n.id === 'svc').workers === 2, 'saved the edit');
  await waitFor(async () => (await calls(page, 'setDirty')).at(-1)?.args[0] === false, 'clean after save');
  assert((await calls(page, 'clearAutosave')).length >= 1, 'autosave cleared after save');

  // Save As asks main for a new place.
  await page.keyboard.press('Control+Shift+S');
  await page.evaluate(() => window.__menu('file:saveAs'));
  await waitFor(async () => (await calls(page, 'saveDocument')).length >= 2, 'saved as');
  const saveAs = (await calls(page, 'saveDocument')).at(-1);
  assert(saveAs.args[0].handle === null && saveAs.args[0].saveAs === true, 'save as asks for a location');

  // The OS asks to open another file.
  await page.evaluate((text) => window.__openRequest({ handle: 'h-os', name: 'md1.headroom.json', text }), scenarioText(root, 'md1'));
  await expectText(page, '[data-testid=doc-title]', 'md1.headroom.json');

  // Export goes to main with bytes.
  await page.locator('button[aria-label="Export"]').click();
  await page.getByRole('menuitem', { name: 'Diagram as PNG' }).click();
  await waitFor(async () => (await calls(page, 'exportFile')).length === 1, 'exported PNG');
  const [png] = await calls(page, 'exportFile');
  assert(png.args[0].mime === 'image/png' && png.args[0].size > 1000, `PNG bytes: ${JSON.stringify(png.args[0])}`);

  // Main asks to save before closing.
  await page.locator('.react-flow__node[data-id="svc"] .flow-node-label').click();
  await page.locator('[data-testid=workers]').fill('3');
  await page.locator('[data-testid=workers]').press('Enter');
  await page.evaluate(() => window.__closeRequest('c1'));
  await waitFor(async () => (await calls(page, 'answerCloseRequest')).some((c) => c.args[0] === 'c1' && c.args[1] === true), 'answered the close request');
  await page.screenshot({ path: join(shots, 'electron.png') });
});

test('electron: a file that is not a scenario is refused with the reason, nothing lost', async ({ page, url }) => {
  await page.addInitScript(fakePreload, { openText: '{"format": "headroom/result", "version": 1}', openName: 'result.json' });
  await page.goto(url);
  await page.locator('.palette-item[data-kind=service]').click();
  await expectText(page, '.statusbar', '1 nodes');
  await page.locator('[data-action="file.open"]').click();
  await page.getByRole('button', { name: 'Discard changes' }).click();
  await expectText(page, '[data-testid=notice-error]', 'Could not open result.json');
  await expectText(page, '[data-testid=notice-error]', 'not a scenario');
  await expectText(page, '.statusbar', '1 nodes');
});

test('electron: an autosave from a crash is offered and restored', async ({ page, url, root }) => {
  await page.addInitScript(fakePreload, { autosave: { text: scenarioText(root, 'mmc'), savedAt: new Date().toISOString(), name: 'mmc.headroom.json' } });
  await page.goto(url);
  await expectText(page, '[role=dialog]', 'Restore unsaved work?');
  await page.locator('[data-testid=restore-accept]').click();
  await expectText(page, '.statusbar', '2 nodes · 1 calls');
  await expectText(page, '[data-testid=doc-title]', '•');
});
