/**
 * What-if commands: picking fields to vary (each change one undo step), running
 * the sweep with its points shown as they arrive, loading a point onto the
 * canvas, paired comparisons against a pinned baseline, a sweep point or a saved
 * file, and the sweep's report and CSV.
 */
import type { Draft } from 'immer';
import type { Scenario } from '../../../simulation/model/schema';
import type { SweepPoint, VaryValue } from '../../../simulation/model/result';
import type { SweepProgressView } from '../stores/whatIfStore';
import { setPath } from '../../../simulation/model/paths';
import { sweepGrid } from '../../../simulation/whatif/sweep';
import { renderSweepReport, sweepCsv } from '../../../simulation/report/sweepReport';
import type { ReportLanguage } from '../../../simulation/report/strings';
import { applyPoint, suggestValues } from '../model/whatIf';
import { loadScenarioText, validateScenario } from '../model/validation';
import { formatIssueIn } from '../../../simulation/model/validate';
import type { ComparePair } from '../stores/compareStore';
import type { Action, ActionContext } from './registry';
import { suggestedName } from './fileOps';
import { beginJob, endJob, isAbort, failureText } from './jobs';

type D = Draft<Scenario>;

/** Drops empty what-if containers so an untouched file stays untouched. */
function tidy(d: D): void {
  if (d.whatIf?.vary && d.whatIf.vary.length === 0) delete d.whatIf.vary;
  if (d.whatIf && Object.keys(d.whatIf).length === 0) delete d.whatIf;
}

/** Closes an open typing step so the next edit is an undo step of its own. */
function sealOpenStep(ctx: ActionContext): void {
  const doc = ctx.stores.document.getState();
  if (doc.openKey) doc.endGesture();
}

export function reportLanguage(ctx: ActionContext): ReportLanguage {
  return ctx.language() === 'zh-CN' ? 'zh-CN' : 'en';
}

export function exportBase(ctx: ActionContext): string {
  return suggestedName(ctx).replace(/\.headroom\.json$|\.json$/, '');
}

/** Adds `path` to the sweep with values around the model's current one, and shows the what-if panel. */
export function addVary(ctx: ActionContext, path: string): void {
  const doc = ctx.stores.document.getState();
  if (!(doc.scenario.whatIf?.vary ?? []).some((v) => v.path === path)) {
    const values = suggestValues(doc.scenario, path);
    sealOpenStep(ctx);
    doc.edit((d) => {
      d.whatIf ??= {};
      (d.whatIf.vary ??= []).push({ path, values });
    });
  }
  ctx.stores.session.getState().showDock('whatIf');
}

export function removeVary(ctx: ActionContext, path: string): void {
  sealOpenStep(ctx);
  ctx.stores.document.getState().edit((d) => {
    if (!d.whatIf?.vary) return;
    d.whatIf.vary = d.whatIf.vary.filter((v) => v.path !== path);
    tidy(d);
  });
}

/** Sets an entry's values; edits of one entry's values while it has focus merge into one undo step. */
export function setVaryValues(ctx: ActionContext, path: string, values: VaryValue[]): void {
  ctx.stores.document.getState().edit(
    (d) => {
      const entry = d.whatIf?.vary?.find((v) => v.path === path);
      if (entry && JSON.stringify(entry.values) !== JSON.stringify(values)) entry.values = values;
    },
    { key: `field:vary:${path}` },
  );
}

/** Sources a capacity search can drive: open arrival processes only (a closed loop has no rate to raise). */
export function openSources(s: Scenario): string[] {
  return s.nodes.filter((n) => n.kind === 'source' && n.arrival.process !== 'closed').map((n) => n.id);
}

export function setFindCapacity(ctx: ActionContext, on: boolean, source?: string): void {
  sealOpenStep(ctx);
  const sources = openSources(ctx.stores.document.getState().scenario);
  ctx.stores.document.getState().edit((d) => {
    if (on) {
      const src = source ?? d.whatIf?.load?.source ?? sources[0];
      if (!src) return;
      d.whatIf ??= {};
      d.whatIf.load = { ...(d.whatIf.load ?? {}), source: src, find: 'max' };
    } else if (d.whatIf?.load) {
      delete d.whatIf.load;
      tidy(d);
    }
  });
}

/** Puts a sweep point's values on the canvas as one undo step; false when the model is already there. */
export function loadPoint(ctx: ActionContext, values: Record<string, VaryValue>): boolean {
  sealOpenStep(ctx);
  const changed = ctx.stores.document.getState().edit((d) => applyPoint(d, values));
  if (changed) ctx.stores.session.getState().notify('info', ctx.t('whatIf.loaded'));
  return changed;
}

function refuseInvalid(ctx: ActionContext, scenario: Scenario): boolean {
  const issues = validateScenario(scenario, reportLanguage(ctx));
  if (issues.all.length === 0) return false;
  const first = issues.all[0]!;
  ctx.stores.session.getState().notify('error', ctx.t('run.invalid', { count: issues.all.length }), `${first.path}: ${first.message}`);
  return true;
}

/**
 * Progress and arriving points, merged into at most one store update per animation frame:
 * workers report far more often than a screen can show, and each update re-renders the panel.
 */
function frameBatcher(store: ActionContext['stores']['whatIf']) {
  let progress: SweepProgressView | null = null;
  const points: SweepPoint[] = [];
  let scheduled = false;
  const frame: (f: () => void) => void = typeof requestAnimationFrame === 'function' ? (f) => requestAnimationFrame(f) : (f) => setTimeout(f, 16);
  const flush = () => {
    scheduled = false;
    const state = store.getState();
    for (const p of points.splice(0)) state.pointArrived(p);
    if (progress) state.progressed(progress);
    progress = null;
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    frame(() => scheduled && flush());
  };
  return {
    progress: (p: SweepProgressView) => {
      progress = p;
      schedule();
    },
    point: (p: SweepPoint) => {
      points.push(p);
      schedule();
    },
    flush,
  };
}

export async function startSweep(ctx: ActionContext): Promise<void> {
  const { scenario } = ctx.stores.document.getState();
  const session = ctx.stores.session.getState();
  const vary = scenario.whatIf?.vary ?? [];
  if (vary.length === 0) {
    session.notify('error', ctx.t('whatIf.nothingToVary'));
    return;
  }
  if (refuseInvalid(ctx, scenario)) return;
  let grid;
  try {
    // Points whose workers do not fit in memory are not simulated: the table shows them as invalid, with the reason.
    grid = sweepGrid(scenario, vary).map((p) => ({ index: p.index, values: p.values, ...(p.doesNotFit ? { invalid: p.doesNotFit } : {}) }));
  } catch (e) {
    session.notify('error', ctx.t('whatIf.failed'), e instanceof Error ? e.message : String(e));
    return;
  }
  const store = ctx.stores.whatIf;
  const controller = beginJob(store);
  store.getState().start(scenario, grid);
  session.showDock('whatIf');
  const batch = frameBatcher(store);
  try {
    const doc = await ctx.sim.sweep(scenario, { signal: controller.signal, onProgress: batch.progress, onPoint: batch.point });
    batch.flush();
    store.getState().finished(doc);
  } catch (e) {
    batch.flush();
    if (isAbort(e)) {
      store.getState().cancelled();
      session.notify('info', ctx.t('whatIf.cancelled'));
    } else {
      const message = failureText(e, ctx.t);
      store.getState().failed(message);
      session.notify('error', ctx.t('whatIf.failed'), message);
    }
  } finally {
    endJob(store, controller);
  }
}

/** Runs a paired comparison of A and B (B with A's run settings) and shows it. */
export async function startCompare(ctx: ActionContext, pair: ComparePair): Promise<void> {
  const session = ctx.stores.session.getState();
  if (refuseInvalid(ctx, pair.a.scenario) || refuseInvalid(ctx, pair.b.scenario)) return;
  const store = ctx.stores.compare;
  const controller = beginJob(store);
  store.getState().start(pair, ctx.stores.document.getState().scenario);
  session.showDock('compare');
  try {
    const doc = await ctx.sim.compare(pair.a.scenario, pair.b.scenario, { signal: controller.signal, onProgress: (f) => store.getState().progressed(f) });
    store.getState().finished(doc);
  } catch (e) {
    if (isAbort(e)) {
      store.getState().cancelled();
      session.notify('info', ctx.t('compare.cancelled'));
    } else {
      const message = failureText(e, ctx.t);
      store.getState().failed(message);
      session.notify('error', ctx.t('compare.failed'), message);
    }
  } finally {
    endJob(store, controller);
  }
}

export function pinBaseline(ctx: ActionContext): void {
  ctx.stores.compare.getState().pin(structuredClone(ctx.stores.document.getState().scenario));
  // The compare tab shows the pinned baseline and what to do next.
  ctx.stores.session.getState().showDock('compare');
}

export function compareWithBaseline(ctx: ActionContext): Promise<void> {
  const baseline = ctx.stores.compare.getState().baseline;
  if (!baseline) return Promise.resolve();
  const current = ctx.stores.document.getState().scenario;
  return startCompare(ctx, { a: { origin: { kind: 'pinned', at: baseline.at }, scenario: baseline.scenario }, b: { origin: { kind: 'current' }, scenario: current } });
}

/** The model on the canvas against the same model at a sweep point. */
export function compareWithPoint(ctx: ActionContext, values: Record<string, VaryValue>): Promise<void> {
  const current = ctx.stores.document.getState().scenario;
  let variant = current;
  for (const [path, value] of Object.entries(values)) variant = setPath(variant, path, value);
  return startCompare(ctx, { a: { origin: { kind: 'current' }, scenario: current }, b: { origin: { kind: 'point', values }, scenario: variant } });
}

/** A saved file as the baseline and the model on the canvas as the variant. */
export async function compareWithFile(ctx: ActionContext): Promise<void> {
  const session = ctx.stores.session.getState();
  const opened = await ctx.bridge.openDocument();
  if (!opened) return;
  const loaded = loadScenarioText(opened.text);
  if (!loaded.ok) {
    session.notify('error', ctx.t('file.openFailed', { name: opened.name }), formatIssueIn(loaded.issue, reportLanguage(ctx)));
    return;
  }
  const current = ctx.stores.document.getState().scenario;
  await startCompare(ctx, { a: { origin: { kind: 'file', name: opened.name }, scenario: loaded.scenario }, b: { origin: { kind: 'current' }, scenario: current } });
}

function finishedSweep(ctx: ActionContext) {
  const s = ctx.stores.whatIf.getState();
  return s.doc && s.scenario ? { doc: s.doc, scenario: s.scenario } : null;
}

const hasSweep = (ctx: ActionContext) => finishedSweep(ctx) !== null;

export const whatIfActions: Action[] = [
  {
    id: 'whatIf.run',
    labelKey: 'action.runSweep',
    shortcuts: ['Mod+Shift+Enter'],
    inInputs: true,
    enabled: (ctx) => ctx.stores.whatIf.getState().status !== 'running' && (ctx.stores.document.getState().scenario.whatIf?.vary?.length ?? 0) > 0,
    perform: (ctx) => startSweep(ctx),
  },
  {
    id: 'compare.pin',
    labelKey: 'action.pinBaseline',
    enabled: (ctx) => ctx.stores.document.getState().scenario.nodes.length > 0,
    perform: (ctx) => pinBaseline(ctx),
  },
  {
    id: 'compare.baseline',
    labelKey: 'action.compareBaseline',
    enabled: (ctx) => ctx.stores.compare.getState().baseline !== null && ctx.stores.compare.getState().status !== 'running',
    perform: (ctx) => compareWithBaseline(ctx),
  },
  {
    id: 'compare.file',
    labelKey: 'action.compareFile',
    enabled: (ctx) => ctx.stores.document.getState().scenario.nodes.length > 0 && ctx.stores.compare.getState().status !== 'running',
    perform: (ctx) => compareWithFile(ctx),
  },
  {
    id: 'export.sweepHtml',
    labelKey: 'action.exportSweepHtml',
    enabled: hasSweep,
    perform: async (ctx) => {
      const sweep = finishedSweep(ctx);
      if (!sweep) return;
      await ctx.bridge.exportFile({ suggestedName: `${exportBase(ctx)}-what-if.html`, mime: 'text/html', data: renderSweepReport(sweep.scenario, sweep.doc, reportLanguage(ctx)) });
    },
  },
  {
    id: 'export.sweepPdf',
    labelKey: 'action.exportSweepPdf',
    enabled: hasSweep,
    perform: async (ctx) => {
      const sweep = finishedSweep(ctx);
      if (!sweep) return;
      await ctx.bridge.exportPdf(renderSweepReport(sweep.scenario, sweep.doc, reportLanguage(ctx)), `${exportBase(ctx)}-what-if.pdf`);
    },
  },
  {
    id: 'export.sweepCsv',
    labelKey: 'action.exportSweepCsv',
    enabled: hasSweep,
    perform: async (ctx) => {
      const sweep = finishedSweep(ctx);
      if (!sweep) return;
      await ctx.bridge.exportFile({ suggestedName: `${exportBase(ctx)}-what-if.csv`, mime: 'text/csv', data: sweepCsv(sweep.doc) });
    },
  },
];
