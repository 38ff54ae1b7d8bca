/**
 * docs/sharding.md and docs/k8s/headroom-sweep-job.yaml must stay accurate to the
 * CLI: the manifest's shard count agrees everywhere, its scenario is valid, its exact
 * shard and merge commands (paths moved to a temporary directory, runs shortened)
 * reproduce the unsharded sweep byte for byte, and every option the doc passes to
 * `headroom` is one the CLI knows.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../simulation/hosts/cli';
import { formatIssue, parseScenarioJson } from '../../simulation/model/validate';
import { cli, repoRoot, tempDir } from './helpers';

const manifest = readFileSync(join(repoRoot, 'docs/k8s/headroom-sweep-job.yaml'), 'utf8');
const doc = readFileSync(join(repoRoot, 'docs/sharding.md'), 'utf8');

/** A folded (`>-`) YAML block starting at the line that contains `start`, joined as YAML folds it. */
function foldedCommand(text: string, start: string): string {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.includes(start));
  expect(i, start).toBeGreaterThanOrEqual(0);
  const indent = lines[i]!.length - lines[i]!.trimStart().length;
  const out = [lines[i]!.trim()];
  for (let k = i + 1; k < lines.length && lines[k]!.trim() !== '' && lines[k]!.length - lines[k]!.trimStart().length === indent; k++) out.push(lines[k]!.trim());
  return out.join(' ');
}

/** The ConfigMap's scenario: the literal block under `x.headroom.json: |`. */
function configMapScenario(): string {
  const lines = manifest.split('\n');
  const i = lines.findIndex((l) => l.trim() === 'x.headroom.json: |');
  const body: string[] = [];
  for (let k = i + 1; k < lines.length && (lines[k]!.startsWith('    ') || lines[k]!.trim() === ''); k++) body.push(lines[k]!.slice(4));
  return body.join('\n');
}

function sh(command: string, env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', command], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('docs/k8s/headroom-sweep-job.yaml', () => {
  const n = Number(/^\s*completions:\s*(\d+)/m.exec(manifest)?.[1]);
  const shardCommand = foldedCommand(manifest, 'npx headroom sweep');
  const mergeCommand = foldedCommand(manifest, 'npx headroom merge');

  it('is an Indexed Job whose N agrees in completions, --shard and the merge wait', () => {
    expect(manifest).toMatch(/^\s*completionMode:\s*Indexed\s*$/m);
    expect(n).toBeGreaterThan(1);
    expect(Number(/^\s*parallelism:\s*(\d+)/m.exec(manifest)?.[1])).toBeGreaterThanOrEqual(1);
    expect(shardCommand).toBe(`npx headroom sweep /scenarios/x.headroom.json --shard $((JOB_COMPLETION_INDEX+1))/${n} --json /out/shard-$JOB_COMPLETION_INDEX.json --no-timing --threads 2`);
    expect([...manifest.matchAll(/-ge (\d+)/g)].map((m) => Number(m[1]))).toEqual([n]);
    expect(mergeCommand).toBe('npx headroom merge /out/shard-*.json --json /out/sweep.json --csv /out/sweep.csv');
    // The scenario comes from the ConfigMap, results go to the shared claim.
    expect(manifest).toMatch(/configMap:\s*\n\s*name: headroom-scenario/);
    expect(manifest).toMatch(/accessModes: \[ReadWriteMany\]/);
    expect(manifest.match(/mountPath: \/out/g)).toHaveLength(3);
    expect(manifest).toMatch(/mountPath: \/scenarios/);
  });

  it('carries a valid scenario with a sweep in its ConfigMap', () => {
    const outcome = parseScenarioJson(configMapScenario());
    if (!outcome.ok) expect.fail(outcome.issues.map(formatIssue).join('\n'));
    expect(outcome.scenario.whatIf?.vary?.[0]?.values.length).toBeGreaterThanOrEqual(n);
  });

  describe('its commands, run as written', () => {
    const tmp = tempDir('k8s');
    afterAll(() => tmp.remove());
    const scenarios = join(tmp.dir, 'scenarios');
    const outDir = join(tmp.dir, 'out');
    mkdirSync(scenarios);
    mkdirSync(outDir);
    tmp.write('scenarios/x.headroom.json', configMapScenario());
    // Move the paths, run the CLI from this checkout, and shorten the runs.
    const local = (command: string) =>
      command
        .replaceAll('npx headroom', `"${process.execPath}" bin/headroom.mjs`)
        .replaceAll('/scenarios/', `${scenarios}/`)
        .replaceAll('/out/', `${outDir}/`);
    const short = ['--duration', '1', '--warmup', '0.5', '--replications', '1'];

    it('shards 0…N−1 merged equal the unsharded sweep byte for byte', async () => {
      const unsharded = await cli(['sweep', join(scenarios, 'x.headroom.json'), ...short, '--json', join(tmp.dir, 'full.json'), '--no-timing', '--threads', '2']);
      expect(unsharded.code, unsharded.stderr).toBe(0);
      // All N at once, one thread each (a later --threads overrides the manifest's).
      const shards = Array.from({ length: n }, (_, k) => sh(`${local(shardCommand)} ${short.join(' ')} --threads 1`, { JOB_COMPLETION_INDEX: String(k) }));
      for (const r of await Promise.all(shards)) expect(r.code, r.stderr).toBe(0);
      const merged = await sh(local(mergeCommand), {});
      expect(merged.code, merged.stderr).toBe(0);
      expect(readFileSync(join(outDir, 'sweep.json'), 'utf8')).toBe(readFileSync(join(tmp.dir, 'full.json'), 'utf8'));
      expect(readFileSync(join(outDir, 'sweep.csv'), 'utf8').trim().split('\n')).toHaveLength(1 + 8);
    });
  });
});

describe('docs/sharding.md', () => {
  it('passes headroom only options the CLI knows, and names the manifest', async () => {
    let usage = '';
    await main(['--help'], { stdout: (t) => (usage += t), stderr: () => {}, isTty: false });
    const known = new Set(usage.match(/--[a-z][a-z-]*/g));
    // Join shell line continuations, then take every `headroom <command> …` line.
    const commands = doc
      .replace(/\\\n\s*/g, ' ')
      .split('\n')
      .filter((l) => /\bheadroom (sweep|merge|run|compare|plan|resilience|validate)\b/.test(l))
      .map((l) => l.slice(l.search(/\bheadroom (sweep|merge|run|compare|plan|resilience|validate)\b/)));
    expect(commands.length).toBeGreaterThanOrEqual(8);
    for (const c of commands) for (const flag of c.match(/(?<=\s)--[a-z][a-z-]*/g) ?? []) expect(known.has(flag), `${flag} in: ${c}`).toBe(true);
    // Every shard spec written out in the doc is i/N with the N of its example.
    expect(doc).toContain('k8s/headroom-sweep-job.yaml');
    expect(doc).toMatch(/--shard \$\{\{ matrix\.shard \}\}\/4/);
    expect(doc).toMatch(/shard: \[1, 2, 3, 4\]/);
    expect(doc).toMatch(/--array=1-16/);
    expect(doc).toMatch(/--shard "\$\{SLURM_ARRAY_TASK_ID\}\/16"/);
  });
});
