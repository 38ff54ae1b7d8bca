/**
 * An overloaded run as an architect sees it: fast sync latency, a Celery backlog that
 * grows. The dashboard must not say "SLO met": it says not met, because of the backlog,
 * and the warning comes before the figures. The same in Chinese, with no English left.
 */
import { test, expectText, assert, waitFor } from '../harness.mjs';

test('overload: an unstable run is "SLO not met" with the reason, warnings above the figures, in both languages', async ({ page, url }) => {
  await page.goto(url);
  await page.locator('[data-action="file.new"]').click();
  await page.locator('[data-testid=template-fastapi-stack]').click();
  await expectText(page, '.statusbar', '7 nodes');
  await page.locator('.react-flow__node[data-id="api"] .flow-node-label').click();
  await page.locator('[data-testid=replicas]').fill('8');
  await page.locator('[data-testid=replicas]').press('Enter');
  await page.locator('.react-flow__node[data-id="clients"] .flow-node-label').click();
  await page.locator('[data-testid=arrival-rate]').fill('880');
  await page.locator('[data-testid=arrival-rate]').press('Enter');
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.getByRole('tab', { name: 'Run & SLO' }).click();
  await page.locator('[data-testid=run-duration]').fill('90');
  await page.locator('[data-testid=run-duration]').press('Enter');
  await page.locator('[data-action="run.start"]').click();
  const verdict = await expectText(page, '[data-testid=slo-verdict]', 'SLO not met', 120_000);
  assert(/RabbitMQ is unstable/.test(verdict), `the verdict names the growing backlog: ${verdict}`);
  // The warnings lead: above the headline figures.
  const order = await page.locator('.summary').evaluate((el) => {
    const w = el.querySelector('[data-testid=warnings]');
    const k = el.querySelector('.kpis');
    return w && k ? w.compareDocumentPosition(k) & Node.DOCUMENT_POSITION_FOLLOWING : 0;
  });
  assert(order, 'warnings come before the figures');
  await expectText(page, '[data-testid=warnings]', 'RabbitMQ: the backlog grows without bound');

  await page.locator('[data-testid=language]').selectOption('zh-CN');
  await waitFor(async () => /未满足 SLO/.test(await page.locator('[data-testid=slo-verdict]').innerText()), 'Chinese verdict');
  const zh = (await page.locator('[data-testid=slo-verdict]').innerText()) + (await page.locator('[data-testid=warnings]').innerText());
  assert(/RabbitMQ 不稳定/.test(zh) && /积压消息无限增长/.test(zh), `Chinese reason and warning: ${zh}`);
  const latin = zh.replace(/RabbitMQ|SLO|\d+(\.\d+)?\s*(ms|s|min)\b/g, '').match(/[A-Za-z]{2,}/g);
  assert(!latin, `no English left in the Chinese verdict: ${latin}`);
});
