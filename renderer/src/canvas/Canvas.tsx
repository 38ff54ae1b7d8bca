/**
 * The editing canvas: a controlled React Flow whose nodes and edges are derived
 * from the document store. Drags become one undo step each, connections become
 * calls, drops from the palette place nodes, and selection lives in the session
 * store. Results and estimates reach the nodes through their data.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import {
  Background,
  BackgroundVariant,
  MarkerType,
  MiniMap,
  ReactFlow,
  useStore as useFlowStore,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type ReactFlowInstance,
  type IsValidConnection,
  type AriaLabelConfig,
} from '@xyflow/react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { NodeKind } from '../../../simulation/model/schema';
import { nodeKinds } from '../../../simulation/model/schema';
import { meanCalls, wireTime } from '../../../simulation/estimate/estimate';
import { useDocument, useRuns, useSession, useStores } from '../stores/context';
import { callOrder, edgeKeys } from '../model/edgeKeys';
import { canConnect, connect, moveNodes } from '../model/operations';
import { placeNode } from '../actions/appActions';
import { useAnalysis } from '../stores/analysis';
import { useRunAction, useServices } from '../actions/services';
import { kindMime } from './dropKind';
import { UiIcon } from '../ui/UiIcon';
import { nodeTypes, type ComponentFlowNode } from './ComponentNode';
import { eventBadge } from './eventBadge';
import { edgeTypes, type CallFlowEdge } from './CallEdge';
import { kindViews } from '../kinds';
import { nodeHeight, nodeWidth } from '../diagram/geometry';
import { callRate, measuredEdgeRates } from '../model/edgeRates';

const defaultEdgeOptions = { type: 'call' };
const proOptions = { hideAttribution: true };
const marker = { type: MarkerType.ArrowClosed, width: 16, height: 16, color: '#64748b' };
const markerSelected = { type: MarkerType.ArrowClosed, width: 16, height: 16, color: '#4f46e5' };

/** React Flow's own screen-reader texts (keyboard help, live moves, handles, the minimap) in the UI language. */
function ariaLabels(t: TFunction): AriaLabelConfig {
  return {
    'node.a11yDescription.default': t('canvas.aria.nodeHelp'),
    'node.a11yDescription.keyboardDisabled': t('canvas.aria.nodeHelpKeyboard'),
    'node.a11yDescription.ariaLiveMessage': ({ direction, x, y }) => t('canvas.aria.moved', { direction: t(`canvas.aria.direction.${direction}`, { defaultValue: direction }), x, y }),
    'edge.a11yDescription.default': t('canvas.aria.edgeHelp'),
    'controls.ariaLabel': t('canvas.aria.controls'),
    'controls.zoomIn.ariaLabel': t('action.zoomIn'),
    'controls.zoomOut.ariaLabel': t('action.zoomOut'),
    'controls.fitView.ariaLabel': t('action.fit'),
    'controls.interactive.ariaLabel': t('canvas.aria.interactive'),
    'minimap.ariaLabel': t('canvas.minimap'),
    'handle.ariaLabel': t('canvas.aria.handle'),
  };
}

/** Whether some node lies (partly) outside the visible canvas. */
function overflowsView(s: { transform: [number, number, number]; width: number; height: number; nodeLookup: Map<string, { internals: { positionAbsolute: { x: number; y: number } }; measured: { width?: number; height?: number } }> }): boolean {
  const [tx, ty, zoom] = s.transform;
  for (const n of s.nodeLookup.values()) {
    const x = n.internals.positionAbsolute.x * zoom + tx;
    const y = n.internals.positionAbsolute.y * zoom + ty;
    const w = (n.measured.width ?? nodeWidth) * zoom;
    const h = (n.measured.height ?? nodeHeight) * zoom;
    if (x < 0 || y < 0 || x + w > s.width || y + h > s.height) return true;
  }
  return false;
}

/** Whether every node fitted a view of this size at the viewport the canvas has now. */
function fittedIn(flow: ReactFlowInstance<ComponentFlowNode, CallFlowEdge>, width: number, height: number): boolean {
  const { x: tx, y: ty, zoom } = flow.getViewport();
  return flow.getNodes().every((n) => {
    const x = n.position.x * zoom + tx;
    const y = n.position.y * zoom + ty;
    return x >= 0 && y >= 0 && x + (n.measured?.width ?? nodeWidth) * zoom <= width && y + (n.measured?.height ?? nodeHeight) * zoom <= height;
  });
}

/**
 * The minimap, only while the diagram does not fit the view: that is when it helps
 * to find one's way, and when it all fits it would only cover the nodes in its corner.
 */
function NavigationMap({ label }: { label: string }) {
  const needed = useFlowStore(overflowsView);
  if (!needed) return null;
  return <MiniMap style={{ width: 150, height: 96 }} pannable zoomable nodeColor={(n) => kindViews[(n.type as NodeKind) ?? 'service'].color} nodeStrokeWidth={2} maskColor="rgba(244,244,245,0.7)" ariaLabel={label} />;
}

export function Canvas({ onInit }: { onInit: (flow: ReactFlowInstance<ComponentFlowNode, CallFlowEdge>) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  // Rebuilt on a language switch (`t` alone may keep its identity).
  const ariaLabelConfig = useMemo(() => ariaLabels(t), [t, lang]);
  // React Flow names every node "node" and every edge "edge" in English; ours say what they are, in the UI language.
  const nodeRole = useMemo(() => ({ 'aria-roledescription': t('canvas.aria.node') }), [t, lang]);
  const edgeRole = useMemo(() => ({ 'aria-roledescription': t('canvas.aria.edge') }), [t, lang]);
  const stores = useStores();
  const { ctx } = useServices();
  const run = useRunAction();
  const scenario = useDocument((s) => s.scenario);
  const selection = useSession((s) => s.selection);
  const result = useRuns((s) => s.result);
  const stale = useRuns((s) => s.stale);
  const { estimate, issues, cycleEdges } = useAnalysis();
  const [measured, setMeasured] = useState<Record<string, { width: number; height: number }>>({});
  const flowRef = useRef<ReactFlowInstance<ComponentFlowNode, CallFlowEdge> | null>(null);
  const cache = useRef(new Map<string, ComponentFlowNode>());
  const dragging = useRef(false);
  const container = useRef<HTMLDivElement>(null);

  // Opening, closing or enlarging the dock resizes the canvas: a diagram that was
  // wholly in view is fitted again, so the dock never hides part of it.
  useEffect(() => {
    const el = container.current;
    if (!el) return;
    let last = { w: el.clientWidth, h: el.clientHeight };
    const ro = new ResizeObserver(() => {
      const now = { w: el.clientWidth, h: el.clientHeight };
      const flow = flowRef.current;
      if (flow && last.w > 0 && last.h > 0 && (now.w !== last.w || now.h !== last.h) && flow.getNodes().length > 0 && fittedIn(flow, last.w, last.h)) {
        requestAnimationFrame(() => void flow.fitView({ padding: 0.2, maxZoom: 1.2, duration: 120 }));
      }
      last = now;
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const nodes = useMemo(() => {
    const selected = new Set(selection.nodes);
    const next = new Map<string, ComponentFlowNode>();
    const out = scenario.nodes.map((n) => {
      const prev = cache.current.get(n.id);
      // A real problem outranks "not connected yet", which is shown softly: the user is still building.
      const messages = [...(issues.nodes.get(n.id)?.values() ?? [])];
      const hard = messages.find((m) => !issues.unconnected.has(m));
      const data = {
        node: n,
        est: estimate.nodes[n.id],
        measured: result?.nodes[n.id],
        stale,
        issue: hard ?? messages[0],
        issueSoft: hard === undefined && messages.length > 0,
        bottleneck: !stale && result?.bottleneck?.node === n.id,
        events: eventBadge(scenario.events, n.id, t, i18n.language),
      };
      const size = measured[n.id];
      const ariaLabel = `${t(`kind.${n.kind}`)}: ${n.label || n.id}`;
      const same =
        prev &&
        prev.ariaLabel === ariaLabel &&
        prev.domAttributes === nodeRole &&
        prev.data.node === n &&
        prev.selected === selected.has(n.id) &&
        prev.measured?.width === size?.width &&
        prev.data.est?.utilization === data.est?.utilization &&
        prev.data.est?.arrivalRate === data.est?.arrivalRate &&
        prev.data.est?.peakUtilization === data.est?.peakUtilization &&
        prev.data.measured === data.measured &&
        prev.data.stale === stale &&
        prev.data.issue === data.issue &&
        prev.data.issueSoft === data.issueSoft &&
        prev.data.bottleneck === data.bottleneck &&
        prev.data.events?.tooltip === data.events?.tooltip;
      const node: ComponentFlowNode = same
        ? prev
        : { id: n.id, type: n.kind, position: n.position, data, selected: selected.has(n.id), ...(size ? { measured: size } : {}), width: nodeWidth, height: nodeHeight, ariaLabel, domAttributes: nodeRole };
      next.set(n.id, node);
      return node;
    });
    cache.current = next;
    return out;
  }, [scenario.nodes, scenario.events, selection.nodes, estimate, result, stale, issues, measured, t, i18n.language, nodeRole]);

  const edges = useMemo<CallFlowEdge[]>(() => {
    const keys = edgeKeys(scenario.edges);
    const order = callOrder(scenario.edges);
    const selected = new Set(selection.edges);
    const measuredRates = measuredEdgeRates(scenario.edges, result, stale);
    const label = (id: string) => scenario.nodes.find((n) => n.id === id)?.label || id;
    return scenario.edges.map((e, i) => {
      const { rate, measured } = callRate(i, measuredRates, estimate.edges);
      const isSel = selected.has(keys[i]!);
      return {
        id: keys[i]!,
        source: e.from,
        target: e.to,
        type: 'call',
        selected: isSel,
        ariaLabel: t('canvas.aria.edgeLabel', { from: label(e.from), to: label(e.to) }),
        domAttributes: edgeRole,
        markerEnd: isSel ? markerSelected : marker,
        data: {
          order: order[i]!,
          async: (e.mode ?? 'sync') === 'async',
          rate,
          measured,
          calls: meanCalls(e),
          wire: wireTime(e, scenario.classes?.[0]?.id ?? 'default'),
          issue: issues.edges.get(i)?.values().next().value,
          filtered: Boolean(e.classes && e.classes.length),
          cycle: cycleEdges.has(i),
        },
      };
    });
  }, [scenario.edges, scenario.nodes, selection.edges, estimate, result, stale, issues, cycleEdges, t, edgeRole]);

  const onNodesChange = useCallback(
    (changes: NodeChange<ComponentFlowNode>[]) => {
      const doc = stores.document.getState();
      const session = stores.session.getState();
      const positions: Record<string, { x: number; y: number }> = {};
      let dragEnded = false;
      let dragMove = false;
      let sizes: Record<string, { width: number; height: number }> | null = null;
      let selectionChanged = false;
      const sel = new Set(session.selection.nodes);
      for (const c of changes) {
        if (c.type === 'position') {
          if (c.position) positions[c.id] = c.position;
          if (c.dragging === true) dragMove = true;
          if (c.dragging === false) dragEnded = true;
        } else if (c.type === 'dimensions' && c.dimensions) {
          sizes ??= {};
          sizes[c.id] = c.dimensions;
        } else if (c.type === 'select') {
          selectionChanged = true;
          if (c.selected) sel.add(c.id);
          else sel.delete(c.id);
        }
      }
      if (Object.keys(positions).length) {
        // A mouse drag is one gesture; an arrow-key nudge is a step of its own.
        if (dragMove && !dragging.current) {
          dragging.current = true;
          doc.beginGesture();
        }
        stores.document.getState().edit((d) => moveNodes(d, positions));
      }
      if (dragEnded && dragging.current) {
        dragging.current = false;
        stores.document.getState().endGesture();
      }
      if (sizes) {
        const s = sizes;
        setMeasured((m) => ({ ...m, ...s }));
      }
      if (selectionChanged) session.select({ nodes: [...sel] });
    },
    [stores],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<CallFlowEdge>[]) => {
      const session = stores.session.getState();
      const sel = new Set(session.selection.edges);
      let changed = false;
      for (const c of changes) {
        if (c.type === 'select') {
          changed = true;
          if (c.selected) sel.add(c.id);
          else sel.delete(c.id);
        }
      }
      if (changed) session.select({ edges: [...sel] });
    },
    [stores],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      if (!c.source || !c.target) return;
      const ok = stores.document.getState().edit((d) => {
        connect(d, c.source, c.target);
      });
      if (ok) {
        const s = stores.document.getState().scenario;
        const keys = edgeKeys(s.edges);
        const idx = s.edges.findIndex((e) => e.from === c.source && e.to === c.target);
        stores.session.getState().select({ nodes: [], edges: idx >= 0 ? [keys[idx]!] : [] });
      }
    },
    [stores],
  );

  const isValidConnection = useCallback<IsValidConnection<CallFlowEdge>>(
    (c) => Boolean(c.source && c.target && canConnect(stores.document.getState().scenario, c.source, c.target)),
    [stores],
  );

  const onDragOver = useCallback((e: DragEvent) => {
    if (e.dataTransfer.types.includes(kindMime)) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    }
  }, []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      const kind = e.dataTransfer.getData(kindMime) as NodeKind;
      if (!nodeKinds.includes(kind) || !flowRef.current) return;
      e.preventDefault();
      const flow = flowRef.current;
      const rect = container.current?.getBoundingClientRect();
      let at = { x: e.clientX, y: e.clientY };
      if (rect) {
        // A node dropped at the canvas's edge (by the inspector, over the dock) lands wholly in view, not half under the panel.
        const zoom = flow.getViewport().zoom;
        const margin = 12;
        const halfW = (nodeWidth * zoom) / 2 + margin;
        const halfH = (nodeHeight * zoom) / 2 + margin;
        const clamp = (v: number, lo: number, hi: number) => (lo > hi ? (lo + hi) / 2 : Math.min(Math.max(v, lo), hi));
        at = { x: clamp(at.x, rect.left + halfW, rect.right - halfW), y: clamp(at.y, rect.top + halfH, rect.bottom - halfH) };
      }
      const p = flow.screenToFlowPosition(at);
      placeNode(ctx, kind, { x: p.x - nodeWidth / 2, y: p.y - nodeHeight / 2 });
    },
    [ctx],
  );

  const empty = scenario.nodes.length === 0;

  return (
    <div className="canvas" ref={container} onDragOver={onDragOver} onDrop={onDrop} data-testid="canvas">
      <ReactFlow<ComponentFlowNode, CallFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        defaultEdgeOptions={defaultEdgeOptions}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        onInit={(f) => {
          flowRef.current = f;
          onInit(f);
          // Fit only what was there at start: fitting on the first node dropped would move the view under the user's hand.
          if (stores.document.getState().scenario.nodes.length) void f.fitView({ padding: 0.2, maxZoom: 1.2 });
        }}
        onMoveEnd={(_, viewport) => stores.session.getState().setViewport(viewport)}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
        snapToGrid
        snapGrid={[10, 10]}
        minZoom={0.2}
        maxZoom={2.5}
        proOptions={proOptions}
        ariaLabelConfig={ariaLabelConfig}
        connectionRadius={28}
        elevateEdgesOnSelect
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="#d4d4d8" />
        {!empty && <NavigationMap label={t('canvas.minimap')} />}
      </ReactFlow>
      {empty && (
        <div className="canvas-empty" data-testid="canvas-empty">
          <div className="canvas-empty-card">
            <div className="canvas-empty-title">{t('canvas.emptyTitle')}</div>
            <div className="canvas-empty-text">{t('canvas.emptyText')}</div>
            <button type="button" className="button" onClick={() => run('file.new')}>
              <UiIcon name="template" />
              {t('canvas.startFromTemplate')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
