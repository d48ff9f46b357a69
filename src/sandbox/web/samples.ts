// The sandbox page's "Send sample alert" menu: one made-up alert per Vigil workflow, in the shapes real
// tools send (Suricata EVE, Okta System Log, CrowdStrike Falcon, a SIEM rule, a messy hand-made JSON).
// Addresses are from the documentation ranges (RFC 5737), names and hashes are invented.

/** One HTTP body for POST /alerts. */
export interface SamplePayload {
  body: string;
  contentType: string;
}

export interface Sample {
  id: string;
  /** Menu label. */
  label: string;
  /** One line under the label: what Vigil should do with it. */
  description: string;
  /** The payloads to send; `n` counts earlier sends of this sample, so each send is a new alert. */
  build(n: number, now: Date): SamplePayload[];
}

/** How many copies the duplicate storm sends. */
export const STORM_SIZE = 25;

const json = (value: unknown): SamplePayload => ({
  body: JSON.stringify(value),
  contentType: 'application/json',
});

/** The nth address of a documentation /24, skipping .0 and .255. */
const docIp = (prefix: string, first: number, n: number): string =>
  `${prefix}.${((first - 1 + n) % 254) + 1}`;

/** A stable-looking hex string derived from a seed (not a real hash of anything). */
function fakeHex(seed: string, length: number): string {
  let h = 2166136261;
  let out = '';
  while (out.length < length) {
    for (const c of `${seed}:${out.length}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
}

export const SAMPLES: readonly Sample[] = [
  {
    id: 'network-indicator',
    label: 'Network indicator (Suricata)',
    description: 'An IDS alert from a public source address: Vigil proposes blocking it.',
    build: (n, now) => [
      json({
        timestamp: now.toISOString().replace('Z', '+0000'),
        flow_id: 1_400_000_000_000 + n * 7919,
        in_iface: 'ens192',
        event_type: 'alert',
        src_ip: docIp('203.0.113', 7, n),
        src_port: 41000 + n,
        dest_ip: '10.20.4.17',
        dest_port: 22,
        proto: 'TCP',
        app_proto: 'ssh',
        alert: {
          action: 'allowed',
          gid: 1,
          signature_id: 9_100_421,
          rev: 3,
          signature: 'VIGIL-LAB SSH password guessing against bastion',
          category: 'Attempted Administrator Privilege Gain',
          severity: 1,
        },
        host: 'ids-edge-01',
      }),
    ],
  },
  {
    id: 'suspicious-login',
    label: 'Suspicious login (Okta)',
    description: 'A sign-in from an anomalous location and device: user and source address.',
    build: (n, now) => [
      json({
        uuid: `7c1e0f52-${fakeHex(`okta${n}`, 4)}-4d2a-9b1e-${fakeHex(`okta-uuid${n}`, 12)}`,
        published: now.toISOString(),
        eventType: 'user.session.start',
        legacyEventType: 'core.user_auth.login_success',
        displayMessage: 'User login to Okta',
        severity: 'WARN',
        actor: {
          id: '00u1f4k3d4n4w',
          type: 'User',
          alternateId: 'dana.whitfield@example.com',
          displayName: 'Dana Whitfield',
        },
        client: {
          ipAddress: docIp('198.51.100', 77, n),
          userAgent: { rawUserAgent: 'python-requests/2.31.0', os: 'Unknown', browser: 'UNKNOWN' },
          geographicalContext: { city: 'Unknown', country: 'Unknown' },
        },
        outcome: { result: 'SUCCESS' },
        securityContext: { isProxy: true, asOrg: 'Example Hosting Ltd' },
        debugContext: {
          debugData: { risk: '{level=HIGH, reasons=Anomalous Device, Anomalous Location}' },
        },
        authenticationContext: { authenticationStep: 0, credentialType: 'PASSWORD' },
        target: [
          { type: 'AppInstance', alternateId: 'Okta Admin Console', displayName: 'Okta Admin Console' },
        ],
      }),
    ],
  },
  {
    id: 'endpoint-malware',
    label: 'Endpoint malware (CrowdStrike)',
    description: 'A detection on a laptop with a file hash: host, user and hash, no address to block.',
    build: (n, now) => [
      json({
        metadata: {
          customerIDString: 'c0ffee00c0ffee00c0ffee00c0ffee00',
          offset: 88_000 + n,
          eventType: 'DetectionSummaryEvent',
          eventCreationTime: now.getTime(),
          version: '1.0',
        },
        event: {
          ComputerName: `FIN-LT-${String(142 + n).padStart(4, '0')}`,
          UserName: 'm.okafor',
          LocalIP: '10.40.12.88',
          DetectName: 'MaliciousDocument',
          DetectDescription: 'An Office document spawned PowerShell that downloaded and ran a payload.',
          Severity: 4,
          SeverityName: 'High',
          FileName: 'Invoice_4471.xlsm',
          FilePath: '\\Device\\HarddiskVolume3\\Users\\m.okafor\\Downloads\\',
          CommandLine: 'powershell.exe -nop -w hidden -enc SQBFAFgA…',
          SHA256String: fakeHex(`sha256-${n}`, 64),
          MD5String: fakeHex(`md5-${n}`, 32),
          Tactic: 'Execution',
          Technique: 'User Execution',
          PatternDispositionDescription: 'Prevention, process killed.',
        },
      }),
    ],
  },
  {
    id: 'critical-ticket',
    label: 'Critical, needs a ticket (SIEM)',
    description: 'A critical correlation rule from the SIEM, with a ticket reference for the incident queue.',
    build: (n, now) => [
      json({
        title: 'Exploitation of public VPN appliance followed by admin logon',
        severity: 'critical',
        urgency: 'critical',
        rule_id: 'SIEM-CORR-0193',
        _time: now.toISOString(),
        src_ip: docIp('192.0.2', 66, n),
        hostname: 'vpn-gw-01.corp.example',
        dest_ip: '10.0.0.12',
        user: 'svc_vpnadmin',
        description:
          'A known exploit pattern against the VPN portal was followed within 4 minutes by an interactive admin logon from the same address.',
        ticket: { system: 'jira', project: 'SEC', priority: 'P1', requested: true },
        risk_score: 96,
      }),
    ],
  },
  {
    id: 'messy',
    label: 'Unknown messy format',
    description: 'Hand-made JSON with odd keys and free text: Vigil has to work it out.',
    build: (n, now) => [
      json({
        'Alert Name ': '  possible PASSWORD spray vs OWA ',
        sev: 'HiGh',
        SrcAddr: docIp('203.0.113', 99, n),
        'dst-host': 'mail01.corp.example',
        'User Name': 'j.doe',
        msg: `52 failed logins in 2m from ${docIp('203.0.113', 99, n)} (targets: j.doe, a.lee, +17 more) via OWA`,
        when: now.toUTCString(),
        extra: 'k1=v1; reason=too many failures;; src_port=52311',
      }),
    ],
  },
  {
    id: 'duplicate-storm',
    label: `Duplicate storm (${STORM_SIZE}×)`,
    description: `The same firewall alert ${STORM_SIZE} times in a row, as a noisy source sends it.`,
    build: (n, now) => {
      const one = json({
        event_id: `fw-${fakeHex(`storm-${n}`, 10)}`,
        vendor: 'ExampleWall',
        title: 'Port scan detected from external address',
        severity: 'medium',
        src_ip: docIp('198.51.100', 23, n),
        dst_ip: '10.10.1.5',
        dst_ports: [21, 22, 23, 25, 80, 110, 143, 443, 445, 3389],
        first_seen: now.toISOString(),
      });
      return Array.from({ length: STORM_SIZE }, () => one);
    },
  },
];

export function findSample(id: string): Sample | undefined {
  return SAMPLES.find((s) => s.id === id);
}
