/**
 * The app in Chinese, view by view: every text a person reads or hears (visible
 * text, aria-labels, titles, placeholders, role descriptions, option lists and
 * the screen-reader descriptions the canvas points at) is scanned for Latin words.
 * Allowed are units, product and format names, and the ids and names the model's
 * author typed (node and class ids); anything else fails the test, listed by view.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test, expectText, waitFor, assert } from '../harness.mjs';
import { writeBrokenShop } from '../brokenFile.mjs';

/** Words that are the same in a Chinese UI: units, products, formats and acronyms Chinese engineers use as they are. */
const allowed = new Set([
  // units and statistics
  'ms', 'µs', 's', 'h', 'p50', 'p95', 'p99', 'x', 'y', 'N', 'n', 'CI',
  // memory units as Kubernetes and people write them, and the JSON path a problem names
  'KiB', 'MiB', 'GiB', 'Ki', 'Mi', 'Gi', 'MB', 'GB', 'G', 'nodes',
  // products and protocols the examples and the palette name
  'Headroom', 'English', 'Redis', 'Sentinel', 'Envoy', 'FastAPI', 'BackgroundTasks', 'Django', 'PostgreSQL', 'MySQL', 'RabbitMQ', 'Celery', 'Kafka', 'Memcached', 'nginx', 'gunicorn', 'uvicorn', 'CDN', 'HTTP', 'GIL', 'GET', 'POST', 'PUT',
  // formats and acronyms
  'Python', 'Erlang', 'Web', 'pgbouncer', 'HPA', 'KEDA', 'Kubernetes', 'Pod', 'QPS', 'Locust', 'JMeter',
  // formats, acronyms, the configurations A and B of a comparison, and Intl's own "US$"
  'API', 'SLO', 'CPU', 'CPUs', 'JSON', 'HTML', 'PDF', 'CSV', 'SVG', 'PNG', 'USL', 'USD', 'US', 'ID', 'A', 'B',
  // key names, as printed on the keys
  'Ctrl', 'Shift', 'Alt', 'Cmd', 'Enter', 'Esc', 'Escape', 'Delete', 'Backspace', 'Space', 'Tab', 'F5',
]);
/**
 * Shortcuts (Ctrl+Shift+Z), numbers with exponents (1.2e+3), file names (notes.json, shop.headroom.json) and the file format's own
 * paths (nodes.api.replicas, nodes[4].hitRatio), the names load-test tools give their files (_stats_history.csv, .jtl), NAME=ID
 * examples, CLI commands, Python calls (asyncio.gather) and quoted values of the format ("any"), which a user types as they are.
 */
const verbatim = /\b(?:(?:Ctrl|Shift|Alt|Cmd)\+)+\w+|\d(?:\.\d+)?e[+-]?\d+|\b(?:nodes|edges|run|slo|classes|whatIf)(?:\[\d+\](?:\.[\w.-]+)?|\.[\w.-]+)|[\w-]+(?:\.headroom)?\.json|[\w-]*\.(?:csv|jtl)\b|\bstats_history\b|[\w/{}.-]+=[\w-]+|\bheadroom [a-z]+\b|\basyncio\.\w+|"[a-z]+"/g;

/** Collects every string a user of the page can read or hear. */
function collectTexts() {
  const out = [];
  const visible = (el) => el.checkVisibility ? el.checkVisibility({ checkOpacity: false, checkVisibilityCSS: true }) : true;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const parent = n.parentElement;
    if (!parent || !n.textContent.trim()) continue;
    // Values the user typed live in inputs; option lists are read when opened.
    if (parent.closest('textarea, script, style')) continue;
    if (parent.closest('option') || visible(parent)) out.push(n.textContent.trim());
  }
  for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], [aria-roledescription], [alt]')) {
    for (const a of ['aria-label', 'title', 'placeholder', 'aria-roledescription', 'alt']) {
      const v = el.getAttribute(a);
      if (v && v.trim()) out.push(v.trim());
    }
  }
  // Texts a screen reader reads for an element, hidden from the eye.
  for (const el of document.querySelectorAll('[aria-describedby]')) {
    for (const id of el.getAttribute('aria-describedby').split(/\s+/)) {
      const d = document.getElementById(id);
      if (d && d.textContent.trim()) out.push(d.textContent.trim());
    }
  }
  return [...new Set(out)];
}

function latinLeft(text, userWords) {
  const words = text.replace(verbatim, ' ').match(/[A-Za-z][A-Za-z0-9'’_.-]*[A-Za-z0-9]|[A-Za-z]/g) ?? [];
  return words.filter((w) => !allowed.has(w) && !userWords.has(w) && !/^[a-z]?\d/.test(w));
}

async function scan(page, view, userWords, found) {
  await page.waitForTimeout(150);
  const texts = await page.evaluate(collectTexts);
  assert(texts.length > 3, `${view}: the scan saw the page (${texts.length} texts)`);
  for (const text of texts) {
    const left = latinLeft(text, userWords);
    if (left.length) found.push(`${view}: “${text.slice(0, 160)}” [${[...new Set(left)].join(', ')}]`);
  }
}

test('zh-CN: no English word left in any main view', async ({ page, url, root, shots }) => {
  const sale = JSON.parse(readFileSync(join(root, 'assets/examples/flash-sale.headroom.json'), 'utf8'));
  // What the model's author typed: ids, and the parts of ids.
  const userWords = new Set([...sale.nodes.map((n) => n.id), ...(sale.classes ?? []).map((c) => c.id)].flatMap((id) => [id, ...id.split('-')]));
  // The filter itself: an English word is caught, allowed words, shortcuts, paths and typed ids are not.
  const caught = latinLeft('吞吐量 Throughput · Redis 撤销 (Ctrl+Shift+Z) nodes.shop-api.replicas nodes[4].hitRatio edges[9] shop-api 1.5e+3 ms run', userWords);
  assert(caught.join() === 'Throughput,run', `the scan's filter: ${caught.join()}`);
  const found = [];
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto(url);
  await expectText(page, '.palette', '组件');
  await scan(page, 'empty canvas', userWords, found);

  await page.locator('[data-testid=recent-menu-button]').click();
  await scan(page, 'recent menu', userWords, found);
  await page.keyboard.press('Escape');
  await page.locator('[data-action="file.new"]').click();
  await expectText(page, '[role=dialog]', '新建');
  await scan(page, 'templates', userWords, found);
  await page.locator('[data-testid=template-flash-sale]').click();
  await waitFor(async () => (await page.locator('.react-flow__node').count()) === sale.nodes.length, 'template on the canvas');

  // The scenario's tabs, with every section open.
  const openSections = async () => {
    for (const toggle of await page.locator('.inspector .section-toggle[aria-expanded=false]').all()) await toggle.click();
  };
  const tabs = page.locator('[data-testid=scenario-inspector] [role=tab]');
  for (let i = 0; i < (await tabs.count()); i++) {
    await tabs.nth(i).click();
    await openSections();
    await scan(page, `scenario tab ${i + 1}`, userWords, found);
  }

  // Every node kind's inspector, its optional groups switched on and back off, and its JSON view.
  for (const node of sale.nodes) {
    await page.locator(`.react-flow__node[data-id="${node.id}"] .flow-node-label`).click();
    await page.locator('[data-testid=node-inspector]').waitFor();
    await openSections();
    const off = page.locator('[data-testid=node-inspector] .optional-group:not(.on) input[type=checkbox]');
    const switched = await off.count();
    for (let i = 0; i < switched; i++) await off.first().check();
    await scan(page, `${node.kind} inspector (${node.id})`, userWords, found);
    for (let i = 0; i < switched; i++) await page.keyboard.press('Control+z');
  }
  await page.locator('[data-testid=inspector-view-json]').click();
  await scan(page, 'JSON view', userWords, found);
  await page.locator('[data-testid=json-text]').fill('{');
  await page.locator('[data-testid=json-apply]').click();
  await scan(page, 'JSON view, refused', userWords, found);
  await page.locator('[data-testid=inspector-view-fields]').click();

  // A call's inspector, resilience on.
  await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
  await page.locator('.react-flow__edge').first().click({ force: true });
  await page.locator('[data-testid=edge-inspector]').waitFor();
  await openSections();
  const edgeOff = page.locator('[data-testid=edge-inspector] .optional-group:not(.on) input[type=checkbox]');
  const edgeSwitched = await edgeOff.count();
  for (let i = 0; i < edgeSwitched; i++) await edgeOff.first().check();
  await scan(page, 'call inspector', userWords, found);
  for (let i = 0; i < edgeSwitched; i++) await page.keyboard.press('Control+z');

  // A short run, then the dashboard.
  await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
  await tabs.nth(1).click();
  await page.locator('[data-testid=run-duration]').fill('40');
  await page.locator('[data-testid=run-replications]').fill('2');
  await page.locator('[data-testid=run-replications]').press('Enter');
  await page.locator('[data-action="run.start"]').click();
  await expectText(page, '[data-testid=slo-verdict]', /SLO/, 120_000);
  await scan(page, 'dashboard', userWords, found);
  await page.locator('.react-flow__node[data-id="order-workers"] .flow-node-label').click();
  await scan(page, 'dashboard with a node selected', userWords, found);

  await page.locator('[data-testid=dock-tab-whatIf]').click();
  await scan(page, 'what-if tab', userWords, found);
  await page.locator('[data-testid=whatif-panel] [data-testid=sweep-run]').click();
  await waitFor(async () => (await page.locator('[data-testid=export-sweep-html]').isEnabled()) === true, 'sweep finished', 180_000);
  await scan(page, 'what-if tab after a sweep', userWords, found);

  // The metastability map: its setup, then a map of one point, its legend, boundary and mechanism.
  await page.locator('[data-testid=dock-tab-metastability]').click();
  await scan(page, 'metastability tab', userWords, found);
  for (const trigger of ['fault', 'flush']) {
    await page.locator(`[data-testid=meta-trigger-${trigger}]`).click();
    await scan(page, `metastability tab, ${trigger}`, userWords, found);
  }
  await page.locator('[data-testid=meta-trigger-spike]').click();
  await page.locator('[data-testid=meta-size-from]').fill('3');
  await scan(page, 'metastability tab, a wrong range', userWords, found);
  for (const [id, v] of [['meta-size-from', '1.5'], ['meta-size-to', '1.5'], ['meta-size-count', '1'], ['meta-for-from', '5'], ['meta-for-to', '5'], ['meta-for-count', '1'], ['meta-within', '10']]) await page.locator(`[data-testid=${id}]`).fill(v);
  await page.locator('[data-testid=meta-run]').click();
  await waitFor(async () => (await page.locator('[data-testid=export-meta-html]').isEnabled()) === true, 'map finished', 180_000);
  await scan(page, 'metastability tab after a map', userWords, found);
  await page.screenshot({ path: join(shots, 'zh-cn-metastability.png') });

  await page.locator('[data-testid=dock-tab-compare]').click();
  await scan(page, 'compare tab', userWords, found);
  await page.locator('[data-testid=compare-pin]').click();
  await page.locator('.react-flow__node[data-id="order-workers"] .flow-node-label').click();
  await page.locator('[data-testid=replicas]').fill('4');
  await page.locator('[data-testid=replicas]').press('Enter');
  await page.locator('[data-testid=compare-run]').click();
  await page.locator('[data-testid=compare-result]').waitFor({ timeout: 120_000 });
  await page.locator('[data-testid=diff-p99]').waitFor({ timeout: 120_000 });
  await scan(page, 'compare tab after a comparison', userWords, found);

  await page.locator('[data-testid=export-menu-button]').click();
  await scan(page, 'export menu', userWords, found);
  await page.keyboard.press('Escape');
  await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
  await page.keyboard.press('Shift+?');
  await page.locator('[role=dialog]').waitFor();
  await scan(page, 'shortcuts', userWords, found);
  await page.keyboard.press('Escape');

  // A load test fitted to this model: the aggregate history alone maps onto any model.
  await page.locator('[data-action="file.import"]').click();
  await page.locator('[data-testid=import-kind-loadTest]').click();
  await scan(page, 'import dialog, load test', userWords, found);
  await page.locator('[data-testid=import-files]').setInputFiles(join(root, 'tests/fixtures/loadtests/fastapi_stats_history.csv'));
  await page.locator('[data-testid=fit-verdict]').waitFor({ timeout: 120_000 });
  await scan(page, 'import dialog, a load test fitted', userWords, found);
  await page.keyboard.press('Escape');
  await page.screenshot({ path: join(shots, 'zh-cn-scan.png') });

  writeFileSync(join(shots, 'zh-cn-scan.txt'), found.join('\n'));
  assert(found.length === 0, `English left in the Chinese UI (${found.length}):\n${found.join('\n')}`);
}, { locale: 'zh-CN' });

test('zh-CN: new nodes, the canvas for screen readers, large numbers and a broken file’s problems', async ({ page, url, root }) => {
  const found = [];
  await page.goto(url);
  await expectText(page, '.palette', '组件');

  // Every kind from the palette gets a Chinese default label.
  const kinds = await page.locator('.palette-item[data-kind]').evaluateAll((items) => items.map((i) => i.getAttribute('data-kind')));
  assert(kinds.length === 7, `seven kinds in the palette: ${kinds}`);
  for (const kind of kinds) {
    await page.locator(`.palette-item[data-kind=${kind}]`).focus();
    await page.keyboard.press('Enter');
  }
  await waitFor(async () => (await page.locator('.react-flow__node').count()) === kinds.length, 'a node of every kind');
  const labels = await page.locator('.react-flow__node .flow-node-label').allInnerTexts();
  const ids = await page.locator('.react-flow__node').evaluateAll((ns) => ns.map((n) => n.getAttribute('data-id')));
  const english = labels.filter((l) => !/[\u4e00-\u9fff]/.test(l));
  assert(english.length === 0, `default labels in Chinese: ${labels.join(', ')}`);
  const userWords = new Set(ids.flatMap((id) => [id, ...id.split('-')]));
  await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
  await scan(page, 'a node of every kind, unconnected', userWords, found);

  // React Flow's own texts: the keyboard help the nodes point at, and the live message of a keyboard move.
  const source = page.locator(`.react-flow__node[data-id="${ids[kinds.indexOf('source')]}"]`);
  const help = await source.evaluate((n) => (n.getAttribute('aria-describedby') ?? '').split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' '));
  assert(/[\u4e00-\u9fff]/.test(help) && latinLeft(help, userWords).length === 0, `the node's keyboard help in Chinese: ${help}`);
  await source.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowRight');
  const live = await waitFor(async () => page.locator('[id^=react-flow__aria-live]').first().textContent(), 'a live message after a keyboard move');
  assert(/[\u4e00-\u9fff]/.test(live) && latinLeft(live, userWords).length === 0, `the live message in Chinese: ${live}`);
  await scan(page, 'after a keyboard move', userWords, found);

  // Large numbers in 万 and 亿, as a Chinese reader counts.
  await source.locator('.flow-node-label').click();
  await page.locator('[data-testid=arrival-rate]').fill('12000');
  await page.locator('[data-testid=arrival-rate]').press('Enter');
  await expectText(page, `.react-flow__node[data-id="${ids[kinds.indexOf('source')]}"]`, '1.2万');
  await page.locator('[data-testid=arrival-rate]').fill('600000');
  await page.locator('[data-testid=arrival-rate]').press('Enter');
  await expectText(page, `.react-flow__node[data-id="${ids[kinds.indexOf('source')]}"]`, '60万');
  await scan(page, 'a source at 60万 requests a second', userWords, found);

  // A broken file: the notice, every problem and every quick fix in Chinese.
  const { doc, path } = writeBrokenShop(root);
  await page.locator('[data-action="file.open"]').click();
  await expectText(page, '[role=dialog]', '放弃更改');
  await scan(page, 'unsaved changes', userWords, found);
  // A file that is not JSON at all first: the reason is Chinese too, not the JSON parser's English.
  const notJson = join(dirname(path), 'notes.json');
  writeFileSync(notJson, '{ this is not json');
  const [refused] = await Promise.all([page.waitForEvent('filechooser'), page.locator('[role=dialog] .dialog-actions .button.danger').click()]);
  await refused.setFiles(notJson);
  await page.locator('[data-testid=notice-error]').waitFor();
  await scan(page, 'a file that is not JSON', userWords, found);
  // The model is still the unsaved one the refused file left in place: discard it again.
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    (async () => {
      await page.locator('[data-action="file.open"]').click();
      await page.locator('[role=dialog] .dialog-actions .button.danger').click();
    })(),
  ]);
  await chooser.setFiles(path);
  await waitFor(async () => (await page.locator('.react-flow__node').count()) === doc.nodes.length, 'the broken file loaded');
  await expectText(page, '[data-testid=problems]', '3 个问题待修正');
  assert((await page.locator('[data-testid=quick-fix]').count()) === 3, 'three quick fixes');
  // The file's own words: its ids and labels, and the misspelt field with the one it was meant to be.
  const fileWords = new Set([...doc.nodes.flatMap((n) => [n.id, ...String(n.label).split(/\s+/)]), ...(doc.classes ?? []).map((c) => c.id), ...doc.name.split(/[\s()]+/), 'workrs', 'workers']);
  await scan(page, 'a broken file', fileWords, found);
  assert(found.length === 0, `English left in the Chinese UI (${found.length}):\n${found.join('\n')}`);
}, { locale: 'zh-CN' });

test('zh-CN: a timeline of events — the node badge, its tooltip and the estimate note', async ({ page, url, root, shots }) => {
  const avalanche = JSON.parse(readFileSync(join(root, 'assets/examples/cache-avalanche.headroom.json'), 'utf8'));
  const userWords = new Set(avalanche.nodes.map((n) => n.id).flatMap((id) => [id, ...id.split('-')]));
  const found = [];
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto(url);
  await expectText(page, '.palette', '组件');
  await page.locator('[data-action="file.new"]').click();
  await page.locator('[data-testid=template-cache-avalanche]').click();
  await waitFor(async () => (await page.locator('.react-flow__node').count()) === avalanche.nodes.length, 'template on the canvas');
  const badge = page.locator('.react-flow__node[data-id="product-cache"] [data-testid=node-events]');
  await badge.waitFor({ state: 'visible' });
  const title = await badge.getAttribute('title');
  assert(title === '1 个事件：第 70 秒缓存清空', `the badge's tooltip in Chinese: ${title}`);
  await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
  await expectText(page, '[data-testid=scenario-inspector] [data-testid=estimate-events-note]', '估算针对稳态：不包含时间线上的 1 个事件，模拟会体现它们。');
  await scan(page, 'canvas and estimate of a timeline', userWords, found);
  await page.locator('.react-flow__node[data-id="product-cache"] .flow-node-label').click();
  await expectText(page, '[data-testid=node-inspector] [data-testid=estimate-events-note]', /不包含时间线上的 1 个事件/);
  await scan(page, 'the flushed cache’s inspector', userWords, found);
  await page.screenshot({ path: join(shots, 'zh-cn-events.png') });
  assert(found.length === 0, `English left in the Chinese UI (${found.length}):\n${found.join('\n')}`);
}, { locale: 'zh-CN' });
