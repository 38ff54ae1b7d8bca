/**
 * Starting points for File › New: an empty model plus every example scenario
 * shipped in assets/examples, bundled at build time. The files are written in
 * English; the picker shows their name and description from the i18n tables
 * (templates.example.<file id>), so an example added without a translation still
 * appears, in its own words.
 */
import type { i18n } from 'i18next';
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

/** Name and description of a template in the UI language, else as its file has them. */
export function templateText(template: Template, i18n: Pick<i18n, 't' | 'exists'>): { name: string; description: string } {
  const text = (field: 'name' | 'description', own: string): string => {
    const key = `templates.example.${template.id}.${field}`;
    return i18n.exists(key) ? i18n.t(key) : own;
  };
  return { name: text('name', template.scenario.name), description: text('description', template.scenario.description ?? '') };
}
