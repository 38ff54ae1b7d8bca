/**
 * The `app://headroom/` protocol: serves the built renderer from its output folder
 * and nothing else. The URL-to-path step refuses anything that could escape that
 * folder (dot segments, encoded separators, drive letters, NUL), then double-checks
 * the resolved path is still inside it, and the handler checks it once more after
 * symbolic links are followed, so a link planted in the folder cannot serve a file
 * from outside it.
 */
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { FsPort } from '../platform/ports';
import { APP_CSP } from './csp';
import { APP_HOST, APP_SCHEME } from './origins';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Maps an app URL to a file inside `root`, or null when the URL is not ours or tries
 * to leave `root`. `/` maps to `index.html`.
 */
export function resolveAppPath(rawUrl: string, root: string): string | null {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;

  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (/[\0\\:]/.test(pathname)) return null;
  const segments = pathname.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '.' || segment === '..')) return null;

  const base = resolve(root);
  const target = resolve(base, segments.length === 0 ? 'index.html' : segments.join(sep));
  return isInside(target, base) ? target : null;
}

/** Content type for a served file (octet-stream when unknown, so nothing is sniffed). */
export function contentTypeFor(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** The request fields the handler reads (a subset of the Fetch API Request). */
export interface AppRequestLike {
  url: string;
  method: string;
}

function plain(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' },
  });
}

function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** Creates the `protocol.handle` callback serving `root`. */
export function createAppProtocolHandler(options: { fs: FsPort; root: string }): (request: AppRequestLike) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'method not allowed');
    const path = resolveAppPath(request.url, options.root);
    if (path === null) return plain(404, 'not found');
    let body: Uint8Array;
    try {
      const [realRoot, realPath] = await Promise.all([options.fs.realpath(resolve(options.root)), options.fs.realpath(path)]);
      if (!isInside(realPath, realRoot)) return plain(404, 'not found');
      body = await options.fs.readBytes(realPath);
    } catch {
      return plain(404, 'not found');
    }
    return new Response(request.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), {
      status: 200,
      headers: {
        'Content-Type': contentTypeFor(path),
        'Content-Security-Policy': APP_CSP,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-cache',
      },
    });
  };
}

/** Host under which the hidden PDF window loads report HTML (in its own session). */
export const REPORT_HOST = 'report';

/** URL of a report held under `token`. */
export function reportUrl(token: string): string {
  return `${APP_SCHEME}://${REPORT_HOST}/${token}.html`;
}

/** The token in a report URL, or null for anything else. */
export function reportTokenFromUrl(rawUrl: string): string | null {
  try {
    const url = new URL(rawUrl);
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== REPORT_HOST) return null;
    return /^\/([A-Za-z0-9_-]{8,64})\.html$/.exec(url.pathname)?.[1] ?? null;
  } catch {
    return null;
  }
}

/** Whether the PDF window may load `url`: only its report page and inline data. */
export function isAllowedReportRequest(url: string): boolean {
  if (reportTokenFromUrl(url) !== null) return true;
  return url.startsWith('data:') || url.startsWith('blob:');
}
