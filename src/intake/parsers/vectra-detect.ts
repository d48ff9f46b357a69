// Vectra Detect (Cognito) syslog JSON lines, `vectra_json_<kind> -: {…}` behind an optional syslog header: host
// and account detections and scoring, lockdowns, campaigns, audit, health and Vectra Match alerts, with their
// addresses, hosts and accounts mapped as Elastic's `vectra_detect.log` pipelines map them.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import {
  bareIndicatorIp,
  detectorOf,
  isObject,
  parserAlert,
  type RecordFacts,
  TextField,
  textOf,
} from './common.js';
import type { Parser } from './parser.js';

/** The event kinds Vectra writes before ` -: `, each read by its own Elastic sub-pipeline. */
const KINDS = [
  'vectra_json_v2',
  'vectra_json',
  'vectra_json_account_v2',
  'vectra_json_account_detection',
  'vectra_json_host_lockdown',
  'vectra_json_lockdown',
  'vectra_json_campaigns',
  'vectra_json_audit',
  'vectra_json_health',
  'vectra_json_vectra_match_v2',
] as const;
type Kind = (typeof KINDS)[number];
const isKind = (s: string): s is Kind => (KINDS as readonly string[]).includes(s);

/** The kind token and the JSON body; any syslog header before the kind is at most a few hundred chars. */
const LINE = /^(?:[^{]{0,320}?\s)?(vectra_json[a-z0-9_]*) -:\s*(\{[\s\S]*\})\s*$/;

const Obj = z.record(z.string(), z.unknown());
type Obj = z.infer<typeof Obj>;

interface VectraLine {
  kind: Kind;
  json: Obj;
}

function read(raw: unknown): VectraLine | null {
  const s = textOf(raw);
  if (s === null || !s.includes('vectra_json')) return null;
  const m = LINE.exec(s.trim());
  const kind = m?.[1] ?? '';
  if (!m || !isKind(kind)) return null;
  const json = Obj.safeParse(JSON.parse(m[2] ?? ''));
  return json.success ? { kind, json: json.data } : null;
}

/** A field as text (strings and numbers, as Elastic renders them); undefined when absent or empty. */
const str = (o: Obj, key: string): string | undefined => TextField.parse(o[key]);
const num = (o: Obj, key: string): number | null => {
  const v = str(o, key);
  const n = v === undefined ? NaN : Number(v);
  return Number.isFinite(n) ? n : null;
};

/** A list of records written as a JSON array or as a JSON string holding one (`service_info`, `*_history`). */
function records(v: unknown): Obj[] {
  let list: unknown = v;
  if (typeof v === 'string') {
    try {
      list = JSON.parse(v);
    } catch {
      return [];
    }
  }
  return Array.isArray(list) ? list.filter(isObject).map((x) => Obj.parse(x)) : [];
}

/** `user@domain` → `user` (Elastic's dissect); a name without `@` is left as it is. */
const localOf = (v: string): string | undefined => {
  const at = v.indexOf('@');
  return at > 0 ? v.slice(0, at) : undefined;
};

/** Vectra's threat/certainty quadrant (`critical`, `high`, `medium`, `low`) or 0-100 threat score. */
function scoreSeverity(j: Obj): Severity {
  return mapSeverity(str(j, 'quadrant')) ?? mapSeverity(num(j, 'threat') ?? 0, 'hundred') ?? 'info';
}

function observables(kind: Kind, j: Obj): ObservablesBuilder {
  const obs = new ObservablesBuilder();
  // The brain's address (observer.ip) is a related address on every kind.
  obs.ip(bareIndicatorIp(str(j, 'headend_addr')));
  const dvchost = str(j, 'dvchost');
  switch (kind) {
    case 'vectra_json_v2':
    case 'vectra_json':
      if (str(j, 'category') === 'HOST SCORING') {
        obs.ip(bareIndicatorIp(str(j, 'host_ip')));
        obs.host(dvchost);
        obs.host(str(j, 'host_name'));
        for (const h of [...records(j.account_access_history), ...records(j.service_access_history)]) {
          obs.user(str(h, 'uid'));
        }
      } else {
        obs.dstIp(bareIndicatorIp(str(j, 'dd_dst_ip')));
        obs.srcIp(bareIndicatorIp(str(j, 'host_ip')));
        obs.ip(bareIndicatorIp(str(j, 'ip')));
        obs.host(str(j, 'host_name'));
        obs.host(dvchost);
        obs.domain(str(j, 'dd_dst_dns'));
        obs.user(str(j, 'account_name'));
        for (const i of [...records(j.service_info), ...records(j.account_info)])
          obs.user(str(i, 'account_uid'));
      }
      break;
    case 'vectra_json_account_detection':
      obs.host(dvchost);
      for (const i of [...records(j.service_info), ...records(j.account_info)])
        obs.user(str(i, 'account_uid'));
      accountUid(obs, str(j, 'account_uid'));
      obs.dstIp(bareIndicatorIp(str(j, 'dd_dst_ip')));
      obs.domain(str(j, 'dd_dst_dns'));
      break;
    case 'vectra_json_account_v2':
      accountUid(obs, str(j, 'account_uid'));
      for (const h of records(j.service_access_history)) obs.user(str(h, 'uid'));
      break;
    case 'vectra_json_lockdown':
      obs.user(str(j, 'user'));
      accountUid(obs, str(j, 'account_uid'));
      accountUid(obs, str(j, 'account_name'));
      break;
    case 'vectra_json_host_lockdown':
      obs.user(str(j, 'user'));
      obs.host(str(j, 'host_name'));
      break;
    case 'vectra_json_campaigns':
      obs.dstIp(bareIndicatorIp(str(j, 'dest_ip')));
      obs.srcIp(bareIndicatorIp(str(j, 'src_ip')));
      obs.domain(str(j, 'dest_name'));
      obs.host(dvchost);
      break;
    case 'vectra_json_audit':
    case 'vectra_json_health':
      obs.srcIp(bareIndicatorIp(str(j, 'source_ip')));
      obs.user(str(j, 'user'));
      obs.host(dvchost);
      break;
    case 'vectra_json_vectra_match_v2':
      obs.srcIp(bareIndicatorIp(str(j, 'src_ip')));
      obs.dstIp(bareIndicatorIp(str(j, 'dest_ip')));
      break;
  }
  return obs;
}

/** An account uid (`O365:name@domain`): its local part (user.id) and the whole uid are users. */
function accountUid(obs: ObservablesBuilder, uid: string | undefined): void {
  if (!uid) return;
  obs.user(localOf(uid));
  obs.user(uid);
}

type Facts = Omit<RecordFacts, 'observedAt'>;

function facts(kind: Kind, j: Obj): Facts {
  const success = typeof j.success === 'boolean' ? String(j.success) : str(j, 'success');
  const failed = /^(?:failure|false)$/i.test(str(j, 'result') ?? success ?? '');
  switch (kind) {
    case 'vectra_json_v2':
    case 'vectra_json':
      if (str(j, 'category') === 'HOST SCORING') {
        return {
          title:
            `Vectra host scoring: ${str(j, 'host_name') ?? str(j, 'host_id') ?? 'host'} ${str(j, 'quadrant') ?? ''}`.trim(),
          severity: scoreSeverity(j),
          ruleId: str(j, 'last_detection_type') ?? null,
        };
      }
      return detection('host', j);
    case 'vectra_json_account_detection':
      return detection('account', j);
    case 'vectra_json_account_v2':
      return {
        title:
          `Vectra account scoring: ${str(j, 'account_uid') ?? str(j, 'account_id') ?? 'account'} ${str(j, 'quadrant') ?? ''}`.trim(),
        severity: scoreSeverity(j),
        ruleId: str(j, 'last_detection_type') ?? null,
      };
    case 'vectra_json_lockdown':
    case 'vectra_json_host_lockdown':
      return {
        title: `Vectra lockdown: ${str(j, 'action') ?? 'change'} ${str(j, 'host_name') ?? str(j, 'account_uid') ?? ''} by ${str(j, 'user') ?? 'unknown'}`,
        severity: failed ? 'medium' : 'low',
        ruleId: str(j, 'category') ?? null,
      };
    case 'vectra_json_campaigns':
      return {
        title: `Vectra campaign ${str(j, 'action') ?? ''}: ${str(j, 'campaign_name') ?? ''}${str(j, 'reason') ? ` (${str(j, 'reason')})` : ''}`,
        severity: 'medium',
        ruleId: str(j, 'campaign_id') ?? null,
      };
    case 'vectra_json_audit':
    case 'vectra_json_health':
      return {
        title: `Vectra ${kind === 'vectra_json_audit' ? 'audit' : 'health'}: ${str(j, 'message') ?? str(j, 'type') ?? ''}`,
        severity: failed ? 'medium' : 'info',
        ruleId: str(j, 'type') ?? null,
      };
    case 'vectra_json_vectra_match_v2':
      return {
        title: `Vectra Match: ${str(j, 'alert_signature') ?? str(j, 'alert_category') ?? 'alert'}`,
        severity: mapSeverity(num(j, 'alert_severity') ?? 4, 'rank') ?? 'medium',
        ruleId: str(j, 'alert_signature_id') ?? null,
      };
  }
}

/** A host or account detection: its type name, category and the 0-10 severity (threat / 10). */
function detection(entity: 'host' | 'account', j: Obj): Facts {
  const name = str(j, 'd_type_vname') ?? str(j, 'd_type') ?? 'detection';
  const category = str(j, 'category');
  const sev = num(j, 'severity');
  const threat = num(j, 'threat');
  return {
    title: `Vectra ${entity} detection: ${name}${category ? ` (${category})` : ''}`,
    severity:
      (sev === null ? null : mapSeverity(sev)) ??
      (threat === null ? null : mapSeverity(threat, 'hundred')) ??
      'medium',
    ruleId: str(j, 'd_type') ?? null,
  };
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const line = read(raw);
  if (!line) throw new Error('not a Vectra Detect line');
  const { kind, json } = line;
  const observedAt = toIsoTime(str(json, 'vectra_timestamp')) ?? toIsoTime(str(json, 'timestamp')) ?? null;
  return parserAlert('vectra_detect.log', 'vectra_detect.log', observables(kind, json), {
    ...facts(kind, json),
    observedAt,
  });
}

export const vectraDetectParser: Parser = {
  name: 'vectra_detect.log',
  claims: { keys: [], text: ['vectra_json'] },
  detect: detectorOf(read),
  // Elastic keeps the destination domain (dd_dst_dns, a campaign's dest_name) out of related.hosts.
  domainsInRelatedHosts: false,
  parse,
};
