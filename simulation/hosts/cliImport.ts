/**
 * What `import traces` and `import k8s` share on the command line: their `--map` pairs,
 * input files refused by size before they are read, and where the scenario and the
 * report go (with --out: the file, and the report on stdout; without: the scenario on
 * stdout, the report on stderr).
 */
import { readFileSync, statSync } from 'node:fs';
import { problem } from '../findings/error';
import { capacityFields, fillCapacity, parseFill, toFillOf, type CapacityFill } from '../import/fillCapacity';
import type { ImportReport } from '../import/infer';
import { nameMap } from '../import/nameMap';
import type { Scenario } from '../model/schema';
import { formatIssueIn, parseScenario } from '../model/validate';
import type { ReportLanguage } from '../report/strings';
import { InputError, UsageError, refuseUnwritableOutputs, type Io } from './cliShared';
import { writeOutputFile } from './outputFiles';

export function importNameMap(entries: readonly string[] | undefined): Record<string, string> {
  const parsed = nameMap(entries ?? []);
  if ('bad' in parsed) throw new UsageError(problem('cliMapEntry', { value: parsed.bad }));
  return parsed.map;
}

/** `--replicas NODE=N`, `--workers NODE=N` and `--cpus NODE=N`, in the order the flags name them. */
export function capacityFills(values: Partial<Record<(typeof capacityFields)[number], string[] | undefined>>): CapacityFill[] {
  const fills: CapacityFill[] = [];
  for (const field of capacityFields) {
    for (const entry of values[field] ?? []) {
      const fill = parseFill(field, entry);
      if (!fill) throw new UsageError(problem('cliCapacityEntry', { option: field, value: entry }));
      fills.push(fill);
    }
  }
  return fills;
}

/**
 * The flags' capacity onto the imported scenario, checked by the format's own rules: a
 * flag that names no node, a field its node lacks, or gives a file the validator refuses
 * (`--cpus api=4` above the placeholder of 1 worker) is a wrong command line, exit 2.
 */
export function applyCapacityFlags(scenario: Scenario, report: ImportReport, fills: readonly CapacityFill[], language: ReportLanguage): { scenario: Scenario; report: ImportReport } {
  if (fills.length === 0) return { scenario, report };
  const result = fillCapacity(scenario, fills);
  if ('refused' in result) {
    const { fill } = result.refused;
    if (result.refused.code === 'unknownNode') throw new UsageError(problem('cliCapacityNode', { flag: fill.flag, node: fill.node, nodes: scenario.nodes.map((n) => n.id).join(', ') }));
    throw new UsageError(problem('cliCapacityField', { flag: fill.flag, node: fill.node, kind: result.refused.kind, field: fill.field }));
  }
  const checked = parseScenario(result.scenario);
  if (!checked.ok) {
    // Name the flags on the nodes the validator points at; all of them when it points elsewhere.
    const nodes = new Set(checked.issues.map((i) => result.scenario.nodes[Number(/^nodes\[(\d+)\]/.exec(i.path)?.[1] ?? -1)]?.id));
    const named = fills.filter((f) => nodes.has(f.node));
    const flags = (named.length > 0 ? named : fills).map((f) => f.flag);
    throw new UsageError(problem('cliCapacityRefused', { flags: flags.join(' '), count: flags.length, issues: checked.issues.map((i) => formatIssueIn(i, language)).join('; ') }));
  }
  return { scenario: result.scenario, report: { ...report, toFill: toFillOf(result.scenario), filled: fills.map((f) => ({ node: f.node, field: f.field, value: f.value, flag: f.flag })) } };
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
