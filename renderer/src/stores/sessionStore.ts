/**
 * Session state: what is selected, the clipboard, panels, dialogs and notices.
 * None of it is saved in the file or undone with the document.
 */
import { createStore } from 'zustand/vanilla';
import type { Edge, ScenarioNode } from '../../../simulation/model/schema';
import type { AutosaveEntry } from '../../../contract/bridge';

export interface Selection {
  nodes: string[];
  /** Edge keys (see model/edgeKeys). */
  edges: string[];
}

export type Dialog =
  | { kind: 'templates' }
  | { kind: 'import' }
  | { kind: 'restore'; entry: AutosaveEntry }
  | { kind: 'confirmDiscard'; then: () => void }
  | { kind: 'confirmReadOnly'; name: string; answer: (replace: boolean) => void }
  | { kind: 'shortcuts' };

export interface Notice {
  id: number;
  tone: 'error' | 'info' | 'success';
  /** Already translated text. */
  text: string;
  detail?: string;
}

export type DockTab = 'results' | 'whatIf' | 'compare' | 'metastability';

export interface SessionState {
  selection: Selection;
  clipboard: { nodes: ScenarioNode[]; edges: Edge[] } | null;
  /** Whether the dock under the canvas (results, what-if, compare) is open, which tab it shows, and whether it takes most of the height. */
  resultsOpen: boolean;
  dockTab: DockTab;
  dockExpanded: boolean;
  dialog: Dialog | null;
  notices: Notice[];
  /** Which part of the inspector shows when nothing is selected. */
  scenarioTab: 'model' | 'run' | 'faults' | 'whatIf';
  pasteCount: number;
  /** Canvas viewport, kept so panels can show the zoom and a reload can return to it. */
  viewport: { x: number; y: number; zoom: number };
}

export interface SessionActions {
  select(selection: Partial<Selection>): void;
  clearSelection(): void;
  setClipboard(clip: SessionState['clipboard']): void;
  setResultsOpen(open: boolean): void;
  /** Shows a tab of the dock, opening it. */
  showDock(tab: DockTab): void;
  setDockExpanded(expanded: boolean): void;
  openDialog(dialog: Dialog | null): void;
  notify(tone: Notice['tone'], text: string, detail?: string): void;
  dismiss(id: number): void;
  setScenarioTab(tab: SessionState['scenarioTab']): void;
  bumpPaste(): number;
  setViewport(viewport: SessionState['viewport']): void;
}

export type SessionStore = ReturnType<typeof createSessionStore>;

let noticeId = 1;

export function createSessionStore() {
  return createStore<SessionState & SessionActions>()((set, get) => ({
    selection: { nodes: [], edges: [] },
    clipboard: null,
    resultsOpen: false,
    dockTab: 'results',
    dockExpanded: false,
    dialog: null,
    notices: [],
    scenarioTab: 'model',
    pasteCount: 0,
    viewport: { x: 0, y: 0, zoom: 1 },
    setViewport(viewport) {
      set({ viewport });
    },
    select(selection) {
      set((s) => ({ selection: { nodes: selection.nodes ?? s.selection.nodes, edges: selection.edges ?? s.selection.edges } }));
    },
    clearSelection() {
      set({ selection: { nodes: [], edges: [] } });
    },
    setClipboard(clipboard) {
      set({ clipboard, pasteCount: 0 });
    },
    setResultsOpen(resultsOpen) {
      set({ resultsOpen });
    },
    showDock(dockTab) {
      set({ dockTab, resultsOpen: true });
    },
    setDockExpanded(dockExpanded) {
      set({ dockExpanded });
    },
    openDialog(dialog) {
      set({ dialog });
    },
    notify(tone, text, detail) {
      const id = noticeId++;
      set((s) => ({ notices: [...s.notices.slice(-3), { id, tone, text, ...(detail ? { detail } : {}) }] }));
      if (tone !== 'error') setTimeout(() => get().dismiss(id), 4000);
    },
    dismiss(id) {
      set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
    },
    setScenarioTab(scenarioTab) {
      set({ scenarioTab });
    },
    bumpPaste() {
      const n = get().pasteCount + 1;
      set({ pasteCount: n });
      return n;
    },
  }));
}
