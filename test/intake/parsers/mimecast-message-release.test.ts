// The Mimecast message release reader on synthetic release records: detection (object and text line), the
// sorted related users and address domains Elastic's pipeline emits, the facts, and no double claims.
import { describe, expect, it } from 'vitest';
import { ecsIndicators } from '../../../src/intake/ecs-view.js';
import { mimecastParser } from '../../../src/intake/parsers/mimecast.js';
import { mimecastMessageReleaseParser } from '../../../src/intake/parsers/mimecast-message-release.js';
import { registryClaims } from './registry-claims.js';

const release = {
  attachments: true,
  detectionLevel: 'relaxed',
  fromEnv: { displayableName: 'Pat Kim', emailAddress: 'pat.kim@partner.example.com' },
  fromHdr: { displayableName: 'Pat Kim', emailAddress: 'pat.kim@partner.example.com' },
  heldGroup: 'Finance',
  heldReason: 'Impersonation Protection',
  id: 'eNpVSynthetic',
  messageInfo: 'Released by administrator',
  operator: 'soc.admin@example.org',
  policy: 'Default Impersonation Policy',
  released: '2024-03-05T13:00:00+00:00',
  route: 'inbound',
  size: 2048,
  spamScore: 3,
  status: 'released',
  subject: 'Wire transfer',
  to: [
    { displayableName: 'Dana Lee', emailAddress: 'dana.lee@example.org' },
    { emailAddress: 'sam.ortiz@example.org' },
  ],
};

const parse = (raw: unknown) => mimecastMessageReleaseParser.parse(raw);

describe('mimecastMessageReleaseParser', () => {
  it('reads a release: names, local parts and addresses sorted as related users, address domains as hosts', () => {
    const a = parse(release);
    expect(a.format).toBe('mimecast.message_release_logs');
    expect(a.recognizedBy).toBe('parser:mimecast.message_release_logs');
    expect(a.observables.users).toEqual([
      'Dana Lee',
      'Pat Kim',
      'dana.lee',
      'dana.lee@example.org',
      'pat.kim',
      'pat.kim@partner.example.com',
      'sam.ortiz',
      'sam.ortiz@example.org',
      'soc.admin',
      'soc.admin@example.org',
    ]);
    expect(a.observables.domains).toEqual(['example.org', 'partner.example.com']);
    expect(ecsIndicators(a)).toEqual({
      src_ips: [],
      dst_ips: [],
      ips: [],
      users: a.observables.users,
      hosts: ['example.org', 'partner.example.com'],
    });
    expect(mimecastMessageReleaseParser.domainsInRelatedHosts).not.toBe(false);
  });

  it('reports the release time, the policy as rule and a title naming the status, reason and subject', () => {
    const a = parse(release);
    expect(a.observedAt).toBe('2024-03-05T13:00:00.000Z');
    expect(a.ruleId).toBe('Default Impersonation Policy');
    expect(a.title).toBe('Mimecast held message: released: Impersonation Protection: Wire transfer');
    expect(a.severity).toBe('medium');
    expect(parse({ ...release, heldReason: 'Spam', policy: 'Moderate Spam Detection' }).severity).toBe('low');
  });

  it('reads the record when it arrives as a JSON text line', () => {
    const line = JSON.stringify(release);
    expect(mimecastMessageReleaseParser.detect(line)).toBe(true);
    expect(parse(line).observables.users).toEqual(parse(release).observables.users);
  });

  it('does not claim other Mimecast records, other JSON or text', () => {
    const others: unknown[] = [
      { status: 'released', subject: 'x' },
      { status: 'held', to: [], fromEnv: {} },
      {
        senderAddress: 'a@example.net',
        recipientAddress: 'b@example.org',
        eventTime: '2024-03-05T00:00:00Z',
      },
      '{"status":"released"',
      'plain text',
      null,
      42,
    ];
    for (const raw of others) expect(mimecastMessageReleaseParser.detect(raw)).toBe(false);
    expect(mimecastParser.detect(release)).toBe(false);
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const raw of [release, JSON.stringify(release)])
      expect(registryClaims(raw, mimecastMessageReleaseParser.name).others).toEqual([]);
  });
});
