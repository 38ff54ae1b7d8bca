/**
 * The self-contained HTML report of a run: what a user takes into a design review.
 * One file, no script and no external request (charts are inline SVG), readable in a
 * browser and printable to PDF. The architecture diagram comes from the scenario's
 * canvas positions, so it looks like what the user drew.
 */
import { bottleneckText, nodeLabels, sloPresentation, warningTexts } from '../format/present';
import { sloBoundIsFloor, sloBoundKind } from '../measures/sloBounds';
import type { CompletionFigures, CompletionSummary, EventMark, LatencyHistogram, ResultDocument } from '../model/result';
import type { Scenario } from '../model/schema';
import type { Finding } from '../findings/finding';
import { renderFinding, sentenceContext } from '../findings/render';
import { sloBoundName } from '../findings/tables/result';
import { hostLines } from '../format/hostsText';
import { numberFormats } from '../locale/language';
import { displayedUtilization, utilizationText } from '../measures/utilization';
import { barChart, clip, escapeXml, lineChart, utilizationColor } from './svg';
import { reportSentences, reportStrings, type ReportLanguage } from './strings';
import { knownKind } from '../model/kinds';

/** The scenario's graph as SVG, nodes tinted by measured utilization when given. */
export function architectureSvg(scenario: Scenario, result?: ResultDocument, language: ReportLanguage = 'en'): string {
  const kindName = (kind: string) => reportStrings[language].kinds[kind] ?? kind;
  const nodes = scenario.nodes;
  if (nodes.length === 0) return '';
  const w = 150;
  const h = 54;
  const xs = nodes.map((n) => n.position.x);
  const ys = nodes.map((n) => n.position.y);
  const minX = Math.min(...xs) - 20;
  const minY = Math.min(...ys) - 20;
  const width = Math.max(...xs) - minX + w + 20;
  const height = Math.max(...ys) - minY + h + 20;
  const at = new Map(nodes.map((n) => [n.id, { x: n.position.x - minX, y: n.position.y - minY }]));
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" style="max-width:${width}px" role="img" font-family="system-ui, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif" font-size="12">`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#6b7280"/></marker></defs>',
  ];
  scenario.edges.forEach((e) => {
    const a = at.get(e.from);
    const b = at.get(e.to);
    if (!a || !b) return;
    const x1 = a.x + w;
    const y1 = a.y + h / 2;
    const x2 = b.x;
    const y2 = b.y + h / 2;
    const dashed = e.mode === 'async' ? ' stroke-dasharray="6 4"' : '';
    parts.push(`<path d="M${x1},${y1} C${(x1 + x2) / 2},${y1} ${(x1 + x2) / 2},${y2} ${x2},${y2}" fill="none" stroke="#6b7280" stroke-width="1.5"${dashed} marker-end="url(#arrow)"/>`);
  });
  for (const n of nodes) {
    const p = at.get(n.id)!;
    const measured = result?.nodes[n.id];
    const u = measured ? displayedUtilization(measured) : null;
    const fill = u?.share == null ? '#ffffff' : `${utilizationColor(u.share)}22`;
    parts.push(`<rect x="${p.x}" y="${p.y}" width="${w}" height="${h}" rx="8" fill="${fill}" stroke="${knownKind(n.kind)?.color ?? '#374151'}" stroke-width="2"/>`);
    const label = n.label || n.id;
    parts.push(`<text x="${p.x + 10}" y="${p.y + 21}" font-weight="600" fill="#111827"><title>${escapeXml(label)}</title>${escapeXml(clip(label, 20))}</text>`);
    // An unlimited node's "– (unlimited; …)" does not fit the box: its kind alone says enough there.
    const detail = u?.share == null ? kindName(n.kind) : `${kindName(n.kind)} · ${utilizationText(u, language)}`;
    parts.push(`<text x="${p.x + 10}" y="${p.y + 40}" fill="#4b5563">${escapeXml(detail)}</text>`);
  }
  parts.push('</svg>');
  return parts.join('');
}

export const reportStyle = `
body{font-family:system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#111827;margin:0;background:#f9fafb}
main{max-width:960px;margin:0 auto;padding:32px 24px 64px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 12px;border-bottom:1px solid #e5e7eb;padding-bottom:6px}
.muted{color:#6b7280}.card{background:#fff;border:1px solid #e5e7eb;border-radius:10px;padding:16px;margin:12px 0}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:12px}
.metric .v{font-size:22px;font-weight:600}.metric .l{color:#6b7280;font-size:12px;text-transform:uppercase;letter-spacing:.04em}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{padding:6px 8px;border-bottom:1px solid #f3f4f6;text-align:right}
th:first-child,td:first-child{text-align:left}th{color:#6b7280;font-weight:500}
.ok{color:#059669;font-weight:600}.bad{color:#dc2626;font-weight:600}.warn{background:#fffbeb;border-color:#fcd34d}
.recommend{background:#eff6ff;border-color:#bfdbfe;font-size:15px}
table.events th,table.events td{text-align:left}
@media print{body{background:#fff}.card{break-inside:avoid}}
`;

export function htmlDocument(title: string, language: ReportLanguage, body: string): string {
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeXml(title)}</title>
<style>${reportStyle}</style>
</head>
<body><main>
${body}
</main></body>
</html>
`;
}

function interval(ci: [number, number], fmt: (x: number) => string): string {
  const half = (ci[1] - ci[0]) / 2;
  return half > 0 ? ` <span class="muted">± ${escapeXml(fmt(half))}</span>` : '';
}

/**
 * The latency histogram as a density: each bucket's share divided by its width, per
 * millisecond. The buckets are logarithmic (16 per octave, so each octave's are twice as
 * wide as the last's); plotting shares would draw a sawtooth that jumps ×2 at every
 * octave. Buckets from `upTo` on (the thin far tail) are left out and their share returned.
 */
export function latencyDensity(h: LatencyHistogram, upTo: number): { lower: number[]; upper: number[]; perMs: number[]; tailShare: number } {
  const lower: number[] = [];
  const upper: number[] = [];
  const perMs: number[] = [];
  let tailShare = 0;
  h.share.forEach((share, i) => {
    const x0 = h.lower[i]!;
    const x1 = h.upper[i]!;
    if (x0 >= upTo || !(x1 > x0)) {
      tailShare += share;
      return;
    }
    lower.push(x0);
    // A bucket cut by `upTo` keeps its own density; only its drawing stops there.
    upper.push(Math.min(x1, upTo));
    perMs.push(share / ((x1 - x0) * 1000));
  });
  return { lower, upper, perMs, tailShare };
}

/** The completion table: all requests, each source and class when there are several, each consumer path that carried requests. */
function completionSection(c: CompletionSummary, classes: ResultDocument['classes'], language: ReportLanguage, labels: Readonly<Record<string, string>>): string {
  const t = reportStrings[language];
  const { duration, number: trim, percent } = numberFormats(language);
  const name = (id: string) => labels[id] ?? id;
  const rows: [string, CompletionFigures][] = [[t.completionAll, c]];
  const sources = Object.entries(c.sources);
  if (sources.length > 1) for (const [id, f] of sources) rows.push([name(id), f]);
  const perClass = Object.entries(classes).filter(([, k]) => k.completion !== undefined);
  if (perClass.length > 1) for (const [id, k] of perClass) rows.push([id, k.completion!]);
  for (const p of c.paths) if (p.rate > 0) rows.push([p.path.map(name).join(' → '), p]);
  const cell = (f: CompletionFigures, key: 'mean' | 'p50' | 'p95' | 'p99') => `${f.lowerBound.includes(key) ? '≥ ' : ''}${duration(f[key])}`;
  const out = [`<h2>${escapeXml(t.completion)}</h2><div class="card"><table>`];
  out.push(`<tr><th>${t.completionOf}</th><th>${t.mean}</th><th>p50</th><th>p95</th><th>p99</th><th>${t.unfinished}</th></tr>`);
  for (const [label, f] of rows) {
    out.push(`<tr><td>${escapeXml(label)}</td><td>${escapeXml(cell(f, 'mean'))}</td><td>${escapeXml(cell(f, 'p50'))}</td><td>${escapeXml(cell(f, 'p95'))}</td><td>${escapeXml(cell(f, 'p99'))}${interval(f.ci.p99, duration)}</td><td>${escapeXml(`${trim(f.unfinished)} (${percent(f.unfinishedShare, 2)})`)}</td></tr>`);
  }
  out.push(`</table><div class="muted">${escapeXml(reportSentences[language].completionNote(rows.some(([, f]) => f.lowerBound.length > 0)))}</div></div>`);
  return out.join('');
}

/** What a chart's marker of each timeline event says: "Cache flush of Redis at 70 s". */
export function eventMarkLabels(events: readonly EventMark[], language: ReportLanguage, labels: Readonly<Record<string, string>>): string[] {
  const t = reportStrings[language];
  const { number: trim } = numberFormats(language);
  return events.map((e) => {
    const action = t.actions[e.action] ?? e.action;
    const node = labels[e.node] ?? e.node;
    return language === 'zh-CN' ? `第 ${trim(e.at)} 秒 ${node} 的${action}` : `${action} of ${node} at ${trim(e.at)} s`;
  });
}

/** The timeline's events, numbered as the charts mark them: time, node, action, when each ended and the run recovered. */
export function eventsSection(events: readonly EventMark[], language: ReportLanguage, labels: Readonly<Record<string, string>>): string {
  if (events.length === 0) return '';
  const t = reportStrings[language];
  const { number: trim, duration, percent } = numberFormats(language);
  const moment = (x: number | null) => (x === null ? t.notInRun : t.seconds(trim(x)));
  const out = [`<h2>${escapeXml(t.events)}</h2><div class="card"><table class="events">`];
  out.push(`<tr><th>#</th><th>${t.eventTime}</th><th>${t.node}</th><th>${t.eventAction}</th><th>${t.eventEnded}</th><th>${t.eventRecovered}</th><th>${t.eventWorst}</th></tr>`);
  events.forEach((e, i) => {
    const replica = e.replica !== undefined ? ` #${e.replica}` : '';
    out.push(
      `<tr><td>${i + 1}</td><td>${escapeXml(t.seconds(trim(e.at)))}</td><td>${escapeXml(labels[e.node] ?? e.node)}</td><td>${escapeXml((t.actions[e.action] ?? e.action) + replica)}</td><td>${escapeXml(moment(e.end))}</td><td>${escapeXml(moment(e.recovered))}</td><td>${escapeXml(`${percent(e.worst.errorRate, 1)} / ${duration(e.worst.p99)}`)}</td></tr>`,
    );
  });
  out.push(`</table><div class="muted">${escapeXml(t.eventNote)}</div></div>`);
  return out.join('');
}

/** The result section alone (also used inside sweep reports). */
export function resultSections(scenario: Scenario, r: ResultDocument, language: ReportLanguage): string {
  const t = reportStrings[language];
  const { rate: formatRate, duration: formatDuration, percent: formatPercent, number: trim } = numberFormats(language);
  const s = r.summary;
  const metric = (label: string, value: string) => `<div class="metric"><div class="l">${escapeXml(label)}</div><div class="v">${value}</div></div>`;
  const out: string[] = [];
  const labels = nodeLabels(scenario);
  const warnings = warningTexts(r, language, labels);
  const slo = sloPresentation(r, language, labels);
  out.push(`<h2>${t.results}</h2>`);
  // An overloaded run's figures mislead unless the reader knows first: its warnings lead.
  if (!r.stable) for (const w of warnings) out.push(`<div class="card warn">⚠ ${escapeXml(w)}</div>`);
  out.push(`<div class="card grid">`);
  out.push(metric(t.throughput, `${escapeXml(formatRate(s.throughput))}${interval(s.throughputCi, trim)}`));
  out.push(metric('p50', escapeXml(formatDuration(s.latency.p50)) + interval(s.latencyCi.p50, formatDuration)));
  out.push(metric('p95', escapeXml(formatDuration(s.latency.p95)) + interval(s.latencyCi.p95, formatDuration)));
  out.push(metric('p99', escapeXml(formatDuration(s.latency.p99)) + interval(s.latencyCi.p99, formatDuration)));
  out.push(metric(t.errorRate, escapeXml(formatPercent(s.errorRate, 2)) + interval(s.errorRateCi, (x) => formatPercent(x, 2))));
  out.push(metric(t.slo, slo.verdict === 'none' ? `<span class="muted">${t.noSlo}</span>` : slo.verdict === 'met' ? `<span class="ok">${t.met}</span>` : `<span class="bad">${t.notMet}</span>`));
  out.push('</div>');
  if (slo.reasons.length > 0) out.push(`<div class="card bad-reasons"><strong>${escapeXml(slo.headline)}:</strong> ${slo.reasons.map(escapeXml).join('; ')}</div>`);
  if (Object.keys(s.slo).length > 0) {
    out.push(`<div class="card"><table><tr><th>${t.sloBound}</th><th>${t.target}</th><th>${t.measured}</th><th></th></tr>`);
    for (const [key, c] of Object.entries(s.slo)) {
      const kind = sloBoundKind(key);
      const fmt = kind === 'share' ? (x: number) => formatPercent(x, 2) : kind === 'rate' ? formatRate : kind === 'messages' ? trim : formatDuration;
      out.push(`<tr><td>${escapeXml(kind === 'messages' ? `${t.backlog} ${c.node !== undefined && Object.hasOwn(labels, c.node) ? labels[c.node] : (c.node ?? '')}` : sloBoundName(key, language))}</td><td>${escapeXml((sloBoundIsFloor(key) ? '≥ ' : '≤ ') + fmt(c.bound))}</td><td>${escapeXml(fmt(c.actual))}</td><td class="${c.met ? 'ok' : 'bad'}">${c.met ? '✓' : '✗'}</td></tr>`);
    }
    out.push('</table></div>');
  }
  if (s.completion) out.push(completionSection(s.completion, r.classes, language, labels));
  const bottleneck = bottleneckText(r, language, labels);
  if (bottleneck) out.push(`<div class="card recommend"><strong>${t.bottleneck}:</strong> ${escapeXml(bottleneck)}</div>`);
  if (r.stable) for (const w of warnings) out.push(`<div class="card warn">⚠ ${escapeXml(w)}</div>`);
  if (r.cost) out.push(`<div class="card">${t.cost}: <strong>${r.cost.perHour.toFixed(2)} ${escapeXml(r.cost.currency)}/h</strong>${r.cost.perMillionRequests === null ? '' : ` · ${r.cost.perMillionRequests.toFixed(2)} ${escapeXml(r.cost.currency)} ${t.perMillion}`}</div>`);

  const ids = Object.keys(r.nodes);
  const shown = new Map(ids.map((id) => [id, displayedUtilization(r.nodes[id]!)]));
  // Only nodes with a limited resource have a utilization that is a share.
  const limited = ids.filter((id) => shown.get(id)!.share !== null);
  out.push(`<h2>${t.utilization}</h2><div class="card">`);
  if (limited.length > 0)
    out.push(barChart(limited.map((id) => labels[id] ?? id), limited.map((id) => shown.get(id)!.share!), { formatValue: (_, i) => utilizationText(shown.get(limited[i]!)!, language), max: 1, colorOf: utilizationColor }));
  out.push('</div><div class="card"><table>');
  out.push(`<tr><th>${t.node}</th><th>${t.kind}</th><th>${t.replicas}</th><th>${t.throughput}</th><th>${t.utilization}</th><th>CPU</th><th>${t.queue}</th><th>${t.wait}</th><th>${t.response}</th><th>${t.rejected}</th></tr>`);
  for (const id of ids) {
    const n = r.nodes[id]!;
    out.push(
      `<tr><td>${escapeXml(labels[id] ?? id)}</td><td>${escapeXml(t.kinds[n.kind] ?? n.kind)}</td><td>${trim(n.replicas)}</td><td>${escapeXml(formatRate(n.throughput))}</td><td>${escapeXml(utilizationText(shown.get(id)!, language))}</td><td>${knownKind(n.kind)?.cpuColumn === true && n.cpuUtilization !== null ? formatPercent(n.cpuUtilization, 0) : '–'}</td><td>${trim(n.queueLength)}</td><td>${escapeXml(formatDuration(n.waitTime))}</td><td>${escapeXml(formatDuration(n.responseTime))}</td><td>${formatPercent(n.rejected, 2)}</td></tr>`,
    );
  }
  out.push('</table></div>');
  // A keyed cache's hit ratio is an outcome, not an input: the report states what the run measured.
  const caches = scenario.nodes.filter((n) => n.kind === 'cache' && r.nodes[n.id]?.hitRatio !== undefined);
  if (caches.length > 0)
    out.push(
      `<div class="card"><strong>${t.cacheHits}${t.colon}</strong><ul>${caches.map((n) => `<li>${escapeXml(`${labels[n.id] ?? n.id}${t.colon}${formatPercent(r.nodes[n.id]!.hitRatio!, 1)}${n.kind === 'cache' && n.keys !== undefined ? t.aside(t.fromKeys) : ''}`)}</li>`).join('')}</ul></div>`,
    );
  const hosts = hostLines(r, language, labels);
  if (hosts.length > 0) out.push(`<div class="card"><strong>${t.hosts}:</strong><ul>${hosts.map((line) => `<li>${escapeXml(line)}</li>`).join('')}</ul></div>`);

  const ts = r.timeSeries;
  const marks = r.events ?? [];
  const eventLabels = eventMarkLabels(marks, language, labels);
  const events = marks.map((e, i) => ({ x: e.at, label: eventLabels[i]! }));
  out.push(`<h2>${t.overTime}</h2><div class="card">`);
  out.push(lineChart([{ name: t.throughput, color: '#2563eb', x: ts.start, y: ts.throughput }], { xLabel: t.simulatedTime, yLabel: t.throughputUnit, formatX: (x) => `${trim(x)}`, formatY: trim, events }));
  out.push(
    lineChart([{ name: 'p99', color: '#7c3aed', x: ts.start, y: ts.p99 }], {
      xLabel: t.simulatedTime,
      yLabel: 'p99',
      formatX: (x) => `${trim(x)}`,
      formatY: formatDuration,
      threshold: scenario.slo?.p99 !== undefined ? { y: scenario.slo.p99, label: `SLO p99 ${formatDuration(scenario.slo.p99)}` } : undefined,
      events,
    }),
  );
  out.push(`<div class="muted">${escapeXml(t.p99SuccessOnly)}</div>`);
  out.push(lineChart([{ name: t.errorRate, color: '#dc2626', x: ts.start, y: ts.errorRate }], { xLabel: t.simulatedTime, yLabel: t.errorRate, formatX: (x) => `${trim(x)}`, formatY: (v) => formatPercent(v, 1), events }));
  out.push('</div>');
  out.push(eventsSection(marks, language, labels));
  const hist = r.latencyHistogram;
  const upTo = s.latency.p999 || s.latency.p99 * 1.5;
  const d = latencyDensity(hist, upTo);
  if (d.lower.length > 0) {
    out.push(`<h2>${t.latencyDistribution}</h2><div class="card">`);
    // Steps: each bucket is flat at its density across its width.
    const x = d.lower.flatMap((x0, i) => [x0, d.upper[i]!]);
    const y = d.perMs.flatMap((v) => [v, v]);
    out.push(lineChart([{ name: t.densityUnit, color: '#0891b2', x, y }], { xLabel: t.latency, yLabel: t.densityUnit, formatX: formatDuration, formatY: (v) => formatPercent(v, 2) }));
    out.push(`<div class="muted">${escapeXml(reportSentences[language].latencyDensityNote(formatPercent(d.tailShare, 2), formatDuration(upTo)))}</div>`);
    out.push('</div>');
  }
  return out.join('\n');
}

export function assumptionsSection(scenario: Scenario, r: ResultDocument, language: ReportLanguage): string {
  const t = reportStrings[language];
  const { rate: formatRate, duration: formatDuration, percent: formatPercent } = numberFormats(language);
  const sources = scenario.nodes.filter((n) => n.kind === 'source');
  const load = sources
    .map((n) => {
      if (n.kind !== 'source') return '';
      const a = n.arrival;
      const what = a.process === 'closed' ? `${a.users} ${t.users}` : `${formatRate(a.rate)} (${t.processes[a.process] ?? a.process})`;
      return `${escapeXml(n.label || n.id)}: ${escapeXml(what)}${n.profile ? ` · ${t.profile}` : ''}${n.mix ? ` · ${escapeXml(Object.entries(n.mix).map(([c, p]) => `${c} ${formatPercent(p, 0)}`).join(', '))}` : ''}`;
    })
    .join('<br>');
  return `<h2>${t.assumptions}</h2><div class="card"><table>
<tr><td>${t.load}</td><td>${load}</td></tr>
<tr><td>${t.runSettings}</td><td>${r.run.replications} × ${escapeXml(formatDuration(r.run.duration))}, ${t.warmup} ${escapeXml(formatDuration(r.run.warmup))}, ${t.seed} ${r.run.seed}, ${Math.round(r.run.confidence * 100)}% ${t.intervals}</td></tr>
</table></div>`;
}

/** A what-if verdict (e.g. resilience) above the run it was judged on: the headline last in `findings`, warnings, then the evidence. */
function verdictSection(scenario: Scenario, findings: readonly Finding[], language: ReportLanguage): string {
  if (findings.length === 0) return '';
  const context = sentenceContext(language, nodeLabels(scenario));
  const headline = findings.at(-1)!;
  const rest = findings.slice(0, -1);
  const item = (f: Finding) => `<li>${escapeXml(renderFinding(f, context))}</li>`;
  return [
    `<h2>${reportStrings[language].verdict}</h2>`,
    `<div class="card ${headline.severity === 'warning' ? 'warn' : 'recommend'}"><strong>${escapeXml(renderFinding(headline, context))}</strong></div>`,
    ...rest.filter((f) => f.severity === 'warning').map((f) => `<div class="card warn">⚠ ${escapeXml(renderFinding(f, context))}</div>`),
    `<div class="card"><ul>${rest.filter((f) => f.severity !== 'warning').map(item).join('')}</ul></div>`,
  ].join('\n');
}

export function renderReport(scenario: Scenario, result: ResultDocument, language: ReportLanguage = 'en', verdict: readonly Finding[] = []): string {
  const t = reportStrings[language];
  const body = [
    `<h1>${escapeXml(scenario.name)}</h1>`,
    `<div class="muted">${t.subtitle}</div>`,
    scenario.description ? `<p>${escapeXml(scenario.description)}</p>` : '',
    verdictSection(scenario, verdict, language),
    `<h2>${t.architecture}</h2><div class="card">${architectureSvg(scenario, result, language)}</div>`,
    assumptionsSection(scenario, result, language),
    resultSections(scenario, result, language),
  ].join('\n');
  return htmlDocument(`${scenario.name} — Headroom`, language, body);
}
