// Hostile scenarios that once crashed, hung or passed falsely: prototype names as ids,
// a 10,000-hop sync chain, a loop of zero-time steps, and a run in which nothing completes.
import { describe, expect, it } from 'vitest';
import { estimate } from '../../simulation/estimate/estimate';
import { assertScenario } from '../../simulation/model/validate';
import { runScenarioInProcess } from '../../simulation/runner/runScenario';
import { bottleneckText, nodeLabels, warningTexts } from '../../simulation/format/present';
import { formatSummary } from '../../simulation/format/summary';

type Fields = Record<string, unknown>;
const prototypeNames = ['constructor', 'toString', 'hasOwnProperty', 'valueOf'] as const;

function node(id: string, kind: string, fields: Fields): Fields {
  return { id, kind, label: id, position: { x: 0, y: 0 }, ...fields };
}

function scenario(fields: { classes?: Fields[]; nodes: Fields[]; edges: Fields[]; run?: Fields; slo?: Fields }): Fields {
  return {
    format: 'headroom/scenario',
    version: 1,
    name: 'hostile',
    classes: fields.classes ?? [{ id: 'a' }],
    nodes: fields.nodes,
    edges: fields.edges,
    run: { duration: 20, warmup: 1, replications: 1, seed: 1, ...fields.run },
    slo: fields.slo ?? { p99: 0.5 },
  };
}

const users = (mix: Fields = { a: 1 }) => node('users', 'source', { arrival: { process: 'poisson', rate: 50 }, mix });
const api = (id = 'api') => node(id, 'service', { workers: 8, work: { dist: 'exponential', mean: 0.005 } });

describe('prototype names as ids', () => {
  it.each(prototypeNames)('a class named %s gets the cache default hit ratio', (name) => {
    const s = assertScenario(
      scenario({
        classes: [{ id: name }, { id: 'b' }],
        nodes: [users({ [name]: 0.5, b: 0.5 }), api(), node('cache', 'cache', { workers: 4, latency: { dist: 'constant', value: 0.0001 }, hitRatio: { byClass: { b: 1 }, default: 0 } })],
        edges: [{ from: 'users', to: 'api' }, { from: 'api', to: 'cache' }],
      }),
    );
    const r = runScenarioInProcess(s);
    // Class b always hits, the prototype-named class takes the default 0: about half hit.
    expect(r.nodes.cache!.hitRatio).toBeGreaterThan(0.4);
    expect(r.nodes.cache!.hitRatio).toBeLessThan(0.6);
    expect(Object.hasOwn(r.classes, name)).toBe(true);
    expect(r.classes[name]!.throughput).toBeGreaterThan(0);
  });

  it.each(prototypeNames)('a node named %s is in the result and its sentences', (name) => {
    const s = assertScenario(scenario({ nodes: [users(), api(name)], edges: [{ from: 'users', to: name }] }));
    const r = runScenarioInProcess(s);
    expect(Object.hasOwn(r.nodes, name)).toBe(true);
    expect(r.nodes[name]!.throughput).toBeGreaterThan(40);
    const sentence = bottleneckText(r, 'en', nodeLabels(s)) ?? '';
    expect(sentence).toContain(name);
    expect(sentence).not.toContain('native code');
    expect(bottleneckText(r, 'zh-CN', {})).not.toContain('native code');
    expect(formatSummary(r)).not.toContain('native code');
  });

  it('__proto__ as a node id or class id is refused with its path, never silently dropped', () => {
    expect(() => assertScenario(scenario({ nodes: [users(), api('__proto__')], edges: [{ from: 'users', to: '__proto__' }] }))).toThrow(/nodes\[1\]\.id: "__proto__" is reserved/);
    expect(() => assertScenario(scenario({ classes: [{ id: '__proto__' }], nodes: [users({ __proto__: 1 }), api()], edges: [{ from: 'users', to: 'api' }] }))).toThrow(/classes\[0\]\.id/);
  });
});

describe('hostile graphs run to an answer', () => {
  it('a 9,990-hop sync chain runs without overflowing the stack', () => {
    const nodes = [users(), api()];
    const edges: Fields[] = [{ from: 'users', to: 'api' }];
    for (let i = 0; i < 9990; i++) {
      nodes.push(node(`n${i}`, 'service', { workers: 1, work: { dist: 'constant', value: 0.0001 } }));
      edges.push({ from: i === 0 ? 'api' : `n${i - 1}`, to: `n${i}` });
    }
    const s = assertScenario(scenario({ nodes: nodes.map((n) => (n.id === 'users' ? { ...n, arrival: { process: 'poisson', rate: 0.5 } } : n)), edges, run: { duration: 10 } }));
    // The instant estimate walks the same chain (the CLI's run budget uses it): no recursion either.
    expect(estimate(s).nodes.users!.holdTime).toBeCloseTo(0.005 + 9990 * 0.0001, 6);
    const r = runScenarioInProcess(s);
    expect(r.summary.throughput).toBeGreaterThan(0);
    // 9,992 hops of 0.1 ms each, one after the other.
    expect(r.summary.latency.p50).toBeGreaterThan(0.99);
  }, 60_000);

  it('a queue subscribed to itself stops with a zero-time loop, never hangs or passes', () => {
    const s = assertScenario(
      scenario({
        nodes: [users(), api(), node('q', 'queue', { latency: { dist: 'constant', value: 0 } })],
        edges: [{ from: 'users', to: 'api' }, { from: 'api', to: 'q', mode: 'async' }, { from: 'q', to: 'q' }],
      }),
    );
    const started = Date.now();
    const r = runScenarioInProcess(s);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(r.summary.sloVerdict).toBe('notMet');
    expect(r.summary.sloReasons).toContainEqual({ reason: 'zeroTimeLoop', node: 'q' });
    const finding = r.findings!.find((f) => f.code === 'zeroTimeLoop');
    expect(finding?.node).toBe('q');
    expect(warningTexts(r, 'en').join('\n')).toMatch(/loop of zero-time steps through q/);
    expect(warningTexts(r, 'zh-CN').join('\n')).toMatch(/零耗时循环/);
  }, 30_000);

  const zero = { dist: 'constant', value: 0 };
  it.each([
    [
      'an async cycle of two zero-work services',
      'a1',
      [users(), node('a1', 'service', { workers: 8, work: zero }), node('a2', 'service', { workers: 8, work: zero })],
      [{ from: 'users', to: 'a1' }, { from: 'a1', to: 'a2', mode: 'async' }, { from: 'a2', to: 'a1', mode: 'async' }],
    ],
    [
      'closed users with zero think time calling zero work',
      'users',
      [node('users', 'source', { arrival: { process: 'closed', users: 50, thinkTime: zero }, mix: { a: 1 } }), node('api', 'service', { workers: 4, work: zero })],
      [{ from: 'users', to: 'api' }],
    ],
  ])('%s stops with a zero-time loop at %s, in bounded time, never SLO met', (_, at, nodes, edges) => {
    const started = Date.now();
    const r = runScenarioInProcess(assertScenario(scenario({ nodes, edges })));
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(r.summary.sloVerdict).toBe('notMet');
    expect(r.summary.sloReasons).toContainEqual({ reason: 'zeroTimeLoop', node: at });
  }, 30_000);
});

describe('false passes', () => {
  it('a partner API answering in 120 s within a 60 s run completes nothing and fails its latency SLO', () => {
    const s = assertScenario(
      scenario({
        nodes: [users(), node('api', 'service', { workers: 10_000, work: { dist: 'exponential', mean: 0.005 } }), node('partner', 'external', { latency: { dist: 'constant', value: 120 } })],
        edges: [{ from: 'users', to: 'api' }, { from: 'api', to: 'partner' }],
        run: { duration: 60 },
      }),
    );
    const r = runScenarioInProcess(s);
    expect(r.summary.throughput).toBe(0);
    expect(r.summary.sloMet).toBe(false);
    expect(r.summary.sloVerdict).toBe('notMet');
    expect(r.summary.slo.p99).toMatchObject({ met: false, unmeasured: true });
    expect(r.summary.sloReasons).toContainEqual({ reason: 'noCompletions' });
    const text = formatSummary(r);
    expect(text).toMatch(/SLO\s+NOT MET/);
    expect(text).not.toMatch(/p99 0 ms ≤ 500 ms ok/);
  });
});
