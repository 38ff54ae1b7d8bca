/**
 * Per node, the figures the command line's summary and the HTML report list:
 * throughput, waiting time, response time, queue length and the share rejected,
 * in the order the file lists the nodes.
 */
import { useTranslation } from 'react-i18next';
import type { ResultDocument } from '../../../simulation/model/result';
import type { Scenario } from '../../../simulation/model/schema';
import { formatDuration, formatNumber, formatPercent } from '../i18n/format';

export function NodeTable({ result, scenario }: { result: ResultDocument; scenario: Scenario }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const listed = scenario.nodes.map((n) => n.id).filter((id) => result.nodes[id]);
  // A node the result has but the (since edited) model no longer lists still belongs to this run.
  const ids = [...listed, ...Object.keys(result.nodes).filter((id) => !listed.includes(id))];
  const label = (id: string) => scenario.nodes.find((n) => n.id === id)?.label || id;
  return (
    <div className="table-scroll">
      <table className="class-table node-table" data-testid="node-table">
        <thead>
          <tr>
            <th scope="col">{t('nodeTable.node')}</th>
            <th scope="col">{t('nodeTable.throughput')}</th>
            <th scope="col">{t('nodeTable.wait')}</th>
            <th scope="col">{t('nodeTable.response')}</th>
            <th scope="col">{t('nodeTable.queue')}</th>
            <th scope="col">{t('nodeTable.rejected')}</th>
          </tr>
        </thead>
        <tbody>
          {ids.map((id) => {
            const n = result.nodes[id]!;
            return (
              <tr key={id} data-node={id}>
                <th scope="row">{label(id)}</th>
                <td>
                  {formatNumber(n.throughput, lang)} {t('unit.rps')}
                </td>
                <td>{formatDuration(n.waitTime, lang)}</td>
                <td>{formatDuration(n.responseTime, lang)}</td>
                <td>{formatNumber(n.queueLength, lang, 2)}</td>
                <td className={n.rejected > 0.01 ? 'status-over' : ''}>{formatPercent(n.rejected, lang, 2)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
