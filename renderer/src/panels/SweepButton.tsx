/**
 * "Sweep this" beside a numeric inspector field: adds the field to the what-if
 * sweep (one undo step) and shows the what-if panel. Once the field is varied the
 * button stays lit, and pressing it again just shows the panel.
 */
import { useTranslation } from 'react-i18next';
import { useServices } from '../actions/services';
import { UiIcon } from '../ui/UiIcon';
import { addVary } from '../actions/whatIfActions';
import { useDocument } from '../stores/context';

export function SweepButton({ path, label }: { path: string; label: string }) {
  const { t } = useTranslation();
  const { ctx } = useServices();
  const varied = useDocument((s) => (s.scenario.whatIf?.vary ?? []).some((v) => v.path === path));
  const text = varied ? t('whatIf.swept') : t('whatIf.sweepThis');
  return (
    <button
      type="button"
      className={`sweep-button${varied ? ' on' : ''}`}
      title={varied ? t('whatIf.sweptHint') : t('whatIf.sweepHint')}
      aria-label={`${text}: ${label}`}
      aria-pressed={varied}
      data-testid={`sweep:${path}`}
      onClick={() => addVary(ctx, path)}
    >
      <UiIcon name="sweep" size={12} />
      <span>{text}</span>
    </button>
  );
}
