/**
 * Invariants over randomly generated small models (tests/helpers/randomModel.ts):
 * the operational laws (Little, utilization) where they hold exactly or nearly, and
 * what must hold for any model: request conservation, shares in [0, 1], ordered
 * percentiles, an error split that adds up, no NaN or Infinity anywhere, and
 * determinism.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ResultDocument } from '../../simulation/model/result';
import type { Scenario } from '../../simulation/model/schema';
import { runScenarioInProcess } from '../../simulation/runner/runScenario';
import { cleanModel, fullModel } from '../helpers/randomModel';
import { replicate } from '../helpers/replicate';

/** Every number in the document is finite: a JSON round trip (NaN and ±Infinity become null) changes nothing. */
function expectAllFinite(doc: ResultDocument): void {
  const bad: string[] = [];
  const walk = (v: unknown, path: string) => {
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) bad.push(`${path}=${v}`);
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
  };
  walk(doc, '');
  expect(bad, 'non-finite numbers in the result').toEqual([]);
}

function expectShare(x: number, what: string): void {
  expect(x, what).toBeGreaterThanOrEqual(0);
  expect(x, what).toBeLessThanOrEqual(1 + 1e-12);
}

function expectOrderedLatency(l: ResultDocument['summary']['latency'], what: string): void {
  const seq = [l.p50, l.p90, l.p95, l.p99, l.p999, l.max];
  for (let i = 1; i < seq.length; i++) expect(seq[i - 1]!, `${what}: percentiles out of order ${seq.join(' ≤ ')}`).toBeLessThanOrEqual(seq[i]!);
  expect(l.mean, `${what}: mean above max`).toBeLessThanOrEqual(l.max * (1 + 1e-12));
  for (const x of [l.mean, ...seq]) expect(x).toBeGreaterThanOrEqual(0);
}

/** What must hold for any model whatsoever. */
function checkUniversal(scenario: Scenario, doc: ResultDocument): void {
  expectAllFinite(doc);
  const s = doc.summary;
  expectShare(s.errorRate, 'errorRate');
  for (const [k, v] of Object.entries(s.errors)) expectShare(v, `errors.${k}`);
  expect(Math.abs(s.errors.rejected + s.errors.timedOut + s.errors.failed - s.errorRate), 'errors split adds up to errorRate').toBeLessThanOrEqual(1e-12);
  expectOrderedLatency(s.latency, 'summary');
  expect(s.throughputCi[0]).toBeLessThanOrEqual(s.throughput + 1e-9);
  expect(s.throughputCi[1]).toBeGreaterThanOrEqual(s.throughput - 1e-9);
  let classThroughput = 0;
  for (const [id, c] of Object.entries(doc.classes)) {
    expectShare(c.errorRate, `classes.${id}.errorRate`);
    expectOrderedLatency(c.latency, `classes.${id}`);
    classThroughput += c.throughput;
  }
  expect(Math.abs(classThroughput - s.throughput)).toBeLessThanOrEqual(1e-9 * Math.max(1, s.throughput));
  for (const [id, n] of Object.entries(doc.nodes)) {
    const at = `nodes.${id}`;
    expectShare(n.rejected, `${at}.rejected`);
    expectShare(n.failed, `${at}.failed`);
    expectShare(n.rejected + n.failed, `${at}.rejected + failed`);
    if (n.hitRatio !== undefined) expectShare(n.hitRatio, `${at}.hitRatio`);
    // A share of an unlimited resource does not exist (spec 1.1): null exactly when the resource is unlimited.
    expect(n.utilization === null, `${at}.utilization is null iff workers are unlimited`).toBe(n.workers === null);
    expect(n.utilizationCi === null, `${at}.utilizationCi is null with utilization`).toBe(n.utilization === null);
    expect(n.cpuUtilization === null, `${at}.cpuUtilization is null iff CPUs are unlimited`).toBe(n.cpus === null || n.kind === 'queue');
    if (n.utilization !== null) expectShare(n.utilization, `${at}.utilization`);
    if (n.cpuUtilization !== null) expectShare(n.cpuUtilization, `${at}.cpuUtilization`);
    for (const k of ['throughput', 'inFlight', 'queueLength', 'waitTime', 'responseTime', 'arrivalRate', 'replicas'] as const) {
      expect(n[k], `${at}.${k}`).toBeGreaterThanOrEqual(0);
    }
    expect(n.queueLength, `${at}: waiting is part of in flight`).toBeLessThanOrEqual(n.inFlight * (1 + 1e-9) + 1e-12);
  }
  // Where held workers' time goes adds up to all of it, whatever happened (retries, timeouts, failed replicas).
  for (const [id, n] of Object.entries(doc.nodes)) {
    if (!n.holding) continue;
    const parts = [n.holding.own, n.holding.cpuWait, n.holding.poolWait, ...Object.values(n.holding.callees)];
    parts.forEach((p, k) => expectShare(p, `nodes.${id}.holding[${k}]`));
    expect(Math.abs(parts.reduce((a, b) => a + b, 0) - 1), `nodes.${id}.holding adds up to 1`).toBeLessThan(1e-9);
  }
  // A bottleneck exactly when some node has a finite resource (workers, CPUs, a call pool, a rate limit, the partitions of a queue it consumes); it quotes that resource's figure.
  const limited =
    Object.values(doc.nodes).some((n) => n.workers !== null || n.cpus !== null) ||
    scenario.edges.some((e) => e.pool !== undefined && scenario.nodes.find((n) => n.id === e.from)?.kind !== 'source') ||
    scenario.nodes.some((n) => 'rateLimit' in n && n.rateLimit !== undefined) ||
    scenario.nodes.some((n) => n.kind === 'queue' && n.partitions !== undefined && scenario.edges.some((e) => e.from === n.id));
  if (!limited) expect(doc.bottleneck).toBeNull();
  else {
    const b = doc.bottleneck!;
    expect(b).not.toBeNull();
    expectShare(b.utilization, 'bottleneck.utilization');
    expectShare(b.latencyShare, 'bottleneck.latencyShare');
    const n = doc.nodes[b.node]!;
    if (b.resource === 'workers' || b.resource === 'connections') expect(b.utilization).toBe(n.utilization);
    if (b.resource === 'cpus') expect(b.utilization).toBe(n.cpuUtilization);
    for (const h of b.heldUp ?? []) expect(h.node).not.toBe(b.node);
  }
  expect(doc.run.replications).toBe(scenario.run.replications);
  expect(doc.stable || doc.warnings.length > 0, 'an unstable run says why').toBe(true);
}

describe('invariants on random clean models (no timeouts, faults or breakers; no warm-up)', () => {
  it('hold for every node and the source', () => {
    fc.assert(
      fc.property(cleanModel, ({ scenario }) => {
        const r = replicate(scenario);
        checkUniversal(scenario, r.combined);
        const nothingRejected = Object.values(r.combined.nodes).every((n) => n.rejected === 0);
        r.tallies.forEach((t, rep) => {
          const doc = r.perRep[rep]!;
          const T = t.measured;
          expect(T).toBe(scenario.run.duration);
          // Conservation at the source: with no warm-up every request ending in the
          // window began in it, and each ends one way only.
          for (const c of t.classes) {
            expect(c.ended).toBe(c.ok + c.rejected + c.timedOut + c.failed);
            expect(c.ended).toBeLessThanOrEqual(c.created);
            expect(c.timedOut + c.failed).toBe(0);
          }
          for (const [id, n] of Object.entries(doc.nodes)) {
            const node = scenario.nodes.find((x) => x.id === id)!;
            const x = t.nodes[scenario.nodes.indexOf(node)]!;
            const fanOut = scenario.edges.filter((e) => e.from === id).length;
            if (node.kind === 'queue' && fanOut > 1) continue; // one arrival, several hand-offs
            // Every arrival either was rejected, failed, completed, or is still there.
            expect(x.completions + x.rejected + x.failed).toBeLessThanOrEqual(x.arrivals);
            // Little's law over the window. Starting empty, L·T = Σ R over completed
            // visits + the time in the window of visits still there at the end (and of
            // visits that ended otherwise than OK): never less than X·R·T.
            const L = n.inFlight;
            const XR = n.throughput * n.responseTime;
            expect(XR, `${id}: X·R ≤ L`).toBeLessThanOrEqual(L * (1 + 1e-9) + 1e-12);
            // With no rejections anywhere every visit ends OK, and in a stable run the
            // visits cut off at the end weigh about R/T of L: a few percent at most.
            // A node's visits also wait for its call pools' connections, so a busy pool is a busy resource of the node.
            const poolBusy = Math.max(0, ...doc.edges.filter((e) => e.from === id).map((e) => e.poolUtilization ?? 0));
            if (nothingRejected && doc.stable && Math.max(n.utilization ?? n.inFlight, n.cpuUtilization ?? 0, poolBusy) < 0.9 && x.completions >= 50) {
              expect(L - XR, `${id}: L=${L} X·R=${XR}`).toBeLessThanOrEqual(0.05 * L + 0.5 / T);
              // Each visit's wait is part of its response; the means compare the same visits but for those cut off.
              expect(n.waitTime, `${id}: the wait is part of the response`).toBeLessThanOrEqual(n.responseTime * 1.05 + 1e-9);
            }
          }
        });
        return true;
      }),
      { numRuns: 60 },
    );
  });

  it('utilization law: a leaf service keeps its CPUs busy X·E[work] on average', () => {
    fc.assert(
      fc.property(cleanModel, ({ scenario }) => {
        const r = replicate(scenario);
        for (const node of scenario.nodes) {
          if (node.kind !== 'service' || scenario.edges.some((e) => e.from === node.id)) continue;
          const work = node.work as { dist: string; mean?: number; value?: number; min?: number; max?: number; cv?: number; k?: number };
          const mean = work.dist === 'constant' ? work.value! : work.dist === 'uniform' ? (work.min! + work.max!) / 2 : work.mean!;
          const cv = work.dist === 'constant' ? 0 : work.dist === 'uniform' ? 1 / (3 * Math.sqrt(3)) : work.dist === 'erlang' ? 1 / Math.sqrt(work.k!) : work.cv ?? 1;
          r.perRep.forEach((doc, rep) => {
            const n = doc.nodes[node.id]!;
            const T = r.tallies[rep]!.measured;
            const done = n.throughput * T;
            // Busy CPUs, all replicas together: per CPU × CPUs × replicas when CPUs are finite.
            const tally = r.tallies[rep]!.nodes[scenario.nodes.indexOf(node)]!;
            const busyCpus = n.cpus !== null ? n.cpuUtilization! * n.cpus * n.replicas : tally.busyCpusArea / T;
            const busyWorkers = n.workers !== null ? n.utilization! * n.workers * n.replicas : n.inFlight;
            // A CPU is only ever used by a request holding a worker.
            expect(busyWorkers, `${node.id}: busy workers ≥ busy CPUs`).toBeGreaterThanOrEqual(busyCpus * (1 - 1e-9) - 1e-12);
            // Constant work is exact up to the work in progress at the end (≤ CPUs in
            // use × E[work] / T). Random work: the sample mean of `done` draws is within
            // 6 standard errors, cv·E[S]/√done; and there is the same end effect.
            const inProgress = (n.cpus !== null ? n.cpus * n.replicas : Math.max(5, 3 * n.inFlight)) * mean * (cv > 0 ? 10 : 1);
            const statistical = cv === 0 ? 0 : 6 * cv * mean * Math.sqrt(done);
            const diff = busyCpus * T - done * mean;
            expect(diff, `${node.id}: busy CPU-seconds ${busyCpus * T} vs ${done} × ${mean}`).toBeGreaterThanOrEqual(-statistical - 1e-9);
            expect(diff, `${node.id}: busy CPU-seconds ${busyCpus * T} vs ${done} × ${mean}`).toBeLessThanOrEqual(statistical + inProgress + 1e-9);
          });
        }
        return true;
      }),
      { numRuns: 60 },
    );
  });
});

describe('invariants on random full models (classes, timeouts, retries, breakers, rate limits, faults, autoscaling)', () => {
  it('shares, percentiles, the error split and conservation hold, and nothing is NaN', () => {
    fc.assert(
      fc.property(fullModel, ({ scenario }) => {
        const r = replicate(scenario);
        checkUniversal(scenario, r.combined);
        for (const doc of r.perRep) checkUniversal(scenario, doc);
        for (const t of r.tallies) {
          for (const c of t.classes) {
            expect(c.ended).toBe(c.ok + c.rejected + c.timedOut + c.failed);
            if ((scenario.run.warmup ?? 0) === 0) expect(c.ended).toBeLessThanOrEqual(c.created);
          }
          expect(t.stoppedEarly).toBeNull();
        }
        for (const node of scenario.nodes) {
          if (node.kind === 'source' || node.kind === 'queue') continue;
          const most = node.kind === 'service' && node.autoscale ? Math.max(node.replicas ?? 1, node.autoscale.max) : (node.replicas ?? 1);
          expect(r.combined.nodes[node.id]!.replicas, `${node.id}.replicas`).toBeLessThanOrEqual(most + 1e-9);
        }
        // A client timeout bounds every answered request's latency.
        const src = scenario.nodes[0]!;
        if (src.kind === 'source' && src.timeout !== undefined) expect(r.combined.summary.latency.max).toBeLessThanOrEqual(src.timeout + 1e-9);
        return true;
      }),
      { numRuns: 80 },
    );
  });

  it('the same scenario gives the same document, and equals runScenarioInProcess', () => {
    fc.assert(
      fc.property(fullModel, ({ scenario }) => {
        const a = replicate(scenario).combined;
        const b = runScenarioInProcess(scenario);
        b.stats = { ...b.stats, wallSeconds: 0, eventsPerSecond: 0 };
        expect(JSON.stringify(b)).toBe(JSON.stringify(a));
        return true;
      }),
      { numRuns: 15 },
    );
  });
});
