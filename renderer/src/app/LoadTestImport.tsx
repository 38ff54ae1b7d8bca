/**
 * File → Import → a load test: the picked Locust, k6 or JMeter result is replayed
 * against the open model on the worker pool (ctx.sim), and measured and simulated are
 * shown side by side, in a table and over time (the simulated range for one test as a
 * band), and Export writes the same HTML report as `headroom fit --report`. Calibrate scales the ticked nodes'
 * work until the mean latency matches; nothing changes in the model until Apply, which
 * is one undoable edit. Cancel stops the replay's workers at once (the pool terminates
 * them on the abort) and brings back what the dialog showed before.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocument, useStores } from '../stores/context';
import { normalizeLanguage } from '../i18n';
import { formatDuration, formatNumber } from '../i18n/format';
import { TimeSeriesChart, seriesColor } from '../charts/TimeSeriesChart';
import { parseNameMap, type ImportFile } from '../model/importFiles';
import { calibratableNodes, calibratedNodes, fitCurves, fitLoadTest, readLoadTest, type FitCurve, type FitOutcome } from '../model/importLoadTest';
import { overTimeInside } from '../../../simulation/fit/overTime';
import { renderFitReport } from '../../../simulation/fit/fitHtml';
import { useServices } from '../actions/services';
import { failureText } from '../actions/jobs';
import { FitTable } from './FitTable';

type State = { kind: 'idle' } | { kind: 'cancelled' } | { kind: 'error'; error: string } | { kind: 'running'; calibrating: boolean; fraction: number } | { kind: 'done'; outcome: Extract<FitOutcome, { ok: true }> };

export function LoadTestImport({ files, names, onClose }: { files: ImportFile[]; names: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const language = normalizeLanguage(lang);
  const { ctx } = useServices();
  const stores = useStores();
  const scenario = useDocument((s) => s.scenario);
  const candidates = useMemo(() => calibratableNodes(scenario), [scenario]);
  const [calibrate, setCalibrate] = useState<string[]>([]);
  const [state, setState] = useState<State>({ kind: 'idle' });
  const abort = useRef<AbortController | null>(null);
  /** The last finished fit: a cancelled calibration goes back to it. */
  const previous = useRef<Extract<FitOutcome, { ok: true }> | null>(null);

  const run = async (nodes: readonly string[]) => {
    abort.current?.abort();
    if (files.length === 0) return setState({ kind: 'idle' });
    const read = readLoadTest(files, language);
    if (!read.ok) return setState({ kind: 'error', error: read.error });
    const map = parseNameMap(names);
    if ('bad' in map) return setState({ kind: 'error', error: t('import.badClassName', { entry: map.bad }) });
    const controller = new AbortController();
    abort.current = controller;
    setState({ kind: 'running', calibrating: nodes.length > 0, fraction: 0 });
    const runner = (s: typeof scenario) =>
      ctx.sim.replications(s, { signal: controller.signal, onProgress: (p) => !controller.signal.aborted && setState((st) => (st.kind === 'running' ? { ...st, fraction: p.fraction } : st)) });
    try {
      const outcome = await fitLoadTest(scenario, read.measurement, { map: map.map, calibrate: nodes }, runner, language);
      if (controller.signal.aborted) return;
      if (outcome.ok) previous.current = outcome;
      setState(outcome.ok ? { kind: 'done', outcome } : { kind: 'error', error: outcome.error });
    } catch (e) {
      if (controller.signal.aborted || (e instanceof Error && e.name === 'AbortError')) return;
      setState({ kind: 'error', error: failureText(e, t) });
    }
  };

  // A new file or mapping replays at once; a mapping being typed waits until the typing stops.
  useEffect(() => {
    const timer = setTimeout(() => void run([]), 350);
    return () => clearTimeout(timer);
  }, [files, names]);
  useEffect(() => () => abort.current?.abort(), []);

  const cancel = () => {
    abort.current?.abort();
    abort.current = null;
    setState(previous.current ? { kind: 'done', outcome: previous.current } : { kind: 'cancelled' });
  };

  const outcome = state.kind === 'done' ? state.outcome : null;
  const calibration = outcome?.document.calibration ?? null;
  const shown = calibration?.after ?? outcome?.document.fit ?? null;
  const curves = shown ? fitCurves(shown) : null;

  const apply = () => {
    if (!outcome?.calibrated || !calibration) return;
    const nodes = calibratedNodes(stores.document.getState().scenario, outcome.calibrated, calibration.nodes);
    onClose();
    stores.document.getState().edit((draft) => {
      draft.nodes = nodes;
    });
    stores.session.getState().notify('success', t('import.fit.applied', { nodes: calibration.nodes.join(', ') }));
  };

  /** Measured and simulated on one chart, the test's time along the bottom, the simulated range for one test as a band. */
  const curveChart = (title: 'throughputChart' | 'p95Chart', testId: string, curve: FitCurve, format: (v: number) => string, note?: string) =>
    curves && (
      <TimeSeriesChart
        title={t(`import.fit.${title}`)}
        testId={testId}
        start={curves.start}
        interval={curves.interval}
        warmup={0}
        height={130}
        format={format}
        note={note}
        series={[
          { name: t('import.fit.measured'), values: curve.measured, color: seriesColor(0) },
          { name: t('import.fit.simulated'), values: curve.simulated, color: seriesColor(1), band: curve.band },
        ]}
      />
    );

  const bandNote = () => {
    const w = shown?.overTime ?? [];
    if (w.length === 0) return null;
    if (w[0]!.windows <= 1) return t('import.fit.bandNoteUnmerged');
    const inside = overTimeInside(w);
    return t('import.fit.bandNote', {
      seconds: formatDuration(w[0]!.end - w[0]!.start, lang),
      windows: w[0]!.windows,
      throughput: t('import.fit.insideOf', inside.throughput),
      p95: t('import.fit.insideOf', inside.p95),
    });
  };

  const exportReport = () => {
    if (!outcome) return;
    const base = (scenario.name || 'model').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'model';
    void ctx.bridge.exportFile({ suggestedName: `${base}-fit.html`, mime: 'text/html', data: renderFitReport(outcome.document, language, outcome.report) });
  };

  return (
    <>
      <div className="import-dialog fit-panel">
        {state.kind === 'error' && (
          <pre className="import-report bad" data-testid="import-report">
            {state.error}
          </pre>
        )}
        {state.kind === 'running' && (
          <p className="hint fit-running" data-testid="fit-running">
            {t(state.calibrating ? 'import.fit.calibrating' : 'import.fit.running', { percent: Math.round(state.fraction * 100) })}{' '}
            <button type="button" className="button" data-testid="fit-cancel" onClick={cancel}>
              {t('import.fit.cancel')}
            </button>
          </p>
        )}
        {state.kind === 'cancelled' && (
          <p className="hint" data-testid="fit-cancelled">
            {t('import.fit.cancelled')}{' '}
            <button type="button" className="button" data-testid="fit-again" onClick={() => void run([])}>
              {t('import.fit.again')}
            </button>
          </p>
        )}
        {outcome && shown && (
          <div className="fit-result" data-testid="fit-result">
            <p className="fit-verdict" data-testid="fit-verdict">
              {outcome.verdict}
            </p>
            {calibration && (
              <p className="hint" data-testid="fit-calibration">
                {t(calibration.converged ? 'import.fit.calibrated' : 'import.fit.calibratedNotConverged', {
                  factors: calibration.nodes.map((node) => t('import.fit.factor', { node, factor: calibration.factors[node]!.toFixed(3) })).join(', '),
                  measured: formatDuration(calibration.measuredMean, lang),
                })}
              </p>
            )}
            <FitTable comparison={shown} confidence={outcome.document.confidence} test={outcome.document.test} t={t} lang={lang} />
            {curves ? (
              <div className="fit-charts">
                {curveChart('throughputChart', 'fit-chart-throughput', curves.throughput, (v) => formatNumber(v, lang))}
                {curves.p95 && curveChart('p95Chart', 'fit-chart-p95', curves.p95, (v) => formatDuration(v, lang), t('import.fit.p95Note'))}
                <p className="hint" data-testid="fit-band-note">
                  {bandNote()}
                </p>
              </div>
            ) : (
              <p className="hint">{t('import.fit.noTime')}</p>
            )}
            <button type="button" className="button small" data-testid="fit-export-report" onClick={exportReport}>
              {t('import.fit.exportReport')}
            </button>
            <details>
              <summary>{t('import.fit.fullReport')}</summary>
              <pre className="import-report" data-testid="fit-report">
                {outcome.report}
              </pre>
            </details>
          </div>
        )}
        {(outcome || state.kind === 'running') && candidates.length > 0 && (
          <fieldset className="fit-calibrate" data-testid="fit-calibrate">
            <legend>{t('import.fit.calibrateLegend')}</legend>
            {candidates.map((id) => (
              <label key={id} className="check">
                <input
                  type="checkbox"
                  data-testid={`fit-calibrate-${id}`}
                  checked={calibrate.includes(id)}
                  onChange={(e) => setCalibrate((list) => (e.target.checked ? [...list, id] : list.filter((x) => x !== id)))}
                />
                {scenario.nodes.find((n) => n.id === id)?.label ?? id}
              </label>
            ))}
            <button type="button" className="button" disabled={calibrate.length === 0 || state.kind === 'running'} data-testid="fit-calibrate-run" onClick={() => void run(calibrate)}>
              {t('import.fit.calibrate')}
            </button>
          </fieldset>
        )}
      </div>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="button" className="button primary" disabled={!outcome?.calibrated} data-testid="import-apply" onClick={apply}>
          {t('import.fit.apply')}
        </button>
      </div>
    </>
  );
}
