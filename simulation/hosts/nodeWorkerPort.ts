/**
 * WorkerPort over Node's worker_threads. The worker script is the bundled
 * `node.worker.mjs` that sits next to the bundled CLI.
 */
import { Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker, WorkerPort } from '../protocol/messages';

export function createNodeWorkerPort(script: URL): WorkerPort {
  const worker = new Worker(script);
  // An idle pool must not keep the process alive; a busy task holds it via its promise.
  worker.unref();
  return {
    post: (message: ToWorker) => worker.postMessage(message),
    onMessage: (handler) => worker.on('message', (m: FromWorker) => handler(m)),
    onError: (handler) => {
      worker.on('error', handler);
      worker.on('exit', (code) => {
        if (code !== 0 && code !== 1) handler(new Error(`worker exited with code ${code}`));
      });
    },
    terminate: () => void worker.terminate(),
  };
}
