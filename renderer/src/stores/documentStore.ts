/**
 * The document store: the scenario being edited, and its undo history as immer
 * patches. Every edit goes through `edit`; edits that share an open gesture (a
 * drag) or a coalescing key (typing into one field) merge into one undo step.
 * Dirty tracking compares the id of the current state with the one last saved, so
 * undoing back to the saved state makes the document clean again.
 */
import { createStore } from 'zustand/vanilla';
import { applyPatches, enablePatches, produceWithPatches, type Draft, type Patch } from 'immer';
import type { Scenario } from '../../../simulation/model/schema';
import { emptyScenario } from '../model/newScenario';

enablePatches();

export interface HistoryStep {
  id: number;
  patches: Patch[];
  inverse: Patch[];
  /** Merging key while the step is still open. */
  key: string | null;
}

export interface DocumentState {
  scenario: Scenario;
  past: HistoryStep[];
  future: HistoryStep[];
  /** Identifies the current content: the top step's id, or the id given at load. */
  stateId: number;
  baseId: number;
  savedStateId: number;
  /** Display name of the file, e.g. "shop.headroom.json"; null while untitled. */
  fileName: string | null;
  /** Host token to save back to the same file. */
  handle: string | null;
  /** Key that the next edits merge under, while a gesture or a field edit is open. */
  openKey: string | null;
}

export interface DocumentActions {
  /** Applies one edit; returns false when it changed nothing. */
  edit(recipe: (draft: Draft<Scenario>) => void, options?: { key?: string }): boolean;
  /** Starts a gesture: every edit until `endGesture` is one undo step. */
  beginGesture(key?: string): void;
  endGesture(): void;
  undo(): void;
  redo(): void;
  load(scenario: Scenario, options?: { fileName?: string | null; handle?: string | null; dirty?: boolean }): void;
  markSaved(fileName: string, handle: string | null): void;
}

export type DocumentStore = ReturnType<typeof createDocumentStore>;

const historyLimit = 500;
let nextId = 1;
const freshId = () => nextId++;

export function isDirty(s: DocumentState): boolean {
  return s.stateId !== s.savedStateId;
}

export function createDocumentStore(initial: Scenario = emptyScenario()) {
  const base = freshId();
  return createStore<DocumentState & DocumentActions>()((set, get) => ({
    scenario: initial,
    past: [],
    future: [],
    stateId: base,
    baseId: base,
    savedStateId: base,
    fileName: null,
    handle: null,
    openKey: null,

    edit(recipe, options) {
      const state = get();
      const [next, patches, inverse] = produceWithPatches(state.scenario, recipe);
      if (patches.length === 0) return false;
      const key = options?.key ?? state.openKey;
      const top = state.past[state.past.length - 1];
      if (key && top && top.key === key && state.future.length === 0 && (state.openKey === key || options?.key)) {
        const merged: HistoryStep = { ...top, patches: [...top.patches, ...patches], inverse: [...inverse, ...top.inverse] };
        set({ scenario: next, past: [...state.past.slice(0, -1), merged], openKey: key });
        return true;
      }
      const step: HistoryStep = { id: freshId(), patches, inverse, key: key ?? null };
      set({
        scenario: next,
        past: [...state.past, step].slice(-historyLimit),
        future: [],
        stateId: step.id,
        openKey: key ?? null,
      });
      return true;
    },

    beginGesture(key) {
      set({ openKey: key ?? `gesture:${freshId()}` });
    },

    endGesture() {
      const { past } = get();
      const top = past[past.length - 1];
      // Closing the step keeps a later edit under the same key from merging into it.
      set({ openKey: null, past: top && top.key ? [...past.slice(0, -1), { ...top, key: null }] : past });
    },

    undo() {
      const { past, future, scenario, baseId } = get();
      const step = past[past.length - 1];
      if (!step) return;
      const rest = past.slice(0, -1);
      set({
        scenario: applyPatches(scenario, step.inverse),
        past: rest,
        future: [{ ...step, key: null }, ...future],
        stateId: rest[rest.length - 1]?.id ?? baseId,
        openKey: null,
      });
    },

    redo() {
      const { past, future, scenario } = get();
      const step = future[0];
      if (!step) return;
      set({ scenario: applyPatches(scenario, step.patches), past: [...past, step], future: future.slice(1), stateId: step.id, openKey: null });
    },

    load(scenario, options) {
      const id = freshId();
      set({
        scenario,
        past: [],
        future: [],
        stateId: id,
        baseId: id,
        savedStateId: options?.dirty ? -1 : id,
        fileName: options?.fileName ?? null,
        handle: options?.handle ?? null,
        openKey: null,
      });
    },

    markSaved(fileName, handle) {
      set((s) => ({ savedStateId: s.stateId, fileName, handle }));
    },
  }));
}
