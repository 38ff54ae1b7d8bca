/**
 * The structural limits of a scenario file, checked on the raw parsed JSON before
 * migration and the schema, so that nothing later (the recursive schema walk, the
 * migration's copy, "did you mean" searches, the per-class reach analysis) ever sees a
 * document whose size alone would cost minutes or overflow the stack. The figures sit
 * far above any architecture a person draws; the README's "Limits" section states them.
 */
import { formatJsonPath } from './paths';
import type { Issue } from './issue';

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

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? word : many}`;
}

/**
 * The first structural limit the document breaks, if any, with its JSON path. The walk is
 * iterative (an explicit stack), so a 100,000-level document is reported, not a stack overflow.
 */
export function checkStructure(doc: unknown): Issue | undefined {
  if (typeof doc === 'object' && doc !== null && !Array.isArray(doc)) {
    const root = doc as Record<string, unknown>;
    const counted: [string, number, string, string][] = [
      ['nodes', scenarioLimits.nodes, 'node', 'nodes'],
      ['edges', scenarioLimits.edges, 'edge', 'edges'],
      ['classes', scenarioLimits.classes, 'class', 'classes'],
    ];
    for (const [field, limit, word, many] of counted) {
      const list = Object.hasOwn(root, field) ? root[field] : undefined;
      if (Array.isArray(list) && list.length > limit) {
        return { path: field, message: `has ${plural(list.length, word, many)}; a scenario may have at most ${limit.toLocaleString('en-US')}` };
      }
    }
  }
  const stack: { value: unknown; path: Key[] }[] = [{ value: doc, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop() as { value: unknown; path: Key[] };
    if (typeof value === 'string') {
      const idLike = path.length > 0 && (path[path.length - 1] === 'id' || path[path.length - 1] === 'from' || path[path.length - 1] === 'to');
      const limit = idLike ? scenarioLimits.keyLength : scenarioLimits.stringLength;
      if (value.length > limit) return { path: formatJsonPath(path), message: `is ${plural(value.length, 'character')} long; at most ${limit.toLocaleString('en-US')} are allowed here` };
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (path.length >= scenarioLimits.nestingDepth) {
      return { path: formatJsonPath(path), message: `is nested ${path.length} levels deep; a scenario nests at most ${scenarioLimits.nestingDepth}` };
    }
    if (Array.isArray(value)) {
      if (value.length > scenarioLimits.listItems) return { path: formatJsonPath(path), message: `has ${plural(value.length, 'item')}; a list may have at most ${scenarioLimits.listItems.toLocaleString('en-US')}` };
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: [...path, i] });
      continue;
    }
    const keys = Object.keys(value);
    if (keys.length > scenarioLimits.objectFields) return { path: formatJsonPath(path), message: `has ${plural(keys.length, 'field')}; an object may have at most ${scenarioLimits.objectFields.toLocaleString('en-US')}` };
    for (let i = keys.length - 1; i >= 0; i--) {
      const k = keys[i] as string;
      if (k.length > scenarioLimits.keyLength) return { path: formatJsonPath(path), message: `has a field name ${plural(k.length, 'character')} long; at most ${scenarioLimits.keyLength} are allowed` };
      stack.push({ value: (value as Record<string, unknown>)[k], path: [...path, k] });
    }
  }
  return undefined;
}

/** The file-size limit, checked before the text is parsed at all. */
export function checkFileSize(text: string): Issue | undefined {
  if (text.length <= scenarioLimits.fileCharacters) return undefined;
  return { path: '', message: `is ${(text.length / 1e6).toFixed(1)} million characters; a scenario file may have at most ${(scenarioLimits.fileCharacters / 1e6).toFixed(0)} million` };
}
