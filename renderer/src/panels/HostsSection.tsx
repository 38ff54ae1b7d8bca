/**
 * The scenario's shared hosts (`hosts`): machines whose CPUs the own work of the nodes
 * placed on them shares. A simple list: id, CPUs and copies per host, the nodes on it;
 * a node is placed from its own inspector (its capacity's "Host").
 */
import { useTranslation } from 'react-i18next';
import type { Scenario } from '../../../simulation/model/schema';
import { setIn } from '../model/operations';
import { uniqueId } from '../model/newScenario';
import { UiIcon } from '../ui/UiIcon';
import { AddButton, NumberField, Section, TextField } from '../fields/fields';
import { useEdit } from '../fields/editing';

type Doc = Scenario;

/** Renames a host and every node's reference to it, as one edit. */
export function renameHost(d: Doc, from: string, to: string): void {
  const h = d.hosts?.find((x) => x.id === from);
  if (!h || !to || from === to) return;
  h.id = to;
  for (const n of d.nodes) if ('host' in n && n.host === from) n.host = to;
}

/** Removes a host and takes its nodes off it (they keep their own CPUs). */
export function removeHost(d: Doc, id: string): void {
  d.hosts = (d.hosts ?? []).filter((h) => h.id !== id);
  if (d.hosts.length === 0) delete d.hosts;
  for (const n of d.nodes) if ('host' in n && n.host === id) delete n.host;
}

export function HostsSection({ scenario, err }: { scenario: Scenario; err: (path: string) => string | undefined }) {
  const { t } = useTranslation();
  const edit = useEdit();
  const hosts = scenario.hosts ?? [];
  return (
    <Section
      title={t('hosts.title')}
      action={
        <AddButton
          label={t('hosts.add')}
          testId="host-add"
          onClick={() =>
            edit(`host-add-${hosts.length}`, (d) => {
              d.hosts = [...(d.hosts ?? []), { id: uniqueId('host', new Set((d.hosts ?? []).map((h) => h.id))), cpus: 2 }];
            })
          }
        />
      }
    >
      {hosts.length === 0 && <p className="help">{t('hosts.none')}</p>}
      {hosts.map((h, i) => {
        const set = (k: string, v: unknown) => edit(`host-${i}-${k}`, (d) => setIn(d.hosts![i] as unknown as Record<string, unknown>, [k], v));
        const on = scenario.nodes.filter((n) => 'host' in n && n.host === h.id).map((n) => n.label || n.id);
        return (
          <div className="fault-card" key={i} data-testid={`host-${i}`}>
            <div className="row-inline">
              <TextField label={t('hosts.id')} value={h.id} commitOnBlur onChange={(v) => edit(`host-id-${i}`, (d) => renameHost(d, h.id, v))} error={err(`hosts[${i}].id`)} />
              <button type="button" className="icon-button align-end" aria-label={t('common.remove')} onClick={() => edit(`host-rm-${h.id}`, (d) => removeHost(d, h.id))}>
                <UiIcon name="trash" size={14} />
              </button>
            </div>
            <div className="field-grid">
              <NumberField label={t('hosts.cpus')} integer value={h.cpus} required onChange={(v) => v !== undefined && set('cpus', v)} error={err(`hosts[${i}].cpus`)} />
              <NumberField label={t('hosts.replicas')} integer value={h.replicas} placeholder="1" onChange={(v) => set('replicas', v)} error={err(`hosts[${i}].replicas`)} />
            </div>
            <p className="field-note">{on.length > 0 ? t('hosts.nodes', { nodes: on.join(', ') }) : t('hosts.noNodes')}</p>
          </div>
        );
      })}
      <p className="help">{t('hosts.help')}</p>
    </Section>
  );
}
