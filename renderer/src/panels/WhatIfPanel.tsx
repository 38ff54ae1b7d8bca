/**
 * The what-if panel in the dock: the sweep's setup on the left; on the right the
 * recommendation, capacity (or throughput) against the varied field with the USL
 * curve and the point where scaling stops paying, p99 against load with the SLO
 * line, cost per million requests, and a table of every point. Points appear as
 * the workers finish them; clicking a point (a dot or a row) loads it onto the
 * canvas as one undo step.
 */
import { sloVerdictOf } from '../../../simulation/analysis/verdict';
import { memo, useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Scenario } from '../../../simulation/model/schema';
import type { SweepDocument, SweepPoint, VaryValue } from '../../../simulation/model/result';
import { isReplicaPath } from '../../../simulation/model/paths';
import { uslCapacity } from '../../../simulation/whatif/usl';
import { shareText } from '../../../simulation/measures/utilization';
import { renderFinding, sentenceContext } from '../../../simulation/findings/render';
import { compareWithPoint, loadPoint } from '../actions/whatIfActions';
import { pointMatches, varyField } from '../model/whatIf';
import { toDisplay } from '../model/units';
import { useRunAction, useServices } from '../actions/services';
import { UiIcon } from '../ui/UiIcon';
import { useDocument, useWhatIf } from '../stores/context';
import { normalizeLanguage } from '../i18n';
import type { SweepGridPoint } from '../stores/whatIfStore';
import { formatDuration, formatMoney, formatNumber, formatPercent } from '../i18n/format';
import { SweepChart, type SweepSeries } from '../charts/SweepChart';
import { seriesColor } from '../charts/TimeSeriesChart';
import { capacityOf, formatVaryValue, pathLabel, pathTitle, pointText, scalingSentence, sweepAdvice } from './whatIfText';
import { WhatIfSetup } from './WhatIfSetup';

interface SweepView {
  scenario: Scenario;
  vary: { path: string; values: VaryValue[] }[];
  capacity: boolean;
  grid: SweepGridPoint[];
  points: SweepPoint[];
  doc: SweepDocument | null;
}

/** The varied path to put on the x axis: the replica count a scale-out verdict is about, else the first numeric one. */
function xPathOf(vary: SweepView['vary']): string | null {
  const replicas = vary.filter((v) => isReplicaPath(v.path));
  if (replicas.length === 1) return replicas[0]!.path;
  return vary.find((v) => v.values.every((x) => typeof x === 'number'))?.path ?? null;
}

function seriesOf(view: SweepView, xPath: string, y: (p: SweepPoint) => number | null, t: TFunction, lang: string): SweepSeries[] {
  const others = view.vary.filter((v) => v.path !== xPath);
  const groups = new Map<string, SweepPoint[]>();
  for (const p of view.points) {
    const key = JSON.stringify(others.map((o) => p.values[o.path]));
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  return [...groups.entries()].slice(0, 8).map(([, pts], i) => ({
    name: others.length ? pointText(view.scenario, Object.fromEntries(others.map((o) => [o.path, pts[0]!.values[o.path]!])), t, lang) : t('whatIf.measured'),
    color: seriesColor(i),
    points: pts.flatMap((p) => {
      const v = y(p);
      return v === null || !Number.isFinite(v) ? [] : [{ x: Number(p.values[xPath]), y: v, index: p.index, title: pointText(view.scenario, p.values, t, lang) }];
    }),
  }));
}

// Memoized, as the table below: the panel re-renders on every edit and progress step, the charts only when the sweep or the highlighted point change.
const Charts = memo(function Charts({ view, current, onPoint }: { view: SweepView; current: number | null; onPoint: (index: number) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const xPath = xPathOf(view.vary);
  if (!xPath || view.points.length === 0) return null;
  const field = varyField(xPath);
  const xTitle = pathTitle(view.scenario, xPath, t);
  const formatX = (v: number) => formatNumber(toDisplay(v, field.unit), lang, 4);
  const scaling = view.doc?.scaling && view.doc.scaling.path === xPath ? view.doc.scaling : null;

  let curve;
  if (scaling?.usl && scaling.replicas.length > 1) {
    const lo = Math.min(...scaling.replicas);
    const hi = Math.max(...scaling.replicas);
    const xs = Array.from({ length: 60 }, (_, i) => lo + ((hi - lo) * i) / 59);
    const fit = { ...scaling.usl, sigmaCi: null, kappaCi: null };
    curve = { name: t('whatIf.uslCurve', { sigma: formatNumber(scaling.usl.sigma, lang), kappa: scaling.usl.kappa.toExponential(1) }), x: xs, y: xs.map((n) => uslCapacity(fit, n)) };
  }
  const sloP99 = view.scenario.slo?.p99;
  // Latency reads best against the load (the hockey stick) whenever a rate is varied.
  const loadPath = view.vary.find((v) => /\.arrival\.rate$/.test(v.path) && v.values.every((x) => typeof x === 'number'))?.path;
  const latencyX = loadPath ?? xPath;
  const latencyField = varyField(latencyX);
  const costs = view.points.filter((p) => p.result.cost?.perMillionRequests != null);
  const currency = costs[0]?.result.cost?.currency ?? '';
  return (
    <div className="charts-grid whatif-charts">
      <div className="chart-card">
        <SweepChart
          testId="chart-capacity"
          title={view.capacity ? t('whatIf.chart.capacity') : t('whatIf.chart.throughput')}
          xLabel={xTitle}
          series={seriesOf(view, xPath, capacityOf, t, lang)}
          formatX={formatX}
          formatY={(v) => formatNumber(v, lang)}
          curve={curve}
          marker={scaling && scaling.paysOffUntil !== null && scaling.replicas.length > 1 ? { x: scaling.paysOffUntil, label: t('whatIf.paysOffUntil', { n: scaling.paysOffUntil }) } : undefined}
          current={current}
          onPoint={onPoint}
          note={scaling && !view.capacity ? t('whatIf.throughputNote') : undefined}
        />
      </div>
      <div className="chart-card">
        <SweepChart
          testId="chart-latency"
          title={loadPath ? t('whatIf.chart.hockey') : t('whatIf.chart.p99')}
          xLabel={pathTitle(view.scenario, latencyX, t)}
          series={seriesOf(view, latencyX, (p) => p.result.summary.latency.p99, t, lang)}
          formatX={(v) => formatNumber(toDisplay(v, latencyField.unit), lang, 4)}
          formatY={(v) => formatDuration(v, lang)}
          threshold={sloP99 !== undefined ? { y: sloP99, label: t('whatIf.sloLine', { v: formatDuration(sloP99, lang) }) } : undefined}
          current={current}
          onPoint={onPoint}
          note={view.capacity ? t('whatIf.atCapacityNote') : undefined}
        />
      </div>
      {costs.length > 0 && (
        <div className="chart-card">
          <SweepChart
            testId="chart-cost"
            title={t('whatIf.chart.cost', { currency })}
            xLabel={xTitle}
            series={seriesOf(view, xPath, (p) => p.result.cost?.perMillionRequests ?? null, t, lang)}
            formatX={formatX}
            formatY={(v) => formatNumber(v, lang)}
            current={current}
            onPoint={onPoint}
          />
        </div>
      )}
    </div>
  );
});

const PointsTable = memo(function PointsTable({ view, current, onPoint }: { view: SweepView; current: number | null; onPoint: (index: number) => void }) {
  const { t, i18n } = useTranslation();
  const { ctx } = useServices();
  const lang = i18n.language;
  const byIndex = new Map(view.points.map((p) => [p.index, p]));
  const label = (id: string) => view.scenario.nodes.find((n) => n.id === id)?.label || id;
  const hasCost = view.points.some((p) => p.result.cost);
  const labels = useMemo(() => Object.fromEntries(view.scenario.nodes.map((n) => [n.id, n.label || n.id])), [view.scenario]);
  return (
    <table className="points-grid" data-testid="sweep-points">
      <thead>
        <tr>
          {view.vary.map((v) => (
            <th key={v.path} className="vary-col">
              {pathLabel(view.scenario, v.path, t)}
            </th>
          ))}
          <th className="num">{view.capacity ? t('whatIf.col.capacity') : t('results.throughput')}</th>
          <th className="num">p99</th>
          <th className="num">{t('results.errorRate')}</th>
          <th>{t('whatIf.col.stable')}</th>
          <th>{t('results.slo')}</th>
          <th>{t('results.bottleneck')}</th>
          {hasCost && <th className="num">{t('whatIf.col.cost')}</th>}
          <th />
        </tr>
      </thead>
      <tbody>
        {view.grid.map((g) => {
          const p = byIndex.get(g.index);
          const r = p?.result;
          const slo = r ? sloVerdictOf(r.summary) : 'none';
          return (
            <tr
              key={g.index}
              className={`${p ? 'ready' : g.invalid ? 'invalid' : 'pending'}${current === g.index ? ' current' : ''}`}
              tabIndex={p ? 0 : undefined}
              aria-current={current === g.index ? 'true' : undefined}
              data-index={g.index}
              title={p ? t('whatIf.loadHint') : undefined}
              onClick={() => p && onPoint(g.index)}
              onKeyDown={(e) => {
                if (p && (e.key === 'Enter' || e.key === ' ')) {
                  e.preventDefault();
                  onPoint(g.index);
                }
              }}
            >
              {view.vary.map((v) => (
                <td key={v.path}>{formatVaryValue(v.path, g.values[v.path]!, t, lang)}</td>
              ))}
              {r ? (
                <>
                  <td className="num">
                    {formatNumber(capacityOf(p), lang)} {t('unit.rps')}
                  </td>
                  <td className="num">{formatDuration(r.summary.latency.p99, lang)}</td>
                  <td className="num">{formatPercent(r.summary.errorRate, lang, 2)}</td>
                  <td className={r.stable ? 'ok' : 'bad'} data-testid="point-stable" title={r.stable ? undefined : t('results.unstable')}>
                    {r.stable ? t('whatIf.stableYes') : t('whatIf.stableNo')}
                  </td>
                  <td className={slo === 'none' ? 'muted' : slo === 'met' ? 'ok' : 'bad'}>{slo === 'none' ? '—' : slo === 'met' ? '✓' : '✗'}</td>
                  <td className="bottleneck-cell" title={r.bottleneck ? `${label(r.bottleneck.node)} ${shareText(r.bottleneck.resource, r.bottleneck.utilization, lang)}` : undefined}>
                    {r.bottleneck ? `${label(r.bottleneck.node)} ${shareText(r.bottleneck.resource, r.bottleneck.utilization, lang)}` : '—'}
                  </td>
                  {hasCost && (
                    <td className="num" title={r.cost?.perMillionRequests != null ? t('whatIf.perMillion', { v: formatMoney(r.cost.perMillionRequests, r.cost.currency, lang) }) : undefined}>
                      {r.cost ? `${formatMoney(r.cost.perHour, r.cost.currency, lang)}/h` : '—'}
                    </td>
                  )}
                  <td className="row-actions">
                    <button
                      type="button"
                      className="link-button small"
                      title={t('whatIf.compareHint')}
                      onClick={(e) => {
                        e.stopPropagation();
                        void compareWithPoint(ctx, g.values);
                      }}
                    >
                      {t('whatIf.compare')}
                    </button>
                  </td>
                </>
              ) : g.invalid ? (
                <td className="bad" colSpan={hasCost ? 8 : 7} data-testid="point-invalid">
                  {t('whatIf.invalidPoint', { why: renderFinding(g.invalid, sentenceContext(normalizeLanguage(lang), labels)) })}
                </td>
              ) : (
                <td className="muted" colSpan={hasCost ? 8 : 7}>
                  {t('whatIf.pending')}
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
});

function Results({ view }: { view: SweepView }) {
  const { t, i18n } = useTranslation();
  const { ctx } = useServices();
  const run = useRunAction();
  const scenario = useDocument((s) => s.scenario);
  const stale = useWhatIf((s) => s.stale);
  const status = useWhatIf((s) => s.status);
  const lang = i18n.language;
  const current = useMemo(() => view.grid.find((g) => pointMatches(scenario, g.values))?.index ?? null, [view.grid, scenario]);
  const onPoint = useCallback(
    (index: number) => {
      const g = view.grid.find((x) => x.index === index);
      if (g) loadPoint(ctx, g.values);
    },
    [view.grid, ctx],
  );
  const advice = view.doc ? sweepAdvice(view.doc, view.scenario, lang) : null;
  const verdict = view.doc ? scalingSentence(view.doc, view.scenario, lang) : null;
  return (
    <div className={`whatif-results${stale ? ' is-stale' : ''}`}>
      <div className="whatif-results-head">
        <div className="whatif-verdict" data-testid="sweep-verdict">
          {advice && <div className="recommend">{advice}</div>}
          {verdict && <div className="muted small">{verdict}</div>}
          {!view.doc && status === 'running' && <div className="muted">{t('whatIf.arriving')}</div>}
          {!view.doc && status === 'cancelled' && <div className="muted">{t('whatIf.partial')}</div>}
        </div>
        <div className="export-buttons" role="group" aria-label={t('action.export')}>
          <button type="button" className="button small" disabled={!view.doc} onClick={() => run('export.sweepHtml')} data-testid="export-sweep-html">
            <UiIcon name="export" size={12} />
            {t('whatIf.exportHtml')}
          </button>
          <button type="button" className="button small" disabled={!view.doc} onClick={() => run('export.sweepPdf')} data-testid="export-sweep-pdf">
            PDF
          </button>
          <button type="button" className="button small" disabled={!view.doc} onClick={() => run('export.sweepCsv')} data-testid="export-sweep-csv">
            CSV
          </button>
        </div>
      </div>
      <Charts view={view} current={current} onPoint={onPoint} />
      <div className="table-scroll">
        <PointsTable view={view} current={current} onPoint={onPoint} />
      </div>
      <p className="help">{t('whatIf.tableHint')}</p>
    </div>
  );
}

export function WhatIfPanel() {
  const { t } = useTranslation();
  const scenario = useDocument((s) => s.scenario);
  const swept = useWhatIf((s) => s.scenario);
  const grid = useWhatIf((s) => s.grid);
  const points = useWhatIf((s) => s.points);
  const doc = useWhatIf((s) => s.doc);
  const view = useMemo<SweepView | null>(
    () => (swept && grid.length ? { scenario: swept, vary: swept.whatIf?.vary ?? [], capacity: Boolean(swept.whatIf?.load), grid, points, doc } : null),
    [swept, grid, points, doc],
  );
  return (
    <div className="whatif-panel" data-testid="whatif-panel">
      <WhatIfSetup scenario={scenario} />
      {view ? (
        <Results view={view} />
      ) : (
        <div className="results-empty whatif-empty">
          <p>{t('whatIf.emptyResults')}</p>
        </div>
      )}
    </div>
  );
}
