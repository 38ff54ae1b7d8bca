/**
 * A {@link LoggerPort} writing to the process's stderr, with a prefix so main-process
 * messages stand out in a terminal shared with the renderer's DevTools output.
 */
import type { LoggerPort } from './ports';

/** Creates a console-backed logger. */
export function createConsoleLogger(prefix = '[headroom]'): LoggerPort {
  return {
    warn: (message, detail) => console.warn(prefix, message, ...(detail === undefined ? [] : [detail])),
    error: (message, detail) => console.error(prefix, message, ...(detail === undefined ? [] : [detail])),
  };
}
