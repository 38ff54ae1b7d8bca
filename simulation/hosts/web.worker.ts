/**
 * Web Worker entry for the app: the shared task handler, in its yielding form so that the pool's
 * `terminate()` stops a cancelled replication within one short chunk (see handleTaskYielding).
 */
import type { FromWorker, ToWorker } from '../protocol/messages';
import { handleTaskYielding } from '../runner/replicationTask';

interface WorkerScope {
  onmessage: ((event: { data: ToWorker }) => void) | null;
  postMessage(message: FromWorker): void;
}

const scope = globalThis as unknown as WorkerScope;

// A message to ourselves is a macrotask without the 4 ms clamp nested timers get.
const channel = new MessageChannel();
let resume: (() => void) | null = null;
channel.port1.onmessage = () => {
  const next = resume;
  resume = null;
  next?.();
};
const pause = () =>
  new Promise<void>((resolve) => {
    resume = resolve;
    channel.port2.postMessage(null);
  });

scope.onmessage = (event) => {
  if (event.data.type === 'run') void handleTaskYielding(event.data.task, (reply) => scope.postMessage(reply), pause);
};
