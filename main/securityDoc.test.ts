/**
 * docs/security.md promises, item by item, which test proves Electron's checklist. A
 * renamed or deleted test would leave the promise standing with nothing behind it, so
 * every file and test name the table cites must exist.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const doc = readFileSync(join(root, 'docs/security.md'), 'utf8');

interface Row {
  item: number;
  cited: { file: string; name: string | null }[];
}

function rows(): Row[] {
  const out: Row[] = [];
  const fullPaths = new Map<string, string>();
  for (const line of doc.split('\n')) {
    const cells = /^\| (\d+) \|(.*)\|$/.exec(line);
    if (!cells) continue;
    const proof = cells[2]!.split('|').at(-1)!;
    const cited: Row['cited'] = [];
    let file: string | null = null;
    // A cell reads `path` › “name”, “name”; `other.test.ts` › “name”; a bare file name is the
    // file cited by its full path earlier in the table.
    for (const token of proof.matchAll(/`([^`]+\.test\.tsx?)`|[“"]([^”"]+)[”"]/g)) {
      if (token[1] !== undefined) {
        file = token[1].includes('/') ? token[1] : (fullPaths.get(token[1]) ?? token[1]);
        fullPaths.set(basename(file), file);
        cited.push({ file, name: null });
      } else if (file !== null) {
        cited.push({ file, name: token[2]!.replace(/…$/, '') });
      }
    }
    out.push({ item: Number(cells[1]), cited });
  }
  return out;
}

describe('docs/security.md', () => {
  const table = rows();

  it('lists all 20 items of the checklist, each with a test file', () => {
    expect(table.map((r) => r.item)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    for (const row of table) expect(row.cited.length, `item ${row.item}`).toBeGreaterThan(0);
  });

  it('names only test files and tests that exist', () => {
    const missing: string[] = [];
    for (const { item, cited } of table) {
      for (const { file, name } of cited) {
        const path = join(root, file);
        if (!existsSync(path)) {
          missing.push(`item ${item}: ${file}`);
          continue;
        }
        if (name === null) continue;
        const text = readFileSync(path, 'utf8');
        if (!["'", '"', '`'].some((quote) => text.includes(`${quote}${name}`))) missing.push(`item ${item}: ${file} › ${name}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
