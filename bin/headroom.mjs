#!/usr/bin/env node
// `headroom` as installed by npm (`npx headroom …`): runs the bundled CLI, first
// rebuilding the bundle if any simulation source is newer than it (a fresh clone, or
// an edit), so the command always runs the code in the working tree.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = join(root, 'dist/cli/cli.mjs');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const stale = !existsSync(bundle) || statSync(bundle).mtimeMs < newestSource(join(root, 'simulation'));
if (stale) {
  const { buildCli } = await import('../scripts/build-cli.mjs');
  await buildCli();
}
await import(bundle);
