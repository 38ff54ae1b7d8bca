/**
 * What the app shows of a node kind, as one module: its icon and colour, the one-line
 * summary under its name on the canvas, the inspector sections only it has, and how a
 * freshly placed node of it starts. Callers look a node's kind up in the registry
 * (`index.ts`) instead of asking `kind === …`; what a kind *is* (traits, defaults,
 * validation) lives on the simulation side, in simulation/model/kinds.
 */
import type { ComponentType } from 'react';
import type { TFunction } from 'i18next';
import type { DistSpec, NodeKind, Scenario, ScenarioNode } from '../../../simulation/model/schema';

/** One stroke of an icon on a 24 × 24 grid, so the same drawing renders as React SVG and as export markup. */
export type Shape =
  | { tag: 'path'; d: string; fill?: boolean }
  | { tag: 'circle'; cx: number; cy: number; r: number; fill?: boolean }
  | { tag: 'rect'; x: number; y: number; width: number; height: number; rx?: number; fill?: boolean }
  | { tag: 'ellipse'; cx: number; cy: number; rx: number; ry: number };

/** The node type of one kind. */
export type NodeOf<K extends NodeKind> = Extract<ScenarioNode, { kind: K }>;

/** What every freshly placed node has, whatever its kind. */
export interface NodeBase {
  id: string;
  label: string;
  position: { x: number; y: number };
}

/** What a kind's summary is written with: the UI language and the shared phrasings. */
export interface SummaryTools {
  t: TFunction;
  lang: string;
  /** "3 × 8 workers" (or "unlimited"), replicas only when more than one. */
  capacity(replicas: number | undefined, workers: number | undefined): string;
  /** A duration's mean, starred when it differs by class; null when there is none. */
  mean(spec: DistSpec | undefined): string | null;
  /** "≤ 1,000 req/s" for a rate limit; null when there is none. */
  rateLimit(limit: { rate: number } | undefined): string | null;
}

/** What a kind's inspector sections edit with. */
export interface SectionProps<N> {
  node: N;
  scenario: Scenario;
  /** The scenario's class ids (`default` when it declares none). */
  classes: string[];
  /** The node's override path prefix, `nodes.<id>`, for "Sweep this". */
  at: string;
  /** Sets a field by its dotted path under the node (one undo step per field). */
  set: (path: string, value: unknown) => void;
  /** The validation message of a field under the node, by its dotted path. */
  err: (field: string) => string | undefined;
}

export interface KindView<K extends NodeKind = NodeKind> {
  kind: K;
  /** Accent colour, shared by the canvas, the palette, the inspector and exports: the simulation kind module's, which the HTML reports use too. */
  color: string;
  icon: readonly Shape[];
  /** The UI string key its replicas go by where the kind names them otherwise (a database's instances). */
  replicasKey?: string;
  /** The id a freshly placed node starts from ("db", "db-2", …). */
  idBase: string;
  /** A fresh node: sensible, valid starting values, so a model runs as soon as it is wired up. */
  create(base: NodeBase): NodeOf<K>;
  /** The parts of the canvas summary ("8 workers", "20 ms"); empty ones are dropped. */
  summary(n: NodeOf<K>, s: SummaryTools): (string | null)[];
  /** The inspector sections after the node's identity. */
  Sections: ComponentType<SectionProps<NodeOf<K>>>;
}

/** What a kind's file writes: everything but the colour, which has its one place in the simulation's kind module. */
export type KindViewSpec<K extends NodeKind = NodeKind> = Omit<KindView<K>, 'color'>;
