// Workday sign-on report rows, user-activity log entries and worker (user) report rows as Elastic's
// `workday.sign_on` / `workday.activity` / `workday.user` pipelines map them: Signon_IP_Address (else
// Session_IP_Address) or ipAddress is source.ip when a bare address; userName and Signon_Worker, or the
// activity's systemAccount, are the related users (System_Account is not); a worker row relates the worker's
// employee id, user name and work e-mail, and its manager's id and e-mail.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, isObject, parserAlert, TextField, type RecordFacts, detectorOf } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'workday';

const SignOn = z.object({
  Request_Originator: TextField,
  Authentication_Type: TextField,
  Authentication_Type_for_Signon: TextField,
  Authentication_Failure_Message: TextField,
  Failed_Signon: TextField,
  Account_Locked__Disabled_or_Expired: TextField,
  Signon_IP_Address: TextField,
  Session_IP_Address: TextField,
  userName: TextField,
  Signon_Worker: TextField,
  System_Account: TextField,
  'Sign-on_Time': TextField,
  Session_Start: TextField,
  Signon_DateTime: TextField,
});

const Activity = z.object({
  activityAction: TextField,
  taskId: TextField,
  taskDisplayName: TextField,
  systemAccount: TextField,
  ipAddress: TextField,
  requestTime: TextField,
  target: z.object({ descriptor: TextField }).nullish().catch(undefined),
});

/** A worker report row: an HR inventory record, not an event. */
const Worker = z.object({
  Employee_ID: TextField,
  User_Name: TextField,
  primaryWorkEmail: TextField,
  Manager_ID: TextField,
  Manager_Email: TextField,
  Job_Title: TextField,
  Worker_Type: TextField,
  Last_Account_or_Proxy_Login_Moment: TextField,
});

type WorkdayRecord =
  | { kind: 'sign_on'; row: z.infer<typeof SignOn> }
  | { kind: 'activity'; row: z.infer<typeof Activity> }
  | { kind: 'user'; row: z.infer<typeof Worker> };

function read(raw: unknown): WorkdayRecord | null {
  if (!isObject(raw)) return null;
  if (
    'Request_Originator' in raw &&
    ('Device_is_Trusted' in raw || 'Authentication_Type' in raw || 'Authentication_Type_for_Signon' in raw)
  ) {
    const r = SignOn.safeParse(raw);
    return r.success ? { kind: 'sign_on', row: r.data } : null;
  }
  if ('activityAction' in raw && 'taskId' in raw && ('systemAccount' in raw || 'taskDisplayName' in raw)) {
    const r = Activity.safeParse(raw);
    return r.success && r.data.activityAction ? { kind: 'activity', row: r.data } : null;
  }
  if ('Employee_ID' in raw && 'User_Name' in raw && ('primaryWorkEmail' in raw || 'Worker_Type' in raw)) {
    const r = Worker.safeParse(raw);
    return r.success && r.data.User_Name ? { kind: 'user', row: r.data } : null;
  }
  return null;
}

function signOnFacts(obs: ObservablesBuilder, row: z.infer<typeof SignOn>): RecordFacts {
  obs.srcIp(bareIndicatorIp(row.Signon_IP_Address) ?? bareIndicatorIp(row.Session_IP_Address));
  obs.user(row.userName);
  obs.user(row.Signon_Worker);
  const failed = row.Failed_Signon === '1' || row.Authentication_Failure_Message !== undefined;
  const locked = row.Account_Locked__Disabled_or_Expired === '1';
  const severity: Severity = locked ? 'medium' : failed ? 'low' : 'info';
  const who = row.userName ?? row.Signon_Worker ?? row.System_Account ?? 'unknown account';
  const method = row.Authentication_Type ?? row.Authentication_Type_for_Signon;
  const outcome = failed
    ? `failed${row.Authentication_Failure_Message ? `: ${row.Authentication_Failure_Message}` : ''}`
    : 'succeeded';
  return {
    title: `Workday sign-on by ${who}${method ? ` (${method})` : ''} ${outcome}${locked ? ' (account locked, disabled or expired)' : ''}`,
    severity,
    observedAt: toIsoTime(row['Sign-on_Time'] ?? row.Session_Start ?? row.Signon_DateTime),
    ruleId: method ?? null,
  };
}

function activityFacts(obs: ObservablesBuilder, row: z.infer<typeof Activity>): RecordFacts {
  obs.srcIp(bareIndicatorIp(row.ipAddress));
  obs.user(row.systemAccount);
  const action = (row.activityAction ?? 'OTHER').toLowerCase();
  const task = row.taskDisplayName ?? row.taskId ?? 'a task';
  const target = row.target?.descriptor ? ` on ${row.target.descriptor}` : '';
  return {
    title: `Workday ${action} of ${task} by ${row.systemAccount ?? 'unknown account'}${target}`,
    severity: 'info',
    observedAt: toIsoTime(row.requestTime),
    ruleId: row.taskId ?? null,
  };
}

function workerFacts(obs: ObservablesBuilder, row: z.infer<typeof Worker>): RecordFacts {
  for (const id of [row.Employee_ID, row.User_Name, row.primaryWorkEmail, row.Manager_ID, row.Manager_Email])
    obs.user(id);
  obs.email(row.primaryWorkEmail);
  obs.email(row.Manager_Email);
  const role = [row.Worker_Type, row.Job_Title].filter(Boolean).join(', ');
  return {
    title: `Workday worker record: ${row.User_Name ?? 'unknown'}${role ? ` (${role})` : ''}`,
    severity: 'info',
    observedAt: toIsoTime(row.Last_Account_or_Proxy_Login_Moment),
    ruleId: null,
  };
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const rec = read(raw);
  if (!rec) throw new Error('not a Workday sign-on, activity or worker record');
  const obs = new ObservablesBuilder();
  const facts =
    rec.kind === 'sign_on'
      ? signOnFacts(obs, rec.row)
      : rec.kind === 'activity'
        ? activityFacts(obs, rec.row)
        : workerFacts(obs, rec.row);
  return parserAlert(NAME, `workday.${rec.kind}`, obs, facts);
}

export const workdayParser: Parser = {
  name: NAME,
  claims: { keys: ['Request_Originator', 'activityAction', 'Employee_ID'], text: false },
  detect: detectorOf(read),
  parse,
  domainsInRelatedHosts: false,
};
