/**
 * A simulation worker that throws in the middle of a run: the run fails with the worker's own
 * error, worded in the app's language; the worker that threw is stopped (it does not run on,
 * unseen); the coordinator and the page survive it; and the next run completes. The throw is
 * injected by the test driver (e2e/faults.mjs), so no file a user opens can cause it.
 */
import { test, expectText, waitFor, assert } from '../harness.mjs';
import { throwInFirstSimWorker } from '../faults.mjs';

const fault = 'injected fault: the engine host threw';

const words = {
  en: { runTab: 'Run & SLO', failed: 'The simulation failed', crashed: 'A simulation worker crashed: ', statusFailed: 'Run failed', statusDone: 'Run finished' },
  'zh-CN': { runTab: '运行与 SLO', failed: '模拟失败', crashed: '模拟工作线程崩溃：', statusFailed: '运行失败', statusDone: '运行完成' },
};

async function runFor(page, w, seconds, replications) {
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.getByRole('tab', { name: w.runTab }).click();
  await page.locator('[data-testid=run-duration]').fill(String(seconds));
  await page.locator('[data-testid=run-replications]').fill(String(replications));
  await page.locator('[data-testid=run-replications]').press('Enter');
  await page.locator('[data-action="run.start"]').click();
}

for (const language of ['en', 'zh-CN']) {
  const w = words[language];
  test(`${language === 'en' ? '' : 'zh-CN: '}worker throws: the run fails with the worker's error, the worker is stopped and the next run completes`, async ({ page, context, url }) => {
    await throwInFirstSimWorker(context, { message: fault, afterMs: 1_500 });
    const seen = [];
    page.on('worker', (worker) => {
      const entry = { worker, closed: false };
      worker.once('close', () => (entry.closed = true));
      seen.push(entry);
    });
    await page.goto(url);
    await page.locator('[data-action="file.new"]').click();
    await page.locator('[data-testid=template-fastapi-stack]').click();
    await waitFor(async () => (await page.locator('.react-flow__node').count()) >= 5, 'template nodes on the canvas');

    // Far too long to finish: the replication is still running when its worker throws.
    await runFor(page, w, 100_000, 4);
    const notice = await expectText(page, '[data-testid=notice-error]', w.failed, 30_000);
    assert(notice.includes(`${w.crashed}`) && notice.includes(fault), `the notice gives the worker's error in ${language}: ${notice}`);
    await expectText(page, '.statusbar', w.statusFailed);

    const coordinators = seen.filter((s) => s.worker.url().includes('coordinator.worker'));
    const thrower = seen.find((s) => s.worker.url().startsWith('blob:'));
    assert(coordinators.length === 1 && thrower, `one coordinator and the worker that threw (${seen.map((s) => s.worker.url()).join(', ')})`);
    // Terminated, not left computing its endless replication; Chromium takes a moment to close it.
    await waitFor(async () => thrower.closed, 'the worker that threw is stopped', 10_000);
    assert(!coordinators[0].closed, 'the coordinator survived the worker that threw');

    // The app carries on, on the same coordinator: a short run completes with results.
    await runFor(page, w, 20, 2);
    await expectText(page, '.statusbar', w.statusDone, 60_000);
    await expectText(page, '[data-testid=kpi-throughput]', /\d/);
    assert(!coordinators[0].closed && seen.filter((s) => s.worker.url().includes('coordinator.worker')).length === 1, 'the next run ran on the same coordinator');
  }, { locale: language === 'en' ? 'en-US' : 'zh-CN' });
}
