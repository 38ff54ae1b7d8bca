/**
 * What `import traces` and `import k8s` share on the command line: their `--map` pairs,
 * input files refused by size before they are read, and where the scenario and the
 * report go (with --out: the file, and the report on stdout; without: the scenario on
 * stdout, the report on stderr).
 */
import { readFileSync, statSync } from 'node:fs';
import { problem } from '../findings/error';
import { nameMap } from '../import/nameMap';
import type { Scenario } from '../model/schema';
import { InputError, UsageError, refuseUnwritableOutputs, type Io } from './cliShared';
import { writeOutputFile } from './outputFiles';

export function importNameMap(entries: readonly string[] | undefined): Record<string, string> {
  const parsed = nameMap(entries ?? []);
  if ('bad' in parsed) throw new UsageError(problem('cliMapEntry', { value: parsed.bad }));
  return parsed.map;
}

/** Refuses `--out -` and an unwritable --out before anything is read. */
export function checkImportOut(out: string | undefined): void {
  if (out === '-') throw new UsageError(problem('cliNeedsFilePath', { option: 'out', carries: 'scenario' }));
  if (typeof out === 'string') refuseUnwritableOutputs({ out });
}

/** A file's text; `tooLarge` is thrown before reading, so a multi-gigabyte file never reaches memory. */
export function readInputFile(name: string, maxBytes: number, tooLarge: (name: string, bytes: number) => Error): { name: string; text: string } {
  let size: number;
  try {
    size = statSync(name).size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? problem('cliFileMissing', { file: name }) : problem('cliFileUnreadable', { file: name, detail: code ?? String(error) }));
  }
  if (size > maxBytes) throw tooLarge(name, size);
  return { name, text: readFileSync(name, 'utf8') };
}

export function emitImported(io: Io, out: string | undefined, scenario: Scenario, report: string, wrote: (path: string) => string): void {
  const json = `${JSON.stringify(scenario, null, 2)}\n`;
  if (typeof out === 'string') {
    writeOutputFile('out', out, json);
    io.stdout(`${report}\n${wrote(out)}\n`);
  } else {
    io.stderr(`${report}\n`);
    io.stdout(json);
  }
}
