/**
 * `headroom import k8s MANIFEST… --into SCENARIO`: Deployments, StatefulSets and HPAs
 * onto the capacity of an existing scenario's nodes. The report goes to stdout with
 * --out, else to stderr while the scenario goes to stdout (as `import traces` does).
 */
import { parseArgs } from 'node:util';
import { errorText, problem } from '../findings/error';
import { applyManifests } from '../import/applyManifests';
import { formatManifestReport, manifestStrings } from '../import/manifestReport';
import { ManifestInputError, maxManifestBytes, readManifests } from '../import/manifests';
import { formatIssueIn, parseScenario } from '../model/validate';
import { InputError, UsageError, readScenarioFile, reportLanguage, type Io } from './cliShared';
import { checkImportOut, emitImported, importNameMap, readInputFile } from './cliImport';

const manifestTooLarge = (file: string, bytes: number) => new InputError(problem('cliManifestTooLarge', { file, megabytes: Math.round(bytes / 1e6), limit: maxManifestBytes / 1024 / 1024 }));

export function commandImportK8s(args: string[], io: Io): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { into: { type: 'string' }, map: { type: 'string', multiple: true }, out: { type: 'string' }, lang: { type: 'string' } } });
  if (positionals.length === 0) throw new UsageError(problem('cliNoManifestFiles'));
  if (typeof values.into !== 'string') throw new UsageError(problem('cliNeedsInto'));
  const language = reportLanguage(values);
  const map = importNameMap(values.map);
  checkImportOut(values.out);
  const { scenario, problems } = readScenarioFile(values.into, language);
  if (!scenario) {
    io.stderr(problems.map((p) => `${values.into}: ${p}\n`).join(''));
    return 1;
  }
  try {
    const { scenario: updated, report } = applyManifests(scenario, readManifests(positionals.map((name) => readInputFile(name, maxManifestBytes, manifestTooLarge))), { map });
    const text = formatManifestReport(report, language);
    // What a manifest says may break a rule of the format (60,000 workers): say so rather than write a file that will not open.
    const checked = parseScenario(updated);
    if (!checked.ok) {
      io.stderr(`${text}\n${checked.issues.map((i) => `${values.into}: ${formatIssueIn(i, language)}\n`).join('')}`);
      return 1;
    }
    emitImported(io, values.out, updated, text, manifestStrings(language).wrote);
    return 0;
  } catch (error) {
    if (error instanceof ManifestInputError || error instanceof InputError) {
      io.stderr(`headroom import k8s${language === 'zh-CN' ? '：' : ': '}${errorText(error, language)}\n`);
      return 1;
    }
    throw error;
  }
}
