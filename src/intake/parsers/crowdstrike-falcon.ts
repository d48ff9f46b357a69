// CrowdStrike Falcon streaming API events (`metadata` + `event`): detections and audit events; the
// user, the host, the user's address as the source and the host addresses as related.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { parserAlert } from './common.js';
import type { Parser } from './parser.js';

const FalconEvent = z.object({
  metadata: z.object({
    eventType: z.string(),
    customerIDString: z.string().optional(),
    eventCreationTime: z.number().optional(),
  }),
  event: z.object({
    UserId: z.string().optional(),
    UserName: z.string().optional(),
    UserIp: z.string().optional(),
    OperationName: z.string().optional(),
    ServiceName: z.string().optional(),
    ComputerName: z.string().optional(),
    Hostname: z.string().optional(),
    LocalIP: z.string().optional(),
    ExternalIP: z.string().optional(),
    DetectName: z.string().optional(),
    DetectDescription: z.string().optional(),
    Name: z.string().optional(),
    Severity: z.union([z.number(), z.string()]).optional(),
    SeverityName: z.string().optional(),
    MD5String: z.string().optional(),
    SHA256String: z.string().optional(),
    SHA1String: z.string().optional(),
    Success: z.boolean().optional(),
  }),
});

const detect = (raw: unknown): boolean =>
  typeof raw === 'object' &&
  raw !== null &&
  'metadata' in raw &&
  'event' in raw &&
  FalconEvent.safeParse(raw).success;

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const { metadata, event: e } = FalconEvent.parse(raw);
  const obs = new ObservablesBuilder();
  obs.srcIp(e.UserIp);
  obs.ip(e.LocalIP);
  obs.ip(e.ExternalIP);
  obs.user(e.UserName ?? e.UserId);
  obs.host(e.ComputerName ?? e.Hostname);
  obs.hash(e.MD5String);
  obs.hash(e.SHA1String);
  obs.hash(e.SHA256String);
  const what = e.DetectName ?? e.Name ?? e.OperationName ?? metadata.eventType;
  const severity =
    mapSeverity(e.SeverityName) ??
    mapSeverity(e.Severity, 'ten') ??
    (e.Success === false ? 'medium' : 'info');
  return parserAlert('crowdstrike.falcon', 'crowdstrike.falcon', obs, {
    title: e.ServiceName && !e.DetectName ? `${what} (${e.ServiceName})` : what,
    severity,
    observedAt: toIsoTime(metadata.eventCreationTime),
    ruleId: `${metadata.eventType}:${e.OperationName ?? e.DetectName ?? ''}`,
  });
}

export const crowdstrikeFalconParser: Parser = { name: 'crowdstrike.falcon', detect, parse };
