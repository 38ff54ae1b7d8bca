/**
 * The metastability map as a user makes it: the retry-storm example, the triggers it can
 * take (no cache, so no flush, with the reason), a small map (2 sizes × 2 durations, one
 * replication, 20 s to recover) whose cells appear as they are judged, the boundary and
 * the mechanism, Cancel on a second run, and the report with one cell per point. Then the
 * cache-avalanche example: its keyed cache can be flushed (a share of its keys), and a
 * flush that covers the file's own at 70 s is said to overlap it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expectText, waitFor, assert, keepScreenshot } from '../harness.mjs';

/** A template on the canvas, one replication a point, and the Metastability tab open. */
async function openTemplate(page, url, template, nodes) {
  await page.setViewportSize({ width: 1500, height: 1100 });
  await page.goto(url);
  await page.locator('[data-action="file.new"]').click();
  await page.locator(`[data-testid=template-${template}]`).click();
  await waitFor(async () => (await page.locator('.react-flow__node').count()) >= nodes, 'template on the canvas');
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.getByRole('tab', { name: 'Run & SLO' }).click();
  await page.locator('[data-testid=run-replications]').fill('1');
  await page.locator('[data-testid=run-replications]').press('Enter');
  await page.locator('[data-testid=dock-tab-metastability]').click();
}

/** The map's ranges as typed: sizes, durations and the time allowed to recover. */
async function typeRanges(page, { size, duration, within }) {
  const fields = { 'size-from': size[0], 'size-to': size[1], 'size-count': size[2], 'for-from': duration[0], 'for-to': duration[1], 'for-count': duration[2], within };
  for (const [id, value] of Object.entries(fields)) await page.locator(`[data-testid=meta-${id}]`).fill(String(value));
}

test('metastability: a small map of the retry storm, cells arriving, boundary and mechanism, cancel, report', async ({ page, context, url, shots, root }) => {
  await openTemplate(page, url, 'retry-storm', 3);
  await expectText(page, '[data-testid=meta-empty]', 'No map yet');
  assert(await page.locator('[data-testid=meta-trigger-flush]').isDisabled(), 'no cache: flush is disabled');
  await expectText(page, '[data-testid=meta-why-flush]', 'needs a cache');
  assert(await page.locator('[data-testid=meta-trigger-spike]').isEnabled(), 'spike is allowed');

  // A bad range names the field and keeps Run off.
  await page.locator('[data-testid=meta-size-from]').fill('2');
  await expectText(page, '[data-testid=meta-setup-error]', 'Size: from must not be above to');
  assert(await page.locator('[data-testid=meta-run]').isDisabled(), 'Run is off while the setup is wrong');

  await typeRanges(page, { size: [1.1, 1.7, 2], duration: [5, 10, 2], within: 20 });
  await expectText(page, '[data-testid=meta-setup]', '4 points × 1 replications');

  await page.evaluate(() => {
    window.__cellCounts = [];
    new MutationObserver(() => {
      const n = document.querySelectorAll('[data-testid=meta-cell]').length;
      if (window.__cellCounts.at(-1) !== n) window.__cellCounts.push(n);
    }).observe(document.body, { subtree: true, childList: true });
  });
  await page.locator('[data-testid=meta-run]').click();
  await waitFor(async () => (await page.locator('[data-testid=export-meta-html]').isEnabled()) === true, 'map finished', 120_000);
  assert((await page.locator('[data-testid=meta-cell]').count()) === 4, 'one cell per point');
  assert((await page.locator('[data-testid=meta-cell-pending]').count()) === 0, 'no cell left pending');
  const counts = await page.evaluate(() => window.__cellCounts);
  assert(counts.at(-1) === 4, `cells arrived: ${JSON.stringify(counts)}`);
  const verdicts = await page.locator('[data-testid=meta-cell]').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-recovers')));
  // At 80% load a ×1.7 burst starts the storm; a ×1.1 one does not.
  assert(verdicts.includes('false') && verdicts.includes('true'), `both verdicts on the map: ${verdicts}`);
  const boundary = await page.locator('[data-testid=meta-boundary]').getAttribute('d');
  assert(/^M[\d.]+,[\d.]+ L/.test(boundary ?? ''), `the boundary drawn: ${boundary}`);
  await expectText(page, '[data-testid=meta-mechanism]', /what keeps it stuck: retries/);
  await expectText(page, '[data-testid=meta-boundary-text]', /stuck from ×1\.7|stuck from ×1\.1/);
  await expectText(page, '[data-testid=meta-legend]', 'stuck');
  await page.screenshot({ path: join(shots, 'metastability.png') });
  keepScreenshot(root, shots, 'metastability.png');

  // The report: the same heat map, one cell per point.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=export-meta-html]').click()]);
  assert(download.suggestedFilename() === 'retry-storm-metastability.html', download.suggestedFilename());
  const html = readFileSync(await download.path(), 'utf8');
  assert((html.match(/<g class="cell">/g) ?? []).length === 4, 'report with one cell per point');
  const report = await context.newPage();
  await report.setContent(html);
  await expectText(report, 'h1', 'metastability map');
  await report.screenshot({ path: join(shots, 'metastability-report.png') });
  await report.close();

  // Cancel a second, larger run: the cells so far stay, marked as partial.
  await page.locator('[data-testid=meta-for-count]').fill('4');
  await page.locator('[data-testid=meta-run]').click();
  await page.locator('[data-testid=meta-cancel]').click();
  await expectText(page, '[data-testid=meta-verdict]', 'Cancelled');
  assert(await page.locator('[data-testid=meta-run]').isEnabled(), 'Run is back after Cancel');
});

test('metastability: a keyed cache is flushed by the share of its keys, and the panel says where it meets the file’s own flush', async ({ page, url }) => {
  await openTemplate(page, url, 'cache-avalanche', 3);
  assert(await page.locator('[data-testid=meta-trigger-flush]').isEnabled(), 'a keyed cache: flush is allowed');
  assert((await page.locator('[data-testid=meta-why-flush]').count()) === 0, 'no refusal for the flush');
  await page.locator('[data-testid=meta-trigger-flush]').click();
  await expectText(page, '.meta-setup', 'keys lost');
  // The default start is 60 s: a flush for 15 s covers the file's own at 70 s.
  await typeRanges(page, { size: [50, 100, 2], duration: [15, 15, 1], within: 30 });
  await expectText(page, '[data-testid=meta-setup]', '2 points × 1 replications');
  await page.locator('[data-testid=meta-run]').click();
  await waitFor(async () => (await page.locator('[data-testid=export-meta-html]').isEnabled()) === true, 'map finished', 120_000);
  assert((await page.locator('[data-testid=meta-cell]').count()) === 2, 'one cell per point');
  await expectText(page, '[data-testid=meta-flushes-overlap]', /2 of the 2 points .* while the file's own flush \(events\[0\]/);
});
