/**
 * Messages between a runner and its worker threads. The same union travels over
 * Node's worker_threads and browser Web Workers, so the pool code is shared and each
 * host only adapts `postMessage` and `onmessage` (see `WorkerPort`).
 *
 * A task is one replication of one (possibly overridden) scenario. Results are the
 * replication's raw tallies; the runner combines them in replication order, which is
 * what makes the numbers independent of the thread count.
 */
import type { Scenario } from '../model/schema';
import type { ReplicationTally } from '../stats/tally';
import type { ScreenStopSpec } from '../engine/screenStop';

export const protocolVersion = 1;

export interface ReplicationTask {
  /** Unique per task within one pool. */
  taskId: number;
  scenario: Scenario;
  replication: number;
  /** Events between progress messages (and, in Web Workers, returns to the event loop). */
  chunkEvents?: number;
  /** A capacity search's screening run: stop once it has clearly missed its SLO (engine/screenStop.ts). */
  screenStop?: ScreenStopSpec;
}

/**
 * Cancelling is the pool's job: it terminates the worker, which stops a replication
 * mid-chunk at once, and starts a fresh one. So the only message to a worker is work.
 */
export type ToWorker = { type: 'run'; v: typeof protocolVersion; task: ReplicationTask };

export type FromWorker =
  | { type: 'progress'; taskId: number; simTime: number; endTime: number; events: number }
  | { type: 'done'; taskId: number; tally: ReplicationTally }
  | { type: 'failed'; taskId: number; message: string };

/** What a host gives the pool: one worker, whatever runs it. */
export interface WorkerPort {
  post(message: ToWorker): void;
  onMessage(handler: (message: FromWorker) => void): void;
  onError(handler: (error: Error) => void): void;
  terminate(): void;
}
