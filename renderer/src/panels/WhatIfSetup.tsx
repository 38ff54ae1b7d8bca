/**
 * Setting up a sweep: the varied fields, each as a list or a from–to–step range
 * in the inspector's units, the optional capacity search at the SLO (explained
 * when the model cannot have one), the size of the grid, and Run / Cancel with
 * progress. Shown in the what-if panel and in the scenario inspector's What-if tab.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Scenario } from '../../../simulation/model/schema';
import type { VaryValue } from '../../../simulation/model/result';
import { addVary, openSources, removeVary, setFindCapacity, setVaryValues } from '../actions/whatIfActions';
import { expandRange, formatValueList, inferRange, maxRangePoints, parseValueList, varyField, type RangeError } from '../model/whatIf';
import { unitLabelKey } from '../model/units';
import { useAnalysis } from '../stores/analysis';
import { useRunAction, useServices } from '../actions/services';
import { UiIcon } from '../ui/UiIcon';
import { useStores, useWhatIf } from '../stores/context';
import { formatNumber, formatPercent } from '../i18n/format';
import { formatVaryValue, pathLabel } from './whatIfText';

function useSeal() {
  const stores = useStores();
  return () => {
    if (stores.document.getState().openKey?.startsWith('field:')) stores.document.getState().endGesture();
  };
}

const rangeMessage: Record<RangeError, string> = {
  notNumbers: 'whatIf.range.notNumbers',
  step: 'whatIf.range.step',
  order: 'whatIf.range.order',
  tooMany: 'whatIf.range.tooMany',
  whole: 'whatIf.range.whole',
};

function RangeInput({ label, value, onChange, onBlur, testId }: { label: string; value: string; onChange: (v: string) => void; onBlur: () => void; testId: string }) {
  const id = useId();
  return (
    <div className="range-input">
      <label htmlFor={id}>{label}</label>
      <input id={id} className="input" type="text" inputMode="decimal" value={value} onChange={(e) => onChange(e.target.value)} onBlur={onBlur} data-testid={testId} />
    </div>
  );
}

function VaryEntryEditor({ scenario, path, values }: { scenario: Scenario; path: string; values: VaryValue[] }) {
  const { t, i18n } = useTranslation();
  const { ctx } = useServices();
  const { issues } = useAnalysis();
  const seal = useSeal();
  const field = varyField(path);
  const numeric = field.integer || field.unit !== 'plain' || values.every((v) => typeof v === 'number');
  const inferred = inferRange(values, field);
  const [mode, setMode] = useState<'list' | 'range'>(inferred && values.length > 4 ? 'range' : 'list');
  const shownList = formatValueList(values, field);
  const [listText, setListText] = useState(shownList);
  const [range, setRange] = useState(() => {
    const r = inferred ?? { from: Number(formatValueList(values.slice(0, 1), field)) || 1, to: Number(formatValueList(values.slice(-1), field)) || 1, step: 1 };
    return { from: String(r.from), to: String(r.to), step: String(r.step) };
  });
  const [error, setError] = useState<string | null>(null);
  const editing = useRef(false);
  // Follow outside changes (undo, a template) unless the user is typing here.
  useEffect(() => {
    if (editing.current) return;
    setListText(shownList);
    const r = inferRange(values, field);
    if (r) setRange({ from: String(r.from), to: String(r.to), step: String(r.step) });
    // `values` and `field` are what `shownList` is made of; `path` keys this component.
  }, [shownList]);
  const index = (scenario.whatIf?.vary ?? []).findIndex((v) => v.path === path);
  const fileIssue = issues.other.get(`whatIf.vary[${index}].path`) ?? [...issues.other.entries()].find(([k]) => k.startsWith(`whatIf.vary[${index}].values`))?.[1];
  const unitKey = unitLabelKey[field.unit];
  const unit = unitKey ? t(unitKey) : '';
  const commitList = (text: string) => {
    setListText(text);
    const parsed = parseValueList(text, field, numeric);
    if (!parsed.ok) return setError(parsed.bad ? t('whatIf.badValue', { v: parsed.bad }) : t('field.required'));
    setError(null);
    setVaryValues(ctx, path, parsed.values);
  };
  const commitRange = (next: typeof range) => {
    setRange(next);
    const expanded = expandRange(Number(next.from), Number(next.to), Number(next.step), field);
    if (!expanded.ok) return setError(t(rangeMessage[expanded.error], { n: maxRangePoints }));
    setError(null);
    setVaryValues(ctx, path, expanded.values);
  };
  const blur = () => {
    editing.current = false;
    setListText(shownList);
    seal();
  };
  const shown = values.map((v) => formatVaryValue(path, v, t, i18n.language));
  return (
    <div className="vary-entry" data-testid="vary-entry" data-path={path}>
      <div className="vary-head">
        <div className="vary-title">
          <div className="vary-label" title={pathLabel(scenario, path, t)}>
            {pathLabel(scenario, path, t)}
          </div>
          <code className="vary-path">{path}</code>
        </div>
        <button type="button" className="icon-button" aria-label={`${t('common.remove')}: ${pathLabel(scenario, path, t)}`} title={t('common.remove')} onClick={() => removeVary(ctx, path)}>
          <UiIcon name="trash" size={14} />
        </button>
      </div>
      {mode === 'list' ? (
        <div className="input-with-unit">
          <input
            className="input"
            type="text"
            value={listText}
            aria-label={t('whatIf.values')}
            data-testid="vary-values"
            onFocus={() => {
              editing.current = true;
            }}
            onChange={(e) => commitList(e.target.value)}
            onBlur={blur}
            onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
          />
          {unit && <span className="unit">{unit}</span>}
        </div>
      ) : (
        <div
          className="range-row"
          onFocus={() => {
            editing.current = true;
          }}
        >
          <RangeInput label={t('whatIf.from')} value={range.from} onChange={(v) => commitRange({ ...range, from: v })} onBlur={blur} testId="vary-from" />
          <RangeInput label={t('whatIf.to')} value={range.to} onChange={(v) => commitRange({ ...range, to: v })} onBlur={blur} testId="vary-to" />
          <RangeInput label={t('whatIf.step')} value={range.step} onChange={(v) => commitRange({ ...range, step: v })} onBlur={blur} testId="vary-step" />
          {unit && <span className="range-unit">{unit}</span>}
        </div>
      )}
      {scenario.whatIf?.load && path === `nodes.${scenario.whatIf.load.source}.arrival.rate` && <p className="help warn">{t('whatIf.searchSetsRate')}</p>}
      {(error ?? fileIssue) && (
        <div className="field-error" role="alert">
          {error ?? fileIssue}
        </div>
      )}
      <div className="vary-foot">
        <div className="vary-preview" title={shown.join(', ')}>
          {t('whatIf.valueCount', { count: values.length })}: {shown.length > 8 ? `${shown.slice(0, 4).join(', ')}, …, ${shown.slice(-2).join(', ')}` : shown.join(', ')}
        </div>
        <div className="segmented" role="group" aria-label={t('whatIf.valuesAs')}>
          {(['list', 'range'] as const).map((m) => (
            <button key={m} type="button" className={mode === m ? 'active' : ''} aria-pressed={mode === m} onClick={() => setMode(m)} disabled={m === 'range' && !numeric} data-testid={`vary-mode-${m}`}>
              {t(`whatIf.mode.${m}`)}
            </button>
          ))}
        </div>
      </div>
    </div>
  );
}

function AddByPath() {
  const { t } = useTranslation();
  const { ctx } = useServices();
  const [text, setText] = useState('');
  const add = () => {
    const path = text.trim();
    if (!path) return;
    addVary(ctx, path);
    setText('');
  };
  return (
    <div className="add-path">
      <input className="input" type="text" value={text} placeholder={t('whatIf.pathPlaceholder')} aria-label={t('whatIf.addByPath')} onChange={(e) => setText(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && add()} data-testid="vary-add-path" />
      <button type="button" className="button small" onClick={add} disabled={!text.trim()}>
        {t('whatIf.add')}
      </button>
    </div>
  );
}

function CapacitySearch({ scenario }: { scenario: Scenario }) {
  const { t } = useTranslation();
  const { ctx } = useServices();
  const stores = useStores();
  const load = scenario.whatIf?.load;
  const sources = openSources(scenario);
  const hasSlo = Boolean(scenario.slo && Object.keys(scenario.slo).length > 0);
  const id = useId();
  const goToSlo = () => {
    stores.session.getState().clearSelection();
    stores.session.getState().setScenarioTab('run');
  };
  return (
    <div className="capacity-search">
      <div className="check-field field">
        <input id={id} type="checkbox" checked={Boolean(load)} disabled={!load && (!hasSlo || sources.length === 0)} onChange={(e) => setFindCapacity(ctx, e.target.checked)} data-testid="find-capacity" />
        <label htmlFor={id}>{t('whatIf.findCapacity')}</label>
      </div>
      {load && sources.length > 1 && (
        <select className="input" value={load.source} aria-label={t('whatIf.source')} onChange={(e) => setFindCapacity(ctx, true, e.target.value)}>
          {sources.map((s) => (
            <option key={s} value={s}>
              {scenario.nodes.find((n) => n.id === s)?.label || s}
            </option>
          ))}
        </select>
      )}
      {!hasSlo ? (
        <p className={`help${load ? ' warn' : ''}`} data-testid="capacity-needs-slo">
          {t('whatIf.needsSlo')}{' '}
          <button type="button" className="link-button small" onClick={goToSlo}>
            {t('whatIf.setSlo')}
          </button>
        </p>
      ) : sources.length === 0 ? (
        <p className="help">{t('whatIf.needsOpenSource')}</p>
      ) : (
        <p className="help">{load ? t('whatIf.capacityOn', { source: scenario.nodes.find((n) => n.id === load.source)?.label || load.source }) : t('whatIf.capacityOff')}</p>
      )}
    </div>
  );
}

/** A job of points running: its progress, points done, and Cancel. */
export function PointsProgress({ fraction, done, count, testId }: { fraction: number; done: number; count: number; testId: string }) {
  const { t, i18n } = useTranslation();
  const run = useRunAction();
  return (
    <div className="sweep-run" role="status" aria-live="polite">
      <div className="progress-track wide" aria-hidden="true">
        <div className="progress-fill" style={{ width: `${Math.round(fraction * 100)}%` }} />
      </div>
      <div className="sweep-run-line">
        <span className="progress-text" data-testid={`${testId}-progress`}>
          {formatPercent(fraction, i18n.language, 0)} · {t('whatIf.pointsDone', { done, count })}
        </span>
        <button type="button" className="button small" onClick={() => run('run.cancel')} data-testid={`${testId}-cancel`}>
          <UiIcon name="stop" size={12} />
          {t('action.cancel')}
        </button>
      </div>
    </div>
  );
}

function SweepRunControls({ scenario }: { scenario: Scenario }) {
  const { t, i18n } = useTranslation();
  const run = useRunAction();
  const status = useWhatIf((s) => s.status);
  const progress = useWhatIf((s) => s.progress);
  const vary = scenario.whatIf?.vary ?? [];
  const points = vary.reduce((n, v) => n * v.values.length, vary.length ? 1 : 0);
  const reps = scenario.run.replications ?? 1;
  if (status === 'running') return <PointsProgress fraction={progress?.fraction ?? 0} done={progress?.pointsDone ?? 0} count={progress?.points ?? points} testId="sweep" />;
  return (
    <div className="sweep-run">
      <div className="help">
        {t('whatIf.gridSize', { count: points, reps: formatNumber(reps, i18n.language) })}
        {scenario.whatIf?.load ? ` ${t('whatIf.gridSearch')}` : ''}
      </div>
      {points * (scenario.whatIf?.load ? 10 : 1) > 200 && <p className="help warn">{t('whatIf.bigGrid')}</p>}
      <button type="button" className="button primary" disabled={points === 0} onClick={() => run('whatIf.run')} data-testid="sweep-run">
        <UiIcon name="run" size={14} />
        {t('action.runSweep')}
      </button>
    </div>
  );
}

export function WhatIfSetup({ scenario }: { scenario: Scenario }) {
  const { t } = useTranslation();
  const vary = scenario.whatIf?.vary ?? [];
  return (
    <div className="whatif-setup" data-testid="whatif-setup">
      <div className="setup-title">{t('whatIf.vary')}</div>
      {vary.length === 0 && <p className="help">{t('whatIf.none')}</p>}
      {vary.map((v) => (
        <VaryEntryEditor key={v.path} scenario={scenario} path={v.path} values={v.values} />
      ))}
      <AddByPath />
      <div className="setup-title">{t('whatIf.load')}</div>
      <CapacitySearch scenario={scenario} />
      <SweepRunControls scenario={scenario} />
    </div>
  );
}
