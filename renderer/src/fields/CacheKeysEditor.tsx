/**
 * A cache's hit ratio, fixed (`hitRatio`) or emerging from a key space (`keys`, `ttl`,
 * `maxKeys`, `singleFlight`). The two are exclusive in the file, so switching is one
 * edit that takes one away and puts the other in; the estimate's emergent hit ratio
 * shows under the key fields.
 */
import { useTranslation } from 'react-i18next';
import type { CacheNode } from '../../../simulation/model/schema';
import { setNodeField } from '../model/operations';
import { useAnalysis } from '../stores/analysis';
import { formatPercent } from '../i18n/format';
import { CheckField, NumberField, OptionalGroup, SelectField } from './fields';
import { useEdit } from './editing';

type Popularity = 'uniform' | 'zipf';

export function CacheKeysEditor(props: { node: CacheNode; at: string; set: (path: string, value: unknown) => void; err: (field: string) => string | undefined; children: React.ReactNode }) {
  const { t, i18n } = useTranslation();
  const edit = useEdit();
  const { estimate } = useAnalysis();
  const { node, at, set, err } = props;
  const keys = node.keys;
  const popularity: Popularity = keys?.popularity === undefined || keys.popularity === 'uniform' ? 'uniform' : 'zipf';
  const zipf = keys && typeof keys.popularity === 'object' ? keys.popularity.zipf : undefined;
  const toggle = (on: boolean) =>
    edit(`${node.id}:keys`, (d) => {
      const fields: [string, unknown][] = on
        ? [['hitRatio', undefined], ['keys', { count: 10000, popularity: { zipf: 0.9 } }], ['ttl', 300]]
        : [['keys', undefined], ['ttl', undefined], ['maxKeys', undefined], ['singleFlight', undefined], ['hitRatio', 0.8]];
      for (const [path, value] of fields) setNodeField(d, node.id, [path], value);
    });
  const emergent = estimate.nodes[node.id]?.hitRatio;
  return (
    <>
      {!keys && props.children}
      <OptionalGroup label={t('node.cacheKeys')} enabled={keys !== undefined} onToggle={toggle}>
        {keys && (
          <>
            <div className="field-grid">
              <NumberField label={t('node.keyCount')} integer value={keys.count} required onChange={(v) => v !== undefined && set('keys.count', v)} error={err('keys.count')} testId="key-count" sweep={`${at}.keys.count`} />
              <SelectField<Popularity>
                label={t('node.keyPopularity')}
                value={popularity}
                options={[
                  { value: 'uniform', label: t('node.popularityUniform') },
                  { value: 'zipf', label: t('node.popularityZipf') },
                ]}
                onChange={(v) => set('keys.popularity', v === 'zipf' ? { zipf: 0.9 } : 'uniform')}
                error={err('keys.popularity')}
                testId="key-popularity"
              />
              {popularity === 'zipf' && (
                <NumberField label={t('node.zipfExponent')} value={zipf} required onChange={(v) => v !== undefined && set('keys.popularity.zipf', v)} error={err('keys.popularity.zipf')} hint={t('node.zipfExponentHint')} testId="zipf-exponent" sweep={`${at}.keys.popularity.zipf`} />
              )}
              <NumberField label={t('node.ttl')} unit="s" value={node.ttl} placeholder={t('placeholder.unlimited')} onChange={(v) => set('ttl', v)} error={err('ttl')} testId="ttl" sweep={`${at}.ttl`} />
              <NumberField label={t('node.maxKeys')} integer value={node.maxKeys} placeholder={t('placeholder.unlimited')} onChange={(v) => set('maxKeys', v)} error={err('maxKeys')} hint={t('node.maxKeysHint')} testId="max-keys" sweep={`${at}.maxKeys`} />
            </div>
            <CheckField label={t('node.singleFlight')} checked={node.singleFlight ?? false} onChange={(v) => set('singleFlight', v || undefined)} hint={t('node.singleFlightHint')} />
            <p className="help">{t('node.cacheKeysHelp')}</p>
            {emergent !== undefined && (
              <p className="field-note" data-testid="emergent-hit-ratio">
                {t('node.emergentHitRatio', { v: formatPercent(emergent, i18n.language, 1) })}
              </p>
            )}
          </>
        )}
      </OptionalGroup>
    </>
  );
}
