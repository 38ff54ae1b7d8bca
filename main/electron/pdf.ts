/**
 * {@link PdfRendererPort} over a hidden BrowserWindow: JavaScript off, sandboxed, in a
 * private in-memory session whose only reachable URL is the report itself (served
 * from memory over app://report/), printed with Chromium's own print path.
 */
import { randomBytes } from 'node:crypto';
import { BrowserWindow, session } from 'electron';
import { buildPdfWindowOptions, PDF_PARTITION } from '../window/buildWindowOptions';
import { REPORT_CSP } from '../window/csp';
import { isAllowedReportRequest, reportTokenFromUrl, reportUrl } from '../window/protocol';
import { APP_SCHEME } from '../window/origins';
import type { PdfRendererPort } from '../platform/ports';

const LOAD_TIMEOUT_MS = 30_000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Creates the PDF renderer; its session is set up on first use (after app ready). */
export function createElectronPdfRenderer(): PdfRendererPort {
  const reports = new Map<string, string>();
  let ready = false;

  const prepare = (): void => {
    if (ready) return;
    const ses = session.fromPartition(PDF_PARTITION);
    ses.protocol.handle(APP_SCHEME, (request) => {
      const token = reportTokenFromUrl(request.url);
      const html = token === null ? undefined : reports.get(token);
      if (html === undefined) return new Response('not found', { status: 404 });
      return new Response(html, {
        headers: {
          'Content-Type': 'text/html; charset=utf-8',
          'Content-Security-Policy': REPORT_CSP,
          'X-Content-Type-Options': 'nosniff',
        },
      });
    });
    ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    ses.setPermissionCheckHandler(() => false);
    ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedReportRequest(details.url) }));
    ready = true;
  };

  return {
    async render(html) {
      prepare();
      const token = randomBytes(18).toString('base64url');
      reports.set(token, html);
      const window = new BrowserWindow(buildPdfWindowOptions());
      window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
      window.webContents.on('will-navigate', (event) => event.preventDefault());
      try {
        await withTimeout(window.loadURL(reportUrl(token)), LOAD_TIMEOUT_MS, 'loading the report');
        const pdf = await window.webContents.printToPDF({
          printBackground: true,
          preferCSSPageSize: true,
          pageSize: 'A4',
          generateTaggedPDF: true,
          generateDocumentOutline: true,
        });
        return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
      } finally {
        reports.delete(token);
        window.destroy();
      }
    },
  };
}
