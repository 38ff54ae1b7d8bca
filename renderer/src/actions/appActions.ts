/**
 * Every command of the app, registered once. Edits go through the document
 * store so each is one undo step; file commands go through the bridge; the run
 * commands go through the simulation client.
 */
import type { NodeKind } from '../../../simulation/model/schema';
import { estimate } from '../../../simulation/estimate/estimate';
import { runRefusal } from '../../../simulation/estimate/runBudget';
import { renderFinding, sentenceContext } from '../../../simulation/findings/render';
import { memoryForRuns, poolSize } from '../sim/simClient';
import { normalizeLanguage } from '../i18n';
import { renderReport } from '../../../simulation/report/html';
import { addNode, copyItems, deleteItems, moveNodes, pasteItems } from '../model/operations';
import { edgeKeys } from '../model/edgeKeys';
import { callRate, measuredEdgeRates } from '../model/edgeRates';
import { layeredLayout } from '../model/layout';
import { newNode } from '../kinds';
import { validateScenario } from '../model/validation';
import { diagramSvg, svgToPng } from '../diagram/exportDiagram';
import { nodeBadge } from '../diagram/nodeBadge';
import { formatNumber } from '../i18n/format';
import { reportHtml } from '../report/reportHtml';
import { ActionRegistry, type Action, type ActionContext } from './registry';
import { guardDirty, openDocument, saveDocument } from './fileOps';
import { beginJob, cancelJob, endJob, isAbort, failureText } from './jobs';
import { exportBase, reportLanguage, whatIfActions } from './whatIfActions';
import { metaActions } from './metaActions';

function selectionOf(ctx: ActionContext) {
  return ctx.stores.session.getState().selection;
}

function hasSelection(ctx: ActionContext): boolean {
  const s = selectionOf(ctx);
  return s.nodes.length > 0 || s.edges.length > 0;
}

/** Adds a node of `kind` at `position` (canvas coordinates), or beside the last one. */
export function placeNode(ctx: ActionContext, kind: NodeKind, position?: { x: number; y: number }): string {
  const doc = ctx.stores.document.getState();
  const taken = new Set(doc.scenario.nodes.map((n) => n.id));
  let at = position;
  if (!at) {
    // Click-to-add: right of the rightmost node, or the middle of the view.
    const last = doc.scenario.nodes[doc.scenario.nodes.length - 1];
    const flow = ctx.flow();
    const center = flow?.screenToFlowPosition({ x: window.innerWidth / 2, y: window.innerHeight / 2.5 }) ?? { x: 0, y: 0 };
    at = last ? { x: last.position.x + 260, y: last.position.y } : center;
  }
  const node = newNode(kind, at, taken, ctx.t(`kind.${kind}`));
  doc.edit((d) => addNode(d, node));
  ctx.stores.session.getState().select({ nodes: [node.id], edges: [] });
  return node.id;
}

function diagramFor(ctx: ActionContext): string {
  const { scenario } = ctx.stores.document.getState();
  const runs = ctx.stores.runs.getState();
  const est = estimate(scenario);
  const lang = ctx.language();
  const result = runs.result && !runs.stale ? runs.result : null;
  const measuredRates = measuredEdgeRates(scenario.edges, runs.result, runs.stale);
  const kindOf = (id: string) => scenario.nodes.find((n) => n.id === id)?.kind ?? 'service';
  const badgeOf = (id: string) => nodeBadge(kindOf(id), result?.nodes[id], est.nodes[id], ctx.t, lang);
  return diagramSvg(scenario, {
    kindLabel: (k) => ctx.t(`kind.${k}`),
    caption: (id) => {
      const measured = result?.nodes[id];
      const e = est.nodes[id];
      if (!measured && !e) return null;
      const badge = badgeOf(id);
      const rate = measured ? measured.throughput : e!.arrivalRate;
      // An unlimited node's estimate badge is its rate already.
      return !measured && badge.shown?.share === null ? badge.text : `${badge.text} · ${formatNumber(rate, lang)} ${ctx.t('unit.rps')}`;
    },
    tint: (id) => {
      const u = badgeOf(id).shown?.share;
      return u === null || u === undefined ? null : u >= 1 ? '#dc2626' : u >= 0.8 ? '#d97706' : null;
    },
    edgeLabel: (i) => `${formatNumber(callRate(i, measuredRates, est.edges).rate, lang)} ${ctx.t('unit.rps')}`,
  });
}

export const actionList: Action[] = [
  {
    id: 'file.new',
    labelKey: 'action.new',
    shortcuts: ['Mod+N'],
    menu: 'file:new',
    inInputs: true,
    perform: (ctx) => guardDirty(ctx, () => ctx.stores.session.getState().openDialog({ kind: 'templates' })),
  },
  { id: 'file.open', labelKey: 'action.open', shortcuts: ['Mod+O'], menu: 'file:open', inInputs: true, perform: (ctx) => openDocument(ctx) },
  { id: 'file.import', labelKey: 'action.import', menu: 'file:import', perform: (ctx) => ctx.stores.session.getState().openDialog({ kind: 'import' }) },
  {
    id: 'file.save',
    labelKey: 'action.save',
    shortcuts: ['Mod+S'],
    menu: 'file:save',
    inInputs: true,
    perform: async (ctx) => {
      await saveDocument(ctx, false);
    },
  },
  {
    id: 'file.saveAs',
    labelKey: 'action.saveAs',
    shortcuts: ['Mod+Shift+S'],
    menu: 'file:saveAs',
    inInputs: true,
    perform: async (ctx) => {
      await saveDocument(ctx, true);
    },
  },
  {
    id: 'edit.undo',
    labelKey: 'action.undo',
    shortcuts: ['Mod+Z'],
    menu: 'edit:undo',
    // In a field too: the field's typing is one step of the app's history, not the browser's text undo.
    inInputs: true,
    enabled: (ctx) => ctx.stores.document.getState().past.length > 0,
    perform: (ctx) => {
      historyStepFromField(() => ctx.stores.document.getState().undo());
      pruneSelection(ctx);
    },
  },
  {
    id: 'edit.redo',
    labelKey: 'action.redo',
    shortcuts: ['Mod+Shift+Z', 'Mod+Y'],
    menu: 'edit:redo',
    inInputs: true,
    enabled: (ctx) => ctx.stores.document.getState().future.length > 0,
    perform: (ctx) => {
      historyStepFromField(() => ctx.stores.document.getState().redo());
      pruneSelection(ctx);
    },
  },
  {
    id: 'edit.copy',
    labelKey: 'action.copy',
    shortcuts: ['Mod+C'],
    menu: 'edit:copy',
    enabled: (ctx) => selectionOf(ctx).nodes.length > 0,
    perform: (ctx) => {
      ctx.stores.session.getState().setClipboard(copyItems(ctx.stores.document.getState().scenario, selectionOf(ctx).nodes));
    },
  },
  {
    id: 'edit.cut',
    labelKey: 'action.cut',
    shortcuts: ['Mod+X'],
    menu: 'edit:cut',
    enabled: (ctx) => selectionOf(ctx).nodes.length > 0,
    perform: (ctx) => {
      const sel = selectionOf(ctx);
      ctx.stores.session.getState().setClipboard(copyItems(ctx.stores.document.getState().scenario, sel.nodes));
      ctx.stores.document.getState().edit((d) => deleteItems(d, sel.nodes, sel.edges));
      ctx.stores.session.getState().clearSelection();
    },
  },
  {
    id: 'edit.paste',
    labelKey: 'action.paste',
    shortcuts: ['Mod+V'],
    menu: 'edit:paste',
    enabled: (ctx) => (ctx.stores.session.getState().clipboard?.nodes.length ?? 0) > 0,
    perform: (ctx) => {
      const session = ctx.stores.session.getState();
      const clip = session.clipboard;
      if (!clip) return;
      const n = session.bumpPaste();
      let ids: string[] = [];
      ctx.stores.document.getState().edit((d) => {
        ids = pasteItems(d, clip, { x: 40 * n, y: 40 * n });
      });
      session.select({ nodes: ids, edges: [] });
    },
  },
  {
    id: 'edit.delete',
    labelKey: 'action.delete',
    shortcuts: ['Delete', 'Backspace'],
    menu: 'edit:delete',
    // The Electron menu shows Delete without capturing it, so typing in a field keeps its own Delete.
    keysInElectron: ['Delete', 'Backspace'],
    enabled: hasSelection,
    perform: (ctx) => {
      const sel = selectionOf(ctx);
      ctx.stores.document.getState().edit((d) => deleteItems(d, sel.nodes, sel.edges));
      ctx.stores.session.getState().clearSelection();
    },
  },
  {
    id: 'edit.selectAll',
    labelKey: 'action.selectAll',
    shortcuts: ['Mod+A'],
    menu: 'edit:selectAll',
    perform: (ctx) => {
      const s = ctx.stores.document.getState().scenario;
      ctx.stores.session.getState().select({ nodes: s.nodes.map((n) => n.id), edges: edgeKeys(s.edges) });
    },
  },
  {
    id: 'run.start',
    labelKey: 'action.run',
    shortcuts: ['Mod+Enter', 'F5'],
    menu: 'run:start',
    inInputs: true,
    enabled: (ctx) => ctx.stores.runs.getState().status !== 'running' && ctx.stores.document.getState().scenario.nodes.length > 0,
    perform: (ctx) => startRun(ctx),
  },
  {
    id: 'run.cancel',
    labelKey: 'action.cancel',
    shortcuts: ['Escape'],
    menu: 'run:cancel',
    // The menu's Cancel has its own accelerators; Escape is the renderer's.
    keysInElectron: ['Escape'],
    inInputs: true,
    enabled: (ctx) => [ctx.stores.runs, ctx.stores.whatIf, ctx.stores.compare, ctx.stores.meta].some((s) => s.getState().status === 'running'),
    perform: (ctx) => {
      for (const store of [ctx.stores.runs, ctx.stores.whatIf, ctx.stores.compare, ctx.stores.meta]) cancelJob(store);
    },
  },
  { id: 'view.zoomIn', labelKey: 'action.zoomIn', shortcuts: ['Mod+='], menu: 'view:zoomIn', perform: (ctx) => void ctx.flow()?.zoomIn({ duration: 150 }) },
  { id: 'view.zoomOut', labelKey: 'action.zoomOut', shortcuts: ['Mod+-'], menu: 'view:zoomOut', perform: (ctx) => void ctx.flow()?.zoomOut({ duration: 150 }) },
  // Shift+1 is the canvas's own key; the menu's Fit has a different accelerator.
  { id: 'view.fit', labelKey: 'action.fit', shortcuts: ['Shift+1'], menu: 'view:fit', keysInElectron: ['Shift+1'], perform: (ctx) => void ctx.flow()?.fitView({ padding: 0.2, duration: 200 }) },
  {
    id: 'view.autoLayout',
    labelKey: 'action.autoLayout',
    shortcuts: ['Shift+L'],
    enabled: (ctx) => ctx.stores.document.getState().scenario.nodes.length > 0,
    perform: (ctx) => {
      const doc = ctx.stores.document.getState();
      const positions = layeredLayout(doc.scenario);
      doc.edit((d) => moveNodes(d, positions));
      requestAnimationFrame(() => ctx.flow()?.fitView({ padding: 0.2, duration: 250 }));
    },
  },
  {
    id: 'export.svg',
    labelKey: 'action.exportSvg',
    enabled: (ctx) => ctx.stores.document.getState().scenario.nodes.length > 0,
    perform: async (ctx) => {
      await ctx.bridge.exportFile({ suggestedName: `${exportBase(ctx)}.svg`, mime: 'image/svg+xml', data: diagramFor(ctx) });
    },
  },
  {
    id: 'export.png',
    labelKey: 'action.exportPng',
    enabled: (ctx) => ctx.stores.document.getState().scenario.nodes.length > 0,
    perform: async (ctx) => {
      const png = await svgToPng(diagramFor(ctx));
      await ctx.bridge.exportFile({ suggestedName: `${exportBase(ctx)}.png`, mime: 'image/png', data: png });
    },
  },
  {
    id: 'export.reportHtml',
    labelKey: 'action.exportReportHtml',
    enabled: (ctx) => ctx.stores.runs.getState().result !== null,
    perform: async (ctx) => {
      const html = runReport(ctx);
      if (html) await ctx.bridge.exportFile({ suggestedName: `${exportBase(ctx)}-report.html`, mime: 'text/html', data: html });
    },
  },
  {
    // The same document `headroom run --json` writes, so a run in the app can be diffed against the CLI's or kept beside the scenario.
    id: 'export.resultJson',
    labelKey: 'action.exportResultJson',
    enabled: (ctx) => ctx.stores.runs.getState().result !== null,
    perform: async (ctx) => {
      const { result } = ctx.stores.runs.getState();
      if (result) await ctx.bridge.exportFile({ suggestedName: `${exportBase(ctx)}-result.json`, mime: 'application/json', data: `${JSON.stringify(result, null, 2)}\n` });
    },
  },
  {
    id: 'export.pdf',
    labelKey: 'action.exportPdf',
    shortcuts: ['Mod+P'],
    inInputs: true,
    perform: async (ctx) => {
      // Without a run there is no report to print; the model's own summary stands in.
      const { scenario } = ctx.stores.document.getState();
      const html = runReport(ctx) ?? reportHtml({ scenario, diagram: diagramFor(ctx), t: ctx.t, lang: ctx.language() });
      await ctx.bridge.exportPdf(html, `${exportBase(ctx)}-report.pdf`);
    },
  },
  ...whatIfActions,
  ...metaActions,
  {
    id: 'view.language',
    labelKey: 'action.language',
    shortcuts: ['Mod+Shift+L'],
    inInputs: true,
    perform: (ctx) => ctx.changeLanguage(ctx.language() === 'zh-CN' ? 'en' : 'zh-CN'),
  },
  {
    id: 'help.shortcuts',
    labelKey: 'action.shortcuts',
    shortcuts: ['Shift+?', '?'],
    perform: (ctx) => ctx.stores.session.getState().openDialog({ kind: 'shortcuts' }),
  },
];

/** The run report of the last result, describing the model it was computed for. */
function runReport(ctx: ActionContext): string | null {
  const runs = ctx.stores.runs.getState();
  if (!runs.result) return null;
  return renderReport(runs.resultScenario ?? ctx.stores.document.getState().scenario, runs.result, reportLanguage(ctx));
}

/**
 * Undo or redo while a field has the focus: leaving it first closes its typing session
 * (one step) and lets it show the value the history step restores; the focus then returns.
 */
function historyStepFromField(step: () => void): void {
  const el = typeof document === 'undefined' ? null : document.activeElement;
  const field = el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement ? el : null;
  field?.blur();
  step();
  if (field) requestAnimationFrame(() => field.isConnected && field.focus());
}

/** Drops selected items that an undo or redo removed. */
function pruneSelection(ctx: ActionContext): void {
  const s = ctx.stores.document.getState().scenario;
  const ids = new Set(s.nodes.map((n) => n.id));
  const keys = new Set(edgeKeys(s.edges));
  const sel = selectionOf(ctx);
  const nodes = sel.nodes.filter((n) => ids.has(n));
  const edges = sel.edges.filter((e) => keys.has(e));
  if (nodes.length !== sel.nodes.length || edges.length !== sel.edges.length) ctx.stores.session.getState().select({ nodes, edges });
}

async function startRun(ctx: ActionContext): Promise<void> {
  const { scenario } = ctx.stores.document.getState();
  const runs = ctx.stores.runs.getState();
  const session = ctx.stores.session.getState();
  const issues = validateScenario(scenario, normalizeLanguage(ctx.language()));
  if (issues.all.length > 0) {
    const first = issues.all[0]!;
    session.notify('error', ctx.t('run.invalid', { count: issues.all.length }), `${first.path}: ${first.message}`);
    return;
  }
  // The same refusal as the command line's, before any worker starts.
  const refusal = runRefusal(scenario, memoryForRuns(), poolSize(navigator.hardwareConcurrency));
  if (refusal) {
    const labels = Object.fromEntries(scenario.nodes.map((n) => [n.id, n.label || n.id]));
    session.notify('error', ctx.t('run.refused'), renderFinding(refusal, sentenceContext(normalizeLanguage(ctx.language()), labels)));
    return;
  }
  const controller = beginJob(ctx.stores.runs);
  runs.start(scenario);
  session.showDock('results');
  try {
    const result = await ctx.sim.run(scenario, { signal: controller.signal, onProgress: (p) => ctx.stores.runs.getState().progressed(p) });
    ctx.stores.runs.getState().finished(result);
  } catch (e) {
    if (isAbort(e)) {
      ctx.stores.runs.getState().cancelled();
      session.notify('info', ctx.t('run.cancelled'));
    } else {
      const message = failureText(e, ctx.t);
      ctx.stores.runs.getState().failed(message);
      session.notify('error', ctx.t('run.failed'), message);
    }
  } finally {
    endJob(ctx.stores.runs, controller);
  }
}

export function createActionRegistry(): ActionRegistry {
  return new ActionRegistry().register(...actionList);
}
