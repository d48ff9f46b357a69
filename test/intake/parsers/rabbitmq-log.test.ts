// The RabbitMQ log parser on synthetic lines: text lines (single and continued), the JSON log format as an
// object and as text, severities, and payloads of other formats it must not claim.
import { describe, expect, it } from 'vitest';
import { ecsIndicators } from '../../../src/intake/ecs-view.js';
import { parsers } from '../../../src/intake/parsers/index.js';
import { rabbitmqLogParser } from '../../../src/intake/parsers/rabbitmq-log.js';
import { registryClaims } from './registry-claims.js';

const created = "2024-03-05 10:15:42.123456+00:00 [info] <0.229.0> Created user 'svc_orders'";
const continued = [
  '2024-03-05 10:15:40.000001+00:00 [info] <0.229.0>  ',
  ' node           : rabbit@mq-node-1',
  ' home dir       : /var/lib/rabbitmq',
].join('\n');
const refused =
  "2024-03-05 10:16:00.500000+01:00 [error] <0.998.0> PLAIN login refused: user 'mallory' - invalid credentials";
const accepted =
  '2024-03-05 10:16:05.000000+00:00 [info] <0.1001.0> accepting AMQP connection <0.1001.0> (192.0.2.40:50112 -> 198.51.100.5:5672)';
const json = {
  time: '2024-03-05 10:17:00.250000+00:00',
  level: 'warning',
  msg: "HTTP access denied: user 'probe' - invalid credentials",
  pid: '<0.997.0>',
  domain: 'rabbitmq',
};
const jsonText = JSON.stringify(json);

const samples: unknown[] = [created, continued, refused, accepted, json, jsonText];

describe('rabbitmqLogParser', () => {
  it('detects text and JSON log lines', () => {
    for (const s of samples) expect(rabbitmqLogParser.detect(s), JSON.stringify(s)).toBe(true);
  });

  it('does not claim lines without an Erlang pid, other JSON or non-text payloads', () => {
    const others: unknown[] = [
      '2024-03-05 10:15:42.123 [info] service started',
      '2024-03-05T10:15:42Z [ERROR] <main> failed',
      { time: '2024-03-05', level: 'info', msg: 'x', pid: 1234 },
      { time: '2024-03-05', level: 'info', message: 'x' },
      '{"time": "2024-03-05", "msg": "x"}',
      42,
      null,
    ];
    for (const o of others) expect(rabbitmqLogParser.detect(o), JSON.stringify(o)).toBe(false);
  });

  it('maps no indicator, as Elastic does, even where the message names users or peers', () => {
    for (const s of samples) {
      expect(ecsIndicators(rabbitmqLogParser.parse(s))).toEqual({
        src_ips: [],
        dst_ips: [],
        ips: [],
        users: [],
        hosts: [],
      });
    }
  });

  it('reads the time, level and message of a text line', () => {
    const a = rabbitmqLogParser.parse(created);
    expect(a.observedAt).toBe('2024-03-05T10:15:42.123Z');
    expect(a.ruleId).toBe('info');
    expect(a.severity).toBe('info');
    expect(a.title).toBe("RabbitMQ info: Created user 'svc_orders'");
  });

  it('titles a continued entry by its first non-empty line', () => {
    expect(rabbitmqLogParser.parse(continued).title).toBe('RabbitMQ info: node : rabbit@mq-node-1');
  });

  it('rates refused logins and access denials medium and reads the zone offset', () => {
    const a = rabbitmqLogParser.parse(refused);
    expect(a.severity).toBe('medium');
    expect(a.observedAt).toBe('2024-03-05T09:16:00.500Z');
    expect(rabbitmqLogParser.parse(json).severity).toBe('medium');
  });

  it('reads the JSON format as an object and as text alike', () => {
    const a = rabbitmqLogParser.parse(json);
    expect(a.observedAt).toBe('2024-03-05T10:17:00.250Z');
    expect(a.ruleId).toBe('warning');
    expect(rabbitmqLogParser.parse(jsonText).title).toBe(a.title);
  });

  it('is claimed by no other specific parser in the registry', () => {
    expect(parsers.includes(rabbitmqLogParser)).toBe(true);
    for (const s of samples) expect(registryClaims(s, 'rabbitmq.log').others, JSON.stringify(s)).toEqual([]);
  });
});
