/**
 * File → Import in the app: trace files to a new scenario, Kubernetes manifests onto the
 * open one. The same engine-side code as `headroom import`, so the app and the CLI infer
 * the same model and print the same report; this only turns its errors into a preview.
 */
import type { Scenario } from '../../../simulation/model/schema';
import { inferScenario } from '../../../simulation/import/infer';
import { TraceInputError, readTraceFiles } from '../../../simulation/import/parse';
import { formatImportReport } from '../../../simulation/import/report';
import { ManifestInputError, readManifests } from '../../../simulation/import/manifests';
import { applyManifests } from '../../../simulation/import/applyManifests';
import { formatManifestReport } from '../../../simulation/import/manifestReport';
import { formatIssueIn, parseScenario } from '../../../simulation/model/validate';
import { nameMap } from '../../../simulation/import/nameMap';
import type { NumberLanguage as Language } from '../../../simulation/locale/language';

export type ImportKind = 'traces' | 'k8s';

export interface ImportFile {
  name: string;
  text: string;
}

export type ImportPreview = { ok: true; scenario: Scenario; report: string } | { ok: false; error: string };

/** "checkout-svc=api, celery-worker=celery" to a map, or the first entry that is not NAME=NODE_ID. */
export function parseNameMap(text: string): { map: Record<string, string> } | { bad: string } {
  return nameMap(text.split(/[,\n]/).map((e) => e.trim()).filter(Boolean));
}

export function previewImport(kind: ImportKind, files: readonly ImportFile[], current: Scenario, map: Record<string, string>, language: Language): ImportPreview {
  try {
    if (kind === 'traces') {
      const { scenario, report } = inferScenario(readTraceFiles(files), { map });
      return { ok: true, scenario, report: formatImportReport(report, language) };
    }
    const { scenario, report } = applyManifests(current, readManifests(files), { map });
    const text = formatManifestReport(report, language);
    const checked = parseScenario(scenario);
    if (!checked.ok) return { ok: false, error: `${text}\n\n${checked.issues.map((i) => formatIssueIn(i, language)).join('\n')}` };
    return { ok: true, scenario, report: text };
  } catch (e) {
    if (e instanceof TraceInputError || e instanceof ManifestInputError) return { ok: false, error: e.message };
    throw e;
  }
}
