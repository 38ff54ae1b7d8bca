/**
 * On a terminal a sweep shows each point as it finishes, above its progress bar, so a
 * long sweep answers early (issue 12 §4); piped output stays the table alone.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../simulation/hosts/cli';
import { build, edge, exponential, poissonSource, service } from '../helpers/build';
import { scratch } from '../helpers/cli';

const tmp = scratch();
afterAll(() => tmp.remove());

const file = tmp.file(
  'progress.headroom.json',
  build({
    nodes: [poissonSource('users', 20), service('api', exponential(0.01), { workers: 4 })],
    edges: [edge('users', 'api')],
    run: { duration: 5, warmup: 1, replications: 2, seed: 3 },
  }),
);

/** What the CLI writes to clear the progress bar before a line of its own. */
const clearLine = '\r\u001b[2K';

async function sweep(isTty: boolean, lang: string) {
  let stdout = '';
  let stderr = '';
  const code = await main(['sweep', file, '--vary', 'nodes.api.replicas=1,2,3', '--threads', '1', '--lang', lang], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTty });
  return { code, stdout, stderr };
}

describe('sweep points as they finish', () => {
  it('prints one line per point on a terminal, each with its values, figures and verdict', async () => {
    const r = await sweep(true, 'en');
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stderr.split('\n').map((l) => l.slice(l.lastIndexOf(clearLine) + clearLine.length)).filter((l) => /^ {2}point /.test(l));
    expect(lines).toHaveLength(3);
    for (const replicas of [1, 2, 3]) expect(lines.some((l) => new RegExp(`^  point ${replicas}/3  api\\.replicas = ${replicas}: [\\d.]+/s, p99 [\\d.]+ m?s, (no SLO|SLO met|SLO missed)`).test(l))).toBe(true);
    // The table on stdout is the same as without a terminal.
    expect(r.stdout).toBe((await sweep(false, 'en')).stdout);
  });

  it('prints nothing per point when the output is not a terminal', async () => {
    const r = await sweep(false, 'en');
    expect(r.stderr).not.toMatch(/point \d/);
  });

  it('speaks the reader’s language', async () => {
    const r = await sweep(true, 'zh-CN');
    expect(r.stderr.match(/第 \d\/3 个点 {2}api\.replicas = \d：/g)).toHaveLength(3);
  });
});
