/**
 * Worker-thread entry for Node (the CLI): receives replication tasks and runs them
 * with the shared task handler. Bundled next to the CLI as `node.worker.mjs`.
 */
import { parentPort } from 'node:worker_threads';
import type { FromWorker, ToWorker } from '../protocol/messages';
import { handleTask } from '../runner/replicationTask';

const port = parentPort;
if (!port) throw new Error('node.worker must run in a worker thread');
port.on('message', (message: ToWorker) => {
  if (message.type === 'run') handleTask(message.task, (reply: FromWorker) => port.postMessage(reply));
});
