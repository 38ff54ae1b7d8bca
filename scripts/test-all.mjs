// `npm test`: every check the project has, in one command, ending with the line CI reads:
// "N passed, M failed". Typecheck and lint count as one test each; the unit and
// integration tests (vitest) and the browser tests (e2e) count one per test.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const env = { ...process.env, FORCE_COLOR: '0' };
let passed = 0;
let failed = 0;
const failures = [];

function run(title, command, args) {
  console.log(`\n── ${title}: ${command} ${args.join(' ')}`);
  const child = spawnSync(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 28 });
  process.stdout.write(child.stdout ?? '');
  process.stderr.write(child.stderr ?? '');
  return child;
}

function check(title, command, args) {
  const child = run(title, command, args);
  if (child.status === 0) passed++;
  else {
    failed++;
    failures.push(title);
  }
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
check('typecheck (engine: no DOM, no Node)', npx, ['tsc', '-p', 'simulation/tsconfig.json']);
check('typecheck (everything)', npx, ['tsc', '-p', 'tsconfig.json']);
check('lint', npx, ['eslint', '.']);
check('desktop build (electron-vite: main, preload, renderer)', npx, ['electron-vite', 'build']);

const scratch = mkdtempSync(join(tmpdir(), 'headroom-test-'));
const report = join(scratch, 'vitest.json');
const vitest = run('unit and integration tests', npx, ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
if (existsSync(report)) {
  const summary = JSON.parse(readFileSync(report, 'utf8'));
  passed += summary.numPassedTests;
  failed += summary.numFailedTests;
  if (summary.numFailedTests > 0) failures.push(`${summary.numFailedTests} vitest test(s)`);
  // A suite that fails to load has no failed test in it, but it is a failure all the same.
  const brokenSuites = summary.testResults.filter((r) => r.status === 'failed' && r.assertionResults.every((a) => a.status !== 'failed'));
  for (const suite of brokenSuites) {
    failed++;
    failures.push(`suite ${suite.name.replace(root, '')} did not run`);
  }
} else {
  failed++;
  failures.push(`vitest produced no report (exit ${vitest.status})`);
}
rmSync(scratch, { recursive: true, force: true });

const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts ?? {};
if (scripts['test:e2e']) {
  const e2e = run('browser tests', 'npm', ['run', '--silent', 'test:e2e']);
  const line = `${e2e.stdout}`.split('\n').reverse().find((l) => /^e2e: \d+ passed, \d+ failed/.test(l));
  if (line) {
    const [, p, f] = line.match(/^e2e: (\d+) passed, (\d+) failed/);
    passed += Number(p);
    failed += Number(f);
    if (Number(f) > 0) failures.push(`${f} browser test(s)`);
  }
  if (!line || (e2e.status !== 0 && !/ [1-9]\d* failed/.test(line))) {
    failed++;
    failures.push(`browser tests did not complete (exit ${e2e.status})`);
  }
}

console.log('');
if (failures.length > 0) console.log(`failed: ${failures.join('; ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
