/** The app starts empty, shows its empty state and its chrome, with no errors. */
import { test, expectText } from '../harness.mjs';
import { join } from 'node:path';

test('starts with an empty canvas and the empty state', async ({ page, url, shots }) => {
  await page.goto(url);
  await expectText(page, '[data-testid=canvas-empty]', 'Drag a component here or start from a template');
  await expectText(page, '[data-testid=doc-title]', 'Untitled');
  await page.screenshot({ path: join(shots, 'empty.png') });
});
