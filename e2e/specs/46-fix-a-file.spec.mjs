/**
 * Opening a file with problems: it loads, every problem is listed with its path and,
 * where one is obvious, a quick fix that is one undoable edit; a sync cycle is marked
 * on the canvas until it is broken.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expectText, waitFor, assert } from '../harness.mjs';
import { writeBrokenShop } from '../brokenFile.mjs';

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

test('fix a file: quick fixes for a misspelt field, a value out of range and a sync cycle', async ({ page, url, root, shots }) => {
  const { doc, path } = writeBrokenShop(root);

  await page.goto(url);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('[data-action="file.open"]').click()]);
  await chooser.setFiles(path);
  await waitFor(async () => (await page.locator('.react-flow__node').count()) === doc.nodes.length, 'every node loaded');
  await expectText(page, '[data-testid=problems]', 'unknown field "workrs"');
  await expectText(page, '[data-testid=problems]', 'sync calls form a cycle');
  // The cycle is marked on the canvas: both of its calls.
  await waitFor(async () => (await page.locator('.react-flow__edge .call-edge.cycle').count()) === 2, 'both calls of the cycle marked');
  await page.screenshot({ path: join(shots, 'fix-a-file.png') });
  // Each problem under its path in the file, with its own fix beside it.
  const items = await page.locator('[data-testid=problems] li').evaluateAll((lis) =>
    lis.map((li) => ({ path: li.querySelector('code')?.textContent ?? '', text: li.querySelector('.problem')?.textContent ?? '', fix: li.querySelector('[data-testid=quick-fix]')?.textContent ?? '' })),
  );
  const item = (text) => items.find((i) => i.text.includes(text));
  assert(items.length === 3, `three problems listed: ${JSON.stringify(items)}`);
  assert(item('workrs')?.path === 'nodes[2]' && item('workrs').fix === 'Rename “workrs” to “workers”', `the misspelt field: ${JSON.stringify(item('workrs'))}`);
  assert(item('between 0% and 100%')?.path === 'nodes[4].hitRatio' && item('between 0% and 100%').fix === 'Set to 1', `the value out of range: ${JSON.stringify(items)}`);
  assert(item('cycle')?.path === `edges[${doc.edges.length - 1}]` && item('cycle').fix === 'Remove the call that closes the cycle', `the cycle: ${JSON.stringify(item('cycle'))}`);

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

  // The instant estimate does not push load round the cycle: what api and auth are
  // offered with the cycle is what they are offered once it is gone.
  const offered = async () => ({
    api: await page.locator('.react-flow__node[data-id="api"] [data-testid=node-util]').innerText(),
    auth: await page.locator('.react-flow__node[data-id="auth"] [data-testid=node-util]').innerText(),
    status: (await page.locator('.statusbar').innerText()).match(/Estimated bottleneck: .*?\d+%/)?.[0],
  });
  const withCycle = await offered();
  assert(/\d+%/.test(withCycle.api) && /\d+%/.test(withCycle.auth) && withCycle.status, `an estimate is shown with the cycle: ${JSON.stringify(withCycle)}`);

  await fix('Remove the call that closes the cycle').click();
  await waitFor(async () => (await page.locator('.react-flow__edge .call-edge.cycle').count()) === 0, 'cycle no longer marked');
  await expectText(page, '.statusbar', 'Model valid');
  assert((await page.locator('.react-flow__edge').count()) === doc.edges.length - 1, 'exactly the closing call removed');
  const withoutCycle = await offered();
  assert(JSON.stringify(withoutCycle) === JSON.stringify(withCycle), `the estimate is the same without the cycle: ${JSON.stringify(withCycle)} vs ${JSON.stringify(withoutCycle)}`);
});

test('recent files: a file that failed to open is not listed, one that opened is', async ({ page, url, root, shots }) => {
  const dir = mkdtempSync(join(tmpdir(), 'headroom-recent-'));
  const bad = join(dir, 'not-a-scenario.json');
  writeFileSync(bad, '{ this is not json');
  const stranger = join(dir, 'package.json');
  writeFileSync(stranger, JSON.stringify({ name: 'left-pad', version: '1.3.0' }));
  const good = join(dir, 'good.headroom.json');
  writeFileSync(good, readFileSync(join(root, 'simulation/model/fixtures/shop.headroom.json'), 'utf8'));
  await page.goto(url);
  const open = async (path) => {
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('[data-action="file.open"]').click()]);
    await chooser.setFiles(path);
  };
  await open(bad);
  await expectText(page, '[data-testid=notice-error]', 'not valid JSON');
  await open(stranger);
  await expectText(page, '[data-testid=notice-error] >> nth=1', 'Could not open package.json');
  await page.screenshot({ path: join(shots, 'open-not-a-scenario.png') });
  await open(good);
  await waitFor(async () => (await page.locator('.react-flow__node').count()) > 0, 'the good file opened');
  await page.locator('[data-action="file.new"]').click();
  await expectText(page, '.recent', 'good.headroom.json');
  const recent = await page.locator('.recent').innerText();
  assert(!recent.includes('not-a-scenario.json') && !recent.includes('package.json'), `the files that failed are not among the recent ones: ${recent}`);
});

test('fix a file: a long list of problems is cut, and every one of them is a click away', async ({ page, url, root }) => {
  const doc = JSON.parse(readFileSync(join(root, 'simulation/model/fixtures/shop.headroom.json'), 'utf8'));
  for (const n of doc.nodes) Object.assign(n, { colour: 'red', owner: 'ops' });
  const path = join(mkdtempSync(join(tmpdir(), 'headroom-fix-')), 'many.headroom.json');
  writeFileSync(path, JSON.stringify(doc, null, 2));
  await page.goto(url);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('[data-action="file.open"]').click()]);
  await chooser.setFiles(path);
  const total = doc.nodes.length * 2;
  await expectText(page, '[data-testid=problems]', `${total} problems to fix`);
  const listed = () => page.locator('[data-testid=problems] li').count();
  assert((await listed()) < total, `the list is cut (${await listed()} of ${total})`);
  await page.locator('[data-testid=problems-show-all]').click();
  await waitFor(async () => (await listed()) === total, `all ${total} listed`);
  const text = await page.locator('[data-testid=problems]').innerText();
  for (let i = 0; i < doc.nodes.length; i++) assert(text.includes(`nodes[${i}]`), `the problems of nodes[${i}] are listed`);
  assert((await page.locator('[data-testid=problems-show-all]').count()) === 0, 'the button is gone once all are shown');
});
