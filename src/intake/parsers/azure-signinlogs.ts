// Azure AD / Entra ID sign-in logs (diagnostic export): the signing-in user (UPN local part) and the
// caller address as the source (and, as Elastic's pipeline appends it, a related address).
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { localPart, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const SignIn = z.object({
  category: z.string(),
  operationName: z.string().optional(),
  time: z.string().optional(),
  callerIpAddress: z.string().optional(),
  resultDescription: z.string().optional(),
  resultType: z.union([z.string(), z.number()]).optional(),
  properties: z.object({
    ipAddress: z.string().optional(),
    userPrincipalName: z.string().optional(),
    appDisplayName: z.string().optional(),
    riskLevelDuringSignIn: z.string().optional(),
    status: z.object({ errorCode: z.number().optional(), failureReason: z.string().optional() }).optional(),
  }),
});

function detect(raw: unknown): boolean {
  if (typeof raw !== 'object' || raw === null || !('category' in raw) || !('properties' in raw)) return false;
  const r = SignIn.safeParse(raw);
  return r.success && /signinlogs$/i.test(r.data.category);
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const s = SignIn.parse(raw);
  const obs = new ObservablesBuilder();
  obs.srcIp(s.callerIpAddress ?? s.properties.ipAddress);
  if (s.properties.userPrincipalName) {
    obs.user(localPart(s.properties.userPrincipalName));
    obs.email(s.properties.userPrincipalName);
  }
  const code = s.properties.status?.errorCode ?? 0;
  const risk = s.properties.riskLevelDuringSignIn ?? 'none';
  return parserAlert('azure.signinlogs', 'azure.signinlogs', obs, {
    title: `${s.operationName ?? 'Sign-in activity'}${s.properties.appDisplayName ? ` to ${s.properties.appDisplayName}` : ''}${code !== 0 ? ` failed (${code})` : ''}`,
    severity: risk === 'high' ? 'high' : risk === 'medium' || code !== 0 ? 'medium' : 'info',
    observedAt: toIsoTime(s.time),
    ruleId: `signin:${s.resultType ?? code}`,
  });
}

export const azureSigninlogsParser: Parser = {
  name: 'azure.signinlogs',
  claims: { keys: ['category'], text: false },
  detect,
  parse,
};
