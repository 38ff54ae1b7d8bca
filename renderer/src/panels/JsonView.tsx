/**
 * The selected node or call as the JSON it has in the file: every field, also
 * those the inspector has no control for. Typing edits a draft (its own text
 * undo); Apply makes it one step of the app's history once the editor can show
 * it, and the validator's problems for the item are listed under it as they are
 * in the inspector.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Edge, Scenario, ScenarioNode } from '../../../simulation/model/schema';
import { edgeJsonEdit, itemJson, nodeJsonEdit, type JsonProblem } from '../model/jsonEdit';
import { edgeKeys } from '../model/edgeKeys';
import { formatIssueIn } from '../../../simulation/model/validate';
import { normalizeLanguage } from '../i18n';
import type { Language } from '../../../simulation/findings/finding';
import { useAnalysis } from '../stores/analysis';
import { useStores } from '../stores/context';

function problemText(t: TFunction, p: JsonProblem, lang: Language): string {
  switch (p.code) {
    case 'syntax':
      return t('jsonView.syntax', { line: p.line, column: p.column });
    case 'syntaxAnywhere':
      return t('jsonView.syntaxAnywhere');
    case 'notObject':
      return t('jsonView.notObject');
    case 'idInvalid':
      return t('node.idInvalid');
    case 'idTaken':
      return t('node.idTaken', { id: p.id });
    case 'unknownNode':
      return t('jsonView.unknownNode', { field: p.field, id: p.id });
    case 'structure':
      return t('jsonView.structure', { detail: formatIssueIn(p.issue, lang) });
  }
}

type Target = { kind: 'node'; node: ScenarioNode } | { kind: 'edge'; edge: Edge; index: number };

export function JsonView({ target, scenario }: { target: Target; scenario: Scenario }) {
  const { t, i18n } = useTranslation();
  const lang = normalizeLanguage(i18n.language);
  const stores = useStores();
  const { issues } = useAnalysis();
  const current = itemJson(target.kind === 'node' ? target.node : target.edge);
  // null while the text is the item as it is; a draft survives edits made elsewhere until applied or reverted.
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const text = draft ?? current;
  const itemIssues = target.kind === 'node' ? issues.nodes.get(target.node.id) : issues.edges.get(target.index);

  const apply = () => {
    if (draft === null) return;
    const session = stores.session.getState();
    if (target.kind === 'node') {
      const edit = nodeJsonEdit(scenario, target.node.id, draft);
      if (!edit.ok) return setProblem(problemText(t, edit.problem, lang));
      stores.document.getState().edit(edit.apply);
      if (edit.id !== target.node.id) session.select({ nodes: [edit.id!], edges: [] });
    } else {
      const edit = edgeJsonEdit(scenario, target.index, draft);
      if (!edit.ok) return setProblem(problemText(t, edit.problem, lang));
      stores.document.getState().edit(edit.apply);
      // The call is named by its ends; it stays selected under its new name.
      const key = edgeKeys(stores.document.getState().scenario.edges)[target.index];
      if (key) session.select({ nodes: [], edges: [key] });
    }
    setDraft(null);
    setProblem(null);
  };

  const copy = () => {
    void navigator.clipboard
      ?.writeText(text)
      .then(() => {
        setCopied(true);
        setTimeout(() => setCopied(false), 1500);
      })
      .catch(() => stores.session.getState().notify('error', t('jsonView.copyFailed')));
  };

  return (
    <div className="json-view" data-testid="json-view">
      <p className="help">{t('jsonView.help')}</p>
      <textarea
        className="input json-text"
        value={text}
        spellCheck={false}
        aria-label={t('jsonView.label')}
        aria-invalid={problem !== null}
        rows={Math.min(28, Math.max(8, text.split('\n').length + 1))}
        data-testid="json-text"
        onChange={(e) => {
          setDraft(e.target.value === current ? null : e.target.value);
          setProblem(null);
        }}
        onKeyDown={(e) => {
          // The draft's own text undo, not the app's history: nothing is in the document until Apply.
          if ((e.ctrlKey || e.metaKey) && (e.key.toLowerCase() === 'z' || e.key.toLowerCase() === 'y')) e.stopPropagation();
          if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
            e.preventDefault();
            e.stopPropagation();
            apply();
          }
        }}
      />
      {problem && (
        <div className="field-error block" role="alert" data-testid="json-problem">
          {problem}
        </div>
      )}
      <div className="json-actions">
        <button type="button" className="button primary" disabled={draft === null} onClick={apply} data-testid="json-apply">
          {t('jsonView.apply')}
        </button>
        <button
          type="button"
          className="button"
          disabled={draft === null}
          onClick={() => {
            setDraft(null);
            setProblem(null);
          }}
        >
          {t('jsonView.revert')}
        </button>
        <button type="button" className="button" onClick={copy} data-testid="json-copy">
          {copied ? t('jsonView.copied') : t('jsonView.copy')}
        </button>
      </div>
      {draft === null && itemIssues && itemIssues.size > 0 && (
        <ul className="json-issues" data-testid="json-issues">
          {[...itemIssues].map(([field, message]) => (
            <li key={field} className={issues.unconnected.has(message) ? 'soft' : undefined}>
              {field && <code>{field}</code>} {message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
