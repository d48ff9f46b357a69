// Kubernetes API server audit events (`audit.k8s.io`), also as GKE Cloud Audit records of the
// `k8s.io` service: the requesting user (name and uid), the impersonated user, the source addresses.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { parserAlert } from './common.js';
import type { Parser } from './parser.js';

const K8sUser = z.object({ username: z.string().optional(), uid: z.string().optional() });
const AuditEvent = z.object({
  kind: z.literal('Event'),
  apiVersion: z.string().regex(/^audit\.k8s\.io\//),
  verb: z.string().optional(),
  requestURI: z.string().optional(),
  stage: z.string().optional(),
  user: K8sUser.optional(),
  impersonatedUser: K8sUser.optional(),
  sourceIPs: z.array(z.string()).optional(),
  objectRef: z
    .object({
      resource: z.string().optional(),
      namespace: z.string().optional(),
      name: z.string().optional(),
    })
    .optional(),
  responseStatus: z.object({ code: z.number().optional() }).optional(),
  requestReceivedTimestamp: z.string().optional(),
  stageTimestamp: z.string().optional(),
});
const GkeAudit = z.object({
  protoPayload: z.object({
    serviceName: z.literal('k8s.io'),
    methodName: z.string().optional(),
    resourceName: z.string().optional(),
    authenticationInfo: z.object({ principalEmail: z.string().optional() }).optional(),
    requestMetadata: z.object({ callerIp: z.string().optional() }).optional(),
    status: z.object({ code: z.number().optional() }).optional(),
  }),
  timestamp: z.string().optional(),
});

function detect(raw: unknown): boolean {
  if (typeof raw !== 'object' || raw === null) return false;
  if ('apiVersion' in raw && 'kind' in raw) return AuditEvent.safeParse(raw).success;
  return 'protoPayload' in raw && GkeAudit.safeParse(raw).success;
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const obs = new ObservablesBuilder();
  const gke = GkeAudit.safeParse(raw);
  if (gke.success) {
    const p = gke.data.protoPayload;
    obs.srcIp(p.requestMetadata?.callerIp);
    obs.user(p.authenticationInfo?.principalEmail);
    return parserAlert('kubernetes.audit_logs', 'kubernetes.audit_logs', obs, {
      title: `Kubernetes ${p.methodName ?? 'request'} ${p.resourceName ?? ''}`.trim(),
      severity: (p.status?.code ?? 0) === 7 ? 'medium' : 'info',
      observedAt: toIsoTime(gke.data.timestamp),
      ruleId: p.methodName ?? null,
    });
  }
  const e = AuditEvent.parse(raw);
  for (const ip of e.sourceIPs ?? []) obs.srcIp(ip);
  obs.user(e.user?.username);
  obs.user(e.user?.uid);
  obs.user(e.impersonatedUser?.username);
  const target = [e.objectRef?.namespace, e.objectRef?.resource, e.objectRef?.name].filter(Boolean).join('/');
  const code = e.responseStatus?.code ?? 0;
  return parserAlert('kubernetes.audit_logs', 'kubernetes.audit_logs', obs, {
    title: `Kubernetes ${e.verb ?? 'request'} ${target || (e.requestURI ?? '')}${code ? ` (${code})` : ''}`,
    severity: code === 401 || code === 403 ? 'medium' : 'info',
    observedAt: toIsoTime(e.stageTimestamp ?? e.requestReceivedTimestamp),
    ruleId: `${e.verb ?? ''}:${e.objectRef?.resource ?? ''}`,
  });
}

export const kubernetesAuditParser: Parser = {
  name: 'kubernetes.audit_logs',
  claims: { keys: ['apiVersion', 'protoPayload'], text: false },
  detect,
  parse,
};
