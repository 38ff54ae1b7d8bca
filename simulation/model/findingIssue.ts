/**
 * Validator problems as findings. zod carries only a message string from the schema to the
 * validator, so a finding travels inside it, tagged, and is decoded before anyone reads
 * it; every issue the validator returns then holds its finding, and `message` is that
 * finding's English sentence (what the CLI prints by default and the spec's examples show).
 */
import type { Finding, FindingFigure } from '../findings/finding';
import { renderFinding, sentenceContext } from '../findings/render';
import type { Issue } from './issue';

const tag = '\u0001finding:';

/** A schema error message that is a finding in disguise (`z.number({ error: says('mustBeNumber') })`). */
export function says(code: string, figures: Record<string, FindingFigure> = {}): string {
  return tag + JSON.stringify({ code, figures });
}

/** The finding a message produced by {@link says} carries; undefined for any other message. */
export function heard(message: string): Finding | undefined {
  if (!message.startsWith(tag)) return undefined;
  const { code, figures } = JSON.parse(message.slice(tag.length)) as { code: string; figures: Record<string, FindingFigure> };
  return { code, severity: 'warning', figures };
}

/** A finding about the file, without the severity every validator finding shares. */
export type FileFinding = Omit<Finding, 'severity'>;

/** An issue at `path` whose message is the finding in English, nodes named by `labels`. */
export function issueOf(path: string, finding: FileFinding, extra: Omit<Issue, 'path' | 'message' | 'finding'> = {}, labels: Readonly<Record<string, string>> = {}): Issue {
  const full: Finding = { severity: 'warning', ...finding };
  return { path, message: renderFinding(full, sentenceContext('en', labels)), finding: full, ...extra };
}

/** An issue from a zod message: its finding when it carries one, else zod's own words (English only). */
export function issueFromMessage(path: string, message: string, extra: Omit<Issue, 'path' | 'message' | 'finding'> = {}): Issue {
  const finding = heard(message);
  return finding ? issueOf(path, finding, extra) : { path, message, ...extra };
}
