/** Where load comes from: an arrival process (open) or a number of users (closed). */
import { SourceEditor } from '../fields/SourceEditor';
import { formatNumber } from '../i18n/format';
import type { KindViewSpec } from './types';

export const sourceView: KindViewSpec<'source'> = {
  kind: 'source',
  // Users: where load comes from.
  icon: [
    { tag: 'circle', cx: 9, cy: 8, r: 3.2 },
    { tag: 'path', d: 'M3 20c0-3.3 2.7-6 6-6s6 2.7 6 6' },
    { tag: 'circle', cx: 17, cy: 9, r: 2.4 },
    { tag: 'path', d: 'M16.5 14.1c2.6.3 4.5 2.6 4.5 5.4' },
  ],
  idBase: 'users',
  create: (base) => ({ ...base, kind: 'source', arrival: { process: 'poisson', rate: 100 } }),
  summary(n, { t, lang }) {
    const a = n.arrival;
    const load = a.process === 'closed' ? t('node.users', { count: a.users, n: formatNumber(a.users, lang) }) : `${formatNumber(a.rate, lang)} ${t('unit.rps')}`;
    return [load, t(`arrival.${a.process}`)];
  },
  Sections: ({ node, scenario }) => <SourceEditor node={node} scenario={scenario} />,
};
