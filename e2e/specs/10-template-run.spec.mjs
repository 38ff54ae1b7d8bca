/**
 * A template opens, the estimate marks load on every node, a real simulation runs
 * in Web Workers, and a call's inspector shows the measured rate until the model changes.
 */
import { join } from 'node:path';
import { test, expectText, waitFor, assert } from '../harness.mjs';

test('template: estimate on the canvas, run with progress, dashboard', async ({ page, url, shots }) => {
  await page.goto(url);
  await page.getByRole('button', { name: 'Start from a template' }).first().click();
  await page.locator('[data-testid=template-fastapi-stack]').click();
  await waitFor(async () => (await page.locator('.react-flow__node').count()) >= 5, 'template nodes on the canvas');
  await expectText(page, '.react-flow__node >> nth=1', /offered|req\/s/);
  // Shorter run for the test: Run & SLO tab of the scenario inspector.
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.getByRole('tab', { name: 'Run & SLO' }).click();
  await page.locator('[data-testid=run-duration]').fill('60');
  await page.locator('[data-testid=run-replications]').fill('3');
  await page.locator('[data-testid=run-replications]').press('Enter');
  await page.screenshot({ path: join(shots, 'template-editing.png') });
  await page.locator('[data-action="run.start"]').click();
  await waitFor(async () => (await page.locator('[data-testid=run-progress]').count()) > 0 || (await page.locator('[data-testid=kpi-throughput]').count()) > 0, 'progress or results');
  await expectText(page, '[data-testid=kpi-throughput]', /req\/s/, 120_000);
  const p99 = await page.locator('[data-testid=kpi-p99]').innerText();
  assert(/ms|s/.test(p99), `p99 shows a time: ${p99}`);
  // p99 over time leaves out failed requests: it says so, with the error rate over the same time beside it.
  await expectText(page, '[data-testid=ts-p99] .chart-note', /successful requests only/);
  await expectText(page, '[data-testid=ts-errors] .chart-title', /^Error rate over simulated time$/);
  await page.screenshot({ path: join(shots, 'template-results.png') });
  // Every busy figure on the canvas says of what, and none is above 100% (unlimited nodes show "–").
  const badges = await page.locator('[data-testid=node-util]').allInnerTexts();
  assert(badges.some((b) => /^(workers|CPUs|connections) \d+%/.test(b)), `canvas badges name their resource: ${badges.join(' | ')}`);
  for (const b of badges) for (const m of b.matchAll(/(\S+) (\d+)%/g)) assert(['workers', 'CPUs', 'connections'].includes(m[1]) && Number(m[2]) <= 100, `canvas badge: ${b}`);

  // The selected node's holding breakdown: its own work and each sync callee it waits on, by label.
  await page.locator('.react-flow__node', { hasText: 'FastAPI' }).first().click();
  await expectText(page, '[data-testid=holding]', 'Own work');
  await expectText(page, '[data-testid=holding]', 'Waiting on MySQL');
  assert((await page.locator('[data-testid=holding] .holding-bar span').count()) >= 2, 'the bar has a segment per part');

  // A call's rate in its inspector: measured while the run is current, estimated once the model changes.
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.locator('.react-flow__edge').first().click({ force: true });
  await expectText(page, '[data-testid=edge-rate][data-rate=measured]', /^Call · measured [\d.,]+K? req\/s$/);
  await page.locator('[data-testid=edge-calls]').fill('2');
  await page.locator('[data-testid=edge-calls]').press('Enter');
  await expectText(page, '[data-testid=edge-rate][data-rate=estimated]', /^Call · estimated ≈ [\d.,]+K? req\/s$/);
});
