import { afterEach, describe, expect, it } from 'vitest';
import { ConnectorError } from '../../connectors/connector-error.js';
import { CrowdStrikeFalcon, parseFalconConfig } from '../../connectors/crowdstrike-falcon.js';
import { GeoIpLite } from '../../connectors/geoip-lite.js';
import { DEFAULT_IOC_FILE, IocFile } from '../../connectors/ioc-file.js';
import type { GeoIp, Indicator, ThreatIntel, ThreatIntelResult } from '../../connectors/types.js';
import { openDatabase } from '../../db/client.js';
import type { EvidenceFact } from '../../graphs/triage/contracts.js';
import { AuditLog } from '../../src/audit/audit-log.js';
import {
  sampleFalconDevice,
  startFalconStub,
  type FalconStubState,
} from '../../src/lab/vendors/falcon-stub.js';
import type { RunningStub } from '../../src/lab/vendors/stub-server.js';
import { Enrichment } from '../../src/services/enrichment.js';
import { NOW, testRuntime } from '../connectors/support.js';

/** A real audit log on an in-memory database, and its rows (data parsed) as they stand. */
function auditLog(clock: () => Date = () => new Date()) {
  const log = new AuditLog(openDatabase(':memory:').sqlite, clock);
  const rows = () => {
    log.flush();
    return log.sqlite
      .prepare<[], { type: string; actor: string; caseId: number | null; data: string }>(
        'SELECT type, actor, case_id AS caseId, data FROM audit_events ORDER BY id',
      )
      .all()
      .map((r) => ({ ...r, data: JSON.parse(r.data) as Record<string, unknown> }));
  };
  return { log, rows };
}

/** The real embedded sources, counting how often they are asked. */
function counted() {
  const geo = new GeoIpLite();
  const intel = IocFile.fromFile(DEFAULT_IOC_FILE);
  const calls = { geo: 0, intel: 0 };
  const geoIp: GeoIp = { name: geo.name, lookup: (ip: string) => ((calls.geo += 1), geo.lookup(ip)) };
  const threatIntel: ThreatIntel = {
    name: intel.name,
    supports: intel.supports,
    lookup: (i: Indicator) => ((calls.intel += 1), intel.lookup(i)),
  };
  return { geoIp, threatIntel, calls };
}

function setup(now = { t: Date.parse('2026-11-21T12:00:00Z') }) {
  const sources = counted();
  const clock = () => new Date(now.t);
  const { log, rows } = auditLog(clock);
  const enrichment = new Enrichment({ ...sources, audit: log, clock });
  return { enrichment, audit: rows, calls: sources.calls, now };
}

describe('enrichment', () => {
  it('looks each indicator up once: 1,000 alerts sharing 10 addresses make 10 lookups per source', async () => {
    const { enrichment, calls, audit } = setup();
    const ips = Array.from({ length: 10 }, (_, i) => `81.2.69.${140 + i}`);
    await Promise.all(Array.from({ length: 1000 }, (_, i) => enrichment.enrichIps([ips[i % 10] ?? ''])));
    expect(calls).toEqual({ geo: 10, intel: 10 });
    expect(audit().filter((a) => a.type === 'connector.call')).toHaveLength(20);
  });

  it("files each source call under the case whose lookup made it, so that case's evidence pack shows it", async () => {
    const { enrichment, audit } = setup();
    await enrichment.enrichIps(['81.2.69.142'], 7);
    await enrichment.enrichIps(['81.2.69.142', '203.0.113.66'], 8);
    const calls = audit().filter((a) => a.type === 'connector.call');
    expect(calls.map((c) => [c.caseId, c.data.query]).sort()).toEqual([
      [7, 'geoip lookup 81.2.69.142'],
      [7, 'threat intel lookup ipv4 81.2.69.142'],
      [8, 'geoip lookup 203.0.113.66'],
      [8, 'threat intel lookup ipv4 203.0.113.66'],
    ]);
  });

  it('answers with facts that carry source, time and query: country from GeoIP, verdict from the IOC file', async () => {
    const { enrichment } = setup();
    const facts = await enrichment.enrichIps(['203.0.113.66', '81.2.69.142']);
    expect(facts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          subject: 'ip 81.2.69.142',
          source: 'geoip-lite',
          query: 'geoip lookup 81.2.69.142',
          fact: expect.objectContaining({ country: 'GB' }),
        }),
        expect.objectContaining({
          subject: 'ip 203.0.113.66',
          source: 'ioc-file',
          fact: expect.objectContaining({
            verdict: 'malicious',
            threats: ['c2'],
            malwareFamilies: ['DemoRAT'],
          }),
        }),
      ]),
    );
    expect(facts.every((f) => f.observedAt === '2026-11-21T12:00:00.000Z')).toBe(true);
  });

  it('asks again once the TTL has passed', async () => {
    const { enrichment, calls, now } = setup();
    await enrichment.enrichIps(['81.2.69.142']);
    now.t += 59 * 60_000;
    await enrichment.enrichIps(['81.2.69.142']);
    expect(calls.geo).toBe(1);
    now.t += 2 * 60_000;
    await enrichment.enrichIps(['81.2.69.142']);
    expect(calls.geo).toBe(2);
  });

  it('records a failing source as a fact that says so, and audits the failed call', async () => {
    const { log, rows } = auditLog();
    const broken: ThreatIntel = {
      name: 'flaky-intel',
      supports: ['ipv4'],
      lookup: async () => Promise.reject(new Error('HTTP 503 from vendor')),
    };
    const enrichment = new Enrichment({
      geoIp: new GeoIpLite(),
      threatIntel: broken,
      audit: log,
      clock: () => new Date(),
    });
    const facts = await enrichment.enrichIps(['198.51.100.5']);
    expect(facts.find((f) => f.source === 'flaky-intel')?.fact).toEqual({ error: 'HTTP 503 from vendor' });
    expect(rows().find((a) => a.actor === 'flaky-intel')?.data).toMatchObject({ failed: true });
  });

  it('asks a source that failed again after a minute, instead of reusing the failure for the whole TTL', async () => {
    const now = { t: Date.parse('2026-11-21T12:00:00Z') };
    const clock = () => new Date(now.t);
    const vendor = { down: true, calls: 0 };
    const threatIntel: ThreatIntel = {
      name: 'abuseipdb',
      supports: ['ipv4', 'ipv6'],
      async lookup(indicator: Indicator): Promise<ThreatIntelResult> {
        vendor.calls += 1;
        if (vendor.down) {
          throw new ConnectorError({
            vendor: 'abuseipdb',
            operation: 'check IP reputation',
            code: 'timeout',
            detail: 'no answer within 10000 ms',
          });
        }
        return {
          indicator,
          verdict: 'malicious',
          score: 100,
          threats: [],
          malwareFamilies: [],
          source: 'abuseipdb',
          reference: null,
          lastSeenAt: null,
        };
      },
    };
    const { log } = auditLog(clock);
    const enrichment = new Enrichment({ geoIp: new GeoIpLite(), threatIntel, audit: log, clock });
    const intelOf = (facts: EvidenceFact[]) => facts.find((f) => f.source === 'abuseipdb')?.fact;

    expect(intelOf(await enrichment.enrichIps(['203.0.113.7'], 1))).toHaveProperty('error');
    vendor.down = false;
    now.t += 30_000;
    expect(intelOf(await enrichment.enrichIps(['203.0.113.7'], 2))).toHaveProperty('error');
    expect(vendor.calls).toBe(1);

    now.t += 90_000;
    expect(intelOf(await enrichment.enrichIps(['203.0.113.7'], 3))).toMatchObject({ verdict: 'malicious' });
    now.t += 30 * 60_000;
    await enrichment.enrichIps(['203.0.113.7'], 4);
    expect(vendor.calls).toBe(2);
  });
});

describe('enrichment of hosts', () => {
  let stub: RunningStub<FalconStubState> | undefined;
  afterEach(async () => {
    await stub?.close();
  });

  it('names the device seen most recently as the host, not a stale duplicate of its host name listed first', async () => {
    const stale = {
      ...sampleFalconDevice('aid-old', 'FIN-LT-0142', '10.0.4.20'),
      last_seen: '2024-06-02T08:00:00Z',
    };
    const live = {
      ...sampleFalconDevice('aid-new', 'FIN-LT-0142', '10.0.4.20'),
      last_seen: '2025-03-01T11:58:00Z',
    };
    stub = await startFalconStub({ now: () => NOW, devices: [stale, live] });
    const config = parseFalconConfig({
      FALCON_CLIENT_ID: stub.state.tokens.clientId,
      FALCON_CLIENT_SECRET: stub.state.tokens.clientSecret,
      FALCON_BASE_URL: stub.url,
    });
    if (!config) throw new Error('config expected');
    const { log } = auditLog(() => NOW);
    const { geoIp, threatIntel } = counted();
    const enrichment = new Enrichment({
      geoIp,
      threatIntel,
      edr: new CrowdStrikeFalcon(config, testRuntime().deps),
      audit: log,
      clock: () => NOW,
    });
    const [fact] = await enrichment.enrichHosts(['FIN-LT-0142'], 1);
    expect(fact?.fact).toMatchObject({
      hostId: 'aid-new',
      lastSeenAt: '2025-03-01T11:58:00Z',
      note: '2 crowdstrike-falcon devices share this host name; this one was seen most recently (not aid-old)',
    });
  });
});
