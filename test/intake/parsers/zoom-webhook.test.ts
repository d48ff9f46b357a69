// The Zoom webhook parser on synthetic notifications (user, account, meeting, webinar, recording, phone and
// chat events, bare and under a `zoom` key): detection, the user ids Elastic's zoom pipelines relate, and
// that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { zoomWebhookParser } from '../../../src/intake/parsers/zoom-webhook.js';
import { registryClaims } from './registry-claims.js';

const signedIn = {
  event: 'user.signed_in',
  event_ts: 1714557600123,
  payload: {
    account_id: 'ACCT_demo_01',
    object: { id: 'uDemoUser01', email: 'dana.lee@example.org', date_time: '2024-05-01T10:00:00Z' },
  },
};

const settingsUpdated = {
  zoom: {
    event: 'user.settings_updated',
    payload: {
      account_id: 'ACCT_demo_01',
      operator: 'admin.ray@example.org',
      operator_id: 'uDemoAdmin01',
      time_stamp: 1714557700000,
      object: { id: 'uDemoUser02', settings: { in_meeting: { chat: false } } },
      old_object: { id: 'uDemoUser02', settings: { in_meeting: { chat: true } } },
    },
  },
};

const accountCreated = {
  event: 'account.created',
  payload: {
    account_id: 'ACCT_master',
    operator: 'owner@example.org',
    operator_id: 'uDemoOwner01',
    object: { id: 'ACCT_sub_01', owner_id: 'uSubOwner01', owner_email: 'sub.owner@example.net' },
  },
};

const participantJoined = {
  event: 'meeting.participant_joined',
  payload: {
    account_id: 'ACCT_demo_01',
    object: {
      id: 812345678,
      uuid: 'meetingUuidDemo==',
      host_id: 'uDemoHost01',
      topic: 'Weekly sync',
      participant: { id: 'uDemoGuest01', user_name: 'Sam Guest', join_time: '2024-05-01T11:00:00Z' },
    },
  },
};

const webinarRegistration = {
  event: 'webinar.registration_approved',
  payload: {
    account_id: 'ACCT_demo_01',
    operator: 'admin.ray@example.org',
    operator_id: 'uDemoAdmin01',
    object: {
      id: 998877,
      host_id: 'uDemoHost02',
      topic: 'Product launch',
      registrant: { id: 'regDemo01', email: 'reg@example.net', first_name: 'Reg', last_name: 'Istrant' },
    },
  },
};

const recordingCompleted = {
  event: 'recording.completed',
  payload: {
    account_id: 'ACCT_demo_01',
    object: { id: 55443322, host_id: 'uDemoHost01', topic: 'Recorded call' },
  },
};

const callerConnected = {
  event: 'phone.caller_connected',
  payload: {
    account_id: 'ACCT_demo_01',
    object: {
      call_id: '7000000000000000001',
      caller: { user_id: 'uDemoCaller01', extension_type: 'user', phone_number: '1001' },
      callee: { user_id: 'uDemoCallee01', phone_number: '1002' },
      connected_start_time: '2024-05-01T12:00:00Z',
    },
  },
};

const channelMembers = {
  event: 'chat_channel.member_invited',
  payload: {
    account_id: 'ACCT_demo_01',
    operator: 'dana.lee@example.org',
    operator_id: 'uDemoUser01',
    object: {
      id: 'chanDemo01',
      name: 'incident-room',
      members: [{ id: 'uDemoUser03', display_name: 'Kim Analyst' }],
      timestamp: 1714557900000,
    },
  },
};

const chatMessage = {
  event: 'chat_message.sent',
  payload: {
    account_id: 'ACCT_demo_01',
    operator: 'dana.lee@example.org',
    operator_id: 'uDemoUser01',
    object: {
      id: 'msgDemo01',
      contact_id: 'uDemoUser04',
      message: 'hello',
      date_time: '2024-05-01T12:30:00Z',
    },
  },
};

const samples = [
  signedIn,
  settingsUpdated,
  accountCreated,
  participantJoined,
  webinarRegistration,
  recordingCompleted,
  callerConnected,
  channelMembers,
  chatMessage,
];

describe('zoomWebhookParser', () => {
  it('detects every supported event family, bare and wrapped under a zoom key', () => {
    for (const s of samples) expect(zoomWebhookParser.detect(s)).toBe(true);
  });

  it('relates the signed-in user and reports the event as the rule and its time', () => {
    const a = zoomWebhookParser.parse(signedIn);
    expect(a.observables.users).toEqual(['uDemoUser01']);
    expect(a.observables.ips).toEqual([]);
    expect(a.ruleId).toBe('user.signed_in');
    expect(a.observedAt).toBe('2024-05-01T10:00:00.000Z');
    expect(a.recognizedBy).toBe('parser:zoom.webhook');
  });

  it('puts the operator id before the changed user and keeps the operator e-mail out of the users', () => {
    const a = zoomWebhookParser.parse(settingsUpdated);
    expect(a.observables.users).toEqual(['uDemoAdmin01', 'uDemoUser02']);
    expect(a.observedAt).toBe('2024-05-01T10:01:40.000Z');
  });

  it('relates the new sub-account owner but not the sub-account id', () => {
    expect(zoomWebhookParser.parse(accountCreated).observables.users).toEqual([
      'uDemoOwner01',
      'uSubOwner01',
    ]);
  });

  it('relates a meeting participant before the host and dates the event by the join time', () => {
    const a = zoomWebhookParser.parse(participantJoined);
    expect(a.observables.users).toEqual(['uDemoGuest01', 'uDemoHost01']);
    expect(a.observedAt).toBe('2024-05-01T11:00:00.000Z');
    expect(a.title).toContain('Weekly sync');
  });

  it("relates an account member's Zoom user id after their participant id", () => {
    const object = participantJoined.payload.object;
    const member = {
      ...participantJoined,
      payload: {
        ...participantJoined.payload,
        object: { ...object, participant: { ...object.participant, user_id: '16778000' } },
      },
    };
    expect(zoomWebhookParser.parse(member).observables.users).toEqual([
      'uDemoGuest01',
      '16778000',
      'uDemoHost01',
    ]);
  });

  it('relates the webinar host and registrant after the operator', () => {
    expect(zoomWebhookParser.parse(webinarRegistration).observables.users).toEqual([
      'uDemoAdmin01',
      'uDemoHost02',
      'regDemo01',
    ]);
  });

  it('relates the recording host', () => {
    expect(zoomWebhookParser.parse(recordingCompleted).observables.users).toEqual(['uDemoHost01']);
  });

  it('relates the callee and the caller of a phone call', () => {
    expect(zoomWebhookParser.parse(callerConnected).observables.users).toEqual([
      'uDemoCallee01',
      'uDemoCaller01',
    ]);
  });

  it('relates chat channel members by display name and id, and a message contact', () => {
    expect(zoomWebhookParser.parse(channelMembers).observables.users).toEqual([
      'uDemoUser01',
      'Kim Analyst',
      'uDemoUser03',
    ]);
    expect(zoomWebhookParser.parse(chatMessage).observables.users).toEqual(['uDemoUser01', 'uDemoUser04']);
  });

  it('does not claim other JSON with an event field, such as a Slack event callback or a GitHub webhook', () => {
    const slack = { type: 'event_callback', event: { type: 'message', user: 'U0DEMO' }, team_id: 'T0DEMO' };
    const github = { action: 'opened', event: 'pull_request', payload: { number: 1 } };
    const unknownFamily = { event: 'order.created', payload: { object: { id: 1 } } };
    expect(zoomWebhookParser.detect(slack)).toBe(false);
    expect(zoomWebhookParser.detect(github)).toBe(false);
    expect(zoomWebhookParser.detect(unknownFamily)).toBe(false);
    expect(zoomWebhookParser.detect('user.signed_in 192.0.2.1')).toBe(false);
  });

  it('is not claimed by any other specific parser in the registry', () => {
    for (const s of samples) expect(registryClaims(s, zoomWebhookParser.name).others).toEqual([]);
  });
});
