/** The canvas badge of a node the events timeline touches: its count and its tooltip, in both languages. */
import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import en from '../i18n/en.json';
import zh from '../i18n/zh-CN.json';
import type { TimelineEvent } from '../../../simulation/model/schema';
import { eventBadge } from './eventBadge';

const i18n = i18next.createInstance();
await i18n.init({ resources: { en: { translation: en }, 'zh-CN': { translation: zh } }, lng: 'en', interpolation: { escapeValue: false } });
const t = i18n.getFixedT('en');
const tz = i18n.getFixedT('zh-CN');

const events: TimelineEvent[] = [
  { at: 70, node: 'cache', action: 'flush' },
  { at: 100, node: 'api', action: 'deploy', startup: 20 },
  { at: 12.5, node: 'cache', action: 'failover', promotion: 10 },
];

describe('eventBadge', () => {
  it('lists only the events of its node, in time order, with time and action', () => {
    const b = eventBadge(events, 'cache', t, 'en')!;
    expect(b.count).toBe(2);
    expect(b.items).toEqual(['Failover at 12.5 s', 'Cache flush at 70 s']);
    expect(b.tooltip).toBe('2 events: Failover at 12.5 s; Cache flush at 70 s');
  });

  it('says "1 event" for one', () => {
    expect(eventBadge(events, 'api', t, 'en')!.tooltip).toBe('1 event: Rolling deploy at 100 s');
  });

  it('is in Chinese under zh-CN, with no Latin word', () => {
    const b = eventBadge(events, 'cache', tz, 'zh-CN')!;
    expect(b.tooltip).toBe('2 个事件：第 12.5 秒故障切换；第 70 秒缓存清空');
    expect(b.tooltip).not.toMatch(/[A-Za-z]/);
  });

  it('is absent for a node with no events and for a scenario without a timeline', () => {
    expect(eventBadge(events, 'db', t, 'en')).toBeNull();
    expect(eventBadge(undefined, 'cache', t, 'en')).toBeNull();
  });
});

describe('the estimate note', () => {
  it('counts the events it leaves out, in both languages', () => {
    expect(t('events.estimateNote', { count: 3 })).toBe('The estimate is the steady state: it leaves out the 3 timeline events; the simulation shows them.');
    expect(t('events.estimateNote', { count: 1 })).toContain('the timeline event;');
    expect(tz('events.estimateNote', { count: 3 })).toContain('3 个事件');
  });
});
