/** Types for readme-blocks.mjs (plain JavaScript so `npm run readme` needs no build step). */
export interface ReadmeBlock {
  command: string;
  start: number;
  end: number;
  content: string;
}
export function annotatedBlocks(markdown: string): ReadmeBlock[];
export function runReadmeCommand(command: string, root: string): string;
export function blockContent(command: string, output: string): string;
export const RELATIVE_TOLERANCE: number;
export function differences(shown: string, actual: string): string[];
