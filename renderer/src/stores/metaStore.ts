/**
 * The metastability map in the app: what the user set up (the trigger, its node, the
 * size and duration ranges, the time allowed to recover), the points as they arrive
 * from the workers, the finished map, and whether the model has changed since. The setup
 * is the panel's, not the file's: the file format has no place for it, as the CLI takes
 * it as flags.
 */
import { createStore } from 'zustand/vanilla';
import type { Scenario } from '../../../simulation/model/schema';
import type { MetaPoint, MetaProgress, MetastabilityDocument, MetastabilityOptions } from '../../../simulation/whatif/metastability';
import type { Finding } from '../../../simulation/findings/finding';
import { simulationFingerprint, type RunStatus } from './runsStore';
import { pointJobActions } from './pointJob';
import { defaultMetaSetup, type MetaSetup } from '../model/metaSetup';

export { defaultMetaSetup, type MetaSetup };

export interface MetaState {
  setup: MetaSetup;
  status: RunStatus;
  progress: MetaProgress | null;
  /** The options the map runs (or ran) with: its grid. */
  options: MetastabilityOptions | null;
  points: MetaPoint[];
  doc: MetastabilityDocument | null;
  scenario: Scenario | null;
  fingerprint: string | null;
  stale: boolean;
  error: string | null;
  /** The core's refusal of the setup (a keyed cache's flush, a start too early), before anything ran. */
  refusal: Finding | null;
}

export interface MetaActions {
  configure(patch: Partial<MetaSetup>): void;
  start(scenario: Scenario, options: MetastabilityOptions): void;
  progressed(p: MetaProgress): void;
  pointArrived(p: MetaPoint): void;
  finished(doc: MetastabilityDocument): void;
  failed(message: string): void;
  refused(finding: Finding): void;
  cancelled(): void;
  scenarioChanged(scenario: Scenario): void;
}

export type MetaStore = ReturnType<typeof createMetaStore>;

export function createMetaStore() {
  return createStore<MetaState & MetaActions>()((set, get) => ({
    setup: defaultMetaSetup,
    status: 'idle',
    progress: null,
    options: null,
    points: [],
    doc: null,
    scenario: null,
    fingerprint: null,
    stale: false,
    error: null,
    refusal: null,
    configure(patch) {
      set((s) => ({ setup: { ...s.setup, ...patch }, refusal: null }));
    },
    start(scenario, options) {
      const points = options.sizes.length * options.durations.length;
      set({ status: 'running', progress: { fraction: 0, pointsDone: 0, points }, options, points: [], doc: null, scenario, fingerprint: simulationFingerprint(scenario), stale: false, error: null, refusal: null });
    },
    ...pointJobActions<MetaPoint, MetastabilityDocument, MetaProgress>(set, get),
    refused(refusal) {
      set({ status: 'idle', refusal, progress: null, points: [], doc: null, options: null, scenario: null, fingerprint: null, stale: false, error: null });
    },
    scenarioChanged(scenario) {
      const { fingerprint, stale } = get();
      if (fingerprint === null) return;
      const now = simulationFingerprint(scenario) !== fingerprint;
      if (now !== stale) set({ stale: now });
    },
  }));
}
