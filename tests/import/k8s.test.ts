/**
 * `headroom import k8s`: Kubernetes quantities, the concurrency gunicorn, uvicorn and
 * Celery take from their command lines, manifests onto a scenario's capacity (with the
 * HPA's CPU target converted from a share of the request to a share of cpus), and bad
 * manifests refused with the file and the place.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DatabaseNode, Scenario, ServiceNode } from '../../simulation/model/schema';
import { applyManifests } from '../../simulation/import/applyManifests';
import { formatManifestReport } from '../../simulation/import/manifestReport';
import { ManifestInputError, parseQuantity, readManifests } from '../../simulation/import/manifests';
import { serverConcurrency, shellWords } from '../../simulation/import/serverArgs';
import { assertScenario } from '../../simulation/model/validate';
import { englishWords } from '../helpers/english';
import { headroom, projectRoot, scratch } from '../helpers/cli';

const tmp = scratch();
afterAll(() => tmp.remove());

const fixture = join(projectRoot, 'tests/fixtures/k8s/fastapi-stack.yaml');
const fastapiFile = join(projectRoot, 'assets/examples/fastapi-stack.headroom.json');
const fastapi = assertScenario(JSON.parse(readFileSync(fastapiFile, 'utf8')));

describe('Kubernetes quantities', () => {
  it.each([
    ['500m', 0.5],
    ['2', 2],
    ['1.5', 1.5],
    [4, 4],
    ['512Mi', 512 * 2 ** 20],
    ['1Gi', 2 ** 30],
    ['1G', 1e9],
    ['129e6', 129e6],
    ['128974848', 128974848],
  ] as const)('%s is %d', (text, value) => {
    expect(parseQuantity(text)).toBeCloseTo(value, 9);
  });

  it.each(['two', '1.5 cores', '-1', '', '5Q'])('"%s" is not one', (text) => {
    expect(parseQuantity(text)).toBeNull();
  });
});

describe("a server's concurrency from its command line", () => {
  const of = (command: string, env: Record<string, string> = {}) => serverConcurrency(shellWords(command), env);

  it('gunicorn with sync workers: one request per process; with threads, gthread', () => {
    expect(of('gunicorn app:app -w 4')).toMatchObject({ server: 'gunicorn', processes: 4, perProcess: 1, async: false, model: 'sync' });
    expect(of('gunicorn --workers=2 --threads 8 app:app')).toMatchObject({ processes: 2, perProcess: 8, model: 'gthread' });
    expect(of('gunicorn -w3 app:app')).toMatchObject({ processes: 3 });
    expect(of('gunicorn app:app')).toMatchObject({ processes: 1, perProcess: 1, from: [] });
  });

  it('gunicorn with uvicorn workers is an event loop with no limit; gevent has its worker connections', () => {
    expect(of('gunicorn -k uvicorn.workers.UvicornWorker -w 4 app.main:app')).toMatchObject({ processes: 4, perProcess: null, async: true });
    expect(of('gunicorn -k gevent --worker-connections 500 -w 2 app:app')).toMatchObject({ processes: 2, perProcess: 500, async: true });
    expect(of('gunicorn -k gevent app:app')).toMatchObject({ perProcess: 1000 });
  });

  it('reads WEB_CONCURRENCY and GUNICORN_CMD_ARGS, and the command line wins over both', () => {
    expect(of('gunicorn app:app', { WEB_CONCURRENCY: '5' })).toMatchObject({ processes: 5, from: ['WEB_CONCURRENCY=5'] });
    expect(of('gunicorn app:app', { GUNICORN_CMD_ARGS: '--workers 3 --threads 4' })).toMatchObject({ processes: 3, perProcess: 4 });
    expect(of('gunicorn app:app -w 6', { GUNICORN_CMD_ARGS: '--workers 3', WEB_CONCURRENCY: '5' })).toMatchObject({ processes: 6 });
    expect(of('gunicorn -c gunicorn.conf.py app:app')).toMatchObject({ configFile: 'gunicorn.conf.py' });
  });

  it('looks through python -m and a shell wrapper', () => {
    expect(of('python -m gunicorn -w 2 app:app')).toMatchObject({ server: 'gunicorn', processes: 2 });
    expect(serverConcurrency(['/bin/sh', '-c', 'alembic upgrade head && exec gunicorn "app:create_app()" -w 4 --threads 2'], {})).toMatchObject({ processes: 4, perProcess: 2 });
  });

  it('uvicorn: processes from --workers, a per-process limit from --limit-concurrency', () => {
    expect(of('uvicorn app.main:app --workers 2 --limit-concurrency 100')).toMatchObject({ server: 'uvicorn', processes: 2, perProcess: 100, async: true });
    expect(of('uvicorn app.main:app')).toMatchObject({ processes: 1, perProcess: null });
  });

  it('Celery workers: prefork processes, a threads or green pool in one process, --autoscale at its maximum', () => {
    expect(of('celery -A shop worker --concurrency=6')).toMatchObject({ server: 'celery', processes: 6, perProcess: 1, model: 'prefork', concurrencyUnstated: false });
    expect(of('celery -A shop worker -P threads -c 10')).toMatchObject({ processes: 1, perProcess: 10, async: false });
    expect(of('celery -A shop worker --pool=gevent --concurrency 200')).toMatchObject({ processes: 1, perProcess: 200, async: true });
    expect(of('celery -A shop worker --autoscale=10,3')).toMatchObject({ processes: 10 });
    expect(of('celery -A shop worker -P solo')).toMatchObject({ processes: 1, perProcess: 1, concurrencyUnstated: false });
    expect(of('celery -A shop worker')).toMatchObject({ concurrencyUnstated: true });
  });

  it('other commands are no server it knows', () => {
    expect(of('celery -A shop beat')).toBeNull();
    expect(of('nginx -g "daemon off;"')).toBeNull();
    expect(serverConcurrency([], {})).toBeNull();
  });
});

function manifestsOf(yaml: string) {
  return readManifests([{ name: 'm.yaml', text: yaml }]);
}

function deployment(name: string, command: string[], resources = '{limits: {cpu: "2"}, requests: {cpu: "1"}}', replicas = 3): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  replicas: ${replicas}
  template:
    spec:
      containers:
        - name: ${name}
          command: ${JSON.stringify(command)}
          resources: ${resources}
`;
}

describe('manifests onto the FastAPI scenario', () => {
  const { scenario, report } = applyManifests(fastapi, readManifests([{ name: 'fastapi-stack.yaml', text: readFileSync(fixture, 'utf8') }]), { map: { 'celery-worker': 'celery' } });
  const node = (id: string) => scenario.nodes.find((n) => n.id === id) as ServiceNode;

  it('sets replicas, workers and cpus from the Deployments, and leaves the rest of the model alone', () => {
    expect(node('api')).toMatchObject({ replicas: 6, cpus: 4 });
    // uvicorn workers are an event loop: no worker limit.
    expect(node('api').workers).toBeUndefined();
    expect(node('celery')).toMatchObject({ replicas: 3, workers: 6, cpus: 2 });
    expect(node('api').work).toEqual((fastapi.nodes.find((n) => n.id === 'api') as ServiceNode).work);
    expect(scenario.edges).toEqual(fastapi.edges);
    expect(() => assertScenario(scenario)).not.toThrow();
  });

  it("converts the HPA's target from a share of the CPU request to a share of cpus, with its behavior", () => {
    // 60% of a 2-CPU request is 1.2 busy CPUs, which is 30% of the 4 cpus.
    expect(node('api').autoscale).toEqual({ min: 3, max: 12, metric: 'cpu', targetUtilization: 0.3, scaleUpStabilization: 0, scaleDownStabilization: 120 });
  });

  it('says what it did and what it could not, workload by workload', () => {
    const text = formatManifestReport(report, 'en');
    expect(text).toContain('Deployment api → node api');
    expect(text).toContain('workers: 16 → unlimited');
    expect(text).toContain('other containers in the pod (envoy)');
    expect(text).toContain('StatefulSet mysql → node mysql');
    expect(text).toContain('Not used: Service "api"');
    expect(report.untouchedServices).toEqual([]);
  });

  it('reads in Chinese with no English but ids, fields, commands and kinds', () => {
    const text = formatManifestReport(report, 'zh-CN');
    const literal = ['Deployment', 'StatefulSet', 'Service', 'replicas', 'workers', 'autoscale', 'cpus', 'gunicorn', 'uvicorn.workers.UvicornWorker', 'celery', 'prefork', 'envoy', 'mysql', 'database', 'concurrency', 'GiB', 'MiB', 'api', 'celery-worker', 'Pod', 'MySQL', 'max_connections'];
    expect(englishWords(text, literal)).toEqual([]);
  });
});

describe('the rules of the mapping', () => {
  const one = (yaml: string, workers?: number) => {
    const s: Scenario = { ...fastapi, nodes: fastapi.nodes.map((n) => (n.id === 'api' && workers !== undefined ? { ...n, workers } : n)) };
    return applyManifests(s, manifestsOf(yaml));
  };
  const api = (r: ReturnType<typeof one>) => r.scenario.nodes.find((n) => n.id === 'api') as ServiceNode;

  const statefulSet = (image: string, argv: string[], env = '', resources = '{limits: {cpu: "8"}}') => `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: mysql}
spec:
  replicas: 2
  template:
    spec:
      containers:
        - name: db
          image: ${image}
          args: ${JSON.stringify(argv)}
          ${env ? `env: ${env}` : ''}
          resources: ${resources}
`;
  const db = (r: ReturnType<typeof one>) => r.scenario.nodes.find((n) => n.id === 'mysql') as DatabaseNode;

  it('a database takes its connections from max_connections and its CPUs from the limit', () => {
    expect(db(one(statefulSet('mysql:8.4', ['--max-connections=300'])))).toMatchObject({ replicas: 2, workers: 300, cpus: 8 });
    expect(db(one(statefulSet('mariadb:11', ['--max_connections', '64'])))).toMatchObject({ workers: 64, cpus: 8 });
    expect(db(one(statefulSet('postgres:16', ['postgres', '-c', 'max_connections=200'])))).toMatchObject({ workers: 200, cpus: 8 });
    expect(db(one(statefulSet('docker.io/bitnami/postgresql:16', [], '[{name: POSTGRESQL_MAX_CONNECTIONS, value: "250"}]')))).toMatchObject({ workers: 250 });
    // No more CPUs than connections: a query runs on one connection.
    expect(db(one(statefulSet('mysql:8.4', ['--max-connections=4'])))).toMatchObject({ workers: 4, cpus: 4 });
  });

  it("with no max_connections a database has its server's default, and the report says so", () => {
    const mysql = one(statefulSet('mysql:8.4', []));
    expect(db(mysql).workers).toBe(151);
    expect(formatManifestReport(mysql.report, 'en')).toContain('MySQL: 151 connections (workers), its default max_connections, none being stated');
    expect(db(one(statefulSet('postgres:16-alpine', [])))).toMatchObject({ workers: 100 });
  });

  it('an image it does not know keeps the connections, says so, and still takes the CPUs', () => {
    const r = one(statefulSet('example.com/our-db:1', []));
    expect(db(r)).toMatchObject({ workers: 32, cpus: 8 });
    expect(formatManifestReport(r.report, 'en')).toContain('container db runs no MySQL, MariaDB or PostgreSQL this import recognises');
    expect(formatManifestReport(r.report, 'zh-CN')).toContain('未推断连接数');
  });

  it('no more cpus than Python processes (one CPU each under the GIL)', () => {
    const r = one(deployment('api', ['gunicorn', '-w', '2', 'app:app'], '{limits: {cpu: "8"}}'));
    expect(api(r)).toMatchObject({ workers: 2, cpus: 2 });
  });

  it('a fractional limit rounds up to whole CPUs, and one below 1 says that the pod is throttled', () => {
    expect(api(one(deployment('api', ['gunicorn', '-w', '4', '--threads', '4', 'app:app'], '{limits: {cpu: "2500m"}}')))).toMatchObject({ workers: 16, cpus: 3 });
    const r = one(deployment('api', ['gunicorn', '-w', '1', 'app:app'], '{limits: {cpu: 500m}}'));
    expect(api(r).cpus).toBe(1);
    expect(formatManifestReport(r.report, 'en')).toMatch(/less than one CPU: Headroom counts 1.*about 2× as long/);
  });

  it('an HPA keeps the replicas inside its bounds, and defaults to 80% CPU and a 300 s scale-down window', () => {
    const hpa = `---
apiVersion: autoscaling/v1
kind: HorizontalPodAutoscaler
metadata: {name: api}
spec:
  scaleTargetRef: {kind: Deployment, name: api}
  minReplicas: 4
  maxReplicas: 10
`;
    const r = one(deployment('api', ['gunicorn', '-w', '4', 'app:app'], '{requests: {cpu: "4"}, limits: {cpu: "4"}}', 2) + hpa);
    expect(api(r)).toMatchObject({ replicas: 4, autoscale: { min: 4, max: 10, metric: 'cpu', targetUtilization: 0.8, scaleUpStabilization: 0, scaleDownStabilization: 300 } });
  });

  it('an unknown command changes replicas and cpus but not workers, and says so', () => {
    const r = one(deployment('api', ['node', 'server.js']), 64);
    expect(api(r)).toMatchObject({ replicas: 3, cpus: 2, workers: 64 });
    expect(formatManifestReport(r.report, 'en')).toContain('runs neither gunicorn, uvicorn nor a Celery worker');
  });

  it('a workload with no node of its name is listed with the --map that would place it', () => {
    const r = one(deployment('checkout', ['gunicorn', 'app:app']));
    expect(r.report.workloads[0]!.node).toBeNull();
    expect(formatManifestReport(r.report, 'en')).toContain('use --map checkout=NODE_ID');
    expect(r.report.untouchedServices).toEqual(['api', 'celery']);
  });
});

describe('bad manifests', () => {
  const refusal = (yaml: string) => {
    try {
      manifestsOf(yaml);
    } catch (e) {
      expect(e).toBeInstanceOf(ManifestInputError);
      return (e as Error).message;
    }
    throw new Error('accepted');
  };

  it('names the line of a YAML error', () => {
    expect(refusal('kind: Deployment\nmetadata:\n  name: [api\n')).toMatch(/^m\.yaml: not valid YAML at line \d+, column \d+/);
  });

  it('names the document and the field of a wrong value', () => {
    expect(refusal(`kind: ConfigMap\n---\n${deployment('api', ['gunicorn'], '{limits: {cpu: "two"}}')}`)).toBe('m.yaml, document 2: container "api": resources cpu "two" is not a Kubernetes quantity (e.g. 500m, 2, 512Mi)');
    expect(refusal('kind: HorizontalPodAutoscaler\nmetadata: {name: h}\nspec: {scaleTargetRef: {name: api}}\n')).toContain('spec.maxReplicas must be a positive integer');
  });

  it('says when there is nothing to import', () => {
    expect(refusal('kind: Service\nmetadata: {name: api}\n')).toContain('no Deployment or StatefulSet found');
  });

  it('does not expand a billion laughs', () => {
    const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`)].join('\n');
    const started = performance.now();
    expect(refusal(`kind: Deployment\nmetadata: {name: x}\n${laughs}\n`)).toMatch(/m\.yaml, document 1: .*alias/i);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  // yaml before 2.8.3 threw a bare RangeError here (GHSA-48c2-rrv3-qjmp), which would escape as a crash.
  it.each([
    ['flow sequences', `${'['.repeat(5_000)}1${']'.repeat(5_000)}\n`],
    ['block mappings', Array.from({ length: 3_000 }, (_, i) => `${'  '.repeat(i)}a:`).join('\n')],
  ])('refuses %s nested thousands deep as bad YAML with its line, not a stack overflow', (_, text) => {
    expect(refusal(text)).toMatch(/^m\.yaml: not valid YAML at line \d+, column \d+/);
  });
});

describe('headroom import k8s', () => {
  it('writes the updated scenario, which runs, and prints what it did', () => {
    const out = join(tmp.dir, 'from-k8s.headroom.json');
    const r = headroom(['import', 'k8s', fixture, '--into', fastapiFile, '--map', 'celery-worker=celery', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('replicas: 4 → 6');
    expect(r.stdout).toContain(`Wrote ${out}.`);
    const written = assertScenario(JSON.parse(readFileSync(out, 'utf8')));
    expect(written.nodes.find((n) => n.id === 'celery')).toMatchObject({ workers: 6, replicas: 3 });
  });

  it('without --out: the scenario on standard output, the report on standard error, in Chinese with --lang', () => {
    const r = headroom(['import', 'k8s', fixture, '--into', fastapiFile, '--lang', 'zh-CN']);
    expect(r.status, r.stderr).toBe(0);
    expect(() => assertScenario(JSON.parse(r.stdout))).not.toThrow();
    expect(r.stderr).toContain('读取了 3 个工作负载');
    expect(r.stderr).toContain('用 --map celery-worker=节点ID 指定');
  });

  it('needs --into, and refuses a manifest that is not YAML with the line', () => {
    expect(headroom(['import', 'k8s', fixture]).status).toBe(2);
    const bad = tmp.file('bad.yaml', 'kind: Deployment\n  metadata: : :\n');
    const r = headroom(['import', 'k8s', bad, '--into', fastapiFile]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/bad\.yaml: not valid YAML at line \d+/);
  });

  it('refuses to write a scenario the manifests made invalid, and says which field', () => {
    const huge = tmp.file('huge.yaml', deployment('api', ['gunicorn', '-w', '1000', '--threads', '1000', 'app:app']));
    const out = join(tmp.dir, 'never.json');
    const r = headroom(['import', 'k8s', huge, '--into', fastapiFile, '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/nodes\[2\]\.workers: must be at most 100,000/);
  });
});
