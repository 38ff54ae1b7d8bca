/** WorkerPort over a browser Web Worker. */
import type { FromWorker, ToWorker, WorkerPort } from '../protocol/messages';

interface WebWorkerLike {
  postMessage(message: ToWorker): void;
  addEventListener(type: 'message', listener: (event: { data: FromWorker }) => void): void;
  addEventListener(type: 'error', listener: (event: { message?: string; preventDefault(): void }) => void): void;
  terminate(): void;
}

export function createWebWorkerPort(worker: WebWorkerLike): WorkerPort {
  return {
    post: (message) => worker.postMessage(message),
    onMessage: (handler) => worker.addEventListener('message', (event) => handler(event.data)),
    onError: (handler) =>
      worker.addEventListener('error', (event) => {
        // Handled here: an error event left unprevented is thrown again in the scope that made the
        // worker, so one simulation worker that threw took the coordinator, and every job on it, down.
        event.preventDefault();
        handler(new Error(event.message || 'the simulation worker failed to start'));
      }),
    terminate: () => worker.terminate(),
  };
}
