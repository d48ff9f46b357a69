// The HashiCorp Vault audit parser on synthetic audit device records (request, response, denied request,
// KMIP request): detection, the indicators Elastic's hashicorp_vault audit pipeline keeps, and that no other
// parser claims them.
import { describe, expect, it } from 'vitest';
import { vaultAuditParser } from '../../../src/intake/parsers/vault-audit.js';
import { registryClaims } from './registry-claims.js';

const auth = {
  client_token: 'hmac-sha256:0000000000000000000000000000000000000000000000000000000000000001',
  accessor: 'hmac-sha256:0000000000000000000000000000000000000000000000000000000000000002',
  display_name: 'oidc-dana',
  policies: ['default', 'ops'],
  metadata: { account_id: '9000001', email: 'dana@example.org', role: 'staff' },
  entity_id: 'a1b2c3d4-0000-4000-8000-000000000001',
  token_type: 'service',
};

const request = {
  time: '2024-05-01T10:00:00.123456789Z',
  type: 'request',
  auth,
  request: {
    id: 'a1b2c3d4-0000-4000-8000-000000000002',
    operation: 'read',
    mount_type: 'kv',
    client_token: auth.client_token,
    namespace: { id: 'root' },
    path: 'secret/data/apps/demo',
    remote_address: '198.51.100.21',
  },
};

const response = {
  ...request,
  time: '2024-05-01T10:00:00.223456789Z',
  type: 'response',
  response: { mount_type: 'kv', data: { data: { password: 'hmac-sha256:00000000000000000003' } } },
};

const denied = {
  time: '2024-05-01T10:01:00Z',
  type: 'request',
  auth: { token_type: 'default' },
  request: {
    id: 'a1b2c3d4-0000-4000-8000-000000000004',
    operation: 'update',
    mount_type: 'pki',
    namespace: { id: 'root' },
    path: 'pki/issue/server',
    remote_address: '2001:db8:0:0:0:0:0:44',
  },
  error: '1 error occurred:\n\t* permission denied\n\n',
};

const kmip = {
  request: {
    client_certificate_serial_number: '12345678901234567890',
    namespace: { id: 'root' },
    remote_address: '192.0.2.60:36776',
  },
  time: '2024-05-01T10:02:00Z',
  type: 'kmip-request',
};

const samples = { request, response, denied, kmip };

describe('vaultAuditParser', () => {
  it('detects request, response and KMIP records', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(vaultAuditParser.detect(sample), name).toBe(true);
    }
  });

  it('reports the remote address as the source and no user, as Elastic does', () => {
    const alert = vaultAuditParser.parse(request);
    expect(alert.recognizedBy).toBe('parser:hashicorp_vault.audit');
    expect(alert.format).toBe('hashicorp_vault.audit');
    expect(alert.observables.srcIps).toEqual(['198.51.100.21']);
    expect(alert.observables.ips).toEqual(['198.51.100.21']);
    expect(alert.observables.users).toEqual([]);
    expect(alert.observables.hosts).toEqual([]);
    expect(alert.observables.emails).toEqual(['dana@example.org']);
    expect(alert.title).toBe('Vault request read secret/data/apps/demo');
    expect(alert.ruleId).toBe('read');
    expect(alert.severity).toBe('info');
    expect(alert.observedAt?.startsWith('2024-05-01T10:00:00.123')).toBe(true);
  });

  it('reads a response record like its request', () => {
    const alert = vaultAuditParser.parse(response);
    expect(alert.observables.srcIps).toEqual(['198.51.100.21']);
    expect(alert.title).toBe('Vault response read secret/data/apps/demo');
  });

  it('raises a denied request to medium severity and writes an IPv6 address canonically', () => {
    const alert = vaultAuditParser.parse(denied);
    expect(alert.severity).toBe('medium');
    expect(alert.observables.srcIps).toEqual(['2001:db8::44']);
    expect(alert.title).toBe('Vault request update pki/issue/server: 1 error occurred: permission denied');
  });

  it('reads the address of a KMIP record written with a port', () => {
    const alert = vaultAuditParser.parse(kmip);
    expect(alert.observables.srcIps).toEqual(['192.0.2.60']);
    expect(alert.ruleId).toBe('kmip-request');
  });

  it('does not claim other formats', () => {
    const teleport = { code: 'T2000I', event: 'session.start', uid: 'x', user: 'dana' };
    const generic = { type: 'request', request: { url: 'https://example.org/' } };
    const noRequest = { type: 'response', auth };
    const otherType = { ...request, type: 'audit' };
    const line = '<134>1 2024-05-01T10:00:00Z host vault - - - {"type":"request"}';
    for (const raw of [teleport, generic, noRequest, otherType, line, null, 42, []]) {
      expect(vaultAuditParser.detect(raw)).toBe(false);
    }
  });

  it('is not claimed by any other specific parser in the registry', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, vaultAuditParser.name).others, name).toEqual([]);
    }
  });
});
