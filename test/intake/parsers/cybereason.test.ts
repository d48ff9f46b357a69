// The Cybereason parser on synthetic API records (logon session, malop connection, malop process,
// suspicious process, malware, polled malop): detection, indicators as Elastic's cybereason pipelines
// map them, and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { cybereasonParser } from '../../../src/intake/parsers/cybereason.js';
import { registryClaims } from './registry-claims.js';

const element = (type: string, guid: string, name: string) => ({
  elementType: type,
  guid,
  name,
  hasSuspicions: false,
  hasMalops: false,
  elementValues: {},
  simpleValues: {},
});
const list = (...els: object[]) => ({ totalValues: els.length, elementValues: els, totalSuspicious: 0 });
const simple = (...values: string[]) => ({ totalValues: values.length, values });
/** The `[record, suspicionsMap, evidenceMap]` triple as the integration receives it: JSON text. */
const triple = (record: object): string =>
  JSON.stringify([record, { suspicions: 'map' }, { evidence: 'map' }]);

const logonSession = triple({
  simpleValues: {
    logonType: simple('SLT_RemoteInteractive'),
    creationTime: simple('1714557600000'),
    elementDisplayName: simple('Unknown host > ws-alpha'),
  },
  elementValues: {
    user: list(element('User', 'USERGUID0001', 'ws-alpha\\jdoe')),
    remoteMachine: list(element('Remote', 'REMOTEGUID01', 'ws-remote')),
    ownerMachine: list(element('Machine', 'MACHINEGUID1', 'ws-alpha')),
  },
  guidString: 'SESSIONGUID1',
  malopPriority: 'HIGH',
  suspect: false,
});

const malopConnection = triple({
  simpleValues: {
    elementDisplayName: simple('192.0.2.10:50000 > 203.0.113.5:443'),
    serverAddress: simple('203.0.113.5'),
    transportProtocol: simple('TCP'),
    calculatedCreationTime: simple('1714557600000'),
  },
  elementValues: {
    ownerMachine: list(element('Machine', 'MACHINEGUID2', 'ws-beta')),
    dnsQuery: list(element('Machine', 'MACHINEGUID2', 'ws-beta')),
  },
  guidString: 'CONNGUID0001',
  malopPriority: 'MEDIUM',
});

const unspecifiedServer = triple({
  simpleValues: { serverAddress: simple('0.0.0.0'), transportProtocol: simple('UDP') },
  elementValues: { ownerMachine: list(element('Machine', 'MACHINEGUID3', 'ws-gamma')) },
  guidString: 'CONNGUID0002',
});

const malopProcess = triple({
  simpleValues: { elementDisplayName: simple('dropper.exe') },
  elementValues: {
    affectedMachines: list(element('Machine', 'MACHINEGUID4', 'ws-delta')),
    affectedUsers: list(element('User', 'USERGUID0002', 'corp\\asmith')),
  },
  guidString: 'MALOPGUID001',
  malopPriority: 'LOW',
});

const suspiciousProcess = triple({
  simpleValues: { elementDisplayName: simple('helper.exe'), commandLine: simple('helper.exe --run') },
  elementValues: {
    ownerMachine: list(element('Machine', 'MACHINEGUID5', 'ws-epsilon')),
    calculatedUser: list(element('User', 'USERGUID0003', 'corp\\bjones')),
  },
  guidString: 'SUSPGUID0001',
});

const malware = {
  guid: '-1234.5678',
  timestamp: 1714557600000,
  name: 'payload.exe',
  type: 'KnownMalware',
  elementType: 'File',
  machineName: 'ws-zeta',
  status: 'Detected',
  detectionEngine: 'AntiVirus',
  malwareDataModel: { '@class': '.KnownMalwareDataModel', detectionName: 'Test.Trojan.Example' },
};

const malop = {
  '@class': '.MalopInboxModel',
  guid: 'MALOPGUID002',
  displayName: 'installer.exe',
  malopDetectionType: 'CUSTOM_RULE',
  lastUpdateTime: 1714557600000,
  malopSeverity: 'High',
  machines: [
    { '@class': '.MachineInboxModel', guid: 'MACHINEGUID6', displayName: 'ws-eta', osType: 'WINDOWS' },
    { '@class': '.MachineInboxModel', guid: 'MACHINEGUID7', displayName: 'srv-theta', osType: 'LINUX' },
  ],
  users: [{ guid: 'USERGUID0004', displayName: 'corp\\cwhite', admin: false }],
};

const samples = {
  logonSession,
  malopConnection,
  unspecifiedServer,
  malopProcess,
  suspiciousProcess,
  malware,
  malop,
};

describe('cybereasonParser', () => {
  it('detects every supported Cybereason record, as JSON text or as parsed JSON', () => {
    for (const [name, sample] of Object.entries(samples))
      expect(cybereasonParser.detect(sample), name).toBe(true);
    expect(cybereasonParser.detect(JSON.parse(logonSession))).toBe(true);
  });

  it('reads a logon session: the user names, then their ids, and no machine as a host', () => {
    const a = cybereasonParser.parse(logonSession);
    expect(a.format).toBe('cybereason.logon_session');
    expect(a.observables.users).toEqual(['ws-alpha\\jdoe', 'USERGUID0001']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.title).toBe('Unknown host > ws-alpha');
    expect(a.severity).toBe('high');
    expect(a.observedAt).toBe('2024-05-01T10:00:00.000Z');
    expect(a.ruleId).toBe('SESSIONGUID1');
  });

  it('reads a malop connection: the server address as related, the owner machine as Elastic’s real user', () => {
    const a = cybereasonParser.parse(malopConnection);
    expect(a.format).toBe('cybereason.malop_connection');
    expect(a.observables.ips).toEqual(['203.0.113.5']);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.users).toEqual(['MACHINEGUID2', 'ws-beta']);
    expect(a.severity).toBe('medium');
  });

  it('never reports an unspecified server address', () => {
    expect(cybereasonParser.parse(unspecifiedServer).observables.ips).toEqual([]);
  });

  it('reports no indicators for a malop process, as Elastic maps none', () => {
    const a = cybereasonParser.parse(malopProcess);
    expect(a.format).toBe('cybereason.malop_process');
    expect(a.observables.users).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
    expect(a.severity).toBe('low');
  });

  it('reads a suspicious process: the owner machine id and name as users', () => {
    const a = cybereasonParser.parse(suspiciousProcess);
    expect(a.format).toBe('cybereason.suspicions_process');
    expect(a.observables.users).toEqual(['MACHINEGUID5', 'ws-epsilon']);
  });

  it('reads a malware record: the machine as the host and the detection name as the title', () => {
    const a = cybereasonParser.parse(malware);
    expect(a.format).toBe('cybereason.malware');
    expect(a.observables.hosts).toEqual(['ws-zeta']);
    expect(a.title).toBe('Test.Trojan.Example');
    expect(a.observedAt).toBe('2024-05-01T10:00:00.000Z');
  });

  it('reads a polled malop: machine names then ids as hosts, user names then ids as users', () => {
    const a = cybereasonParser.parse(malop);
    expect(a.format).toBe('cybereason.poll_malop');
    expect(a.observables.hosts).toEqual(['ws-eta', 'srv-theta', 'MACHINEGUID6', 'MACHINEGUID7']);
    expect(a.observables.users).toEqual(['corp\\cwhite', 'USERGUID0004']);
    expect(a.severity).toBe('high');
    expect(a.ruleId).toBe('CUSTOM_RULE');
  });

  it('does not claim other JSON arrays, objects or text lines', () => {
    expect(cybereasonParser.detect(JSON.stringify([{ elementValues: {}, guidString: 'x' }]))).toBe(false);
    expect(cybereasonParser.detect('[{"a":1}]')).toBe(false);
    expect(cybereasonParser.detect({ machineName: 'ws-1', status: 'ok' })).toBe(false);
    expect(cybereasonParser.detect('<134>Jan  1 00:00:00 host app: hello 192.0.2.1')).toBe(false);
    expect(cybereasonParser.detect(null)).toBe(false);
    expect(cybereasonParser.detect('[{not json')).toBe(false);
  });

  it('is the only specific parser that claims these samples', () => {
    for (const [name, sample] of Object.entries(samples))
      expect(registryClaims(sample, cybereasonParser.name).others, name).toEqual([]);
  });
});
