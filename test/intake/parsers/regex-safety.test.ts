// Parsers run their patterns on untrusted text in the thread that serves HTTP and Slack, so a pattern that
// backtracks badly on a long hostile line (ReDoS) stalls all of Vigil. These modules each had one that took
// seconds on a 64 KB line; every pattern in them is now checked by recheck, which proves a pattern linear or
// finds an attack string, and each module still reads such a line.
import { describe, expect, it } from 'vitest';
import { normalizeAlert } from '../../../src/intake/normalize.js';
import { unsafePatterns } from '../../support/regex-safety.js';

/** Modules whose patterns are all proven linear (extend the list as modules are audited). */
const AUDITED = ['barracuda-spamfirewall.ts', 'citrix-waf.ts', 'pulse-connect-secure.ts'];

describe('parser patterns run in linear time', () => {
  for (const file of AUDITED) {
    it(`every pattern in ${file} is safe`, { timeout: 120_000 }, async () => {
      expect(await unsafePatterns(`src/intake/parsers/${file}`)).toEqual([]);
    });
  }
});

describe('hostile lines that used to stall a parser are still read', () => {
  const long = (unit: string, length = 60_000) => unit.repeat(Math.ceil(length / unit.length));

  it('Citrix WAF: a native header that never reaches its colon is not an AppFirewall event', () => {
    const line = `<14>1 2024-01-01T00:00:00Z ns APPFW 0-PPE-1 - - SQL${long('\t')}t`;
    expect(normalizeAlert(line).recognizedBy).not.toBe('parser:citrix_waf.log');
    const ok = normalizeAlert(
      `<14>1 2024-01-01T00:00:00Z ns APPFW 0-PPE-1 - - default APPFW_SQL  159 0 :  198.51.100.7 1-PPE1 - profile Blocked`,
    );
    expect(ok.recognizedBy).toBe('parser:citrix_waf.log');
    expect(ok.title).toContain('APPFW_SQL');
  });

  it('Pulse Connect Secure: a user part of endless parentheses is not an event', () => {
    const line = `<134>1 2024-01-01T00:00:00Z vpn PulseSecure: - - - 2024-01-01 00:00:00 - ive - [198.51.100.7] ${long('(S')}`;
    expect(normalizeAlert(line).recognizedBy).not.toBe('parser:pulse_connect_secure.log');
  });

  it('Barracuda Email Security: a line of endless `web[` tags or `#to#` relays is read once', () => {
    const tags = `<22>Jan  1 00:00:00 bes ${long('eb:web[')}eb:`;
    expect(normalizeAlert(tags).recognizedBy).not.toBe('parser:barracuda.spamfirewall');
    const relays = normalizeAlert(
      `<22>Jan  1 00:00:00 bes outbound/smtp[123]: 127.0.0.1 1700000000-1-1 Message 7 accepted ${long('#to#')}x`,
    );
    expect(relays.observables.dstIps).toEqual([]);
  });
});
