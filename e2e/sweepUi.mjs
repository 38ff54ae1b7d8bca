/**
 * A 2-D what-if sweep in the app with the main thread watched: shared by the UI bench
 * (scripts/benchUi.mjs, which reports the figures) and the e2e spec that checks the app
 * stays usable while it runs (e2e/specs/65-ui-responsive.spec.mjs).
 */

/**
 * In the page before the app (page.addInitScript): every long task, and a hook that times a
 * click to the inspector showing its node.
 */
export function instrument() {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  window.__clicks = [];
  // Set up before the click is sent, and awaited apart from it: an input event may overtake a script call.
  window.__expectNode = (id) => {
    window.__clickDone = false;
    const clickAt = new Promise((resolve) => document.addEventListener('pointerdown', (e) => resolve(e.timeStamp), { capture: true, once: true }));
    const shown = () => document.querySelector('[data-testid=node-id]')?.value === id;
    let settled = false;
    const check = () => {
      if (settled || !shown()) return;
      settled = true;
      const now = performance.now();
      observer.disconnect();
      void clickAt.then((at) => {
        window.__clicks.push(now - at);
        window.__clickDone = true;
      });
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { subtree: true, childList: true, attributes: true });
    // The inspector may reuse its input and change only its value, which no mutation shows.
    const poll = () => (settled ? undefined : (check(), requestAnimationFrame(poll)));
    requestAnimationFrame(poll);
  };
}

/** The FastAPI template with short runs and `grid` (path → values) to vary, capacity at the SLO; ready to press Run. */
export async function setUpSweep(page, url, { grid, duration, replications }) {
  await page.goto(url);
  await page.locator('[data-action="file.new"]').click();
  await page.locator('[data-testid=template-fastapi-stack]').click();
  await page.locator('.react-flow__node[data-id="celery"]').waitFor();
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.getByRole('tab', { name: 'Run & SLO' }).click();
  await page.locator('[data-testid=run-duration]').fill(String(duration));
  await page.locator('[data-testid=run-replications]').fill(String(replications));
  await page.locator('[data-testid=run-replications]').press('Enter');
  // The template varies the API's replicas; the celery workers' replicas make the grid 2-D.
  await page.locator('.react-flow__node[data-id="celery"] .flow-node-label').click();
  await page.locator('[data-testid="sweep:nodes.celery.replicas"]').click();
  for (const [path, values] of Object.entries(grid)) {
    const entry = page.locator(`[data-testid=whatif-panel] [data-testid=vary-entry][data-path="${path}"]`);
    await entry.locator('[data-testid=vary-mode-list]').click();
    await entry.locator('[data-testid=vary-values]').fill(values);
    await entry.locator('[data-testid=vary-values]').press('Enter');
  }
  if (!(await page.locator('[data-testid=whatif-panel] [data-testid=find-capacity]').isChecked())) throw new Error('the template should search the capacity at its SLO');
}

export const sweepFinished = (page) => page.locator('[data-testid=export-sweep-html]').isEnabled();

/** Clicks node `id` on the canvas; true when the inspector showed it within `timeout` ms (the time is kept in window.__clicks). */
export async function clickNode(page, id, timeout) {
  const box = await page.locator(`.react-flow__node[data-id="${id}"] .flow-node-label`).boundingBox();
  if (!box) throw new Error(`node ${id} is not on the canvas`);
  await page.evaluate((node) => window.__expectNode(node), id);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  return page.waitForFunction(() => window.__clickDone, null, { timeout, polling: 100 }).then(
    () => true,
    () => false,
  );
}

/** The long tasks that started between `from` and `to` (page clock), with their count, longest and blocking time. */
export async function longTasksBetween(page, from, to) {
  const tasks = await page.evaluate(([a, b]) => window.__longTasks.filter((t) => t.start >= a && t.start <= b), [from, to]);
  return {
    count: tasks.length,
    longest: tasks.reduce((m, t) => Math.max(m, t.duration), 0),
    blocked: tasks.reduce((s, t) => s + Math.max(0, t.duration - 50), 0),
  };
}
