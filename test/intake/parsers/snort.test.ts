// The Snort parser on synthetic alerts in each of Snort's outputs (fast, full, CSV, pfSense's CSV, Snort 3
// JSON): the endpoints, the rule, the priority as severity, and which parsers also claim them.
import { describe, expect, it } from 'vitest';
import { snortParser } from '../../../src/intake/parsers/snort.js';
import { registryClaims } from './registry-claims.js';

const fast =
  '04/05-10:00:00.123456  [**] [1:2010935:3] ET POLICY Suspicious inbound to MSSQL port 1433 [**] [Classification: Potentially Bad Traffic] [Priority: 2] {TCP} 203.0.113.9:51000 -> 192.0.2.20:1433';
const full = [
  '[**] [1:1000006:0] TCP connection to SSH [**]',
  '[Classification: A Network Trojan was Detected] [Priority: 1] ',
  '09/04-21:42:42.860730 192.0.2.59:57263 -> 198.51.100.190:22',
  'TCP TTL:127 TOS:0x0 ID:53730 IpLen:20 DgmLen:108 DF',
  '***AP*** Seq: 0x688E00E4  Ack: 0xBC730BB6  Win: 0x80B  TcpLen: 20',
  '',
].join('\n');
const fullNoClass =
  '[**] [1:1000004:0] Pinging... [**]\n[Priority: 0] \n09/04-21:53:15.299988 192.0.2.190 -> 198.51.100.1\n';
const csv =
  '09/04-21:45:37.536335 ,1,1000006,0,"TCP connection, inbound",TCP,192.0.2.59,57263,198.51.100.190,22,00:25:90:3A:05:13,00:50:56:9D:A5:BE,0x72,***AP***,0x688F0DFC,0xBC763516,,0x80C,127,0,55665,100,102400,,,,';
const pfsense =
  '09/03/21-12:56:44.310212 ,1,2011716,4,"ET SCAN Sipvicious User-Agent Detected (friendly-scanner)",UDP,203.0.113.1,5103,192.0.2.1,5060,54925,Attempted Information Leak,2,alert,Allow';
const json = {
  seconds: 1608147213,
  action: 'allow',
  class: 'none',
  dir: 'C2S',
  dst_addr: '198.51.100.1',
  dst_ap: '198.51.100.1:0',
  gid: 1,
  msg: 'ICMP Traffic Detected',
  priority: 1,
  proto: 'ICMP',
  rev: 0,
  rule: '1:10000001:0',
  sid: 10000001,
  src_addr: '192.0.2.88',
  src_ap: '192.0.2.88:0',
};

const read = (raw: unknown) => {
  expect(snortParser.detect(raw)).toBe(true);
  const a = snortParser.parse(raw);
  return {
    src: a.observables.srcIps,
    dst: a.observables.dstIps,
    title: a.title,
    severity: a.severity,
    ruleId: a.ruleId,
    observedAt: a.observedAt,
  };
};

describe('snortParser', () => {
  it('reads a fast line', () => {
    expect(read(fast)).toMatchObject({
      src: ['203.0.113.9'],
      dst: ['192.0.2.20'],
      title: 'ET POLICY Suspicious inbound to MSSQL port 1433',
      severity: 'medium',
      ruleId: '1:2010935:3',
    });
  });

  it('reads a full record: the endpoints on their own line, with or without a classification', () => {
    expect(read(full)).toMatchObject({
      src: ['192.0.2.59'],
      dst: ['198.51.100.190'],
      title: 'TCP connection to SSH',
      severity: 'high',
      ruleId: '1:1000006:0',
    });
    // Priority 0 is no priority: Snort's default (3).
    expect(read(fullNoClass)).toMatchObject({ src: ['192.0.2.190'], dst: ['198.51.100.1'], severity: 'low' });
  });

  it('reads alert_csv and pfSense’s CSV (with its priority and a year in the time)', () => {
    expect(read(csv)).toMatchObject({
      src: ['192.0.2.59'],
      dst: ['198.51.100.190'],
      title: 'TCP connection, inbound',
      ruleId: '1:1000006:0',
    });
    expect(read(pfsense)).toMatchObject({
      src: ['203.0.113.1'],
      dst: ['192.0.2.1'],
      severity: 'medium',
      ruleId: '1:2011716:4',
      observedAt: '2021-09-03T12:56:44.310212Z',
    });
  });

  it('reads Snort 3’s alert_json as an object or as text', () => {
    const expected = {
      src: ['192.0.2.88'],
      dst: ['198.51.100.1'],
      title: 'ICMP Traffic Detected',
      severity: 'high',
      ruleId: '1:10000001:0',
      observedAt: '2020-12-16T19:33:33.000Z',
    };
    expect(read(json)).toEqual(expected);
    expect(read(JSON.stringify(json))).toEqual(expected);
  });

  it('does not claim look-alikes: other CSV, an object without a rule, a fast line without endpoints', () => {
    expect(snortParser.detect('09/04-21:45:37.536335 ,1,2,3,"x",TCP,not-an-ip,1,198.51.100.1,2')).toBe(false);
    expect(snortParser.detect('2024-01-01,1,2,3,"x",TCP,192.0.2.1,1,198.51.100.1,2')).toBe(false);
    expect(snortParser.detect({ src_addr: '192.0.2.1', dst_addr: '198.51.100.1' })).toBe(false);
    expect(snortParser.detect('[**] [1:2:3] msg [**]\nno endpoints here\n')).toBe(false);
  });

  it('is the only specific parser that claims each output', () => {
    for (const raw of [fast, full, csv, pfsense, json]) {
      expect(registryClaims(raw, 'snort.log')).toEqual({ first: 'snort.log', others: [] });
    }
  });
});
