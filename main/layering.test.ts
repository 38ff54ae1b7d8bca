import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const MAIN = join(import.meta.dirname, '.');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Files allowed to load Electron at run time; everything else must stay testable in Node. */
function mayImportElectron(file: string): boolean {
  const rel = relative(MAIN, file).split(sep).join('/');
  if (rel.endsWith('.test.ts')) return false;
  return rel === 'index.ts' || rel.startsWith('electron/') || rel === 'preload/index.ts';
}

describe('layering', () => {
  it('value-imports electron only in the composition root, main/electron and the preload entry', () => {
    const offenders = sources(MAIN)
      .filter((file) => !mayImportElectron(file))
      .filter((file) => {
        const text = readFileSync(file, 'utf8');
        const valueImport = /^\s*import\s+(?!type\b)[^;]*from\s+['"]electron(\/[^'"]*)?['"]/m.test(text);
        const bareImport = /^\s*import\s+['"]electron['"]/m.test(text);
        const required = /require\(\s*['"]electron['"]\s*\)/.test(text);
        const dynamic = /import\(\s*['"]electron['"]\s*\)/.test(text);
        return valueImport || bareImport || required || dynamic;
      })
      .map((file) => relative(MAIN, file));
    expect(offenders).toEqual([]);
  });

  it('keeps the preload API module type-only', () => {
    const text = readFileSync(join(MAIN, '..', 'contract', 'api.ts'), 'utf8');
    expect(text).not.toMatch(/^export\s+(const|function|class|let|var|enum)\b/m);
    expect(text).not.toMatch(/^import\s+(?!type\b)/m);
  });
});
