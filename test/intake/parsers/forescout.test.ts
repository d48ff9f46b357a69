// The Forescout event parser on synthetic appliance command lines, bare and syslog-wrapped: detection, the user
// Elastic's forescout pipeline keeps (USER, not the service), the syslog host, and what it must not claim.
import { describe, expect, it } from 'vitest';
import { forescoutParser } from '../../../src/intake/parsers/forescout.js';
import { registryClaims } from './registry-claims.js';

const bare = '_fsservice : TTY=unknown ; PWD=/usr/local/forescout ; USER=root ; COMMAND=/bin/fstool status';
const withAddresses =
  '_fsservice : TTY=unknown ; PWD=/usr/local/forescout ; USER=svc-probe ; COMMAND=/bin/fstool check 192.0.2.10:0,198.51.100.11:443';
const wrapped =
  '<86>2024-06-03T10:00:01Z ctr-appliance-01 sudo: _fsservice : TTY=unknown ; PWD=/usr/local/forescout ; USER=root ; COMMAND=/bin/fstool lsif';

describe('forescoutParser', () => {
  it('reads a bare command line: USER is the only user, no addresses or hosts', () => {
    expect(forescoutParser.detect(bare)).toBe(true);
    const a = forescoutParser.parse(bare);
    expect(a.observables.users).toEqual(['root']);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
    expect(a.title).toContain('/bin/fstool status');
    expect(a.ruleId).toBe('_fsservice');
    expect(a.severity).toBe('info');
  });

  it('does not take addresses from the command arguments', () => {
    const a = forescoutParser.parse(withAddresses);
    expect(a.observables.users).toEqual(['svc-probe']);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual([]);
  });

  it('reads a syslog-wrapped line: the syslog host is a related host, the time and severity come from the header', () => {
    expect(forescoutParser.detect(wrapped)).toBe(true);
    const a = forescoutParser.parse(wrapped);
    expect(a.observables.users).toEqual(['root']);
    expect(a.observables.hosts).toEqual(['ctr-appliance-01']);
    expect(a.observedAt).toBe('2024-06-03T10:00:01.000Z');
    expect(a.severity).toBe('info');
  });

  it('does not claim an ordinary sudo line, an sshd line or JSON', () => {
    expect(forescoutParser.detect('alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/bin/ls')).toBe(
      false,
    );
    expect(
      forescoutParser.detect(
        '<86>Jun  3 10:00:01 web-01 sudo: alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/bin/ls',
      ),
    ).toBe(false);
    expect(forescoutParser.detect('Accepted publickey for root from 192.0.2.10 port 50000 ssh2')).toBe(false);
    expect(forescoutParser.detect({ message: bare })).toBe(false);
  });

  it('shares a bare or a syslog-wrapped line only with system.auth, so it must be registered ahead of it', () => {
    // The appliance's sudo lines are valid sudo lines too, with a header or without (journald's form);
    // system.auth would report the service account.
    for (const line of [bare, withAddresses, wrapped]) {
      expect(registryClaims(line, 'forescout.event')).toEqual({
        first: 'forescout.event',
        others: ['system.auth'],
      });
    }
  });
});
