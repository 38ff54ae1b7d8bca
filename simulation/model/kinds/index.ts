/**
 * The registry of node kinds: callers iterate it or look a node's kind up here instead of
 * branching on `kind`. Adding a kind means a module like `cache.ts` and a line below.
 * (The renderer's side and the engine's stations dispatch separately; see the README.)
 */
import { cacheKind } from './cache';
import { databaseKind } from './database';
import { externalKind } from './external';
import { gatewayKind } from './gateway';
import { queueKind } from './queue';
import { serviceKind } from './service';
import { sourceKind } from './source';
import type { AnyNode, KindModule } from './types';

export type { AnyNode, KindModule, KindParams, KindCheckContext, Station } from './types';

const registry = new Map<string, KindModule>();

/** Adds a kind (the built-in ones below; a test may add a fixture kind). */
export function registerKind<N extends AnyNode>(module: KindModule<N>): void {
  if (registry.has(module.kind)) throw new Error(`node kind "${module.kind}" is registered twice`);
  registry.set(module.kind, module as unknown as KindModule);
}

/** Removes a kind a test registered. */
export function unregisterKind(kind: string): void {
  registry.delete(kind);
}

for (const k of [sourceKind, gatewayKind, serviceKind, cacheKind, queueKind, databaseKind, externalKind]) registerKind(k as KindModule<never>);

/** Every registered kind, in registration order. */
export function allKinds(): readonly KindModule[] {
  return [...registry.values()];
}

/** A kind by name; throws on an unknown one (the schema admits only registered kinds). */
export function kindNamed(kind: string): KindModule {
  const k = registry.get(kind);
  if (k === undefined) throw new Error(`unknown node kind "${kind}"`);
  return k;
}

/** A kind by name, or undefined: for documents read back from a file (a result of another version), where a name may be unknown. */
export const knownKind = (kind: string): KindModule | undefined => registry.get(kind);

/** The module of a node's kind. */
export const kindOf = (n: { kind: string }): KindModule => kindNamed(n.kind);
