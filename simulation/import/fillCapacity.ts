/**
 * Capacity the person gives on the command line (`--replicas api=4`, `--workers api=8`,
 * `--cpus api=2`, `--capacity jobs=50000`) onto an imported scenario: each fills the field
 * and takes it off the node's `toFill`. `--workers gateway=unlimited` leaves the field out,
 * which is how the format says "no limit" (an event loop, a gateway). Nothing here checks the whole file: the caller validates the result
 * with the format's own rules (a `--cpus` above the placeholder workers breaks one).
 */
import type { Scenario, ScenarioNode, ToFillField } from '../model/schema';
import { kindNamed } from '../model/kinds';

export type CapacityField = 'replicas' | 'workers' | 'cpus' | 'capacity';
export const capacityFields: readonly CapacityField[] = ['replicas', 'workers', 'cpus', 'capacity'];

export interface CapacityFill {
  field: CapacityField;
  node: string;
  /** null: unlimited (workers only), written by leaving the field out. */
  value: number | null;
  /** As typed, for messages: `--cpus api=4`. */
  flag: string;
}

/** `NODE=N` with N a whole number ≥ 1, or `NODE=unlimited` for workers; null when it is not. */
export function parseFill(field: CapacityField, entry: string): CapacityFill | null {
  const m = /^([A-Za-z0-9_-]+)=(\d{1,9}|unlimited)$/.exec(entry);
  if (!m || m[1] === '__proto__') return null;
  if (m[2] === 'unlimited') return field === 'workers' ? { field, node: m[1]!, value: null, flag: `--${field} ${entry}` } : null;
  if (Number(m[2]) < 1) return null;
  return { field, node: m[1]!, value: Number(m[2]), flag: `--${field} ${entry}` };
}

/** The kinds that have the field. */
export function hasField(kind: ScenarioNode['kind'], field: CapacityField): boolean {
  return kindNamed(kind).capacityFields.includes(field);
}

export type FillRefusal = { code: 'unknownNode'; fill: CapacityFill } | { code: 'noSuchField'; fill: CapacityFill; kind: ScenarioNode['kind'] };

/** A copy of `scenario` with the fills applied, or the first fill that names no node or a field its node lacks. */
export function fillCapacity(scenario: Scenario, fills: readonly CapacityFill[]): { scenario: Scenario } | { refused: FillRefusal } {
  const s = JSON.parse(JSON.stringify(scenario)) as Scenario;
  for (const fill of fills) {
    const node = s.nodes.find((n) => n.id === fill.node);
    if (!node) return { refused: { code: 'unknownNode', fill } };
    if (!hasField(node.kind, fill.field)) return { refused: { code: 'noSuchField', fill, kind: node.kind } };
    const fields = node as unknown as Record<string, unknown>;
    if (fill.value === null) delete fields[fill.field];
    else fields[fill.field] = fill.value;
    clearToFill(node, fill.field);
  }
  return { scenario: s };
}

/** Takes `field` off the node's `toFill`, and the list itself once it is empty. */
export function clearToFill(node: ScenarioNode, field: ToFillField): void {
  if (!node.toFill) return;
  const rest = node.toFill.filter((f) => f !== field);
  if (rest.length > 0) node.toFill = rest;
  else delete node.toFill;
}

/** What is still to be filled in, node by node, in the file's order. */
export function toFillOf(scenario: Scenario): { node: string; fields: ToFillField[] }[] {
  return scenario.nodes.filter((n) => n.toFill && n.toFill.length > 0).map((n) => ({ node: n.id, fields: [...n.toFill!] }));
}
