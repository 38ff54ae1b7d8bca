/**
 * The README's "How the code is laid out" block names every source folder, and only
 * folders that exist, in the order the layering test enforces (highest first).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAYER_ORDERS } from './layerMap';

const ROOT = join(import.meta.dirname, '..', '..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** Where a top-level entry's indented folders live: renderer's are under renderer/src. */
const SUBFOLDERS_IN: Record<string, string> = { simulation: 'simulation', main: 'main', renderer: 'renderer/src' };

function layoutBlock(): string {
  const section = readme.slice(readme.indexOf('## How the code is laid out'));
  const block = /```\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error('README: the "How the code is laid out" section has no ``` block');
  return block[1];
}

/** Top-level folder → its indented folders, in the order the README lists them. */
function listedFolders(block: string): Map<string, string[]> {
  const listed = new Map<string, string[]>();
  let current = '';
  for (const line of block.split('\n')) {
    const entry = /^( *)([\w.-]+)\/\s/.exec(line);
    if (!entry) continue;
    if (entry[1] === '') listed.set((current = entry[2]), []);
    else listed.get(current)?.push(entry[2]);
  }
  return listed;
}

function folders(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules')
    .map((entry) => entry.name)
    .sort();
}

describe('README layout section', () => {
  const listed = listedFolders(layoutBlock());

  it('lists every top-level folder of the repository and nothing else', () => {
    // Build outputs come and go with the build (dist/, out/, release/): the ones git ignores are not the layout.
    const ignored = new Set(readFileSync(join(ROOT, '.gitignore'), 'utf8').split('\n').map((line) => line.trim().replace(/\/$/, '')));
    expect([...listed.keys()].sort()).toEqual(folders('.').filter((name) => !ignored.has(name)));
  });

  it.each(Object.entries(SUBFOLDERS_IN))('lists every folder of %s, highest layer first', (top, dir) => {
    const shown = listed.get(top) ?? [];
    expect([...shown].sort()).toEqual(folders(dir));
    expect(shown).toEqual([...LAYER_ORDERS[dir]].reverse());
  });

  it('names only paths that exist', () => {
    for (const [top, subs] of listed) {
      expect(existsSync(join(ROOT, top)), top).toBe(true);
      for (const sub of subs) expect(existsSync(join(ROOT, SUBFOLDERS_IN[top] ?? top, sub)), `${top}/${sub}`).toBe(true);
    }
  });
});
