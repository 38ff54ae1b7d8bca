// @vitest-environment happy-dom
/** The template picker's words: every shipped example in both languages, the file's own text for any other. */
import { describe, expect, it } from 'vitest';
import en from '../i18n/en.json';
import { initI18n } from '../i18n';
import { templates, templateText, type Template } from './templates';

const examples = en.templates.example as Record<string, { name: string; description: string }>;

describe('templates', () => {
  it('offers every shipped example', () => {
    expect(templates.map((tp) => tp.id).sort()).toEqual(['django-monolith', 'django-services', 'fastapi-stack', 'flash-sale']);
  });

  it('has the English tables say what the files say, so a changed example shows its translation is stale', () => {
    for (const tp of templates) {
      expect(examples[tp.id], tp.id).toEqual({ name: tp.scenario.name, description: tp.scenario.description });
    }
  });

  it('shows each example in Chinese under zh-CN and in English under en', async () => {
    const zh = await initI18n('zh-CN');
    const english = await initI18n('en');
    for (const tp of templates) {
      const chinese = templateText(tp, zh);
      expect(chinese.name, tp.id).not.toBe(tp.scenario.name);
      expect(chinese.description, tp.id).not.toBe(tp.scenario.description);
      expect(chinese.description, tp.id).toMatch(/[\u4e00-\u9fff]/);
      expect(templateText(tp, english)).toEqual({ name: tp.scenario.name, description: tp.scenario.description });
    }
    expect(templateText(templates.find((tp) => tp.id === 'flash-sale')!, zh).name).toBe('限时抢购');
  });

  it("falls back to the file's own text for a template the tables do not know", async () => {
    const zh = await initI18n('zh-CN');
    const base = templates[0]!;
    const stranger: Template = { id: 'kafka-pipeline', scenario: { ...base.scenario, name: 'Kafka pipeline', description: 'Events through Kafka.' } };
    expect(templateText(stranger, zh)).toEqual({ name: 'Kafka pipeline', description: 'Events through Kafka.' });
    const bare: Template = { id: 'bare', scenario: { ...base.scenario, name: 'Bare', description: undefined } };
    expect(templateText(bare, zh)).toEqual({ name: 'Bare', description: '' });
  });
});
