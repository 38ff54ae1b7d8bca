/**
 * The capacity search's screen stop (simulation/engine/screenStop.ts): a screening run
 * ends once its p99 or error rate is settled past the "missed by far" margin. What must
 * hold, at every rate from comfortably under capacity to far over it:
 *
 * - a stopped run would have missed by far had it run to its end (its full run's p99 or
 *   error rate is past the threshold), and a stopped run never reads as met: the stop
 *   never flips a verdict;
 * - a run the rule did not stop is the full run, byte for byte;
 * - the stop does fire on far-overloaded runs, well before their end (else it saves nothing);
 * - the same task stops at the same simulated instant every time.
 */
import { describe, expect, it } from 'vitest';
import { aggregate } from '../../simulation/analysis/aggregate';
import { compileScenario } from '../../simulation/engine/compile';
import { ScreenStop } from '../../simulation/engine/screenStop';
import type { Scenario } from '../../simulation/model/schema';
import { setPath } from '../../simulation/model/paths';
import type { FromWorker } from '../../simulation/protocol/messages';
import { handleTask, handleTaskYielding, runReplication } from '../../simulation/runner/replicationTask';
import { scenario, service, source } from '../whatif/helpers';

const p99Bound = 0.1;
const errorBound = 0.01;
const spec = { p99Above: 1.5 * p99Bound, errorRateAbove: 3 * errorBound };

/** Two replicas of 4 workers, 20 ms of work: saturates at 400/s; a queue of 50 rejects when far over. */
const base = scenario({
  nodes: [source('users', { process: 'poisson', rate: 100 }), service('svc', { replicas: 2, workers: 4, queue: 50, work: { dist: 'exponential', mean: 0.02 } })],
  edges: [{ from: 'users', to: 'svc' }],
  run: { duration: 60, warmup: 5, replications: 1, seed: 3 },
  slo: { p99: p99Bound, errorRate: errorBound },
});

function runAt(s: Scenario, rate: number, stop: boolean) {
  const at = setPath(s, 'nodes.users.arrival.rate', rate);
  const model = compileScenario(at);
  const tally = runReplication(model, 0, {}, stop ? { screenStop: spec } : {})!;
  return { tally, result: aggregate(at, model, [tally], { wallSeconds: 0 }) };
}

describe('screen stop', () => {
  const rates = [100, 250, 330, 360, 380, 400, 420, 460, 520, 700, 1000];

  it('never flips a verdict: a stopped run misses by far in full, an unstopped one is the full run', () => {
    let stopped = 0;
    for (const rate of rates) {
      const full = runAt(base, rate, false);
      const screened = runAt(base, rate, true);
      expect(full.tally.screenStopped, `full run at ${rate}/s`).toBeUndefined();
      if (screened.tally.screenStopped) {
        stopped++;
        const p99 = full.result.summary.latency.p99;
        const errorRate = full.result.summary.errorRate;
        expect(p99 > spec.p99Above || errorRate > spec.errorRateAbove, `full run at ${rate}/s: p99 ${p99}, error rate ${errorRate}`).toBe(true);
        expect(screened.result.summary.sloMet).toBe(false);
        expect(screened.result.summary.sloReasons.map((r) => r.reason)).toContain('stoppedEarly');
        expect(screened.tally.events).toBeLessThan(full.tally.events);
      } else {
        expect(JSON.stringify(screened.tally), `unstopped run at ${rate}/s`).toBe(JSON.stringify(full.tally));
      }
    }
    // The far-overloaded rates do stop.
    expect(stopped).toBeGreaterThanOrEqual(3);
  });

  it('stops a far-overloaded run early in its window, and at the same instant every time', () => {
    const a = runAt(base, 700, true);
    const b = runAt(base, 700, true);
    expect(a.tally.screenStopped).toBe(true);
    expect(a.tally.measured).toBeLessThan(0.5 * 60);
    expect(JSON.stringify(b.tally)).toBe(JSON.stringify(a.tally));
  });

  it('stops the same way in the worker hosts, the Node one and the yielding (browser) one', async () => {
    const task = { taskId: 1, scenario: setPath(base, 'nodes.users.arrival.rate', 700), replication: 0, screenStop: spec };
    const tallyOf = (messages: FromWorker[]) => {
      const done = messages.find((m) => m.type === 'done');
      if (done?.type !== 'done') throw new Error('no tally');
      return done.tally;
    };
    const node: FromWorker[] = [];
    handleTask(task, (m) => node.push(m));
    const yielding: FromWorker[] = [];
    await handleTaskYielding(task, (m) => yielding.push(m), () => Promise.resolve(), 1000);
    expect(tallyOf(node).screenStopped).toBe(true);
    expect(JSON.stringify(tallyOf(yielding))).toBe(JSON.stringify(tallyOf(node)));
    expect(JSON.stringify(tallyOf(node))).toBe(JSON.stringify(runAt(base, 700, true).tally));
  });

  it('stops on the error rate alone when latency has no bound', () => {
    const noP99 = { ...base, slo: { errorRate: errorBound } };
    const at = setPath(noP99, 'nodes.users.arrival.rate', 1000);
    const model = compileScenario(at);
    const full = runReplication(model, 0)!;
    const screened = runReplication(model, 0, {}, { screenStop: { errorRateAbove: spec.errorRateAbove } })!;
    expect(screened.screenStopped).toBe(true);
    const fullRate = aggregate(at, model, [full], { wallSeconds: 0 }).summary.errorRate;
    expect(fullRate).toBeGreaterThan(spec.errorRateAbove);
  });

  it('has no rule for a closed source, whose future requests have no bound here', () => {
    const closed = scenario({
      nodes: [source('users', { process: 'closed', users: 50, thinkTime: { dist: 'exponential', mean: 0.01 } }), service('svc', { replicas: 1, workers: 1, work: { dist: 'exponential', mean: 0.02 } })],
      edges: [{ from: 'users', to: 'svc' }],
      run: { duration: 30, warmup: 5, replications: 1, seed: 3 },
      slo: { p99: p99Bound },
    });
    expect(ScreenStop.forModel(compileScenario(closed), spec)).toBeNull();
    expect(ScreenStop.forModel(compileScenario(base), spec)).not.toBeNull();
    expect(ScreenStop.forModel(compileScenario(base), {})).toBeNull();
  });
});
