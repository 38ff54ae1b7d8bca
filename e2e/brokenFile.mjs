/**
 * The test fixture shop with the three problems issue 8 names: a misspelt field
 * (api's "workrs"), a value out of range (redis's hit ratio 1.5) and a sync cycle
 * (auth calls api back), written to a fresh temporary file.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function writeBrokenShop(root) {
  const doc = JSON.parse(readFileSync(join(root, 'simulation/model/fixtures/shop.headroom.json'), 'utf8'));
  const api = doc.nodes.find((n) => n.id === 'api');
  api.workrs = api.workers;
  delete api.workers;
  doc.nodes.find((n) => n.id === 'redis').hitRatio = 1.5;
  doc.edges.push({ from: 'auth', to: 'api' });
  const path = join(mkdtempSync(join(tmpdir(), 'headroom-broken-')), 'broken.headroom.json');
  writeFileSync(path, JSON.stringify(doc, null, 2));
  return { doc, path };
}
