/**
 * Turns whatever was read from a scenario file into either a typed `Scenario` or a
 * list of problems, each pointing at its JSON path (`nodes[2].workers: must be a
 * positive integer`). Three stages: the migration chain, the zod schema (whose raw
 * issues are rewritten into plain sentences), and the semantic rules that a schema
 * cannot express: references between nodes, edges and classes, cycles of sync calls,
 * shares that must add up. Nothing here throws on bad input; `assertScenario` is the
 * one entry point that does, on purpose.
 */
import type { z } from 'zod';
import type { Finding, Language } from '../findings/finding';
import { renderFinding, sentenceContext } from '../findings/render';
import { checkFileSize, checkStructure } from './limits';
import { migrate } from './migrate';
import { jsonSyntaxFigures } from './openable';
import { checkValueLimits } from './valueLimits';
import { checkEvents } from './events';
import { checkPath, formatJsonPath, nearest, setPath } from './paths';
import { scenario as scenarioSchema } from './schema';
import { codelDefaults } from './codel';
import type { Edge, Scenario, ScenarioNode, ServiceNode } from './schema';
import { kindOf } from './kinds';
import type { Issue } from './issue';
import { heard, issueFromMessage, issueOf, says, type FileFinding } from './findingIssue';

// Re-exported: callers take the issue types from the validator that produces them.
export type { Issue, QuickFix } from './issue';

/** The outcome of {@link parseScenario}: a valid scenario (possibly with warnings) or the problems that make it invalid. */
export type ParseOutcome = { ok: true; scenario: Scenario; warnings: Issue[] } | { ok: false; issues: Issue[] };

/** `nodes[2].workers: must be a positive integer`; a root issue is its message alone. */
export function formatIssue(i: Issue): string {
  return i.path === '' ? i.message : `${i.path}: ${i.message}`;
}

/** {@link formatIssue} in the reader's language: the finding's sentence in it (`nodes[2].workers：必须是正整数`). */
export function formatIssueIn(i: Issue, lang: Language): string {
  if (lang === 'en' || i.finding === undefined) return formatIssue(i);
  const message = renderFinding(i.finding, sentenceContext(lang));
  return i.path === '' ? message : `${i.path}：${message}`;
}

type ZodIssue = z.core.$ZodIssue;
type RawIssue = z.core.$ZodRawIssue;
type Key = PropertyKey;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}


/**
 * Zod carries no list of an object's fields in its final issue, so the error map
 * (which still sees the schema) passes them through the message, tagged with this
 * marker, for the "did you mean" hint; every such message is rewritten before anyone sees it.
 */
const knownKeysTag = '\u0000known-keys:';

/** Messages for issues the schema itself left without one. */
function errorMap(iss: RawIssue): string | undefined {
  switch (iss.code) {
    case 'invalid_type':
      return says('wrongType', { types: iss.expected });
    case 'too_small':
      if (iss.origin === 'array') return says('listTooShort', { min: Number(iss.minimum) });
      if (iss.origin === 'string') return says('stringEmpty');
      return says('numberAtLeast', { min: String(iss.minimum), exclusive: iss.inclusive !== true });
    case 'too_big':
      if (iss.origin === 'array') return says('listAtMost', { max: Number(iss.maximum) });
      return says('numberAtMost', { max: String(iss.maximum), exclusive: iss.inclusive !== true });
    case 'invalid_value':
      return iss.values.length === 1 ? says('mustBeValue', { value: JSON.stringify(iss.values[0]) }) : says('notOneOf', { options: iss.values.map((v) => JSON.stringify(v)).join(', ') });
    case 'invalid_format':
      return says('badFormat', { format: iss.format, pattern: iss.pattern ?? null });
    case 'unrecognized_keys': {
      const def = (iss.inst as { _zod?: { def?: { shape?: Record<string, unknown> } } } | undefined)?._zod?.def;
      return knownKeysTag + JSON.stringify(Object.keys(def?.shape ?? {}));
    }
    case 'invalid_union': {
      const expected = iss.errors.flatMap((branch) => branch.filter((i) => i.code === 'invalid_type' && i.path.length === 0).map((i) => (i as { expected: string }).expected));
      return expected.length === iss.errors.length && expected.length > 0 ? says('wrongType', { types: expected.join('|') }) : undefined;
    }
    default:
      return undefined;
  }
}

/** Whether `path` names a field that is simply absent from its (existing) parent object. */
function lookup(doc: unknown, path: readonly Key[]): { absent: boolean; value: unknown } {
  let cur: unknown = doc;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i] as Key;
    if (Array.isArray(cur) && typeof seg === 'number') cur = cur[seg];
    else if (isObject(cur) && typeof seg === 'string') {
      if (!Object.prototype.hasOwnProperty.call(cur, seg)) return { absent: i === path.length - 1, value: undefined };
      cur = cur[seg];
    } else return { absent: false, value: undefined };
  }
  return { absent: false, value: cur };
}

/**
 * How badly a union branch misses the value, lower meaning "this is the branch the
 * author meant": being the wrong type at all is decisive; a missing or unknown field
 * counts more than a bad value, so `{"dist":"exponential","maen":1}` is read as a
 * misspelt exponential, not as a broken per-class map.
 */
function branchScore(branch: readonly ZodIssue[], value: unknown): number {
  let score = 0;
  for (const i of branch) {
    const top = i.path.length === 0;
    if (top && i.code === 'invalid_type') score += 1000;
    else if (top && i.code === 'unrecognized_keys') score += 10 * i.keys.length;
    else if (i.path.length === 1 && i.code === 'invalid_union' && i.errors.length === 0) {
      score += isObject(value) && Object.prototype.hasOwnProperty.call(value, i.path[0] as string) ? 5 : 10;
    } else if (i.path.length === 1 && i.code === 'invalid_type' && lookup(value, i.path).absent) score += 10;
    else score += 1;
  }
  return score;
}

function convertZodIssues(issues: readonly ZodIssue[], prefix: readonly Key[], doc: unknown, out: Issue[]): void {
  for (const iss of issues) {
    const path = [...prefix, ...iss.path];
    const at = formatJsonPath(path);
    const { absent, value } = lookup(doc, path);
    switch (iss.code) {
      case 'unrecognized_keys': {
        const known: string[] = iss.message.startsWith(knownKeysTag) ? (JSON.parse(iss.message.slice(knownKeysTag.length)) as string[]) : [];
        for (const key of iss.keys) {
          const to = nearest(key, known);
          const taken = isObject(value) && to !== undefined && Object.prototype.hasOwnProperty.call(value, to);
          out.push(issueOf(at, { code: 'unknownField', figures: { field: key, suggestion: to ?? null } }, to !== undefined && !taken ? { fix: { kind: 'renameField', from: key, to } } : {}));
        }
        break;
      }
      case 'invalid_union': {
        if (iss.errors.length === 0) {
          const options = 'options' in iss && Array.isArray(iss.options) ? iss.options.map((o) => JSON.stringify(o)) : [];
          if (options.length === 0) out.push(issueFromMessage(at, iss.message));
          else if (absent || value === undefined) out.push(issueOf(at, { code: 'fieldRequiredOneOf', figures: { options: options.join(', ') } }));
          else {
            const allowed = options.map((o) => JSON.parse(o) as string);
            const to = typeof value === 'string' ? nearest(value, allowed) : undefined;
            const figures = { options: options.join(', '), value: JSON.stringify(value), suggestion: to ?? null };
            out.push(issueOf(at, { code: 'notOneOf', figures }, to !== undefined ? { fix: { kind: 'setValue', value: to } } : {}));
          }
          break;
        }
        if (absent) {
          out.push(issueOf(at, { code: 'fieldRequired', figures: {} }));
          break;
        }
        let best = iss.errors[0] ?? [];
        let bestScore = branchScore(best, value);
        for (const branch of iss.errors.slice(1)) {
          const s = branchScore(branch, value);
          if (s < bestScore) [best, bestScore] = [branch, s];
        }
        if (bestScore >= 1000) out.push(issueFromMessage(at, iss.message));
        else convertZodIssues(best, path, doc, out);
        break;
      }
      case 'invalid_key': {
        const inner = iss.issues[0]?.message;
        const innerFinding = inner === undefined ? undefined : heard(inner);
        out.push(issueOf(at, { code: 'invalidKey', figures: { inner: innerFinding === undefined ? null : JSON.stringify(innerFinding) } }));
        break;
      }
      case 'invalid_type':
        out.push(absent ? issueOf(at, { code: 'fieldRequired', figures: {} }) : issueFromMessage(at, iss.message));
        break;
      case 'invalid_value':
        out.push(absent ? issueOf(at, { code: 'fieldRequired', figures: { values: JSON.stringify(iss.values.map((v) => JSON.stringify(v))) } }) : issueFromMessage(at, iss.message));
        break;
      case 'too_small':
      case 'too_big': {
        const bound = iss.code === 'too_small' ? iss.minimum : iss.maximum;
        // An inclusive bound is itself allowed, and so is the next whole number past an exclusive one; "greater than 0" on a real number has no nearest value.
        const step = iss.inclusive ? 0 : iss.origin === 'int' ? (iss.code === 'too_small' ? 1 : -1) : null;
        const fix = (iss.origin === 'number' || iss.origin === 'int') && step !== null && typeof bound === 'number' && typeof value === 'number' ? { fix: { kind: 'setValue' as const, value: bound + step } } : {};
        out.push(issueFromMessage(at, iss.message, fix));
        break;
      }
      default:
        out.push(issueFromMessage(at, iss.message));
    }
  }
}

/** The problems of a configuration whose workers do not fit in its replicas' memory. */
export const memoryFitCodes: ReadonlySet<string> = new Set(['memoryWorkersDoNotFit', 'memoryWorkersUnlimited']);

/** An issue that says only that the workers do not fit in memory. */
export function doesNotFit(issue: Issue): boolean {
  return issue.finding !== undefined && memoryFitCodes.has(issue.finding.code);
}

/** Workers per CPU from which a service is taken for an async server, whose busy workers say little about its load. */
const asyncWorkersPerCpu = 8;

/** Checks between fields that the schema cannot express; `s` has passed the schema. */
function semanticChecks(s: Scenario): { errors: Issue[]; warnings: Issue[] } {
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  const labels = Object.fromEntries(s.nodes.map((n) => [n.id, n.label || n.id]));
  // The file's own ids, not labels: a message about the file quotes what is written in it (the app renders the finding with labels).
  const said = (path: readonly Key[], code: string, figures: FileFinding['figures'] = {}, node?: string) =>
    issueOf(formatJsonPath(path), node === undefined ? { code, figures } : { code, node, figures });
  const err = (path: readonly Key[], code: string, figures?: FileFinding['figures'], node?: string) => errors.push(said(path, code, figures, node));
  const warn = (path: readonly Key[], code: string, figures?: FileFinding['figures'], node?: string) => warnings.push(said(path, code, figures, node));
  const warnFinding = (path: readonly Key[], finding: Finding) => warnings.push(issueOf(formatJsonPath(path), finding, {}, labels));

  /** `weights` and `speed` name one number per replica, so a replica count that moves (the autoscaler) has no place for them. */
  const checkPerReplica = (n: Exclude<ScenarioNode, { kind: 'source' | 'queue' }>, at: readonly Key[]) => {
    const replicas = n.replicas ?? 1;
    for (const field of ['weights', 'speed'] as const) {
      const values = n[field];
      if (values === undefined) continue;
      if ('autoscale' in n && n.autoscale !== undefined) err([...at, field], 'perReplicaWithAutoscale', { field }, n.id);
      else if (values.length !== replicas) err([...at, field], 'perReplicaLength', { field, count: values.length, replicas }, n.id);
    }
    if (n.balance === 'weighted' && n.weights === undefined) err([...at, 'balance'], 'weightedNeedsWeights', {}, n.id);
    else if (n.balance !== 'weighted' && n.weights !== undefined) warn([...at, 'weights'], 'weightsUnused', {}, n.id);
  };

  // Classes.
  const declared = s.classes === undefined ? ['default'] : s.classes.map((c) => c.id);
  const declaredSet = new Set(declared);
  const checkClass = (path: readonly Key[], id: string) => {
    if (!declaredSet.has(id)) err(path, 'classNotDeclared', { class: id, suggestion: nearest(id, declared) ?? null, implicit: s.classes === undefined });
  };
  const firstClassAt = new Map<string, number>();
  s.classes?.forEach((c, i) => {
    const first = firstClassAt.get(c.id);
    if (first === undefined) firstClassAt.set(c.id, i);
    else err(['classes', i, 'id'], 'duplicateClassId', { id: c.id, first });
  });

  // Nodes.
  const nodeIndex = new Map<string, number>();
  s.nodes.forEach((n, i) => {
    const first = nodeIndex.get(n.id);
    if (first === undefined) nodeIndex.set(n.id, i);
    else err(['nodes', i, 'id'], 'duplicateNodeId', { id: n.id, first });
  });
  const ids = [...nodeIndex.keys()];
  const nodeById = (id: string): ScenarioNode | undefined => {
    const i = nodeIndex.get(id);
    return i === undefined ? undefined : s.nodes[i];
  };
  const noSuchNode = (path: readonly Key[], id: string) => err(path, 'noSuchNode', { id, suggestion: nearest(id, ids) ?? null });

  /** Each metric has its own target; a target of another metric is a sign the author meant that one. */
  const checkAutoscaleMetric = (n: ServiceNode, i: number) => {
    const a = n.autoscale!;
    const at = ['nodes', i, 'autoscale'];
    const metric = a.metric ?? 'workers';
    const targets = { workers: ['targetUtilization'], cpu: ['targetUtilization'], rps: ['targetRps'], backlog: ['queue', 'targetBacklog'] } as const;
    const example = { targetUtilization: '0.6', targetRps: '100', queue: '"orders"', targetBacklog: '20' } as const;
    for (const field of targets[metric]) {
      if (a[field] === undefined) err([...at, field], 'autoscaleTargetRequired', { metric, example: example[field] });
    }
    for (const field of ['targetUtilization', 'targetRps', 'queue', 'targetBacklog'] as const) {
      if (a[field] !== undefined && !(targets[metric] as readonly string[]).includes(field)) {
        warn([...at, field], 'autoscaleFieldIgnored', { metric, implicit: metric === 'workers' && a.metric === undefined });
      }
    }
    if (metric === 'workers' && n.workers === undefined && n.cpus === undefined) err(at, 'autoscaleNeedsWorkersOrCpus');
    if (metric === 'cpu' && n.workers === undefined && n.cpus === undefined) err(at, 'autoscaleNeedsCpus');
    if (metric === 'backlog' && a.queue !== undefined) {
      const q = nodeById(a.queue);
      if (q === undefined) noSuchNode([...at, 'queue'], a.queue);
      else if (!kindOf(q).broker) err([...at, 'queue'], 'autoscaleQueueNotAQueue', { kind: q.kind }, a.queue);
    }
    // An async server (asyncio, gevent) holds a slot per request in flight but has few CPUs: busy slots stay low while the CPUs saturate.
    if (metric === 'workers' && n.workers !== undefined && n.cpus !== undefined && n.workers >= asyncWorkersPerCpu * n.cpus) {
      warnFinding([...at, 'metric'], { code: 'autoscaleWorkersOnAsyncServer', node: n.id, severity: 'warning', figures: { workers: n.workers, cpus: n.cpus } });
    }
  };

  const unconnected = (list: Issue[], path: readonly Key[], code: string, node?: string) => list.push({ ...said(path, code, {}, node), unconnected: true });
  if (!s.nodes.some((n) => kindOf(n).source)) unconnected(errors, ['nodes'], 'needsSource');

  const outgoing = new Map<string, number[]>();
  const incoming = new Map<string, number[]>();
  s.edges.forEach((e, i) => {
    if (nodeIndex.has(e.from)) pushTo(outgoing, e.from, i);
    if (nodeIndex.has(e.to)) pushTo(incoming, e.to, i);
  });

  const runEnd = (s.run.warmup ?? 0) + s.run.duration;

  s.nodes.forEach((n, i) => {
    const at = ['nodes', i];
    const kind = kindOf(n);
    if (!kind.source && (incoming.get(n.id) ?? []).length === 0) {
      unconnected(warnings, at, 'nothingCalls', n.id);
    }
    // An import marks what traces cannot know; running on its placeholders would be a silent guess.
    if (n.toFill !== undefined && n.toFill.length > 0) warn([...at, 'toFill'], 'toFillLeft', { fields: JSON.stringify(n.toFill) }, n.id);
    if ('cpus' in n && n.cpus !== undefined && n.workers !== undefined && n.cpus > n.workers) {
      err([...at, 'cpus'], 'cpusAboveWorkers', { cpus: n.cpus, workers: n.workers });
    }
    if ('contention' in n && n.contention !== undefined) {
      const c = n.contention;
      // Own work one at a time per replica: n is always 1, and f(1) = 1 whatever σ and κ are.
      const cpus = 'cpus' in n ? n.cpus : undefined;
      if ((c.serial ?? 0) === 0 && (c.crosstalk ?? 0) === 0) warn([...at, 'contention'], 'contentionEmpty');
      else if (cpus === 1 || n.workers === 1) warn([...at, 'contention'], 'contentionOneAtATime', { field: cpus === 1 ? 'cpus' : 'workers' });
    }
    if (kind.replicated) checkPerReplica(n as Exclude<ScenarioNode, { kind: 'source' | 'queue' }>, at);
    kind.validate(n, {
      at,
      index: i,
      err,
      warn,
      unconnected: (list, path, code, node) => unconnected(list === 'errors' ? errors : warnings, path, code, node),
      checkClass,
      checkAutoscale: checkAutoscaleMetric,
      outgoing: outgoing.get(n.id) ?? [],
      hasDefaultClass: declaredSet.has('default'),
    });
    if ('rateLimit' in n && n.rateLimit?.burst !== undefined && n.rateLimit.burst < 1) {
      err([...at, 'rateLimit', 'burst'], 'burstBelowOne');
    }
    if ('shed' in n && n.shed !== undefined) {
      if (typeof n.shed === 'string') {
        if (n.queue === undefined) warn([...at, 'shed'], 'shedWithoutQueue');
      } else {
        const target = n.shed.codel.target ?? codelDefaults.target;
        const interval = n.shed.codel.interval ?? codelDefaults.interval;
        if (target >= interval) warn([...at, 'shed', 'codel', n.shed.codel.target !== undefined ? 'target' : 'interval'], 'codelTargetNotBelowInterval', { target, interval });
      }
    }
    forEachByClass(n, (path, map) => {
      for (const c of Object.keys(map)) checkClass([...at, ...path, 'byClass', c], c);
    });
  });

  // Edges.
  s.edges.forEach((e, i) => {
    const at = ['edges', i];
    if (!nodeIndex.has(e.from)) noSuchNode([...at, 'from'], e.from);
    const target = nodeById(e.to);
    if (target === undefined) noSuchNode([...at, 'to'], e.to);
    else if (kindOf(target).source) err([...at, 'to'], 'sourceCalled', {}, e.to);
    e.classes?.forEach((c, k) => checkClass([...at, 'classes', k], c));
    if (e.pool !== undefined && e.mode === 'async') err([...at, 'pool'], 'poolOnAsyncCall');
    if (e.mode === 'async' && e.retries !== undefined) warn([...at, 'retries'], 'retriesOnAsyncCall');
    if (e.retries !== undefined && e.retries.max === 0 && (e.retries.jitter !== undefined || e.retries.budget !== undefined)) {
      warn([...at, 'retries', e.retries.budget !== undefined ? 'budget' : 'jitter'], 'retryOptionWithoutRetries');
    }
    if (typeof e.pool === 'object' && e.pool.timeout !== undefined && e.pool.queue === 0) warn([...at, 'pool', 'timeout'], 'poolTimeoutWithoutQueue');
    if (e.mode === 'async' && e.timeout !== undefined) warn([...at, 'timeout'], 'timeoutOnAsyncCall');
    const wire = e.latency;
    if (wire !== undefined && 'byClass' in wire) for (const c of Object.keys(wire.byClass)) checkClass([...at, 'latency', 'byClass', c], c);
    // A consumer pulls its messages when it has a free worker; a wire time there would hold no one and delay nothing the model measures.
    if (e.latency !== undefined && isBroker(nodeById(e.from))) err([...at, 'latency'], 'latencyOutOfQueue', {}, e.from);
  });
  errors.push(...syncCycles(s, nodeIndex, declared).map((c) => cycleIssue(c)));

  const reach = classReach(s, nodeIndex, declared);

  // Groups of parallel calls, per caller.
  const groups = new Map<string, number[]>();
  s.edges.forEach((e, i) => {
    const at = ['edges', i];
    if (e.group === undefined) {
      if (e.join !== undefined) err([...at, 'join'], 'joinWithoutGroup');
      return;
    }
    if (e.mode === 'async') err([...at, 'group'], 'groupOnAsyncCall');
    else if (isBroker(nodeById(e.from))) err([...at, 'group'], 'groupOutOfQueue', {}, e.from);
    else pushTo(groups, `${e.from}\u0000${e.group}`, i);
  });
  for (const members of groups.values()) {
    const first = s.edges[members[0]!]!;
    const group = first.group!;
    const stated = members.filter((i) => s.edges[i]!.join !== undefined);
    const joinAt = stated[0];
    const join = joinAt === undefined ? undefined : s.edges[joinAt]!.join;
    for (const i of stated.slice(1)) {
      const other = s.edges[i]!.join;
      if (JSON.stringify(other) !== JSON.stringify(join)) err(['edges', i, 'join'], 'joinDisagrees', { group, first: joinAt!, firstJoin: JSON.stringify(join), join: JSON.stringify(other) });
    }
    if (members.length === 1) warn(['edges', members[0]!, 'group'], 'groupOfOne', { group }, first.from);
    if (join === undefined || typeof join !== 'object') continue;
    const quorumAt = ['edges', joinAt!, 'join', 'quorum'];
    if (join.quorum > members.length) {
      err(quorumAt, 'quorumAboveMembers', { group, members: members.length, quorum: join.quorum }, first.from);
      continue;
    }
    // A class that some members leave out sends the rest: it must still be able to reach the quorum.
    for (const c of declared) {
      if (!reach.get(c)?.has(first.from)) continue;
      const carrying = members.filter((i) => edgeAllows(s.edges[i]!, c)).length;
      if (carrying > 0 && carrying < join.quorum) err(quorumAt, 'quorumAboveClassMembers', { group, members: carrying, quorum: join.quorum, class: c }, first.from);
    }
  }

  // Per-class maps must cover every class that can reach the node.
  s.nodes.forEach((n, i) => {
    const reaching = declared.filter((c) => reach.get(c)?.has(n.id));
    forEachByClass(n, (path, map, hasDefault) => {
      if (hasDefault) return;
      const missing = reaching.filter((c) => !Object.prototype.hasOwnProperty.call(map, c));
      if (missing.length > 0) {
        err(['nodes', i, ...path], 'byClassIncomplete', { classes: JSON.stringify(missing) }, n.id);
      }
    });
  });

  // …and so must an edge's wire time cover every class that makes the call.
  s.edges.forEach((e, i) => {
    const wire = e.latency;
    if (wire === undefined || !('byClass' in wire) || wire.default !== undefined) return;
    const missing = declared.filter((c) => reach.get(c)?.has(e.from) && edgeAllows(e, c) && !Object.hasOwn(wire.byClass, c));
    if (missing.length > 0) err(['edges', i, 'latency'], 'byClassIncompleteForCall', { classes: JSON.stringify(missing) });
  });

  // Faults.
  s.faults?.forEach((f, i) => {
    const at = ['faults', i];
    const n = nodeById(f.node);
    if (n === undefined) noSuchNode([...at, 'node'], f.node);
    else if (!kindOf(n).replicated) err([...at, 'node'], 'faultOnNodeWithoutReplicas', { kind: n.kind }, f.node);
    else {
      const most = kindOf(n).peakReplicas(n);
      if (f.replica !== undefined && f.replica >= most) {
        err([...at, 'replica'], 'faultReplicaOutOfRange', { replicas: most }, f.node);
      }
      if (f.replica !== undefined && f.replicas !== undefined && f.replicas > 1) {
        err(at, 'faultReplicaAndReplicas');
      }
      if (f.replicas !== undefined && f.replicas > most) {
        warn([...at, 'replicas'], 'faultTakesAllReplicas', { replicas: most }, f.node);
      }
    }
    if (f.at >= runEnd) warn([...at, 'at'], 'faultAfterRun', { at: f.at, end: round(runEnd) });
  });

  // Hosts: a node's replica i runs on host replica i mod the host's replicas (shards laid out one after another).
  const hostIndex = new Map<string, number>();
  s.hosts?.forEach((h, i) => {
    const first = hostIndex.get(h.id);
    if (first === undefined) hostIndex.set(h.id, i);
    else err(['hosts', i, 'id'], 'duplicateHostId', { id: h.id, first });
  });
  const placed = new Set<string>();
  s.nodes.forEach((n, i) => {
    if (!('host' in n) || n.host === undefined) return;
    const h = hostIndex.get(n.host);
    if (h === undefined) {
      err(['nodes', i, 'host'], 'noSuchHost', { id: n.host, suggestion: nearest(n.host, [...hostIndex.keys()]) ?? null });
      return;
    }
    placed.add(n.host);
    const hostReplicas = s.hosts![h]!.replicas ?? 1;
    const replicas = (n.replicas ?? 1) * kindOf(n).groups(n);
    // An autoscaled node's count moves, so no start count is "uneven" for long.
    if (!('autoscale' in n && n.autoscale !== undefined) && replicas % hostReplicas !== 0) {
      warn(['nodes', i, 'host'], 'hostUnevenPlacement', { replicas, host: n.host, hostReplicas }, n.id);
    }
  });
  s.hosts?.forEach((h, i) => {
    if (!placed.has(h.id)) warn(['hosts', i], 'hostUnused', { id: h.id });
  });

  // Partitions: one message per partition in a consumer node's hands, so workers past the partition count idle.
  s.nodes.forEach((q, i) => {
    if (q.kind !== 'queue') return;
    const partitions = q.partitions ?? 1;
    if (q.partitionSkew !== undefined && partitions < 2) warn(['nodes', i, 'partitionSkew'], 'partitionSkewUnused');
    if (q.partitions === undefined) return;
    for (const e of s.edges) {
      const c = e.from === q.id ? nodeById(e.to) : undefined;
      if (c === undefined || !kindOf(c).replicated || !('workers' in c) || c.workers === undefined) continue;
      const replicas = kindOf(c).peakReplicas(c);
      const workers = c.workers * replicas;
      if (workers > partitions) warn(['nodes', i, 'partitions'], 'consumersBeyondPartitions', { workers, queue: q.id, partitions, idle: workers - partitions }, c.id);
    }
  });
  if (s.events) checkEvents(s.events, nodeById, runEnd, err, warn, noSuchNode);

  // What-if.
  const w = s.whatIf;
  if (w !== undefined) {
    const seen = new Map<string, number>();
    w.vary?.forEach((v, i) => {
      const problem = checkPath(s, v.path);
      if (problem !== undefined) errors.push(issueOf(formatJsonPath(['whatIf', 'vary', i, 'path']), problem));
      const first = seen.get(v.path);
      if (first !== undefined) err(['whatIf', 'vary', i, 'path'], 'alreadyVaried', { path: v.path, first });
      else seen.set(v.path, i);
    });
    if (w.load !== undefined) {
      const src = nodeById(w.load.source);
      if (src === undefined) noSuchNode(['whatIf', 'load', 'source'], w.load.source);
      else if (src.kind !== 'source') err(['whatIf', 'load', 'source'], 'loadSourceNotASource', { kind: src.kind }, w.load.source);
      else if (src.arrival.process === 'closed') err(['whatIf', 'load', 'source'], 'loadSourceClosed', {}, w.load.source);
      if (w.load.min !== undefined && w.load.max !== undefined && w.load.min > w.load.max) err(['whatIf', 'load', 'max'], 'loadMaxBelowMin', { min: w.load.min });
      if (s.slo === undefined || Object.keys(s.slo).length === 0) err(['whatIf', 'load'], 'loadSearchWithoutSlo');
    }
    w.plan?.nodes.forEach((id, i) => {
      if (!nodeIndex.has(id)) noSuchNode(['whatIf', 'plan', 'nodes', i], id);
    });
  }

  const maxBacklog = s.slo?.maxBacklog;
  if (typeof maxBacklog === 'object') {
    for (const id of Object.keys(maxBacklog)) {
      const n = nodeById(id);
      if (n === undefined) noSuchNode(['slo', 'maxBacklog', id], id);
      else if (!kindOf(n).broker) err(['slo', 'maxBacklog', id], 'backlogBoundNotAQueue', { kind: n.kind }, id);
    }
  } else if (maxBacklog !== undefined && !s.nodes.some((n) => kindOf(n).broker)) {
    err(['slo', 'maxBacklog'], 'backlogBoundWithoutQueue');
  }

  // Each point of a sweep must itself be a valid scenario, so that a bad value fails on
  // load rather than halfway through a long sweep. Only on an otherwise valid file:
  // every point would repeat the file's own problems.
  if (errors.length === 0 && w?.vary !== undefined) {
    const { whatIf: _omit, ...base } = s;
    w.vary.forEach((v, i) => {
      v.values.forEach((value, k) => {
        const issues = validateDoc(setPath(base, v.path, value)).issues;
        const first = issues[0];
        // A point whose workers only overflow the memory is a real answer ("does not fit"): the sweep shows it as such instead of running it.
        if (first !== undefined && issues.every(doesNotFit)) {
          warn(['whatIf', 'vary', i, 'values', k], 'sweepPointDoesNotFit', { value: JSON.stringify(value), path: v.path, fit: Number(first.finding?.figures.fit ?? 0) });
        } else if (first !== undefined) {
          const inner = first.finding ?? { code: 'fileUnreadable', severity: 'warning', figures: { detail: first.message } };
          err(['whatIf', 'vary', i, 'values', k], 'sweepPointInvalid', { value: JSON.stringify(value), path: first.path, inner: JSON.stringify(inner) });
        }
      });
    });
  }

  return { errors, warnings };
}

const isBroker = (n: ScenarioNode | undefined): boolean => n !== undefined && kindOf(n).broker;

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

function round(x: number): string {
  return String(Math.round(x * 1e6) / 1e6);
}

/** Calls `visit` for every per-class map (`{"byClass": …}`) inside a node, with its path in the node. */
function forEachByClass(node: ScenarioNode, visit: (path: Key[], map: Record<string, unknown>, hasDefault: boolean) => void): void {
  const walk = (v: unknown, path: Key[]) => {
    if (!isObject(v)) return;
    if (isObject(v.byClass)) {
      visit(path, v.byClass, v.default !== undefined);
      return;
    }
    for (const [k, x] of Object.entries(v)) if (k !== 'position' && k !== 'mix') walk(x, [...path, k]);
  };
  walk(node, []);
}

function edgeAllows(e: Edge, cls: string): boolean {
  return e.classes === undefined || e.classes.includes(cls);
}

/** For each class, the ids of the nodes its requests can reach from the sources that emit it. */
function classReach(s: Scenario, nodeIndex: ReadonlyMap<string, number>, classes: readonly string[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const from = new Map<string, Edge[]>();
  for (const e of s.edges) if (nodeIndex.has(e.to)) pushTo(from, e.from, e);
  for (const c of classes) {
    const seen = new Set<string>();
    const stack: string[] = [];
    for (const n of s.nodes) {
      if (n.kind !== 'source') continue;
      const emits = n.mix === undefined ? c === 'default' : Object.hasOwn(n.mix, c) && (n.mix[c] ?? 0) > 0;
      if (emits && !seen.has(n.id)) {
        seen.add(n.id);
        stack.push(n.id);
      }
    }
    while (stack.length > 0) {
      const id = stack.pop() as string;
      for (const e of from.get(id) ?? []) {
        if (edgeAllows(e, c) && !seen.has(e.to)) {
          seen.add(e.to);
          stack.push(e.to);
        }
      }
    }
    out.set(c, seen);
  }
  return out;
}

/** A cycle of sync calls: the edge that closes it (last in file order of the walk), every edge on it, and the nodes around it. */
export interface SyncCycle {
  closingEdge: number;
  edges: number[];
  nodes: string[];
}

/**
 * The sync cycles of a scenario whose structure is sound (nodes and edges as lists),
 * for the editor to highlight and the estimate to stop at. Edges naming missing nodes are ignored.
 */
export function findSyncCycles(s: Scenario): SyncCycle[] {
  const nodeIndex = new Map<string, number>();
  s.nodes.forEach((n, i) => {
    if (!nodeIndex.has(n.id)) nodeIndex.set(n.id, i);
  });
  const classes = s.classes === undefined ? ['default'] : s.classes.map((c) => c.id);
  return syncCycles(s, nodeIndex, classes);
}

function cycleIssue(cycle: SyncCycle): Issue {
  return issueOf(formatJsonPath(['edges', cycle.closingEdge]), { code: 'syncCycle', figures: { cycle: JSON.stringify(cycle.nodes) } }, { fix: { kind: 'removeEdge', edge: cycle.closingEdge } });
}

/** The cycle problems of a document that may have other problems too (which hide the semantic checks): an editor lists them all. */
export function syncCycleIssues(s: Scenario): Issue[] {
  return findSyncCycles(s).map((c) => cycleIssue(c));
}

/**
 * Cycles of sync calls, which would make a request call itself forever while holding
 * every worker on the way. Only calls a caller waits for count: async calls hand the
 * request over, and a queue's outgoing edges are subscriptions, not calls. A cycle is
 * real only if one class can travel all of it, since a request never changes class.
 */
function syncCycles(s: Scenario, nodeIndex: ReadonlyMap<string, number>, classes: readonly string[]): SyncCycle[] {
  const found: SyncCycle[] = [];
  const seenCycles = new Set<string>();
  const kindOf = (id: string) => s.nodes[nodeIndex.get(id) ?? -1]?.kind;
  for (const c of classes) {
    const adj = new Map<string, { edge: number; to: string }[]>();
    s.edges.forEach((e, i) => {
      if (e.mode === 'async' || !nodeIndex.has(e.from) || !nodeIndex.has(e.to) || kindOf(e.from) === 'queue' || !edgeAllows(e, c)) return;
      pushTo(adj, e.from, { edge: i, to: e.to });
    });
    // Depth-first search with an explicit stack (a 10,000-node chain must not overflow
    // the call stack): each frame remembers which of its node's edges comes next.
    const state = new Map<string, 'open' | 'done'>();
    const stack: { id: string; via: number; next: number }[] = [];
    for (const n of s.nodes) {
      if (state.get(n.id) !== undefined) continue;
      state.set(n.id, 'open');
      stack.push({ id: n.id, via: -1, next: 0 });
      while (stack.length > 0) {
        const frame = stack[stack.length - 1] as { id: string; via: number; next: number };
        const out = adj.get(frame.id) ?? [];
        if (frame.next >= out.length) {
          state.set(frame.id, 'done');
          stack.pop();
          continue;
        }
        const { edge, to } = out[frame.next++] as { edge: number; to: string };
        if (state.get(to) === 'open') {
          const start = stack.findIndex((f) => f.id === to);
          const members = [...stack.slice(start + 1).map((f) => f.via), edge];
          const signature = [...members].sort((a, b) => a - b).join(',');
          if (!seenCycles.has(signature)) {
            seenCycles.add(signature);
            found.push({ closingEdge: edge, edges: members, nodes: [...stack.slice(start).map((f) => f.id), to] });
          }
        } else if (state.get(to) === undefined) {
          state.set(to, 'open');
          stack.push({ id: to, via: edge, next: 0 });
        }
      }
    }
  }
  return found.sort((a, b) => a.closingEdge - b.closingEdge);
}

/** Schema, then semantic checks, on a document already at the current version. */
function validateDoc(doc: unknown): { scenario?: Scenario; issues: Issue[]; warnings: Issue[] } {
  const english = sentenceContext('en');
  const outOfRange = checkValueLimits(doc, (f) => renderFinding(f, english));
  const parsed = scenarioSchema.safeParse(doc, { error: errorMap });
  if (!parsed.success) {
    const issues: Issue[] = [];
    convertZodIssues(parsed.error.issues, [], doc, issues);
    // The bound is the one thing to say about such a value; the schema's rule for it ("a positive integer") would only mislead.
    const bounded = new Set(outOfRange.map((i) => i.path));
    return { issues: [...outOfRange, ...dedupe(issues).filter((i) => !bounded.has(i.path))], warnings: [] };
  }
  if (outOfRange.length > 0) return { issues: outOfRange, warnings: [] };
  const { errors, warnings } = semanticChecks(parsed.data);
  return errors.length > 0 ? { issues: errors, warnings } : { scenario: parsed.data, issues: [], warnings };
}

/**
 * Reads a scenario from any parsed JSON value: migrates it to the current version,
 * checks it against the schema and then against the rules between fields. Never
 * throws; every problem comes back as an {@link Issue} naming its JSON path.
 * Warnings do not make a file invalid.
 */
export function parseScenario(input: unknown): ParseOutcome {
  try {
    const tooBig = checkStructure(input);
    if (tooBig !== undefined) return { ok: false, issues: [tooBig] };
    const migrated = migrate(input);
    if (migrated.issues.length > 0) return { ok: false, issues: migrated.issues };
    const checked = validateDoc(migrated.doc);
    return checked.scenario === undefined ? { ok: false, issues: checked.issues } : { ok: true, scenario: checked.scenario, warnings: checked.warnings };
  } catch (e) {
    // Only a defect here, or a hostile input (a cyclic object), can get this far.
    return { ok: false, issues: [issueOf('', { code: 'fileUnreadable', figures: { detail: e instanceof Error ? e.message : String(e) } })] };
  }
}

function dedupe(issues: Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = formatIssue(i);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Parses scenario file text: a JSON syntax error becomes an issue at the root, then as {@link parseScenario}. */
export function parseScenarioJson(text: string): ParseOutcome {
  const tooLong = checkFileSize(text);
  if (tooLong !== undefined) return { ok: false, issues: [tooLong] };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { ok: false, issues: [issueOf('', { code: 'fileNotJson', figures: jsonSyntaxFigures(text, e) })] };
  }
  return parseScenario(doc);
}

/**
 * Like {@link parseScenario} but returns the scenario itself, for code that has no one
 * to show problems to (tests, fixtures, trusted callers).
 * @throws Error whose message lists every issue, one per line.
 */
export function assertScenario(input: unknown): Scenario {
  const outcome = parseScenario(input);
  if (outcome.ok) return outcome.scenario;
  const n = outcome.issues.length;
  throw new Error(`invalid scenario (${n} problem${n === 1 ? '' : 's'}):\n${outcome.issues.map((i) => `  ${formatIssue(i)}`).join('\n')}`);
}
