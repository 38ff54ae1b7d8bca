/** Watching the app's simulation Web Workers stop: shared by the specs that cancel work. */
import { waitFor, assert } from './harness.mjs';
import { procAvailable, watchWorkerThreads } from './cpuTime.mjs';

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
 * The CPU time of the browser's Web Worker threads, sampled every 2 ms in the background (new
 * threads looked for every 50 ms) against this machine's clock; `usedAfter(epochMs)` is what they
 * used from that moment to the last sample, `usedIn(fromMs, toMs)` between two moments. Linux only.
 */
function workerCpuTimeline() {
  const watch = watchWorkerThreads(process.pid);
  const samples = [];
  let running = true;
  const now = () => performance.timeOrigin + performance.now();
  const loop = (async () => {
    for (let n = 0; running; n++) {
      if (n % 25 === 0) watch.refresh();
      watch.sample();
      samples.push([now(), watch.usedMs()]);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  })();
  const at = (epochMs) => (samples.findLast(([t]) => t <= epochMs) ?? samples[0])[1];
  return {
    now,
    stop: () => ((running = false), loop),
    usedIn: (fromMs, toMs) => at(toMs) - at(fromMs),
    usedAfter: (epochMs) => samples.at(-1)[1] - at(epochMs),
  };
}

/**
 * Three figures for one cancel: `app`, from the press to the app's last terminate() (work
 * stops there: terminate ends a worker's script at once); `closed`, from the driver's send to
 * the last worker's close event as the driver sees it; and on Linux `cpuMs`, the CPU time the
 * page's Web Worker threads used from the press on, over `watchMs`, with `busyMs`, what they used
 * in the half second before it (so the watch is seen to watch the threads that were working). Chromium keeps a terminated worker's thread for a while
 * (0.4–3 s); its CPU time shows whether it still computes.
 */
export async function timeToStop(page, workers, cancel) {
  const cpu = procAvailable ? workerCpuTimeline() : null;
  if (cpu) await new Promise((resolve) => setTimeout(resolve, 500));
  const started = Date.now();
  await cancel();
  await waitFor(async () => workers.allClosed(), 'every simulation worker stopped', 5_000);
  const probe = await page.evaluate(() => ({ ...window.__cancelProbe, origin: performance.timeOrigin }));
  assert(probe.terminatedAt.length > 0, 'the cancel terminated the busy workers');
  const figures = { app: Math.round(Math.max(...probe.terminatedAt) - probe.pressedAt), closed: workers.lastClose() - started };
  if (!cpu) return figures;
  const pressed = probe.origin + probe.pressedAt;
  const busyMs = cpu.usedIn(pressed - 500, pressed);
  // Long enough that workers still going at the pace of the half second before would use 300 ms
  // (on a loaded machine a busy thread gets a small share of a core), within 1 to 5 s.
  const watchMs = Math.min(5_000, Math.max(1_000, (300 / Math.max(busyMs, 1)) * 500));
  while (cpu.now() - pressed < watchMs) await new Promise((resolve) => setTimeout(resolve, 20));
  await cpu.stop();
  return { ...figures, cpuMs: Math.round(cpu.usedAfter(pressed)), busyMs: Math.round(busyMs), watchMs: Math.round(watchMs) };
}
