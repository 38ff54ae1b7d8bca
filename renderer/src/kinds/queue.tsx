/** A broker: holds messages for its subscribers, with a capacity and partitions; no replicas or workers of its own. */
import { useTranslation } from 'react-i18next';
import { NumberField, Section } from '../fields/fields';
import { LatencyField } from '../fields/NodeFields';
import { formatNumber } from '../i18n/format';
import type { KindViewSpec } from './types';

export const queueView: KindViewSpec<'queue'> = {
  kind: 'queue',
  // Messages waiting in a pipe.
  icon: [
    { tag: 'rect', x: 2.5, y: 6.5, width: 19, height: 11, rx: 2.5 },
    { tag: 'rect', x: 5.5, y: 9.5, width: 3, height: 5, rx: 0.8, fill: true },
    { tag: 'rect', x: 10.5, y: 9.5, width: 3, height: 5, rx: 0.8, fill: true },
    { tag: 'path', d: 'M16 10l2.5 2-2.5 2' },
  ],
  idBase: 'queue',
  create: (base) => ({ ...base, kind: 'queue', latency: { dist: 'constant', value: 0.001 } }),
  summary: (n, { t, lang }) => [n.capacity === undefined ? t('node.unbounded') : t('node.queueCap', { n: formatNumber(n.capacity, lang) })],
  Sections: function QueueSections({ node, classes, at, set, err }) {
    const { t } = useTranslation();
    return (
      <Section title={t('node.behaviour')}>
        <LatencyField value={node.latency} required={false} classes={classes} at={at} set={set} err={err} />
        <NumberField label={t('node.queueCapacity')} integer value={node.capacity} placeholder={t('placeholder.unlimited')} onChange={(v) => set('capacity', v)} error={err('capacity')} sweep={`${at}.capacity`} />
        <div className="field-grid">
          <NumberField label={t('node.partitions')} integer value={node.partitions} placeholder={t('placeholder.none')} onChange={(v) => set('partitions', v)} error={err('partitions')} hint={t('node.partitionsHint')} testId="partitions" sweep={`${at}.partitions`} />
          {(node.partitions !== undefined || node.partitionSkew !== undefined) && (
            <NumberField label={t('node.partitionSkew')} unit="percent" value={node.partitionSkew} placeholder="0%" onChange={(v) => set('partitionSkew', v)} error={err('partitionSkew')} hint={t('node.partitionSkewHint')} />
          )}
        </div>
        <p className="help">{t('node.queueHelp')}</p>
      </Section>
    );
  },
};
