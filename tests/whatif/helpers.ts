/**
 * Shared helpers for the what-if tests: an in-process worker pool (the real
 * `handleTask`, run on this thread), small scenario builders, and a runner for the
 * real command line (`bin/headroom.mjs`, which rebuilds its bundle when a source is
 * newer, so the CLI under test is the code in the working tree).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FromWorker, ToWorker, WorkerPort } from '../../simulation/protocol/messages';
import type { Scenario, ScenarioNode } from '../../simulation/model/schema';
import { formatIssue, parseScenario } from '../../simulation/model/validate';
import { WorkerPool } from '../../simulation/runner/pool';
import { handleTask } from '../../simulation/runner/replicationTask';

/** A WorkerPort that runs each task with the shared task handler on this thread, asynchronously. */
function inProcessPort(): WorkerPort {
  let handler: (m: FromWorker) => void = () => {};
  let terminated = false;
  return {
    post: (message: ToWorker) => {
      setImmediate(() => {
        if (!terminated) handleTask(message.task, (reply) => !terminated && handler(reply));
      });
    },
    onMessage: (h) => {
      handler = h;
    },
    onError: () => {},
    terminate: () => {
      terminated = true;
    },
  };
}

export function inProcessPool(size = 1): WorkerPool {
  return new WorkerPool(inProcessPort, size);
}

/** Parses a scenario and fails the test with every issue if it is not valid. */
export function valid(doc: unknown): Scenario {
  const outcome = parseScenario(doc);
  if (!outcome.ok) throw new Error(outcome.issues.map(formatIssue).join('\n'));
  return outcome.scenario;
}

let x = 0;
const at = () => ({ x: (x += 200), y: 0 });

export function source(id: string, arrival: Record<string, unknown>, extra: Record<string, unknown> = {}): ScenarioNode {
  return { id, kind: 'source', label: id, position: at(), arrival, ...extra } as ScenarioNode;
}

export function service(id: string, fields: Record<string, unknown>): ScenarioNode {
  return { id, kind: 'service', label: id, position: at(), ...fields } as ScenarioNode;
}

export function database(id: string, fields: Record<string, unknown>): ScenarioNode {
  return { id, kind: 'database', label: id, position: at(), ...fields } as ScenarioNode;
}

export function queueNode(id: string, fields: Record<string, unknown>): ScenarioNode {
  return { id, kind: 'queue', label: id, position: at(), ...fields } as ScenarioNode;
}

export interface ScenarioParts {
  name?: string;
  nodes: ScenarioNode[];
  edges: Record<string, unknown>[];
  run: Record<string, unknown>;
  slo?: Record<string, unknown>;
  whatIf?: Record<string, unknown>;
  cost?: Record<string, unknown>;
}

export function scenario(p: ScenarioParts): Scenario {
  return valid({
    format: 'headroom/scenario',
    version: 1,
    name: p.name ?? 'test',
    nodes: p.nodes,
    edges: p.edges,
    run: p.run,
    ...(p.slo ? { slo: p.slo } : {}),
    ...(p.whatIf ? { whatIf: p.whatIf } : {}),
    ...(p.cost ? { cost: p.cost } : {}),
  });
}

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(repoRoot, 'bin/headroom.mjs');

export interface CliOutcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real command line, `node bin/headroom.mjs ARGS`, in `cwd`. */
export function cli(args: string[], cwd: string = repoRoot): Promise<CliOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A fresh temporary directory, and a function that writes a scenario file into it. */
export function tempDir(prefix: string): { dir: string; write: (name: string, content: unknown) => string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `headroom-${prefix}-`));
  return {
    dir,
    write: (name, content) => {
      const path = join(dir, name);
      writeFileSync(path, typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A small seeded generator (mulberry32) and standard normals from it (Box–Muller). */
export function rng(seed: number): { uniform: () => number; normal: () => number } {
  let s = seed >>> 0;
  const uniform = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => {
    const u = Math.max(uniform(), 1e-300);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
  };
  return { uniform, normal };
}
