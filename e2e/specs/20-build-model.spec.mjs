/**
 * The main user journey with the mouse, from an empty canvas: drag five
 * components from the palette, connect their handles, set parameters in the
 * inspector, see the estimate react, run the real simulation, read the results,
 * undo and redo, save (web download) and reopen, and switch to Chinese.
 */
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expectText, waitFor, assert } from '../harness.mjs';

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

async function drop(page, kind, x, y) {
  const pane = page.locator('.react-flow__pane');
  await page.locator(`.palette-item[data-kind=${kind}]`).dragTo(pane, { targetPosition: { x, y } });
}

async function connect(page, from, to) {
  const a = await page.locator(`.react-flow__node[data-id="${from}"] .handle-out`).boundingBox();
  const b = await page.locator(`.react-flow__node[data-id="${to}"] .handle-in`).boundingBox();
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2 + 10, { steps: 6 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 6 });
  await page.mouse.up();
}

test('build a model with the mouse, run, undo/redo, save and reopen, Chinese', async ({ page, url, shots }) => {
  await page.goto(url);
  await expectText(page, '[data-testid=canvas-empty]', 'Drag a component here');

  await drop(page, 'source', 120, 140);
  await drop(page, 'gateway', 400, 140);
  await drop(page, 'service', 680, 140);
  await drop(page, 'cache', 680, 360);
  await drop(page, 'database', 400, 360);
  await waitFor(async () => (await page.locator('.react-flow__node').count()) === 5, 'five nodes placed');
  assert((await page.locator('[data-testid=canvas-empty]').count()) === 0, 'empty state gone');

  await connect(page, 'users', 'gateway');
  await connect(page, 'gateway', 'service');
  await connect(page, 'service', 'cache');
  await connect(page, 'cache', 'db');
  await waitFor(async () => (await page.locator('.react-flow__edge').count()) === 4, 'four calls drawn');
  await expectText(page, '.statusbar', '5 nodes · 4 calls');
  await expectText(page, '.statusbar', 'Model valid');

  // Inspector: the service's capacity and work, in the units people use.
  await page.locator('.react-flow__node[data-id="service"] .flow-node-label').click();
  await page.locator('[data-testid=workers]').fill('4');
  await page.locator('[data-testid=work-mean]').fill('20');
  await page.locator('[data-testid=work-mean]').press('Enter');
  await expectText(page, '[data-testid=estimate-card]', 'Worker utilization');

  // Overload is flagged the moment the load is typed in.
  await page.locator('.react-flow__node[data-id="users"] .flow-node-label').click();
  await page.locator('[data-testid=arrival-rate]').fill('400');
  await page.locator('[data-testid=arrival-rate]').press('Enter');
  await waitFor(async () => (await page.locator('.react-flow__node[data-id="service"] .flow-node').getAttribute('data-level')) === 'over', 'service marked overloaded');
  await expectText(page, '.react-flow__node[data-id="service"]', 'overloaded');
  await page.screenshot({ path: join(shots, 'overloaded.png') });
  await page.locator('[data-testid=arrival-rate]').fill('100');
  await page.locator('[data-testid=arrival-rate]').press('Enter');
  await waitFor(async () => (await page.locator('.react-flow__node[data-id="service"] .flow-node').getAttribute('data-level')) !== 'over', 'overload cleared');

  // An invalid value shows where it is wrong.
  await page.locator('.react-flow__node[data-id="db"] .flow-node-label').click();
  await page.locator('[data-testid=workers]').fill('2.5');
  await expectText(page, '.inspector', 'whole number');
  await page.locator('[data-testid=workers]').fill('20');
  await page.locator('[data-testid=workers]').press('Enter');

  // Auto layout lines the calls up left to right.
  await page.locator('[data-action="view.autoLayout"]').click();

  // Run the real simulation.
  await page.locator('[data-action="run.start"]').click();
  await expectText(page, '[data-testid=kpi-throughput]', /req\/s/, 120_000);
  const tput = await page.locator('[data-testid=kpi-throughput] .kpi-value').innerText();
  const value = Number(tput.replace(/[^\d.]/g, ''));
  assert(value > 90 && value < 110, `throughput near 100 req/s: ${tput}`);
  await expectText(page, '[data-testid=bottleneck]', /busy|%/);
  await page.locator('[data-action="view.fit"]').click();
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(shots, 'built-results.png') });

  // A change marks the results stale at once.
  await page.locator('.react-flow__node[data-id="service"] .flow-node-label').click();
  await page.locator('[data-testid=workers]').fill('6');
  await page.locator('[data-testid=workers]').press('Enter');
  await expectText(page, '[data-testid=stale-badge]', 'Stale');
  // Undoing it makes them current again.
  await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
  await page.keyboard.press(`${mod}+z`);
  await waitFor(async () => (await page.locator('[data-testid=stale-badge]').count()) === 0, 'results current again after undo');

  // Delete, undo, redo.
  await page.locator('.react-flow__node[data-id="db"] .flow-node-label').click();
  await page.keyboard.press('Delete');
  await expectText(page, '.statusbar', '4 nodes · 3 calls');
  await page.keyboard.press(`${mod}+z`);
  await expectText(page, '.statusbar', '5 nodes · 4 calls');
  await page.keyboard.press(`${mod}+Shift+z`);
  await expectText(page, '.statusbar', '4 nodes · 3 calls');
  await page.keyboard.press(`${mod}+y`).catch(() => undefined);
  await page.keyboard.press(`${mod}+z`);
  await expectText(page, '.statusbar', '5 nodes · 4 calls');

  // A drag is one undo step.
  const node = page.locator('.react-flow__node[data-id="gateway"]');
  const transform = async () => (await node.getAttribute('style')).match(/transform:[^;]+/)?.[0];
  const before = await transform();
  const box = await node.boundingBox();
  await page.mouse.move(box.x + 60, box.y + 20);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) await page.mouse.move(box.x + 60 + i * 10, box.y + 20 + i * 6);
  await page.mouse.up();
  assert((await transform()) !== before, 'node moved');
  await page.keyboard.press(`${mod}+z`);
  await waitFor(async () => (await transform()) === before, 'one undo restores the position');

  // Copy and paste make new ids.
  await page.locator('.react-flow__node[data-id="cache"] .flow-node-label').click();
  await page.keyboard.press(`${mod}+c`);
  await page.keyboard.press(`${mod}+v`);
  await waitFor(async () => (await page.locator('.react-flow__node[data-id="cache-2"]').count()) === 1, 'pasted as cache-2');
  await page.keyboard.press(`${mod}+z`);
  await expectText(page, '.statusbar', '5 nodes · 4 calls');

  // Save through the web bridge: a download of the scenario file.
  await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
  await page.locator('[data-testid=scenario-name]').fill('Shop');
  await page.locator('[data-testid=scenario-name]').press('Enter');
  await expectText(page, '[data-testid=doc-title]', '•');
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="file.save"]').click()]);
  assert(download.suggestedFilename() === 'shop.headroom.json', `file name: ${download.suggestedFilename()}`);
  const path = join(mkdtempSync(join(tmpdir(), 'headroom-save-')), download.suggestedFilename());
  copyFileSync(await download.path(), path);
  const saved = JSON.parse(readFileSync(path, 'utf8'));
  assert(saved.nodes.length === 5 && saved.edges.length === 4 && saved.name === 'Shop', 'saved the model');
  assert(saved.nodes.find((n) => n.id === 'service').work.mean === 0.02, 'work stored in seconds');
  await waitFor(async () => !(await page.locator('[data-testid=doc-title]').innerText()).includes('•'), 'clean after save');

  // New, then reopen the saved file.
  await page.locator('[data-action="file.new"]').click();
  await page.locator('[data-testid=template-empty]').click();
  await expectText(page, '.statusbar', '0 nodes');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('[data-action="file.open"]').click()]);
  await chooser.setFiles(path);
  await expectText(page, '.statusbar', '5 nodes · 4 calls');
  await expectText(page, '[data-testid=doc-title]', 'shop.headroom.json');

  // Chinese, remembered across a reload.
  await page.locator('[data-testid=language]').selectOption('zh-CN');
  await expectText(page, '.palette', '组件');
  await expectText(page, '[data-action="run.start"]', '运行');
  await page.locator('[data-action="run.start"]').click();
  await expectText(page, '[data-testid=kpi-throughput]', '请求/秒', 120_000);
  await page.screenshot({ path: join(shots, 'chinese.png') });
  await page.reload();
  await expectText(page, '.palette', '组件');

  // The example templates are offered in Chinese too, though their files are English.
  await page.locator('[data-action="file.new"]').click();
  await expectText(page, '[data-testid=template-flash-sale] .template-name', '限时抢购');
  await expectText(page, '[data-testid=template-fastapi-stack] .template-desc', '典型 Python Web 技术栈');
  await page.keyboard.press('Escape');
});
