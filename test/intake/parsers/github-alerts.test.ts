// The GitHub alerts parser on synthetic secret scanning, code scanning and Dependabot alerts: detection,
// the facts it reports, that (as in Elastic's github pipelines) no indicator is reported, and that it
// claims neither GitHub audit entries nor other formats.
import { describe, expect, it } from 'vitest';
import { githubAlertsParser } from '../../../src/intake/parsers/github-alerts.js';
import { registryClaims } from './registry-claims.js';

const person = (login: string, id: number) => ({
  login,
  id,
  node_id: 'MDQ6VXNlcjA=',
  url: `https://api.github.com/users/${login}`,
  html_url: `https://github.com/${login}`,
  type: 'User',
  site_admin: false,
});

const secretOpen = {
  number: 7,
  created_at: '2024-03-01T08:00:00Z',
  url: 'https://api.github.com/repos/demo-org/billing-svc/secret-scanning/alerts/7',
  html_url: 'https://github.com/demo-org/billing-svc/security/secret-scanning/7',
  locations_url: 'https://api.github.com/repos/demo-org/billing-svc/secret-scanning/alerts/7/locations',
  state: 'open',
  resolution: null,
  resolved_at: null,
  resolved_by: null,
  secret_type: 'demo_cloud_api_key',
  secret_type_display_name: 'Demo Cloud API Key',
  secret: 'demo_SECRETVALUE0000000000',
  push_protection_bypassed_by: person('dev.riley', 41),
  push_protection_bypassed: true,
  push_protection_bypassed_at: '2024-03-01T07:59:00Z',
};

const secretResolved = {
  ...secretOpen,
  number: 8,
  url: 'https://api.github.com/repos/demo-org/billing-svc/secret-scanning/alerts/8',
  state: 'resolved',
  resolution: 'revoked',
  resolved_at: '2024-03-02T09:30:00Z',
  resolved_by: person('sec.morgan', 42),
  push_protection_bypassed: false,
  push_protection_bypassed_by: null,
};

const codeOpen = {
  number: 31,
  created_at: '2024-03-03T10:00:00Z',
  updated_at: '2024-03-04T11:00:00Z',
  url: 'https://api.github.com/repos/demo-org/web-portal/code-scanning/alerts/31',
  html_url: 'https://github.com/demo-org/web-portal/security/code-scanning/31',
  state: 'open',
  fixed_at: null,
  dismissed_by: null,
  dismissed_at: null,
  dismissed_reason: null,
  rule: {
    id: 'js/sql-injection',
    severity: 'error',
    description: 'Database query built from user-controlled sources',
    name: 'js/sql-injection',
    tags: ['security', 'external/cwe/cwe-089'],
    security_severity_level: 'critical',
  },
  tool: { name: 'CodeQL', guid: null, version: '2.16.0' },
  most_recent_instance: {
    ref: 'refs/heads/main',
    state: 'open',
    commit_sha: '0123456789abcdef0123456789abcdef01234567',
    message: { text: 'This query depends on a user-provided value.' },
    location: { path: 'src/db/orders.js', start_line: 12, end_line: 12 },
  },
  instances_url: 'https://api.github.com/repos/demo-org/web-portal/code-scanning/alerts/31/instances',
};

const codeDismissed = {
  ...codeOpen,
  number: 32,
  url: 'https://api.github.com/repos/demo-org/web-portal/code-scanning/alerts/32',
  state: 'dismissed',
  dismissed_by: person('sec.morgan', 42),
  dismissed_at: '2024-03-05T12:00:00Z',
  dismissed_reason: 'false positive',
  rule: { id: 'js/unused-local-variable', severity: 'note', name: 'js/unused-local-variable' },
  repository: { id: 9, name: 'web-portal', full_name: 'demo-org/web-portal', owner: person('demo-org', 1) },
};

const dependabotGraphql = {
  createdAt: '2024-03-06T13:00:00Z',
  dependabotUpdate: null,
  dependencyScope: 'RUNTIME',
  dismissReason: null,
  dismissedAt: null,
  dismisser: null,
  fixedAt: null,
  number: 4,
  repository: {
    isInOrganization: true,
    isPrivate: true,
    name: 'mobile-app',
    owner: { login: 'demo-org', url: 'https://github.com/demo-org' },
    url: 'https://github.com/demo-org/mobile-app',
  },
  securityAdvisory: {
    classification: 'GENERAL',
    cvss: { score: 8.1, vectorString: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H' },
    ghsaId: 'GHSA-demo-0001-aaaa',
    identifiers: [
      { type: 'GHSA', value: 'GHSA-demo-0001-aaaa' },
      { type: 'CVE', value: 'CVE-2099-0001' },
    ],
    severity: 'HIGH',
    summary: 'Prototype pollution in demo-merge',
  },
  securityVulnerability: {
    firstPatchedVersion: { identifier: '2.0.1' },
    package: { ecosystem: 'NPM', name: 'demo-merge' },
    severity: 'HIGH',
    vulnerableVersionRange: '< 2.0.1',
  },
  state: 'OPEN',
  vulnerableManifestPath: 'package-lock.json',
};

const dependabotRestFixed = {
  number: 5,
  state: 'fixed',
  dependency: { package: { ecosystem: 'pip', name: 'demo-yaml' }, manifest_path: 'requirements.txt' },
  security_advisory: {
    ghsa_id: 'GHSA-demo-0002-bbbb',
    cve_id: null,
    summary: 'Unsafe load in demo-yaml',
    severity: 'moderate',
    identifiers: [{ type: 'GHSA', value: 'GHSA-demo-0002-bbbb' }],
  },
  security_vulnerability: {
    package: { ecosystem: 'pip', name: 'demo-yaml' },
    severity: 'moderate',
    vulnerable_version_range: '< 6.0',
  },
  url: 'https://api.github.com/repos/demo-org/data-jobs/dependabot/alerts/5',
  html_url: 'https://github.com/demo-org/data-jobs/security/dependabot/5',
  created_at: '2024-03-07T14:00:00Z',
  updated_at: '2024-03-08T15:00:00Z',
  dismissed_at: null,
  dismissed_by: null,
  fixed_at: '2024-03-08T15:00:00Z',
};

const samples = {
  secretOpen,
  secretResolved,
  codeOpen,
  codeDismissed,
  dependabotGraphql,
  dependabotRestFixed,
};

const noIndicators = {
  srcIps: [],
  dstIps: [],
  ips: [],
  users: [],
  hosts: [],
  domains: [],
};

describe('githubAlertsParser', () => {
  it('detects every supported GitHub alert shape', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(githubAlertsParser.detect(sample), name).toBe(true);
    }
  });

  it('reports no indicator for any alert, as Elastic maps none (not even the people who acted on it)', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(githubAlertsParser.parse(sample).observables, name).toMatchObject(noIndicators);
    }
  });

  it('reads an open secret scanning alert: its secret type, never the secret itself', () => {
    const a = githubAlertsParser.parse(secretOpen);
    expect(a.format).toBe('github.secret_scanning');
    expect(a.recognizedBy).toBe('parser:github.alerts');
    expect(a.ruleId).toBe('demo_cloud_api_key');
    expect(a.severity).toBe('high');
    expect(a.title).toContain('Demo Cloud API Key');
    expect(a.title).toContain('demo-org/billing-svc');
    expect(a.title).toContain('push protection bypassed');
    expect(a.title).not.toContain('SECRETVALUE');
    expect(a.observedAt).toBe('2024-03-01T08:00:00.000Z');
  });

  it('dates a resolved secret scanning alert by its resolution and rates it low', () => {
    const a = githubAlertsParser.parse(secretResolved);
    expect(a.observedAt).toBe('2024-03-02T09:30:00.000Z');
    expect(a.severity).toBe('low');
    expect(a.title).toContain('revoked');
  });

  it('reads a code scanning alert: the rule id, its security severity, the file, the last update', () => {
    const a = githubAlertsParser.parse(codeOpen);
    expect(a.format).toBe('github.code_scanning');
    expect(a.ruleId).toBe('js/sql-injection');
    expect(a.severity).toBe('critical');
    expect(a.title).toContain('CodeQL');
    expect(a.title).toContain('src/db/orders.js');
    expect(a.title).toContain('demo-org/web-portal');
    expect(a.observedAt).toBe('2024-03-04T11:00:00.000Z');
  });

  it('rates a dismissed code scanning alert low', () => {
    const a = githubAlertsParser.parse(codeDismissed);
    expect(a.severity).toBe('low');
    expect(a.ruleId).toBe('js/unused-local-variable');
  });

  it('reads a Dependabot alert from the GraphQL API: the CVE as rule, the package and its severity', () => {
    const a = githubAlertsParser.parse(dependabotGraphql);
    expect(a.format).toBe('github.dependabot');
    expect(a.ruleId).toBe('CVE-2099-0001');
    expect(a.severity).toBe('high');
    expect(a.title).toContain('demo-merge');
    expect(a.title).toContain('demo-org/mobile-app');
    expect(a.observedAt).toBe('2024-03-06T13:00:00.000Z');
  });

  it('reads a fixed Dependabot alert from the REST API: the GHSA id as rule, dated when fixed', () => {
    const a = githubAlertsParser.parse(dependabotRestFixed);
    expect(a.format).toBe('github.dependabot');
    expect(a.ruleId).toBe('GHSA-demo-0002-bbbb');
    expect(a.severity).toBe('low');
    expect(a.title).toContain('demo-yaml');
    expect(a.observedAt).toBe('2024-03-08T15:00:00.000Z');
  });

  it('does not claim GitHub audit log entries', () => {
    const audit = {
      '@timestamp': 1709280000000,
      action: 'secret_scanning_alert.resolve',
      actor: 'sec.morgan',
      actor_ip: '203.0.113.9',
      org: 'demo-org',
      repo: 'demo-org/billing-svc',
      created_at: 1709280000000,
    };
    expect(githubAlertsParser.detect(audit)).toBe(false);
  });

  it('does not claim other formats', () => {
    const others: unknown[] = [
      { number: 3, title: 'An issue', state: 'open', url: 'https://api.github.com/repos/a/b/issues/3' },
      { rule: { id: 'x' }, tool: 'scanner', severity: 'high' },
      { secret_type: 'x', state: 'open' },
      '<134>1 2024-03-01T08:00:00Z host app - - - secret_type=demo number=7',
      null,
      42,
      [],
    ];
    for (const raw of others) expect(githubAlertsParser.detect(raw)).toBe(false);
  });

  it('is not claimed by any parser already in the registry', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, githubAlertsParser.name).others, name).toEqual([]);
    }
  });
});
