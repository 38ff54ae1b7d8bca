/** `--traces`: one replication re-run with a trace recorder (apart from traces.ts, which the engine imports). */
import type { Scenario } from '../model/schema';
import { compileScenario } from './compile';
import { Engine } from './engine';
import { TraceRecorder, tracesToOtlp } from './traces';

/**
 * Replication 0 of the scenario again, in this thread, with a recorder: the recorder
 * draws no random numbers, so its requests are the ones that replication simulated.
 */
export function recordTraces(scenario: Scenario, limit: number): unknown {
  const model = compileScenario(scenario);
  const recorder = new TraceRecorder(limit);
  const engine = new Engine(model, 0, { traces: recorder });
  while (!engine.run(1 << 20)) {
    /* keep going */
  }
  return tracesToOtlp(recorder.finished, {
    nodes: scenario.nodes.map((n) => ({ id: n.id, label: n.label, kind: n.kind })),
    classIds: model.classIds,
    seed: model.seed,
  });
}
