// The Zeek protocol-logs parser on synthetic records of every supported log: which log a record is, the
// connection tuple as source/destination, the users Elastic's zeek pipelines map, and no double claims.
import { describe, expect, it } from 'vitest';
import { normalizeAlert } from '../../../src/intake/normalize.js';
import { zeekProtocolsParser } from '../../../src/intake/parsers/zeek-protocols.js';
import { parsers } from '../../../src/intake/parsers/index.js';
import { registryClaims } from './registry-claims.js';

const TS = 1700000000.25;
const tuple = (orig: string, resp: string, respPort: number) => ({
  ts: TS,
  uid: 'CsynthUid0001',
  'id.orig_h': orig,
  'id.orig_p': 50123,
  'id.resp_h': resp,
  'id.resp_p': respPort,
});

/** One synthetic record per supported log, keyed by the format it must be read as. */
const samples: Record<string, Record<string, unknown>> = {
  'zeek.dns': {
    ...tuple('192.0.2.10', '192.0.2.53', 53),
    proto: 'udp',
    trans_id: 4242,
    query: 'portal.example.com',
    qtype_name: 'A',
    rcode_name: 'NOERROR',
    RD: true,
    answers: ['edge.example.net', '203.0.113.80'],
  },
  'zeek.ssl': {
    ...tuple('192.0.2.10', '203.0.113.44', 443),
    version: 'TLSv13',
    server_name: 'login.example.org',
    resumed: false,
    established: true,
  },
  'zeek.kerberos': {
    ...tuple('192.0.2.21', '198.51.100.5', 88),
    request_type: 'AS',
    client: 'jdoe/LAB.EXAMPLE',
    service: 'krbtgt/LAB.EXAMPLE',
    success: false,
  },
  'zeek.ssh': {
    ...tuple('203.0.113.7', '192.0.2.22', 22),
    version: 2,
    auth_success: false,
    auth_attempts: 3,
    client: 'SSH-2.0-synthetic',
  },
  'zeek.rdp': {
    ...tuple('198.51.100.30', '192.0.2.40', 3389),
    cookie: 'synthuser',
    result: 'encrypted',
    security_protocol: 'HYBRID',
  },
  'zeek.ntlm': {
    ...tuple('192.0.2.31', '192.0.2.32', 445),
    username: 'asmith',
    hostname: 'WKS-SYNTH-07',
    domainname: 'LAB',
    success: true,
  },
  'zeek.smb_cmd': {
    ...tuple('192.0.2.31', '192.0.2.32', 445),
    command: 'TREE_CONNECT_ANDX',
    status: 'SUCCESS',
    version: 'SMB1',
    tree: '\\\\FILESRV-SYNTH\\share',
  },
  'zeek.smb_mapping': {
    ...tuple('192.0.2.31', '192.0.2.32', 445),
    path: '\\\\FILESRV-SYNTH\\IPC$',
    share_type: 'PIPE',
  },
  'zeek.smb_files': {
    ...tuple('192.0.2.31', '192.0.2.32', 445),
    action: 'SMB::FILE_OPEN',
    path: '\\\\FILESRV-SYNTH\\share',
    name: 'report.docx',
  },
  'zeek.ftp': {
    ...tuple('198.51.100.12', '192.0.2.21', 21),
    user: 'ftpsynth',
    command: 'RETR',
    arg: 'ftp://192.0.2.21/pub/file.bin',
    reply_code: 226,
  },
  // irc.log has `command` and `user` as ftp.log does.
  'zeek.irc': {
    ...tuple('192.0.2.55', '198.51.100.70', 6667),
    nick: 'synthnick',
    user: 'synthident',
    command: 'USER',
    value: 'synthident',
    addl: '+iw synthident :real name',
  },
  'zeek.mysql': {
    ...tuple('192.0.2.56', '192.0.2.57', 3306),
    cmd: 'query',
    arg: 'SELECT * FROM accounts',
    success: true,
    rows: 3,
  },
  // ref_id is the server's reference clock, written like an address: not one.
  'zeek.ntp': {
    ...tuple('192.0.2.58', '198.51.100.123', 123),
    version: 4,
    mode: 3,
    stratum: 2,
    poll: 64,
    ref_id: '198.51.100.200',
    xmt_time: 1700000000.1,
  },
  'zeek.known_services': { ts: TS, host: '192.0.2.53', port_num: 53, port_proto: 'udp', service: ['DNS'] },
  'zeek.known_hosts': { ts: TS, host: '192.0.2.77' },
  'zeek.modbus': { ...tuple('192.0.2.60', '192.0.2.164', 502), func: 'READ_COILS' },
  'zeek.dnp3': {
    ...tuple('192.0.2.61', '192.0.2.165', 20000),
    fc_request: 'READ',
    fc_reply: 'RESPONSE',
    iin: 0,
  },
  'zeek.rfb': {
    ...tuple('192.0.2.62', '192.0.2.166', 5900),
    client_major_version: '003',
    server_major_version: '003',
    authentication_method: 'VNC',
    auth: true,
    desktop_name: 'ops-console',
  },
  // The message is the sender's own text, which Zeek does not parse: no users or hosts from it.
  'zeek.syslog': {
    ...tuple('192.0.2.63', '192.0.2.153', 514),
    proto: 'udp',
    facility: 'LOCAL0',
    severity: 'INFO',
    message: 'sshd[42]: Accepted password for root from 198.51.100.9 port 50000 on host db-07',
  },
  'zeek.intel': {
    ...tuple('192.0.2.64', '203.0.113.66', 443),
    'seen.indicator': 'bad.example.net',
    'seen.indicator_type': 'Intel::DOMAIN',
    'seen.where': 'SSL::IN_SERVER_NAME',
    'seen.node': 'worker-1',
    matched: ['Intel::DOMAIN'],
    sources: ['feed-a'],
  },
  'zeek.pe': {
    ts: TS,
    id: 'FsynthPe0001',
    machine: 'AMD64',
    compile_ts: 1690000000,
    os: 'Windows 10',
    subsystem: 'WINDOWS_GUI',
    is_exe: true,
    section_names: ['.text', '.rdata'],
  },
  'zeek.ocsp': {
    ts: TS,
    id: 'FsynthOcsp01',
    hashAlgorithm: 'sha1',
    issuerNameHash: '14A7E219F46B93E141258F08BC85764671F136B0',
    serialNumber: '9239D5348F40D169',
    certStatus: 'revoked',
  },
  'zeek.capture_loss': {
    ts: TS,
    ts_delta: 900,
    peer: 'sensor-1',
    gaps: 58475,
    acks: 65665,
    percent_lost: 89.05,
  },
  'zeek.known_certs': {
    ts: TS,
    host: '192.0.2.54',
    port_num: 443,
    subject: 'CN=localhost.localdomain',
    issuer_subject: 'CN=localhost.localdomain',
    serial: '0A1B',
  },
  'zeek.smtp': {
    ...tuple('198.51.100.25', '192.0.2.25', 25),
    trans_depth: 1,
    helo: 'mail.example.net',
    mailfrom: 'sender@example.net',
    rcptto: ['rcpt@example.com'],
  },
  // sip.log carries trans_depth and method, as http.log does.
  'zeek.sip': {
    ...tuple('192.0.2.50', '198.51.100.60', 5060),
    trans_depth: 0,
    method: 'REGISTER',
    uri: 'sip:pbx.example.com:5060',
    request_from: '"Desk" <sip:desk-7@pbx.example.com>',
    call_id: 'synth-call-1@192.0.2.50',
    status_code: 200,
  },
  'zeek.radius': {
    ...tuple('192.0.2.60', '192.0.2.5', 1812),
    username: 'jsmith',
    mac: '00:00:5e:00:53:02',
    framed_addr: '10.20.30.40',
    result: 'success',
  },
  'zeek.socks': {
    ...tuple('192.0.2.61', '192.0.2.8', 1080),
    version: 5,
    user: 'proxyuser',
    status: 'succeeded',
    'request.name': 'www.example.org',
    request_p: 443,
    'bound.host': '0.0.0.0',
    bound_p: 0,
  },
  // signatures.log has a `note`, as notice.log does, and its own address keys.
  'zeek.signature': {
    ts: TS,
    uid: 'CsynthUid0003',
    src_addr: '203.0.113.66',
    src_port: 51617,
    dst_addr: '192.0.2.67',
    dst_port: 445,
    note: 'Signatures::Sensitive_Signature',
    sig_id: 'synth-smb-sig',
    event_msg: '203.0.113.66: TCP traffic',
    sub_msg: '',
  },
  'zeek.snmp': {
    ...tuple('192.0.2.70', '192.0.2.71', 161),
    version: '2c',
    community: 'public',
    get_requests: 1,
  },
  'zeek.dhcp': {
    ts: TS,
    uids: ['CsynthUid0002'],
    client_addr: '192.0.2.101',
    server_addr: '192.0.2.1',
    assigned_addr: '192.0.2.101',
    mac: '00:00:5e:00:53:01',
    host_name: 'laptop-synth',
    msg_types: ['REQUEST', 'ACK'],
  },
  'zeek.dce_rpc': {
    ...tuple('192.0.2.31', '192.0.2.32', 135),
    endpoint: 'samr',
    operation: 'SamrConnect5',
    named_pipe: '135',
  },
  'zeek.tunnel': {
    ...tuple('192.0.2.80', '198.51.100.81', 4789),
    tunnel_type: 'Tunnel::VXLAN',
    action: 'Tunnel::DISCOVER',
  },
  'zeek.dpd': {
    ...tuple('192.0.2.90', '198.51.100.91', 443),
    proto: 'tcp',
    analyzer: 'SSL',
    failure_reason: 'Invalid version late in TLS connection',
  },
  'zeek.software': {
    ts: TS,
    host: '192.0.2.95',
    software_type: 'HTTP::BROWSER',
    unparsed_version: 'SynthAgent/1.0',
  },
  'zeek.weird': {
    ...tuple('192.0.2.96', '198.51.100.97', 80),
    name: 'bad_HTTP_request',
    notice: false,
    peer: 'zeek-synth',
  },
  'zeek.files': {
    ts: TS,
    fuid: 'FsynthFile01',
    tx_hosts: ['203.0.113.9'],
    rx_hosts: ['192.0.2.10'],
    source: 'HTTP',
    mime_type: 'application/x-dosexec',
    md5: '0123456789abcdef0123456789abcdef',
  },
  'zeek.x509': {
    ts: TS,
    id: 'FsynthCert01',
    'certificate.version': 3,
    'certificate.serial': '01AB',
    'certificate.subject': 'CN=www.example.com,O=Example',
  },
};

describe('zeekProtocolsParser', () => {
  it('tells every supported log by its distinctive fields', () => {
    for (const [format, raw] of Object.entries(samples)) {
      expect(zeekProtocolsParser.detect(raw), format).toBe(true);
      const a = zeekProtocolsParser.parse(raw);
      expect(a.format, format).toBe(format);
      expect(a.recognizedBy).toBe('parser:zeek.protocols');
      expect(a.observedAt).toBe('2023-11-14T22:13:20.250Z');
    }
  });

  it('reads the connection tuple as source and destination, both related', () => {
    const a = zeekProtocolsParser.parse(samples['zeek.ssh']);
    expect(a.observables.srcIps).toEqual(['203.0.113.7']);
    expect(a.observables.dstIps).toEqual(['192.0.2.22']);
    expect(a.observables.ips).toEqual(['203.0.113.7', '192.0.2.22']);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
  });

  it('reports a DNS query as a domain but not the answers, which Elastic keeps out of related.ip', () => {
    const a = zeekProtocolsParser.parse(samples['zeek.dns']);
    expect(a.title).toContain('portal.example.com');
    expect(a.observables.domains).toEqual(['portal.example.com']);
    expect(a.observables.ips).toEqual(['192.0.2.10', '192.0.2.53']);
    expect(a.observables.hosts).toEqual([]);
    expect(zeekProtocolsParser.domainsInRelatedHosts).toBe(false);
  });

  it('reports a TLS server name (SNI) as a domain', () => {
    const a = zeekProtocolsParser.parse(samples['zeek.ssl']);
    expect(a.observables.domains).toEqual(['login.example.org']);
    expect(a.ruleId).toBe('ssl:TLSv13');
  });

  it('takes the Kerberos client principal up to the slash as the user', () => {
    const a = zeekProtocolsParser.parse(samples['zeek.kerberos']);
    expect(a.observables.users).toEqual(['jdoe']);
    expect(a.severity).toBe('low');
    expect(a.ruleId).toBe('kerberos:AS');
    const noSlash = { ...samples['zeek.kerberos'], client: 'jdoe@LAB.EXAMPLE' };
    expect(zeekProtocolsParser.parse(noSlash).observables.users).toEqual([]);
  });

  it('takes the NTLM and FTP user names as users', () => {
    expect(zeekProtocolsParser.parse(samples['zeek.ntlm']).observables.users).toEqual(['asmith']);
    expect(zeekProtocolsParser.parse(samples['zeek.ftp']).observables.users).toEqual(['ftpsynth']);
  });

  it('takes the RADIUS and SOCKS user names as users, and relates the address RADIUS gave the session', () => {
    const r = zeekProtocolsParser.parse(samples['zeek.radius']).observables;
    expect(r.users).toEqual(['jsmith']);
    expect(r.ips).toEqual(['192.0.2.60', '192.0.2.5', '10.20.30.40']);
    const socks = zeekProtocolsParser.parse(samples['zeek.socks']).observables;
    expect(socks.users).toEqual(['proxyuser']);
    expect(socks.ips).toEqual(['192.0.2.61', '192.0.2.8']);
    expect(socks.hosts).toEqual([]);
  });

  it('reads IRC’s ident (not the nick) as the user, and no address from an NTP reference id', () => {
    expect(zeekProtocolsParser.parse(samples['zeek.irc']).observables.users).toEqual(['synthident']);
    const ntp = zeekProtocolsParser.parse(samples['zeek.ntp']);
    expect(ntp.observables.ips).toEqual(['192.0.2.58', '198.51.100.123']);
    expect(ntp.ruleId).toBe('ntp:3');
    expect(zeekProtocolsParser.parse(samples['zeek.mysql']).ruleId).toBe('mysql:query');
  });

  it('relates the server a known service or certificate was seen on, and takes no host from the subject', () => {
    const svc = zeekProtocolsParser.parse(samples['zeek.known_services']);
    expect(svc.observables.ips).toEqual(['192.0.2.53']);
    expect(svc.observables.srcIps).toEqual([]);
    expect(svc.title).toBe('Zeek service seen on 192.0.2.53:53/udp (DNS)');
    const cert = zeekProtocolsParser.parse(samples['zeek.known_certs']).observables;
    expect(cert.ips).toEqual(['192.0.2.54']);
    expect(cert.hosts).toEqual([]);
  });

  it('reads an intel match as a detection, with the indicator as the kind of observable its type names', () => {
    const a = zeekProtocolsParser.parse(samples['zeek.intel']);
    expect(a.severity).toBe('medium');
    expect(a.title).toContain('DOMAIN bad.example.net');
    expect(a.observables.domains).toEqual(['bad.example.net']);
    expect(a.observables.srcIps).toEqual(['192.0.2.64']);
    expect(a.observables.dstIps).toEqual(['203.0.113.66']);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
    const addr = {
      ...samples['zeek.intel'],
      'seen.indicator': '198.51.100.99',
      'seen.indicator_type': 'Intel::ADDR',
    };
    expect(zeekProtocolsParser.parse(addr).observables.ips).toContain('198.51.100.99');
    const mail = {
      ...samples['zeek.intel'],
      'seen.indicator': 'x@bad.example',
      'seen.indicator_type': 'Intel::EMAIL',
    };
    const m = zeekProtocolsParser.parse(mail).observables;
    expect(m.emails).toEqual(['x@bad.example']);
    expect(m.users).toEqual([]);
  });

  it('reads a syslog message Zeek saw on the wire by its connection only, and file and sensor records as none', () => {
    const s = zeekProtocolsParser.parse(samples['zeek.syslog']);
    expect(s.title).toContain('Accepted password');
    expect(s.observables.ips).toEqual(['192.0.2.63', '192.0.2.153']);
    expect(s.observables.users).toEqual([]);
    expect(s.observables.hosts).toEqual([]);
    for (const log of ['zeek.pe', 'zeek.ocsp', 'zeek.capture_loss'])
      expect(zeekProtocolsParser.parse(samples[log]).observables.ips, log).toEqual([]);
    expect(zeekProtocolsParser.parse(samples['zeek.capture_loss']).severity).toBe('low');
    expect(zeekProtocolsParser.parse(samples['zeek.known_hosts']).observables.ips).toEqual(['192.0.2.77']);
  });

  it('takes `{ts, host}` for known_hosts only when the host is an address and nothing else is in the record', () => {
    expect(zeekProtocolsParser.detect({ ts: TS, host: 'web-01' })).toBe(false);
    expect(zeekProtocolsParser.detect({ ts: TS, host: '192.0.2.77', status: 'up' })).toBe(false);
    expect(normalizeAlert({ ts: TS, host: 'web-01' }).observables.hosts).toEqual(['web-01']);
  });

  it('reads a signature match as a detection between its own source and destination keys', () => {
    const a = zeekProtocolsParser.parse(samples['zeek.signature']);
    expect(a.observables.srcIps).toEqual(['203.0.113.66']);
    expect(a.observables.dstIps).toEqual(['192.0.2.67']);
    expect(a.severity).toBe('medium');
    expect(a.ruleId).toBe('signature:synth-smb-sig');
    expect(a.title).toBe(
      'Zeek signature synth-smb-sig: 203.0.113.66: TCP traffic 203.0.113.66 -> 192.0.2.67',
    );
  });

  it('names a SIP record by its method, not as an HTTP request', () => {
    const a = normalizeAlert(samples['zeek.sip']);
    expect(a.format).toBe('zeek.sip');
    expect(a.ruleId).toBe('sip:REGISTER');
  });

  it('reads DHCP client and server addresses as source and destination', () => {
    const a = zeekProtocolsParser.parse(samples['zeek.dhcp']);
    expect(a.observables.srcIps).toEqual(['192.0.2.101']);
    expect(a.observables.dstIps).toEqual(['192.0.2.1']);
    expect(a.observables.hosts).toEqual([]);
  });

  it('relates the files.log transmitting and receiving hosts and reports the file hash', () => {
    const a = zeekProtocolsParser.parse(samples['zeek.files']);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual(['203.0.113.9', '192.0.2.10']);
    expect(a.observables.hashes).toEqual(['0123456789abcdef0123456789abcdef']);
  });

  it('relates the software.log host address and finds no address in an x509 record', () => {
    expect(zeekProtocolsParser.parse(samples['zeek.software']).observables.ips).toEqual(['192.0.2.95']);
    const x = zeekProtocolsParser.parse(samples['zeek.x509']).observables;
    expect([...x.srcIps, ...x.dstIps, ...x.ips]).toEqual([]);
  });

  it('rates weird and dpd records low and names them by the anomaly', () => {
    const w = zeekProtocolsParser.parse(samples['zeek.weird']);
    expect(w.severity).toBe('low');
    expect(w.ruleId).toBe('weird:bad_HTTP_request');
    expect(zeekProtocolsParser.parse(samples['zeek.dpd']).ruleId).toBe('dpd:SSL');
  });

  it('reads a record inside a Splunk export wrapper', () => {
    const wrapped = {
      preview: false,
      result: { _raw: JSON.stringify(samples['zeek.kerberos']), host: 'sensor-synth.example' },
    };
    const a = normalizeAlert(wrapped, { parsers: [...parsers, zeekProtocolsParser] });
    expect(a.recognizedBy).toBe('parser:zeek.protocols');
    expect(a.observables.users).toEqual(['jdoe']);
  });

  it('does not claim conn, http or notice records, nor other JSON or text', () => {
    const conn = {
      ...tuple('192.0.2.10', '198.51.100.1', 443),
      proto: 'tcp',
      conn_state: 'SF',
      service: 'ssl',
    };
    const http = {
      ...tuple('192.0.2.10', '198.51.100.1', 80),
      trans_depth: 1,
      method: 'GET',
      host: 'example.com',
    };
    const notice = { ...tuple('192.0.2.10', '198.51.100.1', 22), note: 'SSH::Password_Guessing', msg: 'x' };
    for (const raw of [conn, http, notice]) expect(zeekProtocolsParser.detect(raw)).toBe(false);
    expect(zeekProtocolsParser.detect({ query: 'example.com', trans_id: 1 })).toBe(false);
    expect(zeekProtocolsParser.detect({ ts: TS, message: 'hello' })).toBe(false);
    expect(zeekProtocolsParser.detect('<134>Mar  5 10:00:00 host app: query example.com')).toBe(false);
    expect(zeekProtocolsParser.detect(null)).toBe(false);
  });

  it('claims only records tied to Zeek: other tools log `command`, `user` and addresses under the same names', () => {
    const shellAudit = {
      ts: 1700000000,
      user: 'alice',
      command: 'sudo rm -rf /var/log',
      src_ip: '203.0.113.5',
      hostname: 'web-01',
    };
    expect(zeekProtocolsParser.detect(shellAudit)).toBe(false);
    const a = normalizeAlert(shellAudit);
    expect(a.recognizedBy).not.toBe('parser:zeek.protocols');
    expect(a.observables.srcIps).toEqual(['203.0.113.5']);
    expect(zeekProtocolsParser.detect({ ts: TS, client_addr: '192.0.2.5', server_addr: '192.0.2.1' })).toBe(
      false,
    );
    // Zeek's own records without a connection still are: a weird no connection caused, software, x509.
    expect(
      zeekProtocolsParser.detect({
        ts: TS,
        name: 'non_ip_packet_in_ethernet',
        notice: false,
        peer: 'sensor-1',
      }),
    ).toBe(true);
    for (const log of ['zeek.software', 'zeek.x509'])
      expect(zeekProtocolsParser.detect(samples[log])).toBe(true);
  });

  it('is the registry’s first choice for these records, and no other specific parser claims them', () => {
    for (const [format, raw] of Object.entries(samples)) {
      expect(registryClaims(raw, 'zeek.protocols'), format).toEqual({ first: 'zeek.protocols', others: [] });
    }
  });
});
