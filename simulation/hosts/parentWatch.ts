/**
 * `npx headroom …` runs the CLI under `npm exec` and a shell; a SIGTERM to npm ends npm
 * and the shell but reaches no further, so the simulation went on, orphaned, on every
 * core. Started by `npx` or `npm exec` (npm sets `npm_command` to `exec`), the CLI
 * watches its parent from a tiny worker thread (the main thread may be busy simulating)
 * and ends the whole process with SIGTERM's default action when the parent is gone
 * (SIGKILL if SIGTERM is ignored). Run directly, or by a script that `npm test` or
 * `npm run bench` started (which pass their own `npm_command` down), nothing is watched:
 * `nohup headroom run … &` must outlive its shell, and a timed run pays for no extra thread.
 */
import { Worker } from 'node:worker_threads';

/** The watcher's own source (CommonJS, evaluated): polls the parent id every `everyMs`. */
const watcher = `
const { workerData } = require('node:worker_threads');
const timer = setInterval(() => {
  if (process.ppid === workerData.parent) return;
  clearInterval(timer);
  process.kill(process.pid, 'SIGTERM');
  // A SIGTERM the process inherited as ignored does nothing: then SIGKILL.
  setTimeout(() => process.kill(process.pid, 'SIGKILL'), 200);
}, workerData.everyMs);
`;

export function watchParentWhenStartedByNpm(env: NodeJS.ProcessEnv = process.env, everyMs = 50): Worker | null {
  if (env.npm_command !== 'exec') return null;
  const worker = new Worker(watcher, { eval: true, workerData: { parent: process.ppid, everyMs } });
  // Never what keeps the process alive, and never a reason for it to fail.
  worker.unref();
  worker.on('error', () => undefined);
  return worker;
}
