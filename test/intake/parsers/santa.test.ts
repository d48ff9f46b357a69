// The Google Santa parser on synthetic santa.log lines: executions with decisions, file operations, disk
// events and newer event kinds, the `user=` field as the only indicator, and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { santaParser } from '../../../src/intake/parsers/santa.js';
import { registryClaims } from './registry-claims.js';

const sha = 'a'.repeat(64);
const certSha = 'b'.repeat(64);
const execAllow = `[2025-03-04T10:11:12.345Z] I santad: action=EXEC|decision=ALLOW|reason=CERT|explain=signed by a trusted certificate|sha256=${sha}|cert_sha256=${certSha}|cert_cn=Demo Signing|pid=4242|pidversion=90001|ppid=1|uid=501|user=jdoe|gid=20|group=staff|mode=M|path=/Applications/Demo.app/Contents/MacOS/demo|args=demo --flag`;
const execDeny = `[2025-03-04T10:12:00.000Z] I santad: action=EXEC|decision=DENY|reason=BINARY|sha256=${sha}|pid=4300|pidversion=90050|ppid=4242|uid=501|user=jdoe|gid=20|group=staff|mode=L|path=/Users/jdoe/Downloads/dropper|args=dropper`;
const execUnknown = `[2025-03-04T10:13:00.000Z] I santad: action=EXEC|decision=ALLOW|reason=UNKNOWN|sha256=${sha}|pid=4301|pidversion=90051|ppid=1|uid=502|user=asmith|gid=20|group=staff|mode=M|path=/tmp/tool`;
const rename =
  '[2025-03-04T10:14:00.000Z] I santad: action=RENAME|path=/tmp/a.tmp|newpath=/tmp/a.txt|pid=77|pidversion=12|ppid=1|process=editor|processpath=/usr/bin/editor|uid=0|user=root|gid=0|group=wheel';
const deleteNoVersion =
  '[2025-03-04T10:15:00.000Z] I santad: action=DELETE|path=/var/tmp/state.json|pid=584|ppid=1|process=agentd|processpath=/usr/local/bin/agentd|uid=0|user=root|gid=0|group=wheel';
const diskAppear =
  '[2025-03-04T10:16:00.000Z] I santad: action=DISKAPPEAR|mount=/Volumes/DemoDisk|volume=Demo Disk|bsdname=disk5s1|fs=apfs|model=Demo USB|serial=|bus=USB|dmgpath=|appearance=2025-03-04T10:15:59.000Z';
const diskGone =
  '[2025-03-04T10:17:00.000Z] I santad: action=DISKDISAPPEAR|mount=|volume=Demo Disk|bsdname=(null)';
const fork = '[2025-03-04T10:18:00.000Z] I santad: action=FORK|pid=9001|pidversion=5|ppid=1|uid=0|gid=0';
const unlock =
  '[2025-03-04T10:19:00.000Z] I santad: action=LOGIN_WINDOW_SESSION_UNLOCK|pid=169|ppid=1|process=loginwindow|processpath=/System/Library/CoreServices/loginwindow.app/Contents/MacOS/loginwindow|uid=0|user=root|gid=20|group=staff|event_user=jdoe|event_uid=501|graphical_session_id=257';

const all = [execAllow, execDeny, execUnknown, rename, deleteNoVersion, diskAppear, diskGone, fork, unlock];

describe('santaParser', () => {
  it('reads an allowed execution as its user, the binary and certificate hashes, at the bracketed time', () => {
    const a = santaParser.parse(execAllow);
    expect(a.format).toBe('santa.log');
    expect(a.recognizedBy).toBe('parser:santa.log');
    expect(a.observables.users).toEqual(['jdoe']);
    expect(a.observables.hashes).toEqual([sha, certSha]);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observedAt).toBe('2025-03-04T10:11:12.345Z');
    expect(a.ruleId).toBe('EXEC');
    expect(a.severity).toBe('info');
    expect(a.title).toBe('Santa EXEC ALLOW (CERT): /Applications/Demo.app/Contents/MacOS/demo');
  });

  it('rates a denied execution medium and an unknown binary allowed in monitor mode low', () => {
    expect(santaParser.parse(execDeny).severity).toBe('medium');
    expect(santaParser.parse(execDeny).observables.users).toEqual(['jdoe']);
    expect(santaParser.parse(execUnknown).severity).toBe('low');
  });

  it('reads file operations, with or without pidversion, as the acting user and a path title', () => {
    const r = santaParser.parse(rename);
    expect(r.observables.users).toEqual(['root']);
    expect(r.title).toBe('Santa RENAME: /tmp/a.tmp -> /tmp/a.txt by editor');
    expect(r.ruleId).toBe('RENAME');
    expect(santaParser.parse(deleteNoVersion).observables.users).toEqual(['root']);
  });

  it('reads disk events, empty values and all, with no indicators', () => {
    for (const line of [diskAppear, diskGone]) {
      const o = santaParser.parse(line).observables;
      expect([...o.users, ...o.ips, ...o.hosts]).toEqual([]);
    }
    expect(santaParser.parse(diskAppear).title).toBe('Santa DISKAPPEAR: /Volumes/DemoDisk');
    expect(santaParser.parse(diskGone).title).toBe('Santa DISKDISAPPEAR: Demo Disk');
  });

  it('keeps the login-window event user out of the users, as Elastic keeps it under santa.event.user', () => {
    expect(santaParser.parse(unlock).observables.users).toEqual(['root']);
    expect(santaParser.parse(fork).observables.users).toEqual([]);
  });

  it('does not claim other lines: syslog, santactl output, or a Santa line inside JSON', () => {
    expect(santaParser.detect('<13>Mar  4 10:11:12 mac-01 santad[12]: action=EXEC|decision=ALLOW')).toBe(
      false,
    );
    expect(santaParser.detect('[2025-03-04T10:11:12.345Z] I santad: Started, version 2025.1')).toBe(false);
    expect(santaParser.detect({ message: execAllow })).toBe(false);
    expect(santaParser.detect(null)).toBe(false);
    expect(santaParser.detect('[2025-03-04 10:11:12] ERROR app: action=EXEC')).toBe(false);
  });

  it('is claimed by no other specific parser', () => {
    for (const line of all) {
      expect(santaParser.detect(line)).toBe(true);
      expect(registryClaims(line, 'santa.log').others).toEqual([]);
    }
  });
});
