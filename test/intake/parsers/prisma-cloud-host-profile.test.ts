// The Prisma Cloud Compute host-profile parser on synthetic profiles: the profile id is the host, geo-located
// peers and outgoing connections are related addresses; process and SSH users are not reported as users.
import { describe, expect, it } from 'vitest';
import { ecsIndicators } from '../../../src/intake/ecs-view.js';
import { prismaCloudHostProfileParser } from '../../../src/intake/parsers/prisma-cloud-host-profile.js';
import { registryClaims } from './registry-claims.js';

const profile = {
  _id: 'lab-app-03',
  hash: 4,
  created: '2025-02-01T08:00:00.000Z',
  time: '0001-01-01T00:00:00Z',
  apps: [
    {
      name: 'nginx',
      startupProcess: { user: 'root', path: '/usr/sbin/nginx', md5: '0123456789abcdef0123456789abcdef' },
      processes: [{ user: 'www-data', path: '/usr/sbin/nginx' }],
      outgoingPorts: [{ port: 443, ip: '198.51.100.44', processPath: '/usr/sbin/nginx' }],
      listeningPorts: [{ port: 80, processPath: '/usr/sbin/nginx' }],
    },
  ],
  sshEvents: [{ loginTime: 1738396800, ip: '203.0.113.9', user: 'deploy', command: 'sudo -i' }],
  geoip: {
    countries: [
      { ip: '0.0.0.0', code: 'US' },
      { ip: '192.0.2.200', code: 'CA' },
    ],
  },
  labels: ['osDistro:ubuntu'],
  accountID: 'lab-account',
  collections: ['All'],
};

describe('Prisma Cloud host-profile parser', () => {
  it('detects a profile, as an object or a JSON line', () => {
    expect(prismaCloudHostProfileParser.detect(profile)).toBe(true);
    expect(prismaCloudHostProfileParser.detect(JSON.stringify(profile))).toBe(true);
  });

  it('reports the profile id as host and the geo and outgoing addresses, not the SSH peer or users', () => {
    expect(ecsIndicators(prismaCloudHostProfileParser.parse(profile))).toEqual({
      src_ips: [],
      dst_ips: [],
      ips: ['192.0.2.200', '198.51.100.44'],
      users: [],
      hosts: ['lab-app-03'],
    });
  });

  it('titles the profile by host, apps and SSH events, as information at its creation time', () => {
    const a = prismaCloudHostProfileParser.parse(profile);
    expect(a.format).toBe('prisma_cloud.host_profile');
    expect(a.title).toBe('Prisma Cloud host profile: lab-app-03 (1 apps, 1 SSH events)');
    expect(a.severity).toBe('info');
    expect(a.observedAt).toBe('2025-02-01T08:00:00.000Z');
  });

  it('does not claim other JSON, text or non-strings', () => {
    expect(prismaCloudHostProfileParser.detect({ _id: 'x', apps: {}, geoip: {} })).toBe(false);
    expect(prismaCloudHostProfileParser.detect({ apps: [], sshEvents: [] })).toBe(false);
    expect(prismaCloudHostProfileParser.detect({ _id: 'x', apps: [] })).toBe(false);
    expect(prismaCloudHostProfileParser.detect('{"_id":"x","geoip":{}}')).toBe(false);
    expect(prismaCloudHostProfileParser.detect('sshEvents geoip _id')).toBe(false);
    expect(prismaCloudHostProfileParser.detect(7)).toBe(false);
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const raw of [profile, JSON.stringify(profile)])
      expect(registryClaims(raw, 'prisma_cloud.host_profile').others).toEqual([]);
  });
});
