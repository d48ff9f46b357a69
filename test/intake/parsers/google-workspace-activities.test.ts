// The Google Workspace parser on synthetic Groups, device, Chrome, DLP rule and Access Transparency activities:
// the member a group action targets, the device's user, Chrome's reported addresses, a rule match's actor address
// and recipients, the owner of accessed data, as Elastic's pipelines map them.
import { describe, expect, it } from 'vitest';
import { googleWorkspaceParser } from '../../../src/intake/parsers/google-workspace.js';

const actor = { callerType: 'USER', email: 'mod.lee@corp.example', profileId: '110000000000000000009' };

function groupsEvent(name: string, parameters: Record<string, unknown>[]) {
  return {
    kind: 'admin#reports#activity',
    id: { time: '2024-04-03T08:00:00Z', applicationName: 'groups', customerId: 'C0demo01' },
    actor,
    ipAddress: '198.51.100.41',
    events: { type: 'moderator_action', name, parameters },
  };
}

const deviceEvent = (applicationName: string, type: string) => ({
  kind: 'admin#reports#activity',
  id: { time: '2024-04-03T09:00:00Z', applicationName, customerId: 'C0demo01' },
  actor,
  ownerDomain: 'corp.example',
  ipAddress: '198.51.100.42',
  events: {
    type,
    name: 'DEVICE_REGISTER_UNREGISTER_EVENT',
    parameters: [
      { name: 'DEVICE_ID', value: 'synthetic-device-1' },
      { name: 'DEVICE_MODEL', value: 'Pixel 8' },
      { name: 'USER_EMAIL', value: 'field.tech@corp.example' },
    ],
  },
});

describe('googleWorkspaceParser on Groups and device activities', () => {
  it('relates the member a moderator acted on by the local part of the address, not the group', () => {
    const a = googleWorkspaceParser.parse(
      groupsEvent('add_user', [
        { name: 'group_email', value: 'sec-team@corp.example' },
        { name: 'user_email', value: 'new.member@corp.example' },
      ]),
    );
    expect(a.format).toBe('google_workspace.groups');
    expect(a.observables.users).toEqual(['mod.lee', 'new.member']);
    expect(a.observables.emails).toEqual(['mod.lee@corp.example', 'new.member@corp.example']);
    expect(a.observables.srcIps).toEqual(['198.51.100.41']);
  });

  it('relates no member when the action names only the group', () => {
    const a = googleWorkspaceParser.parse(
      groupsEvent('accept_invitation', [{ name: 'group_email', value: 'sec-team@corp.example' }]),
    );
    expect(a.observables.users).toEqual(['mod.lee']);
  });

  it('reads a device event by its type, whatever application it comes under', () => {
    for (const app of ['mobile', 'login']) {
      const a = googleWorkspaceParser.parse(deviceEvent(app, 'device_updates'));
      expect(a.format, app).toBe('google_workspace.device');
      expect(a.ruleId).toBe('device:DEVICE_REGISTER_UNREGISTER_EVENT');
    }
  });

  it('relates the device’s user by the whole address, with the actor as the token pipeline reads it', () => {
    const a = googleWorkspaceParser.parse(deviceEvent('mobile', 'device_updates'));
    expect(a.observables.users).toEqual([
      'mod.lee',
      '110000000000000000009',
      'mod.lee@corp.example',
      'field.tech@corp.example',
    ]);
    expect(a.observables.domains).toEqual(['corp.example']);
    expect(a.observables.srcIps).toEqual(['198.51.100.42']);
  });

  it('reads a Chrome event: the actor’s name, profile id and e-mail, and the addresses the browser reported', () => {
    const chrome = {
      kind: 'admin#reports#activity',
      id: { time: '2024-04-03T10:00:00Z', applicationName: 'chrome', customerId: 'C0demo01' },
      actor: { callerType: 'USER', email: 'kim.lee@corp.example', profileId: '110000000000000000011' },
      events: {
        name: 'CONTENT_TRANSFER',
        parameters: [
          { name: 'LOCAL_IP', value: '2001:db8:: , 192.0.2.154, 198.51.100.7' },
          { name: 'REMOTE_IP', value: '203.0.113.8' },
          { name: 'DEVICE_NAME', value: 'WS-CHROME-1' },
        ],
      },
    };
    const a = googleWorkspaceParser.parse(chrome);
    expect(a.format).toBe('google_workspace.chrome');
    expect(a.observables.users).toEqual(['kim.lee', '110000000000000000011', 'kim.lee@corp.example']);
    expect(a.observables.ips).toEqual(['2001:db8::', '192.0.2.154', '198.51.100.7', '203.0.113.8']);
    expect(a.observables.domains).toEqual([]);
  });

  it('reads a DLP rule match: the actor’s address related, the recipients and the domains involved', () => {
    const rule = {
      kind: 'admin#reports#activity',
      id: { time: '2024-04-03T11:00:00Z', applicationName: 'rules', customerId: 'C0demo01' },
      actor: { callerType: 'USER', email: 'kim.lee@corp.example', profileId: 7 },
      ownerDomain: 'corp.example',
      ipAddress: '198.51.100.43',
      events: {
        type: 'rule_match_type',
        name: 'rule_match',
        parameters: [
          { name: 'actor_ip_address', value: '192.0.2.43' },
          { name: 'resource_recipients', multiValue: ['ext@partner.example', 'kim.lee@corp.example'] },
        ],
      },
    };
    const a = googleWorkspaceParser.parse(rule);
    expect(a.observables.srcIps).toEqual(['198.51.100.43']);
    expect(a.observables.ips).toEqual(['198.51.100.43', '192.0.2.43']);
    expect(a.observables.users).toEqual(['kim.lee']);
    expect(a.observables.emails).toEqual(['kim.lee@corp.example', 'ext@partner.example']);
    expect(a.observables.domains).toEqual(['corp.example', 'partner.example']);
  });

  it('relates the person a Drive sharing change gave access to, by the local part as Elastic does', () => {
    const a = googleWorkspaceParser.parse({
      kind: 'admin#reports#activity',
      id: { time: '2024-04-03T10:00:00Z', applicationName: 'drive', customerId: 'C0demo01' },
      actor,
      ipAddress: '198.51.100.43',
      events: {
        type: 'acl_change',
        name: 'change_user_access',
        parameters: [
          { name: 'doc_title', value: 'Payroll 2024' },
          { name: 'owner', value: 'mod.lee@corp.example' },
          { name: 'target_user', value: 'outside.party@example.net' },
          { name: 'visibility_change', value: 'external' },
        ],
      },
    });
    expect(a.observables.users).toEqual(['mod.lee', 'outside.party']);
    expect(a.observables.emails).toContain('outside.party@example.net');
  });

  it('reads Access Transparency by its event type: the owner of the data Google staff accessed is a user', () => {
    const access = {
      kind: 'admin#reports#activity',
      id: { time: '2024-04-03T12:00:00Z', applicationName: 'token', customerId: 'C0demo01' },
      actor: { callerType: 'USER', email: 'kim.lee@corp.example', profileId: 7 },
      ipAddress: '198.51.100.44',
      events: {
        type: 'access_transparency',
        name: 'ACCESS',
        parameters: [
          { name: 'OWNER_EMAIL', value: 'data.owner@corp.example' },
          { name: 'GSUITE_PRODUCT_NAME', value: 'CALENDAR' },
        ],
      },
    };
    const a = googleWorkspaceParser.parse(access);
    expect(a.format).toBe('google_workspace.access_transparency');
    expect(a.observables.users).toEqual(['kim.lee', '7', 'kim.lee@corp.example', 'data.owner@corp.example']);
    const caa = {
      ...access,
      events: { type: 'context_aware_access', name: 'ACCESS_DENY_EVENT', parameters: [] },
    };
    expect(googleWorkspaceParser.parse(caa).format).toBe('google_workspace.context_aware_access');
  });
});
