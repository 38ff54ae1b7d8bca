/**
 * What-if analyses as a user runs them: a replica sweep added from the inspector
 * ("Sweep"), values as a range, the capacity search at the SLO, points arriving
 * while the sweep runs, the payoff marker and verdict, a point loaded onto the
 * canvas (and undone), the sweep going stale, the report exported and opened;
 * then paired comparisons against a pinned baseline and a sweep point; and the
 * same through the Electron bridge, with its keyboard.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expectText, waitFor, assert, keepScreenshot } from '../harness.mjs';
import { fakePreload } from '../fakePreload.mjs';

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';


async function openTemplate(page, url, id) {
  await page.goto(url);
  await page.locator('[data-action="file.new"]').click();
  await page.locator(`[data-testid=template-${id}]`).click();
  await waitFor(async () => (await page.locator('.react-flow__node').count()) >= 5, 'template on the canvas');
}

/** Short runs keep the suite fast; the numbers stay meaningful at these loads. */
async function shortRuns(page, duration, replications) {
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.getByRole('tab', { name: 'Run & SLO' }).click();
  await page.locator('[data-testid=run-duration]').fill(String(duration));
  await page.locator('[data-testid=run-replications]').fill(String(replications));
  await page.locator('[data-testid=run-replications]').press('Enter');
}

const inputValue = (page, testId) => page.locator(`[data-testid=${testId}]`).inputValue();

test('what-if: sweep replicas from the inspector, watch points arrive, load one, export the report', async ({ page, context, url, shots, root }) => {
  await page.setViewportSize({ width: 1600, height: 1200 });
  await openTemplate(page, url, 'fastapi-stack');
  await shortRuns(page, 20, 2);
  // A database with room for about 400 requests/s: scaling the API out stops paying there.
  await page.locator('.react-flow__node[data-id="mysql"] .flow-node-label').click();
  await page.locator('[data-testid=replicas]').fill('1');
  await page.locator('[data-testid=workers]').fill('2');
  await page.locator('[data-testid=workers]').press('Enter');

  // The template varies the API already; start over from the inspector.
  await page.locator('[data-testid=dock-tab-whatIf]').click();
  await page.locator('[data-testid=whatif-panel] [data-testid=vary-entry] button[aria-label^="Remove"]').click();
  await waitFor(async () => (await page.locator('[data-testid=vary-entry]').count()) === 0, 'entry removed');
  await page.locator('.react-flow__node[data-id="api"] .flow-node-label').click();
  await page.locator('[data-testid="sweep:nodes.api.replicas"]').click();
  const entry = page.locator('[data-testid=whatif-panel] [data-testid=vary-entry]');
  await expectText(page, '[data-testid=whatif-panel] [data-testid=vary-entry]', 'Replicas');
  assert((await entry.getAttribute('data-path')) === 'nodes.api.replicas', 'entry for the replicas');
  await expectText(page, '[data-testid="sweep:nodes.api.replicas"]', 'Swept');

  // A range, 1 to 6 replicas.
  await entry.locator('[data-testid=vary-mode-range]').click();
  await entry.locator('[data-testid=vary-from]').fill('1');
  await entry.locator('[data-testid=vary-to]').fill('6');
  await entry.locator('[data-testid=vary-step]').fill('1');
  await entry.locator('[data-testid=vary-step]').press('Tab');
  await expectText(page, '[data-testid=whatif-panel] .vary-preview', '6 values: 1, 2, 3, 4, 5, 6');
  assert(await page.locator('[data-testid=whatif-panel] [data-testid=find-capacity]').isChecked(), 'the template searches the capacity at its SLO');

  // Count the rows that have a result each time the table changes: points show as they finish.
  await page.evaluate(() => {
    window.__readyCounts = [];
    new MutationObserver(() => {
      const n = document.querySelectorAll('[data-testid=sweep-points] tr.ready').length;
      if (window.__readyCounts.at(-1) !== n) window.__readyCounts.push(n);
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
  });
  await page.locator('[data-testid=whatif-panel] [data-testid=sweep-run]').click();
  await expectText(page, '[data-testid=sweep-progress]', /of 6 points/);
  await waitFor(async () => (await page.locator('[data-testid=export-sweep-html]').isEnabled()) === true, 'sweep finished', 120_000);
  const counts = await page.evaluate(() => window.__readyCounts);
  assert(counts.at(-1) === 6 && counts.some((n) => n > 0 && n < 6), `points arrived one by one: ${JSON.stringify(counts)}`);

  // The verdict, the payoff marker and the USL curve.
  await expectText(page, '[data-testid=sweep-verdict]', /replicas of FastAPI .* pay off/);
  await waitFor(async () => (await page.locator('[data-testid=chart-capacity] [data-testid=payoff-marker]').count()) === 1, 'payoff marker');
  const marker = await page.locator('[data-testid=chart-capacity] [data-testid=payoff-marker]').textContent();
  assert(/pays off until \d/.test(marker), `payoff label: ${marker}`);
  assert((await page.locator('[data-testid=chart-capacity] .model-curve').count()) === 1, 'USL curve drawn');
  assert((await page.locator('[data-testid=chart-capacity] circle.sweep-dot').count()) === 6, 'six points on the capacity chart');
  assert((await page.locator('[data-testid=chart-latency] .threshold').count()) === 1, 'SLO line on the latency chart');
  assert((await page.locator('[data-testid=chart-cost]').count()) === 1, 'cost chart (the template has costs)');
  // The model's own configuration (4 replicas) is the highlighted row.
  await waitFor(async () => (await page.locator('[data-testid=sweep-points] tr.current').getAttribute('data-index')) === '3', 'current row is 4 replicas');
  await page.locator('[data-testid=dock-maximize]').click();
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(shots, 'whatif.png') });
  keepScreenshot(root, shots, 'whatif.png');
  await page.locator('[data-testid=dock-maximize]').click();

  // A row loads its configuration onto the canvas, as one undo step.
  await page.locator('[data-testid=sweep-points] tr[data-index="1"]').click();
  await waitFor(async () => (await inputValue(page, 'replicas')) === '2', 'inspector shows 2 replicas');
  await expectText(page, '.react-flow__node[data-id="api"]', '2 ×');
  await waitFor(async () => (await page.locator('[data-testid=sweep-points] tr.current').getAttribute('data-index')) === '1', 'loaded row highlighted');
  assert((await page.locator('[data-testid=sweep-stale-badge]').count()) === 0, 'loading a point keeps the sweep current');
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press(`${mod}+z`);
  await waitFor(async () => (await page.locator('[data-testid=sweep-points] tr.current').getAttribute('data-index')) === '3', 'undo goes back to 4 replicas');
  // So does a dot on a chart.
  await page.locator('[data-testid=chart-capacity] circle.sweep-dot[data-index="2"]').click();
  await waitFor(async () => (await page.locator('[data-testid=sweep-points] tr.current').getAttribute('data-index')) === '2', 'dot loads 3 replicas');

  // Any other change makes the sweep stale; undoing it makes it current again.
  await page.locator('.react-flow__node[data-id="api"] .flow-node-label').click();
  await page.locator('[data-testid=workers]').fill('12');
  await page.locator('[data-testid=workers]').press('Enter');
  await expectText(page, '[data-testid=sweep-stale-badge]', 'stale');
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press(`${mod}+z`);
  await waitFor(async () => (await page.locator('[data-testid=sweep-stale-badge]').count()) === 0, 'sweep current after undo');

  // The report, downloaded through the web bridge and opened in the browser.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=export-sweep-html]').click()]);
  assert(download.suggestedFilename() === 'fastapi-stack-what-if.html', download.suggestedFilename());
  const html = readFileSync(await download.path(), 'utf8');
  assert(html.startsWith('<!doctype html>') && html.includes('<svg') && html.includes('nodes.api.replicas'), 'report with charts and the sweep table');
  const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=export-sweep-csv]').click()]);
  const rows = readFileSync(await csv.path(), 'utf8').trim().split('\n');
  assert(rows[0].startsWith('nodes.api.replicas,capacity') && rows.length === 7, `CSV: ${rows[0]} (${rows.length} lines)`);
  const report = await context.newPage();
  await report.setViewportSize({ width: 1100, height: 1500 });
  await report.setContent(html);
  await expectText(report, 'h1', 'FastAPI stack');
  await report.screenshot({ path: join(shots, 'report.png') });
  keepScreenshot(root, shots, 'report.png');
  await report.close();
});

test('compare: a pinned baseline against the changed model, and a sweep point, with paired intervals', async ({ page, url, shots, root }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await openTemplate(page, url, 'django-monolith');
  await shortRuns(page, 30, 4);
  // Busy enough that a replica more or less shows in the latency.
  await page.locator('.react-flow__node[data-id="users"] .flow-node-label').click();
  await page.locator('[data-testid=arrival-rate]').fill('150');
  await page.locator('[data-testid=arrival-rate]').press('Enter');

  // Baseline: two Django replicas. Variant: three.
  await page.locator('.react-flow__node[data-id="django"] .flow-node-label').click();
  await page.locator('[data-testid=replicas]').fill('2');
  await page.locator('[data-testid=replicas]').press('Enter');
  await page.locator('[data-testid=dock-tab-compare]').click();
  await page.locator('[data-testid=compare-pin]').click();
  await expectText(page, '[data-testid=baseline]', 'Baseline pinned');
  await page.locator('[data-testid=replicas]').fill('3');
  await page.locator('[data-testid=replicas]').press('Enter');
  await page.locator('[data-testid=compare-run]').click();
  await expectText(page, '[data-testid=compare-result]', 'Model on the canvas', 120_000);
  await expectText(page, '[data-testid=compare-diff]', 'Django (gunicorn sync) · Replicas');
  await expectText(page, '[data-testid=compare-diff]', '2 → 3');
  // Each metric: a signed difference with its interval, and whether it is significant.
  const p99 = await page.locator('[data-testid=diff-p99]').innerText();
  assert(/[−+][\d.]+ m?s ± [\d.]+ m?s/.test(p99) && /significant/.test(p99), `p99 difference: ${p99}`);
  await expectText(page, '[data-testid=diff-throughput]', /%\s±\s[\d.]+%/);
  await expectText(page, '[data-testid=compare-table]', 'Django (gunicorn sync) utilization');
  // Each side names the resource it is a share of; a node with nothing limited shows "–", never a percentage above 100%.
  const utilizationRows = (await page.locator('[data-testid=compare-table] tr').allInnerTexts()).filter((r) => r.includes(' utilization'));
  assert(utilizationRows.some((r) => /(workers|CPUs|connections) \d+%/.test(r)), `compare rows name their resource: ${utilizationRows.join(' | ')}`);
  for (const r of utilizationRows) for (const m of r.matchAll(/(\d+)%/g)) assert(Number(m[1]) <= 100, `compare row: ${r}`);
  // The mean moves by several of its intervals; the p99 of four 30 s runs is too noisy to promise a verdict either way.
  await expectText(page, '[data-testid=diff-mean]', 'significant: better');
  await page.locator('[data-testid=diff-p99]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, 'compare.png') });
  keepScreenshot(root, shots, 'compare.png');

  // The comparison goes stale when the model changes.
  await page.locator('[data-testid=replicas]').fill('4');
  await page.locator('[data-testid=replicas]').press('Enter');
  await expectText(page, '[data-testid=compare-stale-badge]', 'stale');

  // A sweep point against the model, from the what-if table (without the capacity search, for speed).
  await page.locator('[data-testid=dock-tab-whatIf]').click();
  await page.locator('[data-testid=whatif-panel] [data-testid=find-capacity]').uncheck();
  const values = page.locator('[data-testid=whatif-panel] [data-testid=vary-entry] [data-testid=vary-values]');
  await page.locator('[data-testid=whatif-panel] [data-testid=vary-mode-list]').click();
  await values.fill('2, 4');
  await values.press('Enter');
  await page.locator('[data-testid=whatif-panel] [data-testid=sweep-run]').click();
  await waitFor(async () => (await page.locator('[data-testid=export-sweep-html]').isEnabled()) === true, 'sweep finished', 120_000);
  await page.locator('[data-testid=sweep-points] tr[data-index="0"] .row-actions button').click();
  await expectText(page, '[data-testid=compare-result]', 'Django (gunicorn sync) · Replicas = 2', 120_000);
  await expectText(page, '[data-testid=compare-diff]', '4 → 2');
  await expectText(page, '[data-testid=diff-mean]', 'significant: worse');
});

test('electron: capacity needs an SLO, reports through main, compare with a saved file, Escape, Delete and Shift+1', async ({ page, url, root }) => {
  const fixture = JSON.parse(readFileSync(join(root, 'tests/fixtures/validation/mm1.json'), 'utf8')).scenario;
  const saved = { ...fixture, nodes: fixture.nodes.map((n) => (n.id === 'svc' ? { ...n, workers: 2 } : n)) };
  await page.addInitScript(fakePreload, { openText: JSON.stringify(fixture), openName: 'mm1.headroom.json' });
  await page.goto(url);
  const calls = (name) => page.evaluate((n) => window.__calls.filter((c) => c.name === n), name);
  await page.locator('[data-action="file.open"]').click();
  await expectText(page, '[data-testid=doc-title]', 'mm1.headroom.json');
  await shortRuns(page, 200, 2);

  // No SLO: the capacity search explains what it needs.
  await page.locator('.react-flow__node[data-id="svc"] .flow-node-label').click();
  await page.locator('[data-testid="sweep:nodes.svc.workers"]').click();
  await expectText(page, '[data-testid=whatif-panel] [data-testid=capacity-needs-slo]', 'needs an SLO');
  assert(await page.locator('[data-testid=whatif-panel] [data-testid=find-capacity]').isDisabled(), 'capacity search disabled without an SLO');
  await page.locator('[data-testid=whatif-panel] [data-testid=vary-values]').fill('1, 2');
  await page.locator('[data-testid=whatif-panel] [data-testid=vary-values]').press('Enter');
  await page.locator('[data-testid=whatif-panel] [data-testid=sweep-run]').click();
  await waitFor(async () => (await page.locator('[data-testid=export-sweep-html]').isEnabled()) === true, 'sweep finished', 120_000);
  await page.locator('[data-testid=export-sweep-html]').click();
  await page.locator('[data-testid=export-sweep-pdf]').click();
  await waitFor(async () => (await calls('exportFile')).length === 1 && (await calls('exportPdf')).length === 1, 'exports reached main');
  const [file] = await calls('exportFile');
  assert(file.args[0].mime === 'text/html' && file.args[0].suggestedName === 'mm1-what-if.html' && file.args[0].size > 2000, JSON.stringify(file.args[0]));
  assert((await calls('exportPdf'))[0].args[1] === 'mm1-what-if.pdf', 'PDF name');

  // Compare with a saved file: main's open dialog hands back the file.
  await page.evaluate((text) => {
    window.headroom.openDocument = async () => ({ handle: 'h-old', name: 'mm1-old.headroom.json', text });
  }, JSON.stringify(saved));
  await page.locator('[data-testid=dock-tab-compare]').click();
  await page.locator('[data-testid=compare-file]').click();
  await expectText(page, '[data-testid=compare-result]', 'mm1-old.headroom.json', 60_000);
  await expectText(page, '[data-testid=compare-diff]', 'Workers');

  // Escape cancels a run (the menu does not own it).
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.getByRole('tab', { name: 'Run & SLO' }).click();
  await page.locator('[data-testid=run-duration]').fill('100000');
  await page.locator('[data-testid=run-duration]').press('Enter');
  await page.locator('[data-action="run.start"]').click();
  await waitFor(async () => (await page.locator('[data-action="run.cancel"]').count()) === 1, 'run in flight');
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('Escape');
  await expectText(page, '.statusbar', 'Run cancelled');

  // Shift+1 fits the view.
  await page.locator('[data-action="view.zoomIn"]').click();
  await page.locator('[data-action="view.zoomIn"]').click();
  const zoomed = await page.locator('.statusbar').innerText();
  await page.keyboard.press('Shift+1');
  await waitFor(async () => (await page.locator('.statusbar').innerText()) !== zoomed, 'view fitted');

  // Delete removes the selected node (the menu's Delete only shows the key).
  // The fit animates; a click that lands mid-flight can miss, so click until the node is selected.
  const svc = page.locator('.react-flow__node[data-id="svc"]');
  await waitFor(async () => {
    await svc.locator('.flow-node-label').click();
    return /\bselected\b/.test((await svc.getAttribute('class')) ?? '');
  }, 'svc selected');
  await page.keyboard.press('Delete');
  await expectText(page, '.statusbar', '1 nodes');
});
