/**
 * Content-Security-Policy headers. The app policy matches the renderer's own meta tag
 * (renderer/index.html); sending it as a header too means it holds even for
 * responses that are not HTML (workers) and cannot be edited out of the document.
 */

/** Policy for the app's own pages and workers. */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Policy for report HTML printed to PDF: no scripts, no fetches, only inline resources. */
export const REPORT_CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  'img-src data: blob:',
  'font-src data:',
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
