// The MongoDB server-log parser on synthetic lines: 4.4+ structured JSON (as an object and as text, with a
// `$numberLong` date), 3.x plaintext, severities, and payloads of other formats it must not claim.
import { describe, expect, it } from 'vitest';
import { ecsIndicators } from '../../../src/intake/ecs-view.js';
import { parsers } from '../../../src/intake/parsers/index.js';
import { mongodbLogParser } from '../../../src/intake/parsers/mongodb-log.js';
import { registryClaims } from './registry-claims.js';

const accepted = {
  t: { $date: '2024-03-05T10:15:42.123+00:00' },
  s: 'I',
  c: 'NETWORK',
  id: 22943,
  ctx: 'listener',
  msg: 'Connection accepted',
  attr: { remote: '192.0.2.5:53712', connectionId: 12, connectionCount: 3 },
};
const authFailed = {
  t: { $date: '2024-03-05T10:16:00.000+01:00' },
  s: 'I',
  c: 'ACCESS',
  id: 20249,
  ctx: 'conn12',
  msg: 'Authentication failed',
  attr: { mechanism: 'SCRAM-SHA-256', user: 'report_app', db: 'admin', client: '198.51.100.7:40112' },
};
const starting = {
  t: { $date: { $numberLong: '1709633742000' } },
  s: 'I',
  c: 'CONTROL',
  id: 4615611,
  ctx: 'initandlisten',
  msg: 'MongoDB starting',
  attr: { pid: 1, port: 27017, host: 'db-node-3' },
};
const fatal = { ...accepted, s: 'F', c: 'STORAGE', id: 28595, ctx: 'initandlisten', msg: 'Terminating.' };
const asText = JSON.stringify(accepted);
const plaintext =
  '2024-03-05T10:15:42.677+0000 I NETWORK  [listener] connection accepted from 192.0.2.5:53712 #12 (3 connections now open)';
const plaintextDash = '2024-03-05T10:15:43.000+0000 E -        [main] Assertion: 13111:wrong type for field';

const samples: unknown[] = [accepted, authFailed, starting, fatal, asText, plaintext, plaintextDash];

describe('mongodbLogParser', () => {
  it('detects structured and plaintext server-log lines', () => {
    for (const s of samples) expect(mongodbLogParser.detect(s), JSON.stringify(s)).toBe(true);
  });

  it('does not claim audit events, other JSON, other text lines or non-text payloads', () => {
    const others: unknown[] = [
      { atype: 'authenticate', ts: { $date: '2024-03-05T10:15:42.123+00:00' }, local: {}, remote: {} },
      { t: '2024-03-05', msg: 'x', ctx: 'y' },
      { ...accepted, s: 'INFO' },
      '2024-03-05T10:15:42Z INFO service ready',
      '2024-03-05 10:15:42 [ERROR] [main] something',
      '{"t": 1, "msg": "x"}',
      42,
      null,
    ];
    for (const o of others) expect(mongodbLogParser.detect(o), JSON.stringify(o)).toBe(false);
  });

  it('maps no indicator, as Elastic does, even where attributes name clients, users or hosts', () => {
    for (const s of samples) {
      expect(ecsIndicators(mongodbLogParser.parse(s))).toEqual({
        src_ips: [],
        dst_ips: [],
        ips: [],
        users: [],
        hosts: [],
      });
    }
  });

  it('reads the time, component, message and log id of a structured line', () => {
    const a = mongodbLogParser.parse(accepted);
    expect(a.observedAt).toBe('2024-03-05T10:15:42.123Z');
    expect(a.title).toBe('MongoDB NETWORK info: Connection accepted');
    expect(a.ruleId).toBe('22943');
    expect(a.severity).toBe('info');
    expect(a.format).toBe('mongodb.log');
  });

  it('reads a `$numberLong` date and the same line given as text', () => {
    expect(mongodbLogParser.parse(starting).observedAt).toBe('2024-03-05T10:15:42.000Z');
    expect(mongodbLogParser.parse(asText).title).toBe(mongodbLogParser.parse(accepted).title);
  });

  it('rates an authentication failure and a fatal line medium', () => {
    expect(mongodbLogParser.parse(authFailed).severity).toBe('medium');
    expect(mongodbLogParser.parse(authFailed).observedAt).toBe('2024-03-05T09:16:00.000Z');
    expect(mongodbLogParser.parse(fatal).severity).toBe('medium');
  });

  it('reads a plaintext line by its component and context', () => {
    const a = mongodbLogParser.parse(plaintext);
    expect(a.observedAt).toBe('2024-03-05T10:15:42.677Z');
    expect(a.ruleId).toBe('NETWORK');
    expect(a.title).toBe(
      'MongoDB NETWORK info: connection accepted from 192.0.2.5:53712 #12 (3 connections now open)',
    );
    expect(mongodbLogParser.parse(plaintextDash).severity).toBe('low');
  });

  it('is claimed by no other specific parser in the registry', () => {
    expect(parsers.includes(mongodbLogParser)).toBe(true);
    for (const s of samples) expect(registryClaims(s, 'mongodb.log').others, JSON.stringify(s)).toEqual([]);
  });
});
