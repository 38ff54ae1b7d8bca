/** The bottom line: model size, validation problems, the estimated bottleneck and the run state. */
import { useTranslation } from 'react-i18next';
import { useDocument, useRuns, useSession, useStores } from '../stores/context';
import { formatPercent } from '../i18n/format';
import { useAnalysis } from '../stores/analysis';

export function StatusBar() {
  const { t, i18n } = useTranslation();
  const stores = useStores();
  const scenario = useDocument((s) => s.scenario);
  const status = useRuns((s) => s.status);
  const zoom = useSession((s) => s.viewport.zoom);
  const { issues, estimate } = useAnalysis();
  const label = (id: string) => scenario.nodes.find((n) => n.id === id)?.label ?? id;
  const count = issues.all.length;
  const first = issues.all[0];
  return (
    <footer className="statusbar">
      <span>{t('status.size', { nodes: scenario.nodes.length, edges: scenario.edges.length })}</span>
      {scenario.nodes.length === 0 ? (
        <span>{t('status.empty')}</span>
      ) : count > 0 ? (
        <button
          type="button"
          className={`status-issues${issues.all.every((i) => i.unconnected) ? ' soft' : ''}`}
          title={first ? `${first.path}: ${first.message}` : ''}
          data-testid="status-issues"
          onClick={() => {
            const m = first && /^nodes\[(\d+)\]/.exec(first.path);
            const node = m ? scenario.nodes[Number(m[1])] : undefined;
            if (node) stores.session.getState().select({ nodes: [node.id], edges: [] });
            else stores.session.getState().clearSelection();
          }}
        >
          ⚠ {t('status.issues', { count })}
        </button>
      ) : (
        <span className="status-ok">{t('status.valid')}</span>
      )}
      {estimate.bottleneck && (
        <span className={estimate.bottleneck.utilization >= 1 ? 'status-over' : ''}>
          {t('status.estimate', { node: label(estimate.bottleneck.node), v: formatPercent(estimate.bottleneck.utilization, i18n.language, 0) })}
        </span>
      )}
      <span className="toolbar-spacer" />
      <span title={t('action.fit')}>{formatPercent(zoom, i18n.language, 0)}</span>
      <span>{t(`status.run.${status}`)}</span>
    </footer>
  );
}
