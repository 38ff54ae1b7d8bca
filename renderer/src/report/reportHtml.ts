/**
 * The printable page of a model that has not been run: its name, description and diagram,
 * and a note that there are no results yet. A run's report is the simulation's own HTML
 * report (simulation/report/html.ts), the same the CLI writes. No scripts, inline CSS only,
 * so it prints the same in any host.
 */
import type { TFunction } from 'i18next';
import type { Scenario } from '../../../simulation/model/schema';
import { formatDateTime } from '../i18n/format';

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export function reportHtml(o: { scenario: Scenario; diagram: string; t: TFunction; lang: string }): string {
  const { scenario: s, t, lang } = o;
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${esc(s.name)}</title>
<style>body{font-family:system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#18181b;margin:32px}
h1{font-size:22px;margin:0 0 4px}.muted{color:#71717a;font-size:12px}svg{max-width:100%;height:auto;border:1px solid #e4e4e7;border-radius:8px;margin:16px 0}
</style></head>
<body><h1>${esc(s.name)}</h1><div class="muted">${formatDateTime(Date.now(), lang)}</div>
${s.description ? `<p>${esc(s.description)}</p>` : ''}${o.diagram}<p>${t('results.none')}</p></body></html>`;
}
