/**
 * Child process for the kill test: saves `target` over and over with the app's own
 * atomic write, each version a self-checking body, and prints the number of every
 * version whose save has returned. The parent SIGKILLs it at random moments.
 */
import { createNodeFs } from '../platform/nodeFs';
import { writeFileAtomic } from '../services/atomicWrite';

/** What version `n` of the document holds; the parent recomputes it to check the file. */
export function versionBody(n: number, size: number): string {
  return `${JSON.stringify({ version: n, body: String(n % 10).repeat(size) })}\n`;
}

async function main(): Promise<void> {
  const [target, sizeText, firstText] = process.argv.slice(2);
  if (!target) throw new Error('usage: saveLoop TARGET SIZE FIRST');
  const size = Number(sizeText);
  const fs = createNodeFs();
  for (let n = Number(firstText); ; n++) {
    await writeFileAtomic(fs, target, versionBody(n, size));
    process.stdout.write(`${n}\n`);
  }
}

if (process.argv[1]?.endsWith('saveLoop.mjs')) void main();
