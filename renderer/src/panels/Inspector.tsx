/**
 * The right-hand panel: shows the selected node, the selected call, or the scenario.
 * A node or call can also be seen (and edited) as its JSON, which the choice keeps
 * while the selection moves on.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocument, useSession } from '../stores/context';
import { edgeKeys } from '../model/edgeKeys';
import { NodeInspector } from './NodeInspector';
import { EdgeInspector } from './EdgeInspector';
import { ScenarioInspector } from './ScenarioInspector';
import { JsonView } from './JsonView';

export function Inspector() {
  const { t } = useTranslation();
  const scenario = useDocument((s) => s.scenario);
  const selection = useSession((s) => s.selection);
  const [view, setView] = useState<'fields' | 'json'>('fields');
  const count = selection.nodes.length + selection.edges.length;
  let body;
  if (count === 1 && selection.nodes.length === 1) {
    const node = scenario.nodes.find((n) => n.id === selection.nodes[0]);
    if (node) body = view === 'json' ? <JsonView key={`node:${node.id}`} target={{ kind: 'node', node }} scenario={scenario} /> : <NodeInspector key={node.id} node={node} scenario={scenario} />;
  } else if (count === 1) {
    const index = edgeKeys(scenario.edges).indexOf(selection.edges[0]!);
    const edge = scenario.edges[index];
    if (edge) body = view === 'json' ? <JsonView key={`edge:${index}`} target={{ kind: 'edge', edge, index }} scenario={scenario} /> : <EdgeInspector key={selection.edges[0]} edge={edge} index={index} scenario={scenario} />;
  } else if (count > 1) {
    body = (
      <div className="inspector-body">
        <p className="muted pad">{t('inspector.multi', { count })}</p>
      </div>
    );
  }
  return (
    <aside className="inspector" aria-label={t('inspector.title')}>
      <div className="panel-heading inspector-heading">
        <span>{count === 0 ? t('scenario.title') : t('inspector.title')}</span>
        {body && count === 1 && (
          <div className="segmented" role="group" aria-label={t('jsonView.viewAs')}>
            {(['fields', 'json'] as const).map((v) => (
              <button key={v} type="button" aria-pressed={view === v} className={view === v ? 'active' : undefined} onClick={() => setView(v)} data-testid={`inspector-view-${v}`}>
                {t(`jsonView.${v}`)}
              </button>
            ))}
          </div>
        )}
      </div>
      <div className="inspector-scroll">{body ?? <ScenarioInspector scenario={scenario} />}</div>
    </aside>
  );
}
