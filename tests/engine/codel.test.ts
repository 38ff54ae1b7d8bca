/**
 * `shed: {"codel": …}` in the engine, against invariants of CoDel on a single M/M/1
 * station (μ = 100/s, exponential work, one worker, no queue limit):
 *
 * - at 2× overload, without CoDel the wait grows with the run (the line grows by λ − μ a
 *   second); with it the served requests' waits stay bounded, the same over a run 4× longer;
 * - CoDel only drops a request when another waits behind it, so the worker never idles
 *   while a request waits: utilization stays 1, throughput μ, and the dropped share is
 *   1 − μ/λ (flow balance);
 * - at ρ = 0.3 it drops almost nothing, and the latency is M/M/1's S ÷ (1 − ρ);
 * - the same seed gives the same numbers.
 */
import { describe, expect, it } from 'vitest';
import { build, edge, exponential, poissonSource, service, type Fields } from '../helpers/build';
import { expectNear, per, replicate } from '../helpers/replicate';

const mu = 100;
const station = (lambda: number, duration: number, extra: Fields = {}, seed = 11, replications = 3) =>
  build({
    nodes: [poissonSource('users', lambda), service('svc', exponential(1 / mu), { workers: 1, ...extra })],
    edges: [edge('users', 'svc')],
    run: { duration, warmup: 10, replications, seed },
  });
const codel = { shed: { codel: {} } };

describe('CoDel shedding by waiting time', () => {
  it('at 2× overload keeps served waits bounded (no queue limit), where without it they grow with the run', () => {
    const short = replicate(station(2 * mu, 100, codel)).combined;
    const long = replicate(station(2 * mu, 400, codel)).combined;
    const plainShort = replicate(station(2 * mu, 100)).combined;
    const plainLong = replicate(station(2 * mu, 400)).combined;
    // Without CoDel: a request arriving t seconds in waits about t (the line grows 100 a second, served 100 a second).
    expect(plainShort.nodes.svc!.waitTime).toBeGreaterThan(20);
    expect(plainLong.nodes.svc!.waitTime).toBeGreaterThan(3 * plainShort.nodes.svc!.waitTime);
    for (const d of [short, long]) {
      // Bounded at the scale of the interval (100 ms): the served mean wait below 2.5 intervals, p99 below 10.
      expect(d.nodes.svc!.waitTime).toBeLessThan(0.25);
      expect(d.summary.latency.p99).toBeLessThan(1);
    }
    // Not growing: the 4× longer run's p99 is within 30% of the short one's.
    expect(long.summary.latency.p99 / short.summary.latency.p99).toBeGreaterThan(1 / 1.3);
    expect(long.summary.latency.p99 / short.summary.latency.p99).toBeLessThan(1.3);
  });

  it('sheds almost no capacity at 2×: a drop always leaves a request to serve, so the worker stays busy, throughput is μ and the dropped share 1 − μ/λ, counted as rejected', () => {
    const r = replicate(station(2 * mu, 400, codel, 11, 6));
    expectNear('utilization', per(r, (d) => d.nodes.svc!.utilization!), 1, { bias: 0.01, precision: 0.01 });
    expectNear('throughput', per(r, (d) => d.summary.throughput), mu, { bias: 0.02, precision: 0.02 });
    expectNear('rejected share', per(r, (d) => d.nodes.svc!.rejected), 0.5, { bias: 0.02, precision: 0.04 });
    const errors = r.combined.summary.errors;
    expect(errors.rejected).toBeGreaterThan(0);
    expect(errors.timedOut + errors.failed).toBe(0);
  });

  it('at ρ = 0.3 drops almost nothing and leaves M/M/1 latency as it is', () => {
    const rho = 0.3;
    const r = replicate(station(rho * mu, 300, codel, 11, 8));
    expect(r.combined.nodes.svc!.rejected).toBeLessThan(0.005);
    expectNear('latency.mean', per(r, (d) => d.summary.latency.mean), 1 / mu / (1 - rho), { bias: 0.03, precision: 0.05 });
  });

  it('with several workers and a queue limit: waits bounded, a full queue still rejects arrivals', () => {
    // Four workers offered 1.25× their capacity: CoDel must drop a fifth.
    const r = replicate(
      build({
        nodes: [poissonSource('users', 5 * mu), service('svc', exponential(1 / mu), { workers: 4, ...codel })],
        edges: [edge('users', 'svc')],
        run: { duration: 200, warmup: 10, replications: 2, seed: 3 },
      }),
    ).combined;
    expect(r.nodes.svc!.waitTime).toBeLessThan(0.25);
    expect(r.summary.latency.p99).toBeLessThan(1);
    expect(r.summary.throughput).toBeGreaterThan(0.97 * 4 * mu);
    expect(r.nodes.svc!.rejected).toBeGreaterThan(0.18);
    expect(r.nodes.svc!.rejected).toBeLessThan(0.25);
    const limited = replicate(station(2 * mu, 100, { queue: 3, ...codel })).combined;
    // At most 3 wait, so each waits under 4 service times: CoDel drops some of what the limit lets in.
    expect(limited.nodes.svc!.rejected).toBeGreaterThan(0.45);
    expect(limited.nodes.svc!.waitTime).toBeLessThan(0.04);
  });

  it('the same seed gives the same numbers; another seed other ones', () => {
    const a = replicate(station(2 * mu, 50, codel, 21)).combined;
    const b = replicate(station(2 * mu, 50, codel, 21)).combined;
    const c = replicate(station(2 * mu, 50, codel, 22)).combined;
    expect(b.summary).toEqual(a.summary);
    expect(b.nodes).toEqual(a.nodes);
    expect(c.summary.latency.p99).not.toBe(a.summary.latency.p99);
  });
});
