/**
 * The worker pool, with in-process fake workers built on the real task handler:
 * progress, queueing beyond the pool size, results independent of finishing order,
 * cancellation (a running worker is terminated, a queued task dropped), crashes and
 * failures, shutdown; and cancellation of the in-thread runner.
 */
import { describe, expect, it } from 'vitest';
import type { FromWorker, ReplicationTask, ToWorker, WorkerPort } from '../../simulation/protocol/messages';
import { isCancelled } from '../../simulation/runner/cancel';
import { WorkerPool } from '../../simulation/runner/pool';
import { handleTask } from '../../simulation/runner/replicationTask';
import { runScenario, runScenarioInProcess, type RunProgress } from '../../simulation/runner/runScenario';
import type { ReplicationTally } from '../../simulation/stats/tally';
import { build, constant, edge, exponential, poissonSource, service, singleStation } from '../helpers/build';

interface FakeOptions {
  /** Milliseconds before the answer to a task is delivered. */
  delay?: (task: ReplicationTask) => number;
  /** Never answer. */
  hang?: boolean;
  /** Report a crash instead of answering. */
  crash?: boolean;
  /** Deliver answers already on their way even after `terminate` (a real thread may have posted them). */
  deliverAfterTerminate?: boolean;
}

interface Fleet {
  create: () => WorkerPort;
  created: number;
  terminated: number;
  running: number;
  maxRunning: number;
  /** Messages a terminated worker still tried to deliver. */
  lateMessages: number;
}

/** Fake workers: each runs the real `handleTask` in this thread, answering asynchronously. */
function fleet(options: FakeOptions = {}): Fleet {
  const f: Fleet = {
    created: 0,
    terminated: 0,
    running: 0,
    maxRunning: 0,
    lateMessages: 0,
    create: () => {
      f.created++;
      let onMessage: (m: FromWorker) => void = () => {};
      let onError: (e: Error) => void = () => {};
      let terminated = false;
      const deliver = (m: FromWorker) => {
        if (terminated) f.lateMessages++;
        if (!terminated || options.deliverAfterTerminate) onMessage(m);
      };
      return {
        post: (message: ToWorker) => {
          f.running++;
          f.maxRunning = Math.max(f.maxRunning, f.running);
          if (options.hang) return;
          setTimeout(() => {
            if (options.crash) {
              f.running--;
              onError(new Error('segfault in the fake worker'));
              return;
            }
            const replies: FromWorker[] = [];
            handleTask(message.task, (reply) => replies.push(reply));
            setTimeout(() => {
              f.running--;
              for (const r of replies) deliver(r);
            }, options.delay?.(message.task) ?? 0);
          }, 0);
        },
        onMessage: (h) => {
          onMessage = h;
        },
        onError: (h) => {
          onError = h;
        },
        terminate: () => {
          if (!terminated) {
            terminated = true;
            f.terminated++;
            f.running--;
          }
        },
      };
    },
  };
  return f;
}

const small = singleStation(50, { workers: 2, work: exponential(0.01) }, { duration: 20, warmup: 2, replications: 6, seed: 5 });

function withoutTiming<T extends { stats: { wallSeconds: number; eventsPerSecond: number } }>(doc: T): T {
  return { ...doc, stats: { ...doc.stats, wallSeconds: 0, eventsPerSecond: 0 } };
}

describe('WorkerPool', () => {
  it('aggregates in replication order whatever order the workers finish in', async () => {
    const reps = small.run.replications!;
    // Replication 0 finishes last, 5 first.
    const f = fleet({ delay: (t) => (reps - t.replication) * 15 });
    const pool = new WorkerPool(f.create, 3);
    const viaPool = await runScenario(pool, small);
    pool.dispose();
    expect(withoutTiming(viaPool)).toEqual(withoutTiming(runScenarioInProcess(small)));
  });

  it('never runs more tasks than its size, and reuses its workers', async () => {
    const f = fleet({ delay: () => 5 });
    const pool = new WorkerPool(f.create, 2);
    const done = await Promise.all(Array.from({ length: 7 }, (_, r) => pool.run({ scenario: small, replication: r % 6 })));
    pool.dispose();
    expect(done.map((t: ReplicationTally) => t.replication)).toEqual([0, 1, 2, 3, 4, 5, 0]);
    expect(f.maxRunning).toBe(2);
    expect(f.created).toBe(2);
  });

  it('reports progress up to every replication done', async () => {
    const f = fleet();
    const pool = new WorkerPool(f.create, 2);
    const seen: RunProgress[] = [];
    await runScenario(pool, small, { onProgress: (p) => seen.push({ ...p }) });
    pool.dispose();
    expect(seen.length).toBeGreaterThanOrEqual(small.run.replications!);
    const last = seen[seen.length - 1]!;
    expect(last.fraction).toBe(1);
    expect(last.replicationsDone).toBe(small.run.replications);
    expect(last.replications).toBe(small.run.replications);
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i]!.fraction).toBeGreaterThanOrEqual(seen[i - 1]!.fraction);
      expect(seen[i]!.replicationsDone).toBeGreaterThanOrEqual(seen[i - 1]!.replicationsDone);
      expect(seen[i]!.events).toBeGreaterThanOrEqual(seen[i - 1]!.events);
    }
  });

  it('passes progress messages of long tasks on, between chunks', async () => {
    const f = fleet();
    const pool = new WorkerPool(f.create, 1);
    const progress: number[] = [];
    await pool.run({ scenario: small, replication: 0, chunkEvents: 500 }, (p) => progress.push(p.simTime / p.endTime));
    pool.dispose();
    expect(progress.length).toBeGreaterThan(3);
    expect(progress[progress.length - 1]).toBe(1);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
  });

  it('cancelling terminates the running workers and drops the queued task; the pool then works on', async () => {
    const hanging = fleet({ hang: true });
    const pool = new WorkerPool(hanging.create, 2);
    const controller = new AbortController();
    const runs = [0, 1, 2].map((r) => pool.run({ scenario: small, replication: r }, undefined, controller.signal));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(hanging.running).toBe(2);
    controller.abort();
    const outcomes = await Promise.allSettled(runs);
    for (const o of outcomes) {
      expect(o.status).toBe('rejected');
      expect(isCancelled((o as PromiseRejectedResult).reason)).toBe(true);
    }
    // No worker is left busy with a cancelled task.
    expect(hanging.running).toBe(0);
    expect(hanging.terminated).toBe(hanging.created);
    pool.dispose();
  });

  it('a cancelled task still in the queue never reaches a worker', async () => {
    const hanging = fleet({ hang: true });
    const pool = new WorkerPool(hanging.create, 1);
    const controller = new AbortController();
    const running = pool.run({ scenario: small, replication: 0 });
    const queued = pool.run({ scenario: small, replication: 1 }, undefined, controller.signal);
    controller.abort();
    await expect(queued).rejects.toMatchObject({ name: 'AbortError' });
    expect(hanging.created).toBe(1);
    expect(hanging.terminated).toBe(0);
    pool.dispose();
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('a signal already aborted rejects at once, and runScenario rejects as cancelled', async () => {
    const f = fleet();
    const pool = new WorkerPool(f.create, 2);
    const controller = new AbortController();
    controller.abort();
    await expect(pool.run({ scenario: small, replication: 0 }, undefined, controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
    await expect(runScenario(pool, small, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(f.created).toBe(0);
    pool.dispose();
  });

  it('cancelling one run leaves the others on the same pool alone', async () => {
    const f = fleet({ delay: () => 20 });
    const pool = new WorkerPool(f.create, 2);
    const controller = new AbortController();
    const cancelled = pool.run({ scenario: small, replication: 0 }, undefined, controller.signal);
    const kept = pool.run({ scenario: small, replication: 1 });
    controller.abort();
    await expect(cancelled).rejects.toMatchObject({ name: 'AbortError' });
    await expect(kept).resolves.toMatchObject({ replication: 1 });
    pool.dispose();
  });

  it('a crashed worker fails its task with an error, and a fresh worker takes the next', async () => {
    let crash = true;
    const good = fleet();
    const bad = fleet({ crash: true });
    const pool = new WorkerPool(() => (crash ? bad.create() : good.create()), 1);
    const failed = pool.run({ scenario: small, replication: 0 });
    await expect(failed).rejects.toThrow(/crashed: segfault/);
    // The worker's own words, apart from the sentence, for the app to word in its language.
    await expect(failed).rejects.toMatchObject({ name: 'WorkerCrashedError', detail: 'segfault in the fake worker', worker: 'simulation' });
    // A Web Worker that threw lives on after its error event: the pool ends it.
    expect(bad.terminated).toBe(1);
    crash = false;
    await expect(pool.run({ scenario: small, replication: 1 })).resolves.toMatchObject({ replication: 1 });
    expect(bad.created).toBe(1);
    expect(good.created).toBe(1);
    pool.dispose();
  });

  it('a task that throws in the worker rejects with its message', async () => {
    const f = fleet();
    const pool = new WorkerPool(f.create, 1);
    const broken = { ...small, nodes: null } as unknown as typeof small;
    await expect(pool.run({ scenario: broken, replication: 0 })).rejects.toThrow(/./);
    // The worker survives a failed task.
    await expect(pool.run({ scenario: small, replication: 0 })).resolves.toMatchObject({ replication: 0 });
    expect(f.created).toBe(1);
    pool.dispose();
  });

  it('a replication that fails fails the run and stops its other replications, running or queued', async () => {
    // The first worker crashes on its task; every other one would run for ever.
    const bad = fleet({ crash: true });
    const endless = fleet({ hang: true });
    const pool = new WorkerPool(() => (bad.created === 0 ? bad.create() : endless.create()), 2);
    await expect(runScenario(pool, small)).rejects.toThrow(/crashed: segfault/);
    expect(endless.created).toBeGreaterThan(0);
    expect(endless.running).toBe(0);
    expect(endless.terminated).toBe(endless.created);
    // Six replications on two threads: the four still queued never reached a worker.
    expect(endless.maxRunning).toBeLessThanOrEqual(2);
    pool.dispose();
  });

  it('dispose cancels everything pending and refuses new work', async () => {
    const f = fleet({ hang: true });
    const pool = new WorkerPool(f.create, 1);
    const running = pool.run({ scenario: small, replication: 0 });
    const queued = pool.run({ scenario: small, replication: 1 });
    pool.dispose();
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    await expect(queued).rejects.toMatchObject({ name: 'AbortError' });
    await expect(pool.run({ scenario: small, replication: 2 })).rejects.toThrow(/shut down/);
    expect(f.terminated).toBe(1);
  });

  it('needs at least one thread', () => {
    expect(() => new WorkerPool(fleet().create, 0)).toThrow();
  });

  it('messages a terminated worker had already sent reach nobody', async () => {
    const f = fleet({ delay: () => 20, deliverAfterTerminate: true });
    const pool = new WorkerPool(f.create, 1);
    const controller = new AbortController();
    let progressAfterCancel = 0;
    let cancelledAt = Infinity;
    const cancelled = pool.run({ scenario: small, replication: 0, chunkEvents: 500 }, () => {
      if (Date.now() >= cancelledAt) progressAfterCancel++;
    }, controller.signal);
    await new Promise((resolve) => setTimeout(resolve, 5));
    cancelledAt = Date.now();
    controller.abort();
    await expect(cancelled).rejects.toMatchObject({ name: 'AbortError' });
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(f.lateMessages).toBeGreaterThan(0);
    expect(progressAfterCancel).toBe(0);
    pool.dispose();
  });
});

describe('runScenarioInProcess cancellation', () => {
  // About 200,000 requests: several chunks of 250,000 events.
  const long = build({
    nodes: [poissonSource('users', 100), service('svc', exponential(0.005), { workers: 1 }), { id: 'ext', kind: 'external', latency: constant(0.001) }],
    edges: [edge('users', 'svc'), edge('svc', 'ext')],
    run: { duration: 2000, warmup: 0, replications: 2, seed: 1 },
  });

  it('throws an AbortError when isCancelled turns true between chunks', () => {
    let asked = 0;
    let thrown: unknown;
    try {
      runScenarioInProcess(long, { isCancelled: () => ++asked >= 2 });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).name).toBe('AbortError');
    expect(asked).toBe(2);
  });

  it('runs to the end when never cancelled, asking between chunks', () => {
    let asked = 0;
    const r = runScenarioInProcess({ ...long, run: { ...long.run, duration: 1000, replications: 1 } }, { isCancelled: () => (asked++, false) });
    expect(asked).toBeGreaterThan(0);
    expect(r.summary.throughput).toBeGreaterThan(0);
  });
});
