/**
 * File → Import: Kubernetes manifests onto the open model, reviewed before they change
 * it and undone in one step; a trace export as a new model; a bad file refused with the
 * place; the dialog in Chinese.
 */
import { join } from 'node:path';
import { test, expectText, waitFor, assert } from '../harness.mjs';

async function fastapi(page, url) {
  await page.goto(url);
  await page.getByRole('button', { name: 'Start from a template' }).first().click();
  await page.locator('[data-testid=template-fastapi-stack]').click();
  await waitFor(async () => (await page.locator('.react-flow__node').count()) >= 5, 'template nodes on the canvas');
}

async function replicasOf(page, id) {
  await page.locator(`.react-flow__node[data-id="${id}"] .flow-node-label`).click();
  return page.locator('[data-testid=replicas]').inputValue();
}

test('import: Kubernetes manifests reviewed, applied as one undoable step; traces as a new model with what is to be filled in listed and marked; a bad file refused; zh-CN', async ({ page, url, root, shots }) => {
  await fastapi(page, url);
  assert((await replicasOf(page, 'api')) === '4', 'the template has 4 api replicas');

  await page.locator('[data-action="file.import"]').click();
  await page.locator('[data-testid=import-files]').setInputFiles(join(root, 'tests/fixtures/k8s/fastapi-stack.yaml'));
  await expectText(page, '[data-testid=import-report]', 'replicas: 4 → 6');
  await expectText(page, '[data-testid=import-report]', 'use --map celery-worker=NODE_ID');
  await page.locator('[data-testid=import-names]').fill('celery-worker=celery');
  await expectText(page, '[data-testid=import-report]', 'Deployment celery-worker → node celery');
  await page.screenshot({ path: join(shots, 'import-k8s.png') });
  // Nothing changes before Apply.
  assert((await page.locator('[data-testid=import-dialog]').count()) === 1, 'the review is open');
  await page.locator('[data-testid=import-apply]').click();
  await waitFor(async () => (await replicasOf(page, 'api')) === '6', 'api has the Deployment’s 6 replicas');
  assert((await replicasOf(page, 'celery')) === '3', 'celery has 3');
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.locator('[data-action="edit.undo"]').click();
  await waitFor(async () => (await replicasOf(page, 'api')) === '4', 'one undo brings back 4 api replicas');
  assert((await replicasOf(page, 'celery')) === '2', 'and 2 celery replicas: the import was one step');

  // A manifest that is not YAML: the place, and no Apply.
  await page.locator('[data-action="file.import"]').click();
  await page.locator('[data-testid=import-files]').setInputFiles({ name: 'broken.yaml', mimeType: 'text/yaml', buffer: Buffer.from('kind: Deployment\n  metadata: : :\n') });
  await expectText(page, '[data-testid=import-report].bad', /broken\.yaml: not valid YAML at line \d+/);
  assert(await page.locator('[data-testid=import-apply]').isDisabled(), 'nothing to apply');

  // Traces: a new model from the Jaeger export.
  await page.locator('[data-testid=import-kind-traces]').click();
  await page.locator('[data-testid=import-files]').setInputFiles(join(root, 'tests/fixtures/traces/celery.jaeger.json'));
  await expectText(page, '[data-testid=import-report]', 'Read 15 spans in 4 traces');
  // What the traces could not show is listed by node before anything is applied.
  await expectText(page, '[data-testid=import-to-fill]', 'To fill in');
  await expectText(page, '[data-testid=import-to-fill] li[data-node="celery-worker"]', 'celery-worker: replicas, workers, CPUs');
  await expectText(page, '[data-testid=import-to-fill] li[data-node="celery"]', 'queue capacity');
  assert((await page.locator('[data-testid=import-to-fill] li').count()) === 4, 'four nodes to fill in');
  await page.screenshot({ path: join(shots, 'import-traces-to-fill.png') });
  await page.locator('[data-testid=import-apply]').click();
  // The template was edited (and undone), so the switch asks first.
  const discard = page.locator('[role=dialog] button.danger');
  if (await discard.count()) await discard.click();
  await waitFor(async () => (await page.locator('.react-flow__node[data-id="celery-worker"]').count()) === 1, 'the imported model on the canvas');
  // The canvas marks them, the inspector says what is left, and typing a value takes it off.
  assert((await page.locator('.react-flow__node [data-testid=node-to-fill]').count()) === 4, 'four nodes marked on the canvas');
  await page.locator('.react-flow__node[data-id="celery-worker"] .flow-node-label').click();
  await expectText(page, '[data-testid=inspector-to-fill]', 'replicas, workers, CPUs');
  await page.locator('[data-testid=replicas]').fill('3');
  await page.locator('[data-testid=replicas]').press('Tab');
  await waitFor(async () => !(await page.locator('[data-testid=inspector-to-fill]').innerText()).includes('replicas'), 'replicas off the list once typed');
  await expectText(page, '[data-testid=inspector-to-fill]', 'workers, CPUs');

  // The dialog in Chinese.
  await page.locator('[data-testid=language]').selectOption('zh-CN');
  await page.locator('[data-action="file.import"]').click();
  await expectText(page, '[data-testid=import-dialog]', 'Kubernetes 清单');
  await page.locator('[data-testid=import-files]').setInputFiles(join(root, 'tests/fixtures/k8s/fastapi-stack.yaml'));
  await expectText(page, '[data-testid=import-report]', '读取了 3 个工作负载');
  await page.locator('[data-testid=import-kind-traces]').click();
  await page.locator('[data-testid=import-files]').setInputFiles(join(root, 'tests/fixtures/traces/celery.jaeger.json'));
  await expectText(page, '[data-testid=import-to-fill]', '待填写');
  await expectText(page, '[data-testid=import-to-fill] li[data-node="celery-worker"]', 'celery-worker：副本数、工作线程数、CPU 数');
  await page.keyboard.press('Escape');
  await waitFor(async () => (await page.locator('[data-testid=import-dialog]').count()) === 0, 'Escape closes the dialog');
});
