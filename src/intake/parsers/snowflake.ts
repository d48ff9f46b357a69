// Snowflake account-usage rows (LOGIN_HISTORY, SESSIONS, GRANTS_TO_USERS) as Elastic's `snowflake.*` pipelines map
// them: a login's CLIENT_IP is source.ip when it is a bare address, USER_NAME (or a grant's GRANTEE_NAME) is the
// related user; no host is mapped.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, isObject, parserAlert, TextField, type RecordFacts, detectorOf } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'snowflake';

const LoginHistory = z.object({
  EVENT_ID: TextField,
  EVENT_TIMESTAMP: TextField,
  EVENT_TYPE: z.string().min(1),
  USER_NAME: TextField,
  CLIENT_IP: TextField,
  REPORTED_CLIENT_TYPE: TextField,
  FIRST_AUTHENTICATION_FACTOR: TextField,
  IS_SUCCESS: TextField,
  ERROR_MESSAGE: TextField,
  LOGIN_DETAILS: z.unknown().optional(),
});

const Session = z.object({
  SESSION_ID: z.union([z.string().min(1), z.number()]),
  CREATED_ON: TextField,
  ACCESS_TIME: TextField,
  USER_NAME: TextField,
  AUTHENTICATION_METHOD: TextField,
  CLIENT_APPLICATION_ID: TextField,
  CLOSED_REASON: TextField,
});

const Grant = z.object({
  CREATED_ON: TextField,
  DELETED_ON: TextField,
  ROLE: z.string().min(1),
  GRANTED_TO: TextField,
  GRANTEE_NAME: TextField,
  GRANTED_BY: TextField,
});

type SnowflakeRecord =
  | { kind: 'login_history'; row: z.infer<typeof LoginHistory> }
  | { kind: 'sessions'; row: z.infer<typeof Session> }
  | { kind: 'grants_to_users'; row: z.infer<typeof Grant> };

function read(raw: unknown): SnowflakeRecord | null {
  if (!isObject(raw)) return null;
  if ('CLIENT_IP' in raw && 'EVENT_TYPE' in raw && 'FIRST_AUTHENTICATION_FACTOR' in raw) {
    const r = LoginHistory.safeParse(raw);
    return r.success ? { kind: 'login_history', row: r.data } : null;
  }
  if ('SESSION_ID' in raw && 'LOGIN_EVENT_ID' in raw && 'AUTHENTICATION_METHOD' in raw) {
    const r = Session.safeParse(raw);
    return r.success ? { kind: 'sessions', row: r.data } : null;
  }
  if ('GRANTEE_NAME' in raw && 'GRANTED_TO' in raw && 'ROLE' in raw) {
    const r = Grant.safeParse(raw);
    return r.success ? { kind: 'grants_to_users', row: r.data } : null;
  }
  return null;
}

/** Snowflake writes `2020-06-15 12:00:00.000 +0000` (the pipeline's `yyyy-MM-dd HH:mm:ss.SSS Z`) or ISO 8601. */
function snowflakeTime(value: string | undefined): string | null {
  return toIsoTime(value?.trim().replace(/ ([+-]\d{2}:?\d{2})$/, '$1'));
}

/** True when Snowflake's malicious-IP protection blocked the login (LOGIN_DETAILS, an object or JSON text). */
function blockedByIpProtection(details: unknown): boolean {
  const text = typeof details === 'string' ? details : isObject(details) ? JSON.stringify(details) : '';
  return /BLOCKED/.test(text);
}

const PRIVILEGED_ROLES = new Set(['ACCOUNTADMIN', 'SECURITYADMIN', 'SYSADMIN', 'USERADMIN', 'ORGADMIN']);

function loginFacts(obs: ObservablesBuilder, row: z.infer<typeof LoginHistory>): RecordFacts {
  obs.srcIp(bareIndicatorIp(row.CLIENT_IP));
  obs.user(row.USER_NAME);
  const failed = row.IS_SUCCESS === 'NO';
  const blocked = blockedByIpProtection(row.LOGIN_DETAILS);
  const severity: Severity = blocked ? 'medium' : failed ? 'low' : 'info';
  const who = row.USER_NAME ?? 'unknown user';
  const outcome = failed ? `failed${row.ERROR_MESSAGE ? `: ${row.ERROR_MESSAGE}` : ''}` : 'succeeded';
  return {
    title: `Snowflake ${row.EVENT_TYPE.toLowerCase()} by ${who} ${outcome}${blocked ? ' (malicious IP blocked)' : ''}`,
    severity,
    observedAt: snowflakeTime(row.EVENT_TIMESTAMP),
    ruleId: row.EVENT_TYPE,
  };
}

function sessionFacts(obs: ObservablesBuilder, row: z.infer<typeof Session>): RecordFacts {
  obs.user(row.USER_NAME);
  const closed = row.CLOSED_REASON ? ` closed (${row.CLOSED_REASON})` : '';
  return {
    title: `Snowflake session ${row.SESSION_ID} of ${row.USER_NAME ?? 'unknown user'}${closed}`,
    severity: 'info',
    observedAt: snowflakeTime(row.ACCESS_TIME) ?? snowflakeTime(row.CREATED_ON),
    ruleId: row.AUTHENTICATION_METHOD ?? null,
  };
}

function grantFacts(obs: ObservablesBuilder, row: z.infer<typeof Grant>): RecordFacts {
  obs.user(row.GRANTEE_NAME);
  const verb = row.DELETED_ON ? 'revoked from' : 'granted to';
  return {
    title: `Snowflake role ${row.ROLE} ${verb} ${row.GRANTEE_NAME ?? 'a user'}${row.GRANTED_BY ? ` by ${row.GRANTED_BY}` : ''}`,
    severity: PRIVILEGED_ROLES.has(row.ROLE.toUpperCase()) ? 'low' : 'info',
    observedAt: snowflakeTime(row.DELETED_ON) ?? snowflakeTime(row.CREATED_ON),
    ruleId: row.ROLE,
  };
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const rec = read(raw);
  if (!rec) throw new Error('not a Snowflake account-usage row');
  const obs = new ObservablesBuilder();
  const facts =
    rec.kind === 'login_history'
      ? loginFacts(obs, rec.row)
      : rec.kind === 'sessions'
        ? sessionFacts(obs, rec.row)
        : grantFacts(obs, rec.row);
  return parserAlert(NAME, `snowflake.${rec.kind}`, obs, facts);
}

export const snowflakeParser: Parser = {
  name: NAME,
  claims: { keys: ['FIRST_AUTHENTICATION_FACTOR', 'LOGIN_EVENT_ID', 'GRANTEE_NAME'], text: false },
  detect: detectorOf(read),
  parse,
  domainsInRelatedHosts: false,
};
