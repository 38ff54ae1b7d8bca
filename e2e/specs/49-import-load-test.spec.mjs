/**
 * File → Import → a load test: the Locust fixture replayed against the FastAPI
 * template on the worker pool, the verdict, the table and the two curves with the
 * simulated band, exported as the HTML report; a bad file
 * refused with its line; a calibration cancelled stops its Web Workers within 100 ms
 * and leaves the fit before it; calibrating api changes its work only on Apply, and one
 * undo brings it back.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expectText, waitFor, assert, keepScreenshot } from '../harness.mjs';
import { stampTerminations, watchWorkers } from '../workers.mjs';

async function apiReadMean(page) {
  await page.locator('.react-flow__node[data-id="api"] .flow-node-label').click();
  return Number(await page.locator('[data-testid=work-read-mean]').inputValue());
}

test('import: a Locust test fitted on the worker pool, verdict, table and chart; calibrating api is one undoable step', async ({ page, url, root, shots }) => {
  await page.addInitScript(stampTerminations);
  await page.goto(url);
  const workers = watchWorkers(page);
  await page.getByRole('button', { name: 'Start from a template' }).first().click();
  await page.locator('[data-testid=template-fastapi-stack]').click();
  await waitFor(async () => (await page.locator('.react-flow__node').count()) >= 5, 'template nodes on the canvas');
  const before = await apiReadMean(page);
  assert(before === 30, `api works 30 ms per read in the template (got ${before})`);
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });

  await page.locator('[data-action="file.import"]').click();
  await page.locator('[data-testid=import-kind-loadTest]').click();
  // A history cut short: the file and line, nothing to apply.
  await page.locator('[data-testid=import-files]').setInputFiles({ name: 'cut_stats_history.csv', mimeType: 'text/csv', buffer: Buffer.from('Timestamp,User Count,Type,Name,Requests/s,Failures/s,Total Request Count,Total Failure Count\n1700000000,10\n') });
  await expectText(page, '[data-testid=import-report].bad', /cut_stats_history\.csv:2: /);
  assert(await page.locator('[data-testid=import-apply]').isDisabled(), 'nothing to apply');

  await page.locator('[data-testid=import-names]').fill('/items/{id}=read, /orders=write');
  const dir = join(root, 'tests/fixtures/loadtests');
  await page.locator('[data-testid=import-files]').setInputFiles([join(dir, 'fastapi_stats_history.csv'), join(dir, 'fastapi_stats.csv')]);
  await expectText(page, '[data-testid=fit-verdict]', /the model reproduces the test only within \d+\.\d%/, 60000);
  await waitFor(async () => (await page.locator('[data-testid=fit-chart-throughput] path[stroke]').count()) === 2, 'the throughput chart has the measured and the simulated curve');
  assert((await page.locator('[data-testid=fit-chart-p95] path[stroke]').count()) === 2, 'and the p95 chart');
  // The simulated range for one test as a band behind each chart's simulated curve, over the 12 stretches of 10 s.
  for (const chart of ['throughput', 'p95']) {
    const band = page.locator(`[data-testid=fit-chart-${chart}] [data-testid=series-band]`);
    assert((await band.count()) === 1, `a band on the ${chart} chart`);
    assert(((await band.getAttribute('d')) ?? '').split('L').length >= 2 * 12 - 1, `the ${chart} band spans the 12 stretches`);
  }
  await expectText(page, '[data-testid=fit-band-note]', /Each point is a stretch of 10 s \(5 of the file’s windows\).*Inside the band: throughput in \d+ of 12, p95 in \d+ of 12 stretches\./);
  // Export: the same HTML report as headroom fit --report, with its two curves and band.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=fit-export-report]').click()]);
  assert(download.suggestedFilename() === 'fastapi-stack-fit.html', download.suggestedFilename());
  const html = readFileSync(await download.path(), 'utf8');
  assert(html.startsWith('<!doctype html>\n<html lang="en">'), 'an English HTML page');
  assert((html.match(/<path class="band"/g) ?? []).length === 2, 'its throughput and p95 charts each with a band');
  assert(html.includes('the model reproduces the test only within'), 'and the verdict');
  await expectText(page, '[data-testid=fit-row-read-mean]', 'Mean');
  await expectText(page, '[data-testid=fit-row-read-mean]', '✗');
  assert((await page.locator('[data-testid=fit-table] tbody tr').count()) === 18, 'overall, read and write, six figures each');
  // Measured and simulated each with its 95% interval, as the CLI prints them: ± in the cell, the bounds in its title.
  await expectText(page, '[data-testid=fit-head-measured-interval]', '95% interval');
  await expectText(page, '[data-testid=fit-head-simulated-interval]', '95% interval');
  const meanRow = page.locator('[data-testid=fit-row-overall-mean]');
  const measuredPm = await meanRow.locator('[data-testid=fit-measured-interval]').innerText();
  const simulatedPm = await meanRow.locator('[data-testid=fit-simulated-interval]').innerText();
  assert(/^± \d+(\.\d+)? ms$/.test(measuredPm) && /^± \d+(\.\d+)? ms$/.test(simulatedPm), `overall mean ± its intervals (got "${measuredPm}", "${simulatedPm}")`);
  assert(/^\[\d+(\.\d+)? ms, \d+(\.\d+)? ms\]$/.test(await meanRow.locator('[data-testid=fit-measured-interval]').getAttribute('title')), 'the measured bounds in the title');
  assert((await page.locator('[data-testid=fit-row-read-mean] [data-testid=fit-measured-interval]').innerText()) === '—', 'a class without rows in the history has no measured interval');
  await expectText(page, '[data-testid=fit-interval-note]', /batch means over 12 stretches/);
  await page.locator('[data-testid=fit-table]').screenshot({ path: join(shots, 'import-load-test-table.png') });
  assert(await page.locator('[data-testid=import-apply]').isDisabled(), 'nothing to apply before calibrating');

  // A calibration cancelled: its workers are terminated at once, the dialog shows the fit before it and can calibrate again.
  await page.locator('[data-testid=fit-calibrate-api]').check();
  await page.locator('[data-testid=fit-calibrate-run]').click();
  const cancelButton = page.locator('[data-testid=fit-cancel]');
  await cancelButton.waitFor({ state: 'visible' });
  await waitFor(async () => workers.busy() > 0 && /[1-9]\d*%/.test(await page.locator('[data-testid=fit-running]').innerText()), 'the calibration replaying on the workers', 30000);
  const box = await cancelButton.boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await waitFor(async () => (await page.evaluate(() => window.__cancelProbe.terminatedAt.length)) > 0, 'Cancel terminated the busy workers', 2000);
  const probe = await page.evaluate(() => window.__cancelProbe);
  const stopped = Math.round(Math.max(...probe.terminatedAt) - probe.pressedAt);
  console.log(`      cancel: the fit's ${probe.terminatedAt.length} busy worker(s) terminated ${stopped} ms after the click`);
  assert(stopped < 100, `workers stopped ${stopped} ms after Cancel (at most 100 ms)`);
  assert((await page.locator('[data-testid=fit-running]').count()) === 0, 'no longer running');
  await expectText(page, '[data-testid=fit-verdict]', /the model reproduces the test only within/);
  assert((await page.locator('[data-testid=fit-calibration]').count()) === 0, 'no calibration shown');
  assert(await page.locator('[data-testid=import-apply]').isDisabled(), 'a cancelled calibration has nothing to apply');
  assert(!(await page.locator('[data-testid=fit-calibrate-run]').isDisabled()), 'Calibrate can be pressed again');

  await page.locator('[data-testid=fit-calibrate-run]').click();
  await expectText(page, '[data-testid=fit-calibration]', /api work × 1\.\d{3}/, 90000);
  // Both curves with their bands and the note under them in view.
  await page.locator('[data-testid=fit-band-note]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, 'import-load-test.png') });
  keepScreenshot(root, shots, 'import-load-test.png');
  // Calibrating changes nothing before Apply.
  await page.locator('[data-testid=import-apply]').click();
  await waitFor(async () => (await page.locator('[data-testid=import-dialog]').count()) === 0, 'Apply closes the dialog');
  const after = await apiReadMean(page);
  assert(after > 36 && after < 54, `api's read work scaled by the factor (got ${after} ms)`);
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('Control+z');
  await waitFor(async () => (await apiReadMean(page)) === 30, 'one undo brings back 30 ms');

  // The dialog in Chinese: the kind, the verdict from the fit's own table.
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.locator('[data-testid=language]').selectOption('zh-CN');
  await page.locator('[data-action="file.import"]').click();
  await page.locator('[data-testid=import-kind-loadTest]').click();
  await expectText(page, '[data-testid=import-dialog]', '负载测试');
  await page.locator('[data-testid=import-names]').fill('/items/{id}=read, /orders=write');
  await page.locator('[data-testid=import-files]').setInputFiles([join(dir, 'fastapi_stats_history.csv'), join(dir, 'fastapi_stats.csv')]);
  // Cancelled before any fit: said so, and the fit runs again on request. On a quiet machine
  // the fit can end before the driver sees its Cancel button (the English part above cancels
  // a calibration, which runs longer), so the cancel is checked when it was caught running.
  // The button moves as the percentage beside it grows, so it is pressed as it stands.
  const cancel = page.locator('[data-testid=fit-cancel]');
  const verdict = page.locator('[data-testid=fit-verdict]');
  await waitFor(async () => (await cancel.count()) > 0 || (await verdict.count()) > 0, 'the fit running or done', 60000);
  if ((await cancel.count()) > 0 && (await cancel.dispatchEvent('click', undefined, { timeout: 1000 }).then(() => true, () => false))) {
    await expectText(page, '[data-testid=fit-cancelled]', '拟合已取消');
    await page.locator('[data-testid=fit-again]').click();
  } else console.log('      the Chinese fit ended before its Cancel could be pressed');
  await expectText(page, '[data-testid=fit-verdict]', /^结论：/, 60000);
  await expectText(page, '[data-testid=fit-head-measured-interval]', '95% 置信区间');
  await expectText(page, '[data-testid=fit-band-note]', /^每个点是一段 10 s（文件中的 5 个时间窗）；色带是模型/);
  await expectText(page, '[data-testid=fit-export-report]', '导出报告（HTML）');
  await page.screenshot({ path: join(shots, 'import-load-test-zh.png') });
  await page.keyboard.press('Escape');
});
