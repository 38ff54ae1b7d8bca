/**
 * Canvas nodes, one memoized component per kind over a shared card: icon, name,
 * capacity summary, and a utilization bar that shows the instant estimate while
 * editing and the measured value after a run. A node offered more than it can
 * serve turns red at once.
 */
import { memo } from 'react';
import { Handle, Position, useConnection, type Node, type NodeProps } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import type { NodeKind, ScenarioNode } from '../../../simulation/model/schema';
import type { NodeEstimate } from '../../../simulation/estimate/estimate';
import type { NodeResult } from '../../../simulation/model/result';
import { formatNumber } from '../i18n/format';
import { nodeBadge } from '../diagram/nodeBadge';
import { KindIcon } from '../diagram/icons/KindIcon';
import { nodeHeight, nodeWidth } from '../diagram/geometry';
import { kindViews, nodeSummary } from '../kinds';
import { kindNamed } from '../../../simulation/model/kinds';
import type { EventBadge } from './eventBadge';
import { toFillText } from '../model/toFill';

export interface ComponentNodeData extends Record<string, unknown> {
  node: ScenarioNode;
  est: NodeEstimate | undefined;
  measured: NodeResult | undefined;
  stale: boolean;
  issue: string | undefined;
  /** The issue only says the node is not connected yet. */
  issueSoft: boolean;
  bottleneck: boolean;
  /** The timeline events on this node, or null when it has none. */
  events: EventBadge | null;
}

export type ComponentFlowNode = Node<ComponentNodeData>;

export function utilizationLevel(u: number | null | undefined): 'none' | 'ok' | 'warm' | 'hot' | 'over' {
  if (u === null || u === undefined) return 'none';
  if (u >= 1) return 'over';
  if (u >= 0.85) return 'hot';
  if (u >= 0.6) return 'warm';
  return 'ok';
}

function NodeCard({ data, selected, kind }: NodeProps<ComponentFlowNode> & { kind: NodeKind }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { node, est, measured, stale, issue, issueSoft, bottleneck, events } = data;
  const showMeasured = measured && !stale;
  const badge = nodeBadge(kind, showMeasured ? measured : undefined, est, t, lang);
  const u = badge.shown?.share ?? null;
  const level = utilizationLevel(u);
  const overloaded = badge.overloaded;
  const rate = showMeasured ? measured.throughput : (est?.arrivalRate ?? 0);
  const peakOver = !showMeasured && !overloaded && (est?.peakUtilization ?? 0) >= 1;
  const color = kindViews[kind].color;
  // A source is called by nobody: no input handles, and its foot shows the load it offers.
  const source = kindNamed(kind).source;
  // While a call is being drawn from another node, this whole card accepts it, not only its 8 px handle.
  const dropTarget = useConnection((c) => c.inProgress && c.fromNode.id !== node.id);
  return (
    <div
      className={`flow-node level-${level}${selected ? ' selected' : ''}${overloaded ? ' overloaded' : ''}${showMeasured ? ' measured' : ''}${bottleneck ? ' bottleneck' : ''}`}
      style={{ width: nodeWidth, height: nodeHeight }}
      data-node-id={node.id}
      data-kind={kind}
      data-level={level}
    >
      {!source && <Handle type="target" position={Position.Left} className="handle handle-in" />}
      <div className="flow-node-head">
        <span className="kind-badge" style={{ color, background: `${color}1a` }}>
          <KindIcon kind={kind} />
        </span>
        <span className="flow-node-titles">
          <span className="flow-node-label">{node.label || node.id}</span>
          <span className="flow-node-summary">{nodeSummary(node, t, lang)}</span>
        </span>
        {events && (
          <span className="node-events" title={events.tooltip} aria-label={events.tooltip} data-testid="node-events">
            <svg viewBox="0 0 16 16" width="11" height="11" aria-hidden="true">
              <path d="M9.5 1 3 9h4l-1 6 6.5-8h-4z" fill="currentColor" />
            </svg>
            {events.count}
          </span>
        )}
        {node.toFill && node.toFill.length > 0 && (
          <span className="node-to-fill" title={t('canvas.toFill', { fields: toFillText(node.toFill, t) })} aria-label={t('canvas.toFill', { fields: toFillText(node.toFill, t) })} data-testid="node-to-fill">
            ?
          </span>
        )}
        {issue && (
          <span className={`node-issue${issueSoft ? ' soft' : ''}`} title={issue} aria-label={issue}>
            {issueSoft ? '+' : '!'}
          </span>
        )}
      </div>
      <div className="flow-node-foot">
        {source ? (
          <span className="flow-node-metric">
            {est && est.arrivalRate > 0 ? `${showMeasured ? '' : '≈ '}${formatNumber(rate, lang)} ${t('unit.rps')}` : ''}
          </span>
        ) : (
          <>
            <span className="util-track" aria-hidden="true">
              <span className="util-fill" style={{ width: `${Math.min(100, Math.round((u ?? 0) * 100))}%` }} />
            </span>
            <span className="flow-node-metric" data-testid="node-util">
              {badge.text}
              {peakOver ? ` · ${t('canvas.peakOver')}` : ''}
            </span>
          </>
        )}
      </div>
      <Handle type="source" position={Position.Right} className="handle handle-out" />
      {!source && <Handle type="target" id="body" position={Position.Left} isConnectableStart={false} className={`handle-body${dropTarget ? ' active' : ''}`} data-testid="node-drop-target" />}
    </div>
  );
}

const make = (kind: NodeKind) => {
  const C = memo((p: NodeProps<ComponentFlowNode>) => <NodeCard {...p} kind={kind} />);
  C.displayName = `${kind}Node`;
  return C;
};

/** One component per kind in the registry; module-level so React Flow never sees a new object. */
export const nodeTypes = Object.fromEntries(Object.keys(kindViews).map((kind) => [kind, make(kind as NodeKind)])) as Record<NodeKind, ReturnType<typeof make>>;
