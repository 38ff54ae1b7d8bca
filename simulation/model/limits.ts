/**
 * The structural limits of a scenario file, checked on the raw parsed JSON before
 * migration and the schema, so that nothing later (the recursive schema walk, the
 * migration's copy, "did you mean" searches, the per-class reach analysis) ever sees a
 * document whose size alone would cost minutes or overflow the stack. The figures sit
 * far above any architecture a person draws; the README's "Limits" section states them.
 */
import { formatJsonPath } from './paths';
import type { Issue } from './issue';
import { issueOf } from './findingIssue';

export const scenarioLimits = {
  /** Size of the file text, in characters (UTF-16 code units). */
  fileCharacters: 10_000_000,
  /** Levels of objects and lists inside one another; the format itself needs fewer than 12. */
  nestingDepth: 64,
  /** Any single string value (labels, descriptions). */
  stringLength: 10_000,
  /** Any object key, and every id (a node, class or edge end). */
  keyLength: 128,
  /** Items in any one list (for instance an empirical distribution's samples). */
  listItems: 100_000,
  nodes: 10_000,
  edges: 50_000,
  classes: 200,
  /** Fields in any one object (per-class maps included). */
  objectFields: 1_000,
} as const;

type Key = string | number;

/**
 * The first structural limit the document breaks, if any, with its JSON path. The walk is
 * iterative (an explicit stack), so a 100,000-level document is reported, not a stack overflow.
 */
export function checkStructure(doc: unknown): Issue | undefined {
  if (typeof doc === 'object' && doc !== null && !Array.isArray(doc)) {
    const root = doc as Record<string, unknown>;
    const counted: [string, number][] = [
      ['nodes', scenarioLimits.nodes],
      ['edges', scenarioLimits.edges],
      ['classes', scenarioLimits.classes],
    ];
    for (const [field, limit] of counted) {
      const list = Object.hasOwn(root, field) ? root[field] : undefined;
      if (Array.isArray(list) && list.length > limit) return issueOf(field, { code: 'tooManyItemsOfKind', figures: { field, count: list.length, limit } });
    }
  }
  const stack: { value: unknown; path: Key[] }[] = [{ value: doc, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop() as { value: unknown; path: Key[] };
    if (typeof value === 'string') {
      const idLike = path.length > 0 && (path[path.length - 1] === 'id' || path[path.length - 1] === 'from' || path[path.length - 1] === 'to');
      const limit = idLike ? scenarioLimits.keyLength : scenarioLimits.stringLength;
      if (value.length > limit) return issueOf(formatJsonPath(path), { code: 'stringTooLong', figures: { length: value.length, limit } });
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (path.length >= scenarioLimits.nestingDepth) {
      return issueOf(formatJsonPath(path), { code: 'nestedTooDeep', figures: { depth: path.length, limit: scenarioLimits.nestingDepth } });
    }
    if (Array.isArray(value)) {
      if (value.length > scenarioLimits.listItems) return issueOf(formatJsonPath(path), { code: 'listTooLong', figures: { count: value.length, limit: scenarioLimits.listItems } });
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: [...path, i] });
      continue;
    }
    const keys = Object.keys(value);
    if (keys.length > scenarioLimits.objectFields) return issueOf(formatJsonPath(path), { code: 'tooManyFields', figures: { count: keys.length, limit: scenarioLimits.objectFields } });
    for (let i = keys.length - 1; i >= 0; i--) {
      const k = keys[i] as string;
      if (k.length > scenarioLimits.keyLength) return issueOf(formatJsonPath(path), { code: 'fieldNameTooLong', figures: { length: k.length, limit: scenarioLimits.keyLength } });
      stack.push({ value: (value as Record<string, unknown>)[k], path: [...path, k] });
    }
  }
  return undefined;
}

/** The file-size limit, checked before the text is parsed at all. */
export function checkFileSize(text: string): Issue | undefined {
  if (text.length <= scenarioLimits.fileCharacters) return undefined;
  return issueOf('', { code: 'fileTooLong', figures: { characters: text.length, limit: scenarioLimits.fileCharacters } });
}
