/** Validator messages appear on the field they are about, and as a clickable list of problems. */
import { join } from 'node:path';
import { test, expectText } from '../harness.mjs';

test('validation: messages on fields and a list of problems that selects the culprit', async ({ page, url }) => {
  await page.goto(url);
  await page.locator('.palette-item[data-kind=service]').click();
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await expectText(page, '[data-testid=problems]', 'needs at least one source');
  await page.locator('.react-flow__node[data-id="service"] .flow-node-label').click();
  await page.locator('[data-testid=workers]').fill('0');
  await expectText(page, '[data-testid=node-inspector]', 'must be a positive integer');
  await expectText(page, '.react-flow__node[data-id="service"] .node-issue', '!');
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.locator('[data-testid=problems] .problem', { hasText: 'workers' }).click();
  await expectText(page, '[data-testid=node-inspector]', 'must be a positive integer');
  // Running an invalid model explains why not.
  await page.locator('[data-action="run.start"]').click();
  await expectText(page, '[data-testid=notice-error]', 'problem');
});

test('validation in Chinese: the same problems in the reader’s language, with no English sentence left', async ({ page, url, shots }) => {
  await page.goto(url);
  await page.locator('.palette-item[data-kind=service]').click();
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await expectText(page, '[data-testid=problems]', '至少需要一个来源节点');
  await page.locator('.react-flow__node[data-id="service"] .flow-node-label').click();
  await page.locator('[data-testid=workers]').fill('0');
  await expectText(page, '[data-testid=node-inspector]', '必须是正整数');
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  const problems = await page.locator('[data-testid=problems]').innerText();
  if (/must be|needs at least|nothing calls/.test(problems)) throw new Error(`English left in the problems list: ${problems}`);
  await page.locator('[data-action="run.start"]').click();
  await expectText(page, '[data-testid=notice-error]', '必须是正整数');
  await page.screenshot({ path: join(shots, 'zh-cn-validation.png') });
}, { locale: 'zh-CN' });
