/**
 * What a worker does with a task, whatever kind of worker it is: compile the
 * scenario, run one replication in chunks, report progress between chunks, and
 * send back the tally. Hosts only wire this to their message port.
 */
import { compileScenario, type CompiledModel } from '../engine/compile';
import { Engine, type EngineOptions } from '../engine/engine';
import type { Scenario } from '../model/schema';
import type { FromWorker, ReplicationTask } from '../protocol/messages';
import type { ReplicationTally } from '../stats/tally';

const defaultChunk = 250_000;
// About 5–10 ms of simulation between returns to the event loop: a cancel lands within that.
const yieldingChunk = 25_000;

let lastScenario: Scenario | null = null;
let lastModel: CompiledModel | null = null;
let lastKey = '';

function compiled(scenario: Scenario): CompiledModel {
  // Consecutive tasks usually carry the same scenario (its replications): compile once.
  const key = JSON.stringify(scenario);
  if (lastScenario !== null && key === lastKey && lastModel) return lastModel;
  lastScenario = scenario;
  lastKey = key;
  lastModel = compileScenario(scenario);
  return lastModel;
}

function engineOptions(task: ReplicationTask): EngineOptions {
  return task.screenStop ? { screenStop: task.screenStop } : {};
}

export interface ChunkControl {
  onProgress?: (simTime: number, endTime: number, events: number) => void;
  /** Checked between chunks; true stops the replication and yields null. */
  isCancelled?: () => boolean;
  chunkEvents?: number;
}

/** Runs one replication to its end, or returns null when cancelled. */
export function runReplication(model: CompiledModel, replication: number, control: ChunkControl = {}, options: EngineOptions = {}): ReplicationTally | null {
  const engine = new Engine(model, replication, options);
  const chunk = control.chunkEvents ?? defaultChunk;
  while (!engine.run(chunk)) {
    if (control.isCancelled?.()) return null;
    control.onProgress?.(engine.now, engine.endTime, engine.events);
  }
  control.onProgress?.(engine.endTime, engine.endTime, engine.events);
  return engine.tally();
}

/**
 * The task in short chunks with a return to the worker's event loop between them, for hosts whose
 * `terminate()` waits for that: Chromium lets a busy Web Worker run on for about two seconds
 * (measured) before it forces it to stop, but stops one that has yielded at once. The numbers do
 * not depend on the chunking. Progress goes out every `progressEvery` chunks.
 */
export async function handleTaskYielding(task: ReplicationTask, post: (message: FromWorker) => void, pause: () => Promise<void>, chunkEvents = yieldingChunk, progressEvery = 10): Promise<void> {
  try {
    const model = compiled(task.scenario);
    const engine = new Engine(model, task.replication, engineOptions(task));
    for (let chunk = 1; !engine.run(chunkEvents); chunk++) {
      if (chunk % progressEvery === 0) post({ type: 'progress', taskId: task.taskId, simTime: engine.now, endTime: engine.endTime, events: engine.events });
      await pause();
    }
    post({ type: 'progress', taskId: task.taskId, simTime: engine.endTime, endTime: engine.endTime, events: engine.events });
    post({ type: 'done', taskId: task.taskId, tally: engine.tally() });
  } catch (error) {
    post({ type: 'failed', taskId: task.taskId, message: error instanceof Error ? error.message : String(error) });
  }
}

export function handleTask(task: ReplicationTask, post: (message: FromWorker) => void): void {
  try {
    const model = compiled(task.scenario);
    const tally = runReplication(
      model,
      task.replication,
      {
        chunkEvents: task.chunkEvents,
        onProgress: (simTime, endTime, events) => post({ type: 'progress', taskId: task.taskId, simTime, endTime, events }),
      },
      engineOptions(task),
    );
    if (tally) post({ type: 'done', taskId: task.taskId, tally });
  } catch (error) {
    post({ type: 'failed', taskId: task.taskId, message: error instanceof Error ? error.message : String(error) });
  }
}
