/**
 * The dock under the canvas and its results dashboard: headline numbers with
 * their confidence intervals, the SLO verdict per bound, the bottleneck in plain
 * words, warnings, and the charts. A result computed for an older version of the
 * model stays visible but is marked stale. The what-if and compare panels are the
 * dock's other tabs.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResultDocument, Interval } from '../../../simulation/model/result';
import type { Scenario } from '../../../simulation/model/schema';
import { bottleneckText, nodeLabels, sloPresentation, warningTexts } from '../../../simulation/format/present';
import { useCompare, useDocument, useMeta, useRuns, useSession, useStores, useWhatIf } from '../stores/context';
import type { DockTab } from '../stores/sessionStore';
import { WhatIfPanel } from '../panels/WhatIfPanel';
import { ComparePanel } from '../panels/ComparePanel';
import { MetastabilityPanel } from '../panels/MetastabilityPanel';
import { useAnalysis } from '../stores/analysis';
import { useRunAction } from '../actions/services';
import { UiIcon } from '../ui/UiIcon';
import { formatDuration, formatNumber, formatPercent, formatMoney } from '../i18n/format';
import { normalizeLanguage } from '../i18n';

import { LatencyChart } from '../charts/LatencyChart';
import { UtilizationBars } from '../charts/UtilizationBars';
import { NodeTable } from './NodeTable';
import { CompletionTable } from './CompletionTable';
import { HostTable } from './HostTable';
import { TimeSeriesChart, seriesColor } from '../charts/TimeSeriesChart';

function halfWidth(ci: Interval | undefined): number | null {
  if (!ci) return null;
  const h = (ci[1] - ci[0]) / 2;
  return Number.isFinite(h) && h > 0 ? h : null;
}

function Kpi({ label, value, unit, pm, verdict, testId }: { label: string; value: string; unit?: string; pm: string | null; verdict?: { met: boolean; bound: string } | undefined; testId?: string }) {
  const { t } = useTranslation();
  return (
    <div className={`kpi${verdict ? (verdict.met ? ' met' : ' missed') : ''}`} data-testid={testId}>
      <div className="kpi-label">{label}</div>
      <div className="kpi-value">
        {value}
        {unit && <span className="kpi-unit"> {unit}</span>}
      </div>
      <div className="kpi-pm">{pm ? `± ${pm}` : '\u00a0'}</div>
      {verdict && (
        <div className="kpi-verdict">
          {verdict.met ? '✓' : '✗'} {t('results.bound', { v: verdict.bound })}
        </div>
      )}
    </div>
  );
}

function Summary({ result, scenario }: { result: ResultDocument; scenario: Scenario }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const s = result.summary;
  const slo = s.slo ?? {};
  const dur = (v: number) => formatDuration(v, lang);
  const rate = (v: number) => `${formatNumber(v, lang)} ${t('unit.rps')}`;
  const verdict = (k: string, f: (v: number) => string) => (slo[k] ? { met: slo[k]!.met, bound: f(slo[k]!.bound) } : undefined);
  const hw = (ci: Interval | undefined, f: (v: number) => string) => {
    const h = halfWidth(ci);
    return h === null ? null : f(h);
  };
  const label = (id: string) => scenario.nodes.find((n) => n.id === id)?.label ?? id;
  const sentenceLanguage = normalizeLanguage(lang);
  const labels = nodeLabels(scenario);
  const sloText = sloPresentation(result, sentenceLanguage, labels);
  const warnings = warningTexts(result, sentenceLanguage, labels);
  const warningList = (!result.stable || warnings.length > 0) && (
    <ul className={`warnings${result.stable ? '' : ' leading'}`} data-testid="warnings">
      {!result.stable && <li>{t('results.unstable')}</li>}
      {warnings.map((w, i) => (
        <li key={i}>{w}</li>
      ))}
    </ul>
  );
  return (
    <div className="summary">
      <div className={`slo-banner ${sloText.verdict === 'met' ? 'met' : sloText.verdict === 'notMet' ? 'missed' : 'none'}`} data-testid="slo-verdict">
        {sloText.verdict === 'met' ? t('results.sloMet') : sloText.verdict === 'notMet' ? t('results.sloNotMet') : t('results.noSlo')}
        {sloText.reasons.length > 0 && <span data-testid="slo-reasons">{t('results.reasonLead') + sloText.reasons.join(t('results.reasonSeparator'))}</span>}
        <span className="muted">
          {' · '}
          {t('results.runInfo', { reps: result.run.replications, duration: formatNumber(result.run.duration, lang), confidence: formatPercent(result.run.confidence, lang, 0) })}
        </span>
      </div>
      {!result.stable && warningList}
      <div className="kpis">
        <Kpi label={t('results.throughput')} value={formatNumber(s.throughput, lang)} unit={t('unit.rps')} pm={hw(s.throughputCi, (v) => formatNumber(v, lang))} verdict={verdict('throughput', rate)} testId="kpi-throughput" />
        <Kpi label="p50" value={dur(s.latency.p50)} pm={hw(s.latencyCi.p50, dur)} verdict={verdict('p50', dur)} testId="kpi-p50" />
        <Kpi label="p95" value={dur(s.latency.p95)} pm={hw(s.latencyCi.p95, dur)} verdict={verdict('p95', dur)} testId="kpi-p95" />
        <Kpi label="p99" value={dur(s.latency.p99)} pm={hw(s.latencyCi.p99, dur)} verdict={verdict('p99', dur)} testId="kpi-p99" />
        <Kpi label={t('results.mean')} value={dur(s.latency.mean)} pm={hw(s.latencyCi.mean, dur)} verdict={verdict('mean', dur)} />
        <Kpi label={t('results.errorRate')} value={formatPercent(s.errorRate, lang, 2)} pm={hw(s.errorRateCi, (v) => formatPercent(v, lang, 2))} verdict={verdict('errorRate', (v) => formatPercent(v, lang, 2))} testId="kpi-errors" />
      </div>
      {s.errorRate > 0 && (
        <div className="muted small">
          {t('results.errorsSplit', { rejected: formatPercent(s.errors.rejected, lang, 2), timedOut: formatPercent(s.errors.timedOut, lang, 2), failed: formatPercent(s.errors.failed, lang, 2) })}
        </div>
      )}
      {result.bottleneck && (
        <div className="bottleneck" data-testid="bottleneck">
          <strong>{t('results.bottleneck')}:</strong>{' '}
          <span>{bottleneckText(result, sentenceLanguage, labels) ?? t('results.bottleneckText', {
              node: label(result.bottleneck.node),
              u: formatPercent(result.bottleneck.utilization, lang, 0),
              share: formatPercent(result.bottleneck.latencyShare, lang, 0),
            })}</span>
        </div>
      )}
      {Object.keys(result.classes).length > 1 && (
        <table className="class-table" data-testid="class-results">
          <thead>
            <tr>
              <th>{t('results.class')}</th>
              <th>{t('results.throughput')}</th>
              <th>p99</th>
              <th>{t('results.errorRate')}</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(result.classes).map(([id, c]) => (
              <tr key={id}>
                <td>{scenario.classes?.find((x) => x.id === id)?.label ?? id}</td>
                <td>{rate(c.throughput)}</td>
                <td>{dur(c.latency.p99)}</td>
                <td>{formatPercent(c.errorRate, lang, 2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <CompletionTable result={result} scenario={scenario} />
      {result.cost && (
        <div className="muted small">
          {t('results.cost', { perHour: formatMoney(result.cost.perHour, result.cost.currency, lang), perMillion: result.cost.perMillionRequests === null ? '—' : formatMoney(result.cost.perMillionRequests, result.cost.currency, lang) })}
        </div>
      )}
      {result.stable && warningList}
    </div>
  );
}

function Charts({ result, scenario }: { result: ResultDocument; scenario: Scenario }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { estimate } = useAnalysis();
  const ts = result.timeSeries;
  const label = (id: string) => scenario.nodes.find((n) => n.id === id)?.label ?? id;
  const queues = Object.entries(ts.nodes)
    .map(([id, s]) => ({ id, s, peak: Math.max(0, ...s.queueLength) }))
    .filter((q) => q.peak > 0.01)
    .sort((a, b) => b.peak - a.peak)
    .slice(0, 6);
  const scaling = Object.entries(ts.nodes).filter(([, s]) => s.replicas.length > 0 && Math.max(...s.replicas) - Math.min(...s.replicas) > 1e-6);
  const faults = (scenario.faults ?? []).map((f) => ({ at: f.at, for: f.for }));
  const events = (result.events ?? []).map((e) => ({ at: e.at, end: e.end, label: t('events.marker', { action: t(`events.action.${e.action}`), node: label(e.node), at: formatNumber(e.at, lang) }) }));
  return (
    <div className="charts-grid">
      <div className="chart-card">
        <div className="chart-title">{t('results.latencyChart')}</div>
        <LatencyChart histogram={result.latencyHistogram} latency={result.summary.latency} />
      </div>
      <div className="chart-card">
        <div className="chart-title">{t('results.utilizationChart')}</div>
        <UtilizationBars result={result} scenario={scenario} estimate={estimate} />
      </div>
      <div className="chart-card">
        <TimeSeriesChart title={t('results.throughputOverTime')} testId="ts-throughput" start={ts.start} interval={ts.interval} warmup={result.run.warmup} faults={faults} events={events} series={[{ name: t('results.throughput'), values: ts.throughput, color: seriesColor(0) }]} />
      </div>
      <div className="chart-card">
        <TimeSeriesChart title={t('results.p99OverTime')} testId="ts-p99" start={ts.start} interval={ts.interval} warmup={result.run.warmup} faults={faults} events={events} format={(v) => formatDuration(v, lang)} series={[{ name: 'p99', values: ts.p99, color: seriesColor(3) }]} note={t('results.p99SuccessOnly')} />
        {/* p99 leaves out failed requests: the error rate over the same time belongs beside it. */}
        <TimeSeriesChart title={t('results.errorRateOverTime')} testId="ts-errors" height={110} start={ts.start} interval={ts.interval} warmup={result.run.warmup} faults={faults} events={events} format={(v) => formatPercent(v, lang, 1)} series={[{ name: t('results.errorRate'), values: ts.errorRate, color: '#dc2626' }]} />
      </div>
      <div className="chart-card">
        {queues.length ? (
          <TimeSeriesChart legend title={t('results.queueOverTime')} start={ts.start} interval={ts.interval} warmup={result.run.warmup} faults={faults} events={events} series={queues.map((q, i) => ({ name: label(q.id), values: q.s.queueLength, color: seriesColor(i) }))} />
        ) : (
          <>
            <div className="chart-title">{t('results.queueOverTime')}</div>
            <p className="muted">{t('results.noQueues')}</p>
          </>
        )}
      </div>
      {events.length > 0 && (
        <div className="chart-card" data-testid="events-card">
          <div className="chart-title">{t('events.title')}</div>
          <EventList result={result} label={label} />
        </div>
      )}
      <div className="chart-card wide">
        <div className="chart-title">{t('nodeTable.title')}</div>
        <NodeTable result={result} scenario={scenario} />
      </div>
      {result.hosts && (
        <div className="chart-card wide">
          <HostTable result={result} scenario={scenario} />
        </div>
      )}
      {scaling.length > 0 && (
        <div className="chart-card">
          <TimeSeriesChart legend title={t('results.replicasOverTime')} start={ts.start} interval={ts.interval} warmup={result.run.warmup} faults={faults} events={events} series={scaling.map(([id, s], i) => ({ name: label(id), values: s.replicas, color: seriesColor(i + 1) }))} />
        </div>
      )}
    </div>
  );
}

/** Each timeline event: when it ended, when the run was back, and the worst it got meanwhile. */
function EventList({ result, label }: { result: ResultDocument; label: (id: string) => string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const seconds = (v: number | null) => (v === null ? t('events.notInRun') : t('events.seconds', { v: formatNumber(v, lang) }));
  return (
    <ul className="events-list">
      {(result.events ?? []).map((e, i) => (
        <li key={i}>
          {t('events.row', {
            action: t(`events.action.${e.action}`),
            node: label(e.node),
            at: formatNumber(e.at, lang),
            end: seconds(e.end),
            recovered: seconds(e.recovered),
            errorRate: formatPercent(e.worst.errorRate, lang, 2),
            p99: formatDuration(e.worst.p99, lang),
          })}
        </li>
      ))}
    </ul>
  );
}

function ResultsView() {
  const { t } = useTranslation();
  const result = useRuns((s) => s.result);
  const stale = useRuns((s) => s.stale);
  const status = useRuns((s) => s.status);
  const scenario = useDocument((s) => s.scenario);
  return (
    <div className={`results-body${stale ? ' is-stale' : ''}`}>
      {!result ? (
        <div className="results-empty">{status === 'running' ? t('results.running') : t('results.none')}</div>
      ) : (
        <div className="results-grid">
          <Summary result={result} scenario={scenario} />
          <Charts result={result} scenario={scenario} />
        </div>
      )}
    </div>
  );
}

/** A dock tab with its state beside the name: stale, running, or how fresh. */
function DockTabButton({ tab, label, active, badge }: { tab: DockTab; label: string; active: boolean; badge?: ReactNode }) {
  const stores = useStores();
  return (
    <button type="button" role="tab" aria-selected={active} className={`dock-tab${active ? ' active' : ''}`} data-testid={`dock-tab-${tab}`} onClick={() => stores.session.getState().showDock(tab)}>
      {label}
      {badge}
    </button>
  );
}

function RunningDot() {
  return <span className="running-dot" aria-hidden="true" />;
}

/**
 * The dock under the canvas: the run's results, the what-if sweep and the
 * paired comparison, one tab each, each marked stale when the model moved on.
 */
export function ResultsPanel() {
  const { t, i18n } = useTranslation();
  const stores = useStores();
  const run = useRunAction();
  const open = useSession((s) => s.resultsOpen);
  const tab = useSession((s) => s.dockTab);
  const expanded = useSession((s) => s.dockExpanded);
  const result = useRuns((s) => s.result);
  const stale = useRuns((s) => s.stale);
  const status = useRuns((s) => s.status);
  const error = useRuns((s) => s.error);
  const sweepStale = useWhatIf((s) => s.stale && s.grid.length > 0);
  const sweepRunning = useWhatIf((s) => s.status === 'running');
  const compareStale = useCompare((s) => s.stale && s.doc !== null);
  const compareRunning = useCompare((s) => s.status === 'running');
  const metaStale = useMeta((s) => s.stale && s.doc !== null);
  const metaRunning = useMeta((s) => s.status === 'running');
  const staleBadge = (testId: string) => (
    <span className="badge stale small-badge" data-testid={testId} title={t('results.staleHint')}>
      {t('dock.stale')}
    </span>
  );
  return (
    <section className={`results${open ? ' open' : ''}${open && expanded ? ' expanded' : ''}`} aria-label={t('results.title')} data-testid="results">
      <div className="results-head">
        <button type="button" className="section-toggle dock-toggle" aria-expanded={open} aria-label={open ? t('dock.collapse') : t('dock.expand')} title={open ? t('dock.collapse') : t('dock.expand')} onClick={() => stores.session.getState().setResultsOpen(!open)}>
          <UiIcon name={open ? 'chevronDown' : 'chevronUp'} size={14} />
        </button>
        <div className="dock-tabs" role="tablist" aria-label={t('dock.title')}>
          <DockTabButton tab="results" label={t('results.title')} active={tab === 'results'} badge={status === 'running' ? <RunningDot /> : undefined} />
          <DockTabButton tab="whatIf" label={t('dock.whatIf')} active={tab === 'whatIf'} badge={sweepRunning ? <RunningDot /> : sweepStale ? staleBadge('sweep-stale-badge') : undefined} />
          <DockTabButton tab="compare" label={t('dock.compare')} active={tab === 'compare'} badge={compareRunning ? <RunningDot /> : compareStale ? staleBadge('compare-stale-badge') : undefined} />
          <DockTabButton tab="metastability" label={t('dock.metastability')} active={tab === 'metastability'} badge={metaRunning ? <RunningDot /> : metaStale ? staleBadge('meta-stale-badge') : undefined} />
        </div>
        {tab === 'results' && result && stale && (
          <span className="badge stale" data-testid="stale-badge" title={t('results.staleHint')}>
            {t('results.stale')}
          </span>
        )}
        {tab === 'results' && result && !stale && <span className="badge fresh">{t('results.current', { s: formatNumber(result.stats.wallSeconds, i18n.language) })}</span>}
        {tab === 'results' && status === 'failed' && error && <span className="badge error">{t('run.failed')}</span>}
        {tab === 'whatIf' && sweepStale && (
          <span className="badge stale" title={t('whatIf.staleHint')}>
            {t('whatIf.stale')}
          </span>
        )}
        {tab === 'compare' && compareStale && (
          <span className="badge stale" title={t('compare.staleHint')}>
            {t('compare.stale')}
          </span>
        )}
        <div className="toolbar-spacer" />
        {tab === 'results' && result && stale && status !== 'running' && (
          <button type="button" className="button small" onClick={() => run('run.start')}>
            {t('results.rerun')}
          </button>
        )}
        {tab === 'results' && result && (
          <button type="button" className="button small" onClick={() => run('export.reportHtml')} data-testid="export-report-html">
            <UiIcon name="export" size={12} />
            {t('results.exportReport')}
          </button>
        )}
        {open && (
          <button type="button" className="icon-button" aria-pressed={expanded} aria-label={expanded ? t('dock.restore') : t('dock.maximize')} title={expanded ? t('dock.restore') : t('dock.maximize')} onClick={() => stores.session.getState().setDockExpanded(!expanded)} data-testid="dock-maximize">
            <UiIcon name={expanded ? 'shrink' : 'expand'} size={14} />
          </button>
        )}
      </div>
      {open && tab === 'results' && <ResultsView />}
      {open && tab === 'whatIf' && (
        <div className="results-body dock-body">
          <WhatIfPanel />
        </div>
      )}
      {open && tab === 'metastability' && (
        <div className="results-body dock-body">
          <MetastabilityPanel />
        </div>
      )}
      {open && tab === 'compare' && (
        <div className="results-body dock-body">
          <ComparePanel />
        </div>
      )}
    </section>
  );
}
