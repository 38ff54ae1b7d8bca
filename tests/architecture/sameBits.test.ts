/**
 * Same scenario and seed, same bytes in the CLI's Node and the app's Chromium: the code that a
 * result is computed by calls none of the Math functions whose last bit differs between
 * JavaScript engines (measured: log, exp, log1p, pow, the trigonometric and hyperbolic ones all
 * differ between Node 20 and Chromium 156). It uses simulation/random/exactMath instead.
 * Math.pow(2, n) for integer n is exact everywhere and stays allowed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
// Folders whose code runs inside a replication or makes replications into result and sweep documents.
const resultCode = ['simulation/kernel', 'simulation/random', 'simulation/engine', 'simulation/stats', 'simulation/runner', 'simulation/whatif'];
const engineDependent = /\bMath\.(log|log1p|log2|log10|exp|expm1|sin|cos|tan|asin|acos|atan|atan2|sinh|cosh|tanh|asinh|acosh|atanh|cbrt|hypot)\s*\(|\bMath\.pow\s*\((?!\s*2\s*,)|(?<=[\w)\]]\s*)\*\*(?=\s*[\w(.-])/g;

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && e.name !== 'exactMath.ts' ? [join(dir, e.name)] : [],
  );
}

describe('the same bits on every JavaScript engine', () => {
  it('result code calls no engine-dependent Math function', () => {
    const found: string[] = [];
    for (const file of resultCode.flatMap(sources)) {
      readFileSync(join(root, file), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          const code = line.replace(/\/\/.*$/, '').replace(/^\s*\*.*$/, '');
          for (const m of code.matchAll(engineDependent)) found.push(`${file}:${i + 1}: ${m[0]}`);
        });
    }
    expect(found).toEqual([]);
  });
});
