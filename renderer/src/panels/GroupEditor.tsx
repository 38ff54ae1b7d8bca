/**
 * A call's parallel group: its name, the other calls of the caller sent with it, and
 * how the caller joins them. The validator wants every member that states a join to
 * state the same one, so a join chosen here is written on this call and taken off the
 * other members: the file then says it once, and the members cannot disagree.
 */
import { useTranslation } from 'react-i18next';
import type { Edge, JoinSpec, Scenario } from '../../../simulation/model/schema';
import { NumberField, SelectField, TextField } from '../fields/fields';
import { useEdit } from '../fields/editing';

type JoinKind = 'all' | 'any' | 'quorum';

const kindOf = (join: JoinSpec | undefined): JoinKind | undefined => (join === undefined ? undefined : typeof join === 'object' ? 'quorum' : join);

export function GroupEditor({ edge, index, scenario, error }: { edge: Edge; index: number; scenario: Scenario; error: (field: string) => string | undefined }) {
  const { t, i18n } = useTranslation();
  const edit = useEdit();
  const label = (id: string) => scenario.nodes.find((n) => n.id === id)?.label ?? id;
  if (edge.mode === 'async') return edge.group === undefined ? null : <p className="help warn">{t('edge.groupAsync')}</p>;
  const group = edge.group;
  const members = group === undefined ? [] : scenario.edges.map((e, i) => ({ e, i })).filter((x) => x.e.from === edge.from && x.e.group === group && x.e.mode !== 'async');
  const join = members.map((m) => m.e.join).find((j) => j !== undefined);
  const setGroup = (name: string) =>
    edit(`edge:${index}:group`, (d) => {
      const e = d.edges[index]!;
      const next = name.trim();
      if (next === '') {
        delete e.group;
        // A join belongs to a group: without one it would be an error, so it goes too.
        delete e.join;
      } else e.group = next;
    });
  const setJoin = (value: JoinSpec | undefined) =>
    edit(`edge:${index}:join`, (d) => {
      for (const m of members) delete d.edges[m.i]!.join;
      if (value !== undefined && value !== 'all') d.edges[index]!.join = value;
    });
  const others = members.filter((m) => m.i !== index).map((m) => label(m.e.to));
  return (
    <>
      <TextField label={t('edge.group')} value={group} placeholder={t('edge.groupPlaceholder')} commitOnBlur onChange={setGroup} error={error('group')} testId="edge-group" />
      <p className="help">{t('edge.groupHelp')}</p>
      {group !== undefined && (
        <>
          <p className="help" data-testid="edge-group-members">
            {others.length === 0 ? t('edge.groupAlone', { caller: label(edge.from) }) : t('edge.groupWith', { others: new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(others) })}
          </p>
          <SelectField<JoinKind>
            label={t('edge.join')}
            value={kindOf(join)}
            testId="edge-join"
            options={[
              { value: '', label: t('placeholder.default', { v: t('edge.joinAll') }) },
              { value: 'all', label: t('edge.joinAll') },
              { value: 'any', label: t('edge.joinAny') },
              { value: 'quorum', label: t('edge.joinQuorum') },
            ]}
            onChange={(v) => setJoin(v === 'quorum' ? { quorum: Math.min(2, members.length) } : v)}
            error={error('join')}
          />
          {typeof join === 'object' && (
            <NumberField
              label={t('edge.quorum')}
              integer
              required
              value={join.quorum}
              onChange={(v) => v !== undefined && setJoin({ quorum: v })}
              error={error('join.quorum')}
              hint={t('edge.quorumHint', { members: members.length })}
              testId="edge-quorum"
            />
          )}
          <p className="help">{t('edge.joinHelp')}</p>
        </>
      )}
    </>
  );
}
