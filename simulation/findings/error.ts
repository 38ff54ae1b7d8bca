/**
 * An error whose message is a finding: thrown where the problem is found (a bad option,
 * an unwritable path, a trace file that is not one), worded only where it is shown, in
 * the reader's language. `message` stays the English sentence, so callers and logs that
 * read it see exactly what they did before the finding existed.
 */
import type { Finding, Language } from './finding';
import { renderFinding, sentenceContext } from './render';

export class FindingError extends Error {
  /** Null when the message was worded by the thrower already (it knew the reader's language). */
  readonly finding: Finding | null;

  constructor(what: Finding | string) {
    super(typeof what === 'string' ? what : renderFinding(what, sentenceContext('en')));
    this.finding = typeof what === 'string' ? null : what;
  }
}

/** A problem of a command line or of its inputs, as data: figures name the option, the file, the value. */
export function problem(code: string, figures: Finding['figures'] = {}): Finding {
  return { code, severity: 'warning', figures };
}

/** The error's message in `lang`: its finding rendered, or the message as it was worded. */
export function errorText(error: unknown, lang: Language): string {
  if (error instanceof FindingError && error.finding) return renderFinding(error.finding, sentenceContext(lang));
  return error instanceof Error ? error.message : String(error);
}
