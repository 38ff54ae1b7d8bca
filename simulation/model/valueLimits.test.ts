import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderFinding, sentenceContext } from '../findings/render';
import { formatIssue, parseScenario } from './validate';
import { valueLimits } from './valueLimits';

const at = { x: 0, y: 0 };
function model(service: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    format: 'headroom/scenario',
    version: 1,
    name: 'limits',
    nodes: [
      { id: 'src', kind: 'source', label: 's', position: at, arrival: { process: 'poisson', rate: 10 } },
      { id: 'api', kind: 'service', label: 'API', position: at, work: { dist: 'exponential', mean: 0.01 }, ...service },
      { id: 'c', kind: 'cache', label: 'c', position: at, hitRatio: 0.5 },
    ],
    edges: [
      { from: 'src', to: 'api' },
      { from: 'api', to: 'c' },
    ],
    run: { duration: 10 },
    ...extra,
  };
}

function issuesOf(doc: unknown): string[] {
  const r = parseScenario(doc);
  return r.ok ? [] : r.issues.map(formatIssue);
}

describe('value limits', () => {
  it('replicas 1e9 is an error at its path, naming the bound', () => {
    expect(issuesOf(model({ replicas: 1e9 }))).toEqual(['nodes[1].replicas: must be at most 10,000 (it is 1,000,000,000)']);
  });

  it('1e20 says "at most", not "must be a positive integer"', () => {
    const issues = issuesOf(model({ workers: 1e20 }));
    expect(issues).toEqual([`nodes[1].workers: must be at most ${valueLimits.workers.max.toLocaleString('en-US')} (it is 1.00e20)`]);
  });

  it('a work mean of 1e9 s (1e12 ms) is rejected, in the file\'s seconds and in the editor\'s milliseconds', () => {
    const r = parseScenario(model({ work: { dist: 'exponential', mean: 1e9 } }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map(formatIssue)).toEqual(['nodes[1].work.mean: must be at most 3,600 s (it is 1,000,000,000 s)']);
    const finding = r.issues[0]?.finding;
    expect(finding).toBeDefined();
    const inEditor = { ...finding!, figures: { ...finding!.figures, unit: finding!.figures.editorUnit ?? null } };
    expect(renderFinding(inEditor, sentenceContext('en'))).toBe('must be at most 3,600,000 ms (it is 1,000,000,000,000 ms)');
    expect(renderFinding(inEditor, sentenceContext('zh-CN'))).toMatch(/毫秒/);
  });

  it('a hit ratio of 1.5 is reported in percent, as the field shows it', () => {
    const doc = model();
    (doc.nodes as Record<string, unknown>[])[2]!.hitRatio = 1.5;
    const r = parseScenario(doc);
    if (r.ok) throw new Error('expected an error');
    expect(r.issues.map(formatIssue)).toEqual(['nodes[2].hitRatio: must be in [0, 1] (it is 1.5)']);
    const inEditor = { ...r.issues[0]!.finding!, figures: { ...r.issues[0]!.finding!.figures, unit: 'percent' } };
    expect(renderFinding(inEditor, sentenceContext('en'))).toBe('must be between 0% and 100% (it is 150%)');
  });

  it('a tiny positive autoscaler interval is refused (it would tick forever)', () => {
    const issues = issuesOf(model({ workers: 4, autoscale: { min: 1, max: 4, targetUtilization: 0.6, interval: 1e-320 } }));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/^nodes\[1\]\.autoscale\.interval: must be at least 0\.001 ?s/);
  });

  it('bounds retries, calls, replications, duration, Erlang k and cv', () => {
    const doc = model({ work: { dist: 'erlang', mean: 0.01, k: 5000 } }, { run: { duration: 1e9, replications: 1e9 } });
    (doc.edges as Record<string, unknown>[])[1] = { from: 'api', to: 'c', calls: 1e9, retries: { max: 1e9 } };
    const paths = issuesOf(doc).map((i) => i.split(':')[0]);
    expect(paths.sort()).toEqual(['edges[1].calls', 'edges[1].retries.max', 'nodes[1].work.k', 'run.duration', 'run.replications']);
  });

  it.each([
    [{ dist: 'erlang', mean: 0.01, k: 1 }, null],
    [{ dist: 'erlang', mean: 0.01, k: 500 }, null],
    [{ dist: 'erlang', mean: 0.01, k: 501 }, 'nodes[1].work.k: must be at most 500 (it is 501)'],
    [{ dist: 'erlang', mean: 0.01, k: 0 }, 'nodes[1].work.k'],
    [{ dist: 'lognormal', mean: 0.01, cv: Number.MIN_VALUE }, null],
    [{ dist: 'lognormal', mean: 0.01, cv: 100 }, null],
    [{ dist: 'lognormal', mean: 0.01, cv: 100.001 }, 'nodes[1].work.cv: must be at most 100'],
    [{ dist: 'lognormal', mean: 0.01, cv: 0 }, 'nodes[1].work.cv'],
    [{ dist: 'hyperexponential', mean: 0.01, cv: 1 + 1e-12 }, null],
    [{ dist: 'hyperexponential', mean: 0.01, cv: 100 }, null],
    [{ dist: 'hyperexponential', mean: 0.01, cv: 1 }, 'nodes[1].work.cv'],
    [{ dist: 'hyperexponential', mean: 0.01, cv: 100.001 }, 'nodes[1].work.cv: must be at most 100'],
    [{ dist: 'hyperexponential', mean: 0.01, cv: 1e308 }, 'nodes[1].work.cv: must be at most 100'],
    [{ dist: 'hyperexponential', mean: 3_600, cv: 2 }, null],
    [{ dist: 'hyperexponential', mean: 1e9, cv: 2 }, 'nodes[1].work.mean: must be at most 3,600 s'],
  ])('%j at the edge of its bounds: %s', (work, problem) => {
    const issues = issuesOf(model({ work }));
    if (problem === null) expect(issues).toEqual([]);
    else expect(issues.length === 1 && issues[0]!.startsWith(problem), issues.join('; ')).toBe(true);
  });

  it('in Chinese, with no English words', () => {
    const r = parseScenario(model({ replicas: 1e9 }));
    if (r.ok) throw new Error('expected an error');
    const zh = renderFinding(r.issues[0]!.finding!, sentenceContext('zh-CN'));
    expect(zh).toMatch(/^最多为/);
    expect(zh).not.toMatch(/[A-Za-z]{2,}/);
  });

  const folders = ['assets/examples', 'simulation/model/fixtures', '/work/shared/bench'];
  for (const folder of folders) {
    it(`every model in ${folder} stays within the limits`, () => {
      const files = readdirSync(folder).filter((f) => f.endsWith('.json'));
      expect(files.length).toBeGreaterThan(0);
      for (const f of files) {
        const r = parseScenario(JSON.parse(readFileSync(join(folder, f), 'utf8')));
        const bounds = r.ok ? [] : r.issues.filter((i) => i.finding?.code === 'valueOutOfRange').map(formatIssue);
        expect({ f, bounds }).toEqual({ f, bounds: [] });
      }
    });
  }
});

describe('the README lists the limits', () => {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('### Limits'), readme.indexOf('###', readme.indexOf('### Limits') + 4));
  it.each(Object.entries(valueLimits))('%s with its bound', (name, limit) => {
    const row = section.split('\n').find((l) => l.startsWith(`| \`${name}\` |`));
    expect(row, name).toBeDefined();
    expect(row).toContain(limit.max.toLocaleString('en-US'));
  });
});
