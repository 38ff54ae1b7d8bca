/**
 * The stores of one window, created together and handed down by context, with
 * typed hooks. The runs, what-if and compare stores follow the document so their
 * results go stale the moment the model changes.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { Scenario } from '../../../simulation/model/schema';
import { createDocumentStore, type DocumentActions, type DocumentState, type DocumentStore } from './documentStore';
import { createSessionStore, type SessionActions, type SessionState, type SessionStore } from './sessionStore';
import { createRunsStore, type RunsActions, type RunsState, type RunsStore } from './runsStore';
import { createWhatIfStore, type SweepActions, type SweepState, type WhatIfStore } from './whatIfStore';
import { createCompareStore, type CompareActions, type CompareState, type CompareStore } from './compareStore';
import { createMetaStore, type MetaActions, type MetaState, type MetaStore } from './metaStore';

export interface Stores {
  document: DocumentStore;
  session: SessionStore;
  runs: RunsStore;
  whatIf: WhatIfStore;
  compare: CompareStore;
  meta: MetaStore;
}

export function createStores(initial?: Scenario): Stores {
  const document = createDocumentStore(initial);
  const session = createSessionStore();
  const runs = createRunsStore();
  const whatIf = createWhatIfStore();
  const compare = createCompareStore();
  const meta = createMetaStore();
  document.subscribe((s, prev) => {
    if (s.scenario === prev.scenario) return;
    runs.getState().scenarioChanged(s.scenario);
    whatIf.getState().scenarioChanged(s.scenario);
    compare.getState().scenarioChanged(s.scenario);
    meta.getState().scenarioChanged(s.scenario);
  });
  return { document, session, runs, whatIf, compare, meta };
}

const StoresContext = createContext<Stores | null>(null);

export function StoresProvider({ stores, children }: { stores: Stores; children: ReactNode }) {
  return <StoresContext.Provider value={stores}>{children}</StoresContext.Provider>;
}

export function useStores(): Stores {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error('StoresProvider is missing');
  return stores;
}

export function useDocument<T>(selector: (s: DocumentState & DocumentActions) => T): T {
  return useStore(useStores().document, selector);
}

export function useSession<T>(selector: (s: SessionState & SessionActions) => T): T {
  return useStore(useStores().session, selector);
}

export function useRuns<T>(selector: (s: RunsState & RunsActions) => T): T {
  return useStore(useStores().runs, selector);
}

export function useWhatIf<T>(selector: (s: SweepState & SweepActions) => T): T {
  return useStore(useStores().whatIf, selector);
}

export function useCompare<T>(selector: (s: CompareState & CompareActions) => T): T {
  return useStore(useStores().compare, selector);
}

export function useMeta<T>(selector: (s: MetaState & MetaActions) => T): T {
  return useStore(useStores().meta, selector);
}
