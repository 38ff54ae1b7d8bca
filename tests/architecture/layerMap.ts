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
  'fit', // load tests replayed against a scenario (issue 13)
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
export const RENDERER_ORDER = [
  'ui', // shared bits of UI with no state (the icon set)
  'bridge',
  'i18n',
  'model',
  'stores', // including the live analysis of the open document
  'fields', // inspector controls and editors, shared by the node kinds and the panels
  'kinds', // one module per node kind: icon, colour, canvas summary, inspector sections, new-node defaults
  'diagram', // the diagram without React state: geometry, kind icons, badges, SVG/PNG export
  'report',
  'sim',
  'actions', // the action registry and its React context
  'canvas',
  'charts',
  'panels',
  'results',
  'app', // the shell: composes everything
];

function stacked(prefix: string, order: readonly string[]): LayerMap {
  return Object.fromEntries(order.map((folder, i) => [`${prefix}/${folder}`, order.slice(0, i).map((below) => `${prefix}/${below}`)]));
}

/** Between top-level folders: the contract and the engine import neither app side. */
export const LAYERS: LayerMap = {
  contract: [],
  simulation: [],
  main: ['contract', 'simulation'],
  renderer: ['contract', 'simulation'],
  // The shared test helpers and the benchmark harness drive the engine only.
  tests: ['simulation'],
  bench: ['simulation'],
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
  tests: ['contract', 'simulation', '.'],
};

export const edge = (from: string, to: string): ImportEdge => ({ from, to });

/**
 * Imports that go up the map today, none left (issue 9 moved the shared piece down a layer
 * each time). Should one ever be unavoidable, list it here with the move that would remove
 * it; the test fails when a listed import no longer exists, so the list can only shrink.
 */
export const KNOWN_BACK_EDGES: readonly ImportEdge[] = [];

/** Files that import each other across folders, named the same way (none left; keep the list for the next one found). */
export const KNOWN_FILE_CYCLE_EDGES: readonly ImportEdge[] = [];

/** Each ordered folder, bottom layer first. */
export const LAYER_ORDERS: Record<string, readonly string[]> = {
  simulation: SIMULATION_ORDER,
  main: MAIN_ORDER,
  'renderer/src': RENDERER_ORDER,
};
