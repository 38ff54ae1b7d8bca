/** WorkerPort over a browser Web Worker. */
import type { FromWorker, ToWorker, WorkerPort } from '../protocol/messages';

interface WebWorkerLike {
  postMessage(message: ToWorker): void;
  addEventListener(type: 'message', listener: (event: { data: FromWorker }) => void): void;
  addEventListener(type: 'error', listener: (event: { message?: string }) => void): void;
  terminate(): void;
}

export function createWebWorkerPort(worker: WebWorkerLike): WorkerPort {
  return {
    post: (message) => worker.postMessage(message),
    onMessage: (handler) => worker.addEventListener('message', (event) => handler(event.data)),
    onError: (handler) => worker.addEventListener('error', (event) => handler(new Error(event.message ?? 'the simulation worker failed to start'))),
    terminate: () => worker.terminate(),
  };
}
