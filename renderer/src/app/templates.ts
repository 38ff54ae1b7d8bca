/**
 * Starting points for File › New: an empty model plus every example scenario
 * shipped in assets/examples, bundled at build time. The files are written in
 * English; the picker shows their name and description from the i18n tables
 * (templates.example.<file id>), so an example added without a translation still
 * appears, in its own words. A model started from a template gets its names and
 * labels (nodes, classes, calls) in the UI language of that moment: from then on
 * they are the user's own words, saved in the file and not translated again.
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

/** The template's scenario with its words in the UI language, where the tables have them. */
export function localizedTemplate(template: Template, i18n: Pick<i18n, 't' | 'exists'>): Scenario {
  const own = (key: string, text: string): string => {
    const full = `templates.example.${template.id}.${key}`;
    return i18n.exists(full) ? i18n.t(full) : text;
  };
  const s = structuredClone(template.scenario);
  const { name, description } = templateText(template, i18n);
  s.name = name;
  if (s.description !== undefined) s.description = description;
  for (const n of s.nodes) {
    if (n.label) n.label = own(`nodes.${n.id}`, n.label);
    if (n.description) n.description = own(`nodeDescriptions.${n.id}`, n.description);
  }
  for (const c of s.classes ?? []) if (c.label) c.label = own(`classes.${c.id}`, c.label);
  for (const e of s.edges) if (e.label) e.label = own(`edges.${e.from}->${e.to}`, e.label);
  return s;
}
