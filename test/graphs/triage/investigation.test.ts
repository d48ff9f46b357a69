// The Investigation note shows every kind of indicator the alert carries, not only the four the playbooks use.
import { describe, expect, it } from 'vitest';
import { emptyObservables, type Alert } from '../../../graphs/agents/extraction/contract.js';
import { investigationNote } from '../../../graphs/triage/investigation.js';

const alert = (observables: Partial<Alert['observables']>): Alert => ({
  format: 'crowdstrike.falcon',
  recognizedBy: 'parser:crowdstrike-falcon',
  title: 'Malware detected',
  severity: 'high',
  observedAt: null,
  ruleId: null,
  observables: { ...emptyObservables(), ...observables },
});

const fieldsOf = (a: Alert) =>
  investigationNote({
    alert: a,
    classification: {
      family: 'endpoint',
      playbook: 'endpoint-malware',
      severity: 'high',
      reasons: [],
      by: 'heuristic',
    },
    evidence: [],
    validation: { confidence: 0.5, reasons: [], exceptions: [], environment: 'prod', assetTags: [] },
  }).sections?.[0]?.fields ?? [];

describe('the Investigation note', () => {
  it('lists the other addresses, domains, hashes, URLs and e-mail addresses the alert names', () => {
    const fields = fieldsOf(
      alert({
        srcIps: ['203.0.113.7'],
        ips: ['203.0.113.7', '10.40.12.88'],
        hosts: ['FIN-LT-0142'],
        domains: ['attacker.example'],
        hashes: ['44d88612fea8a8f36de82e1278abb02f'],
        urls: ['http://attacker.example/x'],
        emails: ['dana@example.com'],
      }),
    );
    expect(fields.map((f) => [f.label, f.value])).toEqual([
      ['Format', 'crowdstrike.falcon (parser:crowdstrike-falcon)'],
      ['Severity', 'high'],
      ['Source IPs', '203.0.113.7'],
      ['Destination IPs', '—'],
      ['Users', '—'],
      ['Hosts', 'FIN-LT-0142'],
      ['Other IPs', '10.40.12.88'],
      ['Domains', 'attacker.example'],
      ['File hashes', '44d88612fea8a8f36de82e1278abb02f'],
      ['URLs', 'http://attacker.example/x'],
    ]);
  });

  it('leaves out the kinds the alert has none of', () => {
    expect(fieldsOf(alert({ srcIps: ['203.0.113.7'], ips: ['203.0.113.7'] })).map((f) => f.label)).toEqual([
      'Format',
      'Severity',
      'Source IPs',
      'Destination IPs',
      'Users',
      'Hosts',
    ]);
  });
});
