/**
 * Whether a run meets its SLO, and why not: the one place that decides it. A run that
 * is unstable (some queue or backlog grew without bound), stopped early, or completed
 * nothing in its measured window never meets its SLO, whatever its latency says: the
 * latency of the requests that did complete says nothing about those still queued
 * (shared/spec/scenario-format.md 1.1, "SLO and cost"). With no stated bound a sound run
 * has no verdict ("none"), but an unstable one still fails: an architect running a
 * capacity check with no bounds must not get a pass from an overloaded system.
 */
import type { Finding } from '../findings/finding';
import type { SloCheck, SloReason, SloVerdict } from '../model/result';

export interface SloEvidence {
  checks: Record<string, SloCheck>;
  /** Nodes whose queue or backlog grew without bound, in model order. */
  unstableNodes: readonly string[];
  stoppedEarly: boolean;
  /** The node a loop of zero-time steps ran through, when one stopped the run. */
  zeroTimeLoop?: string | null;
  /** Successful requests per second in the measured window. */
  throughput: number;
}

export interface SloJudgement {
  sloMet: boolean;
  sloVerdict: SloVerdict;
  sloReasons: SloReason[];
  findings: Finding[];
}

export function judgeSlo(e: SloEvidence): SloJudgement {
  const reasons: SloReason[] = [];
  if (e.zeroTimeLoop) reasons.push({ reason: 'zeroTimeLoop', node: e.zeroTimeLoop });
  if (e.stoppedEarly) reasons.push({ reason: 'stoppedEarly' });
  for (const node of e.unstableNodes) reasons.push({ reason: 'unstable', node });
  if (e.throughput <= 0) reasons.push({ reason: 'noCompletions' });
  // An unmeasured bound is missed because nothing completed, which noCompletions already says.
  // A completion figure that is only a lower bound but below its bound is not a pass: too many requests had not finished to tell.
  for (const [key, c] of Object.entries(e.checks)) if (!c.met && !c.unmeasured) reasons.push({ reason: c.lowerBound && c.actual <= c.bound ? 'unfinished' : 'bound', key });
  const hasBound = Object.keys(e.checks).length > 0;
  const sloVerdict: SloVerdict = reasons.length > 0 ? 'notMet' : hasBound ? 'met' : 'none';
  const findings: Finding[] = [{ code: 'slo', severity: 'info', figures: { verdict: sloVerdict, bounds: Object.keys(e.checks).length } }];
  for (const r of reasons) {
    const check = r.reason === 'bound' || r.reason === 'unfinished' ? e.checks[r.key!]! : null;
    const node = r.node ?? check?.node;
    findings.push({
      code: 'sloReason',
      ...(node ? { node } : {}),
      severity: 'info',
      figures: { reason: r.reason, key: r.key ?? null, actual: check?.actual ?? null, bound: check?.bound ?? null },
    });
  }
  return { sloMet: sloVerdict !== 'notMet', sloVerdict, sloReasons: reasons, findings };
}

/** The verdict of a result document, also for documents written before `sloVerdict` existed. */
export function sloVerdictOf(summary: { sloMet: boolean; slo?: Record<string, SloCheck>; sloVerdict?: SloVerdict }): SloVerdict {
  if (summary.sloVerdict) return summary.sloVerdict;
  if (Object.keys(summary.slo ?? {}).length === 0) return 'none';
  return summary.sloMet ? 'met' : 'notMet';
}
