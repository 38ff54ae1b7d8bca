// `npm run fuzz [-- --count N] [--family NAME,...] [--timeout S] [--jobs N]`: hostile
// scenario files (scripts/fuzz-cases.mjs) through the built CLI's `validate` and `run`,
// each under a time limit, counted per family: internal errors (exit 70, a V8 abort or a
// stack trace), hangs (the CPU-time limit passed; ten times it in wall time), the largest resident memory, and rejections
// with and without a JSON path. Exits 1 when any internal error or hang is found. Each
// failure is printed to stderr as it happens, the table every 1,000 cases, and on Ctrl-C or
// SIGTERM the partial table (a full run takes hours on a busy two-core machine).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildCli } from './build-cli.mjs';
import { familyNames, fuzzCases } from './fuzz-cases.mjs';

const { values } = parseArgs({
  options: { count: { type: 'string', default: '10000' }, family: { type: 'string' }, timeout: { type: 'string', default: '30' }, jobs: { type: 'string', default: '2' }, seed: { type: 'string', default: '1' } },
});
const only = values.family ? values.family.split(',') : familyNames;
const unknown = only.filter((f) => !familyNames.includes(f));
if (unknown.length) {
  console.error(`unknown family ${unknown.join(', ')}; the families are ${familyNames.join(', ')}`);
  process.exit(2);
}
const limitMs = Number(values.timeout) * 1000;
await buildCli();
const cli = new URL('../dist/cli/cli.mjs', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'headroom-fuzz-'));

/** Runs the CLI under GNU time for the peak resident memory; kills the whole group at the limit. */
let runs = 0;
const live = new Set();
function headroom(args) {
  const rssFile = join(dir, `rss-${runs++}`);
  return new Promise((resolve) => {
    // The limit is CPU time (prlimit's RLIMIT_CPU: SIGXCPU at the limit): on a shared machine a case
    // that waits for a core is not a hang. Ten times the limit in wall time is one too.
    const child = spawn('prlimit', [`--cpu=${values.timeout}:${Number(values.timeout) + 5}`, '/usr/bin/time', '-o', rssFile, '-f', '%M', process.execPath, cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    live.add(child.pid);
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out.length < 1e6 ? (out += d) : undefined));
    child.stderr.on('data', (d) => (err.length < 1e6 ? (err += d) : undefined));
    let hung = false;
    const timer = setTimeout(() => {
      hung = true;
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
    }, 10 * limitMs);
    child.on('close', (code) => {
      live.delete(child.pid);
      // time(1) exits 128+24 when the CLI ran out of CPU time (SIGXCPU), 128+9 at the hard limit.
      if (code === 152 || code === 137) hung = true;
      clearTimeout(timer);
      let rssKb = 0;
      try {
        rssKb = Number(/(\d+)\s*$/.exec(readFileSync(rssFile, 'utf8'))?.[1] ?? 0);
        rmSync(rssFile, { force: true });
      } catch { /* killed before time wrote it */ }
      resolve({ code, hung, out, err, rssKb });
    });
  });
}

const internal = (r) => r.code === 70 || r.code === 134 || r.code === null || /internal error|\n\s+at .+:\d+:\d+\)?\n|heap out of memory|Maximum call stack/i.test(r.err);

const stats = new Map(familyNames.filter((f) => only.includes(f)).map((f) => [f, { cases: 0, internal: 0, hangs: 0, rejected: 0, rejectedWithPath: 0, ran: 0, refusedRun: 0, maxRssKb: 0 }]));
const failures = [];
/** Each failure also goes to stderr at once: a full run takes hours on a busy machine. */
function fail(text) {
  failures.push(text);
  process.stderr.write(`FAIL ${text}\n`);
}

async function one(c) {
  const file = join(dir, `${c.name}.json`);
  writeFileSync(file, c.text);
  const s = stats.get(c.family);
  s.cases++;
  const validate = await headroom(['validate', file]);
  const run = await headroom(['run', file, '--threads', '1', '--no-timing']);
  rmSync(file, { force: true });
  for (const [what, r] of [['validate', validate], ['run', run]]) {
    s.maxRssKb = Math.max(s.maxRssKb, r.rssKb);
    if (r.hung) { s.hangs++; fail(`${c.name} ${what}: no answer within ${values.timeout} s of CPU time`); }
    else if (internal(r)) { s.internal++; fail(`${c.name} ${what}: exit ${r.code}: ${r.err.split('\n').slice(0, 3).join(' | ')}`); }
  }
  if (validate.code === 1) {
    s.rejected++;
    // Every problem line is "FILE: PATH: message"; the root of the document has the empty path
    // ("FILE: is not valid JSON", "FILE: unknown field "valueOf"" for a field at the top level).
    const lines = (validate.out + validate.err).split('\n').filter((l) => l.startsWith(file));
    const withPath = lines.length > 0 && lines.every((l) => /^[^:]+: (\S+): /.test(l) || /: (is not valid JSON|is [\d.,]+( million)? (bytes|characters)|must be|is nested|unknown field)/.test(l));
    if (withPath) s.rejectedWithPath++;
    else fail(`${c.name} validate: a rejection without a JSON path: ${lines[0] ?? validate.err.slice(0, 200)}`);
  }
  if (run.code === 0 || run.code === 3) s.ran++;
  else if (!run.hung && !internal(run)) s.refusedRun++;
}

const started = Date.now();
const queue = fuzzCases(Number(values.count), { seed: Number(values.seed), only });
let done = 0;

function report(final) {
  console.log(`${final ? '' : '\n(so far) '}family            cases  internal  hangs  rejected  with path  ran  refused run  max RSS`);
  for (const [f, s] of stats) {
    console.log(`${f.padEnd(16)} ${String(s.cases).padStart(6)} ${String(s.internal).padStart(9)} ${String(s.hangs).padStart(6)} ${String(s.rejected).padStart(9)} ${String(s.rejectedWithPath).padStart(10)} ${String(s.ran).padStart(4)} ${String(s.refusedRun).padStart(12)}  ${(s.maxRssKb / 1024).toFixed(0)} MB`);
  }
  console.log(`${done} cases in ${((Date.now() - started) / 1000).toFixed(0)} s${final ? '' : ` (of ${values.count})`}`);
  if (!final) return;
  for (const f of failures.slice(0, 50)) console.log(`  ${f}`);
  if (failures.length > 50) console.log(`  … and ${failures.length - 50} more`);
}
// Interrupted (Ctrl-C, or a deadline): the counts so far, marked as partial, and exit 1.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    // The cases run in their own process groups, so the signal did not reach them.
    for (const pid of live) try { process.kill(-pid, 'SIGKILL'); } catch { /* already gone */ }
    console.log(`\ninterrupted by ${signal} after ${done} of ${values.count} cases: the counts below are partial`);
    report(true);
    rmSync(dir, { recursive: true, force: true });
    process.exit(1);
  });
}

await Promise.all(
  Array.from({ length: Number(values.jobs) }, async () => {
    for (let next = queue.next(); !next.done; next = queue.next()) {
      await one(next.value);
      if (++done % 100 === 0) process.stderr.write(`${done} cases, ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
      if (done % 1000 === 0 && done < Number(values.count)) report(false);
    }
  }),
);
rmSync(dir, { recursive: true, force: true });
report(true);
process.exit(failures.length > 0 ? 1 : 0);
