/**
 * A finding is one warning, explanation, verdict or recommendation as data: a code, the
 * node it is about and the figures behind it. Analyses produce findings; sentences are
 * made only at the edge (`render.ts`), in the reader's language, by the CLI, the HTML
 * report and the app alike, so a verdict is worded once per language and never drifts
 * between surfaces.
 */

export type Language = 'en' | 'zh-CN';

export const languages: readonly Language[] = ['en', 'zh-CN'];

export type FindingFigure = number | string | boolean | null;

export interface Finding {
  /** Which sentence renders it: a key of one of the tables in `tables/`. */
  code: string;
  /** The node the finding is about (an id; sentences show its label). */
  node?: string;
  /** How serious: a `warning` is shown first and counts in `warnings`; `info` explains. */
  severity: 'warning' | 'info';
  /** The numbers and names the sentence quotes. Node ids among them are named in `nodeFigures`. */
  figures: Record<string, FindingFigure>;
}

/** What a sentence needs besides the finding: labels for ids and numbers in the reader's language. */
export interface SentenceContext {
  lang: Language;
  /** The label a person knows the node by (the id when it has none). */
  label(nodeId: string): string;
  percent(share: number, digits?: number): string;
  rate(perSecond: number): string;
  duration(seconds: number): string;
  count(n: number): string;
  /** A plain figure with three significant digits (a mean backlog of 0.83 messages). */
  number(x: number): string;
  /** Another finding, given as its JSON, in the same language (a sweep point's own problem). */
  finding(json: string): string;
}

export type Render = (f: Finding, c: SentenceContext) => string;

/** One code: its sentence in each language, and an example finding the tests render in both. */
export interface SentenceSpec {
  en: Render;
  'zh-CN': Render;
  example: Omit<Finding, 'code'>;
  /** The figures that hold node ids (shown by their labels), besides `node`. */
  nodeFigures?: readonly string[];
  /** The figures a sentence quotes as given (a currency code), which may be Latin letters in any language. */
  verbatimFigures?: readonly string[];
  /** Text a sentence writes as it stands in the file in every language (`max`, a JSON snippet). */
  quotes?: readonly string[];
  /** Latin inside double quotes is a name or value from the file (`"workers"`, `"round-robin"`), left as written in every language. */
  quotedNames?: true;
}

export type SentenceTable = Record<string, SentenceSpec>;

/** Declares a table of codes; a code without both languages and an example does not compile. */
export function defineSentences<const T extends SentenceTable>(table: T): T {
  return table;
}

/** The validator's tables: every sentence quotes the file's names and values in double quotes, as written. */
export function quotingFileNames<const T extends SentenceTable>(table: T): T {
  for (const spec of Object.values(table)) spec.quotedNames = true;
  return table;
}

/** A figure read as a number (0 when absent), for sentences. */
export function num(f: Finding, key: string): number {
  const v = f.figures[key];
  return typeof v === 'number' ? v : 0;
}

/** A figure read as a string ('' when absent), for sentences. */
export function str(f: Finding, key: string): string {
  const v = f.figures[key];
  return typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v);
}
