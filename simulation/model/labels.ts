import type { Scenario } from './schema';

/** What a person calls each node (its label, or its id when it has none), for sentences. */
export function nodeLabels(scenario: Scenario): Record<string, string> {
  return Object.fromEntries(scenario.nodes.map((n) => [n.id, n.label || n.id]));
}
