// The `ui` section of `npm run bench`: the app in Chromium during a 2-D what-if sweep.
// Long tasks come from a PerformanceObserver('longtask') installed before the app loads,
// counted between the sweep's start and its end. Clicks on canvas nodes while the sweep
// runs are timed from the input event's own timestamp (so time the event waited behind
// a busy main thread counts) to the first moment the inspector shows that node.
// BENCH_UI_PROFILE=FILE also writes a Chrome CPU profile of the sweep (unminified build).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { findBrowser } from '../e2e/browser.mjs';
import { serve } from '../e2e/server.mjs';

/** What runs: short runs so the sweep takes tens of seconds, a 4 × 3 grid with the capacity search at the SLO. */
const grid = { 'nodes.api.replicas': '1, 2, 3, 4', 'nodes.celery.replicas': '1, 2, 4' };
const runSettings = { duration: 20, replications: 2 };
const clickNodes = ['gateway', 'api', 'redis', 'mysql', 'celery', 'rabbitmq'];

/** In the page before the app: every long task, and a hook that times a click to the inspector showing its node. */
function instrument() {
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

export async function benchUi(root, { fmt, median }) {
  const browserPath = findBrowser();
  if (!browserPath) {
    console.log('ui: no Chromium or Chrome found (install Debian\'s chromium or set CHROME_PATH): skipped\n');
    return;
  }
  const profile = process.env.BENCH_UI_PROFILE;
  const outDir = join(root, 'dist/bench/web');
  const built = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir', ...(profile ? ['--minify', 'false'] : [])], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('ui: the web build failed');
  const { server, url } = await serve(outDir);
  const browser = await chromium.launch({ executablePath: browserPath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  try {
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, deviceScaleFactor: 1, locale: 'en-US' });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript(instrument);
    await page.goto(url);
    await page.locator('[data-action="file.new"]').click();
    await page.locator('[data-testid=template-fastapi-stack]').click();
    await page.locator('.react-flow__node[data-id="celery"]').waitFor();
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await page.getByRole('tab', { name: 'Run & SLO' }).click();
    await page.locator('[data-testid=run-duration]').fill(String(runSettings.duration));
    await page.locator('[data-testid=run-replications]').fill(String(runSettings.replications));
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
    if (!(await page.locator('[data-testid=whatif-panel] [data-testid=find-capacity]').isChecked())) throw new Error('ui: the template should search the capacity at its SLO');
    const cdp = profile ? await context.newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const started = await page.evaluate(() => performance.now());
    const wallStarted = Date.now();
    await page.locator('[data-testid=whatif-panel] [data-testid=sweep-run]').click();
    const finished = () => page.locator('[data-testid=export-sweep-html]').isEnabled();
    // Clicks while the sweep runs: one node after another, a second apart, until it ends.
    let missed = 0;
    for (let k = 0; !(await finished()); k++) {
      if (Date.now() - wallStarted > 600_000) throw new Error('ui: the sweep did not finish in 10 minutes');
      const id = clickNodes[k % clickNodes.length];
      const box = await page.locator(`.react-flow__node[data-id="${id}"] .flow-node-label`).boundingBox();
      if (!box) throw new Error(`ui: node ${id} is not on the canvas`);
      await page.evaluate((node) => window.__expectNode(node), id);
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      const shown = await page.waitForFunction(() => window.__clickDone, null, { timeout: 30_000, polling: 100 }).then(() => true, () => false);
      if (!shown) missed++;
      await page.waitForTimeout(1000);
    }
    const ended = await page.evaluate(() => performance.now());
    if (cdp) {
      const { profile: cpu } = await cdp.send('Profiler.stop');
      writeFileSync(profile, JSON.stringify(cpu));
    }
    const { tasks, clicks, rows } = await page.evaluate(
      ([from, to]) => ({
        tasks: window.__longTasks.filter((t) => t.start >= from && t.start <= to),
        clicks: window.__clicks,
        rows: document.querySelectorAll('[data-testid=sweep-points] tr.ready').length,
      }),
      [started, ended],
    );
    if (errors.length) throw new Error(`ui: page errors: ${errors.join(' | ')}`);
    const longest = tasks.reduce((m, t) => Math.max(m, t.duration), 0);
    const blocked = tasks.reduce((s, t) => s + Math.max(0, t.duration - 50), 0);
    const points = Object.values(grid).reduce((n, v) => n * v.split(',').length, 1);
    console.log(
      `ui (the app in Chromium, fastapi-stack 2-D sweep api × celery replicas, ${points} points with capacity at the SLO, ${runSettings.replications} × ${runSettings.duration} s runs): sweep ${fmt((ended - started) / 1000, 1)} s, ${rows} points shown`,
    );
    console.log(`  main thread during the sweep: ${tasks.length} long tasks (> 50 ms), longest ${fmt(longest, 0)} ms, total blocking time ${fmt(blocked, 0)} ms (target: none over 50 ms)`);
    console.log(
      `  click → inspector shows the node, ${clicks.length} clicks${missed ? ` (${missed} not shown within 30 s)` : ''}: median ${clicks.length ? fmt(median(clicks), 0) : '–'} ms, max ${clicks.length ? fmt(Math.max(...clicks), 0) : '–'} ms (target ≤ 100 ms)${profile ? `\n  CPU profile: ${profile}` : ''}\n`,
    );
    await context.close();
  } finally {
    await browser.close();
    server.close();
  }
}
