/** The right-hand panel: shows the selected node, the selected call, or the scenario. */
import { useTranslation } from 'react-i18next';
import { useDocument, useSession } from '../stores/context';
import { edgeKeys } from '../model/edgeKeys';
import { NodeInspector } from './NodeInspector';
import { EdgeInspector } from './EdgeInspector';
import { ScenarioInspector } from './ScenarioInspector';

export function Inspector() {
  const { t } = useTranslation();
  const scenario = useDocument((s) => s.scenario);
  const selection = useSession((s) => s.selection);
  const count = selection.nodes.length + selection.edges.length;
  let body;
  if (count === 1 && selection.nodes.length === 1) {
    const node = scenario.nodes.find((n) => n.id === selection.nodes[0]);
    body = node ? <NodeInspector key={node.id} node={node} scenario={scenario} /> : null;
  } else if (count === 1) {
    const index = edgeKeys(scenario.edges).indexOf(selection.edges[0]!);
    const edge = scenario.edges[index];
    body = edge ? <EdgeInspector key={selection.edges[0]} edge={edge} index={index} scenario={scenario} /> : null;
  } else if (count > 1) {
    body = (
      <div className="inspector-body">
        <p className="muted pad">{t('inspector.multi', { count })}</p>
      </div>
    );
  }
  return (
    <aside className="inspector" aria-label={t('inspector.title')}>
      <div className="panel-heading">{count === 0 ? t('scenario.title') : t('inspector.title')}</div>
      <div className="inspector-scroll">{body ?? <ScenarioInspector scenario={scenario} />}</div>
    </aside>
  );
}
