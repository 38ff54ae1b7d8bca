/**
 * The layer map, enforced: every import of main/, renderer/, simulation/ and contract/
 * must go down the map, and no folders (or files) may import each other. The imports
 * that break a rule today are listed in KNOWN_BACK_EDGES, each with the move that would
 * remove it; anything not listed fails `npm test`, so the tangle can only shrink.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  fileCycles,
  folderCycles,
  folderOf,
  isTest,
  layerViolations,
  readImportGraph,
  withoutEdges,
  withoutTests,
  type ImportEdge,
  type ImportGraph,
  type LayerMap,
} from './importGraph';

const ROOT = join(import.meta.dirname, '..', '..');
const SCANNED = ['main', 'renderer', 'simulation', 'contract'];

/**
 * Folders of one top-level folder from the bottom up: each may import the ones before it.
 * An order rather than a hand-kept list per folder, so a new import down the stack needs
 * no edit here and an import up the stack always fails.
 */
const SIMULATION_ORDER = [
  'findings', // structured findings and their sentence tables
  'kernel',
  'model',
  'random',
  'stats', // histograms, tallies, intervals (and, until they move out, aggregate/bottleneck/verdict)
  'engine',
  'estimate',
  'format',
  'protocol',
  'runner',
  'whatif',
  'report',
  'hosts', // CLI and workers: the only platform code
];
const MAIN_ORDER = ['window', 'platform', 'ipc', 'menu', 'services', 'app', 'preload', 'testing'];
const RENDERER_ORDER = ['bridge', 'i18n', 'model', 'stores', 'canvas', 'report', 'sim', 'actions', 'app', 'charts', 'panels', 'results'];

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
const TEST_LAYERS: LayerMap = {
  contract: ['.'],
  simulation: ['.'],
  main: ['contract', 'simulation', '.'],
  renderer: ['contract', 'simulation', '.'],
};

const edge = (from: string, to: string): ImportEdge => ({ from, to });

/**
 * Imports that go up the map today. Each group is one folder cycle, named by the files that
 * cause it and the move that would break it (issue 9). Remove an entry when its import goes.
 */
export const KNOWN_BACK_EDGES: readonly ImportEdge[] = [
  // main/window ↔ main/platform: the protocol handler uses the file-system port; the ports belong lowest, in platform/.
  edge('main/window/protocol.ts', 'main/platform/ports.ts'),
  // main/platform ↔ main/app: the Electron window port reaches the controller it serves.
  edge('main/platform/electron/windows.ts', 'main/app/controller.ts'),

  // simulation/findings ↔ format, model, stats: presenting a result (present.ts → report/present)
  // and the result sentences (formatting by language → a locale/ folder, utilization → measures/).
  edge('simulation/findings/render.ts', 'simulation/format/language.ts'),
  edge('simulation/findings/tables/resilience.ts', 'simulation/format/language.ts'),
  edge('simulation/findings/tables/result.ts', 'simulation/format/utilization.ts'),
  edge('simulation/findings/tables/result.ts', 'simulation/stats/verdict.ts'),
  edge('simulation/findings/present.ts', 'simulation/model/result.ts'),
  edge('simulation/findings/present.ts', 'simulation/model/schema.ts'),
  edge('simulation/findings/present.ts', 'simulation/stats/verdict.ts'),
  // simulation/stats ↔ engine, format: the aggregation knows node kinds and utilization (→ an analysis/ folder).
  edge('simulation/stats/aggregate.ts', 'simulation/engine/compile.ts'),
  edge('simulation/stats/bottleneck.ts', 'simulation/engine/compile.ts'),
  edge('simulation/stats/aggregate.ts', 'simulation/format/utilization.ts'),
  // simulation/format ↔ report: the sweep table reuses the sweep report's rows.
  edge('simulation/format/sweepTable.ts', 'simulation/report/sweepReport.ts'),
  // simulation/whatif ↔ report: TODO(findings) scaling.ts's sentences move into a findings table; drop this then.
  edge('simulation/whatif/scaling.ts', 'simulation/report/strings.ts'),

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

/** Files that import each other across folders, named the same way. */
export const KNOWN_FILE_CYCLE_EDGES: readonly ImportEdge[] = [
  // estimate → model/validate → findings/render → findings/tables/result → format/utilization → estimate:
  // the effective utilization belongs in its own module (measures/) that the estimate does not reach.
  edge('simulation/format/utilization.ts', 'simulation/estimate/estimate.ts'),
];

const graph = readImportGraph(ROOT, SCANNED);
const product = withoutTests(graph);
const testsOnly: ImportGraph = new Map([...graph].filter(([file]) => isTest(file)));

describe('the layer map', () => {
  it('reads the real import graph (relative imports, re-exports and type-only imports alike)', () => {
    expect(product.size).toBeGreaterThan(150);
    expect(product.get('renderer/src/bridge/electron.ts')).toContain('contract/api.ts');
  });

  it('gives every folder of simulation/, main/ and renderer/src/ a place in the order', () => {
    const stacks = ['simulation', 'main', 'renderer/src'];
    const unplaced = [...new Set([...product.keys()].map(folderOf))].filter(
      (folder) => stacks.some((stack) => folder.startsWith(`${stack}/`)) && !(folder in LAYERS),
    );
    expect(unplaced).toEqual([]);
  });

  it('allows no import up the map beyond the known ones', () => {
    expect(layerViolations(withoutEdges(product, KNOWN_BACK_EDGES), LAYERS)).toEqual([]);
  });

  it('lets tests reach across their own top-level folder but not into another app side', () => {
    expect(layerViolations(withoutEdges(testsOnly, KNOWN_BACK_EDGES), TEST_LAYERS)).toEqual([]);
  });

  it('has no folder cycle beyond the known ones', () => {
    expect(folderCycles(withoutEdges(product, KNOWN_BACK_EDGES))).toEqual([]);
  });

  it('has no file cycle beyond the known ones', () => {
    expect(fileCycles(withoutEdges(product, [...KNOWN_BACK_EDGES, ...KNOWN_FILE_CYCLE_EDGES]))).toEqual([]);
  });

  it('lists only imports that still exist, so a fixed one leaves the list', () => {
    const stale = [...KNOWN_BACK_EDGES, ...KNOWN_FILE_CYCLE_EDGES].filter(({ from, to }) => !graph.get(from)?.includes(to));
    expect(stale).toEqual([]);
  });
});

describe('the checker, on a small fake graph', () => {
  const layers: LayerMap = {
    contract: [],
    simulation: [],
    main: ['contract', 'simulation'],
    'simulation/model': [],
    'simulation/engine': ['simulation/model'],
  };
  const fake = (entries: [string, string[]][]): ImportGraph => new Map(entries);

  it('accepts imports down the map', () => {
    const ok = fake([
      ['simulation/engine/engine.ts', ['simulation/model/schema.ts']],
      ['main/ipc/register.ts', ['contract/channels.ts', 'simulation/model/schema.ts', 'main/menu/strings.ts']],
    ]);
    expect(layerViolations(ok, layers)).toEqual([]);
    expect(folderCycles(ok)).toEqual([]);
    expect(fileCycles(ok)).toEqual([]);
  });

  it('names the file and the import that goes up inside a folder', () => {
    const bad = fake([['simulation/model/schema.ts', ['simulation/engine/compile.ts']]]);
    expect(layerViolations(bad, layers)).toEqual([
      'simulation/model/schema.ts: imports simulation/engine/compile.ts but simulation/model may not import simulation/engine',
    ]);
  });

  it('names the file and the import that crosses into a forbidden top-level folder', () => {
    const bad = fake([['contract/api.ts', ['main/menu/strings.ts']]]);
    expect(layerViolations(bad, layers)).toEqual(['contract/api.ts: imports main/menu/strings.ts but contract may not import main']);
  });

  it('fails a folder it has no rule for', () => {
    const bad = fake([['tools/x.ts', ['simulation/model/schema.ts']]]);
    expect(layerViolations(bad, layers)).toEqual(['tools/x.ts: imports simulation/model/schema.ts but tools has no entry in the layer map']);
  });

  it('finds a folder cycle and names the file imports that make it', () => {
    const cyclic = fake([
      ['simulation/engine/engine.ts', ['simulation/stats/tally.ts']],
      ['simulation/stats/aggregate.ts', ['simulation/engine/compile.ts']],
      ['simulation/stats/tally.ts', []],
    ]);
    expect(folderCycles(cyclic)).toEqual([
      'folders simulation/engine, simulation/stats import each other: simulation/engine/engine.ts -> simulation/stats/tally.ts, simulation/stats/aggregate.ts -> simulation/engine/compile.ts',
    ]);
    // No two files import each other, so it is a folder cycle only.
    expect(fileCycles(cyclic)).toEqual([]);
  });

  it('finds a file cycle inside one folder, and forgets it once the closing import is allowlisted', () => {
    const cyclic = fake([
      ['simulation/model/migrate.ts', ['simulation/model/validate.ts']],
      ['simulation/model/validate.ts', ['simulation/model/migrate.ts']],
    ]);
    expect(fileCycles(cyclic)).toEqual([
      'files import each other: simulation/model/migrate.ts -> simulation/model/validate.ts, simulation/model/validate.ts -> simulation/model/migrate.ts',
    ]);
    expect(folderCycles(cyclic)).toEqual([]);
    expect(fileCycles(withoutEdges(cyclic, [edge('simulation/model/migrate.ts', 'simulation/model/validate.ts')]))).toEqual([]);
  });

  it('leaves tests out of the product graph', () => {
    const withTest = fake([['simulation/model/limits.test.ts', ['simulation/runner/runScenario.ts']]]);
    expect(withoutTests(withTest).size).toBe(0);
  });
});
