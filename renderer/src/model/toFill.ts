/**
 * A node's `toFill` in the app: what an import could not know, listed in the import
 * review, marked on the canvas and in the inspector, and taken off as the person edits
 * the field (a typed value is a filled one, even when it equals the placeholder).
 */
import type { Draft } from 'immer';
import type { Scenario, ScenarioNode, ToFillField } from '../../../simulation/model/schema';
import { clearToFill } from '../../../simulation/import/fillCapacity';

/** The `toFill` entry an inspector path fills: `replicas`, `arrival.rate` → `arrival`. */
export function toFillFieldOf(path: string): ToFillField | null {
  const head = path.split('.')[0];
  return head === 'replicas' || head === 'workers' || head === 'cpus' || head === 'capacity' || head === 'arrival' ? head : null;
}

export function filledByHand(d: Draft<Scenario>, id: string, path: string): void {
  const field = toFillFieldOf(path);
  const node = d.nodes.find((n) => n.id === id) as ScenarioNode | undefined;
  if (field && node?.toFill) clearToFill(node, field);
}

/** The fields in the reader's words, joined. */
export function toFillText(fields: readonly ToFillField[], t: (key: string) => string): string {
  return fields.map((f) => t(`import.toFill.fields.${f}`)).join(t('import.toFill.separator'));
}
