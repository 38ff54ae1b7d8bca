/**
 * The flash-sale example end to end, as a user sees it: the spike on the source,
 * the run, the dashboard with the time series; the same in Chinese. Also the
 * screenshots for docs/screenshots.
 */
import { join } from 'node:path';
import { test, expectText, assert, keepScreenshot } from '../harness.mjs';

async function openFlashSale(page, url) {
  await page.goto(url);
  await page.locator('[data-action="file.new"]').click();
  await page.locator('[data-testid=template-flash-sale]').click();
  await expectText(page, '.statusbar', '8 nodes');
}


test('flash sale: spike profile, faults and SLO verdict on the dashboard', async ({ page, url, shots, root }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await openFlashSale(page, url);
  await page.locator('.react-flow__node[data-id="shoppers"] .flow-node-label').click();
  await expectText(page, '[data-testid=node-inspector]', 'Rate over time');
  await page.screenshot({ path: join(shots, 'editor-source.png') });
  keepScreenshot(root, shots, 'editor-source.png');

  await page.locator('[data-action="run.start"]').click();
  await expectText(page, '[data-testid=slo-verdict]', /SLO/, 120_000);
  await expectText(page, '[data-testid=ts-throughput]', 'Throughput over simulated time');
  await expectText(page, '[data-testid=class-results]', 'Place order');
  await page.locator('[data-action="view.fit"]').click();
  await page.locator('.react-flow__node[data-id="shop-api"] .flow-node-label').click();
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(shots, 'results.png') });
  keepScreenshot(root, shots, 'results.png');
  await page.locator('.results-body').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await page.waitForTimeout(200);
  await page.screenshot({ path: join(shots, 'results-timeseries.png') });
  keepScreenshot(root, shots, 'results-timeseries.png');

  // A call's inspector: order, mode, resilience.
  await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
  const edge = page.locator('.react-flow__edge').first();
  await edge.click({ force: true });
  await expectText(page, '[data-testid=edge-inspector]', 'Call order');

  // In Chinese a model started from the template has its labels in Chinese too.
  await page.locator('[data-testid=language]').selectOption('zh-CN');
  await page.locator('[data-action="file.new"]').click();
  await page.locator('[data-testid=template-flash-sale]').click();
  await expectText(page, '.react-flow__node[data-id="order-workers"]', '订单处理进程');
  await page.locator('[data-action="run.start"]').click();
  await expectText(page, '[data-testid=slo-verdict]', /SLO/, 120_000);
  await expectText(page, '[data-testid=class-results]', '下单');
  await page.locator('[data-action="view.fit"]').click();
  await page.locator('.react-flow__node[data-id="shop-api"] .flow-node-label').click();
  await page.waitForTimeout(400);
  await page.locator('.results-body').evaluate((el) => el.scrollTo(0, 0));
  await page.screenshot({ path: join(shots, 'results-zh.png') });
  keepScreenshot(root, shots, 'results-zh.png');
  const text = await page.locator('.app').innerText();
  assert(text.includes('吞吐量') && text.includes('瓶颈'), 'dashboard in Chinese');
});

test('empty canvas and templates, for the docs', async ({ page, url, shots, root }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto(url);
  await page.screenshot({ path: join(shots, 'empty-canvas.png') });
  keepScreenshot(root, shots, 'empty-canvas.png');
  await page.locator('[data-action="file.new"]').click();
  await expectText(page, '[role=dialog]', 'New model');
  await page.screenshot({ path: join(shots, 'templates.png') });
  keepScreenshot(root, shots, 'templates.png');
});
