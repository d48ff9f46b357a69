// The ZeroFox parser on a synthetic API alert: detection, the assignee as the only indicator (as Elastic's
// `zerofox.alerts` pipeline maps it), severity on ZeroFox's 1-5 scale, and registry exclusivity.
import { describe, expect, it } from 'vitest';
import { zerofoxParser } from '../../../src/intake/parsers/zerofox.js';
import { registryClaims } from './registry-claims.js';

const alert = {
  alert_type: 'impersonating account',
  logs: [{ id: 1, timestamp: '2025-02-01T10:00:00+00:00', actor: 'analyst@corp.example', action: 'open' }],
  offending_content_url: 'https://social.example/fake_brand',
  asset_term: null,
  assignee: 'kim.analyst',
  entity: {
    id: 42,
    name: 'Example Brand',
    labels: [{ id: 7, name: 'brand' }],
    entity_group: { id: 1, name: 'Default' },
  },
  entity_term: null,
  content_created_at: '2024-12-01T08:00:00+00:00',
  id: 9001,
  severity: 4,
  perpetrator: {
    id: 55,
    username: 'fake_brand',
    display_name: 'Example Brand',
    network: 'social',
    type: 'account',
  },
  rule_group_id: 4,
  entered_by: 'analyst@corp.example',
  metadata: '',
  status: 'Open',
  timestamp: '2025-02-01T10:00:00+00:00',
  rule_name: 'Impersonation - Name',
  network: 'social',
  protected_social_object: null,
  rule_id: 32,
  tags: [],
};

describe('zerofoxParser', () => {
  it('maps an alert: the assignee is the user; the perpetrator and log actors are not', () => {
    expect(zerofoxParser.detect(alert)).toBe(true);
    const a = zerofoxParser.parse(alert);
    expect(a.format).toBe('zerofox.alerts');
    expect(a.observables.users).toEqual(['kim.analyst']);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
    expect(a.severity).toBe('high');
    expect(a.ruleId).toBe('32');
    expect(a.observedAt).toBe('2025-02-01T10:00:00.000Z');
    expect(a.title).toContain('Impersonation - Name');
  });

  it('reports no user when the alert is unassigned', () => {
    const a = zerofoxParser.parse({ ...alert, assignee: '', severity: 1 });
    expect(a.observables.users).toEqual([]);
    expect(a.severity).toBe('info');
  });

  it('does not claim other JSON or text payloads', () => {
    expect(zerofoxParser.detect({ alert_type: 'x', severity: 3 })).toBe(false);
    expect(zerofoxParser.detect('<134>Feb  1 10:00:00 fw01 sshd[1]: Accepted password for bob')).toBe(false);
    expect(zerofoxParser.detect([alert])).toBe(false);
  });

  it('is the only specific parser in the registry that claims its sample', () => {
    expect(registryClaims(alert, 'zerofox.alerts').others).toEqual([]);
  });
});
