/**
 * The one door to the simulation for the UI: runs a scenario's replications on a
 * pool of Web Workers, reports progress and honours cancellation. Nothing else in
 * the renderer knows about workers, pools or the protocol.
 */
import type { Scenario } from '../../../simulation/model/schema';
import type { ResultDocument } from '../../../simulation/model/result';
import { WorkerPool } from '../../../simulation/runner/pool';
import { runScenario, type RunProgress } from '../../../simulation/runner/runScenario';
import { createWebWorkerPort } from '../../../simulation/hosts/webWorkerPort';

export type SimProgress = RunProgress;

export interface SimClient {
  /** Rejects with an Error named "AbortError" when `signal` aborts. */
  run(scenario: Scenario, options?: { onProgress?: (p: SimProgress) => void; signal?: AbortSignal }): Promise<ResultDocument>;
  dispose(): void;
}

/** Leaves one core to the UI thread so the window stays responsive during a run. */
export function poolSize(cores: number | undefined): number {
  return Math.max(1, Math.min(8, (cores ?? 2) - 1));
}

export function createSimClient(): SimClient {
  let pool: WorkerPool | null = null;
  const getPool = () => {
    pool ??= new WorkerPool(
      () => createWebWorkerPort(new Worker(new URL('../../../simulation/hosts/web.worker.ts', import.meta.url), { type: 'module', name: 'headroom-sim' })),
      poolSize(navigator.hardwareConcurrency),
    );
    return pool;
  };
  return {
    run(scenario, options = {}) {
      // Progress arrives per worker message; the UI needs it once per frame at most.
      let last = 0;
      const onProgress = options.onProgress;
      return runScenario(getPool(), scenario, {
        signal: options.signal,
        onProgress: onProgress
          ? (p) => {
              const now = performance.now();
              if (now - last > 50 || p.replicationsDone === p.replications) {
                last = now;
                onProgress(p);
              }
            }
          : undefined,
      });
    },
    dispose() {
      pool?.dispose();
      pool = null;
    },
  };
}
