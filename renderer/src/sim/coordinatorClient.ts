/**
 * The app's SimClient on the UI thread: a thin proxy to the sweep coordinator's Web Worker
 * (coordinator.ts), which owns the pool of simulation workers and does every bit of the
 * scheduling and result processing. This side only routes messages to the caller's
 * callbacks. Cancelling the one job in flight terminates the coordinator, which stops its
 * simulation workers with it at once; with other jobs in flight it asks the coordinator to
 * cancel just that one. A new coordinator starts on the next job.
 */
import type { Scenario } from '../../../simulation/model/schema';
import type { MetastabilityOptions } from '../../../simulation/whatif/metastability';
import { CancelledError, type SignalLike } from '../../../simulation/runner/cancel';
import { WorkerCrashedError } from '../../../simulation/runner/pool';
import type { CoordinatorOp, FromCoordinator, ToCoordinator } from './coordinator';
import type { SimClient } from './simClient';

export interface CoordinatorPort {
  post(message: ToCoordinator): void;
  onMessage(handler: (message: FromCoordinator) => void): void;
  onError(handler: (error: Error) => void): void;
  terminate(): void;
}

interface Job {
  resolve(value: unknown): void;
  reject(error: Error): void;
  onProgress?: (p: never) => void;
  onPoint?: (p: never) => void;
  release(): void;
}

function coordinatorWorker(): CoordinatorPort {
  const worker = new Worker(new URL('./coordinator.worker.ts', import.meta.url), { type: 'module', name: 'headroom-coordinator' });
  return {
    post: (m) => worker.postMessage(m),
    onMessage: (handler) => worker.addEventListener('message', (event: MessageEvent<FromCoordinator>) => handler(event.data)),
    onError: (handler) =>
      worker.addEventListener('error', (event) => {
        // Reported as the job's failure: not again as an uncaught error of the page.
        event.preventDefault();
        handler(new Error(event.message || 'the sweep coordinator failed to start'));
      }),
    terminate: () => worker.terminate(),
  };
}

function named(name: string, message: string, detail: string | undefined): Error {
  if (name === 'AbortError') return new CancelledError(message);
  if (name === 'WorkerCrashedError' && detail !== undefined) return new WorkerCrashedError(detail);
  const error = new Error(message);
  error.name = name;
  return error;
}

/** `spawn` is for tests, which serve the coordinator on their own thread. */
export function createCoordinatorClient(spawn: () => CoordinatorPort = coordinatorWorker): SimClient {
  let port: CoordinatorPort | null = null;
  let nextId = 1;
  const jobs = new Map<number, Job>();

  const settle = (id: number): Job | undefined => {
    const job = jobs.get(id);
    if (!job) return undefined;
    jobs.delete(id);
    job.release();
    return job;
  };
  const stop = (reason: Error) => {
    port?.terminate();
    port = null;
    for (const id of [...jobs.keys()]) settle(id)!.reject(reason);
  };
  const connect = (): CoordinatorPort => {
    if (port) return port;
    const p = spawn();
    p.onMessage((m) => {
      if (p !== port) return;
      if (m.type === 'update') {
        const job = jobs.get(m.id);
        for (const point of m.points ?? []) job?.onPoint?.(point as never);
        if (m.progress !== undefined) job?.onProgress?.(m.progress as never);
      } else if (m.type === 'done') settle(m.id)?.resolve(m.value);
      else settle(m.id)?.reject(named(m.name, m.message, m.detail));
    });
    p.onError((error) => p === port && stop(new WorkerCrashedError(error.message, 'coordinator')));
    port = p;
    return p;
  };
  const cancel = (id: number) => {
    const job = settle(id);
    if (!job) return;
    // Alone in flight: ending the coordinator ends its simulation workers in the same moment.
    if (jobs.size === 0) {
      port?.terminate();
      port = null;
    } else port?.post({ type: 'cancel', id });
    job.reject(new CancelledError());
  };
  const start = <T>(op: CoordinatorOp, scenario: Scenario, options: { signal?: SignalLike; onProgress?: (p: never) => void; onPoint?: (p: never) => void }, extra: { other?: Scenario; meta?: MetastabilityOptions } = {}) =>
    new Promise<T>((resolve, reject) => {
      const { signal } = options;
      if (signal?.aborted) {
        reject(new CancelledError());
        return;
      }
      const id = nextId++;
      const onAbort = () => cancel(id);
      signal?.addEventListener('abort', onAbort);
      jobs.set(id, {
        resolve: resolve as (v: unknown) => void,
        reject,
        onProgress: options.onProgress,
        onPoint: options.onPoint,
        release: () => signal?.removeEventListener('abort', onAbort),
      });
      connect().post({ type: 'start', id, op, scenario, ...extra });
    });

  return {
    run: (scenario, options = {}) => start('run', scenario, options),
    sweep: (scenario, options = {}) => start('sweep', scenario, options),
    compare: (a, b, options = {}) => start('compare', a, options, { other: b }),
    replications: (scenario, options = {}) => start('replications', scenario, options),
    metastability: (scenario, meta, hooks = {}) => start('metastability', scenario, hooks, { meta }),
    dispose: () => stop(new CancelledError('the simulation was shut down')),
  };
}
