/**
 * When the async work ends (issue 11 §4): completion percentiles of all requests, of each
 * source and class when there are several, and of each queue consumer path that carried
 * requests, with the requests still unfinished at the end. Shown only when the model has
 * async work; without it completion is the latency above.
 */
import { useTranslation } from 'react-i18next';
import type { CompletionFigures, ResultDocument } from '../../../simulation/model/result';
import type { Scenario } from '../../../simulation/model/schema';
import { formatDuration, formatNumber, formatPercent } from '../i18n/format';

type Key = 'mean' | 'p50' | 'p95' | 'p99';

export function CompletionTable({ result, scenario }: { result: ResultDocument; scenario: Scenario }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const c = result.summary.completion;
  if (!c) return null;
  const label = (id: string) => scenario.nodes.find((n) => n.id === id)?.label ?? id;
  const rows: [string, CompletionFigures][] = [[t('results.completionAll'), c]];
  const sources = Object.entries(c.sources);
  if (sources.length > 1) for (const [id, f] of sources) rows.push([label(id), f]);
  const classes = Object.entries(result.classes).filter(([, k]) => k.completion !== undefined);
  if (classes.length > 1) for (const [id, k] of classes) rows.push([scenario.classes?.find((x) => x.id === id)?.label ?? id, k.completion!]);
  for (const p of c.paths) if (p.rate > 0) rows.push([p.path.map(label).join(' → '), p]);
  const slo = result.summary.slo;
  const cell = (f: CompletionFigures, key: Key, first: boolean) => {
    const check = first ? slo[`completion.${key}`] : undefined;
    return (
      <td>
        {f.lowerBound.includes(key) ? '≥ ' : ''}
        {formatDuration(f[key], lang)}
        {check && <span className={check.met ? 'ok' : 'bad'}> {check.met ? '✓' : '✗'}</span>}
      </td>
    );
  };
  const lowerBound = rows.some(([, f]) => f.lowerBound.length > 0);
  return (
    <div data-testid="completion-results">
      <div className="chart-title">{t('results.completionTitle')}</div>
      <table className="class-table">
        <thead>
          <tr>
            <th>{t('results.completionOf')}</th>
            <th>{t('results.completionMean')}</th>
            <th>p50</th>
            <th>p95</th>
            <th>p99</th>
            <th>{t('results.unfinished')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([name, f], i) => (
            <tr key={`${i}-${name}`}>
              <td>{name}</td>
              {cell(f, 'mean', i === 0)}
              {cell(f, 'p50', i === 0)}
              {cell(f, 'p95', i === 0)}
              {cell(f, 'p99', i === 0)}
              <td>
                {formatNumber(f.unfinished, lang)} ({formatPercent(f.unfinishedShare, lang, 2)})
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="muted small">{t(lowerBound ? 'results.completionNoteLowerBound' : 'results.completionNote')}</div>
    </div>
  );
}
