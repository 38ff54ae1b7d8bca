/** Watching the app's simulation Web Workers stop: shared by the specs that cancel work. */
import { waitFor, assert } from './harness.mjs';

/**
 * Starts watching the page's simulation workers; each close is stamped when its event
 * arrives, so a stop time is not rounded up to the poll that noticed it.
 */
export function watchWorkers(page) {
  const open = new Set();
  const closedAt = new Map();
  const track = (w) => {
    open.add(w);
    w.once('close', () => closedAt.set(w, Date.now()));
  };
  for (const w of page.workers()) track(w);
  page.on('worker', track);
  return {
    busy: () => [...open].filter((w) => !closedAt.has(w)).length,
    allClosed: () => [...open].every((w) => closedAt.has(w)),
    lastClose: () => Math.max(...closedAt.values()),
  };
}

/**
 * In the page, before the app makes its workers: stamps each Worker.terminate() and the
 * last key or pointer press, so that the app's own stop time (the user's press to the
 * last worker stopped) is measured apart from the browser's teardown and the test driver.
 */
export function stampTerminations() {
  window.__cancelProbe = { pressedAt: 0, terminatedAt: [] };
  const terminate = Worker.prototype.terminate;
  Worker.prototype.terminate = function () {
    window.__cancelProbe.terminatedAt.push(performance.now());
    return terminate.call(this);
  };
  const press = (e) => {
    window.__cancelProbe.pressedAt = e.timeStamp;
    window.__cancelProbe.terminatedAt = [];
  };
  window.addEventListener('keydown', press, true);
  window.addEventListener('pointerdown', press, true);
}

/**
 * Two figures for one cancel: `app`, from the press to the app's last terminate() (work
 * stops there: terminate ends a worker's script at once), and `closed`, from the driver's
 * send to the last worker's close event as the driver sees it.
 */
export async function timeToStop(page, workers, cancel) {
  const started = Date.now();
  await cancel();
  await waitFor(async () => workers.allClosed(), 'every simulation worker stopped', 5_000);
  const probe = await page.evaluate(() => window.__cancelProbe);
  assert(probe.terminatedAt.length > 0, 'the cancel terminated the busy workers');
  return { app: Math.round(Math.max(...probe.terminatedAt) - probe.pressedAt), closed: workers.lastClose() - started };
}
