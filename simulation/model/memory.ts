/**
 * A service's `memory`: how many worker processes fit in a replica's memory limit. A
 * replica needs `base` (the runtime, shared pages) plus `perWorker` for each worker, so
 * the workers that fit are ⌊(limit − base) ÷ perWorker⌋: the available memory divided
 * by the memory of one process. Also the byte units the app's fields accept.
 */

export interface MemorySpec {
  limit: number;
  base?: number | undefined;
  perWorker: number;
}

/** The largest worker count whose processes fit in the limit (0 when even the base does not). */
export function workersThatFit(m: MemorySpec): number {
  const available = m.limit - (m.base ?? 0);
  return available <= 0 ? 0 : Math.floor(available / m.perWorker + 1e-9);
}

const units: Record<string, number> = {
  b: 1,
  k: 1e3,
  kb: 1e3,
  m: 1e6,
  mb: 1e6,
  g: 1e9,
  gb: 1e9,
  t: 1e12,
  tb: 1e12,
  ki: 1024,
  kib: 1024,
  mi: 1024 ** 2,
  mib: 1024 ** 2,
  gi: 1024 ** 3,
  gib: 1024 ** 3,
  ti: 1024 ** 4,
  tib: 1024 ** 4,
};

/**
 * Bytes from what a person types: a plain number of bytes, or a number with a unit as
 * Kubernetes and `free` write them (`512Mi`, `2 GiB`, `1.5G`, `800 MB`; decimal k/M/G/T,
 * binary Ki/Mi/Gi/Ti). Undefined for an empty text, null for anything else.
 */
export function parseBytes(text: string): number | undefined | null {
  const t = text.trim().replace(/[\s_\u00a0]/g, '');
  if (t === '') return undefined;
  const m = /^(\d+(?:[.,]\d+)?|[.,]\d+)([A-Za-z]*)$/.exec(t);
  if (!m) return null;
  const factor = m[2] === '' ? 1 : units[m[2]!.toLowerCase()];
  if (factor === undefined) return null;
  return Math.round(Number(m[1]!.replace(',', '.')) * factor);
}
