/** Toasts for errors and confirmations; errors stay until dismissed. */
import { useTranslation } from 'react-i18next';
import { useSession, useStores } from '../stores/context';
import { UiIcon } from '../ui/UiIcon';

export function Notices() {
  const { t } = useTranslation();
  const notices = useSession((s) => s.notices);
  const stores = useStores();
  return (
    <div className="notices" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`notice ${n.tone}`} role={n.tone === 'error' ? 'alert' : 'status'} data-testid={`notice-${n.tone}`}>
          <div className="notice-text">
            <div>{n.text}</div>
            {n.detail && <div className="notice-detail">{n.detail}</div>}
          </div>
          <button type="button" className="icon-button" aria-label={t('common.close')} onClick={() => stores.session.getState().dismiss(n.id)}>
            <UiIcon name="close" size={14} />
          </button>
        </div>
      ))}
    </div>
  );
}
