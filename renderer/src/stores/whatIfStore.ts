/**
 * The what-if sweep: the grid of points planned, the points as they arrive from
 * the workers, the finished sweep document with its scale-out verdict, and
 * whether the model has changed since. A sweep stays current when only the
 * varied fields change — loading one of its points onto the canvas must not throw
 * the sweep away — but goes stale when anything else the simulation reads does.
 */
import { createStore } from 'zustand/vanilla';
import type { Scenario } from '../../../simulation/model/schema';
import type { SweepDocument, SweepPoint, VaryValue } from '../../../simulation/model/result';
import { setPath } from '../../../simulation/model/paths';
import type { Finding } from '../../../simulation/findings/finding';
import { simulationFingerprint, type RunStatus } from './runsStore';
import { pointJobActions } from './pointJob';

export interface SweepProgressView {
  fraction: number;
  pointsDone: number;
  points: number;
}

export interface SweepGridPoint {
  index: number;
  values: Record<string, VaryValue>;
  /** Why the point is not simulated (its workers do not fit in memory): shown as invalid, with the reason. */
  invalid?: Finding;
}

export interface SweepState {
  status: RunStatus;
  progress: SweepProgressView | null;
  /** Every point of the grid, arrived or not, in grid order. */
  grid: SweepGridPoint[];
  /** Points that have arrived, in grid order. */
  points: SweepPoint[];
  /** The finished sweep (null while running, after a cancel or a failure). */
  doc: SweepDocument | null;
  /** The scenario that was swept. */
  scenario: Scenario | null;
  fingerprint: string | null;
  stale: boolean;
  error: string | null;
}

export interface SweepActions {
  start(scenario: Scenario, grid: SweepGridPoint[]): void;
  progressed(p: SweepProgressView): void;
  pointArrived(p: SweepPoint): void;
  finished(doc: SweepDocument): void;
  failed(message: string): void;
  cancelled(): void;
  scenarioChanged(scenario: Scenario): void;
  clear(): void;
}

export type WhatIfStore = ReturnType<typeof createWhatIfStore>;

/**
 * What a sweep's numbers depend on: the simulation fingerprint with the varied
 * fields blanked out (the sweep covers all their values) and without the list of
 * varied values itself; the capacity search settings stay in.
 */
export function sweepFingerprint(scenario: Scenario, paths: readonly string[]): string {
  let s = scenario;
  for (const path of paths) {
    try {
      s = setPath(s, path, null);
    } catch {
      // A path that no longer resolves (its node was deleted) changes the fingerprint by its absence.
    }
  }
  const { whatIf, ...rest } = s;
  return simulationFingerprint({ ...rest, ...(whatIf?.load ? { whatIf: { load: whatIf.load } } : {}) } as Scenario);
}

const pathsOf = (s: Scenario | null) => (s?.whatIf?.vary ?? []).map((v) => v.path);

export function createWhatIfStore() {
  return createStore<SweepState & SweepActions>()((set, get) => ({
    status: 'idle',
    progress: null,
    grid: [],
    points: [],
    doc: null,
    scenario: null,
    fingerprint: null,
    stale: false,
    error: null,
    start(scenario, grid) {
      set({
        status: 'running',
        progress: { fraction: 0, pointsDone: 0, points: grid.filter((g) => !g.invalid).length },
        grid,
        points: [],
        doc: null,
        scenario,
        fingerprint: sweepFingerprint(scenario, pathsOf(scenario)),
        stale: false,
        error: null,
      });
    },
    ...pointJobActions<SweepPoint, SweepDocument, SweepProgressView>(set, get),
    scenarioChanged(scenario) {
      const { fingerprint, stale, scenario: swept } = get();
      if (fingerprint === null) return;
      const now = sweepFingerprint(scenario, pathsOf(swept)) !== fingerprint;
      if (now !== stale) set({ stale: now });
    },
    clear() {
      set({ status: 'idle', progress: null, grid: [], points: [], doc: null, scenario: null, fingerprint: null, stale: false, error: null });
    },
  }));
}
