/**
 * The layer map, enforced: every import of main/, renderer/, simulation/, contract/, tests/ and bench/
 * must go down the map, and no folders (or files) may import each other. The imports
 * that break a rule today are listed in layerMap.ts's KNOWN_BACK_EDGES, each with the move that would
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
  type ImportGraph,
  type LayerMap,
} from './importGraph';
import { KNOWN_BACK_EDGES, KNOWN_FILE_CYCLE_EDGES, LAYERS, TEST_LAYERS, edge } from './layerMap';

const ROOT = join(import.meta.dirname, '..', '..');
// scripts/ and e2e/ are plain .mjs run by Node, outside the TypeScript graph.
const SCANNED = ['main', 'renderer', 'simulation', 'contract', 'tests', 'bench'];

const graph = readImportGraph(ROOT, SCANNED);
const product = withoutTests(graph);
const testsOnly: ImportGraph = new Map([...graph].filter(([file]) => isTest(file)));

describe('the layer map', () => {
  it('reads the real import graph (relative imports, re-exports and type-only imports alike)', () => {
    expect(product.size).toBeGreaterThan(150);
    expect(product.get('renderer/src/bridge/electron.ts')).toContain('contract/api.ts');
    expect(product.get('bench/harness.ts')).toContain('simulation/runner/runScenario.ts');
    expect(testsOnly.get('tests/architecture/layers.test.ts')).toContain('tests/architecture/importGraph.ts');
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
