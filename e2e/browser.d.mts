/** Types for browser.mjs (plain JavaScript so the e2e runner needs no build step). */
export interface BrowserSystem {
  env: Record<string, string | undefined>;
  isExecutable(path: string): boolean;
  isRoot(): boolean;
  run(command: string, args: string[]): { status: number; output: string };
  log(line: string): void;
}
export const BROWSER_ENV: string[];
export const BROWSER_NAMES: string[];
export const BROWSER_LOCATIONS: string[];
export const DEBIAN_PACKAGES: string[];
export const NO_INSTALL_ENV: string;
export const realSystem: BrowserSystem;
export function findBrowser(system?: BrowserSystem): string | null;
export function ensureBrowser(system?: BrowserSystem): { path: string; error?: undefined } | { error: string; path?: undefined };
