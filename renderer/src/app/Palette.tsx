/**
 * The component palette: drag a kind onto the canvas to place it there, or
 * press it (mouse or keyboard) to add it beside the last node.
 */
import { useTranslation } from 'react-i18next';
import type { NodeKind } from '../../../simulation/model/schema';
import { kindMime } from '../canvas/dropKind';
import { KindIcon } from '../diagram/icons/KindIcon';
import { allKindViews } from '../kinds';
import { placeNode } from '../actions/appActions';
import { useRunAction, useServices } from '../actions/services';
import { UiIcon } from '../ui/UiIcon';


export function Palette() {
  const { t } = useTranslation();
  const { ctx } = useServices();
  const run = useRunAction();
  const add = (kind: NodeKind) => placeNode(ctx, kind);
  return (
    <aside className="palette" aria-label={t('palette.title')}>
      <div className="panel-heading">{t('palette.title')}</div>
      <ul className="palette-list">
        {allKindViews.map(({ kind, color }) => (
          <li key={kind}>
            <button
              type="button"
              className="palette-item"
              draggable
              data-kind={kind}
              onDragStart={(e) => {
                e.dataTransfer.setData(kindMime, kind);
                e.dataTransfer.effectAllowed = 'copy';
              }}
              onClick={() => add(kind)}
              title={t('palette.hint')}
            >
              <span className="kind-badge" style={{ color, background: `${color}1a` }}>
                <KindIcon kind={kind} />
              </span>
              <span className="palette-text">
                <span className="palette-name">{t(`kind.${kind}`)}</span>
                <span className="palette-desc">{t(`kindHelp.${kind}`)}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
      <div className="palette-footer">
        <button type="button" className="link-button" onClick={() => run('file.new')}>
          <UiIcon name="template" />
          {t('palette.templates')}
        </button>
      </div>
    </aside>
  );
}
