/**
 * The five queueing-theory validation cases, run exactly as the product checker
 * (shared/tools/check-validation.py) runs them: the case's scenario written to a file,
 * `headroom run FILE --json -`, standard output parsed as the result document, and
 * every `expect` entry judged by the same rules (`rel`: within rel × |value`; `abs`:
 * within abs + 1e-12; `min`/`max`: inclusive bounds). The tolerances are the cases'
 * own and are never loosened here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { headroom, scratch } from './helpers/cli';

interface Expectation {
  value?: number;
  rel?: number;
  abs?: number;
  min?: number;
  max?: number;
}

interface Case {
  description: string;
  scenario: unknown;
  expect: Record<string, Expectation>;
}

const dir = new URL('./fixtures/validation/', import.meta.url);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();

function get(doc: unknown, path: string): unknown {
  let cur = doc;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur) || !(part in cur)) throw new Error(`${path} missing`);
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** check-validation.py's `judge`. */
function judge(actual: number, e: Expectation): { ok: boolean; want: string } {
  if (e.min !== undefined || e.max !== undefined) {
    const lo = e.min ?? -Infinity;
    const hi = e.max ?? Infinity;
    return { ok: lo <= actual && actual <= hi, want: `in [${lo}, ${hi}]` };
  }
  const v = e.value!;
  if (e.rel !== undefined) return { ok: Math.abs(actual - v) <= Math.abs(v) * e.rel, want: `${v} ± ${e.rel * 100}%` };
  return { ok: Math.abs(actual - v) <= e.abs! + 1e-12, want: `${v} ± ${e.abs}` };
}

describe('judge (the checker rules)', () => {
  it('rel, abs and min/max bounds, inclusive', () => {
    expect(judge(1.03, { value: 1, rel: 0.04 }).ok).toBe(true);
    expect(judge(1.0401, { value: 1, rel: 0.04 }).ok).toBe(false);
    expect(judge(0, { value: 0, abs: 0 }).ok).toBe(true);
    expect(judge(1e-13, { value: 0, abs: 0 }).ok).toBe(true);
    expect(judge(1e-11, { value: 0, abs: 0 }).ok).toBe(false);
    expect(judge(2, { min: 1, max: 2 }).ok).toBe(true);
    expect(judge(0.5, { min: 1 }).ok).toBe(false);
  });
});

describe('validation cases through the CLI', () => {
  const tmp = scratch();
  afterAll(() => tmp.remove());

  it('are all present', () => {
    expect(files).toEqual(['closed.json', 'md1.json', 'mm1.json', 'mm1k.json', 'mmc.json']);
  });

  it.each(files)('%s', (file) => {
    const c = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as Case;
    const path = tmp.file(`${file.replace(/\.json$/, '')}.headroom.json`, c.scenario);
    const p = headroom(['run', path, '--json', '-']);
    expect(p.status, `exit ${p.status}: ${p.stderr.slice(-300)}`).toBe(0);
    const doc: unknown = JSON.parse(p.stdout);
    const failures: string[] = [];
    for (const [key, e] of Object.entries(c.expect)) {
      let actual: number;
      try {
        actual = Number(get(doc, key));
      } catch {
        failures.push(`${key} missing`);
        continue;
      }
      const { ok, want } = judge(actual, e);
      if (!ok) failures.push(`${key}=${actual.toPrecision(5)} want ${want}`);
    }
    expect(failures, `${c.description}\n${failures.join('\n')}`).toEqual([]);
  });
});
