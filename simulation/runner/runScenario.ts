/**
 * Runs a scenario's replications — on a worker pool, or in this thread — and
 * combines them into the result: both paths run the same engine code and
 * aggregate in replication order, so their numbers are identical.
 */
import { compileScenario, type CompiledModel } from '../engine/compile';
import type { ResultDocument } from '../model/result';
import type { Scenario } from '../model/schema';
import { aggregate } from '../analysis/aggregate';
import type { ReplicationTally } from '../stats/tally';
import { CancelledError, ChildSignal, type SignalLike } from './cancel';
import type { WorkerPool } from './pool';
import { runReplication } from './replicationTask';

export interface RunProgress {
  /** 0…1 over all replications, by simulated time. */
  fraction: number;
  events: number;
  replicationsDone: number;
  replications: number;
}

export interface RunOptions {
  onProgress?: (p: RunProgress) => void;
  signal?: SignalLike;
  /** The pool's order for these replications (lower first); see WorkerPool. */
  priority?: number;
}

function progressTracker(replications: number, onProgress?: (p: RunProgress) => void) {
  const fractions = new Array<number>(replications).fill(0);
  const events = new Array<number>(replications).fill(0);
  let done = 0;
  const report = () =>
    onProgress?.({
      fraction: fractions.reduce((a, b) => a + b, 0) / replications,
      events: events.reduce((a, b) => a + b, 0),
      replicationsDone: done,
      replications,
    });
  return {
    update(r: number, simTime: number, endTime: number, eventCount: number) {
      fractions[r] = endTime > 0 ? Math.min(1, simTime / endTime) : 1;
      events[r] = eventCount;
      report();
    },
    finished(r: number) {
      fractions[r] = 1;
      done++;
      report();
    },
  };
}

/** Runs every replication on the pool and returns their tallies in replication order. */
export async function runReplications(pool: WorkerPool, scenario: Scenario, options: RunOptions = {}): Promise<{ model: CompiledModel; tallies: ReplicationTally[] }> {
  const model = compileScenario(scenario);
  const progress = progressTracker(model.replications, options.onProgress);
  // One replication failing fails the run: the others are stopped with it, not left running.
  const replications = new ChildSignal(options.signal);
  try {
    const tallies = await Promise.all(
      Array.from({ length: model.replications }, (_, r) =>
        pool
          .run({ scenario, replication: r }, (p) => progress.update(r, p.simTime, p.endTime, p.events), replications, options.priority)
          .then((tally) => {
            progress.finished(r);
            return tally;
          }),
      ),
    );
    return { model, tallies };
  } catch (error) {
    replications.abort();
    throw error;
  } finally {
    replications.release();
  }
}

export async function runScenario(pool: WorkerPool, scenario: Scenario, options: RunOptions = {}): Promise<ResultDocument> {
  return (await runScenarioWithTallies(pool, scenario, options)).result;
}

/** The result, and the replications' tallies it was made from (for judges that need each replication). */
export async function runScenarioWithTallies(pool: WorkerPool, scenario: Scenario, options: RunOptions = {}): Promise<{ result: ResultDocument; model: CompiledModel; tallies: ReplicationTally[] }> {
  const started = Date.now();
  const { model, tallies } = await runReplications(pool, scenario, options);
  return { result: aggregate(scenario, model, tallies, { wallSeconds: (Date.now() - started) / 1000 }), model, tallies };
}

type InProcessOptions = { onProgress?: (p: RunProgress) => void; isCancelled?: () => boolean };

/** Every replication in the calling thread, with their tallies in replication order. */
export function runReplicationsInProcess(scenario: Scenario, options: InProcessOptions = {}): { model: CompiledModel; tallies: ReplicationTally[] } {
  const model = compileScenario(scenario);
  const progress = progressTracker(model.replications, options.onProgress);
  const tallies: ReplicationTally[] = [];
  for (let r = 0; r < model.replications; r++) {
    const tally = runReplication(model, r, {
      isCancelled: options.isCancelled,
      onProgress: (simTime, endTime, events) => progress.update(r, simTime, endTime, events),
    });
    if (!tally) throw new CancelledError();
    progress.finished(r);
    tallies.push(tally);
  }
  return { model, tallies };
}

/** The same as `runScenario`, in the calling thread: for tests, and hosts without workers. */
export function runScenarioInProcess(scenario: Scenario, options: InProcessOptions = {}): ResultDocument {
  const started = Date.now();
  const { model, tallies } = runReplicationsInProcess(scenario, options);
  return aggregate(scenario, model, tallies, { wallSeconds: (Date.now() - started) / 1000 });
}
