/**
 * Override paths (`--set`, `--vary`, `whatIf.vary`): reading, copy-on-write setting,
 * errors that name the path, command-line values, and JSON path formatting.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPath, editDistance, formatJsonPath, getPath, isReplicaPath, nearest, parseCliValue, PathError, setPath } from './paths';
import type { Scenario } from './schema';
import { assertScenario, formatIssue, parseScenario } from './validate';

const shopText = readFileSync(new URL('./fixtures/shop.headroom.json', import.meta.url), 'utf8');
const shop = (): Scenario => assertScenario(JSON.parse(shopText));

describe('getPath', () => {
  it.each([
    ['nodes.api.replicas', 2],
    ['nodes.users.arrival.rate', 50],
    ['nodes.auth.work.mean', 0.002],
    ['nodes.api.work.default.mean', 0.005],
    ['nodes.api.work.byClass.checkout.cv', 1],
    ['nodes.users.profile.1.scale', 2],
    ['edges.2.timeout', 0.5],
    ['edges.2.retries.max', 2],
    ['run.duration', 120],
    ['slo.p99', 0.5],
    ['faults.0.replica', 1],
    ['cost.currency', 'USD'],
  ])('%s is %j', (path, value) => {
    expect(getPath(shop(), path)).toEqual(value);
  });

  it('is undefined for a field that is not set', () => {
    expect(getPath(shop(), 'nodes.auth.replicas')).toBeUndefined();
    expect(getPath(shop(), 'nodes.auth.autoscale.max')).toBeUndefined();
    expect(getPath(shop(), 'slo.p50')).toBeUndefined();
  });

  it('returns whole objects', () => {
    expect(getPath(shop(), 'nodes.users.arrival')).toEqual({ process: 'poisson', rate: 50 });
  });
});

describe('setPath', () => {
  it('returns a changed deep copy and leaves the original alone', () => {
    const s = shop();
    const before = JSON.stringify(s);
    const t = setPath(s, 'nodes.api.replicas', 8);
    expect(getPath(t, 'nodes.api.replicas')).toBe(8);
    expect(JSON.stringify(s)).toBe(before);
    expect(t.nodes).not.toBe(s.nodes);
    expect(t.nodes[0]).not.toBe(s.nodes[0]);
    t.run.duration = 1;
    expect(s.run.duration).toBe(120);
  });

  it('copies the value it sets', () => {
    const value = { process: 'constant', rate: 10 };
    const t = setPath(shop(), 'nodes.users.arrival', value);
    value.rate = 99;
    expect(getPath(t, 'nodes.users.arrival.rate')).toBe(10);
  });

  it('sets nested fields, edges, run and slo', () => {
    let s = shop();
    s = setPath(s, 'nodes.users.arrival.rate', 120);
    s = setPath(s, 'nodes.api.work.default.mean', 0.01);
    s = setPath(s, 'edges.5.pool', 20);
    s = setPath(s, 'run.replications', 10);
    s = setPath(s, 'slo.p95', 0.2);
    expect([getPath(s, 'nodes.users.arrival.rate'), getPath(s, 'nodes.api.work.default.mean'), getPath(s, 'edges.5.pool'), getPath(s, 'run.replications'), getPath(s, 'slo.p95')]).toEqual([
      120, 0.01, 20, 10, 0.2,
    ]);
    expect(parseScenario(s).ok).toBe(true);
  });

  it('creates missing objects on the way', () => {
    const s = shop();
    delete s.slo;
    const t = setPath(s, 'slo.p99', 0.3);
    expect(t.slo).toEqual({ p99: 0.3 });
  });

  it('removes a field set to null', () => {
    const t = setPath(shop(), 'nodes.api.workers', null);
    expect('workers' in (t.nodes[2] ?? {})).toBe(false);
  });

  it('leaves validation to the caller, which then names the JSON path', () => {
    const t = setPath(shop(), 'nodes.api.workers', 0);
    const outcome = parseScenario(t);
    expect(outcome.ok ? [] : outcome.issues.map(formatIssue)).toEqual(['nodes[2].workers: must be a positive integer']);
  });

  it.each([
    ['nodes.apii.replicas', 'nodes.apii.replicas: there is no node "apii" (did you mean "api"?)'],
    ['nodes.nginx.replicas', 'nodes.nginx.replicas: there is no node "nginx"'],
    ['nodes.api', 'nodes.api: names a whole node; add the field to change, like nodes.api.replicas'],
    ['edges.12.timeout', 'edges.12.timeout: there is no edge 12 (they are 0–8)'],
    ['edges.first.timeout', 'edges.first.timeout: "first" is not an index into edges'],
    ['faults.3.at', 'faults.3.at: there is no fault 3 (the only one is 0)'],
    ['nodes.auth.work.mean.x', 'nodes.auth.work.mean.x: nodes.auth.work.mean is 0.002, which has no fields'],
    ['', ': must be dot-separated names, like nodes.api.replicas or run.duration'],
    ['run..duration', 'run..duration: must be dot-separated names, like nodes.api.replicas or run.duration'],
    ['version', 'version: "version" identifies the file format and cannot be overridden'],
    ['run.__proto__.polluted', 'run.__proto__.polluted: "__proto__" is not a field'],
  ])('%j is refused with a message naming it', (path, message) => {
    expect(() => setPath(shop(), path, 1)).toThrowError(PathError);
    expect(() => setPath(shop(), path, 1)).toThrowError(message);
  });

  it('never pollutes prototypes', () => {
    expect(() => setPath(shop(), 'run.constructor.prototype.polluted', 1)).toThrow(PathError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads back what it sets', () => {
    fc.assert(
      fc.property(fc.constantFrom('nodes.api.replicas', 'nodes.worker.workers', 'run.seed', 'edges.0.calls', 'slo.p50'), fc.integer({ min: 1, max: 1000 }), (path, v) => {
        expect(getPath(setPath(shop(), path, v), path)).toBe(v);
      }),
    );
  });
});

describe('checkPath', () => {
  it('accepts paths to unset fields and names the problem otherwise', () => {
    const s = shop();
    expect(checkPath(s, 'nodes.auth.replicas')).toBeUndefined();
    expect(checkPath(s, 'nodes.apii.replicas')).toEqual({ code: 'noSuchNode', figures: { id: 'apii', suggestion: 'api' } });
    expect(JSON.stringify(s)).toBe(JSON.stringify(shop()));
  });
});

describe('parseCliValue', () => {
  it.each([
    ['8', 8],
    ['0.25', 0.25],
    ['-2', -2],
    ['1e3', 1000],
    ['.5', 0.5],
    ['true', true],
    ['false', false],
    ['null', null],
    ['{"dist":"exponential","mean":0.01}', { dist: 'exponential', mean: 0.01 }],
    ['[1, 2, 4]', [1, 2, 4]],
    ['"8"', '8'],
    ['least-connections', 'least-connections'],
    ['0x10', '0x10'],
    ['1.2.3', '1.2.3'],
    ['', ''],
  ])('%j is %j', (text, value) => {
    expect(parseCliValue(text)).toEqual(value);
  });

  it('refuses broken JSON rather than passing it on as text', () => {
    expect(() => parseCliValue('{"dist": exponential}')).toThrowError(/^"\{\\"dist\\": exponential\}" looks like JSON but is not valid JSON/);
  });
});

describe('isReplicaPath', () => {
  it.each([
    ['nodes.api.replicas', true],
    ['nodes.order-workers.replicas', true],
    ['nodes.api.workers', false],
    ['nodes.api.autoscale.replicas', false],
    ['edges.0.replicas', false],
    ['run.replications', false],
  ])('%s → %s', (path, expected) => {
    expect(isReplicaPath(path)).toBe(expected);
  });
});

describe('JSON paths and hints', () => {
  it('formats indices, plain keys and odd keys', () => {
    expect(formatJsonPath(['nodes', 2, 'workers'])).toBe('nodes[2].workers');
    expect(formatJsonPath(['edges', 0, 'retries', 'max'])).toBe('edges[0].retries.max');
    expect(formatJsonPath(['nodes', 0, 'mix', 'a b'])).toBe('nodes[0].mix["a b"]');
    expect(formatJsonPath([])).toBe('');
  });

  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('maen', 'mean')).toBe(1);
    expect(editDistance('workrs', 'workers')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('suggests only plausible typos', () => {
    expect(nearest('replica', ['replicas', 'balance'])).toBe('replicas');
    expect(nearest('Workers', ['workers'])).toBe('workers');
    expect(nearest('colour', ['workers', 'cpus'])).toBeUndefined();
    expect(nearest('x', [])).toBeUndefined();
  });
});
