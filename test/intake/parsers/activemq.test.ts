// The ActiveMQ parser on synthetic lines: audit `called` / `requested` lines, broker log4j lines (with a
// stack trace), and lines of other pipe-separated formats it must not claim.
import { describe, expect, it } from 'vitest';
import { ecsIndicators } from '../../../src/intake/ecs-view.js';
import { activemqParser } from '../../../src/intake/parsers/activemq.js';
import { parsers } from '../../../src/intake/parsers/index.js';
import { registryClaims } from './registry-claims.js';

const called =
  'INFO  | ops_admin called org.apache.activemq.broker.jmx.QueueView.purge[] at 05-03-2024 10:15:42,123 | qtp1234567-41';
const requested =
  'WARN  | mallory requested /admin/deleteDestination.action from 203.0.113.50 | qtp1234567-42';
const anonymous =
  'INFO  | anonymous called org.apache.activemq.broker.jmx.BrokerView.getBrokerName[] at 05-03-2024 10:16:00,000 | qtp1234567-43';
const broker =
  '2024-03-05 10:15:42,123 | INFO  | Apache ActiveMQ 5.18.3 (localhost, ID:mq-1-40000-1709633742000-0:1) started | org.apache.activemq.broker.BrokerService | main';
const brokerError = [
  '2024-03-05 10:17:00,500 | ERROR | Could not accept connection from tcp://198.51.100.9:52000 | org.apache.activemq.broker.TransportConnector | ActiveMQ Transport Server Thread Handler',
  'java.io.IOException: Connection reset',
  '\tat org.apache.activemq.transport.tcp.TcpTransport.run(TcpTransport.java:1)',
].join('\n');

const samples: unknown[] = [called, requested, anonymous, broker, brokerError];

describe('activemqParser', () => {
  it('detects audit and broker log lines', () => {
    for (const s of samples) expect(activemqParser.detect(s), JSON.stringify(s)).toBe(true);
  });

  it('does not claim other pipe-separated lines, JSON or non-text payloads', () => {
    const others: unknown[] = [
      'INFO  | some text without an audit verb | thread-1',
      'CEF:0|Vendor|Product|1.0|100|name|5|src=192.0.2.1',
      '2024-03-05 10:15:42 | INFO | message | caller | thread',
      '2024-03-05T10:15:42,123 INFO message',
      { message: called },
      42,
      null,
    ];
    for (const o of others) expect(activemqParser.detect(o), JSON.stringify(o)).toBe(false);
  });

  it('reads the audited user as the only indicator, as Elastic does', () => {
    const a = activemqParser.parse(called);
    expect(ecsIndicators(a)).toEqual({ src_ips: [], dst_ips: [], ips: [], users: ['ops_admin'], hosts: [] });
    expect(a.format).toBe('activemq.audit');
    expect(a.ruleId).toBe('called');
    expect(a.observedAt).toBe('2024-03-05T10:15:42.123Z');
    expect(a.title).toBe(
      'ActiveMQ audit: ops_admin called org.apache.activemq.broker.jmx.QueueView.purge[] at 05-03-2024 10:15:42,123',
    );
  });

  it('keeps the requesting address of a console request out of the indicators and rates it low', () => {
    const a = activemqParser.parse(requested);
    expect(ecsIndicators(a)).toEqual({ src_ips: [], dst_ips: [], ips: [], users: ['mallory'], hosts: [] });
    expect(a.severity).toBe('low');
    expect(a.ruleId).toBe('requested');
    expect(a.observedAt).toBeNull();
  });

  it('reports the anonymous user as Elastic does', () => {
    expect(activemqParser.parse(anonymous).observables.users).toEqual(['anonymous']);
  });

  it('reads a broker line with no indicator, its level and time', () => {
    const a = activemqParser.parse(broker);
    expect(ecsIndicators(a)).toEqual({ src_ips: [], dst_ips: [], ips: [], users: [], hosts: [] });
    expect(a.format).toBe('activemq.log');
    expect(a.observedAt).toBe('2024-03-05T10:15:42.123Z');
    expect(a.ruleId).toBe('INFO');
    expect(a.severity).toBe('info');
  });

  it('reads an error line with a stack trace and maps no address from its message', () => {
    const a = activemqParser.parse(brokerError);
    expect(a.observables.ips).toEqual([]);
    expect(a.severity).toBe('low');
    expect(a.title).toBe('ActiveMQ ERROR: Could not accept connection from tcp://198.51.100.9:52000');
  });

  it('is claimed by no other specific parser in the registry', () => {
    expect(parsers.includes(activemqParser)).toBe(true);
    for (const s of samples) expect(registryClaims(s, 'activemq').others, JSON.stringify(s)).toEqual([]);
  });
});
