// The HashiCorp Vault server-log parser on synthetic hclog JSON lines: detection of Vault's loggers, titles and
// severities, no indicators (as Elastic's hashicorp_vault.log pipeline maps none), and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { vaultLogParser } from '../../../src/intake/parsers/hashicorp-vault-log.js';
import { vaultAuditParser } from '../../../src/intake/parsers/vault-audit.js';
import { registryClaims } from './registry-claims.js';

const revokeFailed = {
  '@level': 'error',
  '@message': 'failed to revoke lease',
  '@module': 'expiration',
  '@timestamp': '2024-05-01T10:00:00.123456Z',
  error:
    'failed to revoke entry: dial tcp: lookup sts.example.com on 192.0.2.53:53: no such host\nmore detail',
  lease_id: 'aws/creds/deploy/abc123',
};
const listener = {
  '@level': 'info',
  '@message': 'starting listener',
  '@module': 'core.cluster-listener.tcp',
  '@timestamp': '2024-05-01T10:00:01Z',
  listener_address: { IP: '0.0.0.0', Port: 8201, Zone: '' },
};
const raftPeers = {
  '@level': 'info',
  '@message': 'initial configuration',
  '@module': 'storage.raft',
  '@timestamp': '2024-05-01T10:00:02Z',
  index: 42,
  servers:
    '[{Suffrage:Voter ID:node-a Address:198.51.100.11:8201} {Suffrage:Voter ID:node-b Address:198.51.100.12:8201}]',
};
const contactFailed = {
  '@level': 'warn',
  '@message': 'failed to contact',
  '@module': 'storage.raft',
  '@timestamp': '2024-05-01T10:00:03Z',
  'server-id': 'node-b',
};
const proxyEnv = {
  '@level': 'info',
  '@message': 'proxy environment',
  '@timestamp': '2024-05-01T10:00:04Z',
  http_proxy: '',
};
const samples = { revokeFailed, listener, raftPeers, contactFailed, proxyEnv };

describe('vaultLogParser', () => {
  it('detects Vault server log lines of every logger, and the logger-less proxy line', () => {
    for (const [name, sample] of Object.entries(samples))
      expect(vaultLogParser.detect(sample), name).toBe(true);
  });

  it('reports no indicators, not even the addresses inside error, listener and raft details', () => {
    for (const sample of Object.values(samples)) {
      const o = vaultLogParser.parse(sample).observables;
      expect([...o.srcIps, ...o.dstIps, ...o.ips, ...o.users, ...o.hosts, ...o.domains]).toEqual([]);
    }
  });

  it('titles a line by level, logger, message and the first line of its error, and rates errors low', () => {
    const a = vaultLogParser.parse(revokeFailed);
    expect(a.format).toBe('hashicorp_vault.log');
    expect(a.title).toBe(
      'Vault error [expiration]: failed to revoke lease: failed to revoke entry: dial tcp: lookup sts.example.com on 192.0.2.53:53: no such host',
    );
    expect(a.severity).toBe('low');
    expect(a.ruleId).toBe('expiration');
    expect(a.observedAt).toBe('2024-05-01T10:00:00.123Z');
    expect(vaultLogParser.parse(contactFailed).severity).toBe('info');
  });

  it('does not claim hclog lines of other tools, audit records or text', () => {
    const consul = { ...contactFailed, '@module': 'agent.server.raft' };
    const nomad = { ...contactFailed, '@module': 'nomad' };
    const bare = { ...proxyEnv, '@message': 'starting' };
    const audit = {
      type: 'request',
      time: '2024-05-01T10:00:00Z',
      request: { operation: 'read', path: 'kv/x' },
    };
    for (const raw of [consul, nomad, bare, audit, JSON.stringify(listener), null]) {
      expect(vaultLogParser.detect(raw)).toBe(false);
    }
    expect(vaultAuditParser.detect(listener)).toBe(false);
  });

  it('is not claimed by any other specific parser in the registry', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, vaultLogParser.name).others, name).toEqual([]);
    }
  });
});
