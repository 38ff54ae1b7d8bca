/**
 * A WorkerPort that runs its tasks on the calling thread. A pool of one thread gains
 * nothing from a worker but its start-up (a second isolate loading the engine bundle,
 * about a sixth of a short run's whole process), so one-thread hosts use this port.
 * Each task starts on a later turn of the event loop, as a worker's would, so the
 * pool's promise plumbing behaves the same; a terminated port drops its replies.
 */
import type { FromWorker, ToWorker, WorkerPort } from '../protocol/messages';
import { handleTask } from './replicationTask';

// Every host has a timer; the engine's own libraries (ES only) just do not declare one.
declare function setTimeout(handler: () => void, ms: number): unknown;

export function createInProcessPort(): WorkerPort {
  let handler: (m: FromWorker) => void = () => {};
  let terminated = false;
  return {
    post: (message: ToWorker) => {
      setTimeout(() => {
        if (!terminated) handleTask(message.task, (reply) => !terminated && handler(reply));
      }, 0);
    },
    onMessage: (h) => {
      handler = h;
    },
    onError: () => {},
    terminate: () => {
      terminated = true;
    },
  };
}
