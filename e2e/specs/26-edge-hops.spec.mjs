/**
 * A call's network latency and geometric call count in its inspector: switching the count
 * to geometric keeps the mean, a new mean moves the estimated rate, and a wire time shows
 * on the canvas beside the call.
 */
import { join } from 'node:path';
import { test, expectText, waitFor, assert } from '../harness.mjs';

const rateOf = async (page) => {
  const text = await page.locator('[data-testid=edge-rate]').innerText();
  return Number(/([\d.,]+)\s*req\/s/.exec(text)?.[1].replace(/,/g, ''));
};

test('edge inspector: geometric calls and network latency', async ({ page, url, shots }) => {
  await page.goto(url);
  await page.getByRole('button', { name: 'Start from a template' }).first().click();
  await page.locator('[data-testid=template-fastapi-stack]').click();
  await waitFor(async () => (await page.locator('.react-flow__node').count()) >= 5, 'template nodes on the canvas');
  await page.locator('.react-flow__edge').first().click({ force: true });
  await expectText(page, '[data-testid=edge-rate][data-rate=estimated]', /estimated ≈/);
  const before = await rateOf(page);
  await page.locator('[data-testid=edge-calls-kind]').selectOption('geometric');
  await waitFor(async () => (await rateOf(page)) === before, 'the same mean after switching to geometric');
  await page.locator('[data-testid=edge-calls]').fill('2');
  await page.locator('[data-testid=edge-calls]').press('Enter');
  await waitFor(async () => Math.abs((await rateOf(page)) - 2 * before) < 0.01 * before, `twice the rate (${before} req/s before)`);
  await page.locator('[data-testid=edge-latency-kind]').selectOption('constant');
  // A short call keeps only its order badge on the canvas; the wire time is in the badge's tooltip.
  await waitFor(async () => (await page.locator('.edge-order[title*="wire 10 ms"]').count()) === 1, 'the wire time on the canvas');
  await page.screenshot({ path: join(shots, 'edge-hops.png') });
  assert((await page.locator('[data-testid=edge-inspector] .field-error').count()) === 0, 'no field errors');
});
