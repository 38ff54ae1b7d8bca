/**
 * The capacity section every replicated kind shares: replicas, workers, CPUs, queue and
 * what it sheds, balancing, per-replica weights and speed, host placement, contention.
 * A kind passes what differs (a database's instances, which kinds have CPUs) and its own
 * notes; see renderer/src/kinds.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueNode, Scenario, ScenarioNode, SourceNode } from '../../../simulation/model/schema';
import { codelDefaults } from '../../../simulation/model/codel';
import { NumberField, Section, SelectField } from './fields';
import { ContentionEditor } from './ContentionEditor';
import { PerReplicaField } from './PerReplicaField';

/** A node with replicas and workers to scale and place. */
export type CapacityNode = Exclude<ScenarioNode, SourceNode | QueueNode>;

const balances = ['round-robin', 'random', 'least-connections', 'power-of-two', 'weighted'] as const;

type ShedChoice = 'newest' | 'oldest' | 'codel';

/** What the node sheds: a full queue's arrival or its longest waiting, or (CoDel, no queue limit needed) requests by their waiting time. */
function ShedEditor({ node, at, set, err }: { node: CapacityNode; at: string; set: (path: string, value: unknown) => void; err: (f: string) => string | undefined }) {
  const { t } = useTranslation();
  const shed = node.shed;
  const codel = typeof shed === 'object' ? shed.codel : undefined;
  const choice: ShedChoice | undefined = typeof shed === 'object' ? 'codel' : shed;
  return (
    <>
      <SelectField<ShedChoice>
        label={t('node.shed')}
        value={choice}
        testId="shed"
        options={[
          { value: '', label: t('placeholder.default', { v: t('node.shedNewest') }) },
          { value: 'newest', label: t('node.shedNewest') },
          { value: 'oldest', label: t('node.shedOldest') },
          { value: 'codel', label: t('node.shedCodel') },
        ]}
        onChange={(v) => set('shed', v === 'codel' ? { codel: {} } : v)}
        error={typeof shed === 'object' ? undefined : err('shed')}
      />
      {codel && (
        <>
          <div className="field-grid">
            <NumberField label={t('node.codelTarget')} unit="ms" value={codel.target} placeholder={String(codelDefaults.target * 1000)} onChange={(v) => set('shed.codel.target', v)} error={err('shed.codel.target')} testId="codel-target" sweep={`${at}.shed.codel.target`} />
            <NumberField label={t('node.codelInterval')} unit="ms" value={codel.interval} placeholder={String(codelDefaults.interval * 1000)} onChange={(v) => set('shed.codel.interval', v)} error={err('shed.codel.interval')} testId="codel-interval" sweep={`${at}.shed.codel.interval`} />
          </div>
          <p className="field-note" data-testid="codel-note">
            {t('node.codelHint')}
          </p>
        </>
      )}
    </>
  );
}

export function CapacitySection(props: {
  node: CapacityNode;
  scenario: Scenario;
  at: string;
  set: (path: string, value: unknown) => void;
  err: (field: string) => string | undefined;
  /** The replicas field's label and hint, when the kind names them otherwise (a database's instances). */
  replicas?: { label: string; hint: string };
  /** The kind's CPUs apart from workers, with its hint; absent when it has none. */
  cpus?: { value: number | undefined; hint: string };
  /** The host the node runs on; null when it cannot be placed on one (an external system runs elsewhere). */
  host: { value: string | undefined } | null;
  /** A note under what the node sheds. */
  note?: ReactNode;
  /** The kind's own capacity fields, before contention. */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const { node, scenario, at, set, err, cpus, host } = props;
  return (
    <Section title={t('node.capacity')}>
      <div className="field-grid">
        <NumberField label={props.replicas?.label ?? t('node.replicas')} integer value={node.replicas} placeholder="1" onChange={(v) => set('replicas', v)} error={err('replicas')} hint={props.replicas?.hint} testId="replicas" sweep={`${at}.replicas`} />
        <NumberField label={t('node.workersField')} integer value={node.workers} placeholder={t('placeholder.unlimited')} onChange={(v) => set('workers', v)} error={err('workers')} hint={t('node.workersHint')} testId="workers" sweep={`${at}.workers`} />
        {cpus && (
          <NumberField label={t('node.cpus')} integer value={cpus.value} placeholder={node.workers === undefined ? t('placeholder.unlimited') : t('placeholder.sameAsWorkers', { n: node.workers })} onChange={(v) => set('cpus', v)} error={err('cpus')} hint={cpus.hint} testId="cpus" sweep={`${at}.cpus`} />
        )}
        <NumberField label={t('node.queue')} integer value={node.queue} placeholder={t('placeholder.unlimited')} onChange={(v) => set('queue', v)} error={err('queue')} hint={t('node.queueHint')} sweep={`${at}.queue`} />
      </div>
      <ShedEditor node={node} at={at} set={set} err={err} />
      {props.note}
      <SelectField
        label={t('node.balance')}
        value={node.balance}
        options={[{ value: '', label: t('placeholder.default', { v: t('balance.round-robin') }) }, ...balances.map((b) => ({ value: b, label: t(`balance.${b}`) }))]}
        onChange={(v) => set('balance', v)}
        error={err('balance')}
      />
      <div className="field-grid">
        {node.balance === 'weighted' && (
          <PerReplicaField label={t('node.weights')} value={node.weights} placeholder={t('node.weightsPlaceholder')} onChange={(v) => set('weights', v)} error={err('weights')} testId="weights" />
        )}
        <PerReplicaField label={t('node.speed')} value={node.speed} placeholder={t('node.speedPlaceholder')} onChange={(v) => set('speed', v)} error={err('speed')} testId="speed" />
      </div>
      {host && ((scenario.hosts ?? []).length > 0 || host.value !== undefined) && (
        <SelectField
          label={t('node.host')}
          value={host.value}
          testId="host"
          options={[{ value: '', label: t('node.hostNone') }, ...(scenario.hosts ?? []).map((h) => ({ value: h.id, label: h.label || h.id }))]}
          onChange={(v) => set('host', v)}
          error={err('host')}
        />
      )}
      {host && host.value !== undefined && <p className="field-note">{t('node.hostHint')}</p>}
      {props.children}
      <ContentionEditor value={node.contention} atOnce={cpus?.value ?? node.workers ?? null} at={at} set={set} err={err} />
    </Section>
  );
}
