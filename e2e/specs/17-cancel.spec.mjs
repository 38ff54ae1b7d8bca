/**
 * Cancelling stops the work, not just the progress bar: every simulation Web Worker that was
 * busy is gone within moments of Escape (or the Cancel button during a sweep), and the app runs
 * the next simulation normally. The measured stop times are printed; the bound is a hang
 * detector, the figures go in the notes.
 */
import { test, expectText, waitFor, assert } from '../harness.mjs';

/** Starts watching the page's simulation workers; `stopped()` resolves when every one seen so far has closed. */
function watchWorkers(page) {
  const open = new Set();
  const closed = new Set();
  const track = (w) => {
    open.add(w);
    w.once('close', () => closed.add(w));
  };
  for (const w of page.workers()) track(w);
  page.on('worker', track);
  return {
    busy: () => [...open].filter((w) => !closed.has(w)).length,
    allClosed: () => [...open].every((w) => closed.has(w)),
  };
}

async function timeToStop(page, workers, cancel) {
  const started = Date.now();
  await cancel();
  await waitFor(async () => workers.allClosed(), 'every simulation worker stopped', 5_000);
  return Date.now() - started;
}

test('cancel: a run and a sweep stop their Web Workers at once, and the next run works', async ({ page, url }) => {
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

  // A sweep of the same long run, cancelled from its own button.
  // A sweep of the same long run (the template varies the API's replicas), cancelled from its own button.
  await page.locator('[data-testid=dock-tab-whatIf]').click();
  await page.locator('[data-testid=whatif-panel] [data-testid=sweep-run]').click();
  await waitFor(async () => (await page.locator('[data-testid=sweep-cancel]').count()) > 0 && workers.busy() > 0, 'a sweep in flight on the workers', 30_000);
  const sweepStop = await timeToStop(page, workers, () => page.locator('[data-testid=sweep-cancel]').click());

  // The app carries on: a short run completes with results.
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.getByRole('tab', { name: 'Run & SLO' }).click();
  await page.locator('[data-testid=run-duration]').fill('20');
  await page.locator('[data-testid=run-replications]').fill('2');
  await page.locator('[data-testid=run-replications]').press('Enter');
  await page.locator('[data-action="run.start"]').click();
  await expectText(page, '[data-testid=kpi-throughput]', /req\/s/, 60_000);

  console.log(`      cancel: run on ${busyInRun} worker(s) stopped in ${runStop} ms, sweep in ${sweepStop} ms`);
  assert(runStop < 1000 && sweepStop < 1000, `workers stopped in ${runStop} ms (run) and ${sweepStop} ms (sweep)`);
});
