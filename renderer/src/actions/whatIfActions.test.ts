// @vitest-environment happy-dom
/**
 * What-if from the app's side, on the real engine run in this thread: picking
 * fields to vary (each an undo step), ranges typed in display units, a sweep whose
 * points arrive one by one, loading a point as an undoable edit, staleness,
 * cancelling, paired comparisons, and the exports.
 */
import { renderFinding, sentenceContext } from '../../../simulation/findings/render';
import { describe, expect, it, vi } from 'vitest';
import type { Scenario } from '../../../simulation/model/schema';
import { WorkerPool } from '../../../simulation/runner/pool';
import { createInProcessPort } from '../../../simulation/runner/inProcessPort';
import { createStores } from '../stores/context';
import { createSimClient } from '../sim/simClient';
import { expandRange, varyField } from '../model/whatIf';
import { setNodeField } from '../model/operations';
import type { HostBridge } from '../../../contract/bridge';
import { createActionRegistry } from './appActions';
import { loadScenario } from './fileOps';
import { rendererBinds, shortcutOf, type ActionContext } from './registry';
import { addVary, compareWithBaseline, compareWithPoint, loadPoint, pinBaseline, removeVary, setFindCapacity, setVaryValues, startSweep } from './whatIfActions';

function shop(): Scenario {
  return {
    format: 'headroom/scenario',
    version: 1,
    name: 'Shop',
    nodes: [
      { id: 'users', kind: 'source', label: 'Users', position: { x: 0, y: 0 }, arrival: { process: 'poisson', rate: 40 } },
      { id: 'api', kind: 'service', label: 'API', position: { x: 240, y: 0 }, replicas: 1, workers: 2, work: { dist: 'exponential', mean: 0.02 }, cost: 0.1 },
    ],
    edges: [{ from: 'users', to: 'api' }],
    run: { duration: 20, warmup: 2, replications: 2, seed: 1 },
    slo: { p99: 0.25 },
    cost: { currency: 'USD' },
  } as Scenario;
}

function setup(language = 'en') {
  const stores = createStores(shop());
  const bridge = {
    platform: 'web',
    exportFile: vi.fn(async () => true),
    exportPdf: vi.fn(async () => true),
    openDocument: vi.fn(async () => null),
  } as unknown as HostBridge & { exportFile: ReturnType<typeof vi.fn>; exportPdf: ReturnType<typeof vi.fn> };
  const ctx: ActionContext = {
    stores,
    bridge,
    sim: createSimClient(() => new WorkerPool(createInProcessPort, 1)),
    t: ((k: string) => k) as never,
    flow: () => null,
    changeLanguage: vi.fn(),
    language: () => language,
  };
  const doc = () => stores.document.getState();
  return { stores, ctx, bridge, doc, registry: createActionRegistry() };
}

describe('choosing what to vary', () => {
  it('"Sweep this" adds an entry with values around the current one, as one undo step, and shows the panel', () => {
    const { stores, ctx, doc } = setup();
    addVary(ctx, 'nodes.api.replicas');
    expect(doc().scenario.whatIf?.vary).toEqual([{ path: 'nodes.api.replicas', values: [1, 2, 3, 4] }]);
    expect(doc().past).toHaveLength(1);
    expect(stores.session.getState()).toMatchObject({ dockTab: 'whatIf', resultsOpen: true });
    // Pressing it again shows the panel and adds nothing.
    addVary(ctx, 'nodes.api.replicas');
    expect(doc().past).toHaveLength(1);
    doc().undo();
    expect(doc().scenario.whatIf).toBeUndefined();
  });

  it('removing the last entry leaves the file as it was', () => {
    const { ctx, doc } = setup();
    addVary(ctx, 'nodes.api.replicas');
    addVary(ctx, 'nodes.users.arrival.rate');
    expect(doc().scenario.whatIf?.vary?.map((v) => v.path)).toEqual(['nodes.api.replicas', 'nodes.users.arrival.rate']);
    removeVary(ctx, 'nodes.api.replicas');
    removeVary(ctx, 'nodes.users.arrival.rate');
    expect(doc().scenario.whatIf).toBeUndefined();
    expect(doc().past).toHaveLength(4);
  });

  it('a range typed in milliseconds is stored in seconds; typing into one entry is one undo step', () => {
    const { ctx, doc } = setup();
    addVary(ctx, 'nodes.api.work.mean');
    const field = varyField('nodes.api.work.mean');
    for (const to of [2, 20, 30]) {
      const r = expandRange(10, to, 10, field);
      if (r.ok) setVaryValues(ctx, 'nodes.api.work.mean', r.values);
    }
    expect(doc().scenario.whatIf?.vary?.[0]?.values).toEqual([0.01, 0.02, 0.03]);
    expect(doc().past).toHaveLength(2);
    doc().undo();
    expect(doc().scenario.whatIf?.vary?.[0]?.values).toEqual([0.01, 0.02, 0.03, 0.04]);
  });

  it('the capacity search is switched on for the open source and off again', () => {
    const { ctx, doc } = setup();
    setFindCapacity(ctx, true);
    expect(doc().scenario.whatIf?.load).toEqual({ source: 'users', find: 'max' });
    setFindCapacity(ctx, false);
    expect(doc().scenario.whatIf).toBeUndefined();
  });
});

describe('running a sweep', () => {
  it('shows points as they arrive, then the verdict; loading a point is an undoable edit that keeps the sweep current', async () => {
    const { stores, ctx, doc } = setup();
    addVary(ctx, 'nodes.api.replicas');
    setVaryValues(ctx, 'nodes.api.replicas', [1, 2, 3]);
    setFindCapacity(ctx, true);
    const arrivals: number[] = [];
    const unsub = stores.whatIf.subscribe((s, prev) => {
      if (s.points.length > prev.points.length) arrivals.push(s.points.length);
    });
    const running = startSweep(ctx);
    expect(stores.whatIf.getState().status).toBe('running');
    expect(stores.whatIf.getState().grid.map((g) => g.values)).toEqual([{ 'nodes.api.replicas': 1 }, { 'nodes.api.replicas': 2 }, { 'nodes.api.replicas': 3 }]);
    await running;
    unsub();
    const sweep = stores.whatIf.getState();
    expect(arrivals).toEqual([1, 2, 3]);
    expect(sweep.status).toBe('done');
    expect(sweep.doc?.scaling?.replicas).toEqual([1, 2, 3]);
    expect(sweep.doc?.scaling?.paysOffUntil).not.toBeNull();
    const capacity = sweep.doc!.scaling!.capacity;
    expect(capacity[2]!).toBeGreaterThan(capacity[0]!);

    // A point onto the canvas: one undo step, and the sweep still describes the model.
    const before = doc().past.length;
    expect(loadPoint(ctx, { 'nodes.api.replicas': 3 })).toBe(true);
    expect(doc().scenario.nodes[1]).toMatchObject({ replicas: 3 });
    expect(doc().past).toHaveLength(before + 1);
    expect(stores.whatIf.getState().stale).toBe(false);
    // Anything else the simulation reads makes it stale; undoing that makes it current again.
    doc().edit((d) => setNodeField(d, 'api', ['workers'], 4));
    expect(stores.whatIf.getState().stale).toBe(true);
    doc().undo();
    expect(stores.whatIf.getState().stale).toBe(false);
    doc().undo();
    expect(doc().scenario.nodes[1]).toMatchObject({ replicas: 1 });
    // Moving a node or renaming it is not a change to the simulation.
    doc().edit((d) => setNodeField(d, 'api', ['label'], 'Checkout API'));
    expect(stores.whatIf.getState().stale).toBe(false);
  });

  it('Cancel (Escape) stops a sweep in flight', async () => {
    const { stores, ctx, registry } = setup();
    addVary(ctx, 'nodes.api.replicas');
    const running = startSweep(ctx);
    expect(registry.get('run.cancel')!.enabled!(ctx)).toBe(true);
    await registry.run('run.cancel', ctx);
    await running;
    expect(stores.whatIf.getState().status).toBe('cancelled');
    expect(registry.get('run.cancel')!.enabled!(ctx)).toBe(false);
  });

  it('opening another document drops the sweep and the comparison, and keeps the pinned baseline', async () => {
    const { stores, ctx } = setup();
    addVary(ctx, 'nodes.api.replicas');
    setVaryValues(ctx, 'nodes.api.replicas', [1, 2]);
    pinBaseline(ctx);
    await startSweep(ctx);
    await compareWithPoint(ctx, { 'nodes.api.replicas': 2 });
    loadScenario(ctx, { ...shop(), name: 'Other' }, { fileName: 'other.headroom.json', handle: null });
    expect(stores.whatIf.getState()).toMatchObject({ status: 'idle', grid: [], doc: null, stale: false });
    expect(stores.compare.getState()).toMatchObject({ status: 'idle', doc: null });
    expect(stores.compare.getState().baseline).not.toBeNull();
  });

  it('lists points whose workers do not fit in memory as invalid, with the reason, and simulates only the others', async () => {
    const { stores, ctx, doc } = setup();
    const mib = 1024 ** 2;
    // (1 GiB − 256 MiB) ÷ 256 MiB = 3 workers fit.
    doc().edit((d) => setNodeField(d, 'api', ['memory'], { limit: 1024 * mib, base: 256 * mib, perWorker: 256 * mib }));
    doc().edit((d) => setNodeField(d, 'api', ['workers'], 2));
    addVary(ctx, 'nodes.api.workers');
    setVaryValues(ctx, 'nodes.api.workers', [1, 3, 4]);
    await startSweep(ctx);
    const sweep = stores.whatIf.getState();
    expect(sweep.grid.map((g) => Boolean(g.invalid))).toEqual([false, false, true]);
    expect(sweep.grid[2]!.invalid?.figures.fit).toBe(3);
    expect(sweep.points.map((p) => p.values['nodes.api.workers'])).toEqual([1, 3]);
    expect(sweep.doc?.invalid?.map((p) => p.index)).toEqual([2]);
    // The row's words, in each language, from the finding the validator wrote.
    for (const lang of ['en', 'zh-CN'] as const) expect(renderFinding(sweep.grid[2]!.invalid!, sentenceContext(lang)).length).toBeGreaterThan(10);
  });

  it('refuses to run with nothing to vary', async () => {
    const { stores, ctx } = setup();
    await startSweep(ctx);
    expect(stores.whatIf.getState().status).toBe('idle');
    expect(stores.session.getState().notices.at(-1)).toMatchObject({ tone: 'error', text: 'whatIf.nothingToVary' });
  });

  it('exports the sweep report in the UI language, as PDF, and the points as CSV', async () => {
    const { ctx, bridge, registry } = setup('zh-CN');
    addVary(ctx, 'nodes.api.replicas');
    setVaryValues(ctx, 'nodes.api.replicas', [1, 2]);
    expect(registry.get('export.sweepHtml')!.enabled!(ctx)).toBe(false);
    await startSweep(ctx);
    await registry.run('export.sweepHtml', ctx);
    await registry.run('export.sweepCsv', ctx);
    await registry.run('export.sweepPdf', ctx);
    const [html, csv] = bridge.exportFile.mock.calls.map((c) => c[0] as { suggestedName: string; mime: string; data: string });
    expect(html).toMatchObject({ suggestedName: 'shop-what-if.html', mime: 'text/html' });
    expect(html!.data).toContain('<html lang="zh-CN">');
    expect(csv).toMatchObject({ suggestedName: 'shop-what-if.csv', mime: 'text/csv' });
    expect(csv!.data.split('\n')[0]).toMatch(/^nodes\.api\.replicas,capacity,throughput/);
    expect(csv!.data.trim().split('\n')).toHaveLength(3);
    expect(bridge.exportPdf).toHaveBeenCalledWith(expect.stringContaining('<svg'), 'shop-what-if.pdf');
  });
});

describe('the run report', () => {
  it('describes the model the result was computed for, as HTML and as PDF', async () => {
    const { ctx, bridge, registry, doc } = setup();
    expect(registry.get('export.reportHtml')!.enabled!(ctx)).toBe(false);
    await registry.run('run.start', ctx);
    doc().edit((d) => void (d.name = 'Renamed later'));
    await registry.run('export.reportHtml', ctx);
    await registry.run('export.pdf', ctx);
    const html = bridge.exportFile.mock.calls[0]![0] as { suggestedName: string; mime: string; data: string };
    expect(html.mime).toBe('text/html');
    expect(html.data).toContain('<h1>Shop</h1>');
    expect(bridge.exportPdf.mock.calls[0]![0]).toContain('<h1>Shop</h1>');
  });
});

describe('comparing', () => {
  it('a sweep point against the model, paired over the same replications', async () => {
    const { stores, ctx } = setup();
    await compareWithPoint(ctx, { 'nodes.api.replicas': 2 });
    const c = stores.compare.getState();
    expect(c.status).toBe('done');
    expect(c.pair?.b.origin).toEqual({ kind: 'point', values: { 'nodes.api.replicas': 2 } });
    expect(c.doc?.replications).toBe(2);
    // One more replica: the API is less busy, and the interval says so.
    expect(c.doc!.nodes.api!.utilization!.difference).toBeLessThan(0);
    expect(c.doc!.nodes.api!.utilization!.significant).toBe(true);
    expect(stores.session.getState().dockTab).toBe('compare');
  });

  it('the model against a pinned baseline, stale when the model changes again', async () => {
    const { stores, ctx, doc, registry } = setup();
    expect(registry.get('compare.baseline')!.enabled!(ctx)).toBe(false);
    pinBaseline(ctx);
    doc().edit((d) => setNodeField(d, 'api', ['workers'], 4));
    await compareWithBaseline(ctx);
    const c = stores.compare.getState();
    expect(c.pair?.a.origin.kind).toBe('pinned');
    expect(c.pair?.b.scenario.nodes[1]).toMatchObject({ workers: 4 });
    expect(c.doc!.metrics.p99!.difference).toBeLessThan(0);
    expect(c.stale).toBe(false);
    doc().edit((d) => setNodeField(d, 'api', ['workers'], 5));
    expect(stores.compare.getState().stale).toBe(true);
  });
});

describe('shortcuts in Electron', () => {
  it('the renderer keeps Delete, Backspace, Escape and Shift+1; the menu owns the rest', () => {
    const registry = createActionRegistry();
    const binds = (id: string, key: string, platform: 'electron' | 'web' = 'electron') => rendererBinds(registry.get(id)!, key, platform);
    expect(binds('edit.delete', 'Delete')).toBe(true);
    expect(binds('edit.delete', 'Backspace')).toBe(true);
    expect(binds('run.cancel', 'Escape')).toBe(true);
    expect(binds('view.fit', 'Shift+1')).toBe(true);
    expect(binds('edit.undo', 'Mod+Z')).toBe(false);
    expect(binds('run.start', 'F5')).toBe(false);
    expect(binds('edit.undo', 'Mod+Z', 'web')).toBe(true);
    expect(binds('view.autoLayout', 'Shift+L')).toBe(true);
  });

  it('Shift+1 is recognised whatever symbol the layout puts on the key', () => {
    expect(shortcutOf({ key: '!', code: 'Digit1', ctrlKey: false, metaKey: false, altKey: false, shiftKey: true })).toBe('Shift+1');
    expect(shortcutOf({ key: '?', code: 'Slash', ctrlKey: false, metaKey: false, altKey: false, shiftKey: true })).toBe('Shift+?');
  });
});
