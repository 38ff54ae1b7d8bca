// The `ui` section of `npm run bench`: the app in Chromium during a 2-D what-if sweep.
// Long tasks come from a PerformanceObserver('longtask') installed before the app loads,
// counted between the sweep's start and its end. Clicks on canvas nodes while the sweep
// runs are timed from the input event's own timestamp (so time the event waited behind
// a busy main thread counts) to the first moment the inspector shows that node.
// BENCH_UI_PROFILE=FILE also writes a Chrome CPU profile of the sweep's main thread (unminified build);
// BENCH_UI_TRACE=FILE a Chrome trace of every thread (the UI, the sweep coordinator, the simulation
// workers), for chrome://tracing or the DevTools Performance panel.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { findBrowser } from '../e2e/browser.mjs';
import { serve } from '../e2e/server.mjs';
import { clickNode, instrument, longTasksBetween, setUpSweep, sweepFinished } from '../e2e/sweepUi.mjs';

/** What runs: short runs so the sweep takes tens of seconds, a 4 × 3 grid with the capacity search at the SLO. */
const grid = { 'nodes.api.replicas': '1, 2, 3, 4', 'nodes.celery.replicas': '1, 2, 4' };
const runSettings = { duration: 20, replications: 2 };
const clickNodes = ['gateway', 'api', 'redis', 'mysql', 'celery', 'rabbitmq'];

export async function benchUi(root, { fmt, median }) {
  const browserPath = findBrowser();
  if (!browserPath) {
    console.log('ui: no Chromium or Chrome found (install Debian\'s chromium or set CHROME_PATH): skipped\n');
    return;
  }
  const profile = process.env.BENCH_UI_PROFILE;
  const trace = process.env.BENCH_UI_TRACE;
  const outDir = join(root, 'dist/bench/web');
  const built = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir', ...(profile || trace ? ['--minify', 'false'] : [])], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('ui: the web build failed');
  const { server, url } = await serve(outDir);
  const browser = await chromium.launch({ executablePath: browserPath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  try {
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, deviceScaleFactor: 1, locale: 'en-US' });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript(instrument);
    await setUpSweep(page, url, { grid, ...runSettings });
    const cdp = profile ? await context.newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    if (trace) await browser.startTracing(page, { path: trace, screenshots: false });
    const started = await page.evaluate(() => performance.now());
    const wallStarted = Date.now();
    await page.locator('[data-testid=whatif-panel] [data-testid=sweep-run]').click();
    // Clicks while the sweep runs: one node after another, a second apart, until it ends.
    let missed = 0;
    for (let k = 0; !(await sweepFinished(page)); k++) {
      if (Date.now() - wallStarted > 600_000) throw new Error('ui: the sweep did not finish in 10 minutes');
      if (!(await clickNode(page, clickNodes[k % clickNodes.length], 30_000))) missed++;
      await page.waitForTimeout(1000);
    }
    const ended = await page.evaluate(() => performance.now());
    if (trace) await browser.stopTracing();
    if (cdp) {
      const { profile: cpu } = await cdp.send('Profiler.stop');
      writeFileSync(profile, JSON.stringify(cpu));
    }
    const { count, longest, blocked } = await longTasksBetween(page, started, ended);
    const { clicks, rows } = await page.evaluate(() => ({ clicks: window.__clicks, rows: document.querySelectorAll('[data-testid=sweep-points] tr.ready').length }));
    if (errors.length) throw new Error(`ui: page errors: ${errors.join(' | ')}`);
    const points = Object.values(grid).reduce((n, v) => n * v.split(',').length, 1);
    console.log(
      `ui (the app in Chromium, fastapi-stack 2-D sweep api × celery replicas, ${points} points with capacity at the SLO, ${runSettings.replications} × ${runSettings.duration} s runs): sweep ${fmt((ended - started) / 1000, 1)} s, ${rows} points shown`,
    );
    console.log(`  main thread during the sweep: ${count} long tasks (> 50 ms), longest ${fmt(longest, 0)} ms, total blocking time ${fmt(blocked, 0)} ms (target: none over 50 ms)`);
    console.log(
      `  click → inspector shows the node, ${clicks.length} clicks${missed ? ` (${missed} not shown within 30 s)` : ''}: median ${clicks.length ? fmt(median(clicks), 0) : '–'} ms, max ${clicks.length ? fmt(Math.max(...clicks), 0) : '–'} ms (target ≤ 100 ms)${profile ? `\n  CPU profile: ${profile}` : ''}${trace ? `\n  trace: ${trace}` : ''}\n`,
    );
    await context.close();
  } finally {
    await browser.close();
    server.close();
  }
}
