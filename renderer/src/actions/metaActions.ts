/**
 * The metastability map from the app: checked by the core before anything runs (a
 * refusal is shown with the core's reason), run on the worker pool with its points shown
 * as they are judged, cancellable, and exported as the same HTML report the command line
 * writes (`headroom metastability --report`), or as PDF.
 */
import { FindingError } from '../../../simulation/findings/error';
import { checkMetastability, type MetastabilityOptions } from '../../../simulation/whatif/metastability';
import { renderMetastabilityReport } from '../../../simulation/report/metastabilityReport';
import { validateScenario } from '../model/validation';
import type { Action, ActionContext } from './registry';
import { beginJob, endJob, isAbort, failureText } from './jobs';
import { exportBase, reportLanguage } from './whatIfActions';

export async function startMetastability(ctx: ActionContext, options: MetastabilityOptions): Promise<void> {
  const { scenario } = ctx.stores.document.getState();
  const session = ctx.stores.session.getState();
  const store = ctx.stores.meta;
  const issues = validateScenario(scenario, reportLanguage(ctx));
  if (issues.all.length > 0) {
    session.notify('error', ctx.t('run.invalid', { count: issues.all.length }), `${issues.all[0]!.path}: ${issues.all[0]!.message}`);
    return;
  }
  try {
    checkMetastability(scenario, options);
  } catch (e) {
    // The core's refusal, kept as its finding: the panel words it.
    if (e instanceof FindingError && e.finding) store.getState().refused(e.finding);
    else store.getState().failed(e instanceof Error ? e.message : String(e));
    return;
  }
  const controller = beginJob(store);
  store.getState().start(scenario, options);
  session.showDock('metastability');
  try {
    const doc = await ctx.sim.metastability(scenario, options, { signal: controller.signal, onProgress: (p) => store.getState().progressed(p), onPoint: (p) => store.getState().pointArrived(p) });
    store.getState().finished(doc);
  } catch (e) {
    if (isAbort(e)) {
      store.getState().cancelled();
      session.notify('info', ctx.t('meta.cancelled'));
    } else {
      const message = failureText(e, ctx.t);
      store.getState().failed(message);
      session.notify('error', ctx.t('meta.failed'), message);
    }
  } finally {
    endJob(store, controller);
  }
}

function finishedMap(ctx: ActionContext) {
  const s = ctx.stores.meta.getState();
  return s.doc && s.scenario ? { doc: s.doc, scenario: s.scenario } : null;
}

const hasMap = (ctx: ActionContext) => finishedMap(ctx) !== null;

export const metaActions: Action[] = [
  {
    id: 'export.metaHtml',
    labelKey: 'action.exportMetaHtml',
    enabled: hasMap,
    perform: async (ctx) => {
      const map = finishedMap(ctx);
      if (!map) return;
      await ctx.bridge.exportFile({ suggestedName: `${exportBase(ctx)}-metastability.html`, mime: 'text/html', data: renderMetastabilityReport(map.scenario, map.doc, reportLanguage(ctx)) });
    },
  },
  {
    id: 'export.metaPdf',
    labelKey: 'action.exportMetaPdf',
    enabled: hasMap,
    perform: async (ctx) => {
      const map = finishedMap(ctx);
      if (!map) return;
      await ctx.bridge.exportPdf(renderMetastabilityReport(map.scenario, map.doc, reportLanguage(ctx)), `${exportBase(ctx)}-metastability.pdf`);
    },
  },
];
