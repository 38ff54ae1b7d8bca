/**
 * Paired comparison in the dock: choose the other configuration (a pinned
 * baseline, a saved file, or a sweep point from the what-if table), run both with
 * the same seeds, and read each metric's difference with its interval — "p99
 * −18 ms ± 4 ms" — marked as significant or not, beside a table of both
 * configurations' numbers and what differs between them.
 */
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Scenario } from '../../../simulation/model/schema';
import type { CompareDocument, MetricDifference } from '../../../simulation/whatif/compare';
import { configDifferences, displayValue, varyField } from '../model/whatIf';
import { unitLabelKey } from '../model/units';
import { useRunAction } from '../actions/services';
import { UiIcon } from '../ui/UiIcon';
import { useCompare, useDocument, useStores } from '../stores/context';
import type { ComparePair } from '../stores/compareStore';
import { formatDuration, formatNumber, formatPercent, formatWhen } from '../i18n/format';
import { originLabel, pathLabel } from './whatIfText';
import { utilizationRows } from './compareRows';

type MetricKey = 'throughput' | 'p50' | 'p95' | 'p99' | 'mean' | 'errorRate';
const metricKeys: MetricKey[] = ['throughput', 'p50', 'p95', 'p99', 'mean', 'errorRate'];
/** Which way is better: more throughput, less latency and fewer errors. */
const higherIsBetter: Record<MetricKey, boolean> = { throughput: true, p50: false, p95: false, p99: false, mean: false, errorRate: false };

const minus = '−';
function signed(text: string, value: number): string {
  const bare = text.replace(/^[-−]/, '');
  return value > 0 ? `+${bare}` : value < 0 ? `${minus}${bare}` : bare;
}

function metricName(k: MetricKey, t: TFunction): string {
  return k === 'throughput' ? t('results.throughput') : k === 'errorRate' ? t('results.errorRate') : k === 'mean' ? t('results.mean') : k;
}

function formatMetric(k: MetricKey, v: number, t: TFunction, lang: string): string {
  if (k === 'throughput') return `${formatNumber(v, lang)} ${t('unit.rps')}`;
  if (k === 'errorRate') return formatPercent(v, lang, 2);
  return formatDuration(v, lang);
}

/** "−18 ms ± 4 ms" for times, "+3.1% ± 0.4%" for throughput, "+0.12 pts ± 0.05 pts" for the error rate. */
export function differenceText(k: MetricKey, m: MetricDifference, t: TFunction, lang: string): string {
  const half = (ci: [number, number]) => Math.abs(ci[1] - ci[0]) / 2;
  if (k === 'throughput') return `${signed(formatPercent(m.relative, lang, 1), m.relative)} ± ${formatPercent(half(m.relativeCi), lang, 1)}`;
  if (k === 'errorRate') return t('compare.points', { d: signed(formatNumber(m.difference * 100, lang), m.difference), h: formatNumber(half(m.differenceCi) * 100, lang) });
  return `${signed(formatDuration(Math.abs(m.difference), lang), m.difference)} ± ${formatDuration(half(m.differenceCi), lang)}`;
}

function verdictOf(k: MetricKey, m: MetricDifference): 'better' | 'worse' | 'same' {
  if (!m.significant || m.difference === 0) return 'same';
  return m.difference > 0 === higherIsBetter[k] ? 'better' : 'worse';
}

function shownValue(path: string, v: unknown, t: TFunction): string {
  if (v === undefined) return '—';
  if (typeof v === 'number') {
    const f = varyField(path);
    const key = unitLabelKey[f.unit];
    return `${displayValue(v, f)}${key ? (f.unit === 'percent' ? '%' : ` ${t(key)}`) : ''}`;
  }
  if (typeof v === 'object') {
    const text = JSON.stringify(v);
    return text.length > 48 ? `${text.slice(0, 47)}…` : text;
  }
  return String(v);
}

function Differences({ pair }: { pair: ComparePair }) {
  const { t } = useTranslation();
  const diffs = configDifferences(pair.a.scenario, pair.b.scenario);
  if (diffs.length === 0) return <p className="help">{t('compare.noDifferences')}</p>;
  const names = pair.b.scenario;
  return (
    <ul className="config-diff" data-testid="compare-diff">
      {diffs.slice(0, 10).map((d) => (
        <li key={d.path}>
          <span className="diff-field">{d.path ? pathLabel(names, d.path, t) : t('compare.settings')}</span> <span className="diff-a">{shownValue(d.path, d.a, t)}</span> → <span className="diff-b">{shownValue(d.path, d.b, t)}</span>
        </li>
      ))}
      {diffs.length > 10 && <li className="muted">{t('compare.more', { count: diffs.length - 10 })}</li>}
    </ul>
  );
}

function CompareResult({ doc, pair }: { doc: CompareDocument; pair: ComparePair }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const scenario = useDocument((s) => s.scenario);
  const la = originLabel(pair.a.origin, scenario, t, lang);
  const lb = originLabel(pair.b.origin, scenario, t, lang);
  const label = (id: string) => pair.b.scenario.nodes.find((n) => n.id === id)?.label || id;
  const nodes = utilizationRows(doc, t, lang);
  return (
    <div className="compare-result" data-testid="compare-result">
      <div className="compare-title">
        <span className="side-tag a">A</span> {la} <span className="arrow">→</span> <span className="side-tag b">B</span> {lb}
      </div>
      <div className="muted small">{t('compare.paired', { reps: doc.replications, confidence: formatPercent(doc.confidence, lang, 0) })}</div>
      <Differences pair={pair} />
      <div className="diff-cards">
        {metricKeys.map((k) => {
          const m = doc.metrics[k]!;
          const v = verdictOf(k, m);
          return (
            <div key={k} className={`diff-card ${v}`} data-testid={`diff-${k}`}>
              <div className="kpi-label">{metricName(k, t)}</div>
              <div className="diff-value">{differenceText(k, m, t, lang)}</div>
              <div className="diff-sig">{m.significant ? t(`compare.${v === 'same' ? 'significant' : v}`) : t('compare.notSignificant')}</div>
            </div>
          );
        })}
      </div>
      <table className="class-table compare-table" data-testid="compare-table">
        <thead>
          <tr>
            <th>{t('compare.metric')}</th>
            <th className="num">A</th>
            <th className="num">B</th>
            <th className="num">{t('compare.difference')}</th>
            <th>{t('compare.significance')}</th>
          </tr>
        </thead>
        <tbody>
          {metricKeys.map((k) => {
            const m = doc.metrics[k]!;
            return (
              <tr key={k}>
                <td>{metricName(k, t)}</td>
                <td className="num">{formatMetric(k, m.a, t, lang)}</td>
                <td className="num">{formatMetric(k, m.b, t, lang)}</td>
                <td className="num">{differenceText(k, m, t, lang)}</td>
                <td className={m.significant ? verdictOf(k, m) : 'muted'}>{m.significant ? '●' : '○'}</td>
              </tr>
            );
          })}
          {nodes.map((n) => (
            <tr key={n.id}>
              <td>{t('compare.utilizationOf', { node: label(n.id) })}</td>
              <td className="num">{n.a}</td>
              <td className="num">{n.b}</td>
              <td className="num">{n.difference}</td>
              <td className={n.significant ? '' : 'muted'}>{n.significant === null ? '' : n.significant ? '●' : '○'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="help">{t('compare.legend')}</p>
    </div>
  );
}

function Setup({ scenario }: { scenario: Scenario }) {
  const { t, i18n } = useTranslation();
  const run = useRunAction();
  const stores = useStores();
  const baseline = useCompare((s) => s.baseline);
  const status = useCompare((s) => s.status);
  const progress = useCompare((s) => s.progress);
  const empty = scenario.nodes.length === 0;
  return (
    <div className="compare-setup">
      <div className="setup-title">{t('compare.baseline')}</div>
      {baseline ? (
        <div className="baseline-card" data-testid="baseline">
          <UiIcon name="pin" size={14} />
          <span>{t('compare.origin.pinned', { when: formatWhen(baseline.at, i18n.language) })}</span>
          <button type="button" className="link-button small" onClick={() => stores.compare.getState().unpin()}>
            {t('compare.unpin')}
          </button>
        </div>
      ) : (
        <p className="help">{t('compare.noBaseline')}</p>
      )}
      <button type="button" className="button" disabled={empty} onClick={() => run('compare.pin')} data-testid="compare-pin">
        <UiIcon name="pin" size={14} />
        {t('action.pinBaseline')}
      </button>
      <button type="button" className="button primary" disabled={!baseline || status === 'running'} onClick={() => run('compare.baseline')} data-testid="compare-run">
        <UiIcon name="compare" size={14} />
        {t('action.compareBaseline')}
      </button>
      <button type="button" className="button" disabled={empty || status === 'running'} onClick={() => run('compare.file')} data-testid="compare-file">
        <UiIcon name="open" size={14} />
        {t('action.compareFile')}
      </button>
      <p className="help">{t('compare.pointHint')}</p>
      {status === 'running' && (
        <div className="sweep-run" role="status" aria-live="polite">
          <div className="progress-track wide" aria-hidden="true">
            <div className="progress-fill" style={{ width: `${Math.round((progress ?? 0) * 100)}%` }} />
          </div>
          <div className="sweep-run-line">
            <span className="progress-text" data-testid="compare-progress">
              {formatPercent(progress ?? 0, i18n.language, 0)}
            </span>
            <button type="button" className="button small" onClick={() => run('run.cancel')}>
              <UiIcon name="stop" size={12} />
              {t('action.cancel')}
            </button>
          </div>
        </div>
      )}
      <p className="help">{t('compare.help')}</p>
    </div>
  );
}

export function ComparePanel() {
  const { t } = useTranslation();
  const scenario = useDocument((s) => s.scenario);
  const doc = useCompare((s) => s.doc);
  const pair = useCompare((s) => s.pair);
  const stale = useCompare((s) => s.stale);
  const status = useCompare((s) => s.status);
  return (
    <div className="compare-panel" data-testid="compare-panel">
      <Setup scenario={scenario} />
      {doc && pair ? (
        <div className={stale ? 'is-stale' : ''}>
          <CompareResult doc={doc} pair={pair} />
        </div>
      ) : (
        <div className="results-empty whatif-empty">
          <p>{status === 'running' ? t('compare.running') : t('compare.empty')}</p>
        </div>
      )}
    </div>
  );
}
