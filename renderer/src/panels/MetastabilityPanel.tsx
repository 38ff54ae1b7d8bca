/**
 * The metastability map in the dock: on the left the trigger (spike, fault or flush;
 * the ones the model cannot take are disabled with the reason, the core's own for a
 * cache it refuses), its node, the size and duration ranges and the time allowed to
 * recover, with Run, progress and Cancel; on the right the heat map (sizes up, durations
 * across, each cell recovered or stuck, drawn as its points are judged) with the
 * boundary drawn over it, the legend, and the boundary and mechanism in words. The
 * picture is the report's model (simulation/report/metastabilityMap.ts) on d3 scales.
 */
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { scaleBand } from 'd3-scale';
import type { Finding } from '../../../simulation/findings/finding';
import { renderFinding, sentenceContext } from '../../../simulation/findings/render';
import type { Scenario } from '../../../simulation/model/schema';
import { metaTriggers, type MetaTrigger } from '../../../simulation/whatif/metastability';
import { heatMapModel, pendingColor, type HeatMapModel } from '../../../simulation/report/metastabilityMap';
import { defaultSizes, mostPerAxis, parseSetup, triggerChoices, type TriggerChoice } from '../model/metaSetup';
import { startMetastability } from '../actions/metaActions';
import { useRunAction, useServices } from '../actions/services';
import { useDocument, useMeta, useStores } from '../stores/context';
import { normalizeLanguage } from '../i18n';
import { formatNumber } from '../i18n/format';
import { UiIcon } from '../ui/UiIcon';
import { useWidth } from '../charts/useSize';
import { PointsProgress } from './WhatIfSetup';

/** A refusal of the core in the app's words where the app has them (no flags or field names), else the core's sentence. */
function refusalText(f: Finding, t: TFunction, lang: string, labels: Record<string, string>): string {
  const key = `meta.refused.${f.code}`;
  const node = typeof f.figures.node === 'string' ? (labels[f.figures.node] ?? f.figures.node) : '';
  const text = t(key, { node, at: f.figures.at, earliest: f.figures.earliest });
  return text !== key ? text : renderFinding(f, sentenceContext(normalizeLanguage(lang), labels));
}

function Field({ label, value, onChange, testId, unit }: { label: string; value: string; onChange: (v: string) => void; testId: string; unit?: string }) {
  const id = useId();
  return (
    <div className="range-input">
      <label htmlFor={id}>{label}</label>
      <input id={id} className="input" type="text" inputMode="decimal" value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId} />
      {unit && <span className="range-unit">{unit}</span>}
    </div>
  );
}

function MetaSetupView({ scenario, labels }: { scenario: Scenario; labels: Record<string, string> }) {
  const { t, i18n } = useTranslation();
  const { ctx } = useServices();
  const stores = useStores();
  const setup = useMeta((s) => s.setup);
  const status = useMeta((s) => s.status);
  const progress = useMeta((s) => s.progress);
  const refusal = useMeta((s) => s.refusal);
  const lang = i18n.language;
  const choices = useMemo(() => triggerChoices(scenario), [scenario]);
  const choice = choices.find((c) => c.trigger === setup.trigger)!;
  const configure = stores.meta.getState().configure;
  const parsed = parseSetup(setup, choice);
  const node = parsed.ok ? (parsed.options.node ?? parsed.options.source ?? '') : setup.node;
  const nodeRefused = choice.refused[node];
  const why = (c: TriggerChoice) => (c.disabled === null ? null : 'key' in c.disabled ? t(c.disabled.key) : refusalText(c.disabled.finding, t, lang, labels));
  const share = setup.trigger !== 'spike';
  const reps = scenario.run.replications ?? 1;
  const pick = (trigger: MetaTrigger) => configure({ trigger, node: '', ...defaultSizes(trigger) });
  const canRun = parsed.ok && !nodeRefused && choice.disabled === null;
  return (
    <div className="whatif-setup meta-setup" data-testid="meta-setup">
      <div className="setup-title">{t('meta.trigger')}</div>
      <div className="segmented meta-triggers" role="radiogroup" aria-label={t('meta.trigger')}>
        {metaTriggers.map((trigger) => {
          const c = choices.find((x) => x.trigger === trigger)!;
          return (
            <button key={trigger} type="button" role="radio" aria-checked={setup.trigger === trigger} className={setup.trigger === trigger ? 'active' : ''} disabled={c.disabled !== null} title={why(c) ?? t(`meta.triggerHint.${trigger}`)} onClick={() => pick(trigger)} data-testid={`meta-trigger-${trigger}`}>
              {t(`meta.triggerName.${trigger}`)}
            </button>
          );
        })}
      </div>
      <p className="help">{t(`meta.triggerHint.${setup.trigger}`)}</p>
      {choices
        .filter((c) => c.disabled !== null)
        .map((c) => (
          <p key={c.trigger} className="help" data-testid={`meta-why-${c.trigger}`}>
            {t(`meta.triggerName.${c.trigger}`)}: {why(c)}
          </p>
        ))}
      {choice.nodes.length > 1 && (
        <select className="input" value={node} aria-label={t(`meta.node.${setup.trigger}`)} onChange={(e) => configure({ node: e.target.value })} data-testid="meta-node">
          {setup.trigger === 'spike' && !choice.nodes.includes(node) && <option value="">{t('meta.pickSource')}</option>}
          {choice.nodes.map((id) => (
            <option key={id} value={id}>
              {labels[id] ?? id}
              {choice.refused[id] ? ` (${t('meta.refusedMark')})` : ''}
            </option>
          ))}
        </select>
      )}
      {nodeRefused && (
        <div className="field-error" role="alert" data-testid="meta-refused">
          {refusalText(nodeRefused, t, lang, labels)}
        </div>
      )}
      <div className="setup-title">{share ? t(`meta.sizeShare.${setup.trigger}`) : t('meta.sizeFactor')}</div>
      <div className="range-row">
        <Field label={t('whatIf.from')} value={setup.sizeFrom} onChange={(v) => configure({ sizeFrom: v })} testId="meta-size-from" unit={share ? '%' : '×'} />
        <Field label={t('whatIf.to')} value={setup.sizeTo} onChange={(v) => configure({ sizeTo: v })} testId="meta-size-to" />
        <Field label={t('meta.count')} value={setup.sizeCount} onChange={(v) => configure({ sizeCount: v })} testId="meta-size-count" />
      </div>
      <div className="setup-title">{t('meta.duration')}</div>
      <div className="range-row">
        <Field label={t('whatIf.from')} value={setup.forFrom} onChange={(v) => configure({ forFrom: v })} testId="meta-for-from" unit={t('unit.s')} />
        <Field label={t('whatIf.to')} value={setup.forTo} onChange={(v) => configure({ forTo: v })} testId="meta-for-to" />
        <Field label={t('meta.count')} value={setup.forCount} onChange={(v) => configure({ forCount: v })} testId="meta-for-count" />
      </div>
      <Field label={t('meta.within')} value={setup.within} onChange={(v) => configure({ within: v })} testId="meta-within" unit={t('unit.s')} />
      {!parsed.ok && (
        <div className="field-error" role="alert" data-testid="meta-setup-error">
          {t(`meta.field.${parsed.field}`)}: {t(`meta.error.${parsed.error}`, { n: mostPerAxis })}
        </div>
      )}
      {refusal && (
        <div className="field-error" role="alert" data-testid="meta-refused">
          {refusalText(refusal, t, lang, labels)}
        </div>
      )}
      {status === 'running' ? (
        <PointsProgress fraction={progress?.fraction ?? 0} done={progress?.pointsDone ?? 0} count={progress?.points ?? 0} testId="meta" />
      ) : (
        <div className="sweep-run">
          {parsed.ok && <div className="help">{t('meta.gridSize', { count: parsed.points, reps: formatNumber(reps, lang) })}</div>}
          <button type="button" className="button primary" disabled={!canRun} onClick={() => parsed.ok && void startMetastability(ctx, parsed.options)} data-testid="meta-run">
            <UiIcon name="run" size={14} />
            {t('meta.run')}
          </button>
        </div>
      )}
    </div>
  );
}

/** The heat map on band scales: rows are sizes (the largest on top), columns durations; cells not judged yet are grey. */
function HeatMap({ model, rows, cols }: { model: HeatMapModel; rows: number; cols: number }) {
  const { t } = useTranslation();
  const [ref, width] = useWidth<HTMLDivElement>(560);
  const left = 78;
  const cellHeight = 34;
  const plotWidth = Math.max(cols * 80, Math.min(width - left - 8, cols * 150));
  const x = scaleBand<number>().domain([...Array(cols).keys()]).range([left, left + plotWidth]).paddingInner(0.04);
  const y = scaleBand<number>().domain([...Array(rows).keys()]).range([6, 6 + rows * cellHeight]).paddingInner(0.06);
  const step = x.step();
  const rowStep = y.step();
  const top = y.range()[0]!;
  const height = top + rows * rowStep + 26;
  const judged = new Set(model.cells.map((c) => `${c.row}/${c.col}`));
  const boundary = model.steps.flatMap((s, j) => [`${j === 0 ? 'M' : 'L'}${x(s.col)!},${top + s.edge * rowStep}`, `L${x(s.col)! + step},${top + s.edge * rowStep}`]).join(' ');
  return (
    <div ref={ref} className="meta-map">
      <svg width={left + plotWidth + 8} height={height} role="img" aria-label={t('meta.mapLabel')} data-testid="meta-map">
        {model.rows.map((label, i) => (
          <text key={`r${i}`} x={left - 6} y={y(i)! + y.bandwidth() / 2 + 4} textAnchor="end" className="meta-axis">
            {label}
          </text>
        ))}
        {model.columns.map((label, j) => (
          <text key={`c${j}`} x={x(j)! + x.bandwidth() / 2} y={top + rows * rowStep + 16} textAnchor="middle" className="meta-axis">
            {label}
          </text>
        ))}
        {[...Array(rows).keys()].flatMap((i) =>
          [...Array(cols).keys()].filter((j) => !judged.has(`${i}/${j}`)).map((j) => <rect key={`p${i}/${j}`} x={x(j)} y={y(i)} width={x.bandwidth()} height={y.bandwidth()} rx={3} fill={pendingColor} data-testid="meta-cell-pending" />),
        )}
        {model.cells.map((c) => (
          <g key={c.index} data-testid="meta-cell" data-recovers={c.recovers ? 'true' : 'false'}>
            <title>{c.title}</title>
            <rect x={x(c.col)} y={y(c.row)} width={x.bandwidth()} height={y.bandwidth()} rx={3} fill={c.color} />
            <text x={x(c.col)! + x.bandwidth() / 2} y={y(c.row)! + y.bandwidth() / 2 + 4} textAnchor="middle" className={c.recovers ? 'meta-cell-text' : 'meta-cell-text stuck'}>
              {c.label}
            </text>
          </g>
        ))}
        {model.cells.length === rows * cols && <path d={boundary} fill="none" stroke="var(--text, #111827)" strokeWidth={3} data-testid="meta-boundary" />}
      </svg>
      <ul className="meta-legend" data-testid="meta-legend">
        {model.legend.map((l) => (
          <li key={l.kind}>
            <span className="swatch" style={{ background: l.color }} aria-hidden="true" />
            {l.label}
          </li>
        ))}
        <li>
          <span className="swatch line" aria-hidden="true" />
          {model.boundaryKey}
        </li>
      </ul>
    </div>
  );
}

function MetaResults({ labels }: { labels: Record<string, string> }) {
  const { t, i18n } = useTranslation();
  const run = useRunAction();
  const options = useMeta((s) => s.options);
  const points = useMeta((s) => s.points);
  const doc = useMeta((s) => s.doc);
  const status = useMeta((s) => s.status);
  const stale = useMeta((s) => s.stale);
  const error = useMeta((s) => s.error);
  const lang = normalizeLanguage(i18n.language);
  const model = useMemo(
    () => (options ? heatMapModel(doc ?? { trigger: { kind: options.trigger }, sizes: options.sizes, durations: options.durations, within: options.within, points }, lang, labels) : null),
    [options, doc, points, lang, labels],
  );
  if (!options || !model) {
    return (
      <div className="results-empty whatif-empty" data-testid="meta-empty">
        <p>{t('meta.empty')}</p>
      </div>
    );
  }
  return (
    <div className={`whatif-results meta-results${stale ? ' is-stale' : ''}`} data-testid="meta-results">
      <div className="whatif-results-head">
        <div className="whatif-verdict" data-testid="meta-verdict">
          {model.mechanismText && <div className="recommend" data-testid="meta-mechanism">{model.mechanismText}</div>}
          {!doc && status === 'running' && <div className="muted">{t('meta.arriving')}</div>}
          {!doc && status === 'cancelled' && <div className="muted">{t('meta.partial')}</div>}
          {stale && <div className="muted small">{t('meta.staleHint')}</div>}
        </div>
        <div className="export-buttons" role="group" aria-label={t('action.export')}>
          <button type="button" className="button small" disabled={!doc} onClick={() => run('export.metaHtml')} data-testid="export-meta-html">
            <UiIcon name="export" size={12} />
            {t('whatIf.exportHtml')}
          </button>
          <button type="button" className="button small" disabled={!doc} onClick={() => run('export.metaPdf')} data-testid="export-meta-pdf">
            PDF
          </button>
        </div>
      </div>
      {status === 'failed' && error && (
        <div className="field-error" role="alert" data-testid="meta-error">
          {t('meta.failed')}: {error}
        </div>
      )}
      <HeatMap model={model} rows={options.sizes.length} cols={options.durations.length} />
      {model.boundaryText.length > 0 && (
        <div data-testid="meta-boundary-text">
          <div className="setup-title">{t('meta.boundary')}</div>
          <ul className="meta-sentences">
            {model.boundaryText.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
        </div>
      )}
      {model.notMonotone && <p className="help warn">{t('meta.notMonotone', { cells: model.notMonotone })}</p>}
      {doc?.findings
        .filter((f) => f.code === 'meta.flushesOverlap')
        .map((f) => (
          <p key={`${f.figures.event}`} className="help warn" data-testid="meta-flushes-overlap">
            {renderFinding(f, sentenceContext(lang, labels))}
          </p>
        ))}
    </div>
  );
}

export function MetastabilityPanel() {
  const scenario = useDocument((s) => s.scenario);
  const mapped = useMeta((s) => s.scenario);
  const shown = mapped ?? scenario;
  const labels = useMemo(() => Object.fromEntries(shown.nodes.map((n) => [n.id, n.label || n.id])), [shown]);
  const setupLabels = useMemo(() => Object.fromEntries(scenario.nodes.map((n) => [n.id, n.label || n.id])), [scenario]);
  return (
    <div className="whatif-panel meta-panel" data-testid="meta-panel">
      <MetaSetupView scenario={scenario} labels={setupLabels} />
      <MetaResults labels={labels} />
    </div>
  );
}
