/**
 * File → Import: pick trace files (a new model), Kubernetes manifests (capacity onto
 * this model) or a load test (compared with this model, LoadTestImport), read what was
 * inferred, then apply it. Nothing changes before Apply; the manifests and a
 * calibration are one undoable step, the traces a new untitled document (as Open is).
 * A file input works in the browser and in Electron alike, so no host call is needed.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStores } from '../stores/context';
import { guardDirty, loadScenario } from '../actions/fileOps';
import { normalizeLanguage } from '../i18n';
import { parseNameMap, previewImport, type ImportFile, type ImportKind, type ImportPreview } from '../model/importFiles';
import { Modal } from './Modal';
import { useServices } from '../actions/services';
import { LoadTestImport } from './LoadTestImport';
import { toFillOf } from '../../../simulation/import/fillCapacity';
import type { Scenario } from '../../../simulation/model/schema';
import { toFillText } from '../model/toFill';

type Kind = ImportKind | 'loadTest';

const accept: Record<Kind, string> = { traces: '.json,application/json', k8s: '.yaml,.yml,application/yaml,text/yaml', loadTest: '.csv,.json,.jtl,text/csv,application/json' };
const placeholder: Record<Kind, string> = { k8s: 'celery-worker=celery', traces: 'signup-web=web', loadTest: '/items/{id}=read, /orders=write' };

/** The nodes still to be filled in after this import, by label: a trace import always shows it, manifests when any are left. */
function ToFillList({ scenario, always }: { scenario: Scenario; always: boolean }) {
  const { t } = useTranslation();
  const list = toFillOf(scenario);
  if (list.length === 0 && !always) return null;
  const label = (id: string) => scenario.nodes.find((n) => n.id === id)?.label || id;
  return (
    <div className="import-to-fill" data-testid="import-to-fill">
      <div className="field-label">{t('import.toFill.title')}</div>
      {list.length === 0 ? (
        <p className="hint">{t('import.toFill.none')}</p>
      ) : (
        <ul>
          {list.map((f) => (
            <li key={f.node} data-node={f.node}>
              {t(label(f.node) === f.node ? 'import.toFill.itemPlain' : 'import.toFill.item', { label: label(f.node), id: f.node, fields: toFillText(f.fields, t) })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function ImportDialog({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { ctx } = useServices();
  const stores = useStores();
  const [kind, setKind] = useState<Kind>('k8s');
  const [files, setFiles] = useState<ImportFile[]>([]);
  const [names, setNames] = useState('');
  const [preview, setPreview] = useState<ImportPreview | null>(null);

  const refresh = (nextKind: Kind, nextFiles: ImportFile[], nextNames: string) => {
    if (nextFiles.length === 0 || nextKind === 'loadTest') return setPreview(null);
    const map = parseNameMap(nextNames);
    if ('bad' in map) return setPreview({ ok: false, error: t('import.badName', { entry: map.bad }) });
    setPreview(previewImport(nextKind, nextFiles, stores.document.getState().scenario, map.map, normalizeLanguage(i18n.language)));
  };

  const choose = async (list: FileList | null) => {
    const read = await Promise.all([...(list ?? [])].map(async (f) => ({ name: f.name, text: await f.text() })));
    setFiles(read);
    refresh(kind, read, names);
  };

  const apply = () => {
    if (!preview?.ok || kind === 'loadTest') return;
    const scenario = preview.scenario;
    onClose();
    if (kind === 'k8s') {
      stores.document.getState().edit((draft) => {
        draft.nodes = scenario.nodes;
      });
      stores.session.getState().notify('success', t('import.applied'));
      return;
    }
    guardDirty(ctx, () => loadScenario(ctx, scenario, { fileName: null, handle: null, dirty: true }));
  };

  return (
    <Modal title={t('import.title')} onClose={onClose} wide>
      <div className="import-dialog" data-testid="import-dialog">
        <div className="segmented" role="radiogroup" aria-label={t('import.kind')}>
          {(['k8s', 'traces', 'loadTest'] as const).map((k) => (
            <button
              key={k}
              type="button"
              role="radio"
              aria-checked={k === kind}
              className={k === kind ? 'active' : undefined}
              data-testid={`import-kind-${k}`}
              onClick={() => {
                setKind(k);
                setFiles([]);
                setPreview(null);
              }}
            >
              {t(`import.kinds.${k}`)}
            </button>
          ))}
        </div>
        <p className="hint">{t(`import.hints.${kind}`)}</p>
        <label className="field">
          <span className="field-label">{t('import.files')}</span>
          <input key={kind} type="file" multiple accept={accept[kind]} data-testid="import-files" onChange={(e) => void choose(e.target.files)} />
        </label>
        <label className="field">
          <span className="field-label">{t(kind === 'loadTest' ? 'import.namesLoadTest' : 'import.names')}</span>
          <input
            type="text"
            value={names}
            placeholder={placeholder[kind]}
            data-testid="import-names"
            onChange={(e) => {
              setNames(e.target.value);
              refresh(kind, files, e.target.value);
            }}
          />
        </label>
        {preview && kind !== 'loadTest' && (
          <pre className={`import-report${preview.ok ? '' : ' bad'}`} data-testid="import-report">
            {preview.ok ? preview.report : preview.error}
          </pre>
        )}
        {preview?.ok && kind !== 'loadTest' && <ToFillList scenario={preview.scenario} always={kind === 'traces'} />}
      </div>
      {kind === 'loadTest' ? (
        <LoadTestImport files={files} names={names} onClose={onClose} />
      ) : (
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="button" className="button primary" disabled={!preview?.ok} data-testid="import-apply" onClick={apply}>
            {t(kind === 'k8s' ? 'import.applyK8s' : 'import.applyTraces')}
          </button>
        </div>
      )}
    </Modal>
  );
}
