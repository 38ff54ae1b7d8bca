/**
 * Same file and seed, same numbers wherever it runs: the result document the app computes in
 * its Web Workers (exported from the Export menu) is the one the CLI writes on one thread and on
 * two, byte for byte once the wall-clock figures are set aside.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expectText, assert } from '../harness.mjs';

/** The document without the two figures that measure this machine rather than the model. */
function comparable(text) {
  const doc = JSON.parse(text);
  doc.stats = { ...doc.stats, wallSeconds: 0, eventsPerSecond: 0 };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** Where two documents differ, as `path: a ≠ b`. */
function differences(a, b, path = '') {
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    return [...new Set([...Object.keys(a), ...Object.keys(b)])].flatMap((k) => differences(a[k], b[k], `${path}.${k}`));
  }
  return a === b ? [] : [`${path}: ${a} ≠ ${b}`];
}

test('determinism: the app and the CLI on 1 and 2 threads give the same result document', async ({ page, url, root }) => {
  const dir = mkdtempSync(join(tmpdir(), 'headroom-det-'));
  try {
    const scenario = JSON.parse(readFileSync(join(root, 'assets/examples/fastapi-stack.headroom.json'), 'utf8'));
    scenario.run = { ...scenario.run, duration: 30, warmup: 5, replications: 3, seed: 7 };
    const file = join(dir, 'determinism.headroom.json');
    writeFileSync(file, JSON.stringify(scenario, null, 2));

    const cli = (threads) => {
      const out = join(dir, `cli-${threads}.json`);
      const r = spawnSync(process.execPath, [join(root, 'bin/headroom.mjs'), 'run', file, '--threads', String(threads), '--no-timing', '--json', out], { cwd: root, encoding: 'utf8' });
      assert(r.status === 0, `headroom run --threads ${threads} exited ${r.status}: ${r.stderr}`);
      return readFileSync(out, 'utf8');
    };
    const one = cli(1);
    const two = cli(2);

    await page.goto(url);
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('[data-action="file.open"]').click()]);
    await chooser.setFiles(file);
    await expectText(page, '.statusbar', /nodes/);
    await page.locator('[data-action="run.start"]').click();
    await expectText(page, '[data-testid=kpi-throughput]', /req\/s/, 120_000);
    await page.locator('[data-testid=export-menu-button]').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'Run result as JSON (as the CLI writes)' }).click()]);
    const app = readFileSync(await download.path(), 'utf8');

    assert(one === two, 'the CLI gives the same bytes on 1 and 2 threads (with --no-timing)');
    assert(JSON.parse(app).summary.throughput > 0, 'the app exported a result with throughput');
    assert(comparable(app) === one, `the app's result document differs from the CLI's at ${differences(JSON.parse(comparable(app)), JSON.parse(one)).slice(0, 8).join('; ')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
