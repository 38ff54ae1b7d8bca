/**
 * The app stays usable while a sweep runs: the sweep is coordinated in a Web Worker of its own
 * (not on the UI thread), clicks on canvas nodes during the sweep select them, every point
 * arrives and the sweep finishes. The main thread's long tasks are printed, not judged: the
 * figures are measured by `BENCH_ONLY=ui npm run bench` (scripts/benchUi.mjs).
 */
import { test, waitFor, assert } from '../harness.mjs';
import { clickNode, instrument, longTasksBetween, setUpSweep, sweepFinished } from '../sweepUi.mjs';

test('ui responsive: a 2-D sweep runs in its coordinator worker while clicks on nodes select them', async ({ page, url }) => {
  await page.addInitScript(instrument);
  const workerNames = [];
  page.on('worker', (w) => workerNames.push(w.url()));
  await setUpSweep(page, url, { grid: { 'nodes.api.replicas': '1, 2', 'nodes.celery.replicas': '1, 2' }, duration: 10, replications: 2 });
  assert(await page.evaluate(() => PerformanceObserver.supportedEntryTypes.includes('longtask')), 'the browser reports long tasks');
  const started = await page.evaluate(() => performance.now());
  await page.locator('[data-testid=whatif-panel] [data-testid=sweep-run]').click();
  await waitFor(async () => (await page.locator('[data-testid=sweep-cancel]').count()) > 0, 'the sweep is running');
  // The driver hears of a new worker a moment after the page made it.
  await waitFor(async () => workerNames.some((u) => /coordinator/.test(u)), 'the sweep is coordinated in its own worker (a worker named for it)');
  // Clicks while it runs: each selects its node (the bound is a hang detector; the latency is the bench's).
  const clicked = [];
  for (const id of ['api', 'mysql', 'gateway', 'redis']) {
    if (await sweepFinished(page)) break;
    assert(await clickNode(page, id, 10_000), `a click on ${id} during the sweep selects it`);
    clicked.push(id);
  }
  assert(clicked.length > 0, 'the sweep lasted long enough for a click');
  await waitFor(() => sweepFinished(page), 'the sweep finishes', 240_000);
  const ended = await page.evaluate(() => performance.now());
  const rows = await page.locator('[data-testid=sweep-points] tr.ready').count();
  assert(rows === 4, `every point of the 2 × 2 grid is shown (${rows})`);
  assert((await page.locator('[data-testid=node-id]').inputValue()) === clicked.at(-1), 'the inspector still shows the last node clicked');
  const { count, longest } = await longTasksBetween(page, started, ended);
  console.log(`      ui: ${clicked.length} clicks selected their node during a ${((ended - started) / 1000).toFixed(1)} s sweep; main thread: ${count} long tasks, longest ${Math.round(longest)} ms`);
});
