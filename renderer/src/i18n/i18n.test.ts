/**
 * Every English key has a Chinese translation and the other way round, and every
 * key the code asks for exists: literal t('…') calls in renderer/src, the action
 * labels, and the key families built from enums (kinds, distributions, …).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from './en.json';
import zh from './zh-CN.json';
import { nodeKinds } from '../../../simulation/model/schema';
import { actionList } from '../actions/appActions';
import { unitLabelKey } from '../model/units';
import { formatNumber, formatPercent, formatDuration } from './format';

type Tree = { [k: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const enKeys = flatten(en as Tree);
const zhKeys = flatten(zh as Tree);
const pluralSuffix = /_(zero|one|two|few|many|other)$/;
const has = (keys: Map<string, string>, key: string) => keys.has(key) || keys.has(`${key}_other`);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(ts|tsx)$/.test(f) && !/\.test\.tsx?$/.test(f) ? [p] : [];
  });
}

describe('i18n', () => {
  it('zh-CN has every English key', () => {
    expect([...enKeys.keys()].filter((k) => !zhKeys.has(k))).toEqual([]);
  });
  it('English has every zh-CN key', () => {
    expect([...zhKeys.keys()].filter((k) => !enKeys.has(k))).toEqual([]);
  });
  it('no translation is empty, and interpolations match', () => {
    for (const [k, v] of enKeys) {
      const z = zhKeys.get(k) ?? '';
      expect(v.trim(), k).not.toBe('');
      expect(z.trim(), k).not.toBe('');
      const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      expect(vars(z), k).toEqual(vars(v));
    }
  });
  it('every t("…") in the renderer source names an existing key', () => {
    const root = join(process.cwd(), 'renderer/src');
    const missing: string[] = [];
    let found = 0;
    for (const file of sources(root)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*['"]([^'"]+)['"]/g)) {
        found++;
        if (!has(enKeys, m[1]!)) missing.push(`${file.slice(root.length + 1)}: ${m[1]}`);
      }
    }
    expect(found).toBeGreaterThan(100);
    expect(missing).toEqual([]);
  });
  it('keys built at run time exist', () => {
    const keys = [
      ...actionList.map((a) => a.labelKey),
      ...nodeKinds.flatMap((k) => [`kind.${k}`, `kindHelp.${k}`]),
      ...['poisson', 'constant', 'bursty', 'closed'].flatMap((p) => [`arrival.${p}`, `arrivalHelp.${p}`]),
      ...['exponential', 'constant', 'uniform', 'erlang', 'lognormal', 'hyperexponential', 'empirical'].map((d) => `dist.${d}`),
      ...['round-robin', 'random', 'least-connections', 'power-of-two'].map((b) => `balance.${b}`),
      ...['spike', 'ramp', 'daily'].map((p) => `profile.${p}`),
      ...['model', 'run', 'faults', 'whatIf'].map((p) => `scenario.tab.${p}`),
      ...['idle', 'running', 'done', 'failed', 'cancelled'].map((p) => `status.run.${p}`),
      ...['mean', 'p50', 'p95', 'p99'].map((p) => `slo.${p}`),
      ...Object.values(unitLabelKey).filter((k): k is string => k !== null),
      ...['list', 'range'].map((m) => `whatIf.mode.${m}`),
      ...['notNumbers', 'step', 'order', 'tooMany', 'whole'].map((e) => `whatIf.range.${e}`),
      ...['better', 'worse', 'significant'].map((v) => `compare.${v}`),
    ];
    expect(keys.filter((k) => !has(enKeys, k) || !has(zhKeys, k))).toEqual([]);
  });
  it('plural families have an "other" form', () => {
    for (const k of enKeys.keys()) if (pluralSuffix.test(k)) expect(enKeys.has(k.replace(pluralSuffix, '_other')), k).toBe(true);
  });
});

describe('formatting', () => {
  it('uses 万 for large numbers in Chinese and K in English', () => {
    expect(formatNumber(12000, 'zh-CN')).toBe('1.2万');
    expect(formatNumber(12000, 'en')).toBe('12K');
    expect(formatNumber(123456789, 'zh-CN')).toBe('1.23亿');
  });
  it('formats small numbers, percentages and durations', () => {
    expect(formatNumber(0.0123, 'en')).toBe('0.0123');
    expect(formatNumber(150.4, 'en')).toBe('150');
    expect(formatPercent(0.8, 'en', 0)).toBe('80%');
    expect(formatDuration(0.0253, 'en')).toBe('25.3 ms');
    expect(formatDuration(0.0000253, 'en')).toBe('25.3 µs');
    expect(formatDuration(2.5, 'en')).toBe('2.5 s');
  });
});
