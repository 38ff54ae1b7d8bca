/**
 * The renderer's meta policy and the header policy are one policy: the meta tag is what
 * holds in a plain browser and in development, the header what holds in the desktop app.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_CSP, REPORT_CSP } from './csp';

/** Directives a `<meta http-equiv>` policy cannot carry (CSP 3, §3.3). */
const headerOnly = new Set(['frame-ancestors', 'report-uri', 'sandbox']);

function directives(policy: string): Map<string, string> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...sources]) => [name!, sources.join(' ')]),
  );
}

describe('content security policy', () => {
  it('is the same in renderer/index.html as in the header, but for what a meta tag cannot carry', () => {
    const html = readFileSync(join(__dirname, '../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta, 'renderer/index.html has a CSP meta tag').toBeDefined();
    const header = directives(APP_CSP);
    for (const name of headerOnly) header.delete(name);
    expect(directives(meta!)).toEqual(header);
  });

  it('lets no script run and nothing load from outside, in the app and in reports', () => {
    for (const policy of [APP_CSP, REPORT_CSP]) {
      const d = directives(policy);
      expect(d.get('object-src') ?? d.get('default-src')).toMatch(/'none'|'self'/);
      expect(policy).not.toMatch(/unsafe-eval|https?:|\*/);
      expect(d.get('script-src') ?? d.get('default-src')).not.toContain('unsafe-inline');
    }
    expect(directives(REPORT_CSP).get('default-src')).toBe("'none'");
  });
});
