// The Linux auth.log parser on synthetic lines: the wordings of sshd, PAM, sudo and the shadow-utils tools
// (useradd, usermod, gpasswd, userdel) that name users and the login's source, with and without a syslog header.
import { describe, expect, it } from 'vitest';
import { linuxAuthParser } from '../../../src/intake/parsers/linux-auth.js';
import { registryClaims } from './registry-claims.js';

const read = (line: string) => {
  expect(linuxAuthParser.detect(line)).toBe(true);
  const { observables: o } = linuxAuthParser.parse(line);
  return { src: o.srcIps, ips: o.ips, users: [...o.users].sort(), hosts: o.hosts };
};

const HEADER = 'Mar  3 04:05:06 bastion';

describe('linux auth.log users', () => {
  it.each([
    [
      `${HEADER} sshd[1]: pam_succeed_if(sshd:auth): requirement "uid >= 1000" not met by user "root"`,
      ['root'],
    ],
    [`${HEADER} useradd[2]: failed adding user 'aol', exit code: 4`, ['aol']],
    [`${HEADER} usermod[3]: change user 'acris' expiration from '2001-01-01' to '2243-10-16'`, ['acris']],
    [`${HEADER} usermod[3]: changed user 'acris' password`, ['acris']],
    [
      `${HEADER} sshd[4]: pam_faillock(sshd:auth): Consecutive login failures for user test account temporarily locked`,
      ['test'],
    ],
    [`${HEADER} gpasswd[5]: user alice added by root to group sudo`, ['alice', 'root']],
    [`${HEADER} gpasswd[5]: user alice removed by root from group sudo`, ['alice', 'root']],
    [`${HEADER} usermod[6]: add 'dave' to group 'wheel'`, ['dave']],
    [`${HEADER} usermod[6]: add 'dave' to shadow group 'wheel'`, ['dave']],
    [`${HEADER} passwd[7]: pam_unix(passwd:chauthtok): password changed for jsmith`, ['jsmith']],
    [`${HEADER} unix_chkpwd[8]: password check failed for user (erin)`, ['erin']],
    [`${HEADER} userdel[9]: removed group 'frank' owned by 'frank'`, ['frank']],
    [
      `${HEADER} passwd[10]: pam_unix(passwd:chauthtok): user "nosuchuser" does not exist in /etc/passwd`,
      ['nosuchuser'],
    ],
  ])('reads the users of %s', (line, users) => {
    expect(read(line).users).toEqual(users);
  });

  it('reads every party of a PAM failure: the account, and the login session that asked for it', () => {
    const line = `${HEADER} passwd[11]: pam_unix(passwd:chauthtok): authentication failure; logname=alice uid=1000 euid=0 tty=pts/0 ruser= rhost=  user=bob`;
    expect(read(line).users).toEqual(['alice', 'bob']);
  });

  it('reads sshd’s summary of further PAM failures (`failures;`) with its user and remote host', () => {
    const line = `${HEADER} sshd[12]: PAM 2 more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= rhost=198.51.100.5  user=deploy`;
    const r = read(line);
    expect(r.users).toEqual(['deploy']);
    expect(r.src).toEqual(['198.51.100.5']);
  });

  it('takes a client that sent no identification string for the source', () => {
    const r = read(`${HEADER} sshd[13]: Did not receive identification string from 203.0.113.156`);
    expect(r.src).toEqual(['203.0.113.156']);
    expect(r.users).toEqual([]);
  });
});

describe('linux auth messages without a syslog header', () => {
  it('reads sshd, PAM and sudo messages as journald gives them', () => {
    expect(read('Invalid user test from 192.0.2.119 port 48890')).toEqual({
      src: ['192.0.2.119'],
      ips: ['192.0.2.119'],
      users: ['test'],
      hosts: [],
    });
    expect(
      read('Accepted publickey for vagrant from 192.0.2.2 port 48274 ssh2: ED25519 SHA256:abc').users,
    ).toEqual(['vagrant']);
    expect(read('pam_unix(passwd:chauthtok): password changed for bob').users).toEqual(['bob']);
    expect(
      read('     foo : user NOT in sudoers ; TTY=pts/0 ; PWD=/opt ; USER=root ; COMMAND=/usr/bin/su').users,
    ).toEqual(['foo', 'root']);
    expect(read('   testuser : TTY=none ; PWD=/ ; USER=root ; COMMAND=/usr/bin/id').users).toEqual([
      'root',
      'testuser',
    ]);
  });

  it('leaves other header-less text alone', () => {
    for (const line of [
      'Failed to start Example Service.',
      'User admin logged in from 192.0.2.7',
      'pam_unix is a module',
      'Invalid user name in request',
    ]) {
      expect(linuxAuthParser.detect(line)).toBe(false);
    }
  });

  it('is the only specific parser that claims them', () => {
    expect(registryClaims('Invalid user test from 192.0.2.119 port 48890', 'system.auth')).toEqual({
      first: 'system.auth',
      others: [],
    });
  });
});
