/**
 * What the validator reports, apart from the validator: the migration chain and the
 * limit checks produce issues too and are called by validate.ts, so the types live here
 * where all of them can import them without importing each other.
 */
import type { Finding } from '../findings/finding';

/** One problem found in a scenario, at a JSON path (`nodes[2].workers`; '' for the whole file). */
export interface Issue {
  path: string;
  message: string;
  /** The one obvious repair, when there is one, for an editor to offer. */
  fix?: QuickFix;
  /** The model is unfinished here rather than wrong (a part not connected yet): an editor shows it softly while the user builds. */
  unconnected?: true;
  /** The issue as data, for a reader in another language (`message` is its English sentence). */
  finding?: Finding;
}

/**
 * A repair an editor can apply in one step: rename a misspelt field of the object at
 * the issue's path, set the value at the path (the nearest allowed one), or remove the
 * call that closes a cycle of sync calls.
 */
export type QuickFix = { kind: 'renameField'; from: string; to: string } | { kind: 'setValue'; value: string | number } | { kind: 'removeEdge'; edge: number };
