/**
 * Building a model, the details: a call dropped on a node's body connects, a database
 * says what its instances are, a source has no cost, and the Export menu closes on
 * Escape and on a click outside.
 */
import { join } from 'node:path';
import { test, expectText, waitFor, assert } from '../harness.mjs';

/**
 * Every visible thing drawn in red (the danger hues of the stylesheet, text, fills,
 * borders and strokes), described by tag and class: what a user would read as "wrong".
 */
function redThings() {
  const red = (css) => {
    const m = /rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?\)/.exec(css ?? '');
    if (!m || (m[4] !== undefined && Number(m[4]) < 0.3)) return false;
    const [r, g, b] = [m[1], m[2], m[3]].map((v) => Number(v) / 255);
    const max = Math.max(r, g, b);
    const min = Math.min(r, g, b);
    const light = (max + min) / 2;
    if (max === min || light < 0.15 || light > 0.96) return false;
    const sat = (max - min) / (1 - Math.abs(2 * light - 1));
    const hue = max === r ? (60 * ((g - b) / (max - min)) + 360) % 360 : -1;
    return sat > 0.5 && hue >= 0 && (hue <= 15 || hue >= 345);
  };
  const found = [];
  for (const el of document.querySelectorAll('body *')) {
    if (el.checkVisibility && !el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
    const cs = getComputedStyle(el);
    const what = `${el.tagName.toLowerCase()}.${String(el.className?.baseVal ?? el.className).trim().replace(/\s+/g, '.')}`;
    const hasText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    if (hasText && red(cs.color)) found.push(`${what} text ${cs.color}`);
    if (red(cs.backgroundColor)) found.push(`${what} background ${cs.backgroundColor}`);
    for (const side of ['Top', 'Right', 'Bottom', 'Left']) {
      if (parseFloat(cs[`border${side}Width`]) > 0 && cs[`border${side}Style`] !== 'none' && red(cs[`border${side}Color`])) found.push(`${what} border ${cs[`border${side}Color`]}`);
    }
    if (el instanceof SVGElement && (red(cs.stroke) || red(cs.fill))) found.push(`${what} stroke/fill ${cs.stroke} ${cs.fill}`);
  }
  return [...new Set(found)];
}

async function drop(page, kind, x, y) {
  await page.locator(`.palette-item[data-kind=${kind}]`).dragTo(page.locator('.react-flow__pane'), { targetPosition: { x, y } });
}

test('building: a call dropped on the node body connects; instances explained; no cost on a source; Export menu closes', async ({ page, url, shots }) => {
  await page.goto(url);
  await drop(page, 'source', 150, 200);
  await drop(page, 'database', 520, 260);
  await waitFor(async () => (await page.locator('.react-flow__node').count()) === 2, 'two nodes placed');

  // Drag from the source's handle and let go in the middle of the database's card, far from its handle.
  const a = await page.locator('.react-flow__node[data-id="users"] .handle-out').boundingBox();
  const card = await page.locator('.react-flow__node[data-id="db"]').boundingBox();
  const inHandle = await page.locator('.react-flow__node[data-id="db"] .handle-in').boundingBox();
  const target = { x: card.x + card.width * 0.7, y: card.y + card.height * 0.75 };
  assert(Math.hypot(target.x - (inHandle.x + inHandle.width / 2), target.y - (inHandle.y + inHandle.height / 2)) > 60, 'the drop point is far from the handle');
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + target.x) / 2, (a.y + target.y) / 2, { steps: 6 });
  await page.mouse.move(target.x, target.y, { steps: 6 });
  await page.mouse.up();
  await waitFor(async () => (await page.locator('.react-flow__edge').count()) === 1, 'the call is drawn');
  await expectText(page, '.statusbar', '2 nodes · 1 call');
  assert((await page.locator('.react-flow__edge[data-id="users->db"]').count()) === 1, 'the call goes from the source to the database');

  // Database instances: what 3 means.
  await page.locator('.react-flow__node[data-id="db"] .flow-node-label').click();
  await page.locator('[data-testid=replicas]').fill('1');
  await page.locator('[data-testid=replicas]').press('Enter');
  await expectText(page, '[data-testid=instances-note]', '1 instance: the primary alone');
  await page.locator('[data-testid=replicas]').fill('3');
  await page.locator('[data-testid=replicas]').press('Enter');
  await expectText(page, '[data-testid=instances-note]', '3 instances: 1 primary and 2 read replicas');
  await page.screenshot({ path: join(shots, 'database-instances.png') });

  // A source is load, not something paid for per replica.
  await page.locator('.react-flow__node[data-id="users"] .flow-node-label').click();
  await expectText(page, '[data-testid=node-inspector]', 'Arrival');
  assert(!(await page.locator('[data-testid=node-inspector]').innerText()).includes('Cost'), 'a source shows no cost per replica');
  await page.locator('.react-flow__node[data-id="db"] .flow-node-label').click();
  await expectText(page, '[data-testid=node-inspector]', 'Cost');

  // The Export menu closes on Escape (focus still on its button) and on a click on the canvas.
  const exportButton = page.locator('button[aria-haspopup=menu]', { hasText: 'Export' });
  await exportButton.click();
  await waitFor(async () => (await page.locator('[data-testid=export-menu]').count()) === 1, 'menu open');
  await page.keyboard.press('Escape');
  await waitFor(async () => (await page.locator('[data-testid=export-menu]').count()) === 0, 'Escape closes the menu');
  await exportButton.click();
  await waitFor(async () => (await page.locator('[data-testid=export-menu]').count()) === 1, 'menu open again');
  await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
  await waitFor(async () => (await page.locator('[data-testid=export-menu]').count()) === 0, 'a click outside closes the menu');
});

test('building: the first node dropped is unfinished, not wrong, until a real problem appears', async ({ page, url, shots }) => {
  await page.goto(url);
  await drop(page, 'source', 400, 200);
  await waitFor(async () => (await page.locator('.react-flow__node').count()) === 1, 'one node placed');
  // Not connected yet: said softly, in the node and in the list.
  await expectText(page, '.react-flow__node[data-id="users"] .node-issue.soft', '+');
  await expectText(page, '[data-testid=node-inspector] .field-error.block.soft', 'makes no calls');
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await expectText(page, '[data-testid=problems].unfinished', 'To finish the model');
  await expectText(page, '[data-testid=problems]', 'makes no calls');
  await page.screenshot({ path: join(shots, 'first-node.png') });
  // Nothing on the screen is red: not the node, the list, the status bar nor the inspector.
  const calm = await page.evaluate(redThings);
  assert(calm.length === 0, `red before the user could connect the node: ${calm.join(' | ')}`);
  await page.locator('.react-flow__node[data-id="users"] .flow-node-label').click();
  const calmSelected = await page.evaluate(redThings);
  assert(calmSelected.length === 0, `red in the node's inspector: ${calmSelected.join(' | ')}`);
  // A value that is wrong is red at once (and the scan above sees red when there is some).
  await page.locator('[data-testid=arrival-rate]').fill('-5');
  await page.locator('[data-testid=arrival-rate]').press('Enter');
  await waitFor(async () => (await page.locator('.react-flow__node[data-id="users"] .node-issue:not(.soft)').count()) === 1, 'a real problem is red');
  const alarmed = await page.evaluate(redThings);
  assert(alarmed.some((w) => w.includes('node-issue')) && alarmed.some((w) => w.includes('status-issues')), `a real problem is drawn red in the node and the status bar: ${alarmed.join(' | ')}`);
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await waitFor(async () => (await page.locator('[data-testid=problems]:not(.unfinished)').count()) === 1, 'the list is a list of problems again');
});

test('building: Ctrl+Z in a field undoes the whole typing as one step, and redo brings it back', async ({ page, url }) => {
  const mod = process.platform === 'darwin' ? 'Meta' : 'Control';
  await page.goto(url);
  await drop(page, 'service', 400, 200);
  await page.locator('.react-flow__node[data-id="service"] .flow-node-label').click();
  const workers = page.locator('[data-testid=workers]');
  const before = await workers.inputValue();
  await workers.click();
  await page.keyboard.press(`${mod}+a`);
  await page.keyboard.type('486', { delay: 30 });
  await waitFor(async () => (await page.locator('.react-flow__node[data-id="service"]').innerText()).includes('486'), 'the typed value reached the model');
  await page.keyboard.press(`${mod}+z`);
  await waitFor(async () => (await workers.inputValue()) === before, `one undo restores ${before}, not a shorter number`);
  await waitFor(async () => !(await page.locator('.react-flow__node[data-id="service"]').innerText()).includes('48'), 'the model is back too');
  await waitFor(async () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'workers'), 'the field keeps the focus');
  // The step went to the app's history (redo is offered), not to the browser's text undo.
  await waitFor(async () => (await page.locator('[data-action="edit.redo"]').isEnabled()), 'redo is offered in the toolbar');
  await page.keyboard.press(`${mod}+Shift+z`);
  await waitFor(async () => (await workers.inputValue()) === '486', 'redo brings the whole value back');
});

test('building: a node dropped by the inspector lands wholly in view', async ({ page, url, shots }) => {
  await page.goto(url);
  const pane = await page.locator('.react-flow__pane').boundingBox();
  await drop(page, 'service', pane.width - 4, 120);
  await drop(page, 'cache', pane.width - 20, pane.height - 4);
  await waitFor(async () => (await page.locator('.react-flow__node').count()) === 2, 'two nodes placed');
  const inspector = await page.locator('.inspector').boundingBox();
  const canvas = await page.locator('[data-testid=canvas]').boundingBox();
  for (const id of ['service', 'cache']) {
    const box = await page.locator(`.react-flow__node[data-id="${id}"]`).boundingBox();
    assert(box.x + box.width <= inspector.x, `${id} ends left of the inspector (${box.x + box.width} > ${inspector.x})`);
    assert(box.y + box.height <= canvas.y + canvas.height, `${id} ends above the canvas's bottom edge`);
  }
  await page.screenshot({ path: join(shots, 'drop-by-inspector.png') });
});

test('building: a service sheds by waiting time (CoDel) without a queue limit, its target and interval in ms', async ({ page, url }) => {
  await page.goto(url);
  await drop(page, 'service', 400, 200);
  await page.locator('.react-flow__node[data-id="service"] .flow-node-label').click();
  const shed = page.locator('[data-testid=shed]');
  await waitFor(async () => (await shed.count()) === 1, 'the shed choice is offered with no queue limit');
  assert((await page.locator('[data-testid=codel-target]').count()) === 0, 'no CoDel fields before CoDel is chosen');
  await shed.selectOption('codel');
  const target = page.locator('[data-testid=codel-target]');
  await waitFor(async () => (await target.count()) === 1, 'target appears');
  assert((await target.getAttribute('placeholder')) === '5', 'the target defaults to 5 ms');
  assert((await page.locator('[data-testid=codel-interval]').getAttribute('placeholder')) === '100', 'the interval defaults to 100 ms');
  await expectText(page, '[data-testid=codel-note]', 'Needs no queue limit');
  await target.fill('20');
  await target.press('Enter');
  await waitFor(async () => (await target.inputValue()) === '20', 'the target keeps 20 ms');
  assert((await page.locator('[data-testid=node-inspector] .field-error').count()) === 0, 'no problem with CoDel and no queue');
  await shed.selectOption('');
  await waitFor(async () => (await page.locator('[data-testid=codel-target]').count()) === 0, 'back to the default, the CoDel fields go');
});
