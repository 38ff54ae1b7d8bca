/**
 * A scenario with an events timeline: the node an event touches carries a badge with
 * the count and a tooltip listing each event's time and action, and the instant
 * estimate says it leaves the timeline out; a run marks each event on the charts over time
 * and lists it.
 */
import { join } from 'node:path';
import { test, expectText, waitFor, assert } from '../harness.mjs';

test('events: the cache avalanche marks its flushed cache on the canvas and in the estimate', async ({ page, url, shots }) => {
  await page.goto(url);
  await page.getByRole('button', { name: 'Start from a template' }).first().click();
  await page.locator('[data-testid=template-cache-avalanche]').click();
  await waitFor(async () => (await page.locator('.react-flow__node').count()) === 4, 'template nodes on the canvas');

  // The badge sits on the flushed cache only.
  const badge = page.locator('.react-flow__node[data-id="product-cache"] [data-testid=node-events]');
  await badge.waitFor({ state: 'visible' });
  assert((await page.locator('[data-testid=node-events]').count()) === 1, 'one node carries an events badge');
  assert((await badge.innerText()).trim() === '1', `the badge counts one event: ${await badge.innerText()}`);
  const title = await badge.getAttribute('title');
  assert(title === '1 event: Cache flush at 70 s', `the tooltip lists the event: ${title}`);
  assert((await badge.getAttribute('aria-label')) === title, 'the badge reads the same to a screen reader');
  // It is inside the card and not covering the label.
  const box = await badge.boundingBox();
  const card = await page.locator('.react-flow__node[data-id="product-cache"] .flow-node').boundingBox();
  const label = await page.locator('.react-flow__node[data-id="product-cache"] .flow-node-label').boundingBox();
  assert(box && card && label && box.width > 10 && box.height > 10, 'the badge has a size');
  assert(box.x >= card.x && box.x + box.width <= card.x + card.width + 1 && box.y >= card.y && box.y + box.height <= card.y + card.height + 1, 'the badge is within the card');
  assert(label.x + label.width <= box.x + 1 || label.y + label.height <= box.y, 'the badge does not cover the label');

  // The estimate cards: the scenario's and the cache's.
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await expectText(page, '[data-testid=scenario-inspector] [data-testid=estimate-events-note]', 'The estimate is the steady state: it leaves out the timeline event; the simulation shows it.');
  await page.locator('.react-flow__node[data-id="product-cache"] .flow-node-label').click();
  await expectText(page, '[data-testid=node-inspector] [data-testid=estimate-events-note]', /leaves out the timeline event/);
  // What the cache does while it is down (a failover or restart): fail by default, or bypass to its downstream.
  const onError = page.locator('[data-testid=node-inspector] [data-testid=cache-on-error]');
  assert((await onError.inputValue()) === '', 'onError is unset (fail) in the example');
  await onError.selectOption('bypass');
  await waitFor(async () => (await onError.inputValue()) === 'bypass', 'bypass chosen');
  assert((await onError.locator('option:checked').innerText()) === 'Bypass: lookups go to its downstream', 'the choice is worded');
  await onError.selectOption('');
  await badge.hover();
  await page.screenshot({ path: join(shots, 'events-badge.png') });
  const zoomed = await page.locator('.react-flow__node[data-id="product-cache"]').boundingBox();
  await page.screenshot({ path: join(shots, 'events-badge-node.png'), clip: { x: zoomed.x - 20, y: zoomed.y - 20, width: zoomed.width + 40, height: zoomed.height + 40 } });

  // A node with no event has no badge; another example without events has none at all.
  assert((await page.locator('.react-flow__node[data-id="postgres"] [data-testid=node-events]').count()) === 0, 'postgres has no badge');
});

test('events: a run of the rolling deploy marks the deploy on each chart over time and lists it with its end and recovery', async ({ page, url }) => {
  await page.goto(url);
  await page.getByRole('button', { name: 'Start from a template' }).first().click();
  await page.locator('[data-testid=template-rolling-deploy]').click();
  await waitFor(async () => (await page.locator('.react-flow__node').count()) === 3, 'template nodes on the canvas');
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.getByRole('tab', { name: 'Run & SLO' }).click();
  await page.locator('[data-testid=run-replications]').fill('1');
  await page.locator('[data-testid=run-replications]').press('Enter');
  await page.locator('[data-action="run.start"]').click();
  await expectText(page, '[data-testid=kpi-throughput]', /req\/s/, 120_000);
  for (const chart of ['ts-throughput', 'ts-p99', 'ts-errors']) {
    const marks = page.locator(`[data-testid=${chart}] [data-testid=event-marker]`);
    assert((await marks.count()) === 1, `${chart} marks the one deploy: ${await marks.count()}`);
  }
  const rows = page.locator('.events-list li');
  assert((await rows.count()) === 1, 'one event listed');
  const row = await rows.innerText();
  assert(/ of API \(10 pods\) at 80 s: ended at \d/.test(row), `the deploy is listed with its end: ${row}`);
});
