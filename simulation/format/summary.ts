/**
 * The readable summary of a run, as `headroom run` prints it: the headline figures
 * with their confidence intervals, the SLO verdict, a per-node table a person can
 * scan, the bottleneck in words, and any warnings.
 */
import type { ResultDocument } from '../model/result';
import { renderFinding, sentenceContext } from '../findings/render';
import { sloBoundIsFloor, sloBoundKind } from '../measures/sloBounds';
import { sloVerdictOf } from '../analysis/verdict';
import { formatCount, formatDuration, formatPercent, formatRate, table, trim } from '../locale/units';
import { displayedUtilization, utilizationText } from '../measures/utilization';

function plusMinus(interval: [number, number], unit: (x: number) => string): string {
  const half = (interval[1] - interval[0]) / 2;
  return half > 0 ? ` ± ${unit(half)}` : '';
}

const sloLabels: Record<string, string> = { mean: 'mean', p50: 'p50', p95: 'p95', p99: 'p99', errorRate: 'errors', throughput: 'throughput' };

export function formatSummary(r: ResultDocument): string {
  const s = r.summary;
  const out: string[] = [];
  out.push(`${r.scenario} — ${r.run.replications} replication${r.run.replications === 1 ? '' : 's'} × ${formatDuration(r.run.duration)} (warm-up ${formatDuration(r.run.warmup)}), seed ${r.run.seed}, ${Math.round(r.run.confidence * 100)}% intervals`);
  out.push('');
  // An overloaded run's figures mislead unless the reader knows first: warnings lead.
  const warningsFirst = !r.stable;
  if (warningsFirst) {
    out.push(`  Stable      NO: the figures below are from a run that could not keep up`);
    for (const w of r.warnings) out.push(`  Warning     ${w}`);
    out.push('');
  }
  out.push(`  Throughput  ${formatRate(s.throughput)}${plusMinus(s.throughputCi, trim)}   (offered ${formatRate(s.offered)})`);
  out.push(
    `  Latency     mean ${formatDuration(s.latency.mean)}${plusMinus(s.latencyCi.mean, formatDuration)}   p50 ${formatDuration(s.latency.p50)}   p95 ${formatDuration(s.latency.p95)}   p99 ${formatDuration(s.latency.p99)}${plusMinus(s.latencyCi.p99, formatDuration)}   max ${formatDuration(s.latency.max)}`,
  );
  out.push(`  Errors      ${formatPercent(s.errorRate, 2)}   (rejected ${formatPercent(s.errors.rejected, 2)}, timed out ${formatPercent(s.errors.timedOut, 2)}, failed ${formatPercent(s.errors.failed, 2)})`);
  const checks = Object.entries(s.slo);
  const verdict = sloVerdictOf(s);
  const parts = checks.map(([key, c]) => {
    const kind = sloBoundKind(key);
    const fmt = kind === 'share' ? (x: number) => formatPercent(x, 2) : kind === 'rate' ? formatRate : kind === 'messages' ? trim : formatDuration;
    const op = sloBoundIsFloor(key) ? '≥' : '≤';
    const name = kind === 'messages' ? `${c.node} backlog` : (sloLabels[key] ?? key);
    if (c.unmeasured) return `${name} not measured (${op} ${fmt(c.bound)}) MISSED`;
    return `${name} ${fmt(c.actual)} ${op} ${fmt(c.bound)} ${c.met ? 'ok' : 'MISSED'}`;
  });
  // The reasons a sound-looking latency does not count (bounds are listed with their figures).
  const english = sentenceContext('en');
  const unsound = (r.findings ?? []).filter((f) => f.code === 'sloReason' && f.figures.reason !== 'bound').map((f) => renderFinding(f, english));
  const detail = [...unsound, ...parts].join('; ');
  out.push(`  SLO         ${verdict === 'met' ? 'met' : verdict === 'notMet' ? 'NOT MET' : 'none stated'}${detail ? `: ${detail}` : ''}`);
  if (r.cost) {
    const perMillion = r.cost.perMillionRequests === null ? '' : `, ${r.cost.perMillionRequests.toFixed(2)} ${r.cost.currency} per million requests`;
    out.push(`  Cost        ${r.cost.perHour.toFixed(2)} ${r.cost.currency}/hour${perMillion}`);
  }
  out.push('');
  const rows = Object.entries(r.nodes).map(([id, n]) => [
    id,
    n.kind,
    trim(n.replicas),
    formatRate(n.throughput),
    utilizationText(displayedUtilization(n), 'en', 'short'),
    n.kind === 'service' && n.cpuUtilization !== null ? formatPercent(n.cpuUtilization, 0) : '–',
    trim(n.inFlight),
    trim(n.queueLength),
    formatDuration(n.waitTime),
    formatDuration(n.responseTime),
    formatPercent(n.rejected, 2),
    n.hitRatio !== undefined ? `hit ${formatPercent(n.hitRatio, 1)}` : n.cpuWaitTime !== undefined && n.cpuWaitTime > 0 ? `cpu wait ${formatDuration(n.cpuWaitTime)}` : '',
  ]);
  out.push(
    table(['node', 'kind', 'replicas', 'throughput', 'utilization', 'cpu', 'in flight', 'queue', 'wait', 'response', 'rejected', ''], rows)
      .split('\n')
      .map((l) => `  ${l}`)
      .join('\n'),
  );
  out.push('');
  if (r.bottleneck) out.push(`  Bottleneck  ${r.bottleneck.explanation}`);
  if (!warningsFirst) {
    out.push(`  Stable      yes`);
    for (const w of r.warnings) out.push(`  Warning     ${w}`);
  }
  if (r.stats.wallSeconds > 0)
    out.push(`  Simulated   ${formatCount(r.stats.events)} events in ${trim(r.stats.wallSeconds)} s (${formatCount(r.stats.eventsPerSecond)} events/s)`);
  return out.join('\n');
}
