/**
 * The validator: schema messages, "did you mean" hints, every semantic rule (each
 * breaking a known-good fixture in one place and expecting the exact JSON path), and
 * properties: no input makes it throw, and generated valid scenarios come back intact.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Scenario } from './schema';
import { renderFinding, sentenceContext } from '../findings/render';
import { assertScenario, formatIssue, formatIssueIn, parseScenario, parseScenarioJson, type Issue, type ParseOutcome } from './validate';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests break the document in ways no type allows
type Doc = any;

const shopText = readFileSync(new URL('./fixtures/shop.headroom.json', import.meta.url), 'utf8');
const shop = (): Doc => JSON.parse(shopText) as Doc;
const broken = (edit: (d: Doc) => void): Doc => {
  const d = shop();
  edit(d);
  return d;
};

/** Every problem the validator reports is a finding too, so that a reader in another language gets it in theirs. */
function withFindings(issues: Issue[]): Issue[] {
  for (const i of issues) expect(i.finding, `${formatIssue(i)} carries no finding`).toBeDefined();
  return issues;
}

function issuesOf(outcome: ParseOutcome): Issue[] {
  if (outcome.ok) throw new Error(`expected problems, but the scenario is valid (warnings: ${outcome.warnings.map(formatIssue).join('; ')})`);
  return withFindings(outcome.issues);
}
const lines = (input: unknown): string[] => issuesOf(parseScenario(input)).map(formatIssue);
function warningsOf(input: unknown): string[] {
  const outcome = parseScenario(input);
  if (!outcome.ok) throw new Error(`expected a valid scenario, got: ${outcome.issues.map(formatIssue).join('; ')}`);
  return withFindings(outcome.warnings).map(formatIssue);
}

describe('the fixture', () => {
  it('is valid with no warnings', () => {
    expect(warningsOf(shop())).toEqual([]);
  });

  it('returns the scenario as written', () => {
    const outcome = parseScenario(shop());
    expect(outcome.ok && outcome.scenario).toEqual(shop());
  });
});

describe('schema problems', () => {
  it.each([
    ['"8"', '8'],
    ['zero', 0],
    ['a fraction', 1.5],
    ['negative', -2],
  ])('workers that is %s is not a positive integer', (_, value) => {
    expect(lines(broken((d) => (d.nodes[2].workers = value)))).toEqual(['nodes[2].workers: must be a positive integer']);
  });

  it('names a missing required field', () => {
    expect(lines(broken((d) => delete d.nodes[3].work))).toEqual(['nodes[3].work: is required']);
    expect(lines(broken((d) => delete d.run.duration))).toEqual(['run.duration: is required']);
    expect(lines(broken((d) => delete d.format))).toEqual(['format: is required: "headroom/scenario"']);
  });

  it('says what type was expected', () => {
    expect(lines(broken((d) => (d.edges = {})))).toEqual(['edges: must be a list']);
    expect(lines(broken((d) => (d.name = 7)))).toEqual(['name: must be a string']);
    expect(lines(broken((d) => (d.nodes[0].position = { x: 'left', y: 0 })))).toEqual(['nodes[0].position.x: must be a number']);
    expect(lines(broken((d) => (d.nodes[5].readsOnPrimary = 'yes')))).toEqual(['nodes[5].readsOnPrimary: must be a boolean (true or false)']);
  });

  it('explains rates that are not positive and shares outside [0, 1]', () => {
    expect(lines(broken((d) => (d.nodes[0].arrival.rate = 0)))).toEqual(['nodes[0].arrival.rate: must be greater than 0']);
    expect(lines(broken((d) => (d.nodes[0].arrival.rate = -5)))).toEqual(['nodes[0].arrival.rate: must be greater than 0']);
    expect(lines(broken((d) => (d.nodes[4].hitRatio = 1.5)))).toEqual(['nodes[4].hitRatio: must be in [0, 1] (it is 1.5)']);
    expect(lines(broken((d) => (d.nodes[4].hitRatio = { byClass: { browse: -0.1 } })))).toEqual(['nodes[4].hitRatio.byClass.browse: must be in [0, 1] (it is -0.1)']);
    expect(lines(broken((d) => (d.nodes[0].mix.browse = 1.2)))).toEqual(['nodes[0].mix.browse: must be in [0, 1] (it is 1.2)']);
    expect(lines(broken((d) => (d.nodes[4].hitRatio = 'high')))).toEqual(['nodes[4].hitRatio: must be a number in [0, 1] or a per-class map {"byClass": {…}, "default": …}']);
  });

  it('suggests the nearest known field for an unknown one', () => {
    expect(lines(broken((d) => (d.nodes[2].workrs = 8)))).toEqual(['nodes[2]: unknown field "workrs" (did you mean "workers"?)']);
    expect(lines(broken((d) => (d.edges[2].timout = 1)))).toEqual(['edges[2]: unknown field "timout" (did you mean "timeout"?)']);
    expect(lines(broken((d) => (d.nodez = [])))).toEqual(['unknown field "nodez" (did you mean "nodes"?)']);
    expect(lines(broken((d) => (d.run.seeed = 3)))).toEqual(['run: unknown field "seeed" (did you mean "seed"?)']);
  });

  it('gives no suggestion when nothing is close', () => {
    expect(lines(broken((d) => (d.nodes[2].colour = 'red')))).toEqual(['nodes[2]: unknown field "colour"']);
  });

  it('reads a distribution with a misspelt field as that distribution, not as a per-class map', () => {
    const got = lines(broken((d) => (d.nodes[3].work = { dist: 'exponential', maen: 0.01 })));
    expect(got).toContain('nodes[3].work: unknown field "maen" (did you mean "mean"?)');
    expect(got).toContain('nodes[3].work.mean: is required');
    expect(got.join('\n')).not.toContain('byClass');
  });

  it('reads a per-class map with a bad entry as a per-class map', () => {
    expect(lines(broken((d) => (d.nodes[2].work.byClass.checkout.cv = 0)))).toEqual(['nodes[2].work.byClass.checkout.cv: must be greater than 0']);
  });

  it('lists the choices for a discriminator and suggests the nearest', () => {
    expect(lines(broken((d) => (d.nodes[3].kind = 'sevice')))).toEqual([
      'nodes[3].kind: must be one of "source", "gateway", "service", "cache", "queue", "database", "external", not "sevice" (did you mean "service"?)',
    ]);
    expect(lines(broken((d) => (d.nodes[0].arrival.process = 'poison')))).toEqual([
      'nodes[0].arrival.process: must be one of "poisson", "constant", "bursty", "closed", not "poison" (did you mean "poisson"?)',
    ]);
    expect(lines(broken((d) => delete d.nodes[3].kind))).toEqual(['nodes[3].kind: is required: one of "source", "gateway", "service", "cache", "queue", "database", "external"']);
    expect(lines(broken((d) => (d.nodes[3].work = { dist: 'gaussian', mean: 1 })))[0]).toMatch(/^nodes\[3\]\.work\.dist: must be one of "exponential", .*not "gaussian"$/);
  });

  it('explains a value that is not a distribution at all', () => {
    expect(lines(broken((d) => (d.nodes[3].work = 0.01)))).toEqual([
      'nodes[3].work: must be a distribution ({"dist": "exponential", "mean": …} and the like) or a per-class map {"byClass": {…}, "default": …}',
    ]);
  });

  it('keeps refinement messages', () => {
    expect(lines(broken((d) => (d.nodes[3].work = { dist: 'uniform', min: 2, max: 1 })))).toEqual(['nodes[3].work.max: max must be at least min']);
    expect(lines(broken((d) => (d.nodes[7].autoscale.max = 0.5)))).toContain('nodes[7].autoscale.max: must be a positive integer');
  });

  it('quotes keys that are not identifiers', () => {
    expect(lines(broken((d) => (d.nodes[0].mix = { 'big spender': 1 })))).toEqual(['nodes[0].mix["big spender"]: is not a valid key: may contain only letters, digits, "-" and "_"']);
  });

  it('describes alternatives of plain unions', () => {
    expect(lines(broken((d) => (d.whatIf.vary[0].values = [1, null])))).toEqual(['whatIf.vary[0].values[1]: must be a number, a string or a boolean (true or false)']);
  });

  it('accepts a $schema reference for editors', () => {
    expect(warningsOf(broken((d) => (d.$schema = '../schema/scenario-v1.schema.json')))).toEqual([]);
  });
});

describe('semantic problems', () => {
  it('duplicate node ids', () => {
    expect(lines(broken((d) => (d.nodes[3].id = 'api')))).toContain('nodes[3].id: duplicate node id "api" (nodes[2] has it too)');
  });

  it('edges to and from unknown nodes', () => {
    expect(lines(broken((d) => (d.edges[2].to = 'autth')))).toEqual(['edges[2].to: there is no node "autth" (did you mean "auth"?)']);
    expect(lines(broken((d) => (d.edges[4].from = 'memcached')))).toEqual(['edges[4].from: there is no node "memcached"']);
  });

  it('a cycle of sync calls, named at the edge that closes it', () => {
    expect(lines(broken((d) => d.edges.push({ from: 'auth', to: 'api' })))).toEqual(['edges[9]: sync calls form a cycle: api → auth → api']);
    expect(lines(broken((d) => d.edges.push({ from: 'api', to: 'api' })))).toEqual(['edges[9]: sync calls form a cycle: api → api']);
    expect(lines(broken((d) => d.edges.push({ from: 'db', to: 'api', classes: ['browse'] })))).toEqual(['edges[9]: sync calls form a cycle: api → redis → db → api']);
  });

  it('no cycle through async calls, queue subscriptions, or classes that cannot travel all of it', () => {
    expect(warningsOf(broken((d) => d.edges.push({ from: 'auth', to: 'api', mode: 'async' })))).toEqual([]);
    const viaQueue = broken((d) => {
      d.edges[6].mode = 'sync';
      d.edges.push({ from: 'worker', to: 'api' });
    });
    expect(warningsOf(viaQueue)).toEqual([]);
    const disjoint = broken((d) => {
      d.edges[2].classes = ['checkout'];
      d.edges.push({ from: 'auth', to: 'api', classes: ['browse'] });
    });
    expect(warningsOf(disjoint)).toEqual([]);
  });

  it('a source that makes no calls', () => {
    expect(lines(broken((d) => d.edges.splice(0, 1)))).toContain('nodes[0]: source "users" makes no calls: add an edge from it');
  });

  it('calls into a source', () => {
    expect(lines(broken((d) => d.edges.push({ from: 'api', to: 'users', mode: 'async' })))).toEqual([
      'edges[9].to: "users" is a source: sources send requests and cannot be called',
    ]);
  });

  it('a scenario without any source', () => {
    const d = { format: 'headroom/scenario', version: 1, name: 'empty', nodes: [], edges: [], run: { duration: 10 } };
    expect(lines(d)).toEqual(['nodes: needs at least one source node: load comes only from sources']);
  });

  it('classes used but not declared, wherever they are used', () => {
    const used = lines(
      broken((d) => {
        d.nodes[0].mix = { browse: 0.8, chekout: 0.2 };
        d.edges[3].classes = ['brows'];
        d.nodes[2].work.byClass = { checkot: d.nodes[2].work.byClass.checkout };
        d.nodes[5].writes = ['checkout', 'refund'];
        d.nodes[4].hitRatio = { byClass: { browsing: 0.9 }, default: 0 };
      }),
    );
    expect(used).toContain('nodes[0].mix.chekout: class "chekout" is not declared in classes (did you mean "checkout"?)');
    expect(used).toContain('edges[3].classes[0]: class "brows" is not declared in classes (did you mean "browse"?)');
    expect(used).toContain('nodes[2].work.byClass.checkot: class "checkot" is not declared in classes (did you mean "checkout"?)');
    expect(used).toContain('nodes[5].writes[1]: class "refund" is not declared in classes');
    expect(used).toContain('nodes[4].hitRatio.byClass.browsing: class "browsing" is not declared in classes');
  });

  it('without classes the only class is "default"', () => {
    const got = lines(
      broken((d) => {
        delete d.classes;
        delete d.nodes[0].mix;
      }),
    );
    expect(got).toContain('edges[3].classes[0]: class "browse" is not declared in classes (the file declares no "classes", so the only class is "default")');
    expect(got).toContain('nodes[5].writes[0]: class "checkout" is not declared in classes (the file declares no "classes", so the only class is "default")');
  });

  it('a source without mix when "default" is not a declared class', () => {
    expect(lines(broken((d) => delete d.nodes[0].mix))).toContain(
      'nodes[0]: source "users" has no "mix", so its requests are of class "default", which classes does not declare: add a mix',
    );
  });

  it('duplicate class ids', () => {
    expect(lines(broken((d) => d.classes.push({ id: 'browse' })))).toEqual(['classes[2].id: duplicate class id "browse" (classes[0] has it too)']);
  });

  it('mix shares must add up to 1, within 1e-6', () => {
    expect(lines(broken((d) => (d.nodes[0].mix = { browse: 0.7, checkout: 0.2 })))).toEqual(['nodes[0].mix: shares must add up to 1; they add up to 0.9']);
    expect(warningsOf(broken((d) => (d.nodes[0].mix = { browse: 0.1 + 0.7, checkout: 0.2 + 5e-7 })))).toEqual([]);
    expect(lines(broken((d) => (d.nodes[0].mix = { browse: 0.8, checkout: 0.2 + 2e-6 })))).toEqual(['nodes[0].mix: shares must add up to 1; they add up to 1.000002']);
  });

  it('a per-class map must cover every class that reaches its node, or have a default', () => {
    expect(lines(broken((d) => delete d.nodes[2].work.default))).toEqual(['nodes[2].work: has no "default" and no entry for class "browse", whose requests reach "api"']);
    // Only browse requests reach redis, so a browse-only map is complete there.
    expect(warningsOf(broken((d) => delete d.nodes[4].hitRatio.default))).toEqual([]);
  });

  it('profile points in time order', () => {
    expect(lines(broken((d) => (d.nodes[0].profile[2].at = 30)))).toEqual(['nodes[0].profile[2].at: must not be earlier than the point before it (at 60)']);
    expect(warningsOf(broken((d) => (d.nodes[0].profile[2].at = 60)))).toEqual([]);
  });

  it('a profile on a closed loop of users scales its users, within the users bound', () => {
    const closed = (users: number) =>
      broken((d) => {
        d.nodes[0].arrival = { process: 'closed', users, thinkTime: { dist: 'exponential', mean: 1 } };
        delete d.whatIf;
      });
    expect(warningsOf(closed(20))).toEqual([]);
    expect(lines(closed(600_000))).toEqual(['nodes[0].profile: asks for 1.2 M users at its peak ("users" × the largest "scale"); at most 1 M are allowed']);
  });

  it('a shed policy needs a queue limit', () => {
    expect(warningsOf(broken((d) => (d.nodes.find((n: Doc) => n.id === 'api').shed = 'oldest')))).toEqual([]);
    const i = shop().nodes.findIndex((n: Doc) => n.id === 'auth');
    expect(warningsOf(broken((d) => (d.nodes[i].shed = 'oldest')))).toEqual([`nodes[${i}].shed: has no effect: without a "queue" limit the queue is never full, so nothing is shed`]);
    expect(lines(broken((d) => (d.nodes[i].shed = 'lifo')))).toEqual([
      `nodes[${i}].shed: must be "newest" (a full queue rejects the arrival), "oldest" (it drops the longest waiting) or {"codel": {"target": s, "interval": s}} (drop by waiting time; both optional, 5 ms and 100 ms)`,
    ]);
  });

  it('CoDel sheds by waiting time, with or without a queue limit', () => {
    const i = shop().nodes.findIndex((n: Doc) => n.id === 'auth');
    const codel = (c: unknown) => broken((d) => (d.nodes[i].shed = { codel: c }));
    expect(warningsOf(codel({}))).toEqual([]);
    expect(warningsOf(codel({ target: 0.01, interval: 0.2 }))).toEqual([]);
    expect(lines(codel({ target: 0 }))).toEqual([`nodes[${i}].shed.codel.target: must be greater than 0`]);
    expect(lines(codel({ target: 7200 }))).toEqual([`nodes[${i}].shed.codel.target: must be at most 3,600 s (it is 7,200 s)`]);
    expect(lines(codel({ intervall: 1 }))).toEqual([`nodes[${i}].shed.codel: unknown field "intervall"`]);
    expect(warningsOf(codel({ target: 0.2 }))).toEqual([
      `nodes[${i}].shed.codel.target: the target (200 ms) is not below the interval (100 ms): CoDel judges waits over an interval many times its target (RFC 8289 takes 5% to 10%), so it would hardly ever drop`,
    ]);
    expect(warningsOf(codel({ interval: 0.005 }))[0]).toMatch(/^nodes\[\d+\]\.shed\.codel\.interval: the target \(5 ms\)/);
    const zh = parseScenario(codel({ target: -1 }));
    expect(zh.ok).toBe(false);
    if (!zh.ok) expect(formatIssueIn(zh.issues[0]!, 'zh-CN')).toBe(`nodes[${i}].shed.codel.target：必须大于 0`);
  });

  it('retry jitter and budget, and a bulkhead pool', () => {
    const retries = (r: object) => broken((d) => (d.edges[2].retries = { max: 2, backoff: 0.05, ...r }));
    expect(warningsOf(retries({ jitter: 'full', budget: { ratio: 0.2, window: 10 } }))).toEqual([]);
    expect(lines(retries({ jitter: 'half' }))).toEqual(['edges[2].retries.jitter: must be "none" or "full" or "equal"']);
    expect(lines(retries({ budget: { ratio: 1.5, window: 10 } }))).toEqual(['edges[2].retries.budget.ratio: must be in [0, 1] (it is 1.5)']);
    expect(lines(retries({ budget: { ratio: 0.1 } }))).toEqual(['edges[2].retries.budget.window: is required']);
    expect(warningsOf(retries({ max: 0, budget: { ratio: 0.1, window: 10 } }))).toEqual(['edges[2].retries.budget: has no effect: "max" is 0, so no retry is ever made']);
    const pool = (p: unknown) => broken((d) => (d.edges[5].pool = p));
    expect(warningsOf(pool({ size: 5, queue: 10, timeout: 0.2 }))).toEqual([]);
    expect(lines(pool({ size: 0 }))).toEqual(['edges[5].pool.size: must be a positive integer']);
    expect(lines(pool({ queue: 3 }))).toEqual(['edges[5].pool.size: is required']);
    expect(lines(pool('five'))).toEqual(['edges[5].pool: must be a number of connections, or {"size": n, "queue": q, "timeout": s} ("queue" and "timeout" optional)']);
    expect(warningsOf(pool({ size: 5, queue: 0, timeout: 1 }))).toEqual(['edges[5].pool.timeout: has no effect: with "queue": 0 no call waits for a slot']);
  });

  it('a pool on an async call', () => {
    expect(lines(broken((d) => (d.edges[6].pool = 4)))).toEqual(['edges[6].pool: only sync calls have a pool; this call is async']);
  });

  it('more cpus than workers', () => {
    expect(lines(broken((d) => (d.nodes[2].cpus = 16)))).toEqual(['nodes[2].cpus: must not be more than workers (16 > 8): a CPU runs a request that holds a worker']);
  });

  it('autoscaling without workers or cpus', () => {
    expect(lines(broken((d) => delete d.nodes[7].workers))).toEqual(['nodes[7].autoscale: needs "workers" or "cpus" on the node: the target utilization is a share of them']);
    expect(warningsOf(broken((d) => (delete d.nodes[7].workers, (d.nodes[7].cpus = 2))))).toEqual([]);
  });

  it('each autoscale metric needs its own target, and a backlog needs a queue node', () => {
    const as = (d: Doc, a: object) => (d.nodes[7].autoscale = { min: 1, max: 4, ...a });
    expect(warningsOf(broken((d) => as(d, { metric: 'cpu', targetUtilization: 0.6 })))).toEqual([]);
    expect(warningsOf(broken((d) => as(d, { metric: 'rps', targetRps: 50, scaleDownStabilization: 300 })))).toEqual([]);
    expect(warningsOf(broken((d) => as(d, { metric: 'backlog', queue: 'orders', targetBacklog: 20 })))).toEqual([]);
    expect(lines(broken((d) => as(d, { metric: 'cpus', targetUtilization: 0.6 })))).toEqual(['nodes[7].autoscale.metric: must be one of "workers", "cpu", "rps", "backlog"']);
    expect(lines(broken((d) => as(d, { metric: 'cpu' })))).toEqual(['nodes[7].autoscale.targetUtilization: is required with metric "cpu" (e.g. 0.6)']);
    expect(lines(broken((d) => as(d, {})))).toEqual(['nodes[7].autoscale.targetUtilization: is required with metric "workers" (e.g. 0.6)']);
    expect(lines(broken((d) => as(d, { metric: 'rps', targetRps: 0 })))).toEqual(['nodes[7].autoscale.targetRps: must be greater than 0']);
    expect(lines(broken((d) => as(d, { metric: 'backlog' })))).toEqual([
      'nodes[7].autoscale.queue: is required with metric "backlog" (e.g. "orders")',
      'nodes[7].autoscale.targetBacklog: is required with metric "backlog" (e.g. 20)',
    ]);
    expect(lines(broken((d) => as(d, { metric: 'backlog', queue: 'order', targetBacklog: 20 })))).toEqual(['nodes[7].autoscale.queue: there is no node "order" (did you mean "orders"?)']);
    expect(lines(broken((d) => as(d, { metric: 'backlog', queue: 'db', targetBacklog: 20 })))).toEqual([
      'nodes[7].autoscale.queue: "db" is a database, not a queue: the backlog metric reads a queue node\'s backlog',
    ]);
    expect(lines(broken((d) => as(d, { metric: 'cpu', targetUtilization: 0.6, scaleUpStabilization: -1 })))).toEqual(['nodes[7].autoscale.scaleUpStabilization: must be 0 or more']);
    expect(lines(broken((d) => (delete d.nodes[7].workers, as(d, { metric: 'cpu', targetUtilization: 0.6 }))))).toEqual([
      'nodes[7].autoscale: needs "cpus" on the node: the target utilization is a share of its CPUs',
    ]);
    // rps and backlog do not need either.
    expect(warningsOf(broken((d) => (delete d.nodes[7].workers, as(d, { metric: 'rps', targetRps: 50 }))))).toEqual([]);
  });

  it('a target of another metric is ignored, with a warning', () => {
    expect(warningsOf(broken((d) => (d.nodes[7].autoscale = { min: 1, max: 4, metric: 'rps', targetRps: 50, targetUtilization: 0.6 })))).toEqual([
      'nodes[7].autoscale.targetUtilization: is ignored: the autoscaler scales on metric "rps"',
    ]);
    expect(warningsOf(broken((d) => (d.nodes[7].autoscale.targetRps = 50)))).toEqual([
      'nodes[7].autoscale.targetRps: is ignored: the autoscaler scales on busy workers (metric "workers", the default)',
    ]);
  });

  it('autoscaling an async server on busy workers is a warning, in both languages', () => {
    const asyncApi = (metric?: string) =>
      broken((d) => {
        Object.assign(d.nodes[7], { workers: 800, cpus: 4, label: 'Async API' });
        if (metric) d.nodes[7].autoscale.metric = metric;
      });
    const outcome = parseScenario(asyncApi());
    if (!outcome.ok) throw new Error('expected a valid scenario');
    expect(outcome.warnings.map(formatIssue)).toEqual([
      'nodes[7].autoscale.metric: Async API: the autoscaler counts busy workers, but 800 workers per replica on 4 CPUs is an async server, whose workers are rarely all busy: it would scale down while its CPUs are saturated. Set autoscale.metric to "cpu", as the Kubernetes HPA scales',
    ]);
    const finding = outcome.warnings[0]!.finding!;
    expect(renderFinding(finding, sentenceContext('zh-CN', { worker: 'Async API' }))).toBe(
      'Async API：自动扩缩按忙碌的工作槽计数，但每个副本 800 个工作槽只有 4 个 CPU，这是异步服务器，工作槽很少全部忙碌：CPU 已经饱和时它仍会缩容。请把扩缩指标改为 CPU 利用率，与 HPA 相同',
    );
    expect(warningsOf(asyncApi('workers'))).toHaveLength(1);
    expect(warningsOf(asyncApi('cpu'))).toEqual([]);
    // 8 workers per CPU is where it starts; a sync server with a few threads per CPU is not warned about.
    expect(warningsOf(broken((d) => Object.assign(d.nodes[7], { workers: 16, cpus: 2 })))).toHaveLength(1);
    expect(warningsOf(broken((d) => Object.assign(d.nodes[7], { workers: 15, cpus: 2 })))).toEqual([]);
  });

  it('replicas outside the autoscaling range is only a warning', () => {
    expect(warningsOf(broken((d) => (d.nodes[7].replicas = 6)))).toEqual(['nodes[7].replicas: 6 is above autoscale.max (4); the run starts at 4']);
    expect(warningsOf(broken((d) => ((d.nodes[7].autoscale.min = 3), (d.nodes[7].replicas = 2))))).toEqual([
      'nodes[7].replicas: 2 is below autoscale.min (3); the run starts at 3',
    ]);
  });

  it('a token bucket smaller than one token', () => {
    expect(lines(broken((d) => (d.nodes[1].rateLimit.burst = 0.5)))).toEqual([
      'nodes[1].rateLimit.burst: must be at least 1: a request takes a whole token, so a smaller bucket never admits one',
    ]);
  });

  it('faults on unknown nodes, sources, queues, and missing replicas', () => {
    expect(lines(broken((d) => (d.faults[0].node = 'dbb')))).toEqual(['faults[0].node: there is no node "dbb" (did you mean "db"?)']);
    expect(lines(broken((d) => (d.faults[0] = { node: 'users', at: 10, for: 5 })))).toEqual(['faults[0].node: "users" is a source: only nodes with replicas can fail']);
    expect(lines(broken((d) => (d.faults[0] = { node: 'orders', at: 10, for: 5 })))).toEqual(['faults[0].node: "orders" is a queue: only nodes with replicas can fail']);
    expect(lines(broken((d) => (d.faults[0].replica = 2)))).toEqual(['faults[0].replica: "db" has 2 replicas, numbered 0–1']);
    expect(lines(broken((d) => (d.faults[0] = { node: 'auth', at: 10, for: 5, replica: 1 })))).toEqual(['faults[0].replica: "auth" has 1 replica, numbered 0']);
    expect(lines(broken((d) => (d.faults[0].replicas = 2)))).toEqual(['faults[0]: give either "replica" (one named replica) or "replicas" (how many), not both']);
  });

  it('a fault on an autoscaled node may name any replica up to autoscale.max', () => {
    expect(warningsOf(broken((d) => (d.faults[0] = { node: 'worker', at: 10, for: 5, replica: 3 })))).toEqual([]);
  });

  it('faults that never happen or take more replicas than exist are warnings', () => {
    expect(warningsOf(broken((d) => (d.faults[0] = { node: 'db', at: 200, for: 5 })))).toEqual([
      'faults[0].at: 200 s is at or after the end of the run (130 s, warm-up included): this fault never happens',
    ]);
    expect(warningsOf(broken((d) => (d.faults[0] = { node: 'db', at: 20, for: 5, replicas: 3 })))).toEqual(['faults[0].replicas: "db" has only 2 replicas: all of them fail']);
  });

  it('flushes of one cache that meet are a warning (they compound); one after the other, or on other caches, are not', () => {
    const flushes = (events: Doc[], keyed = false) =>
      broken((d) => {
        d.events = events;
        if (!keyed) return;
        delete d.nodes[4].hitRatio;
        Object.assign(d.nodes[4], { keys: { count: 1000, popularity: 'uniform' }, ttl: 30 });
      });
    // A keyless flush holds its cache until warm (default 60 s) has ramped it back.
    const keyless = warningsOf(flushes([{ at: 30, node: 'redis', action: 'flush', warm: 20 }, { at: 40, node: 'redis', action: 'flush', share: 0.5 }]));
    expect(keyless).toEqual([
      'events[1].at: meets the flush of events[0] (30–50 s) on "redis": the two compound (their shares of the hit ratio multiply), so the run measures both at once; give the second one a later "at" if they are meant apart',
    ]);
    expect(warningsOf(flushes([{ at: 30, node: 'redis', action: 'flush' }, { at: 60, node: 'redis', action: 'flush' }]))).toHaveLength(1);
    expect(warningsOf(flushes([{ at: 30, node: 'redis', action: 'flush', warm: 20 }, { at: 50, node: 'redis', action: 'flush' }]))).toEqual([]);
    // A keyed flush lasts its `for` only: instant flushes meet at the same moment or within another's hold.
    expect(warningsOf(flushes([{ at: 30, node: 'redis', action: 'flush' }, { at: 31, node: 'redis', action: 'flush' }], true))).toEqual([]);
    expect(warningsOf(flushes([{ at: 30, node: 'redis', action: 'flush', for: 10, share: 0.5 }, { at: 35, node: 'redis', action: 'flush', share: 0.5 }], true))).toEqual([
      'events[1].at: meets the flush of events[0] (30–40 s) on "redis": the two compound (a key stays lost while either holds it out), so the run measures both at once; give the second one a later "at" if they are meant apart',
    ]);
    const same = parseScenario(flushes([{ at: 30, node: 'redis', action: 'flush' }, { at: 30, node: 'redis', action: 'flush' }], true));
    if (!same.ok) throw new Error('expected a valid scenario');
    expect(same.warnings.map((w) => w.path)).toEqual(['events[1].at']);
    expect(formatIssueIn(same.warnings[0]!, 'zh-CN')).toBe(
      'events[1].at：与 events[0] 在 "redis" 上的清空（30–30 秒）相遇：两次清空叠加（任一次清空挡住的键都保持失去），因此这次运行同时测的是两次清空；如果它们本应分开，请把后一个事件的 "at" 设得更晚',
    );
  });

  it('whatIf.load needs an open source and an SLO', () => {
    expect(lines(broken((d) => (d.whatIf.load.source = 'api')))).toEqual(['whatIf.load.source: "api" is a service, not a source']);
    expect(lines(broken((d) => (d.whatIf.load.source = 'user')))).toEqual(['whatIf.load.source: there is no node "user" (did you mean "users"?)']);
    const closed = broken((d) => {
      d.nodes[0].arrival = { process: 'closed', users: 20, thinkTime: { dist: 'exponential', mean: 1 } };
      delete d.nodes[0].profile;
    });
    expect(lines(closed)).toEqual([
      'whatIf.load.source: "users" is a closed loop of users: find "max" searches an arrival rate, which needs an open process (poisson, constant, bursty)',
    ]);
    expect(lines(broken((d) => delete d.slo))).toEqual(['whatIf.load: find "max" looks for the highest load that meets the SLO, but the file states no "slo"']);
    expect(lines(broken((d) => Object.assign(d.whatIf.load, { min: 100, max: 10 })))).toEqual(['whatIf.load.max: must be at least min (100)']);
  });

  it('whatIf.vary paths must resolve, once each', () => {
    expect(lines(broken((d) => (d.whatIf.vary[0].path = 'nodes.apii.replicas')))).toEqual(['whatIf.vary[0].path: there is no node "apii" (did you mean "api"?)']);
    expect(lines(broken((d) => (d.whatIf.vary[0].path = 'edges.40.timeout')))).toEqual(['whatIf.vary[0].path: there is no edge 40 (they are 0–8)']);
    expect(lines(broken((d) => d.whatIf.vary.push({ path: 'nodes.api.replicas', values: [3] })))).toEqual([
      'whatIf.vary[1].path: "nodes.api.replicas" is already varied by whatIf.vary[0]',
    ]);
    expect(warningsOf(broken((d) => (d.whatIf.vary[0].path = 'nodes.auth.replicas')))).toEqual([]);
  });

  it('every point of a whatIf.vary sweep must be a valid scenario', () => {
    expect(lines(broken((d) => (d.whatIf.vary[0].values = [1, 0, 'two'])))).toEqual([
      'whatIf.vary[0].values[1]: with 0, nodes[2].replicas: must be a positive integer',
      'whatIf.vary[0].values[2]: with "two", nodes[2].replicas: must be a positive integer',
    ]);
    expect(lines(broken((d) => (d.whatIf.vary[0] = { path: 'nodes.api.wrkers', values: [4] })))).toEqual([
      'whatIf.vary[0].values[0]: with 4, nodes[2]: unknown field "wrkers" (did you mean "workers"?)',
    ]);
    expect(lines(broken((d) => (d.whatIf.vary[0] = { path: 'nodes.api.cpus', values: [2, 12] })))).toEqual([
      'whatIf.vary[0].values[1]: with 12, nodes[2].cpus: must not be more than workers (12 > 8): a CPU runs a request that holds a worker',
    ]);
  });

  it('retries and timeouts on async calls are warnings', () => {
    expect(warningsOf(broken((d) => Object.assign(d.edges[6], { retries: { max: 1 }, timeout: 1 })))).toEqual([
      'edges[6].retries: has no effect: async calls are not retried',
      'edges[6].timeout: has no effect: the caller of an async call does not wait for it',
    ]);
  });

  it('whatIf.plan nodes must exist', () => {
    expect(lines(broken((d) => (d.whatIf.plan = { nodes: ['api', 'wroker'] })))).toEqual(['whatIf.plan.nodes[1]: there is no node "wroker" (did you mean "worker"?)']);
  });

  it('a queue without subscribers, and a node nothing calls, are warnings', () => {
    expect(warningsOf(broken((d) => d.edges.splice(7, 1)))).toEqual([
      'nodes[6]: queue "orders" has no subscribers (no edge from it): its messages are never consumed',
      'nodes[7]: nothing calls "worker": it receives no requests',
    ]);
  });

  it('capacity an import left to fill in is a warning naming the node and its fields', () => {
    expect(warningsOf(broken((d) => (d.nodes[2].toFill = ['replicas', 'workers'])))).toEqual([
      'nodes[2].toFill: "api" still has "replicas", "workers" to fill in (the import could not know them): the run uses placeholders until you set them',
    ]);
    expect(warningsOf(broken((d) => (d.nodes[2].toFill = [])))).toEqual([]);
  });

  it('reports every problem at once', () => {
    const got = lines(
      broken((d) => {
        d.nodes[2].cpus = 16;
        d.edges[6].pool = 4;
        d.faults[0].node = 'nope';
      }),
    );
    expect(got).toHaveLength(3);
  });
});

describe('the root of the file', () => {
  it.each([
    [null, 'must be a JSON object (a Headroom scenario, "format": "headroom/scenario"), not null'],
    [[1, 2], 'must be a JSON object (a Headroom scenario, "format": "headroom/scenario"), not a list'],
    ['scenario', 'must be a JSON object (a Headroom scenario, "format": "headroom/scenario"), not a string'],
    [42, 'must be a JSON object (a Headroom scenario, "format": "headroom/scenario"), not a number'],
  ])('%j is not a scenario', (input, message) => {
    expect(issuesOf(parseScenario(input))).toMatchObject([{ path: '', message }]);
  });

  it('formats root issues without a path', () => {
    expect(formatIssue({ path: '', message: 'x' })).toBe('x');
    expect(formatIssue({ path: 'nodes[2].workers', message: 'must be a positive integer' })).toBe('nodes[2].workers: must be a positive integer');
  });

  it('parses JSON text and reports syntax errors at the root', () => {
    expect(parseScenarioJson(shopText).ok).toBe(true);
    const bad = issuesOf(parseScenarioJson('{"format": '));
    expect(bad).toHaveLength(1);
    expect(bad[0]?.path).toBe('');
    expect(bad[0]?.message).toMatch(/^is not valid JSON \(line 1, column 12\): /);
  });

  it('names where the syntax error is in every language, and keeps the English parser detail out of Chinese', () => {
    const [issue] = issuesOf(parseScenarioJson('{\n  "format": "headroom/scenario",\n  "name": "x",,\n}'));
    expect(formatIssueIn(issue!, 'en')).toMatch(/^is not valid JSON \(line 3, column 15\): \S/);
    expect(formatIssueIn(issue!, 'zh-CN')).toBe('不是有效的 JSON（第 3 行，第 15 列）');
    expect(formatIssueIn(issuesOf(parseScenarioJson('{"format": '))[0]!, 'zh-CN')).toBe('不是有效的 JSON（第 1 行，第 12 列）：文件似乎被截断了');
  });
});

describe('assertScenario', () => {
  it('returns a valid scenario', () => {
    expect(assertScenario(shop()).name).toBe('Shop (test fixture)');
  });

  it('throws an error listing every issue', () => {
    const bad = broken((d) => {
      d.nodes[2].workers = 0;
      d.run.duration = -1;
    });
    expect(() => assertScenario(bad)).toThrowError(
      'invalid scenario (2 problems):\n  nodes[2].workers: must be a positive integer\n  run.duration: must be greater than 0',
    );
  });
});

describe('properties', () => {
  it('never throws, and always explains a rejection, on any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const outcome = parseScenario(value);
        if (!outcome.ok) {
          expect(outcome.issues.length).toBeGreaterThan(0);
          for (const i of outcome.issues) expect(typeof i.path === 'string' && i.message.length > 0).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('never throws when any field of a valid scenario is replaced by any JSON value', () => {
    const fields = ['workers', 'cpus', 'work', 'kind', 'id', 'latency', 'hitRatio', 'arrival', 'mix', 'profile', 'autoscale', 'writes', 'replicas', 'rateLimit', 'position'];
    fc.assert(
      fc.property(fc.nat(7), fc.constantFrom(...fields), fc.jsonValue({ maxDepth: 3 }), (node, field, value) => {
        const d = shop();
        d.nodes[node][field] = value;
        const outcome = parseScenario(d);
        if (!outcome.ok) expect(outcome.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on values JSON cannot hold', () => {
    const cyclic: Doc = { format: 'headroom/scenario', version: 0, nodes: [] };
    cyclic.nodes.push(cyclic);
    for (const v of [undefined, () => 1, Symbol('s'), 10n, new Date(0), new Map(), cyclic, { ...shop(), run: { duration: Infinity } }, { ...shop(), run: { duration: Number.NaN } }]) {
      const outcome = parseScenario(v);
      expect(outcome.ok).toBe(false);
    }
  });

  const positive = (max: number) => fc.double({ min: 1e-4, max, noNaN: true });
  const dist = fc.oneof(
    fc.record({ dist: fc.constant('exponential' as const), mean: positive(1) }),
    fc.record({ dist: fc.constant('constant' as const), value: positive(1) }),
    fc.record({ dist: fc.constant('lognormal' as const), mean: positive(1), cv: positive(3) }),
    fc.record({ dist: fc.constant('erlang' as const), mean: positive(1), k: fc.integer({ min: 1, max: 8 }) }),
  );
  const service = fc
    .record({ replicas: fc.integer({ min: 1, max: 8 }), workers: fc.integer({ min: 1, max: 64 }), cpuShare: fc.double({ min: 0, max: 1, noNaN: true }), work: dist })
    .map(({ cpuShare, ...s }) => ({ ...s, cpus: Math.max(1, Math.floor(s.workers * cpuShare)) }));
  const scenarioArb: fc.Arbitrary<Scenario> = fc
    .record({
      rate: positive(1000),
      services: fc.array(service, { minLength: 1, maxLength: 5 }),
      asyncLast: fc.boolean(),
      duration: positive(1000),
      seed: fc.integer(),
    })
    .map(({ rate, services, asyncLast, duration, seed }) => ({
      format: 'headroom/scenario' as const,
      version: 1 as const,
      name: 'generated',
      nodes: [
        { id: 'users', kind: 'source' as const, label: 'users', position: { x: 0, y: 0 }, arrival: { process: 'poisson' as const, rate } },
        ...services.map((s, i) => ({ id: `s${i}`, kind: 'service' as const, label: `s${i}`, position: { x: 220 * (i + 1), y: 0 }, ...s })),
      ],
      edges: services.map((_, i) => ({
        from: i === 0 ? 'users' : `s${i - 1}`,
        to: `s${i}`,
        ...(asyncLast && i === services.length - 1 && i > 0 ? { mode: 'async' as const } : {}),
      })),
      run: { duration, seed },
    }));

  it('accepts generated valid scenarios and returns them unchanged, also through JSON text', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const outcome = parseScenario(s);
        expect(outcome.ok && outcome.warnings).toEqual([]);
        expect(outcome.ok && outcome.scenario).toEqual(s);
        const again = parseScenarioJson(JSON.stringify(s));
        expect(again.ok && again.scenario).toEqual(s);
      }),
      { numRuns: 200 },
    );
  });

  it('does not mutate its input', () => {
    const input = broken((d) => (d.nodes[2].workers = 0));
    const before = JSON.stringify(input);
    parseScenario(input);
    parseScenario(shop());
    expect(JSON.stringify(input)).toBe(before);
  });
});

describe('network per hop and geometric call counts', () => {
  const wire = { dist: 'constant', value: 0.002 };
  it('accepts latency on any call into a node, sync or async, and geometric calls', () => {
    expect(
      warningsOf(
        broken((d) => {
          d.edges[2].latency = wire;
          d.edges[6].latency = { dist: 'exponential', mean: 0.001 };
          d.edges[3].calls = { mean: 2.5, dist: 'geometric' };
        }),
      ),
    ).toEqual([]);
  });
  it('names the field of a bad geometric count, and bounds its mean as a count', () => {
    expect(lines(broken((d) => (d.edges[2].calls = { mean: 2, dist: 'poisson' })))).toEqual(['edges[2].calls.dist: must be "geometric"']);
    expect(lines(broken((d) => (d.edges[2].calls = { mean: -1, dist: 'geometric' })))).toEqual(['edges[2].calls.mean: must be 0 or more']);
    expect(lines(broken((d) => (d.edges[2].calls = { mean: 5000, dist: 'geometric' })))).toEqual(['edges[2].calls.mean: must be at most 1,000 (it is 5,000)']);
    expect(lines(broken((d) => (d.edges[2].calls = 'x')))).toEqual(['edges[2].calls: must be a number of calls (2.5: two, and a third half the time) or {"mean": m, "dist": "geometric"}']);
  });
  it('names the field of a bad latency, bounded as a request time', () => {
    expect(lines(broken((d) => (d.edges[2].latency = { dist: 'exponential' })))).toEqual(['edges[2].latency.mean: is required']);
    expect(lines(broken((d) => (d.edges[2].latency = { dist: 'constant', value: 7200 })))).toEqual(['edges[2].latency.value: must be at most 3,600 s (it is 7,200 s)']);
  });
  it('refuses latency on a queue subscription, where consumers pull', () => {
    expect(lines(broken((d) => (d.edges[7].latency = wire)))).toEqual(['edges[7].latency: "orders" is a queue, and its subscribers pull messages: put the wire time on the edge into the queue instead']);
  });
  it('a per-class latency names undeclared classes and must cover the classes that make the call', () => {
    expect(lines(broken((d) => (d.edges[2].latency = { byClass: { brwse: wire }, default: wire })))).toEqual([
      'edges[2].latency.byClass.brwse: class "brwse" is not declared in classes (did you mean "browse"?)',
    ]);
    expect(lines(broken((d) => (d.edges[2].latency = { byClass: { browse: wire } })))).toEqual(['edges[2].latency: has no "default" and no entry for class "checkout", whose requests make this call']);
    // Only checkout travels api → db, so a map for checkout alone is complete.
    expect(warningsOf(broken((d) => (d.edges[5].latency = { byClass: { checkout: wire } })))).toEqual([]);
  });
});

describe('parallel calls: group and join', () => {
  const group = (d: Doc, edges: number[], name = 'fanout') => {
    for (const i of edges) d.edges[i].group = name;
  };
  it('accepts a group of sync calls, with join stated on one member or agreed on by several', () => {
    expect(warningsOf(broken((d) => group(d, [2, 3, 5])))).toEqual([]);
    expect(
      warningsOf(
        broken((d) => {
          group(d, [2, 3, 5]);
          d.edges[2].join = { quorum: 2 };
          d.edges[5].join = { quorum: 2 };
        }),
      ),
    ).toEqual([]);
    expect(warningsOf(broken((d) => (group(d, [2, 3]), (d.edges[3].join = 'any'))))).toEqual([]);
  });
  it('names a bad join and a join without a group', () => {
    expect(lines(broken((d) => (group(d, [2, 3]), (d.edges[2].join = 'first'))))).toEqual(['edges[2].join: must be "all" (every member answered), "any" (the first) or {"quorum": k} (k of them)']);
    expect(lines(broken((d) => (group(d, [2, 3]), (d.edges[2].join = { quorum: 0 }))))).toEqual(['edges[2].join.quorum: must be a positive integer']);
    expect(lines(broken((d) => (d.edges[2].join = 'any')))).toEqual(['edges[2].join: needs "group": only the members of a group of parallel calls join']);
  });
  it('refuses members that disagree on join, naming the first that stated it', () => {
    expect(lines(broken((d) => (group(d, [2, 3, 5]), (d.edges[3].join = 'all'), (d.edges[5].join = 'any'))))).toEqual([
      'edges[5].join: the members of group "fanout" must agree on join: edges[3] says "all", this one "any"',
    ]);
  });
  it('refuses async calls and queue subscriptions in a group', () => {
    expect(lines(broken((d) => group(d, [5, 6])))).toEqual(['edges[6].group: an async call cannot be in a group: its caller does not wait for it, so there is nothing to join']);
    expect(lines(broken((d) => group(d, [7])))).toEqual([
      'edges[7].group: "orders" is a queue, and its edges are subscriptions that consumers pull: only calls a caller waits for are sent in parallel',
    ]);
  });
  it('refuses a quorum above the members, and above the members a class sends', () => {
    expect(lines(broken((d) => (group(d, [2, 3]), (d.edges[2].join = { quorum: 3 }))))).toEqual(['edges[2].join.quorum: group "fanout" of "api" has 2 members: a quorum of 3 can never be reached']);
    // browse sends auth and redis, checkout auth and db: two members each, below a quorum of 3.
    expect(lines(broken((d) => (group(d, [2, 3, 5]), (d.edges[2].join = { quorum: 3 }))))).toEqual([
      'edges[2].join.quorum: only 2 members of group "fanout" carry class "browse", whose requests reach "api": a quorum of 3 can never be reached for them',
      'edges[2].join.quorum: only 2 members of group "fanout" carry class "checkout", whose requests reach "api": a quorum of 3 can never be reached for them',
    ]);
  });
  it('groups are per caller, and warns about a group of one', () => {
    expect(warningsOf(broken((d) => group(d, [2, 8])))).toEqual([
      'edges[2].group: group "fanout" has no other member among the calls of "api": this call is made like any other',
      'edges[8].group: group "fanout" has no other member among the calls of "worker": this call is made like any other',
    ]);
  });
  it('says it in Chinese too', () => {
    const outcome = parseScenario(broken((d) => (group(d, [2, 3]), (d.edges[2].join = { quorum: 3 }))));
    expect(outcome.ok).toBe(false);
    const issue = issuesOf(outcome)[0]!;
    expect(renderFinding(issue.finding!, sentenceContext('zh-CN'))).toBe('"api" 的调用组 "fanout" 只有 2 个成员：永远凑不齐 3 个应答');
  });
});

describe('contention, database cpus and background work', () => {
  it('accepts contention on every node with own work, cpus on a database, background on a service', () => {
    expect(
      warningsOf(
        broken((d) => {
          d.nodes[1].contention = { serial: 0.05 };
          d.nodes[2].contention = { serial: 0.05, crosstalk: 0.001 };
          d.nodes[2].background = { dist: 'exponential', mean: 0.002 };
          d.nodes[5].cpus = 4;
          d.nodes[5].contention = { crosstalk: 0.002 };
        }),
      ),
    ).toEqual([]);
  });
  it('bounds σ and κ to [0, 1], refuses them where there is no own work, and a bad background like any time', () => {
    expect(lines(broken((d) => (d.nodes[2].contention = { serial: 1.5 })))).toEqual(['nodes[2].contention.serial: must be in [0, 1] (it is 1.5)']);
    expect(lines(broken((d) => (d.nodes[2].contention = { crosstalk: -0.1 })))).toEqual(['nodes[2].contention.crosstalk: must be in [0, 1] (it is -0.1)']);
    expect(lines(broken((d) => (d.nodes[2].contention = { serail: 0.1 })))).toEqual([expect.stringMatching(/^nodes\[2\]\.contention: unknown field "serail"/)]);
    expect(lines(broken((d) => (d.nodes[6].contention = { serial: 0.1 })))).toEqual([expect.stringMatching(/^nodes\[6\]: unknown field "contention"/)]);
    expect(lines(broken((d) => (d.nodes[2].background = { dist: 'constant', value: 7200 })))).toEqual(['nodes[2].background.value: must be at most 3,600 s (it is 7,200 s)']);
  });
  it('a database has no more CPUs than connections', () => {
    expect(lines(broken((d) => (d.nodes[5].cpus = 40)))).toEqual(['nodes[5].cpus: must not be more than workers (40 > 20): a CPU runs a request that holds a worker']);
  });
  it('warns of contention that cannot act: nothing in it, or one request in own work at a time', () => {
    expect(warningsOf(broken((d) => (d.nodes[2].contention = {})))).toEqual(['nodes[2].contention: has neither "serial" nor "crosstalk" above 0: own work does not slow with concurrency']);
    expect(warningsOf(broken((d) => (d.nodes[4].contention = { serial: 0.2 })))).toEqual([
      'nodes[4].contention: has no effect: with "workers": 1 a replica does its own work one request at a time, so n is always 1 and the work is never scaled',
    ]);
    expect(warningsOf(broken((d) => Object.assign(d.nodes[2], { cpus: 1, contention: { serial: 0.2 } })))).toEqual([
      'nodes[2].contention: has no effect: with "cpus": 1 a replica does its own work one request at a time, so n is always 1 and the work is never scaled',
    ]);
  });
});

describe('memory sizes the workers', () => {
  const gi = 1024 ** 3;
  const mi = 1024 ** 2;
  const memory = { limit: 2 * gi, base: 512 * mi, perWorker: 300 * mi };
  it('accepts workers that fit: (limit − base) ÷ perWorker, rounded down', () => {
    expect(warningsOf(broken((d) => Object.assign(d.nodes[2], { workers: 5, cpus: 2, memory })))).toEqual([]);
  });
  it('rejects workers that do not fit, with the figures, and unlimited workers', () => {
    expect(lines(broken((d) => Object.assign(d.nodes[2], { workers: 6, cpus: 2, memory })))).toEqual([
      'nodes[2].workers: 6 workers do not fit in memory: (2 GiB limit − 512 MiB base) ÷ 300 MiB per worker leaves room for 5',
    ]);
    expect(lines(broken((d) => Object.assign(d.nodes[3], { workers: undefined, memory: { limit: gi, perWorker: 256 * mi } })))).toEqual([
      'nodes[3].workers: must be set with "memory": unlimited workers do not fit; (1 GiB limit − 0 B base) ÷ 256 MiB per worker leaves room for 4',
    ]);
  });
  it('bounds the byte figures', () => {
    expect(lines(broken((d) => (d.nodes[2].memory = { limit: 0, perWorker: 1 })))).toEqual(['nodes[2].memory.limit: must be greater than 0']);
    expect(lines(broken((d) => (d.nodes[2].memory = { limit: 1e16, perWorker: 1 })))).toEqual(['nodes[2].memory.limit: must be at most 1.00e15 bytes (it is 1.00e16 bytes)']);
  });
  it('a sweep over workers past the fit is valid: those points are marked, not refused', () => {
    const doc = broken((d) => {
      Object.assign(d.nodes[2], { workers: 4, cpus: 2, memory });
      d.whatIf.vary = [{ path: 'nodes.api.workers', values: [4, 5, 6] }];
    });
    // warningsOf fails the test on any error: the file is valid.
    expect(warningsOf(doc)).toEqual(['whatIf.vary[0].values[2]: nodes.api.workers = 6: the workers do not fit in memory (at most 5); the sweep shows this point as invalid and does not simulate it']);
  });
});

describe('weighted and heterogeneous replicas', () => {
  it('accepts one weight and one speed per replica', () => {
    expect(warningsOf(broken((d) => Object.assign(d.nodes[1], { balance: 'weighted', weights: [3, 1], speed: [2, 1] })))).toEqual([]);
  });
  it('names the node and both counts when an array does not match the replicas', () => {
    expect(lines(broken((d) => Object.assign(d.nodes[1], { balance: 'weighted', weights: [3, 1, 1] })))).toEqual(['nodes[1].weights: "gw" has 3 "weights" but 2 replicas: give one number per replica']);
    expect(lines(broken((d) => Object.assign(d.nodes[1], { speed: [2] })))).toEqual(['nodes[1].speed: "gw" has 1 "speed" but 2 replicas: give one number per replica']);
  });
  it('refuses them on an autoscaled node, "weighted" without weights, and non-positive numbers', () => {
    expect(lines(broken((d) => Object.assign(d.nodes[7], { speed: [1, 2] })))).toEqual(['nodes[7].speed: "worker" is autoscaled, so its replica count changes and "speed" (one number per replica) cannot be used; remove one of them']);
    expect(lines(broken((d) => Object.assign(d.nodes[1], { balance: 'weighted' })))).toEqual(['nodes[1].balance: "weighted" needs "weights" on "gw": one positive number per replica, e.g. [3, 1, 1]']);
    expect(lines(broken((d) => Object.assign(d.nodes[1], { balance: 'weighted', weights: [0, 1] })))).toEqual(['nodes[1].weights[0]: must be greater than 0']);
  });
  it('warns that weights without "weighted" do nothing', () => {
    expect(warningsOf(broken((d) => Object.assign(d.nodes[1], { weights: [3, 1] })))).toEqual(['nodes[1].weights: has no effect on "gw": "weights" is used only with "balance": "weighted"']);
  });
});

describe('shared hosts', () => {
  const withHosts = (d: Doc, hosts: object[]) => (d.hosts = hosts);
  it('accepts nodes placed on a declared host', () => {
    expect(warningsOf(broken((d) => (withHosts(d, [{ id: 'pod', cpus: 2, replicas: 2 }]), (d.nodes[2].host = 'pod'), (d.nodes[1].host = 'pod'))))).toEqual([]);
  });
  it('names an unknown host with a suggestion, and a duplicate id', () => {
    expect(lines(broken((d) => (withHosts(d, [{ id: 'pod', cpus: 2 }]), (d.nodes[2].host = 'podd'))))).toEqual(['nodes[2].host: there is no host "podd" in "hosts" (did you mean "pod"?)']);
    expect(lines(broken((d) => (withHosts(d, [{ id: 'pod', cpus: 2 }, { id: 'pod', cpus: 1 }]), (d.nodes[2].host = 'pod'))))).toEqual(['hosts[1].id: duplicate host id "pod" (hosts[0] has it too)']);
    expect(lines(broken((d) => withHosts(d, [{ id: 'pod', cpus: 0 }])))).toEqual(['hosts[0].cpus: must be a positive integer']);
  });
  it('warns of an unused host and of replicas that do not spread evenly over the host copies', () => {
    expect(warningsOf(broken((d) => withHosts(d, [{ id: 'pod', cpus: 2 }])))).toEqual(['hosts[0]: no node is placed on host "pod" (no node has "host": "pod"): its CPUs are not used']);
    expect(warningsOf(broken((d) => (withHosts(d, [{ id: 'vm', cpus: 4, replicas: 2 }]), (d.nodes[3].host = 'vm'))))).toEqual([
      'nodes[3].host: "auth" has 1 replica on host "vm" with 2 replicas: replica i runs on host replica i mod 2, so the host replicas carry unequal shares of it',
    ]);
  });
});

describe('partitions', () => {
  it('warns when a consumer has more workers than the queue has partitions', () => {
    // worker: 4 workers × up to 4 replicas (autoscaled) over 3 partitions.
    expect(warningsOf(broken((d) => (d.nodes[6].partitions = 3)))).toEqual([
      'nodes[6].partitions: "worker" has 16 workers over its replicas but queue "orders" has 3 partitions: a consumer node holds at most one message per partition, so 13 of its workers never get one from it',
    ]);
    expect(warningsOf(broken((d) => (d.nodes[6].partitions = 16)))).toEqual([]);
  });
  it('refuses a skew out of [0, 1] and warns of a skew without partitions', () => {
    expect(lines(broken((d) => Object.assign(d.nodes[6], { partitions: 16, partitionSkew: 2 })))).toEqual(['nodes[6].partitionSkew: must be in [0, 1] (it is 2)']);
    expect(warningsOf(broken((d) => (d.nodes[6].partitionSkew = 0.5)))).toEqual(['nodes[6].partitionSkew: has no effect: "partitionSkew" needs "partitions" of 2 or more']);  });
});

describe('keyed caches', () => {
  const keyed = (fields: Record<string, unknown>) =>
    broken((d) => {
      delete d.nodes[4].hitRatio;
      Object.assign(d.nodes[4], fields);
    });
  it('accepts keys with ttl, maxKeys and singleFlight in place of hitRatio', () => {
    expect(warningsOf(keyed({ keys: { count: 100000, popularity: { zipf: 0.9 } }, ttl: 60, maxKeys: 20000, singleFlight: true }))).toEqual([]);
    expect(warningsOf(keyed({ keys: { count: 10 } }))).toEqual([]);
  });
  it('refuses keys together with hitRatio, and a cache with neither', () => {
    expect(lines(broken((d) => Object.assign(d.nodes[4], { keys: { count: 10 } })))).toEqual([
      'nodes[4].hitRatio: cache "redis" has both "hitRatio" and "keys": with keys the hit ratio emerges from the load, so remove one of them',
    ]);
    expect(lines(keyed({}))).toEqual(['nodes[4]: cache "redis" needs "hitRatio" (a fixed share of hits) or "keys" (a key space whose hit ratio emerges from the load)']);
  });
  it('refuses ttl, maxKeys and singleFlight without keys', () => {
    expect(lines(broken((d) => Object.assign(d.nodes[4], { ttl: 30, singleFlight: true })))).toEqual([
      'nodes[4].ttl: "ttl" needs "keys": without a key space the cache has a fixed "hitRatio"',
      'nodes[4].singleFlight: "singleFlight" needs "keys": without a key space the cache has a fixed "hitRatio"',
    ]);
  });
  it('words bad key spaces at their paths', () => {
    expect(lines(keyed({ keys: { count: 0 } }))).toEqual(['nodes[4].keys.count: must be a positive integer']);
    expect(lines(keyed({ keys: { count: 2e7 } }))).toEqual(['nodes[4].keys.count: must be at most 10,000,000 (it is 20,000,000)']);
    expect(lines(keyed({ keys: { count: 10, popularity: 'zipf' } }))).toEqual(['nodes[4].keys.popularity: must be "uniform" or {"zipf": s} with s > 0']);
    expect(lines(keyed({ keys: { count: 10, popularity: { zipf: -1 } } }))).toEqual(['nodes[4].keys.popularity.zipf: must be greater than 0']);
    expect(lines(keyed({ keys: { count: 10 }, ttl: 0 }))).toEqual(['nodes[4].ttl: must be greater than 0']);
    expect(lines(keyed({ keys: { count: 10 }, maxKeys: 2.5 }))).toEqual(['nodes[4].maxKeys: must be a positive integer']);
  });
  it('warns that maxKeys at or above the key count evicts nothing', () => {
    expect(warningsOf(keyed({ keys: { count: 10 }, maxKeys: 10 }))).toEqual(['nodes[4].maxKeys: has no effect: 10 is not below the 10 keys, so no key is ever evicted']);
  });
});
