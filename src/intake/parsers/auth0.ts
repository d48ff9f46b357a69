// Auth0 tenant log events, as Log Streams deliver them (`{log_id, data}`) or as the Management API lists
// them (the bare `data` object): the client address as the source and the login name as the user, as
// Elastic's `auth0` pipeline maps them (no related.ip; the tenant hostname is not a host indicator).
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, isObject, parserAlert } from './common.js';
import type { Parser } from './parser.js';
import { lookupTable } from '../lookup-table.js';

const Str = z.string().nullish().catch(null);

const Auth0Data = z.object({
  type: z.string(),
  date: Str,
  log_id: Str,
  description: Str,
  connection: Str,
  client_name: Str,
  ip: Str,
  user_name: Str,
  details: z.object({ error: z.unknown().optional() }).passthrough().nullish().catch(null),
});
type Auth0Data = z.infer<typeof Auth0Data>;

/** An Auth0 event type code: short, lower-case (`s`, `fp`, `seacft`, `gd_auth_failed`, `pwd_leak`). */
const TYPE_CODE = /^[a-z][a-z0-9_]{0,39}$/;

/** Keys only Auth0 log events carry; a bare object must have one to be claimed. */
const AUTH0_KEYS = ['client_id', 'client_name', 'connection_id', 'strategy_type', 'tenant_name', 'isMobile'];

/** Names of the common event type codes (Auth0's "log event type codes"); others are shown as the code. */
const EVENT_NAMES: Readonly<Record<string, string>> = lookupTable({
  f: 'Failed login',
  fc: 'Failed connector login',
  fco: 'Origin not allowed',
  fcoa: 'Failed cross-origin authentication',
  fens: 'Failed native social login',
  fp: 'Incorrect password',
  fu: 'Invalid email or username',
  w: 'Warnings during login',
  s: 'Successful login',
  scoa: 'Successful cross-origin authentication',
  sens: 'Successful native social login',
  flo: 'Failed logout',
  slo: 'Successful logout',
  fs: 'Failed signup',
  ss: 'Successful signup',
  fsa: 'Failed silent authentication',
  ssa: 'Successful silent authentication',
  feacft: 'Failed exchange of authorization code for access token',
  feccft: 'Failed client credentials grant',
  fertft: 'Failed exchange of refresh token for access token',
  seacft: 'Successful exchange of authorization code for access token',
  seccft: 'Successful client credentials grant',
  sertft: 'Successful exchange of refresh token for access token',
  fapi: 'Failed Management API operation',
  sapi: 'Successful Management API operation',
  mgmt_api_read: 'Management API read returning secrets',
  api_limit: 'API rate limit reached',
  limit_delegation: 'Delegation endpoint rate limit reached',
  limit_mu: 'IP blocked after failed logins on many accounts',
  limit_wc: 'IP blocked after failed logins on one account',
  limit_sul: 'User blocked after too many logins from one IP',
  pwd_leak: 'Login attempt with a breached password',
  signup_pwd_leak: 'Signup attempt with a breached password',
  reset_pwd_leak: 'Password reset with a breached password',
  fcp: 'Failed password change',
  scp: 'Successful password change',
  fce: 'Failed email change',
  sce: 'Successful email change',
  du: 'User deleted',
  sdu: 'User deleted',
  fdu: 'Failed user deletion',
  ublkdu: 'Anomaly-detection block released',
  gd_auth_failed: 'MFA authentication failed',
  gd_auth_rejected: 'MFA push rejected',
  gd_auth_succeed: 'MFA authentication succeeded',
  gd_otp_rate_limit_exceed: 'Too many wrong MFA codes',
  gd_recovery_failed: 'Wrong MFA recovery code',
  gd_recovery_rate_limit_exceed: 'Too many wrong MFA recovery codes',
  gd_start_enroll: 'MFA enrolment started',
  gd_enrollment_complete: 'MFA enrolment completed',
  gd_unenroll: 'MFA device unenrolled',
  gd_tenant_update: 'MFA tenant settings updated',
  mfar: 'MFA required',
  pla: 'Pre-login assessment',
});

/** Attack-protection events: breached passwords, brute-force and MFA-guessing blocks. */
const HIGH = new Set([
  'pwd_leak',
  'signup_pwd_leak',
  'reset_pwd_leak',
  'limit_mu',
  'limit_wc',
  'limit_sul',
  'gd_otp_rate_limit_exceed',
  'gd_recovery_rate_limit_exceed',
]);
/** Failed logins and failed or rejected second factors. */
const MEDIUM = new Set([
  'f',
  'fc',
  'fco',
  'fcoa',
  'fens',
  'fp',
  'fu',
  'gd_auth_failed',
  'gd_auth_rejected',
  'gd_recovery_failed',
]);
/** Notable notices: warnings, rate limits, secret reads, account deletions and released blocks. */
const LOW = new Set([
  'w',
  'api_limit',
  'limit_delegation',
  'mgmt_api_read',
  'du',
  'sdu',
  'ublkdu',
  'gd_unenroll',
]);

function severityOf(d: Auth0Data): Severity {
  if (HIGH.has(d.type)) return 'high';
  if (MEDIUM.has(d.type)) return 'medium';
  // Other codes beginning with `f` are failures (signup, token exchange, API, profile changes).
  if (LOW.has(d.type) || d.type.startsWith('f') || /_failure$/.test(d.type)) return 'low';
  return d.details?.error != null ? 'low' : 'info';
}

/** The event object: `data` of a Log Streams record, or the payload itself (Management API). */
function eventOf(raw: unknown): unknown {
  return isObject(raw) && 'data' in raw && 'log_id' in raw ? raw.data : raw;
}

function detect(raw: unknown): boolean {
  if (!isObject(raw)) return false;
  if ('data' in raw && 'log_id' in raw) {
    const { data, log_id: logId } = raw;
    return (
      typeof logId === 'string' &&
      isObject(data) &&
      'type' in data &&
      typeof data.type === 'string' &&
      TYPE_CODE.test(data.type) &&
      'date' in data &&
      typeof data.date === 'string'
    );
  }
  if (!('type' in raw) || typeof raw.type !== 'string' || !TYPE_CODE.test(raw.type)) return false;
  if (!('date' in raw) || typeof raw.date !== 'string') return false;
  if (!('log_id' in raw) || typeof raw.log_id !== 'string') return false;
  return AUTH0_KEYS.some((k) => k in raw);
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const d = Auth0Data.parse(eventOf(raw));
  // Elastic copies `ip` to source.ip and `user_name` to user.name, and fills no related.* field.
  const obs = new ObservablesBuilder(false);
  const ip = obs.srcIp(bareIndicatorIp(d.ip) ?? undefined);
  obs.user(d.user_name ?? undefined);
  obs.email(d.user_name ?? undefined);
  const name = EVENT_NAMES[d.type] ?? `event ${d.type}`;
  const text = d.description?.trim().replace(/\.$/, '');
  const detail = text && text !== name ? `: ${text}` : '';
  const who = [d.user_name ? ` for ${d.user_name}` : '', ip ? ` from ${ip}` : ''].join('');
  return parserAlert('auth0.logs', 'auth0.logs', obs, {
    title: `Auth0 ${name}${detail}${who}`,
    severity: severityOf(d),
    observedAt: toIsoTime(d.date),
    ruleId: d.type,
  });
}

export const auth0Parser: Parser = {
  name: 'auth0.logs',
  claims: { keys: ['log_id'], text: false },
  detect,
  parse,
};
