/**
 * The sweep coordinator, served on this thread over a message pair that clones what it carries
 * as postMessage does: the UI side gets the very document the coordination code computes here
 * (same seed, same numbers), progress and points merged to at most one update a frame, no point
 * lost, failures with their name and message, and a cancel that ends the job (and the
 * coordinator, when nothing else runs on it) while the next job starts a fresh one.
 */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../../simulation/model/schema';
import type { SweepDocument, SweepPoint } from '../../../simulation/model/result';
import { WorkerCrashedError, WorkerPool } from '../../../simulation/runner/pool';
import { createInProcessPort } from '../../../simulation/runner/inProcessPort';
import { createSimClient, type SimClient } from './simClient';
import type { WorkerPort } from '../../../simulation/protocol/messages';
import { frameMs, serveCoordinator, type FromCoordinator, type ToCoordinator } from './coordinator';
import { createCoordinatorClient, type CoordinatorPort } from './coordinatorClient';

function shop(vary = true): Scenario {
  return {
    format: 'headroom/scenario',
    version: 1,
    name: 'Shop',
    nodes: [
      { id: 'users', kind: 'source', label: 'Users', position: { x: 0, y: 0 }, arrival: { process: 'poisson', rate: 40 } },
      { id: 'api', kind: 'service', label: 'API', position: { x: 240, y: 0 }, replicas: 1, workers: 2, work: { dist: 'exponential', mean: 0.02 }, cost: 0.1 },
    ],
    edges: [{ from: 'users', to: 'api' }],
    run: { duration: 10, warmup: 1, replications: 2, seed: 3 },
    slo: { p99: 0.25 },
    ...(vary ? { whatIf: { vary: [{ path: 'nodes.api.replicas', values: [1, 2, 3] }], load: { source: 'users', find: 'max' } } } : {}),
  } as Scenario;
}

const localClient = () => createSimClient(() => new WorkerPool(createInProcessPort, 2));

/** A coordinator on this thread; every message crosses as a structured clone, a macrotask later. */
function harness(makeClient: () => SimClient = localClient) {
  const sent: { at: number; message: FromCoordinator }[] = [];
  const ports: { terminated: boolean }[] = [];
  const spawn = (): CoordinatorPort => {
    const state = { terminated: false };
    ports.push(state);
    let toUi: (m: FromCoordinator) => void = () => {};
    let toCoordinator: (m: ToCoordinator) => void = () => {};
    serveCoordinator(
      {
        post: (m) => {
          if (state.terminated) return;
          sent.push({ at: performance.now(), message: m });
          const copy = structuredClone(m);
          setTimeout(() => !state.terminated && toUi(copy), 0);
        },
        onMessage: (h) => {
          toCoordinator = h;
        },
      },
      makeClient(),
    );
    return {
      post: (m) => {
        const copy = structuredClone(m);
        setTimeout(() => !state.terminated && toCoordinator(copy), 0);
      },
      onMessage: (h) => {
        toUi = h;
      },
      onError: () => {},
      terminate: () => {
        state.terminated = true;
      },
    };
  };
  return { client: createCoordinatorClient(spawn), sent, ports };
}

/** Without the two figures that measure the machine, not the model. */
function comparable(doc: SweepDocument): string {
  return JSON.stringify(doc, (key, value: unknown) => (key === 'wallSeconds' || key === 'eventsPerSecond' ? 0 : value));
}

describe('the sweep coordinator', () => {
  it('hands the UI side the document the coordination computes on its own thread, point by point, in merged updates', async () => {
    const { client, sent } = harness();
    const points: SweepPoint[] = [];
    const fractions: number[] = [];
    const viaWorker = await client.sweep(shop(), { onPoint: (p) => points.push(p), onProgress: (p) => fractions.push(p.fraction) });
    const here = await localClient().sweep(shop());
    expect(comparable(viaWorker)).toBe(comparable(here));
    expect(viaWorker.points.every((p) => p.capacity !== undefined)).toBe(true);
    expect(points.map((p) => p.index).sort()).toEqual([0, 1, 2]);
    expect(fractions.at(-1)).toBe(1);
    const updates = sent.filter((s) => s.message.type === 'update');
    expect(updates.length).toBeGreaterThan(0);
    // Timers may fire a millisecond early by the clock they are read against. The last update
    // may follow sooner: what is pending when the job ends goes out at once, ahead of 'done'.
    for (let k = 1; k < updates.length - 1; k++) expect(updates[k]!.at - updates[k - 1]!.at).toBeGreaterThanOrEqual(frameMs - 2);
    const done = sent.findIndex((s) => s.message.type === 'done');
    expect(sent.slice(0, done).filter((s) => s.message.type === 'update').length, 'every update before done').toBe(updates.length);
  });

  it('a run and a comparison come back as on this thread', async () => {
    const { client } = harness();
    const s = shop(false);
    const [run, direct] = await Promise.all([client.run(s), localClient().run(s)]);
    expect(run.summary).toEqual(direct.summary);
    const faster = { ...s, nodes: s.nodes.map((n) => (n.kind === 'service' ? { ...n, workers: 4 } : n)) } as Scenario;
    const [viaWorker, here] = await Promise.all([client.compare(s, faster), localClient().compare(s, faster)]);
    expect(JSON.stringify(viaWorker)).toBe(JSON.stringify(here));
  });

  it('a metastability map comes back as on this thread, its judged points one by one', async () => {
    const { client } = harness();
    const s = { ...shop(false), run: { duration: 40, warmup: 1, replications: 1, seed: 3 } } as Scenario;
    const options = { trigger: 'spike' as const, sizes: [1.5, 3], durations: [5], within: 20 };
    const points: number[] = [];
    const [viaWorker, here] = await Promise.all([client.metastability(s, options, { onPoint: (p) => points.push(p.index) }), localClient().metastability(s, options)]);
    expect(JSON.stringify(viaWorker)).toBe(JSON.stringify(here));
    expect(points.sort()).toEqual([0, 1]);
  });

  it('relays a failure with its message', async () => {
    const { client } = harness();
    const noVary = shop(false);
    const direct = await localClient()
      .sweep(noVary)
      .then(() => null, (e: Error) => e.message);
    expect(direct).not.toBeNull();
    await expect(client.sweep(noVary)).rejects.toThrow(direct!);
  });

  it('a simulation worker that throws fails the job with its error, and the same coordinator serves the next job', async () => {
    let crashes = 1;
    // The first worker throws on its first task, as a Web Worker with an uncaught error does.
    const throwing = (): WorkerPort => {
      const port = createInProcessPort();
      if (crashes-- <= 0) return port;
      let onError: (e: Error) => void = () => {};
      return { ...port, post: () => setTimeout(() => onError(new Error('Uncaught TypeError: boom')), 0), onError: (h) => (onError = h) };
    };
    const { client, ports } = harness(() => createSimClient(() => new WorkerPool(throwing, 2)));
    const failed = client.run(shop(false));
    await expect(failed).rejects.toBeInstanceOf(WorkerCrashedError);
    await expect(failed).rejects.toMatchObject({ detail: 'Uncaught TypeError: boom', worker: 'simulation', message: 'a simulation worker crashed: Uncaught TypeError: boom' });
    expect((await client.run(shop(false))).summary.sloMet).toBeTypeOf('boolean');
    expect(ports).toEqual([{ terminated: false }]);
  });

  it('a cancel ends the job at once and, with nothing else in flight, the coordinator; the next job gets a new one', async () => {
    const { client, ports } = harness();
    const controller = new AbortController();
    const sweep = client.sweep(shop(), { signal: controller.signal });
    controller.abort();
    await expect(sweep).rejects.toMatchObject({ name: 'AbortError' });
    expect(ports).toEqual([{ terminated: true }]);
    const run = await client.run(shop(false));
    expect(run.summary.sloMet).toBeTypeOf('boolean');
    expect(ports).toEqual([{ terminated: true }, { terminated: false }]);
  });

  it('with another job in flight, a cancel stops only its own', async () => {
    const { client, ports } = harness();
    const controller = new AbortController();
    const sweep = client.sweep(shop(), { signal: controller.signal });
    const run = client.run(shop(false));
    controller.abort();
    await expect(sweep).rejects.toMatchObject({ name: 'AbortError' });
    expect((await run).summary.sloMet).toBeTypeOf('boolean');
    expect(ports).toEqual([{ terminated: false }]);
  });
});
