// Zoom Reports API records: sign-in/sign-out activity, admin operation logs and meeting activity logs, mapped as
// Elastic's `zoom` activity, operation and meeting_activity pipelines map them (the client address as the source,
// the signed-in user's or operator's e-mail and the meeting operator's name and e-mail as users).
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, isObject, parserAlert, TextField } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'zoom.reports';

/** `GET /report/activities`: one sign-in or sign-out. */
const SignInActivity = z.object({
  email: z.string().min(1),
  type: z.enum(['Sign in', 'Sign out']),
  time: z.string().min(1),
  ip_address: TextField,
  client_type: TextField,
  version: TextField,
});
type SignInActivity = z.infer<typeof SignInActivity>;

/** `GET /report/operationlogs`: one admin operation. */
const Operation = z.object({
  category_type: z.string().min(1),
  operation_detail: z.string(),
  time: z.string().min(1),
  action: TextField,
  operator: TextField,
});
type Operation = z.infer<typeof Operation>;

/** `GET /report/meeting_activities`: one in-meeting activity. */
const MeetingActivity = z.object({
  meeting_number: z.union([z.string().min(1), z.number()]),
  activity_category: z.string().min(1),
  activity_time: z.string().min(1),
  activity_detail: TextField,
  operator: TextField,
  operator_email: TextField,
});
type MeetingActivity = z.infer<typeof MeetingActivity>;

type ZoomReport =
  | { kind: 'activity'; e: SignInActivity }
  | { kind: 'operation'; e: Operation }
  | { kind: 'meeting_activity'; e: MeetingActivity };

/** The record's report, by the keys only that report has; null when none fits. */
function read(raw: unknown): ZoomReport | null {
  if (!isObject(raw)) return null;
  if ('activity_category' in raw && 'meeting_number' in raw && 'activity_time' in raw) {
    const r = MeetingActivity.safeParse(raw);
    return r.success ? { kind: 'meeting_activity', e: r.data } : null;
  }
  if ('operation_detail' in raw && 'category_type' in raw && 'time' in raw) {
    const r = Operation.safeParse(raw);
    return r.success ? { kind: 'operation', e: r.data } : null;
  }
  if ('email' in raw && 'type' in raw && 'time' in raw && Object.keys(raw).length <= 8) {
    const r = SignInActivity.safeParse(raw);
    return r.success ? { kind: 'activity', e: r.data } : null;
  }
  return null;
}

function detect(raw: unknown): boolean {
  return read(raw) !== null;
}

/** `2024-03-21 07:09:03:216` (milliseconds after a colon) as the ISO time it means. */
function meetingTime(value: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}):(\d{1,3})$/.exec(value);
  return m ? toIsoTime(`${m[1]}T${m[2]}.${(m[3] ?? '').padStart(3, '0')}Z`) : toIsoTime(value);
}

/** Operations on users, roles and security settings: worth more than an info note. */
const SENSITIVE_OPERATION = /^(?:User|Role|Account|Security|Sign-?in|SSO|Single Sign-On)/i;

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const report = read(raw);
  if (!report) throw new Error('not a Zoom report record');
  const obs = new ObservablesBuilder();
  if (report.kind === 'activity') {
    const { e } = report;
    obs.srcIp(bareIndicatorIp(e.ip_address) ?? undefined);
    obs.user(e.email);
    obs.email(e.email);
    return parserAlert(NAME, 'zoom.activity', obs, {
      title: `Zoom ${e.type.toLowerCase()}: ${e.email}${e.client_type ? ` (${e.client_type})` : ''}`,
      severity: 'info',
      observedAt: toIsoTime(e.time),
      ruleId: e.type,
    });
  }
  if (report.kind === 'operation') {
    const { e } = report;
    obs.user(e.operator);
    obs.email(e.operator);
    const severity: Severity =
      e.action && /^(?:Delete|Remove)/i.test(e.action)
        ? 'low'
        : SENSITIVE_OPERATION.test(e.category_type)
          ? 'low'
          : 'info';
    return parserAlert(NAME, 'zoom.operation', obs, {
      title: `Zoom operation: ${e.operation_detail || e.category_type}${e.operator ? ` by ${e.operator}` : ''}`,
      severity,
      observedAt: toIsoTime(e.time),
      ruleId: e.action ? `${e.category_type}.${e.action}` : e.category_type,
    });
  }
  const { e } = report;
  // Elastic's user.name is the operator's display name; related.user lists the e-mail, then the name.
  obs.user(e.operator);
  obs.user(e.operator_email);
  obs.email(e.operator_email);
  return parserAlert(NAME, 'zoom.meeting_activity', obs, {
    title: `Zoom meeting ${String(e.meeting_number)}: ${e.activity_detail || e.activity_category}`,
    severity: 'info',
    observedAt: meetingTime(e.activity_time),
    ruleId: e.activity_category,
  });
}

export const zoomReportsParser: Parser = {
  name: NAME,
  claims: { keys: ['activity_category', 'time'], text: false },
  detect,
  parse,
};
