// @vitest-environment happy-dom
/** The template picker's words: every shipped example in both languages, the file's own text for any other. */
import { describe, expect, it } from 'vitest';
import en from '../i18n/en.json';
import { initI18n } from '../i18n';
import { localizedTemplate, templates, templateText, type Template } from './templates';

interface ExampleWords {
  name: string;
  description: string;
  nodes: Record<string, string>;
  nodeDescriptions?: Record<string, string>;
  classes?: Record<string, string>;
  edges?: Record<string, string>;
}
const examples = en.templates.example as Record<string, ExampleWords>;
const cjk = /[\u4e00-\u9fff]/;

describe('templates', () => {
  it('offers every shipped example', () => {
    expect(templates.map((tp) => tp.id).sort()).toEqual(['cache-avalanche', 'django-monolith', 'django-services', 'fastapi-gather', 'fastapi-stack', 'flash-sale', 'qps-linear', 'redis-failover', 'retry-storm', 'rolling-deploy']);
  });

  it('has the English tables say what the files say, so a changed example shows its translation is stale', () => {
    for (const tp of templates) {
      const s = tp.scenario;
      const words = examples[tp.id]!;
      expect({ name: words.name, description: words.description }, tp.id).toEqual({ name: s.name, description: s.description });
      expect(words.nodes, tp.id).toEqual(Object.fromEntries(s.nodes.filter((n) => n.label).map((n) => [n.id, n.label])));
      expect(words.nodeDescriptions ?? {}, tp.id).toEqual(Object.fromEntries(s.nodes.filter((n) => n.description).map((n) => [n.id, n.description])));
      expect(words.classes ?? {}, tp.id).toEqual(Object.fromEntries((s.classes ?? []).filter((c) => c.label).map((c) => [c.id, c.label])));
      expect(words.edges ?? {}, tp.id).toEqual(Object.fromEntries(s.edges.filter((e) => e.label).map((e) => [`${e.from}->${e.to}`, e.label])));
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

  it('starts a model from a template in the UI language: its name, node labels and descriptions, classes and calls', async () => {
    const zh = await initI18n('zh-CN');
    const english = await initI18n('en');
    for (const tp of templates) {
      expect(localizedTemplate(tp, english), tp.id).toEqual(tp.scenario);
      const s = localizedTemplate(tp, zh);
      expect(s.name).toBe(templateText(tp, zh).name);
      const labels = [...s.nodes.map((n) => n.label ?? ''), ...s.nodes.flatMap((n) => (n.description ? [n.description] : [])), ...(s.classes ?? []).map((c) => c.label ?? ''), ...s.edges.flatMap((e) => (e.label ? [e.label] : []))];
      // Only products' own names ("Redis", "FastAPI（gunicorn + uvicorn）") stay as they are.
      const untranslated = labels.filter((l) => !cjk.test(l));
      expect(untranslated.every((l) => /^[A-Za-z+（） ]+$/.test(l)), `${tp.id}: ${untranslated.join(', ')}`).toBe(true);
      // Everything but the words is the template's own model.
      const strip = (x: typeof s) => JSON.stringify({ ...x, name: '', description: '', nodes: x.nodes.map((n) => ({ ...n, label: '', description: '' })), classes: x.classes?.map((c) => ({ ...c, label: '' })), edges: x.edges.map((e) => ({ ...e, label: '' })) });
      expect(strip(s)).toBe(strip(tp.scenario));
    }
    const sale = localizedTemplate(templates.find((tp) => tp.id === 'flash-sale')!, zh);
    expect(sale.nodes.find((n) => n.id === 'order-workers')?.label).toBe('订单处理进程');
    expect(sale.classes?.find((c) => c.id === 'order')?.label).toBe('下单');
    expect(templates.find((tp) => tp.id === 'flash-sale')!.scenario.nodes.find((n) => n.id === 'order-workers')?.label).toBe('Order workers');
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
