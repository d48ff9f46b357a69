// Keycloak server logs (JBoss/Quarkus text lines and Quarkus ECS JSON lines from an `org.keycloak.*` logger),
// read as Elastic's `keycloak` pipeline maps them: `org.keycloak.events` login and admin events give the
// client address, the username and user ids, and the redirect URI's host; other Keycloak lines no indicators.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, detectorOf, isObject, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

const LEVEL = 'TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|SEVERE|FATAL|CRITICAL|CONFIG|FINE|FINER|FINEST';

/** Elastic's grok: `<date time,ms> LEVEL [logger] (thread) message`; old WildFly lines have no date. */
const LINE = new RegExp(
  `^((?:\\d{4}-\\d{2}-\\d{2}[ T])?\\d{2}:\\d{2}:\\d{2}[,.]\\d{3,9})\\s+(${LEVEL})\\s*\\[(org\\.keycloak(?:\\.[\\w$]+)*)\\]\\s+\\((.*?)\\)\\s(.*)$`,
  's',
);

const EVENTS_LOGGER = 'org.keycloak.events';

/** A Quarkus ECS JSON line (`quarkus.log.console.json`), with ECS names as flat dotted keys. */
const EcsLine = z
  .object({
    '@timestamp': z.string().nullish(),
    'log.logger': z.string(),
    'log.level': z.string().nullish(),
    'service.name': z.string().nullish(),
    message: z.string(),
  })
  // Keycloak's own loggers, and the libraries it runs (Infinispan, Quarkus) in a line that names the service.
  .refine((e) => e['log.logger'].startsWith('org.keycloak') || e['service.name'] === 'Keycloak');

interface Line {
  stamp: string | null;
  level: string | null;
  logger: string;
  message: string;
}

function read(raw: unknown): Line | null {
  if (isObject(raw)) {
    // A cheap gate before zod: most JSON payloads are other vendors' and have no flat `log.logger` key.
    if (!('log.logger' in raw)) return null;
    const e = EcsLine.safeParse(raw);
    return e.success
      ? {
          stamp: e.data['@timestamp'] ?? null,
          level: e.data['log.level'] ?? null,
          logger: e.data['log.logger'],
          message: e.data.message,
        }
      : null;
  }
  const s = textOf(raw, 65_536);
  if (s === null) return null;
  const m = LINE.exec(s.trim());
  if (!m) return null;
  return { stamp: m[1] ?? null, level: m[2] ?? null, logger: m[3] ?? '', message: m[5] ?? '' };
}

/** Elastic's kv processor: pairs split on `, ` and the first `=`, values trimmed of `\` and `"`. */
function keyValues(message: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const field of message.split(', ')) {
    const eq = field.indexOf('=');
    if (eq <= 0) continue;
    const key = field.slice(0, eq).trim();
    // A closing run is matched from its first character only: from every one of a long run, quadratic.
    const value = field.slice(eq + 1).replace(/^[\\"]+|(?<![\\"])[\\"]+$/g, '');
    if (!out.has(key)) out.set(key, value);
  }
  return out;
}

/** The host of a URI as Elastic's uri_parts reads it into `url.domain`. */
function uriHost(uri: string | undefined): string | null {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(uri ?? '');
  return m?.[1] ? m[1].replace(/^\[(.*)\]$/, '$1') : null;
}

/** A Keycloak log timestamp (`2021-10-22 21:20:42,120`, server local time) in ISO 8601. */
function stampTime(stamp: string | null): string | null {
  if (!stamp || !/^\d{4}-/.test(stamp)) return null;
  return toIsoTime(stamp.replace(',', '.'));
}

function severityOf(level: string | null, failed: boolean): Severity {
  if (failed) return 'low';
  const sev = mapSeverity(level);
  return sev === 'high' || sev === 'critical' ? sev : 'info';
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const line = read(raw);
  if (!line) throw new Error('not a Keycloak log line');
  const obs = new ObservablesBuilder();
  const observedAt = stampTime(line.stamp) ?? toIsoTime(line.stamp);
  if (line.logger !== EVENTS_LOGGER) {
    return parserAlert('keycloak.log', 'keycloak.log', obs, {
      title: `Keycloak ${line.logger}: ${line.message.slice(0, 200)}`,
      severity: severityOf(line.level, false),
      observedAt,
      // `KC-SERVICES0001`, `WFLYSRV0025`: letters after the hyphen only, so they are no other run's (polynomial).
      ruleId: /^([A-Z]+(?:-[A-Z]*)?\d{4,})\b/.exec(line.message)?.[1] ?? null,
    });
  }
  const kv = keyValues(line.message);
  const type = kv.get('type');
  const operation = kv.get('operationType');
  const action = operation ? `${operation}-${kv.get('resourceType') ?? ''}` : (type ?? null);
  const error = kv.get('error');

  obs.srcIp(bareIndicatorIp(kv.get('ipAddress')));
  // user.name (the username) first; related.user holds the user id and an admin event's target user id.
  obs.user(kv.get('username'));
  const userId = kv.get('userId');
  if (userId !== 'null') obs.user(userId);
  // The UUID's three middle groups as one repeat: spelled out, recheck could not prove the search linear.
  const target = /(?:^|\/)users\/([0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12})/i.exec(
    kv.get('resourcePath') ?? '',
  );
  obs.user(target?.[1]);
  const host = uriHost(kv.get('redirect_uri'));
  if (host && /\./.test(host) && !bareIndicatorIp(host)) obs.domain(host);
  else obs.host(host);

  const failed = Boolean(error) || /_ERROR$/.test(type ?? '');
  return parserAlert('keycloak.log', 'keycloak.log', obs, {
    title: `Keycloak ${action ?? 'event'}${error ? ` (${error})` : ''} in realm ${kv.get('realmId') ?? '?'}`,
    severity: severityOf(line.level, failed),
    observedAt,
    ruleId: action,
  });
}

export const keycloakParser: Parser = {
  name: 'keycloak.log',
  claims: { keys: ['log.logger'], text: ['[org.keycloak'] },
  detect: detectorOf(read),
  parse,
};
