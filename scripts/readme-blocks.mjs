/**
 * The README's examples as data: a code block preceded by
 * `<!-- readme: npx headroom … -->` shows that command and the output of a real run of
 * it. `npm run readme` (scripts/readme.mjs) re-runs every such command and rewrites its
 * block; tests/readme.test.ts re-runs them and fails when a block no longer matches.
 * Shared here so the writer and the checker cannot disagree on the format.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ANNOTATION = /^<!-- readme: (.+?) -->$/;
const FENCE = /^```/;

/** Each annotated block: its command, the lines its content spans (0-based, end exclusive) and the content. */
export function annotatedBlocks(markdown) {
  const lines = markdown.split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const match = ANNOTATION.exec(lines[i].trim());
    if (!match) continue;
    if (!FENCE.test(lines[i + 1] ?? '')) throw new Error(`README line ${i + 1}: a readme annotation must be followed by a code block`);
    const start = i + 2;
    let end = start;
    while (end < lines.length && !FENCE.test(lines[end])) end++;
    if (end === lines.length) throw new Error(`README line ${i + 2}: the code block is not closed`);
    blocks.push({ command: match[1], start, end, content: lines.slice(start, end).join('\n') });
  }
  return blocks;
}

/** Runs a README command (`npx headroom ARGS`, ARGS without quotes) from the project root; its standard output. */
export function runReadmeCommand(command, root) {
  const prefix = 'npx headroom ';
  if (!command.startsWith(prefix) || /["'`\\$]/.test(command)) {
    throw new Error(`README command "${command}": only "npx headroom" with plain arguments can be re-run`);
  }
  const args = command.slice(prefix.length).split(/\s+/).filter(Boolean);
  const child = spawnSync(process.execPath, [join(root, 'bin/headroom.mjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    maxBuffer: 1 << 26,
  });
  // Exit 3 is a verdict (--check, an SLO missed), not a failure to run.
  if (child.status !== 0 && child.status !== 3) throw new Error(`README command "${command}" exited ${child.status}: ${child.stderr}`);
  return child.stdout;
}

/** The block's content for a command and its output. */
export function blockContent(command, output) {
  return [`$ ${command}`, ...output.trimEnd().split('\n')].join('\n');
}

/** Relative tolerance for figures, on top of one unit in the last digit shown. */
export const RELATIVE_TOLERANCE = 0.02;
/** Lines that report the machine's speed: their words must match, their figures cannot. */
const TIMING_LINE = /events\/s/;
const TOKEN = /\d+(?:\.\d+)?(?:e[+-]?\d+)?|[^\s\d]+/gi;
const NUMBER = /^\d/;

function figureMatches(shown, actual) {
  const unit = 10 ** -((shown.split('e')[0].split('.')[1] ?? '').length);
  return Math.abs(Number(actual) - Number(shown)) <= Math.max(unit, RELATIVE_TOLERANCE * Math.abs(Number(shown)));
}

/**
 * Where a block shown in the README differs from a fresh one: words and line structure
 * exactly (whitespace aside, so a column may re-align), figures within
 * {@link RELATIVE_TOLERANCE} or one unit in their last digit. Empty when they match.
 */
export function differences(shown, actual) {
  const shownLines = shown.trimEnd().split('\n');
  const actualLines = actual.trimEnd().split('\n');
  const found = [];
  if (shownLines.length !== actualLines.length) found.push(`${shownLines.length} lines shown, ${actualLines.length} produced`);
  for (let i = 0; i < Math.min(shownLines.length, actualLines.length); i++) {
    // On the timing line the event count is the model's, but the wall time and its rate
    // (with their unit prefixes, k or M events/s) are the machine's: compare what comes before " in ".
    const timing = TIMING_LINE.test(shownLines[i]) && TIMING_LINE.test(actualLines[i]);
    const modelPart = (line) => (timing ? line.split(' in ')[0] : line);
    const a = modelPart(shownLines[i]).match(TOKEN) ?? [];
    const b = modelPart(actualLines[i]).match(TOKEN) ?? [];
    const same = a.length === b.length && a.every((token, k) => (NUMBER.test(token) && NUMBER.test(b[k]) ? figureMatches(token, b[k]) : token === b[k]));
    if (!same) found.push(`line ${i + 1}: shown "${shownLines[i].trim()}", produced "${actualLines[i].trim()}"`);
  }
  return found;
}
