// Maps vendor severity scales (words, 0-10 scores, syslog levels, "1 is worst" priorities) onto the
// one Severity scale.
import type { Severity } from '../../graphs/agents/extraction/contract.js';

const WORDS: ReadonlyArray<[RegExp, Severity]> = [
  [
    /^(?:crit|critical|fatal|emerg|emergency|alert|panic|severe|very[ _-]?high|p1|sev[ _-]?1|urgent)$/i,
    'critical',
  ],
  [/^(?:high|err|error|major|important|p2|sev[ _-]?2|danger|bad|malicious)$/i, 'high'],
  [/^(?:medium|med|moderate|warn|warning|minor|p3|sev[ _-]?3|suspicious|elevated)$/i, 'medium'],
  [/^(?:low|notice|p4|sev[ _-]?4|unknown)$/i, 'low'],
  [
    /^(?:info|informational|information|debug|trace|verbose|none|p5|sev[ _-]?5|ok|success|benign|clean)$/i,
    'info',
  ],
];

/** Which numeric scale a source uses. */
export type SeverityScale =
  /** 0 (none) to 10 (worst), e.g. CEF, CVSS. */
  | 'ten'
  /** Syslog levels: 0 emergency … 7 debug. */
  | 'syslog'
  /** 1 is worst, 4 or more is informational, e.g. Suricata, Snort priority. */
  | 'rank'
  /** 0 to 100 risk score. */
  | 'hundred'
  /** Windows event levels: 1 critical, 2 error, 3 warning, 4 information, 0 and 5 informational. */
  | 'level'
  /**
   * OSSEC and Wazuh rule levels 0-15, in Wazuh's own bands: 15 critical, 12-14 high, 7-11 medium, 3-6 low; 0-2
   * (ignored, low-priority system notices) informational.
   */
  | 'ossec';

function fromNumber(n: number, scale: SeverityScale): Severity {
  switch (scale) {
    case 'syslog':
      return n <= 2 ? 'critical' : n === 3 ? 'high' : n === 4 ? 'medium' : n === 5 ? 'low' : 'info';
    case 'rank':
      return n <= 1 ? 'high' : n === 2 ? 'medium' : n === 3 ? 'low' : 'info';
    case 'hundred':
      return n >= 90 ? 'critical' : n >= 70 ? 'high' : n >= 40 ? 'medium' : n >= 20 ? 'low' : 'info';
    case 'level':
      return n === 1 ? 'critical' : n === 2 ? 'high' : n === 3 ? 'medium' : 'info';
    case 'ossec':
      return n >= 15 ? 'critical' : n >= 12 ? 'high' : n >= 7 ? 'medium' : n >= 3 ? 'low' : 'info';
    case 'ten':
      return n >= 9 ? 'critical' : n >= 7 ? 'high' : n >= 4 ? 'medium' : n >= 1 ? 'low' : 'info';
  }
}

/**
 * Reads a severity from a word or a number on `scale` (numbers beyond the scale's top, 10 or OSSEC's 15, are read
 * as 0-100). Returns null when the value says nothing recognisable.
 */
export function mapSeverity(value: unknown, scale: SeverityScale = 'ten'): Severity | null {
  if (typeof value === 'number' && Number.isFinite(value)) {
    if (scale !== 'hundred' && value > (scale === 'ossec' ? 15 : 10)) return fromNumber(value, 'hundred');
    return value < 0 ? null : fromNumber(value, scale);
  }
  if (typeof value !== 'string') return null;
  const s = value.trim();
  if (s.length === 0 || s.length > 40) return null;
  if (/^\d+(?:\.\d+)?$/.test(s)) return mapSeverity(Number(s), scale);
  for (const [re, sev] of WORDS) if (re.test(s)) return sev;
  return null;
}

/** The syslog severity (0-7) carried by a `<PRI>` value. */
export const syslogSeverityOfPri = (pri: number): Severity => fromNumber(pri % 8, 'syslog');
