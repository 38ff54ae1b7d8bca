/**
 * English left in a Chinese text: the rule both the finding sentences and the Chinese
 * reports are held to. Latin runs of three letters or more count, except the tokens a
 * Chinese engineer reads as they are (units, SLO, p99, CPU, product names) and the
 * values the text quotes as given (labels, ids, paths, a currency code).
 */
const allowedLatin = new Set(['SLO', 'CPU', 'CPUs', 'HPA', 'KEDA', 'USL', 'QPS', 'RPS', 'TTL', 'LRU', 'JSON', 'CSV', 'HTML', 'Kubernetes', 'Headroom', 'min']);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function englishWords(text: string, quoted: readonly string[] = []): string[] {
  let rest = text;
  // Longest first, so that a label containing another is removed whole.
  for (const q of [...quoted].sort((a, b) => b.length - a.length)) if (q) rest = rest.replace(new RegExp(escape(q), 'g'), ' ');
  return [...new Set([...rest.matchAll(/[A-Za-z]{3,}/g)].map((m) => m[0]).filter((w) => !allowedLatin.has(w)))];
}
