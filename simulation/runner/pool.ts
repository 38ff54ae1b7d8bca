/**
 * A pool of simulation workers behind the host-neutral WorkerPort: Node's
 * worker_threads for the CLI, Web Workers in the app. Tasks queue until a worker is
 * free; cancelling a running task terminates its worker (the only way to stop a busy
 * thread at once) and a fresh worker takes its place on demand.
 *
 * A task may carry a priority (lower first; equal priorities in the order they came):
 * a sweep gives each point's tasks its grid index, so the first point is not held up
 * behind the others' and points finish one by one, in grid order where they can. The
 * priority orders work only; no number depends on it.
 */
import { protocolVersion, type FromWorker, type ReplicationTask, type WorkerPort } from '../protocol/messages';
import type { ReplicationTally } from '../stats/tally';
import { CancelledError, type SignalLike } from './cancel';

export interface TaskProgress {
  simTime: number;
  endTime: number;
  events: number;
}

/**
 * A worker that died or threw outside a task's own error handling: `detail` is its error as the
 * host reported it, kept apart from the English sentence so that the app can word it in its language.
 */
export class WorkerCrashedError extends Error {
  override readonly name = 'WorkerCrashedError';
  constructor(
    readonly detail: string,
    readonly worker: 'simulation' | 'coordinator' = 'simulation',
  ) {
    super(`${worker === 'simulation' ? 'a simulation worker' : 'the sweep coordinator'} crashed: ${detail}`);
  }
}

interface PendingTask {
  /** Events the task reported in its last progress message. */
  eventsSeen: number;
  task: ReplicationTask;
  onProgress: (p: TaskProgress) => void;
  resolve: (tally: ReplicationTally) => void;
  reject: (error: Error) => void;
  signal: SignalLike | undefined;
  onAbort: () => void;
  worker: Slot | null;
  priority: number;
}

interface Slot {
  port: WorkerPort;
  task: PendingTask | null;
}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: PendingTask[] = [];
  private nextTaskId = 1;
  private disposed = false;
  /**
   * Events simulated by this pool's tasks: finished ones in full, cancelled ones up to their
   * last progress message. A cost measure for searches that is robust on a busy machine, where
   * wall time is not; no result depends on it.
   */
  eventsSimulated = 0;

  constructor(
    private readonly createWorker: () => WorkerPort,
    readonly size: number,
  ) {
    if (!(size >= 1)) throw new Error(`a worker pool needs at least one thread (got ${size})`);
  }

  run(task: Omit<ReplicationTask, 'taskId'>, onProgress: (p: TaskProgress) => void = () => {}, signal?: SignalLike, priority = 0): Promise<ReplicationTally> {
    if (this.disposed) return Promise.reject(new Error('the worker pool has been shut down'));
    if (signal?.aborted) return Promise.reject(new CancelledError());
    return new Promise((resolve, reject) => {
      const pending: PendingTask = {
        task: { ...task, taskId: this.nextTaskId++ },
        onProgress,
        resolve,
        reject,
        signal,
        onAbort: () => this.cancel(pending),
        worker: null,
        priority,
        eventsSeen: 0,
      };
      signal?.addEventListener('abort', pending.onAbort);
      // After every task of the same or a more urgent priority: FIFO within a priority.
      let at = this.queue.length;
      while (at > 0 && this.queue[at - 1]!.priority > priority) at--;
      this.queue.splice(at, 0, pending);
      this.dispatch();
    });
  }

  dispose(): void {
    this.disposed = true;
    for (const p of this.queue.splice(0)) this.settle(p, new CancelledError('the worker pool was shut down'));
    for (const slot of this.slots.splice(0)) {
      if (slot.task) this.settle(slot.task, new CancelledError('the worker pool was shut down'));
      slot.port.terminate();
    }
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => s.task === null);
      if (!slot) {
        if (this.slots.length >= this.size) return;
        slot = this.spawn();
      }
      const pending = this.queue.shift()!;
      slot.task = pending;
      pending.worker = slot;
      slot.port.post({ type: 'run', v: protocolVersion, task: pending.task });
    }
  }

  private spawn(): Slot {
    const slot: Slot = { port: this.createWorker(), task: null };
    slot.port.onMessage((message: FromWorker) => this.receive(slot, message));
    slot.port.onError((error) => {
      const task = slot.task;
      slot.task = null;
      this.remove(slot);
      // A Web Worker's error event ends nothing: the worker that threw would run on, unseen.
      slot.port.terminate();
      if (task) this.settle(task, new WorkerCrashedError(error.message));
      this.dispatch();
    });
    this.slots.push(slot);
    return slot;
  }

  private receive(slot: Slot, message: FromWorker): void {
    const task = slot.task;
    if (!task || task.task.taskId !== message.taskId) return;
    if (message.type === 'progress') {
      task.eventsSeen = message.events;
      task.onProgress(message);
      return;
    }
    slot.task = null;
    if (message.type === 'done') this.settle(task, null, message.tally);
    else this.settle(task, new Error(message.message));
    this.dispatch();
  }

  private cancel(pending: PendingTask): void {
    const queued = this.queue.indexOf(pending);
    if (queued >= 0) this.queue.splice(queued, 1);
    else if (pending.worker) {
      const slot = pending.worker;
      // Messages the worker had already posted must reach nobody.
      slot.task = null;
      this.remove(slot);
      slot.port.terminate();
    }
    this.settle(pending, new CancelledError());
    this.dispatch();
  }

  private remove(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
  }

  private settle(pending: PendingTask, error: Error | null, tally?: ReplicationTally): void {
    pending.signal?.removeEventListener('abort', pending.onAbort);
    pending.worker = null;
    this.eventsSimulated += tally ? tally.events : pending.eventsSeen;
    if (error) pending.reject(error);
    else pending.resolve(tally!);
  }
}
