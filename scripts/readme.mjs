#!/usr/bin/env node
// `npm run readme`: re-runs every README command annotated `<!-- readme: … -->` and
// writes its real output into the block below it (see readme-blocks.mjs). Run it after
// a change to what the CLI prints; tests/readme.test.ts fails until you do.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { annotatedBlocks, blockContent, runReadmeCommand } from './readme-blocks.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const file = join(root, 'README.md');
const lines = readFileSync(file, 'utf8').split('\n');
// From the last block up, so earlier line numbers stay valid while later blocks change length.
for (const block of annotatedBlocks(lines.join('\n')).reverse()) {
  const started = Date.now();
  const content = blockContent(block.command, runReadmeCommand(block.command, root));
  lines.splice(block.start, block.end - block.start, ...content.split('\n'));
  console.log(`readme: ${block.command} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
writeFileSync(file, lines.join('\n'));
