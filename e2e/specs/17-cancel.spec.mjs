/**
 * Cancelling stops the work, not just the progress bar: every simulation Web Worker that was
 * busy is gone within moments of Escape (or the Cancel button during a sweep), its thread does
 * at most 100 ms of work after the press (CPU time from /proc, on Linux), and the app runs the
 * next simulation normally. The measured figures are printed; the wall-time bound is a hang
 * detector.
 */
import { test, expectText, waitFor, assert } from '../harness.mjs';
import { stampTerminations, timeToStop, watchWorkers } from '../workers.mjs';

test('cancel: a run and a sweep stop their Web Workers at once, and the next run works', async ({ page, url }) => {
  await page.addInitScript(stampTerminations);
  await page.goto(url);
  const workers = watchWorkers(page);
  await page.getByRole('button', { name: 'Start from a template' }).first().click();
  await page.locator('[data-testid=template-fastapi-stack]').click();
  await waitFor(async () => (await page.locator('.react-flow__node').count()) >= 5, 'template nodes on the canvas');

  // A run far too long to finish, on every worker the pool has.
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.getByRole('tab', { name: 'Run & SLO' }).click();
  await page.locator('[data-testid=run-duration]').fill('100000');
  await page.locator('[data-testid=run-replications]').fill('4');
  await page.locator('[data-testid=run-replications]').press('Enter');
  await page.locator('[data-action="run.start"]').click();
  await waitFor(async () => (await page.locator('[data-testid=run-progress]').count()) > 0 && workers.busy() > 0, 'a run in flight on the workers', 30_000);
  const busyInRun = workers.busy();
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  const runStop = await timeToStop(page, workers, () => page.keyboard.press('Escape'));
  await expectText(page, '.statusbar', 'Run cancelled');

  // A sweep of the same long run (the template varies the API's replicas), cancelled from its own button.
  await page.locator('[data-testid=dock-tab-whatIf]').click();
  await page.locator('[data-testid=whatif-panel] [data-testid=sweep-run]').click();
  await waitFor(async () => (await page.locator('[data-testid=sweep-cancel]').count()) > 0 && workers.busy() > 0, 'a sweep in flight on the workers', 30_000);
  const cancelButton = page.locator('[data-testid=sweep-cancel]');
  // Found and visible before the clock starts: the stop time is the app's, not the locator's.
  await cancelButton.waitFor({ state: 'visible' });
  const box = await cancelButton.boundingBox();
  const sweepStop = await timeToStop(page, workers, () => page.mouse.click(box.x + box.width / 2, box.y + box.height / 2));

  // The app carries on: a short run completes with results.
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.getByRole('tab', { name: 'Run & SLO' }).click();
  await page.locator('[data-testid=run-duration]').fill('20');
  await page.locator('[data-testid=run-replications]').fill('2');
  await page.locator('[data-testid=run-replications]').press('Enter');
  await page.locator('[data-action="run.start"]').click();
  await expectText(page, '[data-testid=kpi-throughput]', /req\/s/, 60_000);

  const cpu = (stop) => (stop.cpuMs === undefined ? '' : `; worker threads' CPU after the press ${stop.cpuMs} ms over ${stop.watchMs} ms (${stop.busyMs} ms in the half second before)`);
  console.log(`      cancel: run on ${busyInRun} worker(s) stopped ${runStop.app} ms after Escape (closed as the driver sees it after ${runStop.closed} ms)${cpu(runStop)}`);
  console.log(`      cancel: sweep stopped ${sweepStop.app} ms after the click (${sweepStop.closed} ms)${cpu(sweepStop)}`);
  // Wall times wait on a loaded machine's scheduler: a hang detector. The work done after the
  // press is the measurement issue 14 bounds (100 ms), where /proc can count it.
  assert(runStop.closed < 1000 && sweepStop.closed < 1000, `workers stopped in ${runStop.closed} ms (run) and ${sweepStop.closed} ms (sweep)`);
  for (const [what, stop] of [['run', runStop], ['sweep', sweepStop]]) {
    if (stop.cpuMs === undefined) continue;
    assert(stop.busyMs > 0, `the ${what}'s worker threads were seen working before the cancel (${stop.busyMs} ms)`);
    assert(stop.cpuMs <= 100, `the ${what}'s worker threads used ${stop.cpuMs} ms of CPU after the cancel`);
  }
});
