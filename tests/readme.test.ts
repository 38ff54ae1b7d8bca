/**
 * The README cannot drift: every block annotated `<!-- readme: COMMAND -->` is re-run
 * and must still match (see scripts/readme-blocks.mjs for what "match" means). After a
 * deliberate change to the CLI's output, `npm run readme` rewrites the blocks.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { annotatedBlocks, blockContent, differences, runReadmeCommand } from '../scripts/readme-blocks.mjs';

const root = join(import.meta.dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const blocks = annotatedBlocks(readme);

describe('README examples', () => {
  it('annotates every block that shows a headroom command with its output', () => {
    const shownRuns = [...readme.matchAll(/^```\n\$ (npx headroom .*)$/gm)].map((m) => m[1]);
    expect(shownRuns.length).toBeGreaterThanOrEqual(3);
    expect(shownRuns).toEqual(blocks.map((b) => b.command));
  });

  it.each(blocks.map((b) => [b.command, b] as const))('%s still prints what the README shows', (command, block) => {
    expect(differences(block.content, blockContent(command, runReadmeCommand(command, root)))).toEqual([]);
  });

  it('shows the quick start commands CI runs, and CI runs nothing else', () => {
    const quickStart = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('## The app'));
    expect(quickStart).toContain('npm ci && npm start ');
    expect(quickStart).toMatch(/^npm test /m);
    const ci = readFileSync(join(root, '.ci/run'), 'utf8');
    const executed = ci.split('\n').filter((line) => !/^\s*(#|echo )/.test(line));
    const commands = executed.flatMap((line) => [...line.matchAll(/\bnpm \w+/g)].map((m) => m[0]));
    expect(commands).toEqual(['npm ci', 'npm test']);
    expect(ci).not.toMatch(/^\s*export /m);
  });
});

describe('comparing a README block with a fresh run', () => {
  const shown = '$ npx headroom run x\n  Throughput  170/s ± 0.86   (offered 208/s)\n  Errors      18.44%\n  Simulated   1.77 M events in 0.77 s (2.31 M events/s)';

  it('accepts re-aligned columns, figures within tolerance and any machine speed', () => {
    const fresh = '$ npx headroom run x\n  Throughput    172/s ± 0.86 (offered 208/s)\n  Errors 18.45%\n  Simulated   1.77 M events in 3.1 s (0.57 M events/s)';
    expect(differences(shown, fresh)).toEqual([]);
  });

  it.each([
    ['a figure off by more than 2% and one unit', shown.replace('170/s', '174/s')],
    ['a zero that is now two units of its last digit', shown.replace('18.44%', '0.00%'), shown.replace('18.44%', '0.02%')],
    ['a changed word', shown.replace('offered', 'sent')],
    ['a missing line', shown.split('\n').slice(0, 3).join('\n')],
    ['a changed event count', shown.replace('1.77 M events in', '1.77 M requests in')],
  ])('rejects %s', (_, fresh, base = shown) => {
    expect(differences(base, fresh)).not.toEqual([]);
  });
});
