// `npm run bench`: the benchmark models (bench/models, copied from shared/bench) through
// the real engine with every statistic on. Per model: requests simulated, whole-process
// wall seconds, requests/s and events/s on one thread, and the rate on all threads
// (replications in parallel) with its parallel efficiency; then the memory check and
// the ratio to the reference C++ loop. Every figure is the median of a few runs.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCli } from './build-cli.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const repeats = Number(process.env.BENCH_REPEATS ?? 3);
const threads = availableParallelism();
// Published wall times of the hand-written C++ loop (shared/bench/README.md).
const reference = { m1: 0.12, m2: 0.19, m3: 0.23, m3c: 0.22 };
// M1 and M2 are M/M/c queues: the same kind of C++ loop is built and timed here, side by side.
const cppArgs = { m1: ['0.9', '1.0', '1', '2000000', '1'], m2: ['3.6', '1.0', '4', '2000000', '1'] };

await build({ absWorkingDir: root, entryPoints: ['bench/harness.ts'], outfile: 'dist/bench/harness.mjs', bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' });
await buildCli();
const cpp = (() => {
  const out = 'dist/bench/mmc';
  const built = spawnSync('g++', ['-O2', '-o', out, 'bench/reference/mmc.cpp'], { cwd: root, encoding: 'utf8' });
  return built.status === 0 ? out : null;
})();

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timed(args, command = [process.execPath, ...args]) {
  const started = process.hrtime.bigint();
  const child = spawnSync(command[0], command.slice(1), { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (child.status !== 0) throw new Error(`${args.join(' ')} failed:\n${child.stderr}`);
  return { wall, stdout: child.stdout };
}

function harness(model, scale) {
  const runs = Array.from({ length: repeats }, () => {
    const { wall, stdout } = timed(['dist/bench/harness.mjs', `bench/models/${model}.headroom.json`, ...(scale ? [String(scale)] : [])]);
    return { wall, ...JSON.parse(stdout) };
  });
  return { ...runs[0], wall: median(runs.map((r) => r.wall)), maxRssMb: median(runs.map((r) => r.maxRssMb)) };
}

function cppWall(model) {
  if (!cpp || !cppArgs[model]) return null;
  return median(Array.from({ length: repeats }, () => timed([], [join(root, cpp), ...cppArgs[model]]).wall));
}

function cli(model, replications, threadCount) {
  const walls = Array.from({ length: repeats }, () => {
    const { wall, stdout } = timed(['dist/cli/cli.mjs', 'run', `bench/models/${model}.headroom.json`, '--replications', String(replications), '--threads', String(threadCount), '--json', '-', '--no-timing']);
    return { wall, requests: JSON.parse(stdout).stats.requests };
  });
  return { wall: median(walls.map((w) => w.wall)), requests: walls[0].requests };
}

const fmt = (x, d = 2) => x.toFixed(d);
const mega = (x) => `${(x / 1e6).toFixed(2)} M`;
console.log(`Headroom benchmark — node ${process.version}, ${threads} threads, median of ${repeats}\n`);
const header = ['model', 'requests', 'wall 1T', 'req/s 1T', 'events/s 1T', `req/s ${threads}T`, 'efficiency', 'vs C++ (published)', 'vs C++ (here)'];
const rows = [];
for (const model of ['m1', 'm2', 'm3', 'm3c', 'm4']) {
  const one = harness(model);
  // Enough replications per thread that start-up and the final aggregation do not dominate.
  const reps = threads * 4;
  const serial = cli(model, reps, 1);
  const parallel = cli(model, reps, threads);
  const efficiency = serial.wall / parallel.wall / threads;
  const ratio = reference[model] ? reference[model] / one.wall : null;
  const here = cppWall(model);
  rows.push([
    model,
    mega(one.requests),
    `${fmt(one.wall)} s`,
    mega(one.requests / one.wall),
    mega(one.events / one.wall),
    mega(parallel.requests / parallel.wall),
    fmt(efficiency),
    ratio === null ? '–' : `${fmt(ratio)}×`,
    here === null ? '–' : `${fmt(here / one.wall)}× (C++ ${fmt(here)} s)`,
  ]);
}
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
console.log(line(header));
for (const r of rows) console.log(line(r));

const short = harness('m3', 0.1);
const long = harness('m3', 1);
console.log(`\nmemory (m3): peak ${fmt(short.maxRssMb, 0)} MB at 0.1× duration, ${fmt(long.maxRssMb, 0)} MB at 1× (10× the simulated time): ratio ${fmt(long.maxRssMb / short.maxRssMb)}`);
console.log('targets (first engine): ≥ 0.15× the C++ loop on m1–m3c, efficiency ≥ 0.85, memory ratio ≤ 1.2, m4 under 3 s on one thread');
