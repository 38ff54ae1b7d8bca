/**
 * `headroom fit`'s positionals and `--calibrate` nodes, in every form a person types:
 * `--calibrate api,db`, `--calibrate api --calibrate db`, and `--calibrate api db`.
 * The last is read by one rule: after `--calibrate VALUE`, each following word that can
 * be a node id (letters, digits, `-` and `_`, the format's id rule; commas between ids
 * allowed) is a node, until an option or a word that cannot be an id, which is the
 * scenario file (a file name has a dot or a slash). So `fit shop.json --calibrate api
 * db` and `fit --calibrate api db shop.json` both calibrate api and db; a scenario file
 * whose name could be an id, written after the nodes, is refused with the fix.
 */
import { problem } from '../findings/error';
import { idPattern } from '../model/schema';
import { UsageError } from './cliShared';

/** The parts of node:util parseArgs's tokens this reads. */
export type ArgToken = { kind: 'option'; name: string; value?: string | undefined } | { kind: 'positional'; value: string } | { kind: 'option-terminator' };

/** Node ids in one word: split at commas and spaces. */
const ids = (word: string) => word.split(/[,\s]+/).filter(Boolean);

export function fitArguments(tokens: readonly ArgToken[]): { files: string[]; calibrate: string[] } {
  const files: string[] = [];
  const calibrate: string[] = [];
  /** The nodes of the `--calibrate` being read, or null after any other option or a file. */
  let run: string[] | null = null;
  let lastRun: { nodes: string[]; words: number } | null = null;
  for (const token of tokens) {
    if (token.kind === 'option') {
      run = null;
      if (token.name !== 'calibrate') continue;
      const value = token.value ?? '';
      run = ids(value);
      if (run.length === 0) throw new UsageError(problem('fitCalibrateEmpty', { value }));
      calibrate.push(...run);
      lastRun = { nodes: run, words: 0 };
    } else if (token.kind === 'option-terminator') {
      run = null;
    } else if (run !== null && ids(token.value).length > 0 && ids(token.value).every((id) => idPattern.test(id))) {
      run.push(...ids(token.value));
      calibrate.push(...ids(token.value));
      lastRun!.words++;
    } else {
      if (run !== null && files.length > 0) throw new UsageError(problem('fitCalibrateSecondFile', { nodes: run.join(' '), value: token.value, file: files[0]! }));
      files.push(token.value);
      run = null;
    }
  }
  if (files.length === 0 && lastRun !== null && lastRun.words > 0) {
    throw new UsageError(problem('fitCalibrateNoFile', { nodes: lastRun.nodes.join(' '), last: lastRun.nodes.at(-1)! }));
  }
  return { files, calibrate };
}
