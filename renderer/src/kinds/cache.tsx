/** Answers fast: a hit ratio, or a key space the hits follow from; misses go on to what it calls. */
import { useTranslation } from 'react-i18next';
import { CacheKeysEditor } from '../fields/CacheKeysEditor';
import { CapacitySection } from '../fields/CapacitySection';
import { Section, SelectField } from '../fields/fields';
import { cacheErrorPolicies } from '../../../simulation/model/schema';
import { LatencyField, RatioField } from '../fields/NodeFields';
import { formatNumber, formatPercent } from '../i18n/format';
import type { KindViewSpec } from './types';

export const cacheView: KindViewSpec<'cache'> = {
  kind: 'cache',
  // A bolt: answers fast.
  icon: [{ tag: 'path', d: 'M13.5 2.5L5 13.5h6l-1 8 8.5-11h-6l1-8z' }],
  idBase: 'cache',
  create: (base) => ({ ...base, kind: 'cache', workers: 1, latency: { dist: 'constant', value: 0.0005 }, hitRatio: 0.8 }),
  summary: (n, { t, lang, capacity }) => [
    capacity(n.replicas, n.workers),
    n.keys ? t('node.keysN', { n: formatNumber(n.keys.count, lang) }) : t('node.hit', { v: typeof n.hitRatio === 'number' ? formatPercent(n.hitRatio, lang, 0) : '…' }),
  ],
  Sections: function CacheSections({ node, scenario, classes, at, set, err }) {
    const { t } = useTranslation();
    return (
      <>
        <CapacitySection node={node} scenario={scenario} at={at} set={set} err={err} host={{ value: node.host }} />
        <Section title={t('node.behaviour')}>
          <LatencyField value={node.latency} required={false} classes={classes} at={at} set={set} err={err} />
          <CacheKeysEditor node={node} at={at} set={set} err={err}>
            <RatioField label={t('node.hitRatio')} value={node.hitRatio} classes={classes} onChange={(v) => set('hitRatio', v)} error={(f) => err(f ? `hitRatio.${f}` : 'hitRatio')} sweep={`${at}.hitRatio`} />
          </CacheKeysEditor>
          <SelectField
            label={t('node.onError')}
            value={node.onError}
            testId="cache-on-error"
            options={[{ value: '', label: t('placeholder.default', { v: t('node.onErrorFail') }) }, ...cacheErrorPolicies.map((p) => ({ value: p, label: t(p === 'fail' ? 'node.onErrorFail' : 'node.onErrorBypass') }))]}
            onChange={(v) => set('onError', v)}
            error={err('onError')}
          />
          <p className="help">{t('node.cacheHelp')}</p>
        </Section>
      </>
    );
  },
};
