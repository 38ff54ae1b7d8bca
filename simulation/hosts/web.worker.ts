/**
 * Web Worker entry for the app: the same task handler as the Node worker threads,
 * wired to the worker's global message port.
 */
import type { FromWorker, ToWorker } from '../protocol/messages';
import { handleTask } from '../runner/replicationTask';

interface WorkerScope {
  onmessage: ((event: { data: ToWorker }) => void) | null;
  postMessage(message: FromWorker): void;
}

const scope = globalThis as unknown as WorkerScope;
scope.onmessage = (event) => {
  if (event.data.type === 'run') handleTask(event.data.task, (reply) => scope.postMessage(reply));
};
