// classify picks an alert's family from what its format is known to carry and from whole words in its title,
// so a word inside another word ("EC2", "repository", "get") or a vendor name that happens to contain a
// product's name ("sophos_central") does not send an alert down the wrong playbook.
import { describe, expect, it } from 'vitest';
import { formatFamily } from '../../../graphs/triage/format-families.js';
import { classifyAlert } from '../../../graphs/triage/nodes/classify.js';
import { parsers } from '../../../src/intake/parsers/index.js';
import { normalize } from './harness.js';

const alert = (title: string, format: string, extra: Record<string, unknown> = {}) =>
  normalize({ title, format, severity: 'high', ...extra });

describe('classifying an alert', () => {
  it('reads a Security Hub control about VPN tunnels as a cloud finding, not command and control', () => {
    const c = classifyAlert(
      alert(
        'EC2.20 Both VPN tunnels for an AWS Site-to-Site VPN connection should be up',
        'aws.securityhub_findings',
        { source_ip: '203.0.113.9' },
      ),
    );
    expect(c.playbook).toBe('cloud-misconfiguration');
    expect(c.reasons.join(' ')).not.toContain('"c2"');
  });

  it('matches short words whole: "get" is not ET, "repository" is not Tor, "report" is not a port', () => {
    expect(
      classifyAlert(alert('Kubernetes get default/pods/web-1 (200)', 'kubernetes.audit_logs')).family,
    ).toBe('cloud');
    const c = classifyAlert(alert('repository report exported', 'json'));
    expect(c.family).toBe('other');
    expect(classifyAlert(alert('ET SCAN Nmap scan', 'json')).family).toBe('network');
    expect(classifyAlert(alert('Outbound connection to a Tor exit node', 'json')).family).toBe('network');
    expect(classifyAlert(alert('Beacon to C2 server', 'json')).family).toBe('network');
  });

  it.each([
    'spyware',
    'Adware bundle installed',
    'Infostealer activity',
    'XMRig coin miner',
    'Web shell upload',
  ])('reads "%s" from a format that carries any kind of alert as endpoint malware', (title) => {
    const c = classifyAlert(alert(title, 'cef.log', { source_ip: '10.1.2.3', users: ['jsmith'] }));
    expect(c.playbook).toBe('endpoint-malware');
  });

  it('takes the family a known format carries over a name pattern it happens to contain', () => {
    // "sophos_central" contains "entra"; "imperva_cloud_waf" contains "cloud".
    expect(classifyAlert(alert('Policy event', 'sophos_central.alert')).family).toBe('endpoint');
    expect(classifyAlert(alert('Request blocked', 'imperva_cloud_waf.event')).family).toBe('network');
    expect(classifyAlert(alert('Object created', 'github.audit', { source_ip: '203.0.113.9' })).family).toBe(
      'identity',
    );
    expect(classifyAlert(alert('VPC flow ACCEPT', 'aws.vpcflow')).family).toBe('network');
    expect(classifyAlert(alert('Update user', 'aws.cloudtrail')).family).not.toBe('network');
  });

  it('lets the title decide for formats that carry every kind of alert', () => {
    expect(formatFamily('cef.log')).toBeNull();
    expect(classifyAlert(alert('Ransomware dropper quarantined', 'cef.log')).family).toBe('endpoint');
    expect(classifyAlert(alert('Password spray against many accounts', 'ibm_qradar.offense')).family).toBe(
      'identity',
    );
  });

  it('falls back on name patterns for formats no parser names', () => {
    expect(formatFamily('acme_edr.alert')).toBeUndefined();
    expect(classifyAlert(alert('Something happened', 'acme_firewall.log')).family).toBe('network');
  });

  it('knows the family of every format a registered parser is named for', () => {
    expect(parsers.filter((p) => formatFamily(p.name) === undefined).map((p) => p.name)).toEqual([]);
  });
});
