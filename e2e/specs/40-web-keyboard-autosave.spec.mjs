/**
 * Keyboard users and the browser host: add components from the palette with the
 * keyboard, connect them by editing, undo with shortcuts; autosave survives a
 * reload and is offered back; the diagram exports as SVG by download.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expectText, waitFor, assert, autosavedText } from '../harness.mjs';

test('web: keyboard adds nodes, autosave is offered after a reload, SVG export downloads', async ({ page, url, shots }) => {
  await page.goto(url);
  await page.locator('.palette-item[data-kind=source]').focus();
  await page.keyboard.press('Enter');
  await page.locator('.palette-item[data-kind=service]').focus();
  await page.keyboard.press('Space');
  await expectText(page, '.statusbar', '2 nodes');
  // The new node is selected and its inspector open.
  await expectText(page, '[data-testid=node-inspector]', 'Service');
  await page.locator('[data-testid=node-label]').fill('Checkout API');
  await expectText(page, '.react-flow__node[data-id="service"]', 'Checkout API');
  await page.locator('[data-testid=node-label]').press('Enter');
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('Control+z');
  await expectText(page, '.react-flow__node[data-id="service"]', 'Service');
  await page.keyboard.press('Control+y');
  await expectText(page, '.react-flow__node[data-id="service"]', 'Checkout API');

  // Autosave runs every few seconds while dirty.
  await waitFor(async () => (await autosavedText(page))?.includes('Checkout API'), 'autosaved', 10_000);
  await page.reload();
  await expectText(page, '[role=dialog]', 'Restore unsaved work?');
  await page.locator('[data-testid=restore-accept]').click();
  await expectText(page, '.statusbar', '2 nodes');
  await expectText(page, '.react-flow__node[data-id="service"]', 'Checkout API');

  await page.locator('button[aria-label="Export"]').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'Diagram as SVG' }).click()]);
  assert(download.suggestedFilename().endsWith('.svg'), download.suggestedFilename());
  const svg = readFileSync(await download.path(), 'utf8');
  assert(svg.startsWith('<svg') && svg.includes('Checkout API'), 'SVG has the diagram');

  // Shortcut help lists the registry's shortcuts.
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('Shift+?');
  await expectText(page, '[role=dialog]', 'Keyboard shortcuts');
  await page.screenshot({ path: join(shots, 'shortcuts.png') });
  await page.keyboard.press('Escape');
  await waitFor(async () => (await page.locator('[role=dialog]').count()) === 0, 'dialog closed');
});
