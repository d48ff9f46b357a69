// Parsers run their patterns on untrusted text in the thread that serves HTTP and Slack, so a pattern that
// backtracks badly on a long hostile line (ReDoS) stalls all of Vigil. These modules each had one that took
// seconds on a 64 KB line; recheck now finds no pattern in them that backtracks super-linearly, and each
// module still reads such a line.
import { describe, expect, it } from 'vitest';
import { normalizeAlert } from '../../../src/intake/normalize.js';
import { provenSlowPatterns } from '../../support/regex-safety.js';

/**
 * The modules whose patterns were rewritten after a recheck scan (2026-11-23) flagged them; the scan found no
 * super-linear pattern in the other parsers. Patterns built with `new RegExp` are checked by
 * test/intake/built-regex-safety.test.ts.
 */
const AUDITED = [
  'arista-ngfw.ts',
  'aws-cloudtrail.ts',
  'aws-vpcflow.ts',
  'azure-diagnostics.ts',
  'barracuda-spamfirewall.ts',
  'barracuda-waf.ts',
  'beelzebub.ts',
  'bitdefender.ts',
  'checkpoint.ts',
  'cisco-aironet.ts',
  'cisco-asa.ts',
  'cisco-ios.ts',
  'cisco-ise.ts',
  'cisco-meraki.ts',
  'cisco-nexus.ts',
  'cisco-secure-email.ts',
  'cisco-umbrella.ts',
  'citrix-waf.ts',
  'cloudflare.ts',
  'cortex-xdr.ts',
  'crowdstrike-fdr.ts',
  'f5-bigip.ts',
  'forcepoint-web.ts',
  'forescout.ts',
  'fortigate.ts',
  'fortimail.ts',
  'fortinet-fortiauthenticator.ts',
  'fortinet-forticlient.ts',
  'fortinet-fortiedr.ts',
  'gitlab.ts',
  'haproxy.ts',
  'hid-bravura-monitor.ts',
  'hpe-aruba-cx.ts',
  'infoblox-nios.ts',
  'iptables.ts',
  'juniper-srx.ts',
  'keycloak.ts',
  'linux-auth.ts',
  'mssql-audit.ts',
  'nginx-access.ts',
  'o365-audit.ts',
  'oracle-database-audit.ts',
  'panos.ts',
  'ping-directory.ts',
  'postgresql-log.ts',
  'pps.ts',
  'proofpoint-on-demand.ts',
  'pulse-connect-secure.ts',
  'snort.ts',
  'sonicwall.ts',
  'sophos-firewall.ts',
  'splunk-alert.ts',
  'symantec-endpoint.ts',
  'sysdig-vulnerability.ts',
  'sysmon-linux.ts',
  'thycotic-ss.ts',
  'veeam.ts',
  'vsphere.ts',
  'watchguard-firebox.ts',
  'web-error-logs.ts',
  'windows-event.ts',
];

describe('parser patterns run in linear time', () => {
  for (const file of AUDITED) {
    it(`no pattern in ${file} is proven super-linear`, { timeout: 120_000 }, async () => {
      expect(await provenSlowPatterns(`src/intake/parsers/${file}`)).toEqual([]);
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

  it('WatchGuard Firebox: a long body whose words never reach two addresses is read as an event, at once', () => {
    const head =
      '<134>Jan  5 10:00:00 fw-01 801234567890 (2024-01-05T10:00:00) firewall: msg_id="3000-0148" ';
    const alert = normalizeAlert(`${head}Allow 1-Trusted ${'1 '.repeat(30_000)}`);
    expect(alert.recognizedBy).toBe('parser:watchguard_firebox');
    expect(alert.observables.srcIps).toEqual([]);
  });
});
