/** A primary with read replicas (instances), optional shards, and the classes that are writes. */
import { useTranslation } from 'react-i18next';
import { CapacitySection } from '../fields/CapacitySection';
import { CheckField, Field, NumberField, Section } from '../fields/fields';
import { LatencyField } from '../fields/NodeFields';
import type { KindViewSpec } from './types';

/** A database's replicas are its instances: the primary and its read replicas. */
const instances = 'node.instances';

export const databaseView: KindViewSpec<'database'> = {
  kind: 'database',
  // A cylinder.
  icon: [
    { tag: 'ellipse', cx: 12, cy: 5.5, rx: 7.5, ry: 3 },
    { tag: 'path', d: 'M4.5 5.5v13c0 1.7 3.4 3 7.5 3s7.5-1.3 7.5-3v-13' },
    { tag: 'path', d: 'M4.5 12c0 1.7 3.4 3 7.5 3s7.5-1.3 7.5-3' },
  ],
  replicasKey: instances,
  idBase: 'db',
  create: (base) => ({ ...base, kind: 'database', workers: 20, latency: { dist: 'exponential', mean: 0.005 } }),
  summary: (n, { t, capacity, mean }) => [capacity(n.replicas, n.workers), (n.shards ?? 1) > 1 ? t('node.shardsN', { n: n.shards }) : null, mean(n.latency)],
  Sections: function DatabaseSections({ node, scenario, classes, at, set, err }) {
    const { t } = useTranslation();
    return (
      <>
        <CapacitySection
          node={node}
          scenario={scenario}
          at={at}
          set={set}
          err={err}
          replicas={{ label: t(instances), hint: t('modelBuilding.instancesHint') }}
          cpus={{ value: node.cpus, hint: t('node.dbCpusHint') }}
          host={{ value: node.host }}
          note={
            <p className="field-note" data-testid="instances-note">
              {t('modelBuilding.instancesNote', { count: node.replicas ?? 1, replicas: (node.replicas ?? 1) - 1 })}
            </p>
          }
        />
        <Section title={t('node.behaviour')}>
          <LatencyField value={node.latency} required classes={classes} at={at} set={set} err={err} />
          <Field label={t('node.writes')} error={err('writes')}>
            <div className="checks">
              {classes.map((c) => (
                <CheckField
                  key={c}
                  label={c}
                  checked={node.writes?.includes(c) ?? false}
                  onChange={(on) => {
                    const next = on ? [...(node.writes ?? []), c] : (node.writes ?? []).filter((x) => x !== c);
                    set('writes', next.length ? next : undefined);
                  }}
                />
              ))}
            </div>
          </Field>
          <CheckField label={t('node.readsOnPrimary')} checked={node.readsOnPrimary ?? false} onChange={(v) => set('readsOnPrimary', v || undefined)} />
          <div className="field-grid">
            <NumberField label={t('node.shards')} integer value={node.shards} placeholder="1" onChange={(v) => set('shards', v)} error={err('shards')} sweep={`${at}.shards`} />
            <NumberField label={t('node.shardSkew')} unit="percent" value={node.shardSkew} placeholder="0%" onChange={(v) => set('shardSkew', v)} error={err('shardSkew')} hint={t('node.shardSkewHint')} />
          </div>
        </Section>
      </>
    );
  },
};
