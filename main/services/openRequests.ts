/**
 * Files the OS asks us to open: scenario paths on the command line (Windows, Linux,
 * and a second instance) and macOS `open-file` events, plus the choice of window to
 * show them in.
 */
import { isAbsolute, resolve } from 'node:path';
import { isScenarioPath } from './fileNames';

/**
 * Scenario paths in `argv` (which starts with the executable), resolved against the
 * launching process's working directory. Flags and non-scenario arguments (such as
 * the app path in development) are ignored.
 */
export function scenarioPathsFromArgv(argv: readonly string[], cwd: string): string[] {
  const seen = new Set<string>();
  for (const arg of argv.slice(1)) {
    if (arg.startsWith('-') || !isScenarioPath(arg)) continue;
    seen.add(isAbsolute(arg) ? arg : resolve(cwd, arg));
  }
  return [...seen];
}

/** What the chooser needs to know about each window. */
export interface WindowCandidate {
  id: number;
  dirty: boolean;
  hasDocument: boolean;
}

/**
 * The window that should show a newly opened file: the focused window if it has no
 * unsaved changes, else an empty window, else null (open a new window). A file opened
 * from outside never replaces unsaved work, and never replaces a background window's
 * document behind the user's back.
 */
export function pickTargetWindow(windows: readonly WindowCandidate[], focusedId: number | null): number | null {
  const focused = windows.find((w) => w.id === focusedId);
  if (focused && !focused.dirty) return focused.id;
  return windows.find((w) => !w.dirty && !w.hasDocument)?.id ?? null;
}
