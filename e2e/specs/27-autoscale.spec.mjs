/**
 * The autoscaler in the inspector: switched on it scales on CPU; the metric can be
 * changed, with its own target; scaling an async server on busy workers is warned
 * about on the field, in English and in Chinese.
 */
import { join } from 'node:path';
import { test, expectText, waitFor } from '../harness.mjs';

test('autoscale: new autoscalers scale on CPU, the metric and its target can be changed, the async-server warning in both languages', async ({ page, url, shots }) => {
  await page.goto(url);
  // A valid model (warnings are worked out once nothing is wrong): the FastAPI template's API.
  await page.getByRole('button', { name: 'Start from a template' }).first().click();
  await page.locator('[data-testid=template-fastapi-stack]').click();
  await waitFor(async () => (await page.locator('.react-flow__node').count()) >= 5, 'template nodes on the canvas');
  await page.locator('.react-flow__node[data-id="api"] .flow-node-label').click();
  const inspector = page.locator('[data-testid=node-inspector]');
  await inspector.locator('.optional-group', { hasText: 'Autoscale' }).locator('input[type=checkbox]').check();
  const metric = page.locator('[data-testid=autoscale-metric]');
  await waitFor(async () => (await metric.inputValue()) === 'cpu', 'a new autoscaler scales on CPU');
  await expectText(page, '[data-testid=node-inspector]', 'Target CPU utilization');
  await metric.selectOption('rps');
  await expectText(page, '[data-testid=node-inspector]', 'Target per replica');
  await waitFor(async () => (await page.locator('[data-testid=autoscale-target]').inputValue()) === '100', 'rps gets a typical target');
  // An async server (800 slots on 4 CPUs) scaled on busy workers: warned about on the metric.
  await page.locator('[data-testid=workers]').fill('800');
  await page.locator('[data-testid=workers]').press('Enter');
  await page.locator('[data-testid=cpus]').fill('4');
  await page.locator('[data-testid=cpus]').press('Enter');
  await metric.selectOption('workers');
  await expectText(page, '[data-testid=node-inspector]', 'is an async server');
  await metric.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, 'autoscale-warning.png') });
  await page.locator('[data-testid=language]').selectOption('zh-CN');
  await expectText(page, '[data-testid=node-inspector]', '这是异步服务器');
  await metric.selectOption('cpu');
  await waitFor(async () => !(await inspector.innerText()).includes('这是异步服务器'), 'scaling on CPU clears the warning');
});
