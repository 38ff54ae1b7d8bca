/**
 * `headroom import k8s MANIFEST… --into SCENARIO`: Deployments, StatefulSets and HPAs
 * onto the capacity of an existing scenario's nodes. The report goes to stdout with
 * --out, else to stderr while the scenario goes to stdout (as `import traces` does).
 */
import { readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { applyManifests } from '../import/applyManifests';
import { formatManifestReport, manifestStrings } from '../import/manifestReport';
import { ManifestInputError, maxManifestBytes, readManifests } from '../import/manifests';
import { formatIssueIn, parseScenario } from '../model/validate';
import { problem } from '../findings/error';
import { InputError, UsageError, readScenarioFile, refuseUnwritableOutputs, reportLanguage, type Io } from './cliShared';
import { writeOutputFile } from './outputFiles';

function readManifestFile(name: string): { name: string; text: string } {
  let size: number;
  try {
    size = statSync(name).size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? problem('cliFileMissing', { file: name }) : problem('cliFileUnreadable', { file: name, detail: code ?? String(error) }));
  }
  if (size > maxManifestBytes) throw new InputError(problem('cliManifestTooLarge', { file: name, megabytes: Math.round(size / 1e6), limit: maxManifestBytes / 1024 / 1024 }));
  return { name, text: readFileSync(name, 'utf8') };
}

export function commandImportK8s(args: string[], io: Io): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { into: { type: 'string' }, map: { type: 'string', multiple: true }, out: { type: 'string' }, lang: { type: 'string' } } });
  if (positionals.length === 0) throw new UsageError(problem('cliNoManifestFiles'));
  if (typeof values.into !== 'string') throw new UsageError(problem('cliNeedsInto'));
  const language = reportLanguage(values);
  const map: Record<string, string> = {};
  for (const entry of values.map ?? []) {
    const eq = entry.lastIndexOf('=');
    const node = entry.slice(eq + 1);
    if (eq <= 0 || !/^[A-Za-z0-9_-]+$/.test(node) || node === '__proto__') throw new UsageError(problem('cliMapEntry', { value: entry }));
    map[entry.slice(0, eq)] = node;
  }
  if (values.out === '-') throw new UsageError(problem('cliNeedsFilePath', { option: 'out', carries: 'scenario' }));
  if (typeof values.out === 'string') refuseUnwritableOutputs({ out: values.out });
  const { scenario, problems } = readScenarioFile(values.into, language);
  if (!scenario) {
    io.stderr(problems.map((p) => `${values.into}: ${p}\n`).join(''));
    return 1;
  }
  try {
    const { scenario: updated, report } = applyManifests(scenario, readManifests(positionals.map(readManifestFile)), { map });
    const text = formatManifestReport(report, language);
    // What a manifest says may break a rule of the format (60,000 workers): say so rather than write a file that will not open.
    const checked = parseScenario(updated);
    if (!checked.ok) {
      io.stderr(`${text}\n${checked.issues.map((i) => `${values.into}: ${formatIssueIn(i, language)}\n`).join('')}`);
      return 1;
    }
    const json = `${JSON.stringify(updated, null, 2)}\n`;
    if (typeof values.out === 'string') {
      writeOutputFile('out', values.out, json);
      io.stdout(`${text}\n${manifestStrings(language).wrote(values.out)}\n`);
    } else {
      io.stderr(`${text}\n`);
      io.stdout(json);
    }
    return 0;
  } catch (error) {
    if (error instanceof ManifestInputError || error instanceof InputError) {
      io.stderr(`headroom import k8s: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
