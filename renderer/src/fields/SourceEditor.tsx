/**
 * The workload of a source: its arrival process, a profile over simulated time (of
 * the rate, or of a closed loop's users; from presets or point by point, with a
 * preview), the class mix and the client timeout.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Arrival, Scenario, SourceNode } from '../../../simulation/model/schema';
import { NumberField, SelectField, Section, Field } from './fields';
import { DistEditor } from './DistEditor';
import { useNodeSetter } from './editing';
import { issueFor } from '../model/validation';
import { formatPercent } from '../i18n/format';
import { UiIcon } from '../ui/UiIcon';
import { useAnalysis } from '../stores/analysis';

type Process = Arrival['process'];
type Point = { at: number; scale: number };

function switchProcess(current: Arrival, process: Process): Arrival {
  const rate = current.process === 'closed' ? 100 : current.rate;
  switch (process) {
    case 'poisson':
      return { process, rate };
    case 'constant':
      return { process, rate };
    case 'bursty':
      return { process, rate, burstRate: rate * 3, burstEvery: 60, burstLength: 10 };
    case 'closed':
      return { process, users: 50, thinkTime: { dist: 'exponential', mean: 1 } };
  }
}

const round = (x: number) => Math.round(x * 10) / 10;

export function profilePreset(kind: 'spike' | 'ramp' | 'daily', horizon: number): Point[] {
  const H = horizon > 0 ? horizon : 300;
  switch (kind) {
    case 'spike':
      return [
        { at: 0, scale: 1 },
        { at: round(H * 0.4), scale: 1 },
        { at: round(H * 0.43), scale: 3 },
        { at: round(H * 0.55), scale: 3 },
        { at: round(H * 0.58), scale: 1 },
      ];
    case 'ramp':
      return [
        { at: 0, scale: 0.5 },
        { at: round(H), scale: 2 },
      ];
    case 'daily': {
      const curve = [0.35, 0.25, 0.3, 0.6, 1.1, 1.4, 1.3, 1.35, 1.5, 1.8, 1.6, 0.9, 0.35];
      return curve.map((scale, i) => ({ at: round((H * i) / (curve.length - 1)), scale }));
    }
  }
}

function ProfilePreview({ points, horizon, warmup }: { points: Point[]; horizon: number; warmup: number }) {
  const w = 280;
  const h = 56;
  const H = Math.max(horizon, ...points.map((p) => p.at), 1);
  const max = Math.max(1, ...points.map((p) => p.scale)) * 1.1;
  const sorted = [...points].sort((a, b) => a.at - b.at);
  const xy = (p: Point) => `${(p.at / H) * w},${h - (p.scale / max) * h}`;
  const line = [{ at: 0, scale: sorted[0]?.scale ?? 1 }, ...sorted, { at: H, scale: sorted[sorted.length - 1]?.scale ?? 1 }].map(xy).join(' ');
  return (
    <svg className="profile-preview" width="100%" viewBox={`0 0 ${w} ${h}`} preserveAspectRatio="none" aria-hidden="true">
      <rect x={0} y={0} width={(warmup / H) * w} height={h} className="warmup-band" />
      <line x1={0} x2={w} y1={h - h / max} y2={h - h / max} className="baseline" />
      <polyline points={line} className="profile-line" />
    </svg>
  );
}

export function SourceEditor({ node, scenario }: { node: SourceNode; scenario: Scenario }) {
  const { t, i18n } = useTranslation();
  const set = useNodeSetter(node.id);
  const { issues } = useIssuesFor(node.id);
  const classes = useMemo(() => (scenario.classes?.length ? scenario.classes.map((c) => c.id) : ['default']), [scenario.classes]);
  const horizon = (scenario.run.warmup ?? 0) + scenario.run.duration;
  const a = node.arrival;
  const err = (f: string) => issueFor(issues, f);
  const mix = node.mix ?? {};
  const mixTotal = Object.values(mix).reduce((x, y) => x + y, 0);
  const profile = node.profile ?? [];
  return (
    <>
      <Section title={t('source.arrival')}>
        <SelectField<Process>
          label={t('source.process')}
          value={a.process}
          testId="arrival-process"
          options={(['poisson', 'constant', 'bursty', 'closed'] as const).map((p) => ({ value: p, label: t(`arrival.${p}`) }))}
          onChange={(p) => p && set('arrival', switchProcess(a, p))}
        />
        <p className="help">{t(`arrivalHelp.${a.process}`)}</p>
        {a.process !== 'closed' ? (
          <div className="field-grid">
            <NumberField label={t('source.rate')} unit="rps" value={a.rate} required onChange={(v) => v !== undefined && set('arrival.rate', v)} error={err('arrival.rate')} testId="arrival-rate" sweep={`nodes.${node.id}.arrival.rate`} />
            {a.process === 'bursty' && (
              <>
                <NumberField label={t('source.burstRate')} unit="rps" value={a.burstRate} required onChange={(v) => v !== undefined && set('arrival.burstRate', v)} error={err('arrival.burstRate')} sweep={`nodes.${node.id}.arrival.burstRate`} />
                <NumberField label={t('source.burstEvery')} unit="s" value={a.burstEvery} required onChange={(v) => v !== undefined && set('arrival.burstEvery', v)} error={err('arrival.burstEvery')} />
                <NumberField label={t('source.burstLength')} unit="s" value={a.burstLength} required onChange={(v) => v !== undefined && set('arrival.burstLength', v)} error={err('arrival.burstLength')} />
              </>
            )}
          </div>
        ) : (
          <>
            <NumberField label={t('source.users')} integer value={a.users} required onChange={(v) => v !== undefined && set('arrival.users', v)} error={err('arrival.users')} sweep={`nodes.${node.id}.arrival.users`} />
            <DistEditor label={t('source.thinkTime')} value={a.thinkTime} classes={classes} onChange={(d) => d && set('arrival.thinkTime', d)} errors={(f) => err(`arrival.thinkTime${f ? `.${f}` : ''}`)} />
          </>
        )}
        <NumberField label={t('source.timeout')} unit="ms" value={node.timeout} placeholder={t('placeholder.noTimeout')} onChange={(v) => set('timeout', v)} error={err('timeout')} sweep={`nodes.${node.id}.timeout`} />
      </Section>

      <Section title={t(a.process === 'closed' ? 'source.usersProfile' : 'source.profile')}>
        {a.process === 'closed' && <p className="help">{t('source.usersProfileHelp')}</p>}
        <div className="preset-row" role="group" aria-label={t('source.presets')}>
          <button type="button" className={`chip${profile.length === 0 ? ' active' : ''}`} onClick={() => set('profile', undefined)}>
            {t('profile.flat')}
          </button>
          {(['spike', 'ramp', 'daily'] as const).map((k) => (
            <button type="button" key={k} className="chip" onClick={() => set('profile', profilePreset(k, horizon))}>
              {t(`profile.${k}`)}
            </button>
          ))}
        </div>
        {profile.length > 0 && (
          <>
            <ProfilePreview points={profile} horizon={horizon} warmup={scenario.run.warmup ?? 0} />
            <table className="points-table">
              <thead>
                <tr>
                  <th>{t('profile.at')}</th>
                  <th>{t('profile.scale')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {profile.map((p, i) => (
                  <tr key={i}>
                    <td>
                      <NumberField label="" unit="s" value={p.at} required onChange={(v) => v !== undefined && set(`profile.${i}.at`, v)} error={err(`profile[${i}].at`)} />
                    </td>
                    <td>
                      <NumberField label="" unit="factor" value={p.scale} required onChange={(v) => v !== undefined && set(`profile.${i}.scale`, v)} error={err(`profile[${i}].scale`)} />
                    </td>
                    <td>
                      <button type="button" className="icon-button" aria-label={t('common.remove')} onClick={() => set('profile', profile.length > 1 ? profile.filter((_, j) => j !== i) : undefined)}>
                        <UiIcon name="trash" size={14} />
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
        <button
          type="button"
          className="link-button small"
          onClick={() => {
            const last = profile[profile.length - 1];
            set('profile', [...profile, { at: last ? Math.min(horizon, last.at + Math.max(10, round(horizon / 10))) : 0, scale: last?.scale ?? 1 }]);
          }}
        >
          <UiIcon name="plus" size={12} />
          {t('profile.addPoint')}
        </button>
      </Section>

      <Section title={t('source.mix')} defaultOpen={classes.length > 1}>
        {classes.length <= 1 ? (
          <p className="help">{t('source.mixSingle')}</p>
        ) : (
          <>
            <div className="field-grid">
              {classes.map((c) => (
                <NumberField
                  key={c}
                  label={c}
                  unit="percent"
                  value={mix[c]}
                  placeholder="0"
                  onChange={(v) => set('mix', Object.fromEntries(Object.entries({ ...mix, [c]: v }).filter(([, x]) => x !== undefined)))}
                  error={err(`mix.${c}`)}
                />
              ))}
            </div>
            <Field label="" error={err('mix')}>
              <span className={`help${Math.abs(mixTotal - 1) > 1e-9 && Object.keys(mix).length ? ' warn' : ''}`}>{t('source.mixTotal', { v: formatPercent(mixTotal, i18n.language, 1) })}</span>
            </Field>
          </>
        )}
      </Section>
    </>
  );
}

function useIssuesFor(id: string) {
  const { issues } = useAnalysis();
  return { issues: issues.nodes.get(id) };
}
