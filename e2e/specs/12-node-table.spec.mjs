/** After a run, the dashboard lists every node's throughput, wait, response, queue and rejected share, as the CLI and the report do. */
import { join } from 'node:path';
import { test, expectText, waitFor, assert } from '../harness.mjs';

test('results: the per-node table', async ({ page, url, shots }) => {
  await page.goto(url);
  await page.getByRole('button', { name: 'Start from a template' }).first().click();
  await page.locator('[data-testid=template-fastapi-stack]').click();
  await waitFor(async () => (await page.locator('.react-flow__node').count()) >= 5, 'template nodes on the canvas');
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.getByRole('tab', { name: 'Run & SLO' }).click();
  await page.locator('[data-testid=run-duration]').fill('30');
  await page.locator('[data-testid=run-replications]').fill('2');
  await page.locator('[data-testid=run-replications]').press('Enter');
  await page.locator('[data-action="run.start"]').click();
  await expectText(page, '[data-testid=kpi-throughput]', /req\/s/, 120_000);

  const table = page.locator('[data-testid=node-table]');
  await table.scrollIntoViewIfNeeded();
  const head = await table.locator('thead').innerText();
  for (const col of ['Throughput', 'Wait', 'Response', 'Queue', 'Rejected']) assert(head.includes(col), `column ${col} in ${head}`);
  const nodes = await page.locator('.react-flow__node').count();
  const rows = await table.locator('tbody tr').count();
  assert(rows >= nodes - 1 && rows <= nodes, `a row per node (${rows} rows, ${nodes} nodes)`);
  const api = await table.locator('tbody tr[data-node=api]').innerText();
  assert(/[\d.,]+K? req\/s/.test(api) && /ms/.test(api) && /%/.test(api), `the api row has a rate, times and a share: ${api}`);
  await page.screenshot({ path: join(shots, 'node-table.png') });
});
