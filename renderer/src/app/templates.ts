/**
 * Starting points for File › New: an empty model plus every example scenario
 * shipped in assets/examples, bundled at build time.
 */
import type { Scenario } from '../../../simulation/model/schema';
import { parseScenario } from '../../../simulation/model/validate';

const files = import.meta.glob<unknown>('../../../assets/examples/*.headroom.json', { eager: true, import: 'default' });

export interface Template {
  id: string;
  scenario: Scenario;
}

export const templates: Template[] = Object.entries(files)
  .flatMap(([path, raw]) => {
    const parsed = parseScenario(raw);
    // A broken example is skipped rather than offered.
    if (!parsed.ok) return [];
    const id = path.split('/').pop()!.replace(/\.headroom\.json$/, '');
    return [{ id, scenario: parsed.scenario }];
  })
  .sort((a, b) => a.scenario.nodes.length - b.scenario.nodes.length);
