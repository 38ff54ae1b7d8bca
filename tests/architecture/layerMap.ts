/**
 * The layer map and the imports that break it today, apart from the test so that other
 * checks (the README layout test) read the same order. See layers.test.ts.
 */
import type { ImportEdge, LayerMap } from './importGraph';

/**
 * Folders of one top-level folder from the bottom up: each may import the ones before it.
 * An order rather than a hand-kept list per folder, so a new import down the stack needs
 * no edit here and an import up the stack always fails.
 */
export const SIMULATION_ORDER = [
  'locale', // number formatting by language
  'measures', // what a shown utilization and an SLO bound mean
  'findings', // structured findings and their sentence tables
  'kernel',
  'model',
  'random',
  'stats', // histograms, tallies, intervals
  'engine',
  'estimate',
  'analysis', // a run's tallies to its result: aggregation, bottleneck, SLO verdict
  'format',
  'protocol',
  'runner',
  'whatif',
  'report',
  'import', // trace files to a scenario (issue 13)
  'hosts', // CLI and workers: the only platform code
];
export const MAIN_ORDER = [
  'platform', // the ports main's logic is written against, and their Node implementations
  'window', // window options, CSP, the app:// protocol: Electron-free
  'ipc',
  'menu',
  'services',
  'app',
  'electron', // the Electron implementations of the ports: only main/index.ts wires them in
  'preload',
  'testing',
];
export const RENDERER_ORDER = ['bridge', 'i18n', 'model', 'stores', 'canvas', 'report', 'sim', 'actions', 'app', 'charts', 'panels', 'results'];

function stacked(prefix: string, order: readonly string[]): LayerMap {
  return Object.fromEntries(order.map((folder, i) => [`${prefix}/${folder}`, order.slice(0, i).map((below) => `${prefix}/${below}`)]));
}

/** Between top-level folders: the contract and the engine import neither app side. */
export const LAYERS: LayerMap = {
  contract: [],
  simulation: [],
  main: ['contract', 'simulation'],
  renderer: ['contract', 'simulation'],
  // Files directly in renderer/src (main.tsx, the entry point) compose every folder.
  'renderer/src': RENDERER_ORDER.map((folder) => `renderer/src/${folder}`),
  ...stacked('simulation', SIMULATION_ORDER),
  ...stacked('main', MAIN_ORDER),
  ...stacked('renderer/src', RENDERER_ORDER),
};

/** Tests may also read the build configs at the repository root; inside their top-level folder they may reach anything. */
export const TEST_LAYERS: LayerMap = {
  contract: ['.'],
  simulation: ['.'],
  main: ['contract', 'simulation', '.'],
  renderer: ['contract', 'simulation', '.'],
};

export const edge = (from: string, to: string): ImportEdge => ({ from, to });

/**
 * Imports that go up the map today. Each group is one folder cycle, named by the files that
 * cause it and the move that would break it (issue 9). Remove an entry when its import goes.
 */
export const KNOWN_BACK_EDGES: readonly ImportEdge[] = [
  // renderer/src/canvas ↔ app, actions: the canvas uses the shell's analysis, services, palette and icon
  // (→ stores/analysis, actions/services, ui/UiIcon) and the action registry.
  edge('renderer/src/canvas/Canvas.tsx', 'renderer/src/app/analysis.tsx'),
  edge('renderer/src/canvas/Canvas.tsx', 'renderer/src/app/services.tsx'),
  edge('renderer/src/canvas/Canvas.tsx', 'renderer/src/app/Palette.tsx'),
  edge('renderer/src/canvas/Canvas.tsx', 'renderer/src/app/UiIcon.tsx'),
  edge('renderer/src/canvas/Canvas.tsx', 'renderer/src/actions/appActions.ts'),
  // renderer/src/app ↔ panels, results: app/ is both the shell and shared services the panels use.
  edge('renderer/src/app/App.tsx', 'renderer/src/panels/Inspector.tsx'),
  edge('renderer/src/app/App.tsx', 'renderer/src/results/ResultsPanel.tsx'),
  // renderer/src/i18n ↔ actions: switching language re-labels the action registry.
  edge('renderer/src/i18n/languageSwitch.ts', 'renderer/src/actions/registry.ts'),
];

/** Files that import each other across folders, named the same way (none left; keep the list for the next one found). */
export const KNOWN_FILE_CYCLE_EDGES: readonly ImportEdge[] = [];

/** Each ordered folder, bottom layer first. */
export const LAYER_ORDERS: Record<string, readonly string[]> = {
  simulation: SIMULATION_ORDER,
  main: MAIN_ORDER,
  'renderer/src': RENDERER_ORDER,
};
