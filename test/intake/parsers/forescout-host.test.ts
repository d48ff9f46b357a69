// The Forescout host-record parser on synthetic endpoint property records: detection, the addresses and user
// Elastic's forescout.host pipeline keeps, the placeholder values it drops, and what it must not claim.
import { describe, expect, it } from 'vitest';
import { forescoutHostParser } from '../../../src/intake/parsers/forescout-host.js';
import { registryClaims } from './registry-claims.js';

const placeholders = {
  compliance_state: 'N/A',
  guest_corporate_state: 'N/A',
  device_interfaces: 'Irresolvable',
  is_dhcp_relay: 'No DHCP traffic seen',
  is_dhcp_server: 'No DHCP traffic seen',
  is_behind_nat: 'Irresolvable',
  dhcp_server: 'Unknown',
  nested_device_id: 'Unknown',
  hwi_network_adapters: 'Irresolvable',
  openports: 'Unknown',
  os_cpe: 'Irresolvable',
  segment_name: '',
  segment_path: 'Irresolvable',
  smb_relay: 'Irresolvable',
};

const sparse = {
  timestamp: '2025-02-03T08:15:30.123456',
  access_ip: 'Unknown',
  ip: '198.51.100.20',
  mac: 'Unknown',
  nested_device_parent_ip: 'Unknown',
  user: 'kiosk-operator',
  ...placeholders,
};

const full = {
  ...placeholders,
  timestamp: '2025-02-03T09:00:00.000000',
  access_ip: '192.0.2.7',
  ip: '198.51.100.21',
  mac: '0a1b2c3d4e5f',
  nested_device_parent_ip: '203.0.113.9',
  compliance_state: 'Not Compliant',
  user: 'jdoe',
};

describe('forescoutHostParser', () => {
  it('reads a record whose optional addresses are Unknown: the endpoint address is related only, user is the user', () => {
    expect(forescoutHostParser.detect(sparse)).toBe(true);
    const a = forescoutHostParser.parse(sparse);
    expect(a.observables.ips).toEqual(['198.51.100.20']);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.users).toEqual(['kiosk-operator']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observedAt).toBe('2025-02-03T08:15:30.123Z');
    expect(a.severity).toBe('info');
    expect(a.ruleId).toBe('forescout.host');
    expect(a.title).toContain('198.51.100.20');
  });

  it('relates the access address, the endpoint address and the nested parent address in that order', () => {
    const a = forescoutHostParser.parse(full);
    expect(a.observables.ips).toEqual(['192.0.2.7', '198.51.100.21', '203.0.113.9']);
    expect(a.observables.users).toEqual(['jdoe']);
    expect(a.title).toContain('Not Compliant');
  });

  it('drops a user written as Unknown or N/A', () => {
    const a = forescoutHostParser.parse({ ...sparse, user: 'N/A' });
    expect(a.observables.users).toEqual([]);
    expect(forescoutHostParser.parse({ ...sparse, user: 'unknown' }).observables.users).toEqual([]);
  });

  it('does not claim an object without the host-record properties, another vendor JSON or a text line', () => {
    expect(forescoutHostParser.detect({ ip: '192.0.2.1', user: 'alice' })).toBe(false);
    expect(forescoutHostParser.detect({ ip: '192.0.2.1', smb_relay: 'x' })).toBe(false);
    expect(
      forescoutHostParser.detect({ src_addr: '192.0.2.1', dst_addr: '198.51.100.2', type: 'SFLOW_5' }),
    ).toBe(false);
    expect(
      forescoutHostParser.detect(
        '_fsservice : TTY=unknown ; PWD=/usr/local/forescout ; USER=root ; COMMAND=/bin/fstool status',
      ),
    ).toBe(false);
  });

  it('is the only specific parser that claims a host record', () => {
    expect(registryClaims(sparse, 'forescout.host').others).toEqual([]);
    expect(registryClaims(full, 'forescout.host').others).toEqual([]);
  });
});
