import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const json = (file: string) => JSON.parse(readFileSync(join(root, file), 'utf8'));
// semver comes with electron-builder (app-builder-lib uses it); no dependency of our own for one test.
const semver = createRequire(createRequire(import.meta.url).resolve('app-builder-lib/package.json'))('semver') as {
  satisfies(version: string, range: string): boolean;
};

describe('package.json engines', () => {
  const lock = json('package-lock.json') as { packages: Record<string, { engines?: { node?: string } }> };
  const ours = json('package.json').engines.node as string;
  const needs = Object.entries(lock.packages)
    .filter(([path, entry]) => path !== '' && typeof entry.engines?.node === 'string')
    .map(([path, entry]) => ({ name: path.replace(/^.*node_modules\//, ''), range: entry.engines!.node! }));

  // Node release lines around every bound a dependency states.
  const samples = ['18.20.0', '20.18.0', '20.19.0', '20.20.2', '21.7.0', '22.11.0', '22.12.0', '22.13.0', '22.20.0', '23.4.0', '23.5.0', '23.11.0', '24.0.0', '24.11.0', '25.0.0'];

  it('accepts exactly the Node versions every installed dependency accepts', () => {
    expect(needs.length).toBeGreaterThan(100);
    const wrong = samples.filter((version) => semver.satisfies(version, ours) !== needs.every((dep) => semver.satisfies(version, dep.range)));
    expect(wrong).toEqual([]);
  });

  it('names the dependencies that rule out Node 20 (the launcher and packaging tools), so the README can', () => {
    const notOn20 = needs.filter((dep) => !semver.satisfies('20.20.2', dep.range)).map((dep) => dep.name);
    expect([...new Set(notOn20)].sort()).toEqual(['@electron-internal/extract-zip', '@electron/get', '@electron/rebuild', 'electron', 'node-abi']);
  });
});
