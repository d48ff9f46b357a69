// Enrichment of observables: GeoIP and threat intelligence for addresses, asset context (EDR) for hosts and
// identity context (identity provider) for users. Each observable is looked up once per TTL (answers are
// cached and concurrent asks share one call; an answer with a failed source for a minute only), every call to
// a source is audited with request and response digests, and a failing source becomes a fact saying so
// rather than stopping triage.
import { isIP } from 'node:net';
import type { Edr, GeoIp, HostDetails, IdentityProvider, ThreatIntel } from '../../connectors/types.js';
import { digest } from '../../graphs/lib/digest.js';
import type { EvidenceFact } from '../../graphs/triage/contracts.js';
import type { AuditSink, Enricher } from '../../graphs/triage/ports.js';

export interface EnrichmentDeps {
  geoIp: GeoIp;
  threatIntel: ThreatIntel;
  /** Asset context for hosts, when an EDR is connected. */
  edr?: Edr;
  /** Identity context for users, when an identity provider is connected. */
  identityProvider?: IdentityProvider;
  audit: AuditSink;
  clock: () => Date;
  /** How long an answer is reused (default 1 h; an answer in which a source failed, a minute at most). */
  ttlMs?: number;
  /** How many indicators are remembered (default 10,000). */
  maxEntries?: number;
}

/**
 * How long an answer in which a source failed is reused: long enough that an alert storm during an outage
 * does not ask the failing vendor again for every case, short enough that cases after it recovers get its answer.
 */
const FAILED_TTL_MS = 60_000;

interface Entry {
  /** When the answer stops being reused (shortened once it turns out that a source failed). */
  expiresAt: number;
  facts: Promise<EvidenceFact[]>;
}

/**
 * Devices sharing one host name, the one seen most recently first (never seen last): a re-imaged or reinstalled
 * machine leaves its old, stale device record behind under the same name.
 */
function latestFirst(hosts: HostDetails[]): HostDetails[] {
  const seenAt = (host: HostDetails) => Date.parse(host.lastSeenAt ?? '') || 0;
  return [...hosts].sort((a, b) => seenAt(b) - seenAt(a));
}

/** What the evidence says when several devices share the host name: this one was chosen, and the others' ids. */
function sharedNameNote(edr: string, others: HostDetails[]): string {
  const ids = others.slice(0, 5).map((o) => o.id);
  const more = others.length > ids.length ? ` and ${others.length - ids.length} more` : '';
  return `${others.length + 1} ${edr} devices share this host name; this one was seen most recently (not ${ids.join(', ')}${more})`;
}

export class Enrichment implements Enricher {
  private readonly cache = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;

  constructor(private readonly deps: EnrichmentDeps) {
    this.ttlMs = deps.ttlMs ?? 3_600_000;
    this.maxEntries = deps.maxEntries ?? 10_000;
  }

  async enrichIps(ips: string[], caseId?: number): Promise<EvidenceFact[]> {
    const answers = await Promise.all(
      [...new Set(ips)]
        .filter((ip) => isIP(ip) !== 0)
        .map((ip) =>
          this.cached(`ip:${ip}`, () =>
            Promise.all([this.geo(ip, caseId), this.intel(ip, caseId)]).then((found) => found.flat()),
          ),
        ),
    );
    return answers.flat();
  }

  async enrichHosts(hosts: string[], caseId?: number): Promise<EvidenceFact[]> {
    const edr = this.deps.edr;
    if (!edr) return [];
    const answers = await Promise.all(
      [...new Set(hosts)].map((host) =>
        this.cached(`host:${host.toLowerCase()}`, () =>
          this.call(caseId, `host ${host}`, edr.name, `host lookup ${host}`, { hostname: host }, async () => {
            const [found, ...others] = latestFirst(await edr.findHosts({ hostname: host }));
            if (!found) return { hostId: null, note: `${edr.name} does not know this host` };
            return {
              hostId: found.id,
              hostname: found.hostname,
              platform: found.platform,
              containment: found.containment,
              tags: found.tags,
              lastSeenAt: found.lastSeenAt,
              ...(others.length > 0 && { note: sharedNameNote(edr.name, others) }),
            };
          }),
        ),
      ),
    );
    return answers.flat();
  }

  async enrichUsers(users: string[], caseId?: number): Promise<EvidenceFact[]> {
    const idp = this.deps.identityProvider;
    if (!idp) return [];
    const answers = await Promise.all(
      [...new Set(users)].map((user) =>
        this.cached(`user:${user.toLowerCase()}`, () =>
          this.call(caseId, `user ${user}`, idp.name, `user lookup ${user}`, { login: user }, async () => {
            const found = await idp.findUser(user);
            return found
              ? {
                  userId: found.id,
                  login: found.login,
                  status: found.status,
                  lastLoginAt: found.lastLoginAt,
                }
              : { userId: null, note: `${idp.name} has no such user` };
          }),
        ),
      ),
    );
    return answers.flat();
  }

  /**
   * The answer for `key` from the cache while it is fresh, else from `make` (shared by concurrent asks). An
   * answer in which a source failed is kept for a minute only.
   */
  private cached(key: string, make: () => Promise<EvidenceFact[]>): Promise<EvidenceFact[]> {
    const now = this.deps.clock().getTime();
    const cached = this.cache.get(key);
    if (cached && now < cached.expiresAt) return cached.facts;
    const entry: Entry = { expiresAt: now + this.ttlMs, facts: make() };
    void entry.facts.then(
      (facts) => {
        if (facts.some((f) => 'error' in f.fact)) {
          entry.expiresAt = Math.min(entry.expiresAt, this.deps.clock().getTime() + FAILED_TTL_MS);
        }
      },
      () => {
        entry.expiresAt = 0;
      },
    );
    this.cache.delete(key);
    this.cache.set(key, entry);
    if (this.cache.size > this.maxEntries) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    return entry.facts;
  }

  private geo(ip: string, caseId: number | undefined): Promise<EvidenceFact[]> {
    return this.call(caseId, `ip ${ip}`, this.deps.geoIp.name, `geoip lookup ${ip}`, { ip }, async () => {
      const found = await this.deps.geoIp.lookup(ip);
      return found
        ? {
            country: found.country,
            region: found.region,
            city: found.city,
            timezone: found.timezone,
            asn: found.asn,
            asOrganization: found.asOrganization,
          }
        : { country: null, note: 'not in the GeoIP database (private or unallocated range)' };
    });
  }

  private intel(ip: string, caseId: number | undefined): Promise<EvidenceFact[]> {
    const indicator = { type: isIP(ip) === 6 ? ('ipv6' as const) : ('ipv4' as const), value: ip };
    return this.call(
      caseId,
      `ip ${ip}`,
      this.deps.threatIntel.name,
      `threat intel lookup ${indicator.type} ${ip}`,
      indicator,
      async () => {
        const found = await this.deps.threatIntel.lookup(indicator);
        return {
          verdict: found.verdict,
          score: found.score,
          threats: found.threats,
          malwareFamilies: found.malwareFamilies,
          reference: found.reference,
          lastSeenAt: found.lastSeenAt,
        };
      },
    );
  }

  /**
   * One audited call to a source, answered as one fact (or a fact that says the source failed). The audit row
   * belongs to the case whose lookup made the call (later cases reuse the cached answer, with its time).
   */
  private async call(
    caseId: number | undefined,
    subject: string,
    source: string,
    query: string,
    request: Record<string, unknown>,
    work: () => Promise<Record<string, unknown>>,
  ): Promise<EvidenceFact[]> {
    const observedAt = this.deps.clock().toISOString();
    let fact: Record<string, unknown>;
    try {
      fact = await work();
    } catch (error) {
      fact = { error: error instanceof Error ? error.message : String(error) };
    }
    this.deps.audit.record({
      type: 'connector.call',
      actor: source,
      caseId,
      data: { query, requestDigest: digest(request), responseDigest: digest(fact), failed: 'error' in fact },
    });
    return [{ subject, source, observedAt, query, fact }];
  }
}
