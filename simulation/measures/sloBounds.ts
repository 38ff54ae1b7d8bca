/**
 * What each SLO bound of a scenario measures and which way it points, by its key. Below
 * the findings, so the sentence tables, the text summary and the HTML report format a
 * bound's figures alike without reaching up to the verdict.
 */

/** What an SLO bound measures, so every surface formats its figures alike. */
export type SloBoundKind = 'duration' | 'share' | 'rate' | 'messages';

export function sloBoundKind(key: string): SloBoundKind {
  if (key === 'errorRate') return 'share';
  if (key === 'throughput') return 'rate';
  if (key === 'maxBacklog' || key.startsWith('maxBacklog.')) return 'messages';
  return 'duration';
}

/** A throughput bound is a floor; every other bound is a ceiling. */
export function sloBoundIsFloor(key: string): boolean {
  return key === 'throughput';
}
