/** Validation rules that several kinds share because they share the mechanism (a CPU limit, a rate limit). */
import type { KindCheckContext } from './types';

/** A node's CPUs beyond its workers could never all be busy. */
export function checkCpusWithinWorkers(n: { cpus?: number; workers?: number }, { at, err }: KindCheckContext): void {
  if (n.cpus !== undefined && n.workers !== undefined && n.cpus > n.workers) err([...at, 'cpus'], 'cpusAboveWorkers', { cpus: n.cpus, workers: n.workers });
}

/** A token bucket smaller than one token admits nothing. */
export function checkRateLimitBurst(n: { rateLimit?: { burst?: number } }, { at, err }: KindCheckContext): void {
  if (n.rateLimit?.burst !== undefined && n.rateLimit.burst < 1) err([...at, 'rateLimit', 'burst'], 'burstBelowOne');
}
