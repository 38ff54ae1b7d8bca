/** Your own code: workers and CPUs, its work per request and after the answer, memory, autoscaling. */
import { useTranslation } from 'react-i18next';
import { AutoscaleEditor } from '../fields/AutoscaleEditor';
import { CapacitySection } from '../fields/CapacitySection';
import { DistEditor } from '../fields/DistEditor';
import { Section } from '../fields/fields';
import { MemoryEditor } from '../fields/MemoryEditor';
import type { KindViewSpec } from './types';

export const serviceView: KindViewSpec<'service'> = {
  kind: 'service',
  // An application window with a prompt.
  icon: [
    { tag: 'rect', x: 3, y: 4, width: 18, height: 16, rx: 2.5 },
    { tag: 'path', d: 'M3 8.5h18' },
    { tag: 'path', d: 'M7.5 12.5l2.5 2.2-2.5 2.3M12.5 17h4' },
  ],
  idBase: 'service',
  create: (base) => ({ ...base, kind: 'service', workers: 8, work: { dist: 'exponential', mean: 0.02 } }),
  summary: (n, { t, capacity, mean }) => [capacity(n.replicas, n.workers), mean(n.work), n.autoscale ? t('node.autoscaleRange', { min: n.autoscale.min, max: n.autoscale.max }) : null],
  Sections: function ServiceSections({ node, scenario, classes, at, set, err }) {
    const { t } = useTranslation();
    const under = (field: string) => (f: string) => err(f ? `${field}.${f}` : field);
    return (
      <>
        <CapacitySection node={node} scenario={scenario} at={at} set={set} err={err} cpus={{ value: node.cpus, hint: t('node.cpusHint') }} host={{ value: node.host }}>
          <MemoryEditor value={node.memory} workers={node.workers} set={set} err={err} />
        </CapacitySection>
        <Section title={t('node.work')}>
          <DistEditor label={t('node.workField')} value={node.work} classes={classes} onChange={(d) => d && set('work', d)} errors={under('work')} testId="work" sweepPath={`${at}.work`} />
          <DistEditor label={t('node.background')} value={node.background} classes={classes} optional={t('placeholder.zeroMs')} onChange={(d) => set('background', d)} errors={under('background')} testId="background" sweepPath={`${at}.background`} />
          <p className="help">{t('node.backgroundHelp')}</p>
          <AutoscaleEditor node={node} scenario={scenario} set={set} err={err} />
        </Section>
      </>
    );
  },
};
