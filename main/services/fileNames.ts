/**
 * File-name helpers for dialogs: the renderer suggests names, and main turns them
 * into safe default file names (no separators, no reserved characters) with the
 * right extension.
 */

/** The scenario file extension, including the leading dot. */
export const SCENARIO_EXTENSION = '.headroom.json';

/** A file name without path separators, reserved or control characters; empty stays empty. */
export function sanitizeFileName(name: string): string {
  const cleaned = name
    .replace(/[/\\:*?"<>|]/g, '-')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .replace(/^\.+/, '')
    .trim();
  return cleaned.slice(0, 200);
}

/** Ensures a scenario file name ends in `.headroom.json`. */
export function withScenarioExtension(name: string): string {
  if (name.toLowerCase().endsWith(SCENARIO_EXTENSION)) return name;
  return `${name.replace(/\.json$/i, '')}${SCENARIO_EXTENSION}`;
}

/** True for paths the app should open as scenarios. */
export function isScenarioPath(path: string): boolean {
  return path.toLowerCase().endsWith(SCENARIO_EXTENSION);
}

const EXTENSION_BY_MIME: Record<string, string> = {
  'image/svg+xml': 'svg',
  'image/png': 'png',
  'text/html': 'html',
  'text/csv': 'csv',
  'application/json': 'json',
  'application/pdf': 'pdf',
  'text/plain': 'txt',
};

/** The extension (no dot, lower case) for an export: from the name, else from the MIME type. */
export function exportExtension(name: string, mime: string): string {
  const match = /\.([A-Za-z0-9]{1,10})$/.exec(name);
  if (match?.[1]) return match[1].toLowerCase();
  return EXTENSION_BY_MIME[mime.split(';')[0]!.trim().toLowerCase()] ?? 'bin';
}

/** Ensures `name` ends with `.ext`. */
export function withExtension(name: string, ext: string): string {
  return name.toLowerCase().endsWith(`.${ext}`) ? name : `${name}.${ext}`;
}
