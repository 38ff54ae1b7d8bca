/**
 * CPU time from Linux's /proc, for the tests that measure how much work is left after a cancel:
 * wall time to exit depends on how busy the machine is, CPU time spent after the signal does not.
 * Shared by the CLI's cancel test (tests/cli/cancel.test.ts) and the app's (e2e/specs/17-cancel).
 * Elsewhere (macOS) `procAvailable` is false and the callers keep to wall time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

export const procAvailable = existsSync('/proc/self/stat');

const ticksPerSecond = (procAvailable && Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout)) || 100;

/** The fields of a /proc stat file after the command name, which may itself hold spaces and parentheses. */
function statFields(path) {
  const text = readFileSync(path, 'utf8');
  return text.slice(text.lastIndexOf(')') + 2).split(' ');
}

/**
 * A process's state letter and CPU time so far in ms, user and system, all its threads together
 * (ended ones too), to the kernel's clock tick (10 ms); null once the process is gone.
 */
export function processCpu(pid) {
  try {
    const f = statFields(`/proc/${pid}/stat`);
    return { state: f[0], ms: ((Number(f[11]) + Number(f[12])) * 1000) / ticksPerSecond };
  } catch {
    return null;
  }
}

/** A process's threads: id and name (Chromium names its Web Worker threads "DedicatedWorker"). */
export function threadsOf(pid) {
  try {
    return readdirSync(`/proc/${pid}/task`).map((tid) => ({ tid: Number(tid), name: readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim() }));
  } catch {
    return [];
  }
}

/** One thread's CPU time in ns (the scheduler's own count, finer than the tick); null once it has ended. */
export function threadCpuNs(pid, tid) {
  try {
    return Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
  } catch {
    return null;
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
const sleepSync = (ms) => Atomics.wait(sleeper, 0, 0, ms);

/**
 * Waits until child `pid` has ended, without letting this process's event loop run: Node reaps a
 * child from its event loop, so the child stays a zombie, and a zombie's stat still holds the CPU
 * time of every thread it had. The group leader turns zombie before its other threads have all
 * gone, so the end is a zombie with no thread but itself. Returns that CPU time, the threads still
 * there at the last look (0 at the end) and the wall time waited; `ended` is false if the process
 * did not end in `timeoutMs`, and the result null if it was reaped from under us.
 */
export function cpuAtExit(pid, timeoutMs = 5_000) {
  const started = performance.now();
  for (;;) {
    const now = processCpu(pid);
    if (now === null) return null;
    const threadsLeft = threadsOf(pid).length - 1;
    const ended = now.state === 'Z' && threadsLeft === 0;
    if (ended || performance.now() - started > timeoutMs) return { ended, ms: now.ms, threadsLeft, waitedMs: performance.now() - started };
    sleepSync(1);
  }
}

/** The processes under `root` (its children, theirs, and so on), with their command lines. */
export function descendants(root) {
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const parent = Number(statFields(`/proc/${entry}/stat`)[1]);
      if (!children.has(parent)) children.set(parent, []);
      children.get(parent).push(Number(entry));
    } catch {
      // Gone while we looked.
    }
  }
  const found = [];
  const walk = (pid) => {
    for (const child of children.get(pid) ?? []) {
      let cmdline;
      try {
        cmdline = readFileSync(`/proc/${child}/cmdline`, 'utf8').replaceAll('\0', ' ');
      } catch {
        continue;
      }
      found.push({ pid: child, cmdline });
      walk(child);
    }
  };
  walk(root);
  return found;
}

/**
 * Watches the CPU time of every Web Worker thread in the browser's renderer processes under
 * `root` from now on. `sample()` reads the threads known so far (cheap: call it every few ms; a
 * thread that ends keeps the count of its last sample), `refresh()` looks for new ones (counted
 * from zero), and `usedMs()` is the CPU time all of them used since the watch began.
 */
export function watchWorkerThreads(root) {
  const renderers = descendants(root).filter((p) => p.cmdline.includes('--type=renderer'));
  const start = new Map();
  const last = new Map();
  const known = [];
  const refresh = () => {
    for (const { pid } of renderers) {
      for (const { tid, name } of threadsOf(pid)) {
        const key = `${pid}/${tid}`;
        if (!name.startsWith('DedicatedWorker') || last.has(key)) continue;
        known.push({ pid, tid, key });
        last.set(key, threadCpuNs(pid, tid) ?? 0);
      }
    }
  };
  refresh();
  for (const [key, ns] of last) start.set(key, ns);
  return {
    renderers: renderers.length,
    threadsAtStart: start.size,
    refresh,
    sample() {
      for (const { pid, tid, key } of known) {
        const ns = threadCpuNs(pid, tid);
        if (ns !== null) last.set(key, ns);
      }
    },
    usedMs: () => [...last].reduce((sum, [key, ns]) => sum + (ns - (start.get(key) ?? 0)), 0) / 1e6,
  };
}
