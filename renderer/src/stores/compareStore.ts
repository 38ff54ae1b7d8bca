/**
 * Paired comparisons: the configuration pinned as a baseline, the pair last
 * compared (A → B, differences are B − A), its progress and its result. One side
 * of a pair is the model on the canvas; the comparison goes stale when that
 * model changes, as run results do.
 */
import { createStore } from 'zustand/vanilla';
import type { Scenario } from '../../../simulation/model/schema';
import type { VaryValue } from '../../../simulation/model/result';
import type { CompareDocument } from '../../../simulation/whatif/compare';
import { simulationFingerprint, type RunStatus } from './runsStore';

/** Where a side of the comparison came from; labelled at display time so a language switch relabels it. */
export type CompareOrigin = { kind: 'current' } | { kind: 'pinned'; at: number } | { kind: 'file'; name: string } | { kind: 'point'; values: Record<string, VaryValue> };

export interface CompareSide {
  origin: CompareOrigin;
  scenario: Scenario;
}

export interface ComparePair {
  a: CompareSide;
  b: CompareSide;
}

export interface CompareState {
  baseline: { scenario: Scenario; at: number } | null;
  status: RunStatus;
  progress: number | null;
  pair: ComparePair | null;
  doc: CompareDocument | null;
  fingerprint: string | null;
  stale: boolean;
  error: string | null;
}

export interface CompareActions {
  pin(scenario: Scenario, at?: number): void;
  unpin(): void;
  start(pair: ComparePair, current: Scenario): void;
  progressed(fraction: number): void;
  finished(doc: CompareDocument): void;
  failed(message: string): void;
  cancelled(): void;
  scenarioChanged(scenario: Scenario): void;
  clear(): void;
}

export type CompareStore = ReturnType<typeof createCompareStore>;

export function createCompareStore() {
  return createStore<CompareState & CompareActions>()((set, get) => ({
    baseline: null,
    status: 'idle',
    progress: null,
    pair: null,
    doc: null,
    fingerprint: null,
    stale: false,
    error: null,
    pin(scenario, at = Date.now()) {
      set({ baseline: { scenario, at } });
    },
    unpin() {
      set({ baseline: null });
    },
    start(pair, current) {
      set({ status: 'running', progress: 0, pair, doc: null, fingerprint: simulationFingerprint(current), stale: false, error: null });
    },
    progressed(progress) {
      if (get().status === 'running') set({ progress });
    },
    finished(doc) {
      set({ status: 'done', doc, progress: null });
    },
    failed(error) {
      set({ status: 'failed', error, progress: null });
    },
    cancelled() {
      set({ status: 'cancelled', progress: null });
    },
    scenarioChanged(scenario) {
      const { fingerprint, stale } = get();
      if (fingerprint === null) return;
      const now = simulationFingerprint(scenario) !== fingerprint;
      if (now !== stale) set({ stale: now });
    },
    clear() {
      set({ status: 'idle', progress: null, pair: null, doc: null, fingerprint: null, stale: false, error: null });
    },
  }));
}
