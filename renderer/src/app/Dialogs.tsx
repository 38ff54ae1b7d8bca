/**
 * Modal dialogs: start a new model (empty or from a template), restore an
 * autosave, confirm discarding unsaved changes, and the keyboard shortcuts.
 * Each traps nothing fancy: Escape or the backdrop closes it, focus starts on
 * its first button.
 */
import { useEffect, useState } from 'react';
import type { RecentFile } from '../../../contract/bridge';
import { useTranslation } from 'react-i18next';
import { useSession, useStores } from '../stores/context';
import { emptyScenario } from '../model/newScenario';
import { loadScenario, openRecentFile, openText } from '../actions/fileOps';
import { displayShortcut } from '../actions/registry';
import { formatDateTime } from '../i18n/format';
import { KindIcon } from '../diagram/icons/KindIcon';
import { kindViews } from '../kinds';
import { useServices } from '../actions/services';
import { Modal } from './Modal';
import { ImportDialog } from './ImportDialog';
import { localizedTemplate, templates, templateText } from './templates';

function TemplatesDialog({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { ctx } = useServices();
  const start = (scenario = emptyScenario(t('file.untitled'))) => {
    onClose();
    loadScenario(ctx, structuredClone(scenario), { fileName: null, handle: null });
  };
  return (
    <Modal title={t('templates.title')} onClose={onClose} wide>
      <div className="template-grid">
        <button type="button" className="template-card" onClick={() => start()} data-testid="template-empty">
          <div className="template-name">{t('templates.empty')}</div>
          <div className="template-desc">{t('templates.emptyDesc')}</div>
        </button>
        {templates.map((tp) => {
          const { name, description } = templateText(tp, i18n);
          return (
            <button type="button" className="template-card" key={tp.id} onClick={() => start(localizedTemplate(tp, i18n))} data-testid={`template-${tp.id}`}>
              <div className="template-name">{name}</div>
              <div className="template-desc">{description}</div>
              <div className="template-kinds">
                {[...new Set(tp.scenario.nodes.map((n) => n.kind))].map((k) => (
                  <span key={k} style={{ color: kindViews[k].color }} title={t(`kind.${k}`)}>
                    <KindIcon kind={k} size={16} />
                  </span>
                ))}
              </div>
            </button>
          );
        })}
      </div>
      <RecentFiles onClose={onClose} />
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </Modal>
  );
}

function RecentFiles({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { ctx } = useServices();
  const [recent, setRecent] = useState<RecentFile[]>([]);
  useEffect(() => {
    let live = true;
    void ctx.bridge
      .listRecent()
      .then((r) => live && setRecent(r.slice(0, 6)))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [ctx]);
  if (recent.length === 0) return null;
  return (
    <div className="recent">
      <div className="field-label">{t('templates.recent')}</div>
      <ul>
        {recent.map((r) => (
          <li key={r.handle}>
            <button
              type="button"
              className="link-button"
              onClick={() => {
                onClose();
                openRecentFile(ctx, r);
              }}
            >
              {r.name}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Dialogs() {
  const { t, i18n } = useTranslation();
  const { ctx, registry } = useServices();
  const stores = useStores();
  const dialog = useSession((s) => s.dialog);
  const close = () => stores.session.getState().openDialog(null);
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'templates':
      return <TemplatesDialog onClose={close} />;
    case 'import':
      return <ImportDialog onClose={close} />;
    case 'confirmDiscard':
      return (
        <Modal title={t('confirm.title')} onClose={close}>
          <p>{t('confirm.text', { name: stores.document.getState().fileName ?? t('file.untitled') })}</p>
          <div className="dialog-actions">
            <button type="button" className="button" onClick={close}>
              {t('common.cancel')}
            </button>
            <button
              type="button"
              className="button danger"
              onClick={() => {
                close();
                dialog.then();
              }}
            >
              {t('confirm.discard')}
            </button>
          </div>
        </Modal>
      );
    case 'confirmReadOnly': {
      const answer = (replace: boolean) => {
        close();
        dialog.answer(replace);
      };
      return (
        <Modal title={t('readOnly.title')} onClose={() => answer(false)}>
          <p>{t('readOnly.text', { name: dialog.name })}</p>
          <div className="dialog-actions">
            <button type="button" className="button" data-testid="readonly-cancel" onClick={() => answer(false)}>
              {t('common.cancel')}
            </button>
            <button type="button" className="button danger" data-testid="readonly-replace" onClick={() => answer(true)}>
              {t('readOnly.replace')}
            </button>
          </div>
        </Modal>
      );
    }
    case 'restore':
      return (
        <Modal title={t('restore.title')} onClose={close}>
          <p>{t('restore.text', { name: dialog.entry.name || t('file.untitled'), when: formatDateTime(dialog.entry.savedAt, i18n.language) })}</p>
          <div className="dialog-actions">
            <button
              type="button"
              className="button"
              onClick={() => {
                close();
                void ctx.bridge.clearAutosave();
              }}
            >
              {t('restore.discard')}
            </button>
            <button
              type="button"
              className="button primary"
              data-testid="restore-accept"
              onClick={() => {
                close();
                if (openText(ctx, { handle: null, name: dialog.entry.name, text: dialog.entry.text })) {
                  const doc = stores.document.getState();
                  doc.load(doc.scenario, { fileName: dialog.entry.name || null, handle: null, dirty: true });
                }
              }}
            >
              {t('restore.restore')}
            </button>
          </div>
        </Modal>
      );
    case 'shortcuts':
      return (
        <Modal title={t('shortcuts.title')} onClose={close}>
          <table className="shortcuts">
            <tbody>
              {registry
                .all()
                .filter((a) => a.shortcuts?.length)
                .map((a) => (
                  <tr key={a.id}>
                    <td>{t(a.labelKey)}</td>
                    <td>
                      {a.shortcuts!.map((s) => (
                        <kbd key={s}>{displayShortcut(s)}</kbd>
                      ))}
                    </td>
                  </tr>
                ))}
              <tr>
                <td>{t('shortcuts.multiSelect')}</td>
                <td>
                  <kbd>Shift</kbd> + {t('shortcuts.clickOrDrag')}
                </td>
              </tr>
            </tbody>
          </table>
          <div className="dialog-actions">
            <button type="button" className="button primary" onClick={close}>
              {t('common.close')}
            </button>
          </div>
        </Modal>
      );
  }
}
