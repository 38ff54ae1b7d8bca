/**
 * Opening, saving and starting documents through the host bridge, with the
 * unsaved-changes guard and clear messages when a file cannot be read.
 */
import type { Scenario } from '../../../simulation/model/schema';
import type { OpenedDocument, RecentFile } from '../../../contract/bridge';
import { isDirty } from '../stores/documentStore';
import { loadScenarioText, validateScenario } from '../model/validation';
import { formatIssueIn } from '../../../simulation/model/validate';
import { normalizeLanguage } from '../i18n';
import type { ActionContext } from './registry';
import { cancelJob } from './jobs';

export function serialize(s: Scenario): string {
  return `${JSON.stringify(s, null, 2)}\n`;
}

export function suggestedName(ctx: ActionContext): string {
  const { fileName, scenario } = ctx.stores.document.getState();
  if (fileName) return fileName;
  const slug = scenario.name
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return `${slug || 'untitled'}.headroom.json`;
}

/** The file's name once saved; before that, the scenario's own name. */
export function displayName(ctx: ActionContext): string {
  const { fileName, scenario } = ctx.stores.document.getState();
  return fileName ?? (scenario.name.trim() || ctx.t('file.untitled'));
}

/** Runs `then` now, or after the user agreed to drop unsaved changes. */
export function guardDirty(ctx: ActionContext, then: () => void): void {
  if (!isDirty(ctx.stores.document.getState())) return then();
  ctx.stores.session.getState().openDialog({ kind: 'confirmDiscard', then });
}

export function loadScenario(ctx: ActionContext, scenario: Scenario, options: { fileName: string | null; handle: string | null; dirty?: boolean }): void {
  ctx.stores.document.getState().load(scenario, options);
  ctx.stores.session.getState().clearSelection();
  ctx.stores.runs.getState().clear();
  // A sweep or comparison of the previous document says nothing about this one; a pinned baseline stays, to compare across files.
  cancelJob(ctx.stores.whatIf);
  cancelJob(ctx.stores.compare);
  ctx.stores.whatIf.getState().clear();
  ctx.stores.compare.getState().clear();
  requestAnimationFrame(() => void ctx.flow()?.fitView({ padding: 0.2, maxZoom: 1.2 }));
}

/** Opens a document the host handed over; returns false (and says why) if it cannot be read. */
export function openText(ctx: ActionContext, doc: OpenedDocument): boolean {
  const result = loadScenarioText(doc.text);
  const session = ctx.stores.session.getState();
  if (!result.ok) {
    session.notify('error', ctx.t('file.openFailed', { name: doc.name }), formatIssueIn(result.issue, normalizeLanguage(ctx.language())));
    return false;
  }
  loadScenario(ctx, result.scenario, { fileName: doc.name, handle: doc.handle });
  // Counted as the problems list counts them, which also names a cycle behind schema problems.
  const problems = result.issues.length ? validateScenario(result.scenario).all.length : 0;
  if (problems) session.notify('info', ctx.t('file.openedWithIssues', { count: problems }));
  return true;
}

export async function openDocument(ctx: ActionContext): Promise<void> {
  guardDirty(ctx, () => {
    void (async () => {
      try {
        const doc = await ctx.bridge.openDocument();
        if (doc) openText(ctx, doc);
      } catch (e) {
        ctx.stores.session.getState().notify('error', ctx.t('file.openFailed', { name: '' }), e instanceof Error ? e.message : String(e));
      }
    })();
  });
}

/** Opens one of the host's recent files (the caller has dealt with unsaved changes); says so when it has gone. */
export function openRecentFile(ctx: ActionContext, recent: RecentFile): void {
  const failed = (detail: string) => ctx.stores.session.getState().notify('error', ctx.t('file.openFailed', { name: recent.name }), detail);
  void ctx.bridge
    .openRecent(recent.handle)
    .then((doc) => (doc ? openText(ctx, doc) : failed(ctx.t('templates.recentGone'))))
    .catch((e: unknown) => failed(e instanceof Error ? e.message : String(e)));
}

export async function saveDocument(ctx: ActionContext, saveAs: boolean): Promise<boolean> {
  const doc = ctx.stores.document.getState();
  try {
    const text = serialize(doc.scenario);
    let saved = await ctx.bridge.saveDocument({ text, handle: saveAs ? null : doc.handle, saveAs: saveAs || doc.handle === null, suggestedName: suggestedName(ctx) });
    if (saved && 'readOnly' in saved) {
      const { handle, name } = saved;
      const replace = await new Promise<boolean>((answer) => ctx.stores.session.getState().openDialog({ kind: 'confirmReadOnly', name, answer }));
      if (!replace) return false;
      saved = await ctx.bridge.saveDocument({ text, handle, saveAs: false, suggestedName: name, overwriteReadOnly: true });
    }
    if (!saved || 'readOnly' in saved) return false;
    ctx.stores.document.getState().markSaved(saved.name, saved.handle);
    await ctx.bridge.clearAutosave();
    ctx.stores.session.getState().notify('success', ctx.t('file.saved', { name: saved.name }));
    return true;
  } catch (e) {
    ctx.stores.session.getState().notify('error', ctx.t('file.saveFailed'), e instanceof Error ? e.message : String(e));
    return false;
  }
}
