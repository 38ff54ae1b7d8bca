/**
 * Shared hosts in the results (the result's `hosts`, issue 10 §5): each host's CPUs busy,
 * with the interval over replications, and each node's part of it. Shown only when the
 * scenario has hosts.
 */
import { useTranslation } from 'react-i18next';
import type { ResultDocument } from '../../../simulation/model/result';
import type { Scenario } from '../../../simulation/model/schema';
import { formatNumber, formatPercent } from '../i18n/format';

export function HostTable({ result, scenario }: { result: ResultDocument; scenario: Scenario }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const hosts = Object.entries(result.hosts ?? {});
  if (hosts.length === 0) return null;
  const label = (id: string) => scenario.nodes.find((n) => n.id === id)?.label || id;
  return (
    <div data-testid="host-results">
      <div className="chart-title">{t('hosts.resultsTitle')}</div>
      <div className="table-scroll">
      <table className="class-table node-table">
        <thead>
          <tr>
            <th>{t('hosts.host')}</th>
            <th>{t('hosts.cpus')}</th>
            <th>{t('hosts.replicas')}</th>
            <th>{t('hosts.busy')}</th>
            <th>{t('hosts.parts')}</th>
          </tr>
        </thead>
        <tbody>
          {hosts.map(([id, h]) => {
            const half = (h.utilizationCi[1] - h.utilizationCi[0]) / 2;
            return (
              <tr key={id} data-testid={`host-result-${id}`}>
                <td>{id}</td>
                <td>{formatNumber(h.cpus, lang)}</td>
                <td>{formatNumber(h.replicas, lang)}</td>
                <td>
                  {formatPercent(h.utilization, lang, 1)}
                  {half > 0 && <span className="muted"> ± {formatPercent(half, lang, 1)}</span>}
                </td>
                <td>
                  {Object.entries(h.nodes)
                    .map(([node, share]) => `${label(node)} ${formatPercent(share, lang, 1)}`)
                    .join(lang.startsWith('zh') ? '，' : ', ')}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      </div>
      <p className="help">{t('hosts.resultsNote')}</p>
    </div>
  );
}
