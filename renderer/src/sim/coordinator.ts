/**
 * The sweep coordinator's side of the app's simulation: a SimClient that runs in its own Web
 * Worker, schedules replications and capacity searches over the pool of simulation workers it
 * owns, aggregates their tallies into results, and hands the UI thread only what it shows:
 * progress and finished points merged into at most one message a frame, and the finished
 * document. The numbers are the ones the same SimClient computes on any thread (the
 * coordination code is the same; only where it runs moves), so a seed gives the same result.
 */
import type { Scenario } from '../../../simulation/model/schema';
import type { SweepPoint } from '../../../simulation/model/result';
import type { MetaPoint, MetastabilityOptions } from '../../../simulation/whatif/metastability';
import type { SimClient } from './simClient';
import { WorkerCrashedError } from '../../../simulation/runner/pool';

export type CoordinatorOp = 'run' | 'sweep' | 'compare' | 'replications' | 'metastability';

/** A point that finished: a sweep's point or a metastability map's judged cell. */
export type FinishedPoint = SweepPoint | MetaPoint;

export type ToCoordinator = { type: 'start'; id: number; op: CoordinatorOp; scenario: Scenario; other?: Scenario; meta?: MetastabilityOptions } | { type: 'cancel'; id: number };

export type FromCoordinator =
  /** Everything that happened since the last update: the latest progress and the points that finished, in the order they did. */
  | { type: 'update'; id: number; progress?: unknown; points?: FinishedPoint[] }
  | { type: 'done'; id: number; value: unknown }
  /** `detail` is a crashed worker's own message (WorkerCrashedError), for the UI to word in its language. */
  | { type: 'failed'; id: number; name: string; message: string; detail?: string };

export interface CoordinatorScope {
  post(message: FromCoordinator): void;
  onMessage(handler: (message: ToCoordinator) => void): void;
}

/** About one screen frame: the UI thread gets no more updates than it can draw. */
export const frameMs = 16;

// Every host has timers; these libraries just do not all declare them.
declare function setTimeout(handler: () => void, ms: number): unknown;
declare function clearTimeout(timer: unknown): void;

/** Merges one job's progress and points into at most one update per `frameMs` (the last progress wins; no point is dropped). */
function updateMerger(id: number, post: (m: FromCoordinator) => void, now: () => number) {
  let progress: unknown;
  let hasProgress = false;
  const points: FinishedPoint[] = [];
  let timer: unknown = null;
  let lastSent = -Infinity;
  const flush = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (!hasProgress && points.length === 0) return;
    lastSent = now();
    post({ type: 'update', id, ...(hasProgress ? { progress } : {}), ...(points.length ? { points: points.splice(0) } : {}) });
    hasProgress = false;
    progress = undefined;
  };
  const schedule = () => {
    if (timer === null) timer = setTimeout(flush, Math.max(0, lastSent + frameMs - now()));
  };
  return {
    progress: (p: unknown) => {
      progress = p;
      hasProgress = true;
      schedule();
    },
    point: (p: FinishedPoint) => {
      points.push(p);
      schedule();
    },
    flush,
  };
}

/** Serves `client` to the UI thread over `scope`: each start message a job, each cancel its abort. */
export function serveCoordinator(scope: CoordinatorScope, client: SimClient, now: () => number = () => performance.now()): void {
  const jobs = new Map<number, AbortController>();
  scope.onMessage((message) => {
    if (message.type === 'cancel') {
      jobs.get(message.id)?.abort();
      return;
    }
    const { id } = message;
    const controller = new AbortController();
    jobs.set(id, controller);
    const merger = updateMerger(id, (m) => scope.post(m), now);
    const signal = controller.signal;
    const job = (): Promise<unknown> => {
      switch (message.op) {
        case 'run':
          return client.run(message.scenario, { signal, onProgress: merger.progress });
        case 'replications':
          return client.replications(message.scenario, { signal, onProgress: merger.progress });
        case 'compare':
          return client.compare(message.scenario, message.other!, { signal, onProgress: merger.progress });
        case 'sweep':
          return client.sweep(message.scenario, { signal, onProgress: merger.progress, onPoint: merger.point });
        case 'metastability':
          return client.metastability(message.scenario, message.meta!, { signal, onProgress: merger.progress, onPoint: merger.point });
      }
    };
    void job().then(
      (value) => {
        merger.flush();
        scope.post({ type: 'done', id, value });
      },
      (error: unknown) => {
        merger.flush();
        const e = error instanceof Error ? error : new Error(String(error));
        scope.post({ type: 'failed', id, name: e.name, message: e.message, ...(e instanceof WorkerCrashedError ? { detail: e.detail } : {}) });
      },
    ).finally(() => jobs.delete(id));
  });
}
