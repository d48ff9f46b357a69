// What the threat-intel connectors share: the answer for an indicator a source cannot look up, and the
// verdict bands for a 0–100 score.
import type { Indicator, ThreatIntelResult, Verdict } from './types.js';

/** An `unknown` answer, made without a call (a type the source does not cover, or not in its data). */
export function unknownResult(indicator: Indicator, source: string): ThreatIntelResult {
  return {
    indicator,
    verdict: 'unknown',
    score: null,
    threats: [],
    malwareFamilies: [],
    source,
    reference: null,
    lastSeenAt: null,
  };
}

/** 75 and above is malicious, 25 and above suspicious; below that a score alone proves nothing. */
export function verdictForScore(score: number): Verdict {
  if (score >= 75) return 'malicious';
  if (score >= 25) return 'suspicious';
  return 'unknown';
}
