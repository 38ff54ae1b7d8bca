/**
 * A call between nodes: solid when the caller waits (sync), dashed when it does
 * not (async), with an arrowhead, its position in the caller's call order, and
 * the rate of calls (estimated while editing, measured after a run), and its mean
 * time on the wire when the edge has a `latency`.
 */
import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type Edge as FlowEdge, type EdgeProps } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { formatDuration, formatNumber } from '../i18n/format';
import { useStores } from '../stores/context';

export interface CallEdgeData extends Record<string, unknown> {
  order: number;
  async: boolean;
  rate: number | null;
  measured: boolean;
  calls: number;
  /** Mean wire time of one call (first class), seconds; 0 without `latency`. */
  wire: number;
  issue: string | undefined;
  filtered: boolean;
  /** On a cycle of sync calls: drawn in the danger colour until the cycle is broken. */
  cycle: boolean;
}

export type CallFlowEdge = FlowEdge<CallEdgeData>;

export const CallEdge = memo(function CallEdge(p: EdgeProps<CallFlowEdge>) {
  const { t, i18n } = useTranslation();
  const [path, lx, ly] = getBezierPath({ sourceX: p.sourceX, sourceY: p.sourceY, sourcePosition: p.sourcePosition, targetX: p.targetX, targetY: p.targetY, targetPosition: p.targetPosition });
  const stores = useStores();
  const d = p.data;
  // On a short call the numbers would sit on the handles: keep the order badge, move the rest to its tooltip.
  const roomy = Math.hypot(p.targetX - p.sourceX, p.targetY - p.sourceY) > 150;
  const rateText = d && d.rate !== null && d.rate > 0 ? `${d.measured ? '' : '≈ '}${formatNumber(d.rate, i18n.language)} ${t('unit.rps')}` : null;
  const wireText = d && d.wire > 0 ? t('canvas.wire', { v: formatDuration(d.wire, i18n.language) }) : null;
  return (
    <>
      <BaseEdge
        id={p.id}
        path={path}
        markerEnd={p.markerEnd}
        className={`call-edge${d?.async ? ' async' : ''}${p.selected ? ' selected' : ''}${d?.issue ? ' invalid' : ''}${d?.cycle ? ' cycle' : ''}`}
        interactionWidth={18}
      />
      <EdgeLabelRenderer>
        <div className={`edge-label${p.selected ? ' selected' : ''}`} style={{ transform: `translate(-50%, -50%) translate(${lx}px, ${ly}px)` }} data-edge={p.id}>
          <span
            className="edge-order"
            onClick={() => stores.session.getState().select({ nodes: [], edges: [p.id] })}
            title={[t('canvas.callOrder', { n: d?.order ?? 1 }), rateText, wireText].filter(Boolean).join(' · ')}>
            {d?.order ?? 1}
          </span>
          {roomy && rateText && <span className="edge-rate">{rateText}</span>}
          {roomy && d && d.calls !== 1 && <span className="edge-calls">×{formatNumber(d.calls, i18n.language)}</span>}
          {roomy && wireText && <span className="edge-calls">{wireText}</span>}
          {roomy && d?.filtered && <span className="edge-calls">{t('canvas.someClasses')}</span>}
        </div>
      </EdgeLabelRenderer>
    </>
  );
});

export const edgeTypes = { call: CallEdge };
