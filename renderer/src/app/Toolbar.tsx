/**
 * The top bar: file commands and recent files, undo/redo, run and cancel with live progress, view
 * and export commands, the language switch, and the document's name with a dot
 * while it has unsaved changes.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocument, useRuns, useSession } from '../stores/context';
import { isDirty } from '../stores/documentStore';
import { displayShortcut } from '../actions/registry';
import { guardDirty, openRecentFile } from '../actions/fileOps';
import type { RecentFile } from '../../../contract/bridge';
import { formatNumber, formatPercent } from '../i18n/format';
import { useRunAction, useServices } from '../actions/services';
import { UiIcon, type UiIconName } from '../ui/UiIcon';

function ToolButton({ action, icon, label, primary, showLabel }: { action: string; icon: UiIconName; label?: string; primary?: boolean; showLabel?: boolean }) {
  const { t } = useTranslation();
  const { registry, ctx } = useServices();
  const run = useRunAction();
  const a = registry.get(action)!;
  // `enabled` reads all three stores; re-evaluate it whenever any of them changes.
  const isEnabled = () => (a.enabled ? a.enabled(ctx) : true);
  const enabledByDoc = useDocument(isEnabled);
  const enabledByRuns = useRuns(isEnabled);
  const enabledBySession = useSession(isEnabled);
  const enabled = enabledByDoc && enabledByRuns && enabledBySession;
  const text = label ?? t(a.labelKey);
  const shortcut = a.shortcuts?.[0];
  return (
    <button
      type="button"
      className={`tool-button${primary ? ' primary' : ''}`}
      onClick={() => run(action)}
      disabled={!enabled}
      title={shortcut ? `${text} (${displayShortcut(shortcut)})` : text}
      aria-label={text}
      data-action={action}
    >
      <UiIcon name={icon} />
      {showLabel && <span>{text}</span>}
    </button>
  );
}

/**
 * A toolbar button with a drop-down menu, closed by choosing, by Escape wherever
 * the focus is, and by a click outside. `items` renders the menu each time it opens.
 */
function MenuButton({ icon, label, testId, onOpen, items, showLabel = true }: { icon: UiIconName; label: string; testId: string; onOpen?: () => void; items: (close: () => void) => ReactNode; showLabel?: boolean }) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    // Escape wherever the focus is (it stays on the button after a click); captured, so the canvas cannot swallow either.
    const escape = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.stopPropagation();
      setOpen(false);
    };
    window.addEventListener('pointerdown', close, true);
    window.addEventListener('keydown', escape, true);
    return () => {
      window.removeEventListener('pointerdown', close, true);
      window.removeEventListener('keydown', escape, true);
    };
  }, [open]);
  return (
    <div className="menu-anchor" ref={ref}>
      <button
        type="button"
        className="tool-button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => {
          if (!open) onOpen?.();
          setOpen((o) => !o);
        }}
        title={label}
        aria-label={label}
        data-testid={`${testId}-button`}
      >
        <UiIcon name={icon} />
        {showLabel && <span>{label}</span>}
        <UiIcon name="chevronDown" size={12} />
      </button>
      {open && (
        <div className="menu" role="menu" data-testid={testId}>
          {items(() => setOpen(false))}
        </div>
      )}
    </div>
  );
}

function ExportMenu() {
  const { t } = useTranslation();
  const { registry, ctx } = useServices();
  const run = useRunAction();
  // Read when the menu opens: whether there is a result or a sweep to export.
  const items = (close: () => void) => {
    const item = (id: string) => {
      const a = registry.get(id)!;
      return (
        <button
          type="button"
          role="menuitem"
          className="menu-item"
          disabled={a.enabled ? !a.enabled(ctx) : false}
          onClick={() => {
            close();
            run(id);
          }}
        >
          {t(a.labelKey)}
        </button>
      );
    };
    return (
      <>
        {item('export.svg')}
        {item('export.png')}
        <div className="menu-separator" role="separator" />
        {item('export.reportHtml')}
        {item('export.pdf')}
        {item('export.resultJson')}
        <div className="menu-separator" role="separator" />
        {item('export.sweepHtml')}
        {item('export.sweepPdf')}
        {item('export.sweepCsv')}
        <div className="menu-separator" role="separator" />
        {item('export.metaHtml')}
        {item('export.metaPdf')}
      </>
    );
  };
  return <MenuButton icon="export" label={t('action.export')} testId="export-menu" items={items} />;
}

/** The host's recent files (desktop: main's list; web: this browser's), read each time the menu opens. */
function RecentMenu() {
  const { t } = useTranslation();
  const { ctx } = useServices();
  const [recent, setRecent] = useState<RecentFile[] | null>(null);
  const load = () => {
    setRecent(null);
    void ctx.bridge
      .listRecent()
      .then(setRecent)
      .catch(() => setRecent([]));
  };
  const items = (close: () => void) =>
    recent === null ? null : recent.length === 0 ? (
      <div className="menu-note">{t('recentMenu.none')}</div>
    ) : (
      recent.map((r) => (
        <button
          key={r.handle}
          type="button"
          role="menuitem"
          className="menu-item"
          onClick={() => {
            close();
            guardDirty(ctx, () => openRecentFile(ctx, r));
          }}
        >
          {r.name}
        </button>
      ))
    );
  return <MenuButton icon="recent" label={t('recentMenu.title')} testId="recent-menu" onOpen={load} items={items} showLabel={false} />;
}

function RunControls() {
  const { t, i18n } = useTranslation();
  const status = useRuns((s) => s.status);
  const progress = useRuns((s) => s.progress);
  if (status !== 'running') return <ToolButton action="run.start" icon="run" primary showLabel />;
  const fraction = progress?.fraction ?? 0;
  return (
    <div className="run-progress" role="status" aria-live="polite">
      <div className="progress-track" aria-hidden="true">
        <div className="progress-fill" style={{ width: `${Math.round(fraction * 100)}%` }} />
      </div>
      <span className="progress-text" data-testid="run-progress">
        {formatPercent(fraction, i18n.language, 0)} · {t('run.events', { count: progress?.events ?? 0, n: formatNumber(progress?.events ?? 0, i18n.language) })}
      </span>
      <ToolButton action="run.cancel" icon="stop" showLabel />
    </div>
  );
}

export function Toolbar() {
  const { t, i18n } = useTranslation();
  const { ctx } = useServices();
  const dirty = useDocument(isDirty);
  const scenarioName = useDocument((s) => s.scenario.name);
  const name = useDocument((s) => s.fileName) ?? (scenarioName.trim() || t('file.untitled'));
  return (
    <header className="toolbar" role="toolbar" aria-label={t('app.toolbar')}>
      <div className="brand" aria-hidden="true">
        <svg width="22" height="22" viewBox="0 0 24 24">
          <rect x="1" y="1" width="22" height="22" rx="6" fill="#4f46e5" />
          <path d="M6 16.5h12M6 12.5h8M6 8.5h10" stroke="#fff" strokeWidth="2" strokeLinecap="round" />
        </svg>
      </div>
      <div className="doc-title" title={scenarioName}>
        <span className="doc-name" data-testid="doc-title">
          {dirty && <span className="dirty-dot" aria-label={t('file.unsaved')}>•</span>}
          {name}
        </span>
      </div>
      <div className="tool-group">
        <ToolButton action="file.new" icon="new" />
        <ToolButton action="file.open" icon="open" />
        <ToolButton action="file.save" icon="save" />
        <ToolButton action="file.import" icon="import" />
        <RecentMenu />
      </div>
      <div className="tool-group">
        <ToolButton action="edit.undo" icon="undo" />
        <ToolButton action="edit.redo" icon="redo" />
      </div>
      <div className="tool-group">
        <ToolButton action="view.autoLayout" icon="layout" />
        <ToolButton action="view.zoomOut" icon="zoomOut" />
        <ToolButton action="view.zoomIn" icon="zoomIn" />
        <ToolButton action="view.fit" icon="fit" />
      </div>
      <ExportMenu />
      <div className="toolbar-spacer" />
      <RunControls />
      <div className="lang-switch" role="group" aria-label={t('action.language')}>
        <UiIcon name="globe" />
        <select value={i18n.language} onChange={(e) => ctx.changeLanguage(e.target.value)} aria-label={t('action.language')} data-testid="language">
          <option value="en">English</option>
          <option value="zh-CN">简体中文</option>
        </select>
      </div>
      <button type="button" className="tool-button" onClick={() => ctx.stores.session.getState().openDialog({ kind: 'shortcuts' })} title={t('action.shortcuts')} aria-label={t('action.shortcuts')}>
        <UiIcon name="keyboard" />
      </button>
    </header>
  );
}
