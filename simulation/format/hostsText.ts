/**
 * One line per shared host (the result's `hosts`), for the CLI's summary, the HTML report
 * and the app: how busy its CPUs were, with the interval, and each node's part of it.
 */
import type { HostResult, ResultDocument } from '../model/result';
import { sentenceContext } from '../findings/render';
import { formatPercent } from '../locale/units';
import type { NumberLanguage } from '../locale/language';

const words = {
  en: {
    busy: (u: string, half: string) => `CPUs ${u}${half ? ` ± ${half}` : ''} busy`,
    size: (cpus: number, copies: number) => `${cpus} CPU${cpus === 1 ? '' : 's'}${copies > 1 ? ` × ${copies} copies` : ''}`,
    parts: (list: string) => `: ${list}`,
    sep: ', ',
    colon: ': ',
  },
  'zh-CN': {
    busy: (u: string, half: string) => `CPU ${u}${half ? ` ± ${half}` : ''} 忙碌`,
    size: (cpus: number, copies: number) => `${cpus} 个 CPU${copies > 1 ? ` × ${copies} 份` : ''}`,
    parts: (list: string) => `：${list}`,
    sep: '，',
    colon: '：',
  },
} as const;

/** A host's figures without its name: "CPUs 70.0% ± 0.4% busy (1 CPU): app 30.0%, sidecar 40.0%". */
export function hostText(h: HostResult, lang: NumberLanguage, labels: Readonly<Record<string, string>> = {}): string {
  const w = words[lang];
  const c = sentenceContext(lang, labels);
  const half = (h.utilizationCi[1] - h.utilizationCi[0]) / 2;
  const size = lang === 'en' ? ` (${w.size(h.cpus, h.replicas)})` : `（${w.size(h.cpus, h.replicas)}）`;
  const parts = Object.entries(h.nodes).map(([id, share]) => `${c.label(id)} ${formatPercent(share, 1)}`);
  return `${w.busy(formatPercent(h.utilization, 1), half > 0 ? formatPercent(half, 1) : '')}${size}${parts.length > 0 ? w.parts(parts.join(w.sep)) : ''}`;
}

/** "pod: CPUs 70.0% …", one per host in scenario order; none without hosts. */
export function hostLines(r: ResultDocument, lang: NumberLanguage, labels: Readonly<Record<string, string>> = {}): string[] {
  return Object.entries(r.hosts ?? {}).map(([id, h]) => `${id}${words[lang].colon}${hostText(h, lang, labels)}`);
}
