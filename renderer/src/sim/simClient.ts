/**
 * The one door to the simulation for the UI: runs a scenario's replications, a
 * what-if sweep, a paired comparison or a load test's replays on one pool of Web Workers, reports
 * progress and honours cancellation. Nothing else in the renderer knows about
 * workers, pools or the protocol. In the app it runs inside the sweep coordinator's Web
 * Worker (coordinator.worker.ts), behind createCoordinatorClient; tests run it on their thread.
 */
import type { Scenario } from '../../../simulation/model/schema';
import type { CompiledModel } from '../../../simulation/engine/compile';
import type { ReplicationTally } from '../../../simulation/stats/tally';
import type { ResultDocument, SweepDocument, SweepPoint } from '../../../simulation/model/result';
import { WorkerPool } from '../../../simulation/runner/pool';
import { runReplications, runScenario, type RunProgress } from '../../../simulation/runner/runScenario';
import { runSweep, type SweepProgress } from '../../../simulation/whatif/sweep';
import { compareTallies, type CompareDocument } from '../../../simulation/whatif/compare';
import { runMetastability, type MetaPoint, type MetaProgress, type MetastabilityDocument, type MetastabilityOptions } from '../../../simulation/whatif/metastability';
import { createWebWorkerPort } from '../../../simulation/hosts/webWorkerPort';

export type SimProgress = RunProgress;

export interface SimClient {
  /** Rejects with an Error named "AbortError" when `signal` aborts. */
  run(scenario: Scenario, options?: { onProgress?: (p: SimProgress) => void; signal?: AbortSignal }): Promise<ResultDocument>;
  /** Every point of `scenario.whatIf.vary`; `onPoint` hands each over as soon as it is done. */
  sweep(scenario: Scenario, options?: { onProgress?: (p: SweepProgress) => void; onPoint?: (p: SweepPoint) => void; signal?: AbortSignal }): Promise<SweepDocument>;
  /** A paired comparison: B runs with A's run settings, replication for replication (common random numbers). */
  compare(a: Scenario, b: Scenario, options?: { onProgress?: (fraction: number) => void; signal?: AbortSignal }): Promise<CompareDocument>;
  /** The replications' tallies themselves, for a caller that compares them with something else (a load test's fit). */
  replications(scenario: Scenario, options?: { onProgress?: (p: SimProgress) => void; signal?: AbortSignal }): Promise<{ model: CompiledModel; tallies: ReplicationTally[] }>;
  /** A metastability map: every grid point a full set of replications on the pool; `onPoint` hands each over as soon as it is judged. */
  metastability(scenario: Scenario, options: MetastabilityOptions, hooks?: { onProgress?: (p: MetaProgress) => void; onPoint?: (p: MetaPoint) => void; signal?: AbortSignal }): Promise<MetastabilityDocument>;
  dispose(): void;
}

/** Leaves one core to the UI thread so the window stays responsive during a run. */
export function poolSize(cores: number | undefined): number {
  return Math.max(1, Math.min(8, (cores ?? 2) - 1));
}

/** Progress arrives per worker message; the UI needs it once per frame at most (and always the last one). */
function throttled<P>(handler: ((p: P) => void) | undefined, isLast: (p: P) => boolean): ((p: P) => void) | undefined {
  if (!handler) return undefined;
  let last = 0;
  return (p) => {
    const now = performance.now();
    if (now - last > 50 || isLast(p)) {
      last = now;
      handler(p);
    }
  };
}

/**
 * Memory the app's runs may use: half of what the browser reports (navigator.deviceMemory, in GB,
 * Chromium only and capped at 8), or 2 GB when it says nothing.
 */
export function memoryForRuns(deviceMemoryGb: number | undefined = (navigator as { deviceMemory?: number }).deviceMemory): number {
  return ((deviceMemoryGb ?? 4) * 1e9) / 2;
}

function webWorkerPool(): WorkerPool {
  return new WorkerPool(
    () => createWebWorkerPort(new Worker(new URL('../../../simulation/hosts/web.worker.ts', import.meta.url), { type: 'module', name: 'headroom-sim' })),
    poolSize(navigator.hardwareConcurrency),
  );
}

/** `makePool` is for tests, which run the engine on their own thread. */
export function createSimClient(makePool: () => WorkerPool = webWorkerPool): SimClient {
  let pool: WorkerPool | null = null;
  const getPool = () => {
    pool ??= makePool();
    return pool;
  };
  return {
    run(scenario, options = {}) {
      return runScenario(getPool(), scenario, { signal: options.signal, onProgress: throttled(options.onProgress, (p) => p.replicationsDone === p.replications) });
    },
    sweep(scenario, options = {}) {
      return runSweep(getPool(), scenario, { signal: options.signal, onPoint: options.onPoint, onProgress: throttled(options.onProgress, (p) => p.pointsDone === p.points) });
    },
    async compare(a, b, options = {}) {
      const variant = { ...b, run: a.run };
      const fractions = [0, 0];
      const report = throttled(options.onProgress, (f) => f >= 1);
      const side = (i: number) => (p: RunProgress) => {
        fractions[i] = p.fraction;
        report?.((fractions[0]! + fractions[1]!) / 2);
      };
      const [ra, rb] = await Promise.all([runReplications(getPool(), a, { signal: options.signal, onProgress: side(0) }), runReplications(getPool(), variant, { signal: options.signal, onProgress: side(1) })]);
      return compareTallies({ scenario: a, ...ra }, { scenario: variant, ...rb });
    },
    replications(scenario, options = {}) {
      return runReplications(getPool(), scenario, { signal: options.signal, onProgress: throttled(options.onProgress, (p) => p.replicationsDone === p.replications) });
    },
    metastability(scenario, options, hooks = {}) {
      return runMetastability(getPool(), scenario, options, { signal: hooks.signal, onPoint: hooks.onPoint, onProgress: throttled(hooks.onProgress, (p) => p.pointsDone === p.points) });
    },
    dispose() {
      pool?.dispose();
      pool = null;
    },
  };
}
