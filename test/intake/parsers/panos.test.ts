// The PAN-OS parser on synthetic syslog records of every supported log type: detection, the role of every
// indicator (by column, as Elastic's panw.panos pipelines map them) and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { splitQuotedCsv } from '../../../src/intake/parsers/common.js';
import { panosParser } from '../../../src/intake/parsers/panos.js';
import { registryClaims } from './registry-claims.js';

const HEADER = 'Mar  5 10:00:00 fw-lab-01 ';

/** A PAN-OS record: the common head, then `length` columns with `cols` set by position. */
function record(
  type: string,
  subtype: string,
  cols: Record<number, string>,
  length: number,
  header = HEADER,
): string {
  const cells = Array.from({ length }, (_, i) => cols[i] ?? '');
  return `${header}1,2024/03/05 10:00:00,012345678901,${type},${subtype},2561,2024/03/05 09:59:58,${cells.join(',')}`;
}

const traffic = record(
  'TRAFFIC',
  'end',
  {
    0: '192.0.2.10',
    1: '198.51.100.20',
    2: '203.0.113.5',
    3: '198.51.100.20',
    4: 'allow-web',
    5: 'CORP\\alice',
    6: 'bob@example.org',
    7: 'ssl',
    22: 'tcp',
    23: 'allow',
    45: 'PA-LAB-1',
    68: '192.0.2.99',
    75: 'alice-laptop',
    83: 'web-01',
  },
  90,
);

const threat = record(
  'THREAT',
  'url',
  {
    0: '192.0.2.11',
    1: '203.0.113.80',
    2: '0.0.0.0',
    3: '0.0.0.0',
    4: 'outbound',
    5: 'carol@example.org',
    7: 'web-browsing',
    22: 'tcp',
    23: 'block-url',
    24: '"bad.example/a,b.exe"',
    25: '(9999)',
    26: 'malware',
    27: 'high',
    41: '198.51.100.7',
    52: 'PA-LAB-2',
  },
  90,
);

const samples: Record<string, string> = {
  traffic,
  threat,
  vulnerability: record(
    'THREAT',
    'vulnerability',
    {
      0: '198.51.100.66',
      1: '192.0.2.40',
      4: 'inbound',
      23: 'reset-both',
      25: 'Synthetic Exploit Attempt(41234)',
      27: 'critical',
    },
    60,
    'Mar  5 10:00:00 ',
  ),
  decryption: record(
    'DECRYPTION',
    '0',
    {
      0: '192.0.2.12',
      1: '203.0.113.81',
      2: '198.51.100.12',
      4: 'decrypt-all',
      5: 'LAB\\judy',
      23: 'allow',
      72: 'judy-pc',
      80: 'api-host',
      89: 'PA-LAB-3',
    },
    100,
  ),
  globalprotect: record(
    'GLOBALPROTECT',
    '0',
    {
      0: 'vsys1',
      1: 'gateway-auth',
      2: 'login',
      5: 'LAB\\dave',
      7: 'DAVE-PC',
      8: '203.0.113.30',
      9: '0.0.0.0',
      10: '192.0.2.50',
      11: '0.0.0.0',
      21: 'success',
      40: 'PA-GW',
    },
    42,
  ),
  globalprotectV6: record(
    'GLOBALPROTECT',
    '0',
    {
      1: 'gateway-connected',
      5: 'erin',
      7: 'Erin-Mac',
      8: '0.0.0.0',
      9: '2001:db8::30',
      10: '0.0.0.0',
      11: '2001:db8:1::50',
      21: 'success',
    },
    42,
  ),
  hipmatch: record(
    'HIPMATCH',
    '0',
    {
      0: 'LAB\\frank',
      1: 'vsys1',
      2: 'FRANK-PC',
      4: '192.0.2.60',
      5: 'corp-compliant',
      7: 'object',
      17: 'PA-LAB-1',
      19: '2001:db8::60',
    },
    24,
  ),
  userid: record(
    'USERID',
    'login',
    { 0: 'vsys1', 1: '192.0.2.70', 2: 'lab\\grace', 3: 'dc01', 4: 'login', 18: 'PA-LAB-1' },
    27,
  ),
  authentication: record(
    'AUTHENTICATION',
    '0',
    {
      0: 'vsys1',
      1: '198.51.100.80',
      2: 'heidi',
      3: 'lab\\heidi',
      5: 'mfa-policy',
      11: 'auth ok',
      22: 'PA-LAB-1',
      33: 'heidi-phone',
    },
    40,
  ),
  config: record(
    'CONFIG',
    '0',
    { 0: '192.0.2.90', 1: 'vsys1', 2: 'edit', 3: 'admin', 5: 'Succeeded', 6: 'rulebase', 16: 'PA-LAB-1' },
    19,
  ),
  system: record(
    'SYSTEM',
    'general',
    {
      0: '',
      1: 'general',
      5: 'general',
      6: 'medium',
      7: '"User ivan logged in via Web from 192.0.2.91"',
      15: 'PA-LAB-1',
    },
    19,
  ),
};

function parse(raw: string) {
  expect(panosParser.detect(raw)).toBe(true);
  return panosParser.parse(raw);
}

describe('panosParser', () => {
  it('reads a TRAFFIC record: source and destination by column, NAT and X-Forwarded-For as related only', () => {
    const a = parse(traffic);
    expect(a.format).toBe('panw.panos');
    expect(a.recognizedBy).toBe('parser:panw.panos');
    expect(a.observables.srcIps).toEqual(['192.0.2.10']);
    expect(a.observables.dstIps).toEqual(['198.51.100.20']);
    expect(a.observables.ips).toEqual(['192.0.2.10', '198.51.100.20', '203.0.113.5', '192.0.2.99']);
    expect(a.ruleId).toBe('allow-web');
    expect(a.severity).toBe('info');
    expect(a.observedAt).toBe('2024-03-05T09:59:58.000Z');
    expect(a.title).toBe('PAN-OS TRAFFIC end: allow ssl 192.0.2.10 -> 198.51.100.20');
  });

  it('reduces DOMAIN\\user and e-mail users to the user name, source user first', () => {
    expect(parse(traffic).observables.users).toEqual(['alice', 'bob']);
  });

  it('takes the device name, then the destination and source host names as hosts, not the syslog host', () => {
    expect(parse(traffic).observables.hosts).toEqual(['PA-LAB-1', 'web-01', 'alice-laptop']);
  });

  it('keeps commas inside a braced link-switch list of a TRAFFIC record from shifting later columns', () => {
    const braced = record(
      'TRAFFIC',
      'end',
      {
        0: '192.0.2.10',
        1: '198.51.100.20',
        23: 'allow',
        45: 'PA-LAB-1',
        62: '{link1,tag1,ethernet}',
        68: '192.0.2.99',
        83: 'web-01',
      },
      90,
    );
    const a = parse(braced);
    expect(a.observables.ips).toEqual(['192.0.2.10', '198.51.100.20', '192.0.2.99']);
    expect(a.observables.hosts).toEqual(['PA-LAB-1', 'web-01']);
  });

  it('rates a denied TRAFFIC session low', () => {
    const denied = record('TRAFFIC', 'deny', { 0: '198.51.100.1', 1: '192.0.2.1', 23: 'deny' }, 50);
    expect(parse(denied).severity).toBe('low');
  });

  it('reads a THREAT url record: quoted URL with a comma, URL-filtering title, severity from its column, the site a domain', () => {
    const a = parse(threat);
    expect(a.title).toBe('PAN-OS THREAT url: URL-filtering (bad.example/a,b.exe)');
    expect(a.severity).toBe('high');
    expect(a.ruleId).toBe('9999');
    expect(a.observables.srcIps).toEqual(['192.0.2.11']);
    expect(a.observables.dstIps).toEqual(['203.0.113.80']);
    expect(a.observables.users).toEqual(['carol']);
    expect(a.observables.hosts).toEqual(['PA-LAB-2']);
    expect(a.observables.domains).toEqual(['bad.example']);
  });

  it('takes no user from the X-Forwarded-For header PAN-OS writes in the source-user column behind a proxy', () => {
    const proxied = threat.replace(',carol@example.org,', ',x-fwd-for: 192.0.2.4,');
    expect(proxied).not.toBe(threat);
    expect(parse(proxied).observables.users).toEqual([]);
  });

  it('never emits the unspecified address 0.0.0.0, and relates the forwarded-for address', () => {
    expect(parse(threat).observables.ips).toEqual(['192.0.2.11', '203.0.113.80', '198.51.100.7']);
  });

  it('names a THREAT vulnerability by its threat name and id, without a syslog host', () => {
    const a = parse(samples.vulnerability ?? '');
    expect(a.title).toBe('PAN-OS THREAT vulnerability: Synthetic Exploit Attempt');
    expect(a.ruleId).toBe('41234');
    expect(a.severity).toBe('critical');
    expect(a.observables.srcIps).toEqual(['198.51.100.66']);
    expect(a.observables.hosts).toEqual([]);
  });

  it('reads a DECRYPTION record: session columns, user, device and endpoint host names', () => {
    const a = parse(samples.decryption ?? '');
    expect(a.observables.srcIps).toEqual(['192.0.2.12']);
    expect(a.observables.dstIps).toEqual(['203.0.113.81']);
    expect(a.observables.ips).toEqual(['192.0.2.12', '203.0.113.81', '198.51.100.12']);
    expect(a.observables.users).toEqual(['judy']);
    expect(a.observables.hosts).toEqual(['PA-LAB-3', 'api-host', 'judy-pc']);
    expect(a.ruleId).toBe('decrypt-all');
  });

  it('reads a GLOBALPROTECT record: private address as source, public as related, machine name lower-cased', () => {
    const a = parse(samples.globalprotect ?? '');
    expect(a.observables.srcIps).toEqual(['192.0.2.50']);
    expect(a.observables.ips).toEqual(['192.0.2.50', '203.0.113.30']);
    expect(a.observables.users).toEqual(['dave']);
    expect(a.observables.hosts).toEqual(['dave-pc', 'PA-GW']);
    expect(a.title).toBe('PAN-OS GLOBALPROTECT: gateway-auth login success');
  });

  it('falls back to the IPv6 private and public addresses of a GLOBALPROTECT record when IPv4 is 0.0.0.0', () => {
    const a = parse(samples.globalprotectV6 ?? '');
    expect(a.observables.srcIps).toEqual(['2001:db8:1::50']);
    expect(a.observables.ips).toEqual(['2001:db8:1::50', '2001:db8::30']);
    expect(a.observables.hosts).toEqual(['erin-mac']);
  });

  it('reads a HIP-MATCH record: IPv6 source when present, user and lower-cased machine', () => {
    const a = parse(samples.hipmatch ?? '');
    expect(a.observables.srcIps).toEqual(['2001:db8::60']);
    expect(a.observables.users).toEqual(['frank']);
    expect(a.observables.hosts).toEqual(['frank-pc', 'PA-LAB-1']);
    expect(a.title).toBe('PAN-OS HIPMATCH: corp-compliant');
    expect(parse((samples.hipmatch ?? '').replace(',HIPMATCH,', ',HIP-MATCH,')).observables.srcIps).toEqual([
      '2001:db8::60',
    ]);
  });

  it('reads a USERID record: the mapped address and user', () => {
    const a = parse(samples.userid ?? '');
    expect(a.observables.srcIps).toEqual(['192.0.2.70']);
    expect(a.observables.users).toEqual(['grace']);
    expect(a.observables.hosts).toEqual(['PA-LAB-1']);
  });

  it('reads an AUTHENTICATION record: user and normalised user as given, source host name', () => {
    const a = parse(samples.authentication ?? '');
    expect(a.observables.srcIps).toEqual(['198.51.100.80']);
    expect(a.observables.users).toEqual(['heidi', 'lab\\heidi']);
    expect(a.observables.hosts).toEqual(['PA-LAB-1', 'heidi-phone']);
  });

  it('reads a CONFIG record: the admin client address is related, not a source', () => {
    const a = parse(samples.config ?? '');
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual(['192.0.2.90']);
    expect(a.observables.users).toEqual([]);
    expect(a.title).toBe('PAN-OS CONFIG: edit rulebase Succeeded');
  });

  it('reads a SYSTEM record: severity from its column, no indicators from the description text', () => {
    const a = parse(samples.system ?? '');
    expect(a.severity).toBe('medium');
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.hosts).toEqual(['PA-LAB-1']);
    expect(a.title).toBe('PAN-OS SYSTEM general: User ivan logged in via Web from 192.0.2.91');
  });

  it('reads a bare CSV record and an RFC 5424 header alike', () => {
    const bare = traffic.slice(HEADER.length);
    expect(parse(bare).observables.srcIps).toEqual(['192.0.2.10']);
    const rfc5424 = `<14>1 2024-03-05T10:00:00Z fw-lab-01 - - - - ${bare}`;
    expect(parse(rfc5424).observables.dstIps).toEqual(['198.51.100.20']);
  });

  it('does not claim other formats or PAN-OS log types it does not read', () => {
    const others = [
      '<134>1 2024-03-05T10:00:00Z fw filterlog 1 - - 5,,,1000000103,igb0,match,block,in,4,0x0,,64,0,0,DF,6,tcp,60,198.51.100.1,192.0.2.1,443,51000,0,S,1,,65535,,mss',
      'CEF:0|Palo Alto Networks|PAN-OS|10.1|url|THREAT|3|rt=Mar 05 2024 10:00:00 GMT src=192.0.2.1 dst=198.51.100.2',
      'Mar  5 10:00:00 host sshd[1]: Accepted password for alice from 192.0.2.1 port 22 ssh2',
      record('REPORT', '0', { 0: '192.0.2.1' }, 20),
      'Mar  5 10:00:00 192.0.2.1 012345678901,2024/03/05 10:00:00,login,2561,gui-op,admin1,"x",success',
      { type: 'TRAFFIC', src: '192.0.2.1' },
      42,
    ];
    for (const raw of others) expect(panosParser.detect(raw)).toBe(false);
  });

  it('is the registry’s first choice for these records, and no other specific parser claims them', () => {
    for (const raw of Object.values(samples)) {
      expect(panosParser.detect(raw)).toBe(true);
      expect(registryClaims(raw, 'panw.panos')).toEqual({ first: 'panw.panos', others: [] });
    }
  });

  it('splits CSV with quoted commas and doubled quotes', () => {
    expect(splitQuotedCsv('a,"b,c","say ""hi""",')).toEqual(['a', 'b,c', 'say "hi"', '']);
    expect(splitQuotedCsv('a,{x,y},b', true)).toEqual(['a', '{x,y}', 'b']);
  });
});

describe('PAN-OS parser: correlation, IP-tag, SCTP, GTP, tunnel inspection and audit records', () => {
  const parse = (raw: string) => panosParser.parse(raw);
  const extra = {
    correlation: record(
      'CORRELATION',
      '0',
      { 0: '192.0.2.30', 1: 'dave', 3: 'compromised-host', 4: 'high', 10: 'PA-LAB-3' },
      16,
    ),
    iptag: record(
      'IPTAG',
      'register',
      { 0: 'vsys1', 1: '198.51.100.31', 2: 'quarantine', 16: 'PA-LAB-4' },
      18,
    ),
    sctp: record(
      'SCTP',
      '0',
      { 0: '192.0.2.32', 1: '198.51.100.32', 4: 'sctp-rule', 23: 'sctp', 24: 'allow', 30: 'PA-LAB-5' },
      50,
    ),
    gtp: record(
      'GTP',
      '0',
      {
        0: '192.0.2.33',
        1: '198.51.100.33',
        4: 'gtp-rule',
        7: 'gtp',
        22: 'udp',
        23: 'allow',
        24: 'tunnel-create',
        29: '192.0.2.33',
      },
      90,
    ),
    tunnel: record(
      'START',
      'start',
      {
        0: '192.0.2.34',
        1: '203.0.113.34',
        2: '198.51.100.34',
        3: '198.51.100.35',
        4: 'tunnel-rule',
        6: 'erin',
        22: 'udp',
        23: 'allow',
        34: 'PA-LAB-6',
        57: '192.0.2.134',
      },
      80,
    ),
    audit:
      'Mar  5 10:00:00 192.0.2.35 012345678901,2024/03/05 10:00:00,audit,2561,gui-op,admin1,"<show><config/></show>",success',
  };

  it('reads a CORRELATION record: source address and user, device host, category as title and rule', () => {
    const a = parse(extra.correlation);
    expect(a.observables.srcIps).toEqual(['192.0.2.30']);
    expect(a.observables.users).toEqual(['dave']);
    expect(a.observables.hosts).toEqual(['PA-LAB-3']);
    expect(a.severity).toBe('high');
    expect(a.ruleId).toBe('compromised-host');
    expect(a.title).toBe('PAN-OS CORRELATION: compromised-host');
  });

  it('reads an IPTAG record: the tagged address as source, device host, tag as rule', () => {
    const a = parse(extra.iptag);
    expect(a.observables.srcIps).toEqual(['198.51.100.31']);
    expect(a.observables.hosts).toEqual(['PA-LAB-4']);
    expect(a.ruleId).toBe('quarantine');
  });

  it('reads an SCTP record: source, destination and device host by position', () => {
    const a = parse(extra.sctp);
    expect(a.observables.srcIps).toEqual(['192.0.2.32']);
    expect(a.observables.dstIps).toEqual(['198.51.100.32']);
    expect(a.observables.hosts).toEqual(['PA-LAB-5']);
    expect(a.ruleId).toBe('sctp-rule');
  });

  it('reads a GTP record: source and destination, the GTP event as title, no host', () => {
    const a = parse(extra.gtp);
    expect(a.observables.srcIps).toEqual(['192.0.2.33']);
    expect(a.observables.dstIps).toEqual(['198.51.100.33']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.title).toBe('PAN-OS GTP: tunnel-create 192.0.2.33 -> 198.51.100.33');
  });

  it('reads a tunnel inspection START record: session addresses, NAT and remote-user addresses related, destination user', () => {
    const a = parse(extra.tunnel);
    expect(a.observables.srcIps).toEqual(['192.0.2.34']);
    expect(a.observables.dstIps).toEqual(['203.0.113.34']);
    expect(a.observables.ips).toEqual([
      '192.0.2.34',
      '203.0.113.34',
      '198.51.100.34',
      '198.51.100.35',
      '192.0.2.134',
    ]);
    expect(a.observables.users).toEqual(['erin']);
    expect(a.observables.hosts).toEqual(['PA-LAB-6']);
  });

  it('reads an audit record: the sending address as source, no user, command and result in the title', () => {
    const a = parse(extra.audit);
    expect(a.observables.srcIps).toEqual(['192.0.2.35']);
    expect(a.observables.users).toEqual([]);
    expect(a.title).toBe('PAN-OS AUDIT gui-op: <show><config/></show> success');
    expect(a.observedAt).toBe('2024-03-05T10:00:00.000Z');
  });

  it('is the registry’s first choice for these records too, and no other specific parser claims them', () => {
    for (const raw of Object.values(extra)) {
      expect(panosParser.detect(raw)).toBe(true);
      expect(registryClaims(raw, 'panw.panos')).toEqual({ first: 'panw.panos', others: [] });
    }
  });
});
