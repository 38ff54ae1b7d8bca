/**
 * What a node kind is, as one module: its traits (plain data), the parameters it hands
 * the engine's compile step, its own validation rules and the kind-specific figures of
 * its result. Callers iterate the registry (`index.ts`) instead of asking `kind === …`.
 *
 * The contract lives in model/ because validation (model/validate.ts) is its lowest
 * caller in the layer map; so a kind speaks in the file's own terms (specs, counts) and
 * the engine's compile step turns them into its numeric model.
 */
import type { Autoscale, CacheKeys, DistSpec, RatioSpec, ScenarioNode, ServiceNode, SourceNode, ToFillField } from '../schema';
import type { NodeResult } from '../result';
import type { FileFinding } from '../findingIssue';

/** The engine's stations: the mechanisms a kind runs on (see engine/compile.ts's NodeKind). */
export const stations = ['source', 'gateway', 'service', 'cache', 'queue', 'database', 'external'] as const;
export type Station = (typeof stations)[number];

/** A cache's key space as the compile step needs it. */
export interface KeyedCacheParams {
  keys: CacheKeys;
  ttl: number | undefined;
  maxKeys: number | undefined;
  singleFlight: boolean | undefined;
}

/** A kind's mechanisms and their parameters, defaults applied; compile.ts compiles the specs and codes. */
export interface KindParams {
  /** Replica slots per group at the start. */
  replicas: number;
  /** CPUs apart from workers (undefined: as many as workers). */
  cpus: number | undefined;
  /** Own work per visit (undefined: none). */
  work: DistSpec | undefined;
  /** Own work after the answer (undefined: none). */
  background: DistSpec | undefined;
  autoscale: Autoscale | undefined;
  /** Independent groups of replicas (a database's shards). */
  groups: number;
  rateLimit: { rate: number; burst?: number } | null;
  hitRatio: RatioSpec | undefined;
  keyed: KeyedCacheParams | undefined;
  bypass: boolean;
  /** Classes that are writes. */
  writes: readonly string[];
  readsOnPrimary: boolean;
  shardSkew: number;
  /** Most messages a broker holds. */
  capacity: number;
  partitions: number;
  partitionSkew: number;
  source: SourceNode | null;
}

type Key = string | number;

/** What a kind's validation rules may use: the semantic checker's reporters and lookups. */
export interface KindCheckContext {
  /** The node's path, `['nodes', i]`. */
  at: readonly Key[];
  index: number;
  err(path: readonly Key[], code: string, figures?: FileFinding['figures'], node?: string): void;
  warn(path: readonly Key[], code: string, figures?: FileFinding['figures'], node?: string): void;
  /** An error that the node is not wired (listed apart so the app can show it on the canvas). */
  unconnected(list: 'errors' | 'warnings', path: readonly Key[], code: string, node?: string): void;
  checkClass(path: readonly Key[], id: string): void;
  /** The autoscaler's rules (a mechanism some kinds have). */
  checkAutoscale(n: ServiceNode, index: number): void;
  /** Edges out of the node, by index. */
  outgoing: readonly number[];
  /** Whether the file declares the class `default` (explicitly or by having no classes). */
  hasDefaultClass: boolean;
}

/** A compiled node as the result extras read it. */
export interface CompiledNodeFigures {
  cpus: number;
  workers: number;
}
/** One node's per-replication mean of a figure. */
export type FigureMean = (figure: 'cpuWaitTime' | 'hitRatio' | 'queueLength') => number;

/** What every node has, whatever its kind. */
export interface AnyNode {
  id: string;
  kind: string;
}

/** What a node guessed from traces starts from, whatever its kind. */
export interface ImportedBase {
  id: string;
  label: string;
  position: { x: number; y: number };
  toFill: ToFillField[];
}

/** How the trace import writes a node of the kind it guessed. */
export interface ImportedKind<N> {
  /** The capacity traces cannot tell, left for the user (marked `toFill`). */
  toFill: readonly ToFillField[];
  /** The node, with the measured own work and (asked only by a kind that has one) the measured hit ratio. */
  node(base: ImportedBase, work: DistSpec, hitRatio: () => RatioSpec): N;
}

/** Capacity a command line may set on a node (`--replicas`, `--workers`, `--cpus`). */
export type CapacityFieldName = 'replicas' | 'workers' | 'cpus' | 'capacity';

export interface KindModule<N extends AnyNode = ScenarioNode> {
  kind: string;
  /** The engine station it runs as. */
  station: Station;
  /** Where requests come from: called by nobody, answers nobody. */
  source: boolean;
  /** Holds messages for its subscribers (a broker): no replicas, no workers, no outgoing waits. */
  broker: boolean;
  /** Has replicas and workers to scale, fault and place on hosts. */
  replicated: boolean;
  /** Values a node gets for fields it leaves out. */
  defaults: Readonly<Record<string, unknown>>;
  /** Accent colour (canvas, palette, exports and the HTML reports): one per kind so a diagram reads at a glance. */
  color: string;
  /** OpenTelemetry attributes every simulated span of the node carries, so trace viewers group it as its kind. */
  spanAttributes: readonly (readonly [key: string, value: string])[];
  /** The node tables' CPU column shows its CPU share (its CPUs are a resource apart from its workers). */
  cpuColumn: boolean;
  /** The field holding its own work per visit, that calibration scales (null: none, as a source). */
  workField: string | null;
  /** The capacity fields the kind has, that `import … --replicas/--workers/--cpus/--capacity` may set. */
  capacityFields: readonly CapacityFieldName[];
  /** How the trace import writes a node it guessed is of this kind (absent: never guessed, as a source). */
  imported?: ImportedKind<N>;
  /** Independent replica groups (a database's shards), as written. */
  groups(n: N): number;
  /** Most replicas the node may run (an autoscaler's maximum when larger). */
  peakReplicas(n: N): number;
  compile(n: N, classIds: readonly string[]): KindParams;
  /** The kind's own rules between fields the schema cannot express. */
  validate(n: N, ctx: KindCheckContext): void;
  /** The kind's own figures of its node result, in the document's field order. */
  resultExtras(n: CompiledNodeFigures, avg: FigureMean): Partial<NodeResult>;
}

/** A node kind's defaults for a node that states no kind-specific mechanism: most kinds start from these. */
export function plainParams(n: AnyNode, work: DistSpec | undefined): KindParams {
  return {
    replicas: declaredReplicas(n),
    cpus: undefined,
    work,
    background: undefined,
    autoscale: undefined,
    groups: 1,
    rateLimit: null,
    hitRatio: undefined,
    keyed: undefined,
    bypass: false,
    writes: [],
    readsOnPrimary: false,
    shardSkew: 0,
    capacity: Infinity,
    partitions: 0,
    partitionSkew: 0,
    source: null,
  };
}

export const declaredReplicas = (n: AnyNode & { replicas?: number }): number => n.replicas ?? 1;
export const noChecks = (): void => {};
export const noExtras = (): Partial<NodeResult> => ({});
