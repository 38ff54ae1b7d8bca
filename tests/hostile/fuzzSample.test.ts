/**
 * A sample of `npm run fuzz` in every test run: 330 hostile files (30 of each family)
 * through the validator in this process, and 22 (2 of each) through the real CLI's
 * `validate` and `run` under its time limit. The full 10,000 are `npm run fuzz`.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error the generator is a plain script shared with `npm run fuzz`, without types.
import { familyNames, fuzzCases } from '../../scripts/fuzz-cases.mjs';
import { parseScenarioJson } from '../../simulation/model/validate';
import { projectRoot } from '../helpers/cli';

interface FuzzCase {
  family: string;
  name: string;
  text: string;
}

/** Problems of the document as a whole, which have no path but the root. */
const wholeFile = /^(is not valid JSON|is [\d.,]+( million)? (bytes|characters)|is nested|unknown field|must be|missing)/;

describe('hostile files, a sample of npm run fuzz', () => {
  it('the validator answers each with a verdict, and every problem with its JSON path', () => {
    const families = familyNames as string[];
    const seen = new Map<string, number>();
    for (const c of fuzzCases(30 * families.length) as Iterable<FuzzCase>) {
      const outcome = parseScenarioJson(c.text);
      seen.set(c.family, (seen.get(c.family) ?? 0) + 1);
      if (outcome.ok) continue;
      expect(outcome.issues.length, c.name).toBeGreaterThan(0);
      for (const issue of outcome.issues) {
        expect(typeof issue.path, c.name).toBe('string');
        if (issue.path === '') expect(issue.message, `${c.name}: a problem at the root`).toMatch(wholeFile);
        expect(issue.message.length, c.name).toBeLessThan(2_000);
      }
    }
    expect([...seen.keys()].sort()).toEqual([...families].sort());
  }, 120_000);

  it('the command line neither crashes nor hangs on any, and names the path of every rejection', () => {
    const p = spawnSync(process.execPath, [join(projectRoot, 'scripts/fuzz.mjs'), '--count', String(2 * (familyNames as string[]).length), '--timeout', '30'], {
      cwd: projectRoot,
      encoding: 'utf8',
      timeout: 240_000,
    });
    expect(p.status, p.stdout + p.stderr).toBe(0);
    expect(p.stdout).toMatch(/22 cases in \d+ s/);
  }, 250_000);
});
