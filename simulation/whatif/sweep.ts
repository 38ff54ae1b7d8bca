/**
 * Sweeps: the `whatIf.vary` grid (or `--vary`), every point simulated on the worker
 * pool at once, each point's replications in parallel too. A point's numbers depend
 * only on its scenario and seed, and points are assembled by their grid index, so a
 * sweep is identical for any thread count — and for any split into shards, which is
 * what lets `headroom sweep --shard i/n` spread one over a batch system and
 * `headroom merge` put it back together byte for byte.
 */
import { compileScenario } from '../engine/compile';
import { FindingError, problem } from '../findings/error';
import type { CapacityLimit, ResultDocument, SloCheck, SweepDocument, SweepPoint, VaryValue } from '../model/result';
import type { Scenario } from '../model/schema';
import { isReplicaPath, setPath } from '../model/paths';
import { doesNotFit, formatIssue, parseScenario } from '../model/validate';
import type { Finding } from '../findings/finding';
import { hashString } from '../random/rng';
import { aggregate } from '../analysis/aggregate';
import type { ReplicationTally } from '../stats/tally';
import type { ScreenStopSpec } from '../engine/screenStop';
import { CancelledError, ChildSignal, type SignalLike } from '../runner/cancel';
import type { WorkerPool } from '../runner/pool';
import { runReplications } from '../runner/runScenario';
import { findMaxRateStaged } from './capacity';
import { capacityGuess, saturationRate } from './capacityGuess';
import { sweepRecommendationFinding } from './recommend';
import { scalingSlice, scalingVerdict } from './scaling';

export interface VaryEntry {
  path: string;
  values: VaryValue[];
}

export interface GridPoint {
  index: number;
  values: Record<string, VaryValue>;
  scenario: Scenario;
  /** Set when the point's only problem is that its workers do not fit in memory: it is shown as invalid, not simulated (its scenario is then not one to run). */
  doesNotFit?: Finding;
}

/** Every combination of the varied values, row-major (the last path varies fastest). */
export function sweepGrid(scenario: Scenario, vary: readonly VaryEntry[]): GridPoint[] {
  if (vary.length === 0) throw new FindingError(problem('sweepNothingToVary'));
  let combos: Record<string, VaryValue>[] = [{}];
  for (const entry of vary) combos = combos.flatMap((c) => entry.values.map((v) => ({ ...c, [entry.path]: v })));
  return combos.map((values, index) => {
    let s = scenario;
    for (const [path, value] of Object.entries(values)) s = setPath(s, path, value);
    const outcome = parseScenario({ ...s, whatIf: undefined });
    if (!outcome.ok && outcome.issues.every(doesNotFit)) return { index, values, scenario: s, doesNotFit: outcome.issues[0]!.finding! };
    if (!outcome.ok) {
      const where = Object.entries(values)
        .map(([p, v]) => `${p}=${String(v)}`)
        .join(', ');
      throw new Error(`sweep point ${where} is not a valid scenario:\n${outcome.issues.map((i) => `  ${formatIssue(i)}`).join('\n')}`);
    }
    return { index, values, scenario: outcome.scenario };
  });
}

export interface ShardSpec {
  /** 1-based */
  index: number;
  count: number;
}

export function parseShard(text: string): ShardSpec {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) throw new FindingError(problem('cliShard', { value: text }));
  return { index, count };
}

export interface SweepProgress {
  fraction: number;
  pointsDone: number;
  points: number;
}

export interface SweepOptions {
  vary?: VaryEntry[];
  shard?: ShardSpec;
  onProgress?: (p: SweepProgress) => void;
  /** Called with each point as soon as it is done (the app draws points as they arrive). */
  onPoint?: (p: SweepPoint) => void;
  signal?: SignalLike;
}

async function simulate(pool: WorkerPool, scenario: Scenario, signal: SignalLike | undefined, onFraction: (f: number) => void, priority: number): Promise<ResultDocument> {
  const started = Date.now();
  const { model, tallies } = await runReplications(pool, scenario, { signal, onProgress: (p) => onFraction(p.fraction), priority });
  return aggregate(scenario, model, tallies, { wallSeconds: (Date.now() - started) / 1000 });
}

/**
 * How far beyond a bound replication 0 alone must be for a candidate to count as missed
 * without its other replications: far enough that the others cannot bring the mean back
 * (a replication's p99 varies by a few percent between seeds at these run lengths).
 * Error rates from few errors are noisier, so they need more.
 */
function clearlyMissed(key: string, check: SloCheck): boolean {
  // A bound met is not missed by any margin (a throughput far above its floor is a pass).
  return !check.met && check.actual > check.bound * (key === 'errorRate' ? byFar.errorRate : byFar.latency);
}

const byFar = { latency: 1.5, errorRate: 3 };

/**
 * The screen's stop rule: replication 0 stops once its p99 or error rate is certain to end
 * past `clearlyMissed`'s margin, which is the verdict its full length would give.
 */
function screenStopFor(scenario: Scenario): ScreenStopSpec | undefined {
  const slo = scenario.slo;
  const spec: ScreenStopSpec = {
    ...(slo?.p99 !== undefined ? { p99Above: slo.p99 * byFar.latency } : {}),
    ...(slo?.errorRate !== undefined ? { errorRateAbove: slo.errorRate * byFar.errorRate } : {}),
  };
  return Object.keys(spec).length > 0 ? spec : undefined;
}

/**
 * Reasons one replication decides alone, exactly: a run is unsound when any of its
 * replications grew a queue without bound, stopped early or looped in zero time, so the
 * others cannot change the verdict (simulation/analysis/verdict.ts).
 */
const decidedByOne = new Set(['unstable', 'stoppedEarly', 'zeroTimeLoop']);

type Confirmed = { met: boolean; result: ResultDocument | null };

/**
 * The candidate rates of one point's capacity search. Replication 0 of a rate runs once
 * and serves twice: as the screen (its verdict alone) and as the first replication of the
 * rate's confirmation. A confirmation stops after replication 0 when it alone decides:
 * exactly (unstable, stopped early) or by far (`clearlyMissed`); only replication 0 is
 * judged alone, whatever finishes first, so the search takes the same path on any thread
 * count.
 */
class Candidates {
  private readonly firsts = new Map<number, Promise<ReplicationTally>>();
  private readonly confirmations = new Map<number, Promise<Confirmed>>();
  /** Aborted when the point is done (or cancelled): nothing of it outlives the search. */
  private readonly spare: ChildSignal;
  private readonly model;
  private repsDone = 0;
  private readonly running = new Map<string, number>();
  /** A replication's verdict alone is read by the screen and by the confirmation: aggregate it once (in the app this runs on the UI thread). */
  private readonly alones = new WeakMap<ReplicationTally, ResultDocument>();
  private readonly screenStop: ScreenStopSpec | undefined;

  constructor(
    private readonly pool: WorkerPool,
    private readonly scenario: Scenario,
    private readonly ratePath: string,
    private readonly signal: SignalLike | undefined,
    private readonly priority: number,
    private readonly onFraction: (f: number) => void,
  ) {
    this.spare = new ChildSignal(signal);
    this.model = compileScenario(scenario);
    this.screenStop = screenStopFor(scenario);
  }

  get replications(): number {
    return this.model.replications;
  }

  at(rate: number): Scenario {
    return setPath(this.scenario, this.ratePath, rate);
  }

  private run(rate: number, replication: number, signal: SignalLike = this.spare, screenStop?: ScreenStopSpec): Promise<ReplicationTally> {
    const key = `${rate}/${replication}${screenStop ? '/screen' : ''}`;
    return this.pool
      .run(
        { scenario: this.at(rate), replication, ...(screenStop ? { screenStop } : {}) },
        (p) => {
          this.running.set(key, p.endTime > 0 ? Math.min(1, p.simTime / p.endTime) : 0);
          this.progress();
        },
        signal,
        this.priority,
      )
      .then(
        (tally) => {
          this.running.delete(key);
          this.repsDone++;
          this.progress();
          return tally;
        },
        (error: unknown) => {
          this.running.delete(key);
          throw error;
        },
      );
  }

  private progress(): void {
    // About eight screens and two confirmations make a search: a guess, not a promise.
    const expected = 8 + 2 * (this.replications - 1);
    let running = 0;
    for (const f of this.running.values()) running += f;
    this.onFraction(Math.min(0.95, (this.repsDone + running) / expected));
  }

  /** Replication 0 of a rate: stopped early where it clearly misses (screenStop.ts), which settles the rate as missed. */
  private first(rate: number): Promise<ReplicationTally> {
    let tally = this.firsts.get(rate);
    if (!tally) {
      tally = this.run(rate, 0, this.spare, this.screenStop);
      this.firsts.set(rate, tally);
    }
    return tally;
  }

  /** Replication 0 of a rate run to its end: a stopped screen describes only part of the run. */
  private async fullFirst(rate: number): Promise<ReplicationTally> {
    const first = await this.first(rate);
    return first.screenStopped ? this.run(rate, 0) : first;
  }

  /** What broke at a rate that missed, from its replication 0 (already run: the search judged it). */
  async limitAt(rate: number): Promise<CapacityLimit> {
    const alone = this.alone(rate, await this.fullFirst(rate));
    const unstable = alone.summary.sloReasons.find((r) => r.reason === 'unstable' && r.node !== undefined)?.node;
    const b = alone.bottleneck;
    const node = unstable ?? b?.node ?? null;
    // Workers held mostly waiting on one callee make that callee's latency the limit (a callee slowed by contention saturates no resource of its own).
    const callees = node === null ? [] : Object.entries(alone.nodes[node]?.holding?.callees ?? {});
    const [callee, waitShare] = callees.reduce<[string | null, number]>((best, [id, share]) => (share > best[1] ? [id, share] : best), [null, 0]);
    // The run's bottleneck figures, when the limit named is that node.
    const figuresOf = (id: string | null) => (b && b.node === id ? { utilization: b.utilization, ...(b.resource ? { resource: b.resource } : {}) } : { utilization: null });
    if (node !== null && callee !== null && waitShare > heldUpShare) return { rate, node: callee, why: 'heldUp', caller: node, waitShare, ...figuresOf(callee) };
    return { rate, node, why: unstable !== undefined ? 'unstable' : b ? 'bottleneck' : 'bound', ...figuresOf(node) };
  }

  private alone(rate: number, tally: ReplicationTally): ResultDocument {
    let result = this.alones.get(tally);
    if (!result) {
      result = aggregate(this.at(rate), this.model, [tally], { wallSeconds: 0 });
      this.alones.set(tally, result);
    }
    return result;
  }

  /** Replication 0's verdict alone. */
  async screen(rate: number): Promise<boolean> {
    const tally = await this.first(rate);
    this.throwIfCancelled();
    return this.alone(rate, tally).summary.sloMet;
  }

  /** The verdict of all replications (or of replication 0 where it decides alone). */
  confirm(rate: number): Promise<Confirmed> {
    let outcome = this.confirmations.get(rate);
    if (!outcome) {
      outcome = this.confirmAt(rate);
      this.confirmations.set(rate, outcome);
    }
    return outcome;
  }

  private async confirmAt(rate: number): Promise<Confirmed> {
    const started = Date.now();
    const first = await this.first(rate);
    if (this.decidesAlone(rate, first, true)) return { met: false, result: null };
    // Any replication that is unstable or stopped early decides exactly, so whichever shows it
    // first stops the rest: the verdict is the same whatever the order they finish in.
    const rest = new ChildSignal(this.spare);
    try {
      const runs = Array.from({ length: this.replications - 1 }, (_, k) =>
        this.run(rate, k + 1, rest).then((tally) => {
          if (this.decidesAlone(rate, tally, false)) rest.abort();
          return tally;
        }),
      );
      const settled = await Promise.allSettled(runs);
      this.throwIfCancelled();
      if (rest.aborted) return { met: false, result: null };
      const tallies = settled.map((s) => {
        if (s.status === 'rejected') throw s.reason;
        return s.value;
      });
      const result = aggregate(this.at(rate), this.model, [first, ...tallies], { wallSeconds: (Date.now() - started) / 1000 });
      return { met: result.summary.sloMet, result };
    } finally {
      rest.release();
    }
  }

  /**
   * Whether one replication settles the rate as missed: exactly (`decidedByOne`), or for
   * replication 0 also by far (`clearlyMissed`, judged on replication 0 only, so the path
   * is the same on any thread count).
   */
  private decidesAlone(rate: number, tally: ReplicationTally, byFar: boolean): boolean {
    const alone = this.alone(rate, tally).summary;
    return alone.sloReasons.some((r) => decidedByOne.has(r.reason)) || (byFar && Object.entries(alone.slo ?? {}).some(([key, check]) => clearlyMissed(key, check)));
  }

  private throwIfCancelled(): void {
    if (this.signal?.aborted) throw new CancelledError();
  }

  /** Stops whatever of the search still runs (after an error or a cancel) and waits until it has. */
  async finish(): Promise<void> {
    this.spare.abort();
    const all = [...this.firsts.values(), ...this.confirmations.values()];
    await Promise.all(all.map((p) => p.catch(() => {})));
    this.spare.release();
    this.throwIfCancelled();
  }
}

/** A caller whose workers wait on one callee more than this share of their held time is held up by it. */
const heldUpShare = 0.5;

/** Runs one grid point: its metrics, or with `load.find` its capacity at the SLO. */
export async function runPoint(pool: WorkerPool, base: Scenario, point: GridPoint, signal: SignalLike | undefined, onFraction: (f: number) => void): Promise<SweepPoint> {
  const load = base.whatIf?.load;
  if (!load) {
    const result = await simulate(pool, point.scenario, signal, onFraction, point.index);
    return { index: point.index, values: point.values, result };
  }
  const source = point.scenario.nodes.find((n) => n.id === load.source);
  if (!source || source.kind !== 'source' || source.arrival.process === 'closed') throw new FindingError(problem('sweepLoadSource', { source: load.source }));
  const ratePath = `nodes.${load.source}.arrival.rate`;
  const saturation = saturationRate(point.scenario, source.arrival.rate);
  const guess = capacityGuess(point.scenario, source.arrival.rate);
  const precision = load.precision ?? 0.02;
  const candidates = new Candidates(pool, point.scenario, ratePath, signal, point.index, onFraction);
  let found;
  let limit: CapacityLimit | undefined;
  try {
    found = await findMaxRateStaged(
      (rate) => candidates.screen(rate),
      (rate) => candidates.confirm(rate),
      guess === null
        ? { start: source.arrival.rate, min: load.min, max: load.max, precision: load.precision }
        : // The range stays the file rate's, so a guess changes how fast the answer is found, not where it may lie.
          {
            start: guess,
            firstStep: 0.1,
            // Just past saturation no sound run is expected: a step up stops there first, not a far-overloaded step beyond.
            ceiling: saturation! * (1 + precision),
            min: load.min ?? source.arrival.rate / 1024,
            max: load.max ?? source.arrival.rate * 1024,
            precision,
          },
    );
    if (found.bracket[1] !== null) limit = await candidates.limitAt(found.bracket[1]);
  } finally {
    await candidates.finish();
  }
  onFraction(1);
  const result = found.result ?? (await simulate(pool, setPath(point.scenario, ratePath, found.bracket[0] || source.arrival.rate), signal, () => {}, point.index));
  return {
    index: point.index,
    values: point.values,
    result,
    capacity: { source: load.source, rate: found.rate, bracket: found.bracket, evaluations: found.evaluations, screened: found.screened, ...(limit ? { limit } : {}) },
  };
}

export async function runSweep(pool: WorkerPool, scenario: Scenario, options: SweepOptions = {}): Promise<SweepDocument> {
  const vary = options.vary ?? scenario.whatIf?.vary ?? [];
  const grid = sweepGrid(scenario, vary);
  const mineAll = options.shard ? grid.filter((p) => p.index % options.shard!.count === options.shard!.index - 1) : grid;
  const mine = mineAll.filter((p) => p.doesNotFit === undefined);
  const invalid = mineAll.flatMap((p) => (p.doesNotFit ? [{ index: p.index, values: p.values, finding: p.doesNotFit }] : []));
  const fractions = new Array<number>(mine.length).fill(0);
  let done = 0;
  const report = () => options.onProgress?.({ fraction: mine.length === 0 ? 1 : fractions.reduce((a, b) => a + b, 0) / mine.length, pointsDone: done, points: mine.length });
  const points = await Promise.all(
    mine.map((point, k) =>
      runPoint(pool, scenario, point, options.signal, (f) => {
        fractions[k] = f;
        report();
      }).then((p) => {
        fractions[k] = 1;
        done++;
        report();
        options.onPoint?.(p);
        return p;
      }),
    ),
  );
  const doc: SweepDocument = {
    format: 'headroom/sweep',
    version: 1,
    scenario: scenario.name,
    vary: vary.map((v) => ({ path: v.path, values: [...v.values] })),
    ...(scenario.whatIf?.load ? { load: { source: scenario.whatIf.load.source, find: 'max' as const } } : {}),
    points,
    ...(invalid.length > 0 ? { invalid } : {}),
  };
  if (options.shard) {
    doc.shard = { index: options.shard.index, count: options.shard.count, points: grid.length, scenarioDigest: scenarioDigest(scenario) };
    return doc;
  }
  return withScaling(doc, compileScenario(scenario).confidence);
}

/** Identifies the scenario a shard ran (after every override), so merge can refuse a mix. */
export function scenarioDigest(scenario: Scenario): string {
  const text = JSON.stringify(scenario);
  return `${hashString(text).toString(16)}-${hashString(text, 0x9747b28c).toString(16)}-${text.length}`;
}

/** Adds the scale-out verdict (when exactly one varied path is a replica count) and the recommendation. */
export function withScaling(doc: SweepDocument, confidence: number): SweepDocument {
  const replicaPaths = doc.vary.filter((v) => isReplicaPath(v.path));
  // With other paths varied too, the verdict is taken along their first values.
  const scaling = replicaPaths.length === 1 ? scalingVerdict(replicaPaths[0]!.path, scalingSlice(doc, replicaPaths[0]!.path, doc.points), confidence) : undefined;
  const { scaling: _old, ...rest } = doc;
  const judged = scaling ? { ...rest, scaling } : rest;
  return { ...judged, recommendation: sweepRecommendationFinding(judged) };
}

/** Combines shard outputs into the document an unsharded sweep would have written. */
export function mergeSweeps(shards: readonly SweepDocument[]): SweepDocument {
  if (shards.length === 0) throw new Error('merge needs at least one shard output');
  const first = shards[0]!;
  const count = first.shard?.count;
  if (count === undefined) throw new FindingError(problem('mergeFirstNotShard'));
  const seen = new Set<number>();
  for (const s of shards) {
    if (s.format !== 'headroom/sweep') throw new FindingError(problem('mergeNotSweep', { format: String(s.format) }));
    if (!s.shard || s.shard.count !== count) throw new FindingError(problem('mergeMismatch', { what: 'sharding' }));
    if (JSON.stringify(s.vary) !== JSON.stringify(first.vary) || s.scenario !== first.scenario) throw new FindingError(problem('mergeMismatch', { what: 'sweep' }));
    if (s.shard.scenarioDigest !== first.shard!.scenarioDigest) throw new FindingError(problem('mergeMismatch', { what: 'scenario' }));
    if (seen.has(s.shard.index)) throw new FindingError(problem('mergeShardTwice', { index: s.shard.index, count }));
    seen.add(s.shard.index);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length > 0) throw new FindingError(problem('mergeShardsMissing', { missing: missing.join(','), count }));
  const points = shards.flatMap((s) => s.points).sort((a, b) => a.index - b.index);
  const invalid = shards.flatMap((s) => s.invalid ?? []).sort((a, b) => a.index - b.index);
  const { shard: _shard, invalid: _invalid, ...rest } = first;
  return withScaling({ ...rest, points, ...(invalid.length > 0 ? { invalid } : {}) }, points[0]?.result.run.confidence ?? 0.95);
}
