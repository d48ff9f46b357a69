// The Google Workspace parser on synthetic Groups and device audit activities: the member a group action
// targets, and the device's user, as Elastic's groups and device pipelines map them.
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
});
