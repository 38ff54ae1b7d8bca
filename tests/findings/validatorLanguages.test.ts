/**
 * The validator's problems in Chinese, as the app and `validate --lang zh-CN` show them:
 * a bank of broken files (each breaking a known-good scenario in one place) whose every
 * issue must carry a finding whose Chinese sentence holds no English word besides the
 * names and values quoted from the file. The sentence tables are walked code by code
 * in languages.test.ts; this checks that what the validator really produces goes through them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderFinding, sentenceContext, sentenceSpec } from '../../simulation/findings/render';
import { parseScenario, parseScenarioJson, type Issue } from '../../simulation/model/validate';
import { englishWords } from '../helpers/english';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the bank breaks the document in ways no type allows
type Doc = any;

const shopText = readFileSync(new URL('../../simulation/model/fixtures/shop.headroom.json', import.meta.url), 'utf8');
const broken = (edit: (d: Doc) => void): Doc => {
  const d = JSON.parse(shopText) as Doc;
  edit(d);
  return d;
};

const bank: [string, Doc][] = [
  ['a misspelt field', broken((d) => (d.nodes[2].wokers = 4))],
  ['a wrong type', broken((d) => (d.nodes[2].replicas = 'two'))],
  ['a zero replica count', broken((d) => (d.nodes[2].replicas = 0))],
  ['a missing field', broken((d) => delete d.run.duration)],
  ['an unknown balance policy', broken((d) => (d.nodes[2].balance = 'round-robbin'))],
  ['an unknown distribution', broken((d) => (d.nodes[2].work = { dist: 'gamma', mean: 0.01 }))],
  ['a bad id', broken((d) => (d.nodes[2].id = 'api server'))],
  ['an empty list', broken((d) => (d.nodes = []))],
  ['an out-of-range share', broken((d) => (d.nodes[4].hitRatio = 1.5))],
  ['an unknown edge mode', broken((d) => (d.edges[0].mode = 'later'))],
  ['a cv not above 1', broken((d) => (d.nodes[2].work = { dist: 'hyperexponential', mean: 0.01, cv: 0.5 }))],
  ['a newer version', broken((d) => (d.version = 2))],
  ['no version', broken((d) => delete d.version)],
  ['another format', broken((d) => (d.format = 'headroom/result'))],
  ['not an object', [1, 2]],
  ['an edge to a missing node', broken((d) => (d.edges[0].to = 'gww'))],
  ['a duplicate node id', broken((d) => (d.nodes[3].id = 'api'))],
  ['an undeclared class', broken((d) => (d.edges[0].classes = ['chekout']))],
  ['shares not adding up', broken((d) => (d.nodes[0].mix = { browse: 0.5, checkout: 0.4 }))],
  ['more CPUs than workers', broken((d) => Object.assign(d.nodes[2], { workers: 2, cpus: 4 }))],
  ['more database CPUs than connections', broken((d) => (d.nodes[5].cpus = 40))],
  ['a contention share above 1', broken((d) => (d.nodes[5].contention = { serial: 0.1, crosstalk: 2 }))],
  ['workers that do not fit in memory', broken((d) => Object.assign(d.nodes[2], { workers: 8, memory: { limit: 2 ** 31, base: 2 ** 29, perWorker: 300 * 2 ** 20 } }))],
  ['unlimited workers with a memory limit', broken((d) => Object.assign(d.nodes[3], { workers: undefined, memory: { limit: 2 ** 30, perWorker: 2 ** 28 } }))],
  ['contention on a queue', broken((d) => (d.nodes[6].contention = { serial: 0.1 }))],
  ['a sync cycle', broken((d) => d.edges.push({ from: 'auth', to: 'api' }))],
  ['a call into a source', broken((d) => d.edges.push({ from: 'worker', to: 'users' }))],
  ['a pool on an async call', broken((d) => d.edges.push({ from: 'api', to: 'orders', mode: 'async', pool: 4 }))],
  ['a fault on a queue', broken((d) => (d.faults[0].node = 'orders'))],
  ['a fault on a missing replica', broken((d) => (d.faults[0].replica = 9))],
  ['a sweep over a missing node', broken((d) => (d.whatIf.vary[0].path = 'nodes.apii.replicas'))],
  ['a sweep point that is invalid', broken((d) => (d.whatIf.vary[0].values = [1, 0]))],
  ['a load search without an SLO', broken((d) => delete d.slo)],
  ['a load search over a service', broken((d) => (d.whatIf.load.source = 'api'))],
  ['a backlog bound on a database', broken((d) => (d.slo.maxBacklog = { db: 100 }))],
  ['an autoscaler without its target', broken((d) => (d.nodes[2].autoscale = { min: 1, max: 4, metric: 'rps' }))],
  ['a source without calls', broken((d) => (d.edges = d.edges.filter((e: { from: string }) => e.from !== 'users')))],
];

const warned: [string, Doc][] = [
  ['a fault after the run', broken((d) => (d.faults[0].at = 1e6))],
  ['retries on an async call', broken((d) => d.edges.push({ from: 'api', to: 'orders', mode: 'async', retries: { max: 2 } }))],
  ['contention with nothing in it', broken((d) => (d.nodes[2].contention = {}))],
  ['contention on a one-worker cache', broken((d) => (d.nodes[4].contention = { crosstalk: 0.01 }))],
  [
    'a sweep past the workers that fit',
    broken((d) => {
      Object.assign(d.nodes[2], { workers: 4, memory: { limit: 2 ** 31, base: 2 ** 29, perWorker: 300 * 2 ** 20 } });
      d.whatIf.vary = [{ path: 'nodes.api.workers', values: [4, 6] }];
    }),
  ],
  ['a node nothing calls', broken((d) => d.nodes.push({ id: 'lonely', kind: 'service', label: 'Lonely', position: { x: 0, y: 0 }, work: { dist: 'constant', value: 0.01 } }))],
];

/** The node ids of the bank's file: the validator quotes them as written. */
const ids = (JSON.parse(shopText) as { nodes: { id: string }[] }).nodes.map((n) => n.id);

function chineseProblems(issues: readonly Issue[]): string[] {
  const zh = sentenceContext('zh-CN');
  const en = sentenceContext('en');
  const problems: string[] = [];
  for (const issue of issues) {
    if (issue.finding === undefined) {
      problems.push(`no finding: ${issue.path}: ${issue.message}`);
      continue;
    }
    const spec = sentenceSpec(issue.finding.code);
    const text = renderFinding(issue.finding, zh);
    if (spec === undefined) problems.push(`unknown code ${issue.finding.code}`);
    if (text === renderFinding(issue.finding, en)) problems.push(`Chinese equals English: ${text}`);
    if (renderFinding(issue.finding, en) !== issue.message) problems.push(`message "${issue.message}" is not the finding's English "${renderFinding(issue.finding, en)}"`);
    const quoted = [...text.matchAll(/"[^"]*"/g)].map((m) => m[0]);
    const verbatim = (spec?.verbatimFigures ?? []).map((k) => issue.finding?.figures[k]).filter((x): x is string => typeof x === 'string');
    const words = englishWords(text, [...quoted, ...verbatim, ...(spec?.quotes ?? []), ...ids, issue.path]);
    if (words.length > 0) problems.push(`English ${JSON.stringify(words)} in "${text}"`);
  }
  return problems;
}

describe('the validator in Chinese', () => {
  it.each(bank)('%s: every problem is a finding with a Chinese sentence', (_name, doc) => {
    const outcome = parseScenario(doc);
    expect(outcome.ok).toBe(false);
    expect(chineseProblems(outcome.ok ? [] : outcome.issues)).toEqual([]);
  });

  it.each(warned)('%s: the warning is a finding with a Chinese sentence', (_name, doc) => {
    const outcome = parseScenario(doc);
    expect(outcome.ok).toBe(true);
    expect(outcome.ok ? outcome.warnings.length : 0).toBeGreaterThan(0);
    expect(chineseProblems(outcome.ok ? outcome.warnings : [])).toEqual([]);
  });

  it('a file that is not JSON, and one that is too long', () => {
    for (const text of ['{"format": ', ' '.repeat(10_000_001)]) {
      const outcome = parseScenarioJson(text);
      expect(outcome.ok).toBe(false);
      expect(chineseProblems(outcome.ok ? [] : outcome.issues)).toEqual([]);
    }
  });

  it('names the node and the suggestion in Chinese as in the file', () => {
    const outcome = parseScenario(bank.find(([name]) => name === 'an edge to a missing node')![1]);
    const issue = outcome.ok ? undefined : outcome.issues[0];
    expect(issue && renderFinding(issue.finding!, sentenceContext('zh-CN'))).toBe('没有节点 "gww"（是否想写 "gw"？）');
  });
});
