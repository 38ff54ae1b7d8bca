/**
 * The migration chain every scenario passes through on load, before validation, so
 * that a file written by any earlier Headroom keeps opening (the format's promise:
 * migrate on load, never break). Each step lifts a document by exactly one version
 * and knows nothing of later ones; the validator only ever sees the current version.
 *
 * Version 1 is the first published format. Version 0 is the pre-release shape, kept
 * so that the mechanism is exercised by real fixtures: nodes named their kind `type`,
 * and the run length was `run.length` instead of `run.duration`.
 */
import type { Issue } from './issue';
import { issueOf } from './findingIssue';

/** The scenario format version this Headroom writes and validates. */
export const currentVersion = 1;

/** The `format` tag of a scenario file. */
export const scenarioFormat = 'headroom/scenario';

type Doc = Record<string, unknown>;

interface Migration {
  /** The version this step reads; it produces `from + 1`. */
  from: number;
  up(doc: Doc): Doc;
}

function isObject(v: unknown): v is Doc {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Renames a key in place of the old one, so a re-saved file keeps its field order. */
function renameKey(obj: Doc, from: string, to: string): Doc {
  if (!(from in obj) || to in obj) return obj;
  // fromEntries defines own properties, so a hostile "__proto__" key stays a key.
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k === from ? to : k, v]));
}

const migrations: readonly Migration[] = [
  {
    from: 0,
    up(doc) {
      const out: Doc = { ...doc, version: 1 };
      if (Array.isArray(doc.nodes)) out.nodes = doc.nodes.map((n) => (isObject(n) ? renameKey(n, 'type', 'kind') : n));
      if (isObject(doc.run)) out.run = renameKey(doc.run, 'length', 'duration');
      return out;
    },
  },
];

const oldestVersion = Math.min(currentVersion, ...migrations.map((m) => m.from));

function clone(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(clone);
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clone(x)]));
  return v;
}

/**
 * Brings a parsed scenario file up to {@link currentVersion}. `from` is the version the
 * file declared (null when it declared none that could be read). `issues` are fatal:
 * when there are any, `doc` is the input unchanged and must not be validated further.
 * The input is never mutated; a migrated document is a fresh copy.
 */
export function migrate(doc: unknown): { doc: unknown; from: number | null; issues: Issue[] } {
  if (!isObject(doc)) {
    const got = doc === null ? 'null' : Array.isArray(doc) ? 'array' : typeof doc;
    return { doc, from: null, issues: [issueOf('', { code: 'notAnObject', figures: { format: scenarioFormat, types: got } })] };
  }
  if ('format' in doc && doc.format !== scenarioFormat) {
    const found = typeof doc.format === 'string' && doc.format.startsWith('headroom/') ? doc.format : null;
    return { doc, from: null, issues: [issueOf('format', { code: 'wrongFormat', figures: { format: scenarioFormat, found } })] };
  }
  const version = doc.version;
  if (version === undefined) {
    return { doc, from: null, issues: [issueOf('version', { code: 'versionMissing', figures: { current: currentVersion } })] };
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    return { doc, from: null, issues: [issueOf('version', { code: 'versionNotWhole', figures: { oldest: oldestVersion, current: currentVersion, value: JSON.stringify(version) } })] };
  }
  if (version > currentVersion) {
    return { doc, from: version, issues: [issueOf('version', { code: 'versionTooNew', figures: { version, current: currentVersion } })] };
  }
  if (version < oldestVersion) {
    return { doc, from: version, issues: [issueOf('version', { code: 'versionTooOld', figures: { version, oldest: oldestVersion, current: currentVersion } })] };
  }
  if (version === currentVersion) return { doc, from: version, issues: [] };

  let out = clone(doc) as Doc;
  for (let v = version; v < currentVersion; v++) {
    const step = migrations.find((m) => m.from === v);
    if (step === undefined) {
      return { doc, from: version, issues: [issueOf('version', { code: 'noMigration', figures: { from: v } })] };
    }
    out = step.up(out);
  }
  return { doc: out, from: version, issues: [] };
}
