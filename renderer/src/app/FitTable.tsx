/**
 * The load-test comparison as a table: per class (overall first) and figure, the
 * measured figure ± its interval, the simulated one ± its interval, and the difference
 * with ✓ or ✗, as `headroom fit` prints it. The intervals are at the fit's confidence:
 * the measured one from batch means over the test (none from a k6 summary), the
 * simulated one over the replications; each cell's title gives the interval's bounds.
 * It takes its translation function, so it renders outside the app too (its test).
 */
import type { TFunction } from 'i18next';
import type { FitComparison, FitMetric } from '../../../simulation/fit/compare';
import type { FitDocument } from '../../../simulation/fit/fit';
import { measuredIntervalNotes } from '../../../simulation/fit/report';
import type { Interval } from '../../../simulation/model/result';
import { formatDuration, formatNumber, formatPercent } from '../i18n/format';
import { fitTableRows } from '../model/importLoadTest';

export interface FitTableProps {
  comparison: FitComparison;
  confidence: number;
  test: Pick<FitDocument['test'], 'tool' | 'duration'>;
  t: TFunction;
  lang: string;
}

export function FitTable({ comparison, confidence, test, t, lang }: FitTableProps) {
  const figure = (metric: FitMetric, v: number | null) => {
    if (v === null || !Number.isFinite(v)) return '—';
    if (metric === 'throughput') return t('import.fit.perSecond', { value: formatNumber(v, lang) });
    if (metric === 'errorRate') return formatPercent(v, lang, 2);
    return formatDuration(v, lang);
  };
  const difference = (metric: FitMetric, d: number | null) => {
    if (d === null) return '—';
    if (metric === 'errorRate') return t('import.fit.points', { value: `${d >= 0 ? '+' : ''}${(d * 100).toFixed(2)}` });
    return `${d >= 0 ? '+' : ''}${formatPercent(d, lang)}`;
  };
  /** ± a half-width, a duration in its figure's unit (46.6 ms ± 0.32 ms, not ± 321 µs). */
  const half = (metric: FitMetric, h: number | null, of: number | null) => {
    if (h === null || !Number.isFinite(h)) return '—';
    if (metric === 'throughput' || metric === 'errorRate' || of === null || h === 0) return `± ${figure(metric, h)}`;
    const [scale, unit] = Math.abs(of) < 0.001 ? [1e6, 'µs'] : Math.abs(of) < 1 ? [1e3, 'ms'] : [1, 's'];
    return `± ${formatNumber(h * scale, lang)} ${unit}`;
  };
  const bounds = (metric: FitMetric, ci: Interval | null) => (ci === null ? t('import.fit.noMeasuredInterval') : `[${figure(metric, Math.max(0, ci[0]))}, ${figure(metric, ci[1])}]`);
  const level = formatPercent(confidence, lang, 0);
  const notes = measuredIntervalNotes(comparison, test).map((n) =>
    n.kind === 'batches' ? t('import.fit.intervalsBatches', { batches: n.batches, seconds: formatDuration(n.seconds, lang) }) : t(`import.fit.${n.kind === 'noBatches' ? 'intervalsNone' : 'intervalsNoClasses'}`),
  );
  return (
    <>
      <div className="table-scroll fit-table-wrap">
        <table className="points-table fit-table" data-testid="fit-table">
          <thead>
            <tr>
              <th>{t('import.fit.cls')}</th>
              <th>{t('import.fit.figure')}</th>
              <th>{t('import.fit.measured')}</th>
              <th data-testid="fit-head-measured-interval">{t('import.fit.interval', { level })}</th>
              <th>{t('import.fit.simulated')}</th>
              <th data-testid="fit-head-simulated-interval">{t('import.fit.interval', { level })}</th>
              <th>{t('import.fit.difference')}</th>
            </tr>
          </thead>
          <tbody>
            {fitTableRows(comparison).map((r, k) => (
              <tr key={k} className={r.metric === 'throughput' ? 'group-start' : undefined} data-testid={`fit-row-${r.cls ?? 'overall'}-${r.metric}`}>
                <td>{r.metric === 'throughput' ? (r.cls ?? t('import.fit.overall')) : ''}</td>
                <td>{t(`import.fit.metrics.${r.metric}`)}</td>
                <td className="num">{figure(r.metric, r.measured)}</td>
                <td className="num interval" data-testid="fit-measured-interval" title={r.measured === null ? undefined : bounds(r.metric, r.measuredCi)}>
                  {half(r.metric, r.measuredHalf, r.measured)}
                </td>
                <td className="num">{figure(r.metric, r.simulated)}</td>
                <td className="num interval" data-testid="fit-simulated-interval" title={bounds(r.metric, r.ci)}>
                  {half(r.metric, r.simulatedHalf, r.simulated)}
                </td>
                <td className={`num${r.inside === false ? ' outside' : ''}`} title={r.inside === null ? undefined : t(r.inside ? 'import.fit.inside' : 'import.fit.outside')}>
                  {difference(r.metric, r.difference)} {r.inside === null ? '' : r.inside ? '✓' : '✗'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {notes.map((note, k) => (
        <p key={k} className="hint" data-testid="fit-interval-note">
          {note}
        </p>
      ))}
      <p className="hint">
        {t('import.fit.intervalLegend', { level })} {t('import.fit.legend')}
      </p>
    </>
  );
}
