// Google Cloud Pub/Sub push deliveries: the alert is base64 in `message.data`; Vigil reads the alert, not the
// envelope (the envelope is what is stored, so nothing is lost).
import { describe, expect, it } from 'vitest';
import { normalizeAlert } from '../../src/intake/normalize.js';

const push = (payload: string, message: Record<string, unknown> = {}) => ({
  message: {
    data: Buffer.from(payload).toString('base64'),
    messageId: '2070443601311540',
    publishTime: '2026-11-21T10:00:00Z',
    attributes: {},
    ...message,
  },
  subscription: 'projects/demo-proj/subscriptions/vigil-push',
});

const sccNotification = {
  notificationConfigName: 'organizations/1234567/notificationConfigs/soc-feed',
  finding: {
    name: 'organizations/1234567/sources/7654321/findings/f00dcafe01',
    resourceName: '//compute.googleapis.com/projects/demo-proj/zones/europe-west1-b/instances/4242',
    state: 'ACTIVE',
    category: 'Malware: Cryptomining Bad IP',
    findingClass: 'THREAT',
    severity: 'HIGH',
    eventTime: '2026-11-21T09:59:00Z',
    connections: [{ sourceIp: '192.0.2.10', destinationIp: '203.0.113.80', protocol: 'TCP' }],
  },
};

describe('Pub/Sub push deliveries', () => {
  it('reads a Security Command Center notification delivered by push with its parser', () => {
    const alert = normalizeAlert(push(JSON.stringify(sccNotification)));
    expect(alert.recognizedBy).toBe('parser:google_scc.finding');
    expect(alert.observables.srcIps).toEqual(['192.0.2.10']);
    expect(alert.observables.dstIps).toEqual(['203.0.113.80']);
    expect(alert.severity).toBe('high');
  });

  it('reads a text payload (a log line published to a topic), and a bare Pub/Sub message too', () => {
    const line = 'Nov 21 10:00:00 bastion sshd[42]: Failed password for root from 203.0.113.9 port 22 ssh2';
    const viaPush = normalizeAlert(push(line));
    expect(viaPush.recognizedBy).toBe('parser:system.auth');
    expect(viaPush.observables.srcIps).toEqual(['203.0.113.9']);
    const bare = push(JSON.stringify({ title: 'Beacon', src_ip: '198.51.100.7' })).message;
    expect(normalizeAlert(bare).observables.srcIps).toEqual(['198.51.100.7']);
  });

  it('reads the envelope as it is when `data` is not base64 text or the message has no id', () => {
    const notBase64 = push('x', { data: 'src 203.0.113.9 is not base64!' });
    expect(normalizeAlert(notBase64).observables.srcIps).toEqual(['203.0.113.9']);
    const binary = push('x', { data: Buffer.from([0xff, 0xfe, 0x00, 0x81]).toString('base64') });
    expect(normalizeAlert(binary).recognizedBy).toBe('extractor');
    const noId = push(JSON.stringify({ src_ip: '198.51.100.7' }), { messageId: undefined });
    expect(normalizeAlert(noId).observables.srcIps).toEqual([]);
    // Outside a push delivery, an object with `data` and an id is a Pub/Sub message only with its publish time.
    const { publishTime: _, ...unpublished } = push(JSON.stringify({ src_ip: '198.51.100.7' })).message;
    expect(normalizeAlert(unpublished).observables.srcIps).toEqual([]);
  });
});
