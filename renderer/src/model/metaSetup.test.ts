// @vitest-environment happy-dom
/**
 * The metastability panel's setup and run, on the real engine in this thread: triggers
 * the model cannot take are disabled with a reason (a cache with no hits to lose with the
 * core's own, metaFlushNoHits), a keyed cache's flush is offered and runs, meeting the
 * file's own flush (flushesOverlap); typed ranges become the map's options or name the wrong field;
 * a small map of the retry storm runs with its points arriving, and the core's refusal of
 * a start too early is kept as its finding.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Scenario } from '../../../simulation/model/schema';
import { assertScenario } from '../../../simulation/model/validate';
import { WorkerPool } from '../../../simulation/runner/pool';
import { createInProcessPort } from '../../../simulation/runner/inProcessPort';
import type { HostBridge } from '../../../contract/bridge';
import { createStores } from '../stores/context';
import { createSimClient } from '../sim/simClient';
import { startMetastability } from '../actions/metaActions';
import { createActionRegistry } from '../actions/appActions';
import type { ActionContext } from '../actions/registry';
import { defaultMetaSetup, parseSetup, triggerChoices } from './metaSetup';

import stormFile from '../../../assets/examples/retry-storm.headroom.json';
import avalancheFile from '../../../assets/examples/cache-avalanche.headroom.json';

const storm = assertScenario(stormFile);
const avalanche = assertScenario(avalancheFile);

describe('which triggers a model can take', () => {
  it('the retry storm: a spike and a fault, no flush (no cache)', () => {
    const c = triggerChoices(storm);
    expect(c.map((x) => [x.trigger, x.disabled])).toEqual([
      ['spike', null],
      ['fault', null],
      ['flush', { key: 'meta.why.noCache' }],
    ]);
    expect(c[1]!.nodes).toEqual(['api', 'postgres']);
  });

  it('a keyed cache can be flushed: its size is the share of keys lost', () => {
    const flush = triggerChoices(avalanche).find((x) => x.trigger === 'flush')!;
    const keyed = avalanche.nodes.find((n) => n.kind === 'cache' && 'keys' in n && n.keys)!.id;
    expect(flush.disabled).toBeNull();
    expect(flush.nodes).toEqual([keyed]);
    expect(flush.refused).toEqual({});
    const p = parseSetup({ ...defaultMetaSetup, trigger: 'flush', node: keyed, sizeFrom: '25', sizeTo: '100', sizeCount: '4' }, flush);
    expect(p.ok && p.options).toMatchObject({ trigger: 'flush', node: keyed, sizes: [0.25, 0.5, 0.75, 1] });
  });

  it('a cache with a fixed hit ratio of 0 has no hits to lose: refused with the core’s reason', () => {
    const s = structuredClone(avalanche) as Scenario;
    for (const n of s.nodes) if (n.kind === 'cache') Object.assign(n, { keys: undefined, ttl: undefined, maxKeys: undefined, singleFlight: undefined, hitRatio: 0 });
    const flush = triggerChoices(JSON.parse(JSON.stringify(s)) as Scenario).find((x) => x.trigger === 'flush')!;
    expect(flush.refused['product-cache']!.code).toBe('metaFlushNoHits');
    expect(flush.disabled).toEqual({ finding: flush.refused['product-cache'] });
  });

  it('a cache with a fixed hit ratio can be flushed', () => {
    const s = structuredClone(avalanche) as Scenario;
    for (const n of s.nodes) if (n.kind === 'cache') Object.assign(n, { keys: undefined, ttl: undefined, maxKeys: undefined, singleFlight: undefined, hitRatio: 0.9 });
    const flush = triggerChoices(JSON.parse(JSON.stringify(s)) as Scenario).find((x) => x.trigger === 'flush')!;
    expect(flush.disabled).toBeNull();
    expect(Object.keys(flush.refused)).toEqual([]);
  });
});

describe('the typed setup', () => {
  const spike = triggerChoices(storm)[0]!;
  const fault = triggerChoices(storm)[1]!;
  it('spreads the ranges like the command line and takes the only source', () => {
    const p = parseSetup({ ...defaultMetaSetup, sizeFrom: '1.1', sizeTo: '1.7', sizeCount: '4', forFrom: '5', forTo: '15', forCount: '3' }, spike);
    expect(p).toEqual({ ok: true, points: 12, options: { trigger: 'spike', sizes: [1.1, 1.3, 1.5, 1.7], durations: [5, 10, 15], within: 60, source: 'users' } });
  });
  it('reads shares in percent and names the wrong field', () => {
    const p = parseSetup({ ...defaultMetaSetup, trigger: 'fault', node: 'postgres', sizeFrom: '50', sizeTo: '100', sizeCount: '2' }, fault);
    expect(p.ok && p.options).toMatchObject({ trigger: 'fault', node: 'postgres', sizes: [0.5, 1] });
    expect(parseSetup({ ...defaultMetaSetup, trigger: 'fault', sizeFrom: '50', sizeTo: '150' }, fault)).toEqual({ ok: false, field: 'size', error: 'share' });
    expect(parseSetup({ ...defaultMetaSetup, sizeFrom: '2', sizeTo: '1' }, spike)).toEqual({ ok: false, field: 'size', error: 'order' });
    expect(parseSetup({ ...defaultMetaSetup, forCount: '13' }, spike)).toEqual({ ok: false, field: 'for', error: 'count' });
    expect(parseSetup({ ...defaultMetaSetup, within: '0' }, spike)).toEqual({ ok: false, field: 'within', error: 'positive' });
  });
  it('takes a duration of 0 for a flush only (an instant flush), as the command line does', () => {
    const flush = triggerChoices(avalanche).find((x) => x.trigger === 'flush')!;
    const instant = parseSetup({ ...defaultMetaSetup, trigger: 'flush', node: 'product-cache', sizeFrom: '100', sizeTo: '100', sizeCount: '1', forFrom: '0', forTo: '10', forCount: '3' }, flush);
    expect(instant.ok && instant.options.durations).toEqual([0, 5, 10]);
    expect(parseSetup({ ...defaultMetaSetup, trigger: 'flush', node: 'product-cache', sizeFrom: '100', sizeTo: '100', forFrom: '-5', forTo: '5' }, flush)).toEqual({ ok: false, field: 'for', error: 'nonNegative' });
    expect(parseSetup({ ...defaultMetaSetup, forFrom: '0' }, spike)).toEqual({ ok: false, field: 'for', error: 'positive' });
  });
});

function setup(scenario: Scenario) {
  const stores = createStores(scenario);
  const bridge = { platform: 'web', exportFile: vi.fn(async () => true), exportPdf: vi.fn(async () => true) } as unknown as HostBridge & { exportFile: ReturnType<typeof vi.fn> };
  const ctx: ActionContext = { stores, bridge, sim: createSimClient(() => new WorkerPool(createInProcessPort, 1)), t: ((k: string) => k) as never, flow: () => null, changeLanguage: vi.fn(), language: () => 'en' };
  return { stores, ctx, bridge };
}

describe('running a map from the app', () => {
  it('runs a small map of the retry storm, points arriving, and exports the report with one cell per point', async () => {
    const short = { ...storm, run: { ...storm.run, replications: 1 } };
    const { stores, ctx, bridge } = setup(short);
    const arrived: number[] = [];
    stores.meta.subscribe((s, prev) => s.points.length !== prev.points.length && arrived.push(s.points.length));
    await startMetastability(ctx, { trigger: 'spike', sizes: [1.1, 1.7], durations: [5], within: 30, source: 'users' });
    const s = stores.meta.getState();
    expect(s.status).toBe('done');
    expect(s.doc!.points.map((p) => p.size)).toEqual([1.1, 1.7]);
    expect(arrived.at(-1)).toBe(2);
    expect(stores.session.getState().dockTab).toBe('metastability');
    await createActionRegistry().run('export.metaHtml', ctx);
    const html = bridge.exportFile.mock.calls[0]![0].data as string;
    expect(html.match(/<g class="cell">/g)).toHaveLength(2);
    ctx.sim.dispose();
  }, 60_000);

  it('maps a flush of the keyed cache, and says where it meets the file’s own flush', async () => {
    const short = { ...avalanche, run: { ...avalanche.run, replications: 1 } };
    const { stores, ctx } = setup(short);
    // The file flushes product-cache at 70 s; the trigger at 60 s for 15 s covers it, the one for 5 s does not.
    await startMetastability(ctx, { trigger: 'flush', node: 'product-cache', sizes: [0.5], durations: [5, 15], within: 30, at: 60 });
    const doc = stores.meta.getState().doc!;
    expect(stores.meta.getState().status).toBe('done');
    expect(doc.trigger).toMatchObject({ kind: 'flush', node: 'product-cache', sizeMeans: 'keyShareLost' });
    expect(doc.points).toHaveLength(2);
    const overlap = doc.findings.filter((f) => f.code === 'meta.flushesOverlap');
    expect(overlap).toHaveLength(1);
    expect(overlap[0]!.figures).toMatchObject({ event: 0, from: 70, to: 70, points: 1, of: 2, cells: '0.5/15' });
    ctx.sim.dispose();
  }, 60_000);

  it('keeps the core’s refusal as its finding and runs nothing', async () => {
    const { stores, ctx } = setup(storm);
    const run = vi.spyOn(ctx.sim, 'metastability');
    await startMetastability(ctx, { trigger: 'spike', sizes: [1.5], durations: [5], within: 30, at: 5 });
    expect(stores.meta.getState().refusal?.code).toBe('metaTooEarly');
    expect(stores.meta.getState().status).toBe('idle');
    expect(run).not.toHaveBeenCalled();
  });

  it('refuses an instant flush of a keyless cache with the core’s reason', async () => {
    const { whatIf: _whatIf, ...plain } = avalanche;
    const keyless = assertScenario({ ...plain, nodes: plain.nodes.map((n) => (n.kind === 'cache' ? { ...n, keys: undefined, ttl: undefined, singleFlight: undefined, hitRatio: 0.9 } : n)) });
    const { stores, ctx } = setup(keyless);
    const run = vi.spyOn(ctx.sim, 'metastability');
    await startMetastability(ctx, { trigger: 'flush', node: 'product-cache', sizes: [1], durations: [0, 5], within: 30 });
    expect(stores.meta.getState().refusal).toMatchObject({ code: 'metaInstantTrigger', node: 'product-cache', figures: { trigger: 'flush' } });
    expect(run).not.toHaveBeenCalled();
  });
});
