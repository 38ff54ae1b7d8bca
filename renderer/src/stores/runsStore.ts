/**
 * Runs: progress of the simulation in flight, the last result, and whether the
 * model has changed since that result was computed (stale). Staleness compares a
 * fingerprint of what the simulation reads, so moving a node on the canvas or
 * renaming its label does not throw a result away.
 */
import { createStore } from 'zustand/vanilla';
import type { Scenario } from '../../../simulation/model/schema';
import type { ResultDocument } from '../../../simulation/model/result';

export interface RunProgressView {
  fraction: number;
  events: number;
  replicationsDone: number;
  replications: number;
}

export type RunStatus = 'idle' | 'running' | 'done' | 'failed' | 'cancelled';

export interface RunsState {
  status: RunStatus;
  progress: RunProgressView | null;
  result: ResultDocument | null;
  /** Fingerprint of the scenario the result belongs to. */
  resultFingerprint: string | null;
  /** The scenario the result was computed for: reports describe it, not a model edited since. */
  resultScenario: Scenario | null;
  stale: boolean;
  error: string | null;
  startedAt: number | null;
}

export interface RunsActions {
  start(scenario: Scenario): void;
  progressed(p: RunProgressView): void;
  finished(result: ResultDocument): void;
  failed(message: string): void;
  cancelled(): void;
  /** Called whenever the document changes. */
  scenarioChanged(scenario: Scenario): void;
  clear(): void;
}

export type RunsStore = ReturnType<typeof createRunsStore>;

/** What the simulation reads: everything but positions, labels and descriptions. */
export function simulationFingerprint(s: Scenario): string {
  return JSON.stringify(s, (key, value) => (key === 'position' || key === 'label' || key === 'description' ? undefined : value));
}

export function createRunsStore() {
  let pending: string | null = null;
  let pendingScenario: Scenario | null = null;
  let latest: string | null = null;
  return createStore<RunsState & RunsActions>()((set, get) => ({
    status: 'idle',
    progress: null,
    result: null,
    resultFingerprint: null,
    resultScenario: null,
    stale: false,
    error: null,
    startedAt: null,
    start(scenario) {
      pending = simulationFingerprint(scenario);
      pendingScenario = scenario;
      set({ status: 'running', progress: { fraction: 0, events: 0, replicationsDone: 0, replications: scenario.run.replications ?? 1 }, error: null, startedAt: Date.now() });
    },
    progressed(progress) {
      if (get().status === 'running') set({ progress });
    },
    finished(result) {
      set({ status: 'done', result, resultFingerprint: pending, resultScenario: pendingScenario, stale: false, progress: null });
      // The model may have changed while the run was in flight.
      const fp = pending;
      pending = null;
      if (fp !== null && latest !== null && latest !== fp) set({ stale: true });
    },
    failed(error) {
      set({ status: 'failed', error, progress: null });
    },
    cancelled() {
      set({ status: 'cancelled', progress: null });
    },
    scenarioChanged(scenario) {
      latest = simulationFingerprint(scenario);
      const { resultFingerprint, stale } = get();
      if (resultFingerprint !== null && !stale && latest !== resultFingerprint) set({ stale: true });
      else if (resultFingerprint !== null && stale && latest === resultFingerprint) set({ stale: false });
    },
    clear() {
      set({ result: null, resultFingerprint: null, resultScenario: null, stale: false, status: 'idle', progress: null, error: null });
    },
  }));
}
