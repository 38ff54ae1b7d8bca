/**
 * Wiring between the window and its host: keyboard shortcuts and menu commands
 * to actions, dirty state and title to the host, periodic autosave while dirty,
 * the offer to restore an autosave at start, files the host asks to open, and
 * main's save-before-close handshake in Electron.
 */
import { useEffect } from 'react';
import { isDirty } from '../stores/documentStore';
import { rendererBinds, shortcutOf, type ActionContext, type ActionRegistry } from '../actions/registry';
import { displayName, guardDirty, openText, saveDocument, serialize } from '../actions/fileOps';
import type { ElectronBridge } from '../bridge/electron';

const autosaveEveryMs = 4000;

function isEditable(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return el.isContentEditable || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT';
}

// Undo and redo are not here: in a field they step the app's history too (see edit.undo).
const nativeEdit: Record<string, string> = { 'edit:cut': 'cut', 'edit:copy': 'copy', 'edit:paste': 'paste', 'edit:selectAll': 'selectAll', 'edit:delete': 'delete' };

export function useHost(registry: ActionRegistry, ctx: ActionContext): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const shortcut = shortcutOf(e);
      const action = registry.byShortcut(shortcut);
      if (!action) return;
      if (!rendererBinds(action, shortcut, ctx.bridge.platform)) return;
      if (isEditable(e.target) && !action.inInputs) return;
      if (document.querySelector('[role="dialog"]') && action.id !== 'run.cancel') return;
      if (action.enabled && !action.enabled(ctx)) return;
      e.preventDefault();
      void registry.run(action.id, ctx);
    };
    window.addEventListener('keydown', onKey);
    const offMenu = ctx.bridge.onMenuCommand((command) => {
      // Edit commands act on the text being typed when a field has focus.
      if (nativeEdit[command] && isEditable(document.activeElement)) {
        document.execCommand(nativeEdit[command]!);
        return;
      }
      if ((command as string) === 'file:export') {
        void registry.run('export.png', ctx);
        return;
      }
      const action = registry.byMenu(command);
      if (action) void registry.run(action.id, ctx);
    });
    const offOpen = ctx.bridge.onOpenRequest((doc) => guardDirty(ctx, () => openText(ctx, doc)));
    const bridge = ctx.bridge as Partial<ElectronBridge>;
    const offClose = bridge.onCloseRequest?.((requestId) => {
      void saveDocument(ctx, false).then((saved) => bridge.answerCloseRequest?.(requestId, saved));
    });
    return () => {
      window.removeEventListener('keydown', onKey);
      offMenu();
      offOpen();
      offClose?.();
    };
  }, [registry, ctx]);

  useEffect(() => {
    const doc = ctx.stores.document;
    let last = '';
    const report = () => {
      const s = doc.getState();
      const key = `${isDirty(s)}|${displayName(ctx)}`;
      if (key === last) return;
      last = key;
      ctx.bridge.setDirty(isDirty(s), displayName(ctx));
    };
    report();
    const unsub = doc.subscribe(report);
    let savedState = doc.getState().stateId;
    const timer = setInterval(() => {
      const s = doc.getState();
      if (!isDirty(s) || s.stateId === savedState) return;
      savedState = s.stateId;
      void ctx.bridge.autosave(serialize(s.scenario), s.fileName ?? '').catch(() => undefined);
    }, autosaveEveryMs);
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (ctx.bridge.platform === 'web' && isDirty(doc.getState())) {
        void ctx.bridge.autosave(serialize(doc.getState().scenario), doc.getState().fileName ?? '');
        e.preventDefault();
      }
    };
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      unsub();
      clearInterval(timer);
      window.removeEventListener('beforeunload', beforeUnload);
    };
  }, [ctx]);

  useEffect(() => {
    let cancelled = false;
    void ctx.bridge
      .loadAutosave()
      .then((entry) => {
        if (!cancelled && entry && entry.text) ctx.stores.session.getState().openDialog({ kind: 'restore', entry });
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [ctx]);
}
